"""A word left alone on a line in the middle of a paragraph of a handbook PDF is reported at its section's heading;
lines that end short on purpose (a paragraph's last line, a line break, a narrow table column) are not.

The typesetter's own fault cannot be planted at will (it depends on words, fonts and column), so the planted
stray line is made the way a reader sees it: a word that the next box does not fit beside."""

from __future__ import annotations

from pathlib import Path

from handbook.core.codes import Code
from handbook.printing.typeset import PrintJob, render_job

FILL = "Words that fill the line from one side of the column to the other, and then some more words after them. "
STRAY = "Alone"
DOCUMENT = f"""<html lang="en"><head><style>
@page {{ size: A5; margin: 15mm }}
body {{ font-family: "DejaVu Serif"; font-size: 10pt; text-align: justify }}
.wide {{ display: inline-block; width: 95% }}
td {{ width: 12mm }}
</style></head><body>
<h2 id="chapter--before">Before</h2>
<p>{FILL}{FILL}</p>
<p>A letter’s closing lines end short on purpose:<br>Kind regards,<br>Name<br>and the paragraph goes on after them
with enough words to fill a line of its own and more.</p>
<table><tr><td>Narrow column words that wrap short</td><td>{FILL}</td></tr></table>
<h2 id="chapter--planted">Planted</h2>
<p>{STRAY} <span class="wide">{FILL}</span> and the paragraph goes on below the box that did not fit beside it.</p>
</body></html>"""


def typeset(tmp_path: Path, page_hint: dict[str, int] | None):
    job = PrintJob(
        "handbook-en.pdf",
        DOCUMENT,
        tmp_path.as_uri() + "/",
        "docs/*.en.md",
        "en",
        page_hint=page_hint,
        section_sources={"chapter--planted": ("docs/chapter.en.md", 12, 1), "chapter--before": ("docs/chapter.en.md", 3, 1)},
    )
    return render_job(job, str(tmp_path))


def test_a_word_alone_mid_paragraph_is_reported_at_its_section_and_nothing_else(tmp_path):
    result = typeset(tmp_path, page_hint={})
    assert [(p.path, p.line, p.code) for p in result.errors] == [("docs/chapter.en.md", 12, Code.PRINT_STRAY_LINE)]
    assert result.errors[0].format().startswith("docs/chapter.en.md:12:1: PRINT-STRAY-LINE ")
    message = result.errors[0].message
    assert f"“{STRAY}”" in message and "page 1" in message and "handbook-en.pdf" in message
    # the failed job writes no PDF: the previous one stays
    assert not (tmp_path / "handbook-en.pdf").exists()


def test_documents_without_running_text_columns_are_not_searched(tmp_path):
    # Cards, sheets and checklists (no page numbers to fill) lay their lines out by their own rules.
    result = typeset(tmp_path, page_hint=None)
    assert result.errors == []
    assert (tmp_path / "handbook-en.pdf").stat().st_size > 0
