"""Page numbers written into the laid-out document: the same words at the same places as a layout that knew them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import require_tool
from pypdf import PdfReader

from handbook.printing.page_slots import estimated_pages
from handbook.printing.typeset import PrintJob, render_job

# A contents entry with its number in a right-aligned column, and a cross-reference inside a justified line.
DOCUMENT = """<html><head><style>
@page {{ size: A6; margin: 10mm }}
body {{ font-family: "DejaVu Sans"; font-size: 9pt; font-kerning: none }}
.toc a {{ display: block; position: relative }}
.toc a::after {{ content: attr(data-page); position: absolute; right: 0; width: 7mm; text-align: right }}
p {{ text-align: left }}
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
    assert sorted(numbers(words(filled))) == [str(target_page), f"{target_page})"]
    assert words(filled) == words(exact)


def link_rectangles(pdf: Path) -> list[tuple[float, ...]]:
    return [
        tuple(round(float(v), 1) for v in annot.get_object()["/Rect"])
        for page in PdfReader(pdf).pages
        for annot in page.get("/Annots") or []
    ]


def test_a_shorter_number_closes_up_with_the_words_after_it(tmp_path):
    """A guess of two digits for page 3: the number moves right in the contents column, and in the text "(p. 3)"
    is followed by the rest of its line with no gap, as if the layout had known the page; the links follow."""
    filled, result = typeset(tmp_path, "filled.pdf", 3, "10")
    exact, _ = typeset(tmp_path, "exact.pdf", 3, "3")
    assert result.layouts == 1
    assert words(filled) == words(exact)
    assert link_rectangles(filled) == link_rectangles(exact)
    text = page_text(filled)
    assert "see there (p. 3) and words after" in " ".join(text.split())
    assert re.search(r"^Target +3$", text, re.MULTILINE)  # the contents entry, the number in its column


def page_text(pdf: Path, page: int = 1) -> str:
    return subprocess.run(
        [require_tool("pdftotext"), "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


ON_ITS_OWN_PAGE = """<html><head><style>
@page {{ size: A6; margin: 10mm }}
body {{ font-family: "DejaVu Sans"; font-size: 9pt; font-kerning: none }}
a.xref::after {{ content: "\\00a0(p. " attr(data-page) ")"; white-space: nowrap }}
</style></head><body>
<p><a class="xref" data-page="{guess}" href="#near">Near</a>, <a class="xref" data-page="{guess}" href="#far">Far</a>.</p>
<h2 id="near">Near</h2>
<p>Back to <a class="xref" data-page="{guess}" href="#near">near</a>.</p>
<h2 id="far" style="break-before: page">Far</h2>
<p>Back to <a class="xref" data-page="{guess}" href="#near">near</a>.</p>
</body></html>"""


@pytest.mark.parametrize("guess", ["7", "10"])
def test_a_reference_on_its_targets_page_prints_no_number(tmp_path, guess):
    """A reference printed on the page of its target leaves out the page: "Near, Far (p. 2)." on page 1; the
    reference to "near" from page 2 keeps its number, and every reference is still a link to its target."""
    job = PrintJob("own.pdf", ON_ITS_OWN_PAGE.format(guess=guess), tmp_path.as_uri() + "/", "docs/x.md", "en", page_hint={})
    result = render_job(job, str(tmp_path))
    assert result.errors == []
    assert result.page_numbers == {"near": 1, "far": 2}
    first, second = (" ".join(page_text(tmp_path / "own.pdf", page).split()) for page in (1, 2))
    assert first == "Near, Far (p. 2). Near Back to near."
    assert second == "Far Back to near (p. 1)."
    reader = PdfReader(tmp_path / "own.pdf")
    links = [annot.get_object() for page in reader.pages for annot in page.get("/Annots") or []]
    assert len(links) >= 4 and all(link["/Rect"][2] - link["/Rect"][0] > 5 for link in links)


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


PAGE_LIST = """<html><head><style>
@page {{ size: A6; margin: 10mm }}
body {{ font-family: "DejaVu Sans"; font-size: 9pt; font-kerning: none }}
.page-list {{ white-space: nowrap }}
.page-list a::after {{ content: attr(data-page) }}
.page-list a + a::after {{ content: ", " attr(data-page) }}
</style></head><body>
<h2 id="one">One</h2><h2 id="two">Two</h2><h2 id="three" style="break-before: page">Three</h2>
<p style="break-before: page">Calm, <span class="page-list">{slots}</span> and more words after it.</p>
</body></html>"""


def page_list(tmp_path: Path, name: str, targets: dict[str, str]):
    """A page list, as after a term in the index, with a slot for each target, each guessed as `targets` says."""
    slots = "".join(f'<a data-page="{guess}" href="#{target}"></a>' for target, guess in targets.items())
    job = PrintJob(name, PAGE_LIST.format(slots=slots), tmp_path.as_uri() + "/", "docs/x.md", "en", page_hint={})
    result = render_job(job, str(tmp_path))
    assert result.errors == []
    return tmp_path / name, result


@pytest.mark.parametrize("guess", ["7", "10"])
def test_a_page_list_prints_a_page_two_of_its_targets_share_once(tmp_path, guess):
    """ "Calm, 1, 2": sections one and two both start on page 1, and the list prints it once, its separator with it;
    the words after it close up, as if the list had been laid out with two numbers, and every number stays a link."""
    filled, result = page_list(tmp_path, "filled.pdf", {"one": guess, "two": guess, "three": guess})
    exact, _ = page_list(tmp_path, "exact.pdf", {"one": "1", "three": "2"})
    assert result.page_numbers == {"one": 1, "two": 1, "three": 2} and result.layouts == 1
    assert " ".join(page_text(filled, 3).split()) == "Calm, 1, 2 and more words after it."
    assert page_text(filled, 3) == page_text(exact, 3)
    assert link_rectangles(filled) == link_rectangles(exact)
    assert all(right - left > 4 for left, _, right, _ in link_rectangles(filled))  # no empty link left behind
