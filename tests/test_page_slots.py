"""Page numbers written into the laid-out document: the same words at the same places as a layout that knew them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import require_tool

from handbook.printing.page_slots import estimated_pages
from handbook.printing.typeset import PrintJob, render_job

# A contents entry with its number in a right-aligned column, and a cross-reference inside a justified line.
DOCUMENT = """<html><head><style>
@page {{ size: A6; margin: 10mm }}
body {{ font-family: "DejaVu Sans"; font-size: 9pt; font-kerning: none }}
.toc a {{ display: block; position: relative }}
.toc a::after {{ content: attr(data-page); position: absolute; right: 0; width: 7mm; text-align: right }}
p {{ text-align: justify }}
a.xref::after {{ content: " (p. " attr(data-page) ")"; white-space: nowrap }}
</style></head><body>
<nav class="toc"><a data-page="{guess}" href="#target">Target</a></nav>
<p>Words before the reference <a class="xref" data-page="{guess}" href="#target">see there</a> and words after
it, enough of them to fill this line and the next one so that justification moves every word.</p>
{fillers}<h2 id="target" style="break-before: page">Target</h2>
</body></html>"""


def words(pdf: Path) -> list[tuple[str, str, str, str]]:
    """Every word of the first page with its left edge, top and right edge, as poppler reads them."""
    html = subprocess.run(
        [require_tool("pdftotext"), "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)


def document(target_page: int, guess: str) -> str:
    return DOCUMENT.format(guess=guess, fillers='<p style="break-before: page">Filler</p>' * (target_page - 2))


def typeset(tmp_path: Path, name: str, target_page: int, guess: str):
    job = PrintJob(
        name, document(target_page, guess), tmp_path.as_uri() + "/", "docs/x.md", "en", page_hint={"target": int(guess)}
    )
    result = render_job(job, str(tmp_path))
    assert result.errors == []
    return tmp_path / name, result


def numbers(found: list[tuple[str, str, str, str]]) -> list[str]:
    return [word for *_, word in found if re.search(r"\d", word)]


@pytest.mark.parametrize(("target_page", "guess"), [(3, "7"), (14, "99"), (14, "10")])
def test_filled_numbers_sit_where_a_layout_with_them_puts_them(tmp_path, target_page, guess):
    filled, result = typeset(tmp_path, "filled.pdf", target_page, guess)
    exact, _ = typeset(tmp_path, "exact.pdf", target_page, str(target_page))
    assert result.layouts == 1
    assert numbers(words(filled)) == [str(target_page), f"{target_page})"]
    assert words(filled) == words(exact)


def test_a_shorter_number_keeps_its_column_and_the_words_after_it(tmp_path):
    from weasyprint import HTML

    filled, result = typeset(tmp_path, "filled.pdf", 3, "10")
    exact, _ = typeset(tmp_path, "exact.pdf", 3, "3")
    unfilled = tmp_path / "unfilled.pdf"
    HTML(string=document(3, "10")).write_pdf(unfilled)
    assert result.layouts == 1
    (column, reference), (exact_column, _) = ([w for w in words(pdf) if re.search(r"\d", w[3])] for pdf in (filled, exact))
    assert column == exact_column  # right-aligned like a number laid out in its place
    assert reference[3] == "3)"
    others = [w for w in words(filled) if not re.search(r"\d", w[3])]
    assert others == [w for w in words(unfilled) if not re.search(r"\d", w[3])]


def test_estimates_follow_the_order_of_the_document():
    html = (
        "<html><body><nav class='toc'>"
        + "x" * 100
        + "</nav>"
        + '<h2 id="first">A</h2>'
        + "y" * 10_000
        + '<h2 id="later">B</h2>'
        + "z" * 100_000
        + '<h2 id="last">C</h2></body></html>'
    )
    guesses = estimated_pages(html, {"first", "later", "last", "missing"})
    assert set(guesses) == {"first", "later", "last"}
    assert 2 < guesses["first"] < guesses["later"] < guesses["last"]
    assert len(str(guesses["last"])) == 2
