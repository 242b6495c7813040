"""The print document assembled from small pages: contents, prefixed IDs and what refers to them, links, permalinks.

In-process and without WeasyPrint: `combine` is given pages as MkDocs renders them, and its output is read back
with the same HTML parser WeasyPrint uses.
"""

from __future__ import annotations

import tinyhtml5

from handbook.printing.document import PrintLabels, RenderedPage, combine, numbered_targets, page_css, with_page_numbers

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


def test_a_phrases_wording_in_the_other_language_and_the_way_back_to_quick_help_are_for_the_screen_only():
    box = (
        '<div class="phrases" id="phrases-calm" data-card="calm"><p class="phrases-title">What to say</p>'
        '<ul><li>Tell me.<span class="phrase-alongside" lang="nl" hidden>Vertelt u maar.</span> Then</li></ul></div>'
        '<p class="back-to-list"><a class="to-list" href="../quick-help/#quick-help">All situations</a></p>'
    )
    document, root, _ = assemble(page("talk", f'<h1 id="talk">Talk</h1>{box}'))
    assert "Vertelt" not in document and "phrase-alongside" not in document and "All situations" not in document
    assert [" ".join("".join(li.itertext()).split()) for li in by_id(root, "talk").iter("li")] == ["Tell me. Then"]


def test_a_passage_marked_for_the_screen_is_left_out_and_one_marked_for_print_kept():
    html = (
        '<h1 id="talk">Talk</h1><p class="screen-only">Press the button on the website.</p>'
        '<p class="print-only" data-search-exclude>The English edition has the same words.</p><p>Both.</p>'
    )
    document, root, _ = assemble(page("talk", html))
    assert "the website" not in document
    assert [" ".join("".join(p.itertext()).split()) for p in by_id(root, "talk").iter("p")] == [
        "The English edition has the same words.",
        "Both.",
    ]


def test_a_reference_inside_or_before_parentheses_is_marked_so_its_page_needs_no_second_pair():
    html = (
        '<h1 id="talk">Talk</h1><h2 id="own">Own</h2>'
        '<p>First <a href="#own">plain</a> (see <a href="#own">one</a> and <em>(<a href="#own">two</a>)</em> '
        '<a href="#own">three</a>) then <a href="#own">after</a> (and more), <a href="#own">last</a>.</p>'
        '<ul><li>Open (<a href="#own">in item</a></li><li><a href="#own">next item</a></li></ul>'
    )
    _, root, _ = assemble(page("talk", html))
    classes = {"".join(a.itertext()): a.get("class") for a in by_id(root, "talk").iter("a")}
    assert classes == {
        "plain": "xref in-parentheses",  # parentheses follow it: "First, p. 3 (see ..."
        "one": "xref in-parentheses",
        "two": "xref in-parentheses",
        "three": "xref in-parentheses",
        "after": "xref in-parentheses",
        "last": "xref",
        "in item": "xref in-parentheses",
        "next item": "xref",
    }


def test_a_link_to_a_missing_section_is_reported_and_loses_its_target():
    _, root, problems = assemble(page("talk", '<h1 id="talk">Talk</h1><p><a class="more" href="#gone">gone</a></p>'))
    assert [(p.code, p.message) for p in problems] == [("PRINT-LINK", "link '#gone' leads to a missing section")]
    link = next(by_id(root, "talk").iter("a"))
    assert link.attrib == {"class": "more"}


REAL, PLACEHOLDER = "https://handbook.firma.nl/", "https://handboek-lastige-klanten.example/"
WEB_LINKS = (
    '<h1 id="home">Home</h1><a href="downloads/cards.pdf" download>Cards</a>'
    '<a href="en/#welcome" lang="en">English</a><a href="https://handboek-lastige-klanten.example/x/">x</a>'
)


def web_links(site_url: str) -> list[tuple[str | None, str | None]]:
    """(class, href) of each link of a Dutch home page that leads to the website, printed for `site_url`."""
    home = RenderedPage("index", "nl", "", "Home", WEB_LINKS, "x")
    html, problems = combine([home], LABELS, "nl", FOLDERS, site_url, "", "file:///site/")
    assert problems == []
    return [
        (a.get("class"), a.get("href")) for a in by_id(tinyhtml5.parse(html, namespace_html_elements=False), "index").iter("a")
    ]


def test_a_link_to_the_website_prints_its_address_on_a_real_host():
    assert web_links(REAL) == [
        ("external", "https://handbook.firma.nl/downloads/cards.pdf"),
        ("external", "https://handbook.firma.nl/en/#welcome"),
        ("external", "https://handboek-lastige-klanten.example/x/"),  # not this site's address: left as written
    ]


def test_a_link_to_the_other_languages_home_page_prints_the_site_root():
    home = RenderedPage("index", "en", "en/", "Home", '<h1 id="home">Home</h1><a href="../" lang="nl">Nederlands</a>', "x")
    html, problems = combine([home], LABELS, "en", FOLDERS, REAL, "", "file:///site/")
    link = next(by_id(tinyhtml5.parse(html, namespace_html_elements=False), "index").iter("a"))
    assert problems == [] and (link.get("class"), link.get("href")) == ("external", REAL)


def test_a_link_to_the_website_prints_no_placeholder_address():
    assert web_links(PLACEHOLDER) == [("on-site", None)] * 3


def test_the_cover_names_the_site_address_only_when_it_is_real():
    labels = PrintLabels(**{**LABELS.__dict__, "online": "This handbook online:"})
    real, _ = combine([page("talk", "<h1 id='talk'>Talk</h1>")], labels, "en", FOLDERS, REAL, "", "file:///site/")
    cover = next(e for e in tinyhtml5.parse(real, namespace_html_elements=False).iter() if e.get("class") == "cover-online")
    assert " ".join("".join(cover.itertext()).split()) == "This handbook online: https://handbook.firma.nl/en/"
    preview, _ = combine([page("talk", "<h1 id='talk'>Talk</h1>")], labels, "en", FOLDERS, PLACEHOLDER, "", "file:///site/")
    assert "cover-online" not in preview and "http" not in preview.replace("http://www.w3.org", "")


def test_the_website_words_and_every_label_are_quoted_css_strings():
    labels = PrintLabels(**{**LABELS.__dict__, "page_ref": 'p"', "on_website": "op de website"})
    css = page_css(labels)
    assert 'a.on-site::after { content: "\\00a0(" "op de website" ")"; }' in css
    assert '"p\\" "' in css


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
