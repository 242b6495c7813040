"""Tip, key-point and caution boxes that would render wrong: no text inside, not a box at all, a type nobody styles.

Markdown never complains about a box: a body that is not indented gives an empty box with the text below it,
a `!!!` line with anything after the title is printed as text, and the theme shows any unknown type as a grey
note. Each of these is an error here, and both languages of a page must have the same boxes in the same order.
"""

from __future__ import annotations

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.sources.model import Handbook, Page

# The box types the handbook defines, with what each is for: the one list the check, the styles and
# AUTHORING.md follow. `tip` is the theme's own; `keypoint` and `caution` are styled in docs/assets/handbook.css
# (website) and handbook/printing/handbook.css (PDF).
BOX_TYPES = {
    "tip": "practical advice the reader can apply straight away",
    "keypoint": "the one thing to remember from a section",
    "caution": "a legal or safety point the reader must not miss, worded the same wherever it appears",
}
BOX_FORM = '`!!! tip "Title"`: the type, a space, the title in quotes, nothing after it'


def check_page(page: Page) -> list[Problem]:
    problems: list[Problem] = []
    known = ", ".join(f"`{kind}`" for kind in BOX_TYPES)
    for stray in page.scan.stray_box_lines:
        problems.append(
            page.problem(
                stray.line,
                stray.col,
                Code.BOX_FORMAT,
                f"'{stray.text[:60]}' is not written as a box: it would be shown as text",
                f"write {BOX_FORM}",
            )
        )
    for box in page.scan.admonitions:
        if box.kind not in BOX_TYPES:
            lower = box.kind.lower()
            if lower in BOX_TYPES:  # Markdown lowercases it, but parity checks and searches need one spelling
                message, fix = f"box type '{box.kind}' is not in lowercase", f"write `!!! {lower}`"
            else:
                message = f"box type '{box.kind}' is not one of the handbook's boxes: it would look like a plain note"
                fix = f"use one of {known}"
            problems.append(page.problem(box.line, box.col, Code.BOX_TYPE, message, fix))
        if not box.has_body:
            problems.append(
                page.problem(
                    box.line,
                    box.col,
                    Code.BOX_INDENT,
                    f"'{box.kind}' box has no text: the lines below it are not indented, so they show under an empty box",
                    "leave a blank line after the `!!!` line and indent the box's text by 4 spaces",
                )
            )
    return problems


def _where_missing(reference: Page, page: Page, index: int) -> int:
    """The line of this page's heading over the section where the reference has the box this page lacks."""
    box_line = reference.scan.admonitions[index].line
    above = [h.id for h in reference.scan.headings if h.line < box_line and h.id]
    ours = {h.id: h.line for h in page.scan.headings if h.id}
    return next((ours[section] for section in reversed(above) if section in ours), page.body_line)


def check_parity(reference: Page, page: Page) -> list[Problem]:
    """The boxes of `page` against those of the default language's `reference`: count, order and type."""
    theirs = [box.kind for box in reference.scan.admonitions]
    ours = page.scan.admonitions
    for number, (box, kind) in enumerate(zip(ours, theirs, strict=False), 1):
        if box.kind != kind:
            where = f"{reference.path}:{reference.scan.admonitions[number - 1].line}"
            return [
                page.problem(
                    box.line,
                    box.col,
                    Code.BOX_PARITY,
                    f"box {number} is a '{box.kind}' box, in {where} it is a '{kind}' box",
                    "use the same boxes, in the same order, in every language",
                )
            ]
    if len(ours) != len(theirs):
        if len(ours) > len(theirs):
            line, col = ours[len(theirs)].line, ours[len(theirs)].col
            there = f"{reference.path}:{reference.scan.admonitions[-1].line}" if theirs else reference.path
            counts = f"this is box {len(theirs) + 1}; {there} has the last of {len(theirs)}"
        else:
            line, col = _where_missing(reference, page, len(ours)), 1
            counts = f"{reference.path}:{reference.scan.admonitions[len(ours)].line} has box {len(ours) + 1}, missing here"
        return [
            page.problem(
                line,
                col,
                Code.BOX_PARITY,
                f"page has {len(ours)} boxes, {reference.path} has {len(theirs)}: {counts}",
                "translate box for box",
            )
        ]
    return []


def check(handbook: Handbook) -> list[Problem]:
    problems: list[Problem] = []
    default = handbook.settings.default_locale
    for _, langs in sorted(handbook.pages.items()):
        reference = langs.get(default)
        for page in langs.values():
            problems.extend(check_page(page))
            if reference is not None and page is not reference:
                problems.extend(check_parity(reference, page))
    return problems
