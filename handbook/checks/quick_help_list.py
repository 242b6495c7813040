"""Quick help's list of situations against its sections: the phone's jump list, the order of the cards and the
desk sheet's groups are all read from that list (pages/deck.py), so a situation missing from it, or listed out of
the page's order, would send a tap to the wrong place and put a card in the wrong group. Reported here, at the
list line, before any of those outputs is made.
"""

from __future__ import annotations

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.pages.deck import QUICK_HELP, list_links
from handbook.sources.model import Handbook, Page


def list_problems(page: Page) -> list[Problem]:
    """Each situation the list leaves out, lists twice or lists before a situation that stands above it."""
    situations = [heading for heading in page.scan.headings if heading.level == 2 and heading.id]
    order = {heading.id: number for number, heading in enumerate(situations)}
    in_page = [link for link in list_links(page.scan) if link.target.startswith("#")]
    listed = [(link.target[1:], link.line, link.col) for link in in_page if link.target[1:] in order]
    problems: list[Problem] = []
    seen: set[str] = set()
    previous = -1
    for situation, line, col in listed:
        if situation in seen:
            message = f"situation '#{situation}' is listed twice in quick help's list"
            problems.append(Problem(page.path, line, col, Code.QUICK_HELP_LIST, message, "list it once", page.lang))
        elif order[situation] < previous:
            before = situations[previous].id
            message = f"situation '#{situation}' is listed after '#{before}', but its section stands above that one"
            fix = "move the list item to where its section stands, or move the section"
            problems.append(Problem(page.path, line, col, Code.QUICK_HELP_LIST, message, fix, page.lang))
        seen.add(situation)
        previous = max(previous, order[situation])
    for heading in situations:
        if heading.id not in seen and listed:
            message = f"situation '{heading.title}' (#{heading.id}) is not in quick help's list of situations"
            fix = f"add `- [{heading.title}](#{heading.id})` to its group"
            problems.append(Problem(page.path, heading.line, heading.col, Code.QUICK_HELP_LIST, message, fix, page.lang))
    return problems


def check(handbook: Handbook) -> list[Problem]:
    """QUICK-HELP-LIST in every language that has a quick help page."""
    pages = (handbook.page(QUICK_HELP, lang) for lang in handbook.settings.locales)
    return [problem for page in pages if page is not None for problem in list_problems(page)]
