"""Phrase cards as a print shop takes them: one 90 x 65 mm card per page, 3 mm bleed, PDF/X-4.

The office sheets (sheets.py) put eight cards on A4 with cut marks for a desk printer. A print shop cuts from its
own sheets: it wants each card on its own page at the trim size plus bleed, a TrimBox and BleedBox that say where
to cut, no marks, colours in CMYK and an output intent. WeasyPrint writes the boxes from CSS `bleed` (its
BleedBox lies at most 10 pt outside the trim, so 3 mm comes out exactly) and PDF/X-4 with the CMYK profile of
`@color-profile device-cmyk` (FOGRA39) as output intent. What it cannot do is write the same file twice: its XMP document
ID is random, so `finish` replaces it with one derived from the file's own ID (pikepdf), for reproducible builds.

Text keeps 4 mm inside the trim (the safe zone); like the office cards, each card ends in an invisible marker
whose laid-out position tells whether its text fits.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from html import escape
from pathlib import Path

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.pages.directives import card_text
from handbook.printing.sheets import CARD_H, end_marker_id
from handbook.sources.phrases import Card

BLEED = 3.0  # mm beyond the trim on every side (print-shop.css)
SAFE = 4.0  # mm inside the trim that no text may enter
VARIANT = "pdf/x-4"
# FOGRA39, the printing condition European shops work to (coated paper, ISO 12647-2:2004): a CMYK profile made
# once from Fogra's characterization data and kept in the repository, so a build needs no profiling tool
# (profiles/README.md says how it was made). The output intent names the condition by its registered name.
PROFILE = Path(__file__).resolve().parent / "profiles" / "FOGRA39-argyll.icc"
OUTPUT_CONDITION = {
    "/OutputConditionIdentifier": "FOGRA39",
    "/RegistryName": "http://www.color.org",
    "/Info": "Coated FOGRA39 (ISO 12647-2:2004)",
}


def profile_css(profile: Path = PROFILE) -> str:
    """The CMYK profile that WeasyPrint embeds as the PDF/X output intent."""
    return f'@color-profile device-cmyk {{ src: url("{profile.as_uri()}"); components: cyan, magenta, yellow, black; }}'


# Where the document names its profile file; the file ID counts the profile by its content instead.
PROFILE_RULE = re.compile(r'(?<=@color-profile device-cmyk \{ src: url\(")[^"]+(?="\))')


def shop_card_html(card: Card, number: int, total: int, lang: str) -> str:
    """One page: a coloured band with the title and number, running into the bleed, then the situation and phrases."""
    return (
        f'<section class="shop-card" lang="{lang}" data-card="{escape(card.id)}"><div class="content">'
        f'<div class="band"><h2 class="title">{escape(card.title_in(lang))}</h2><p class="number">{number}/{total}</p></div>'
        f'<div class="text">{card_text(card, lang, "when")}<span class="end" id="{end_marker_id(card, lang)}"></span></div>'
        "</div></section>"
    )


def shop_cards_body(cards: list[Card], langs: list[str]) -> str:
    """Every card in source order, in each of `langs` in turn: one language, or each front followed by its back."""
    total = len(cards)
    return "".join(shop_card_html(card, number, total, lang) for number, card in enumerate(cards, 1) for lang in langs)


def shop_fit_limits(cards: list[Card], lang: str, source: str) -> tuple[tuple[str, float, Problem], ...]:
    """(end marker ID, lowest allowed position in mm, problem) for every card: its text ends above the safe zone."""
    lowest = CARD_H - SAFE
    return tuple(
        (
            end_marker_id(card, lang),
            lowest,
            Problem(
                source,
                card.line,
                1,
                Code.CARD_TOO_LONG,
                f"card '{card.id}' does not fit the print shop's 90 x 65 mm card, {SAFE:g} mm inside the trim,"
                f" in its '{lang}' text",
                f"shorten the '{lang}' phrases or drop one; cards are never printed smaller",
                lang,
            ),
        )
        for card in cards
    )


def finish(path: Path, document: str, profile: Path = PROFILE) -> None:
    """Complete the output intent WeasyPrint wrote: the printing condition's names (it names the condition after
    the profile's description) and the profile file as it is (it writes the profile as Pillow re-encodes it,
    twice the size of ArgyllCMS's file). Then give the PDF/X file an XMP document ID that follows from its
    document, where WeasyPrint writes a random one; the file ID is then computed from the content, so the same
    cards make the same file. `document` is the cards' document as written in any checkout; the profile counts by
    its content, not its place, so the same commit builds the same file in any folder."""
    import pikepdf  # loaded only when a print-shop file is written

    colours = profile.read_bytes()
    document = PROFILE_RULE.sub(hashlib.sha256(colours).hexdigest(), document)
    digest = hashlib.sha256(document.encode("utf-8")).digest()
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for intent in pdf.Root.get("/OutputIntents", []):
            for key, value in OUTPUT_CONDITION.items():
                intent[key] = pikepdf.String(value)
            intent.DestOutputProfile.write(colours)
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["xmpMM:DocumentID"] = f"uuid:{uuid.UUID(bytes=digest[:16])}"
        del pdf.trailer.ID  # a digest of the random ID; qpdf computes a new one from the content
        pdf.save(path, deterministic_id=True)
