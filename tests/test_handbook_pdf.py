"""The print handbook as a reader gets it: outline, contents with true page numbers, fonts, links, metadata."""

from __future__ import annotations

import itertools
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, first_page_image, require_tool
from pypdf import PdfReader

from handbook.pages.directives import phrase_box_title
from handbook.printing.typeset import PrintJob, render_job
from handbook.sources.model import load_handbook
from handbook.sources.settings import settings_from_mkdocs

LANGS = ("nl", "en")
# A contents line as pdftotext lays it out: the title, a gap where the dotted leader is drawn, the page number.
TOC_LINE = re.compile(r"^\s*(\S.*?)\s{2,}(\d+)\s*$")


@pytest.fixture(scope="module")
def model():
    from mkdocs.config import load_config

    return load_handbook(settings_from_mkdocs(load_config(str(ROOT / "mkdocs.yml"))))


def pdf(built_site: Path, lang: str) -> Path:
    return built_site / "downloads" / f"handbook-{lang}.pdf"


def page_text(path: Path, first: int, last: int | None = None) -> str:
    tool = require_tool("pdftotext")
    return subprocess.run(
        [tool, "-layout", "-f", str(first), "-l", str(last or first), str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def outline_pages(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) for every bookmark."""
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 1)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_outline_has_every_chapter_and_section_in_nav_order(built_site, model, lang):
    outline = outline_pages(PdfReader(pdf(built_site, lang)))
    chapters = [t for level, t, _ in outline if level == 1]
    pages = [model.page(e.path[:-3], lang) for e in model.settings.nav if e.path]
    expected = [page.scan.title for page in pages if page.meta.get("print", True)]
    assert chapters == [*expected, model.settings.language(lang).label("print_index")]  # the index closes the book
    sections = {t for level, t, _ in outline if level == 2}
    for page in pages:
        if page.meta.get("print", True):
            assert {h.title for h in page.scan.headings if h.level == 2} <= sections


@pytest.mark.parametrize("lang", LANGS)
def test_contents_page_numbers_are_where_chapters_start(built_site, lang):
    path = pdf(built_site, lang)
    reader = PdfReader(path)
    starts = {title: page for level, title, page in outline_pages(reader) if level == 1}
    toc = page_text(path, 2, min(starts.values()) - 1)  # every page between the cover and the first chapter
    listed = {m.group(1): int(m.group(2)) for m in map(TOC_LINE.match, toc.splitlines()) if m}
    checked = 0
    for title, page in starts.items():
        if title in listed:
            assert listed[title] == page, title
            assert title.split()[0] in page_text(path, page), (title, page)
            checked += 1
    assert checked == len(starts)


@pytest.mark.parametrize("lang", LANGS)
def test_fonts_are_embedded_and_subset(built_site, lang):
    fonts = subprocess.run(
        [require_tool("pdffonts"), str(pdf(built_site, lang))], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts, "no fonts listed"
    for line in fonts:
        assert re.search(r"\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$", line), line  # emb, sub
        assert "+Handbook-" in line.split()[0]  # only the project's own fonts, no system fallback


@pytest.mark.parametrize("lang", LANGS)
def test_metadata_language_and_tagging(built_site, lang):
    reader = PdfReader(pdf(built_site, lang))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    info = reader.metadata
    assert info.title and info.author and info.subject


def test_every_download_names_the_handbook_as_its_author_and_a_sheet_by_its_own_title(built_site, real_handbook):
    """A PDF's author is the handbook's name in its language; a sheet's title adds what the sheet is, never the same
    words twice (a print shop's or a document list's columns would say nothing)."""
    names = {language.locale: language.site_name for language in real_handbook.settings.languages}
    files = sorted((built_site / "downloads").glob("*.pdf"))
    assert len(files) >= 10
    for path in files:
        info = PdfReader(path).metadata
        lang = next(lang for lang in names if path.stem.split("-")[-1] == lang or f"-{lang}-" in f"{path.stem}-")
        assert info.author == names[lang], path.name
        if not path.stem.startswith("handbook-"):
            assert info.title.startswith(f"{info.author} – ") and len(info.title) > len(info.author) + 3, path.name


@pytest.mark.parametrize("lang", LANGS)
def test_internal_links_point_at_pages_in_the_document(built_site, lang):
    reader = PdfReader(pdf(built_site, lang))
    names = reader.named_destinations
    internal = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                continue
            dest = annot.get("/Dest") or (action or {}).get("/D")
            assert dest is not None
            if isinstance(dest, str):
                assert dest in names, dest
            internal += 1
    assert internal > 20


@pytest.mark.parametrize("lang", LANGS)
def test_no_site_chrome_in_the_pdf(built_site, real_handbook, lang):
    path = pdf(built_site, lang)
    text = " ".join(page_text(path, 1, len(PdfReader(path).pages)).split())
    for chrome in ("¶", "Skip to content", "Naar inhoud", "Search", "Zoeken", "Made with", "Material for MkDocs"):
        assert chrome not in text
    # The phrases' wording in the other language, which the website shows on request, is not printed.
    other = "en" if lang == "nl" else "nl"
    calm = real_handbook.card("calm").phrases
    assert calm[0][lang] in text and [phrase[other] for phrase in calm if phrase[other] in text] == []


@pytest.mark.parametrize("lang", LANGS)
def test_phone_numbers_print_as_written_without_their_link_address(built_site, lang):
    """A `tel:` link's text is the number: paper shows it once, in its sentence."""
    numbers = set()
    for source in sorted((ROOT / "docs").glob(f"*.{lang}.md")):
        numbers |= set(re.findall(r"\[([^\]]+)\]\(tel:", source.read_text(encoding="utf-8")))
    assert numbers, "the handbook links its emergency numbers for phones"
    path = pdf(built_site, lang)
    text = page_text(path, 1, len(PdfReader(path).pages))
    assert "tel:" not in text
    assert all(number in text for number in numbers)
    assert not re.search(r"\d\s*\(\s*\)", text), "an empty bracket where the address was"


@pytest.mark.parametrize("lang", LANGS)
def test_web_only_pages_are_not_printed(built_site, lang):
    web_only = []
    for source in sorted((ROOT / "docs").glob(f"*.{lang}.md")):
        text = source.read_text(encoding="utf-8")
        if text.startswith("---\n") and (yaml.safe_load(text.split("---\n", 2)[1]) or {}).get("print") is False:
            web_only.append(re.search(r"^# (.+?)(?: \{[^}]*\})?$", text, re.M).group(1))
    assert web_only, "the links page is for the website only"
    printed = {title for _, title, _ in outline_pages(PdfReader(pdf(built_site, lang)))}
    assert printed.isdisjoint(web_only)


def test_cross_reference_prints_its_page_number(built_site):
    path = pdf(built_site, "en")
    text = page_text(path, 4, len(PdfReader(path).pages))
    assert re.search(r"\(p\. \d+\)", text)


def numbered_document(target_page: int) -> str:
    breaks = "".join('<p style="break-before: page">Filler</p>' for _ in range(target_page - 2))
    return (
        "<html><head><style>@page { size: A6 } a::after { content: ' ' attr(data-page) }</style></head><body>"
        '<p><a data-page="00" href="#target">Where it is</a></p>'
        f'{breaks}<h2 id="target" style="break-before: page">Target</h2></body></html>'
    )


# One layout whatever the guess, as long as the number fits the room of the guess's digits; a guess with
# fewer digits than the page costs a second layout.
@pytest.mark.parametrize(
    ("target_page", "hint", "layouts"), [(3, {}, 1), (3, {"target": 9}, 1), (3, {"target": 3}, 1), (12, {"target": 3}, 2)]
)
def test_printed_page_numbers_follow_the_layout_whatever_the_guess(tmp_path, target_page, hint, layouts):
    job = PrintJob("numbers.pdf", numbered_document(target_page), tmp_path.as_uri() + "/", "docs/x.md", "en", page_hint=hint)
    result = render_job(job, str(tmp_path))
    assert result.errors == []
    assert (result.page_numbers, result.layouts) == ({"target": target_page}, layouts)
    assert f"Where it is {target_page}" in page_text(tmp_path / "numbers.pdf", 1)


# What the handbook prints around a page reference and at a chapter's end (mkdocs.yml: print_page_ref, sources_label).
PAGE_REF = {"nl": "blz.", "en": "p."}
SOURCES_LINE = {"nl": "Bronnen bij dit hoofdstuk", "en": "Sources for this chapter"}


def pages_text(path: Path) -> list[str]:
    """The text of every page, as pdftotext lays it out; page n is item n - 1."""
    return page_text(path, 1, len(PdfReader(path).pages)).split("\f")[:-1]


def chapter_starts(path: Path) -> set[int]:
    return {page for level, _, page in outline_pages(PdfReader(path)) if level == 1}


@pytest.mark.parametrize("lang", LANGS)
def test_page_references_close_up_with_the_punctuation_after_them(built_site, lang):
    """A page number shorter than the room its guess took leaves no gap: "(blz. 9). Lees meer", not "(blz. 9) ."."""
    text = "\n".join(pages_text(pdf(built_site, lang)))
    reference = rf"\({re.escape(PAGE_REF[lang])} \d+\)"
    assert re.findall(rf"{reference} +[.,;:!?)]", text) == []
    assert len(re.findall(rf"{reference}[.,;:]", text)) >= 10  # one-digit and two-digit pages alike
    assert len(re.findall(rf"{reference} \w", text)) >= 10  # and a word after one still has its space
    # Inside or before parentheses the page follows a comma: "(zie Contactlogboek, blz. 118)", never
    # "(... (blz. 118))" or "Betaald krijgen (blz. 79) (behalve ...".
    assert re.findall(rf"{reference}\)", text) == [] and re.findall(rf"{reference} \(", text) == []
    assert len(re.findall(rf"\w, {re.escape(PAGE_REF[lang])} \d+\)", text)) >= 5


@pytest.mark.parametrize("lang", LANGS)
def test_no_reference_prints_the_page_it_stands_on(built_site, lang):
    pages = pages_text(pdf(built_site, lang))
    reference = re.compile(rf"(?:\(|, ){re.escape(PAGE_REF[lang])} (\d+)")
    own = [
        (number, line)
        for number, text in enumerate(pages, 1)
        for line in text.splitlines()
        for found in reference.findall(line)
        if int(found) == number
    ]
    assert own == []
    # The references around them still print their pages: on most pages with text, to other pages.
    assert sum(1 for text in pages[4:] if reference.search(text)) > len(pages) // 2


@pytest.mark.parametrize("lang", LANGS)
def test_no_chapter_ends_on_a_page_of_a_few_lines(built_site, lang):
    """A chapter's last page holds more than its last line or two, list item or box besides the sources line, and
    the page before it stays well filled; the contents end on a page of their own entries, not of three."""
    path = pdf(built_site, lang)
    pages = [[line for line in text.splitlines() if line.strip()] for text in pages_text(path)]
    starts = chapter_starts(path)
    ends = 0
    for number, lines in enumerate(pages, 1):
        sources = next((index for index, line in enumerate(lines) if line.strip().startswith(SOURCES_LINE[lang])), None)
        if sources is None or number in starts:
            continue
        ends += 1
        assert sources - 1 >= 5, (number, lines)  # below the running head: four lines of text at least
        assert len(pages[number - 2]) >= 20, (number - 1, pages[number - 2])
    assert ends >= 8
    contents = pages[1 : min(starts) - 1]
    assert 2 <= len(contents) <= 4
    assert all(len(lines) >= 30 for lines in contents[:-1]), [len(lines) for lines in contents]
    assert len(contents[-1]) >= 10, contents[-1]


def source_lines(lang: str, page: str) -> list[str]:
    return (ROOT / "docs" / f"{page}.{lang}.md").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("lang", LANGS)
def test_a_quick_help_situation_an_example_email_and_a_titled_table_each_print_on_one_page(built_site, model, lang):
    """At a desk the printed quick help is read a situation at a time: its heading, its steps and its phrase box
    are on one page; an example e-mail is never cut in two, nor a table from its title."""
    pages = [[line.strip() for line in text.splitlines()] for text in pages_text(pdf(built_site, lang))]
    language = model.settings.language(lang)
    headings = [heading.title for heading in model.page("quick-help", lang).scan.headings if heading.level == 2]
    assert len(headings) >= 25
    box_titles = {card.title_in(lang): phrase_box_title(card, language) for card in model.cards}
    apart = []
    for title in headings:
        at = next(number for number, lines in enumerate(pages) if title in lines)
        # Each situation's phrase box is titled with the situation (card titles are the quick-help headings).
        box = next((number for number, lines in enumerate(pages[at:], at) if box_titles[title] in lines), None)
        if box != at:
            apart.append((title, at + 1, box + 1))
    # ... and the line after the phrase box ("read more"; the way back to the list is web-only), whose first words
    # are on the same page.
    lines = source_lines(lang, "quick-help")
    closing = [
        next(line for line in lines[at + 1 :] if line.strip()) for at, line in enumerate(lines) if line.startswith("{% phrases")
    ]
    assert len(closing) == len(headings)
    for title, line in zip(headings, closing, strict=True):
        words = " ".join(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.split("[↑")[0]).replace("*", "").split()[:4])
        at = next(number for number, text in enumerate(pages) if title in text)
        # Print adds a link's page after its text ("Betwiste factuur (blz. 17)."), which the source has not.
        page_ref = re.escape(language.label("print_page_ref"))
        printed = re.sub(rf" \({page_ref} \d+\)|, {page_ref} \d+", "", " ".join(" ".join(pages[at]).split()))
        if words not in printed:
            apart.append((title, words, at + 1))
    assert apart == []
    # The worked example's e-mail, from its subject line to its signature.
    quoted = [line[1:].strip().replace("*", "") for line in source_lines(lang, "conversation") if line.startswith(">")]
    first, last = next(line for line in quoted if line), next(line for line in reversed(quoted) if line)
    email = next(lines for lines in pages if first in lines)
    assert last in email, email
    # A table stays with the heading and sentence that introduce it: the contact log's columns under its title.
    log = next(heading.title for heading in model.page("templates", lang).scan.headings if heading.id == "contact-log")
    columns = next(line for line in source_lines(lang, "templates") if line.startswith("| "))
    first_column = columns.split("|")[1].strip()
    titled = next(lines for lines in pages[4:] if log in lines)
    assert any(line.startswith(first_column) for line in titled), titled
    # No sentence that introduces something (a template, a list) ends a page apart from it: no page's last line of
    # text, above its number, ends in a colon.
    texts = [(number, [line for line in lines if line]) for number, lines in enumerate(pages, 1)]
    last_lines = [(number, lines[-2]) for number, lines in texts if len(lines) > 2 and lines[-1] == str(number)]
    assert len(last_lines) > len(pages) / 2
    assert [(number, line) for number, line in last_lines if line.endswith(":")] == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_cover_leaves_a_white_margin_so_it_needs_no_bleed(built_site, model, lang, tmp_path):
    """No colour runs to the edge of the cover: a print shop takes it without bleed, an office printer prints it
    whole. The teal band with the title is still there, and the title's words are on the cover."""
    image = first_page_image(pdf(built_site, lang), tmp_path, 50)
    width, height = image.size
    rim = round(8 / 25.4 * 50)  # 8 mm
    edge = [image.getpixel((x, y)) for x in range(width) for y in range(height) if min(x, y, width - 1 - x, height - 1 - y) < rim]
    assert all(min(pixel) > 245 for pixel in edge), "colour within 8 mm of the trim"
    teal = sum(1 for x in range(0, width, 4) for y in range(0, height, 4) if image.getpixel((x, y)) == (15, 76, 92))
    assert teal > width * height / 16 / 5  # the band covers a fifth of the page at least
    assert model.settings.language(lang).site_name in " ".join(page_text(pdf(built_site, lang), 1).split())


def hyphenated(text: str) -> list[tuple[str, str]]:
    """(first part, rest) of every word split at a line's end: a line ending in a letter and "-", the next line
    starting with a lower-case letter. A suspended compound ("beroeps- of bedrijfsaansprakelijkheid") ends its
    line with its own hyphen, before a conjunction: that is no split."""
    lines = text.splitlines()
    splits = []
    for line, following in itertools.pairwise(lines):
        head = re.search(r"(\w+)-$", line.rstrip())
        tail = re.match(r"\s*([^\W\d_A-Z][\w-]*)", following)
        if head and tail and tail.group(1) not in SUSPENDED_BEFORE:
            splits.append((head.group(1), tail.group(1)))
    return splits


SUSPENDED_BEFORE = {"en", "of", "tot", "and", "or", "to"}


HYPHENATION = {"nl": "nl_NL", "en": "en_US"}


@pytest.mark.parametrize("lang", LANGS)
def test_words_are_hyphenated_by_their_languages_patterns_with_three_letters_a_side(built_site, lang):
    """English is hyphenated with the American patterns ("vio-lence", not the British dictionary's "viol-ence"),
    only words of six letters or more, at least three letters on each side of the hyphen."""
    import pyphen

    written = " ".join(path.read_text(encoding="utf-8") for path in (ROOT / "docs").glob(f"*.{lang}.md"))
    # A word of the other language, marked so (`*opdrachtbevestiging*{lang=nl}`), is hyphenated by its own patterns.
    word_language = {
        word.lower(): other for phrase, other in re.findall(r"\*([^*]+)\*\{lang=(\w+)\}", written) for word in phrase.split()
    }
    written = written.lower()
    splits = hyphenated("\n".join(pages_text(pdf(built_site, lang))))
    assert len(splits) > 20

    def allowed(head: str, tail: str) -> bool:
        word = head + tail.split("-")[0]
        dictionary = pyphen.Pyphen(lang=HYPHENATION[word_language.get(word.lower(), lang)])
        return len(head) >= 3 and len(tail) >= 3 and len(head) in dictionary.positions(word)

    odd = [
        f"{head}-{tail}"
        for head, tail in splits
        if f"{head}-{tail.split('-')[0]}".lower() not in written  # a hyphen of the text itself, as in "step-by-step"
        and not allowed(head, tail)
    ]
    assert odd == []


def flat(text: str) -> str:
    """Text with its lines joined, so a sentence wrapped over two lines is found whole."""
    return " ".join(text.split())


def without_hyphens(text: str) -> str:
    """Flat text with every hyphen gone, the ones that split a word at a line's end and their line break first: a
    phrase is found whether the typesetter broke a word in it or not."""
    return flat(re.sub(r"-[ \t]*\n\s*", "", text).replace("-", ""))


@pytest.mark.parametrize("lang", LANGS)
def test_the_book_prints_a_cards_words_once_and_later_chapters_point_to_that_page(built_site, model, lang):
    """Quick help prints its situations' cards; a chapter with the same card shows its title and the page of the
    words instead of printing them again, and a card quick help does not show keeps its words in its chapter."""
    printed = pages_text(pdf(built_site, lang))
    pages, unbroken = [flat(text) for text in printed], [without_hyphens(text) for text in printed]
    language = model.settings.language(lang)
    quick_help = model.page("quick-help", lang)
    quick_help_title = next(heading.title for heading in quick_help.scan.headings if heading.level == 1)
    pointer = language.label("print_card_shown").replace("{chapter}", quick_help_title) + f" ({language.label('print_page_ref')} "
    in_quick_help = {directive.argument for directive in quick_help.scan.directives if directive.name == "phrases"}
    chapters = {
        directive.argument
        for languages in model.pages.values()
        if (page := languages.get(lang)) and page.slug != "quick-help" and page.meta.get("print", True)
        for directive in page.scan.directives
        if directive.name == "phrases"
    }
    pointed = 0
    for card_id in sorted(in_quick_help | chapters):
        card = model.card(card_id)
        box_title = phrase_box_title(card, language)
        first_phrase = card.phrases_in(lang)[0]
        with_words = [
            number
            for number, (text, words) in enumerate(zip(pages, unbroken, strict=True), 1)
            if box_title + " " in text and without_hyphens(first_phrase) in words
        ]
        assert with_words, card_id  # its words are printed somewhere
        if card_id not in in_quick_help:
            continue
        words_at = with_words[0]
        assert f"{box_title} " in pages[words_at - 1]
        # Every other box of this card is its title and the page of the words, nothing more.
        for text in pages:
            for later in text.split(box_title + " ")[1:]:
                if later.startswith(pointer):
                    assert later.startswith(f"{pointer}{words_at})"), (card_id, later[:80])
                    # A pointer is no content: a page that ends on one strands its heading at the foot.
                    after = later.removeprefix(f"{pointer}{words_at})")
                    assert re.sub(r"\s*\d+\s*$", "", after).strip(), (card_id, "a page ends on its pointer")
                    pointed += 1
        if card_id in chapters:
            assert sum(text.count(f"{box_title} {pointer}") for text in pages) >= 1, card_id
    assert pointed >= 20


def raw_lines(path: Path, first: int, last: int) -> list[str]:
    """The text of pages `first` to `last` in the order the PDF draws it: one column after the other."""
    text = subprocess.run(
        [require_tool("pdftotext"), "-raw", "-f", str(first), "-l", str(last), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


# An entry of the index as the PDF prints it: the term, a comma, its pages.
INDEX_ENTRY = re.compile(r"(.+?), (\d+(?:, \d+)*)")


def printed_index(path: Path, title: str) -> tuple[int, list[tuple[str, str, list[int]]]]:
    """The page the index starts on, and its entries as printed: (letter heading, term, pages), in their order."""
    reader = PdfReader(path)
    start = next(page for level, name, page in outline_pages(reader) if level == 1 and name == title)
    entries: list[tuple[str, str, list[int]]] = []
    letter, pending = "", ""
    for line in raw_lines(path, start, len(reader.pages)):
        if line == title or line.isdigit():  # the title, the running head, a page number in the footer
            continue
        if not pending and (len(line) == 1 or line == "0–9"):
            letter = line
            continue
        pending = f"{pending} {line}".strip()  # a long entry wraps
        if entry := INDEX_ENTRY.fullmatch(pending):
            entries.append((letter, entry.group(1), [int(number) for number in entry.group(2).split(", ")]))
            pending = ""
    assert pending == "", pending
    return start, entries


def plain_letters(term: str) -> str:
    """The term as a reader alphabetises it, word by word: no accents, no case, no quotes or other punctuation."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", term) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", re.sub(r"['’]", "", bare.casefold())).split())


@pytest.mark.parametrize("lang", LANGS)
def test_the_index_closes_the_book_alphabetically_under_letter_headings(built_site, model, lang):
    """After the last chapter, on pages of its own to the end of the PDF: the index under its title, listed last in the
    contents and the outline, every term in alphabetical order (case, accents and quotes aside) under the heading of its
    first letter, numbers first; each heading a bookmark under the title."""
    path = pdf(built_site, lang)
    title = model.settings.language(lang).label("print_index")
    start, entries = printed_index(path, title)
    outline = outline_pages(PdfReader(path))
    position = next(index for index, (level, name, _) in enumerate(outline) if (level, name) == (1, title))
    assert position == max(index for index, (level, _, _) in enumerate(outline) if level == 1)
    assert start > max(page for _, _, page in outline[:position])
    letters = list(dict.fromkeys(letter for letter, _, _ in entries))
    assert [(level, name) for level, name, _ in outline[position + 1 :]] == [(2, letter) for letter in letters]
    contents = page_text(path, 2, min(page for level, _, page in outline if level == 1) - 1)
    assert re.search(rf"^{re.escape(title)} +{start}$", contents, re.MULTILINE)
    for number in range(start + 1, len(PdfReader(path).pages) + 1):
        assert page_text(path, number).split()[0] == title  # its running head, to the last page
    terms = [term for _, term, _ in entries]
    assert sorted(terms) == sorted(term.word_in(lang) for term in model.index_terms)
    assert terms == sorted(terms, key=plain_letters) and terms != sorted(terms)
    assert letters[0] == "0–9" and letters[1:] == sorted(letters[1:])
    for letter, term, _ in entries:
        first = plain_letters(term)[0]
        assert letter == ("0–9" if first.isdigit() else first.upper()), term


@pytest.mark.parametrize("lang", LANGS)
def test_each_page_in_the_index_is_a_page_its_section_starts_on(built_site, model, lang):
    """Every term prints the page of each section it names: the page of the section's bookmark, on which its heading
    stands in the text; rising, and a page two sections share once."""
    path = pdf(built_site, lang)
    _, entries = printed_index(path, model.settings.language(lang).label("print_index"))
    printed = {term: pages for _, term, pages in entries}
    outline = outline_pages(PdfReader(path))
    starts = [index for index, (level, _, _) in enumerate(outline) if level == 1]
    chapters = {outline[index][1]: outline[index : next((s for s in starts if s > index), len(outline))] for index in starts}
    texts = [flat(text) for text in pages_text(path)]
    for term in model.index_terms:
        expected = set()
        for target in term.targets:
            page = model.page(target.page, lang)
            heading = next(h.title for h in page.scan.headings if h.id == target.anchor)
            at = next(number for _, name, number in chapters[page.scan.title] if name == heading)
            assert heading in texts[at - 1], (term.word_in(lang), heading, at)
            expected.add(at)
        assert printed[term.word_in(lang)] == sorted(expected), term.word_in(lang)
