"""The index at the back of the printed handbook, in-process: its terms in each language's alphabetical order under
letter headings, and what the print document makes of them. The terms as read and checked are tested in
test_index_terms.py, the page lists in test_page_slots.py, the real PDFs' index in test_handbook_pdf.py."""

from __future__ import annotations

import tinyhtml5

from handbook.printing.book_index import INDEX_ID, book_index, letter_of
from handbook.printing.document import PrintLabels, RenderedPage, combine, numbered_targets
from handbook.sources.index_terms import IndexTarget, IndexTerm

INDEX_FILE = "docs/index-terms.yml"

WORDS = ["Zwart betalen", "review", "“ik heb al betaald”", "één klant", "112", "Aansprakelijkheid", "'s-Hertogenbosch", "ergens"]


def test_terms_sort_by_their_letters_whatever_their_case_accents_or_leading_quotes():
    terms = [IndexTerm({"nl": word}, (), 1) for word in WORDS]
    assert [entry.term for entry in book_index(terms, "nl", "Register", INDEX_FILE).entries] == [
        "112",
        "Aansprakelijkheid",
        "één klant",
        "ergens",
        "“ik heb al betaald”",
        "review",
        "'s-Hertogenbosch",
        "Zwart betalen",
    ]
    # Sorted as written, capitals, accented letters and quotes would each stand apart from their letter.
    assert sorted(WORDS) != [entry.term for entry in book_index(terms, "nl", "Register", INDEX_FILE).entries]


def test_each_term_stands_under_its_letter_and_numbers_under_one_heading():
    assert [letter_of(word) for word in WORDS] == ["Z", "R", "I", "E", "0–9", "A", "S", "E"]


LABELS = PrintLabels("Handbook", "Subtitle", "English", "Edition", "", "Contents", "page {page} of {pages}", "p.")
FOLDERS = {"nl": "", "en": "en/"}
CHAPTERS = [
    RenderedPage(
        "talk",
        "en",
        "en/talk/",
        "Talk",
        '<h1 id="talk">Talk</h1><h2 id="stay-calm">Stay calm</h2><h2 id="summarise">Summarise</h2>',
        "x",
    ),
    RenderedPage("after", "en", "en/after/", "After", '<h1 id="after">After</h1><h2 id="follow-up">Follow up</h2>', "y"),
]


def target(page: str, anchor: str, line: int = 1) -> IndexTarget:
    return IndexTarget(page, anchor, line, 16)


def print_document(terms: list[IndexTerm]):
    index = book_index(terms, "en", "Index", INDEX_FILE)
    html, problems = combine(CHAPTERS, LABELS, "en", FOLDERS, "https://example.org/", "", "file:///site/", index)
    return html, tinyhtml5.parse(html, namespace_html_elements=False), problems


def test_the_index_follows_the_last_chapter_and_ends_the_contents():
    terms = [
        IndexTerm({"en": "summarising"}, (target("talk", "summarise"),), 1),
        IndexTerm({"en": "Calm"}, (target("after", "follow-up"), target("talk", "summarise"), target("talk", "stay-calm")), 2),
    ]
    html, root, problems = print_document(terms)
    assert problems == []
    sections = [element for element in next(root.iter("body")) if element.tag == "section"]
    assert [element.get("class") for element in sections] == ["cover", "chapter", "chapter", "book-index"]
    index = sections[-1]
    assert ["".join(heading.itertext()) for heading in index.iter() if heading.tag in ("h1", "h2")] == ["Index", "C", "S"]
    assert next(index.iter("h1")).get("id") == INDEX_ID
    nav = next(root.iter("nav"))
    assert [a.get("href") for a in nav.iter("a")][-1] == f"#{INDEX_ID}"
    entries = [("".join(entry.itertext()), [a.get("href") for a in entry.iter("a")]) for entry in index.iter("p")]
    # Each term's sections in the order they stand in the book, so that its pages rise.
    assert entries == [
        ("Calm, ", ["#talk--stay-calm", "#talk--summarise", "#after--follow-up"]),
        ("summarising, ", ["#talk--summarise"]),
    ]
    assert {"talk--stay-calm", "talk--summarise", "after--follow-up", INDEX_ID} <= numbered_targets(html)


def test_the_index_adds_its_section_and_contents_line_and_changes_nothing_else():
    terms = [IndexTerm({"en": "calm"}, (target("talk", "stay-calm"),), 1)]
    with_index, _, _ = print_document(terms)
    without, problems = combine(CHAPTERS, LABELS, "en", FOLDERS, "https://example.org/", "", "file:///site/")
    assert problems == []
    contents_line = f'<li class="toc-chapter"><a data-page="00" href="#{INDEX_ID}"><span class="toc-entry">Index</span></a></li>'
    start = with_index.index('<section class="book-index">')
    end = with_index.index("</section>", with_index.index('<div class="index-groups">'))
    end = with_index.index("</section>", end + 1) + len("</section>")
    assert with_index[:start].replace(contents_line, "", 1) + with_index[end:] == without


def test_a_section_the_document_does_not_print_is_a_print_problem_at_the_term():
    _, _, problems = print_document([IndexTerm({"en": "calm"}, (target("talk", "gone", 12),), 12)])
    assert [p.format() for p in problems] == [
        f"{INDEX_FILE}:12:16: PRINT-LINK index term 'calm' leads to 'talk#gone', which the handbook does not print"
    ]


def test_no_terms_no_index():
    html, _, _ = print_document([])
    assert "book-index" not in html
