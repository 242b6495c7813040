"""The print document assembled from small pages: contents, prefixed IDs and what refers to them, links, permalinks.

In-process and without WeasyPrint: `combine` is given pages as MkDocs renders them, and its output is read back
with the same HTML parser WeasyPrint uses.
"""

from __future__ import annotations

import tinyhtml5

from handbook.printing.document import PrintLabels, RenderedPage, combine, numbered_targets, with_page_numbers

FOLDERS = {"nl": "", "en": "en/"}
LABELS = PrintLabels("Handbook", "Subtitle", "English", "Edition", "", "Contents", "page {page} of {pages}", "p.")
SVG = "{http://www.w3.org/2000/svg}"


def page(slug: str, html: str) -> RenderedPage:
    return RenderedPage(slug, "en", f"en/{slug}/", slug.title(), html, f"docs/{slug}.en.md")


def assemble(*pages: RenderedPage):
    """The document's parsed `html` element and the problems found."""
    html, problems = combine(list(pages), LABELS, "en", FOLDERS, "https://example.org/", "", "file:///site/")
    return html, tinyhtml5.parse(html, namespace_html_elements=False), problems


def by_id(root, element_id: str):
    return next(element for element in root.iter() if element.get("id") == element_id)


def contents(root) -> list[tuple[str, str]]:
    nav = next(element for element in root.iter("nav") if element.get("class") == "toc")
    return [(a.get("href"), "".join(a.itertext())) for a in nav.iter("a")]


def test_a_heading_with_a_class_is_listed_in_the_contents():
    _, root, _ = assemble(page("talk", '<h1 id="talk">Talk</h1><h2 class="wide" id="listen">Listen first</h2>'))
    assert contents(root) == [("#talk--talk", "Talk"), ("#talk--listen", "Listen first")]
    assert by_id(root, "talk--listen").get("class") == "wide"


def test_only_id_attributes_are_prefixed_not_data_attributes_ending_in_id():
    _, root, _ = assemble(page("talk", '<h1 id="talk">Talk</h1><div class="phrases" id="calm" data-card-id="calm">x</div>'))
    box = by_id(root, "talk--calm")
    assert box.get("data-card-id") == "calm"


def test_aria_and_label_references_follow_the_prefixed_ids():
    html = (
        '<h1 id="talk">Talk</h1><h2 id="steps">Steps</h2>'
        '<section aria-labelledby="steps" aria-describedby="one two"><p id="one">1</p><p id="two">2</p></section>'
        '<label for="done">Done</label><input id="done" type="checkbox">'
    )
    _, root, _ = assemble(page("talk", html))
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    references = {
        name: element.get(name).split()
        for element in root.iter()
        for name in ("aria-labelledby", "aria-describedby", "for")
        if element.get(name)
    }
    assert references == {
        "aria-labelledby": ["talk--steps"],
        "aria-describedby": ["talk--one", "talk--two"],
        "for": ["talk--done"],
    }
    assert all(target in ids for targets in references.values() for target in targets)


def test_links_between_pages_lead_to_the_anchors_in_the_document_with_a_page_number_slot():
    first = page(
        "talk",
        '<h1 id="talk">Talk</h1><p><a href="../after/#follow-up">follow up</a>, <a title="x" href="../after/">after</a>, '
        '<a href="#own">own</a>, <a href="../talk/">this chapter</a></p><h2 id="own">Own</h2>',
    )
    second = page("after", '<h1 class="big" id="after-title">After</h1><h2 id="follow-up">Follow up</h2>')
    html, root, problems = assemble(first, second)
    links = {"".join(a.itertext()): a for a in by_id(root, "talk").iter("a")}
    assert {text: (a.get("class"), a.get("href")) for text, a in links.items()} == {
        "follow up": ("xref", "#after--follow-up"),
        "after": ("xref", "#after--after-title"),
        "own": ("xref", "#talk--own"),
        "this chapter": ("xref-self", "#talk--talk"),
    }
    assert links["after"].get("title") == "x"
    assert problems == []
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    assert {"after--follow-up", "after--after-title", "talk--own"} <= numbered_targets(html) <= ids
    numbered = tinyhtml5.parse(with_page_numbers(html, {"after--after-title": 7}), namespace_html_elements=False)
    assert next(a for a in numbered.iter("a") if "".join(a.itertext()) == "after").get("data-page") == "7"


def test_a_link_to_a_missing_section_is_reported_and_loses_its_target():
    _, root, problems = assemble(page("talk", '<h1 id="talk">Talk</h1><p><a class="more" href="#gone">gone</a></p>'))
    assert [(p.code, p.message) for p in problems] == [("PRINT-LINK", "link '#gone' leads to a missing section")]
    link = next(by_id(root, "talk").iter("a"))
    assert link.attrib == {"class": "more"}


def test_a_link_to_a_file_prints_its_address_on_the_site():
    home = RenderedPage("index", "nl", "", "Home", '<h1 id="home">Home</h1><a href="downloads/cards.pdf" download>Cards</a>', "x")
    html, _ = combine([home], LABELS, "nl", FOLDERS, "https://example.org/", "", "file:///site/")
    link = next(by_id(tinyhtml5.parse(html, namespace_html_elements=False), "index").iter("a"))
    assert (link.get("class"), link.get("href")) == ("external", "https://example.org/downloads/cards.pdf")


def test_permalinks_are_dropped_whatever_their_attribute_order():
    html = (
        '<h1 id="talk">Talk<a class="headerlink" href="#talk" title="Permanent link">&para;</a></h1>'
        '<h2 id="steps">Steps<a href="#steps" class="headerlink" title="Permanent link">&para;</a> to take</h2>'
    )
    document, root, _ = assemble(page("talk", html))
    assert "headerlink" not in document and "¶" not in document
    assert contents(root) == [("#talk--talk", "Talk"), ("#talk--steps", "Steps to take")]
    assert "".join(by_id(root, "talk--steps").itertext()) == "Steps to take"


def test_the_written_document_reads_back_as_the_same_tree():
    html = (
        '<h1 id="talk">Talk</h1><pre>\n\nindented &lt;code&gt;</pre>'
        '<p>a <svg viewBox="0 0 2 2"><use xlink:href="#dot"/></svg> b<br>c &amp; d</p>'
    )
    _, root, _ = assemble(page("talk", html))
    assert next(root.iter("pre")).text == "\nindented <code>"
    svg = next(root.iter(f"{SVG}svg"))
    assert svg.get("viewBox") == "0 0 2 2"
    assert next(svg.iter(f"{SVG}use")).get("{http://www.w3.org/1999/xlink}href") == "#dot"
    paragraph = next(by_id(root, "talk").iter("p"))
    assert "".join(paragraph.itertext()) == "a  bc & d"
