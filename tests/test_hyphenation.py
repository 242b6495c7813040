"""Words the Dutch patterns split where a reader stumbles are split where Dutch splits them, in a real layout."""

from __future__ import annotations

import re

import pyphen
import pytest
from weasyprint import HTML

from handbook.printing.hyphenation import use_hyphenation_dictionaries

# The handbook's limits (handbook.css `hyphenate-limit-chars: 6 3 3`): three letters a side.
SIDE = 3


@pytest.fixture(scope="module")
def dutch() -> pyphen.Pyphen:
    use_hyphenation_dictionaries()
    return pyphen.Pyphen(lang="nl", left=SIDE, right=SIDE)


def test_meteen_is_never_split_and_incassokosten_only_after_incasso(dutch):
    assert pyphen.Pyphen(lang="nl_NL", left=SIDE, right=SIDE).inserted("meteen") == "met-een"  # the fault
    assert dutch.inserted("meteen") == "meteen"
    assert dutch.inserted("incassokosten") == "incasso-kosten"


def test_every_other_word_keeps_the_dictionarys_hyphens(dutch):
    plain = pyphen.Pyphen(lang="nl_NL", left=SIDE, right=SIDE)
    for word in ("oplossingen", "klantgegevens", "bedenktijd", "incasso", "kosten", "meteenmeer"):
        assert dutch.inserted(word) == plain.inserted(word), word


def test_a_narrow_column_breaks_incassokosten_after_incasso(tmp_path):
    """A real layout: the word must break in a column too narrow for it, and breaks where Dutch does."""
    html = (
        '<html lang="nl"><body style="font: 12pt sans-serif; width: 24mm; hyphens: auto; '
        "hyphenate-limit-chars: 6 3 3; hyphenate-character: '-'\">de incassokosten en meteen</body></html>"
    )
    target = tmp_path / "narrow.pdf"
    use_hyphenation_dictionaries()  # as the handbook's layout does (handbook.printing.laid_out.render)
    HTML(string=html).write_pdf(target)
    from pypdf import PdfReader

    lines = [line.strip() for line in PdfReader(target).pages[0].extract_text().splitlines()]
    assert "incasso-" in " ".join(lines), lines
    assert not any(re.search(r"(?:incas|incass|in|inc)-$", line) for line in lines), lines
    assert "met-" not in " ".join(lines), lines
