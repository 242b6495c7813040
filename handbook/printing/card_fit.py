"""Whether every phrase card fits its printed 90 x 65 mm, and each desk sheet its one A4 page, found during
validation by typesetting them.

Both layouts are checked: the office sheets and the print shop's single cards, whose text keeps 4 mm inside the
trim. A card that fits neither is reported once per language, as the office sheets see it.

Only a real layout knows: a character-count estimate let cards through that overflowed on paper, and blocked
cards that fit. Run in validation, the same layout makes `make check`, the live preview and `make build`
report the same cards. The desk sheets are checked the same way, so that `make check` rejects what the build
would.

What each card's layout showed is kept (build/cache/card-fit.json) under a digest of what decides it: its text in
that layout, the stylesheet, the fonts and the typesetter. An author who edits one card waits for that card
alone, laid out on its own in each layout and language that changed, not for every sheet (about a second
instead of a dozen). When most cards are new to the check (the first check of a checkout, a stylesheet edited),
it typesets the very print jobs the print step makes instead, in parallel, and keeps their PDFs in the print
cache: the print step then copies them instead of typesetting the cards again.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from handbook.core.atomic import write_bytes
from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.printing.cache import STORE, PreviousPrint
from handbook.printing.fonts import font_files
from handbook.printing.jobs import desk_jobs, print_shop_job, print_shop_jobs, sheet_document, stylesheet
from handbook.printing.places import places
from handbook.printing.print_shop import shop_card_html, shop_cards_body, shop_fit_limits
from handbook.printing.print_step import print_or_reuse
from handbook.printing.report import read_json
from handbook.printing.sheets import card_html, cards_body, fit_limits, slot
from handbook.printing.typeset import PrintJob, PrintResult, render_job
from handbook.printing.typesetter import typesetter_versions
from handbook.sources.downloads import DESK_SHEET, PHRASE_CARDS, PRINT_SHOP
from handbook.sources.model import Handbook
from handbook.sources.phrases import Card

MEMO = Path("cache") / "card-fit.json"  # in the build folder
OFFICE, SHOP = "office", "print shop"
LAYOUT_OF_JOB = {PHRASE_CARDS: OFFICE, PRINT_SHOP: SHOP}


@dataclass(frozen=True)
class CardLayout:
    """One card in one language, in one of the two layouts it is printed in."""

    card: Card
    lang: str
    layout: str  # OFFICE or SHOP


def card_jobs(handbook: Handbook):
    """The print jobs of single cards (the office sheets and the print shop's cards) and the desk sheets, per
    language."""
    kinds = (PHRASE_CARDS, PRINT_SHOP, DESK_SHEET)
    names = {name.format(lang=language.locale) for language in handbook.settings.languages for name in kinds}
    shop_jobs, missing_profile = print_shop_jobs(handbook)
    if missing_profile:  # the print step reports it; the cards still fit or not without the colour profile
        shop_jobs = [
            print_shop_job(handbook, [language], stylesheet("print-shop.css")) for language in handbook.settings.languages
        ]
    return [job for job in desk_jobs(handbook) + shop_jobs if job.name in names]


def _layout_digests(handbook: Handbook) -> dict[str, CardLayout]:
    """Every card in every language and layout, by a digest of all that decides whether it fits. The card's number
    and chapter stand below its end, so they are left out: renumbering the cards lays out none of them again."""
    common = hashlib.sha256(repr(sorted(typesetter_versions().items())).encode())
    for *_, path in font_files():
        common.update(path.read_bytes())
    css = {OFFICE: stylesheet("sheets.css"), SHOP: stylesheet("print-shop.css")}
    digests: dict[str, CardLayout] = {}
    for layout in (OFFICE, SHOP):
        for language in handbook.settings.languages:
            for card in handbook.cards:
                lang = language.locale
                html = card_html(card, 0, 0, lang, slot(0)) if layout == OFFICE else shop_card_html(card, 0, 0, lang)
                digest = common.copy()
                digest.update("\0".join((layout, lang, css[layout], html)).encode())
                digests[digest.hexdigest()] = CardLayout(card, lang, layout)
    return digests


def _outcome(problems: Iterable[Problem]) -> list[list[str]]:
    """A card's problems without their place, which moves when the cards above it change."""
    return [[problem.code.value, problem.message, problem.suggestion] for problem in problems]


def _problems(outcome: object, layout: CardLayout, source: str) -> list[Problem]:
    """The problems of a card's kept outcome, at the card's line now; a malformed memo entry counts as none."""
    problems: list[Problem] = []
    for entry in cast("list[object]", outcome) if isinstance(outcome, list) else []:
        fields = [str(field) for field in cast("list[object]", entry)] if isinstance(entry, list) else []
        if len(fields) == 3 and fields[0] in set(Code):
            code, message, suggestion = fields
            problems.append(Problem(source, layout.card.line, 1, Code(code), message, suggestion, layout.lang))
    return problems


def _alone(handbook: Handbook, layout: str, lang: str, cards: list[Card]) -> PrintJob:
    """These cards laid out on their own, as the office sheets or the print shop set them."""
    source = handbook.cards_path
    if layout == OFFICE:
        body, css, limits = cards_body(cards, lang, None, ""), stylesheet("sheets.css"), fit_limits(cards, lang, source)
    else:
        body, css, limits = shop_cards_body(cards, [lang]), stylesheet("print-shop.css"), shop_fit_limits(cards, lang, source)
    return PrintJob(
        f"card-fit-{lang}.pdf",
        sheet_document(lang, "", css, body),
        handbook.settings.docs_dir.as_uri() + "/",
        source,
        lang,
        limits,
    )


def _by_card(results: list[PrintResult], digests: dict[str, CardLayout]) -> dict[str, list[list[str]]]:
    """What the full print jobs found, card by card."""
    found: dict[str, list[list[str]]] = {}
    for digest, layout in digests.items():
        job_names = [name.format(lang=layout.lang) for name, kind in LAYOUT_OF_JOB.items() if kind == layout.layout]
        found[digest] = _outcome(
            problem
            for result in results
            if result.name in job_names
            for problem in result.errors
            if problem.code == Code.CARD_TOO_LONG and problem.line == layout.card.line and problem.lang == layout.lang
        )
    return found


def card_fit_problems(handbook: Handbook) -> list[Problem]:
    """CARD-TOO-LONG for each card that does not fit, per language, from a layout of the printed cards;
    DESK-TOO-LONG for each part of a desk sheet that runs off its page."""
    if not handbook.cards:
        return []
    build_dir = handbook.settings.build_dir
    build_dir.mkdir(parents=True, exist_ok=True)
    digests = _layout_digests(handbook)
    memo = read_json(build_dir / MEMO)
    new = [digest for digest in digests if digest not in memo]
    jobs = card_jobs(handbook)
    laid_out_alone = len(new) <= len(digests) // 2
    if laid_out_alone:  # the desk sheets as printed (copied when unchanged), the new cards each on their own
        jobs = [job for job in jobs if job.name not in {name.format(lang=job.lang) for name in LAYOUT_OF_JOB}]
    with tempfile.TemporaryDirectory(dir=build_dir) as scratch:
        store = PreviousPrint(build_dir / STORE, places(handbook.settings.docs_dir))
        results = print_or_reuse(jobs, store, Path(scratch))
        if laid_out_alone:
            outcomes = {digest: memo[digest] for digest in digests if digest in memo}
            for (layout, lang), group in _grouped(digests, new).items():
                found = render_job(_alone(handbook, layout, lang, [digests[d].card for d in group]), scratch)
                if any(problem.code != Code.CARD_TOO_LONG for problem in found.errors):
                    continue  # not laid out: nothing is known of these cards, and the print step reports why
                for digest in group:
                    outcomes[digest] = _outcome(p for p in found.errors if p.line == digests[digest].card.line)
        else:
            outcomes = _by_card(results, digests)
    write_bytes(build_dir / MEMO, (json.dumps(outcomes, ensure_ascii=False) + "\n").encode("utf-8"))
    problems: dict[tuple[str, int, str | None], Problem] = {}
    for digest, layout in digests.items():  # the office sheets first: a card that fits neither is named as they see it
        for problem in _problems(outcomes.get(digest), layout, handbook.cards_path):
            problems.setdefault((problem.path, problem.line, problem.lang), problem)
    for result in results:  # the desk sheets' parts
        for problem in result.errors:
            if problem.code == Code.DESK_TOO_LONG:
                problems.setdefault((problem.path, problem.line, problem.lang), problem)
    return list(problems.values())


def _grouped(digests: dict[str, CardLayout], new: list[str]) -> dict[tuple[str, str], list[str]]:
    """The new digests by layout and language: each group is laid out as one small job."""
    groups: dict[tuple[str, str], list[str]] = {}
    for digest in new:
        groups.setdefault((digests[digest].layout, digests[digest].lang), []).append(digest)
    return groups
