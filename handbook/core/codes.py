"""Every problem code the checks can report, with what it means and how an author fixes it.

AUTHORING.md's table of codes is generated from this dictionary (`scripts/authoring_codes.py`), and a test
keeps it equal to the codes the checks emit, so the documentation cannot drift from the code. The checks name
a code as `Code.LINK_PAGE`, a member of the enum below, held equal to the table by a test: a misspelt code is an
error where it is written (and to a type checker), never a typo in a report.
"""

from enum import StrEnum

# Codes whose fault involves two places: the problem is reported at one and its message names the other.
TWO_PLACES: dict[str, str] = {
    "ID-DUPLICATE": "the first heading with that ID",
    "ID-PARITY": "the other language's heading at the same place, or the section missing here",
    "BOX-PARITY": "the other language's box",
    "CHECKLIST-PARITY": "the other language's checklist",
    "SECTION-PARITY": "the other language's unit where the section's paragraphs, list items or cells first differ",
    "SAME-TEXT": "the identical text in the other language",
    "CARD-DUPLICATE": "the card's first definition",
    "INDEX-DUPLICATE": "the first entry of the index term, or the term's first mention of the section",
    "NAV-TITLE": "the navigation entry whose title has no translation",
    "LINK-LOCKED": "the redirect that leads nowhere, for a locked section that has one",
    "TRANSLATION-STALE": "the section that changed in the other language",
    "LINK-PAGE": "the definition `[name]: target` of a reference link (reported at each use)",
    "LINK-FILE": "the definition `[name]: target` of a reference link (reported at each use)",
    "LINK-ANCHOR": "the definition `[name]: target` of a reference link (reported at each use)",
}

CODES: dict[str, tuple[str, str]] = {
    "INPUT-ENCODING": ("A file is not UTF-8.", "Save the file as UTF-8 in your editor."),
    "INPUT-FRONT-MATTER": (
        "The `---` block at the top of a page is not valid YAML.",
        "Fix the line shown; use `key: value`.",
    ),
    "INPUT-YAML": (
        "A data file (phrase cards, index terms) is not valid YAML.",
        "Fix the line shown; check indentation and quotes.",
    ),
    "INPUT-CONFIG": (
        "mkdocs.yml cannot be read: a YAML slip, or a setting of the wrong kind.",
        "Fix the line shown; a block with entries (like `section_redirects:`) has nothing after its colon.",
    ),
    "INPUT-SWITCH": (
        "An environment variable that switches part of a build (`HANDBOOK_SKIP_PRINT`, `HANDBOOK_FRESH_PRINT`) has a"
        " value it does not accept: the run stops instead of guessing what was meant.",
        "Set it to `1` to switch it on; `0`, empty or unset leaves it off.",
    ),
    "PAGE-NO-LANGUAGE": ("A page name lacks `.nl.md` or `.en.md`.", "Rename it to `name.nl.md` and add `name.en.md`."),
    "PAGE-UNTRANSLATED": (
        "A page exists in one language only.",
        "Create the missing language file with the same sections.",
    ),
    "NAV-PAGE": (
        "The navigation in mkdocs.yml names a page that does not exist.",
        "Fix the file name or create the page.",
    ),
    "NAV-OMITTED": ("A page is not in the navigation.", "Add it to `nav:` in mkdocs.yml (`make new-page` does this)."),
    "NAV-TITLE": ("A navigation title has no translation.", "Add it under `nav_translations:` of that language."),
    "SITE-NAME": ("A language has no site name.", "Set `site_name:` for that language in mkdocs.yml."),
    "LINK-PAGE": ("A link points to a page that does not exist.", "Use the suggested page or create it."),
    "LINK-ANCHOR": (
        "A link points to a `#section` the page does not define.",
        "Use the suggested ID; IDs are in `{#...}` after headings.",
    ),
    "LINK-LANG": (
        "A link jumps into the other language although this language has the page.",
        "Link `page.md#id` without the language.",
    ),
    "LINK-FILE": ("A link or image points to a file that does not exist.", "Fix the path or add the file."),
    "LINK-REFERENCE": (
        "A reference link `[text][name]` has no definition `[name]: target`: the brackets show as text."
        " Found in the built page (`make build` or `make serve`).",
        "Add the line `[name]: page.md` below the paragraph, or write `[text](page.md)`.",
    ),
    "COMMENT-OPEN": (
        "An HTML comment `<!--` is never closed: everything after it is hidden from readers.",
        "End the comment with `-->`, or delete it.",
    ),
    "MARKDOWN-LITERAL": (
        "Markdown that did not apply and shows as text: an attribute list (`{: .class}`, `{#id}`) in the wrong"
        " place, or a link with a space between `]` and `(`. Found in the built page (`make build` or `make serve`).",
        "Put `{#id}` last on the heading line and `{: .class}` right after its element; remove the space.",
    ),
    "ID-MISSING": ("A heading has no explicit ID.", "Add `{#english-kebab-id}` at the end of the heading."),
    "ID-FORMAT": (
        "A section ID is not lowercase English kebab-case.",
        "Use letters, digits and hyphens: `{#stay-calm}`.",
    ),
    "ID-DUPLICATE": ("Two headings on one page share an ID.", "Give one of them another ID."),
    "ID-PARITY": (
        "The languages of a page define different section IDs.",
        "Use the same IDs, in the same order, in every language.",
    ),
    "TITLE-MISSING": (
        "A page has no `#` title, or a box has no title.",
        "Start the page with `# Title {#id}`; give boxes a quoted title.",
    ),
    "SAME-TEXT": (
        "A text (title, heading, paragraph, list or checklist item, table cell, box title, card field) is identical"
        " in both languages: it was not translated.",
        "Translate it. Only numbers, code, URLs, link-only lines, quoted text, text marked with another `lang`,"
        " names of two or more capitalised words and short words (`Tip`, `OK`) may stay the same.",
    ),
    "WRONG-LANGUAGE": (
        "A paragraph, or a short text among a page's or card's short texts, reads as the other language.",
        "Translate it; a quotation in the other language stays, marked with its language: `*Titel*{lang=nl}`.",
    ),
    "UI-STRING": (
        "A label used by the site templates is missing in a language.",
        "Add the key under `extra: ui:` of that language.",
    ),
    "LEFTOVER": ("A leftover of a CMS or translation tool, or a TODO marker.", "Remove it or write the real text."),
    "PLACEHOLDER-ALT": ("An image has no real description.", "Describe the image in a few words."),
    "IMAGE-UNREADABLE": (
        "An image file is not the picture its name says (a `.png` holding text, a broken export): the website"
        " shows a broken image and the PDF cannot be made.",
        "Export the picture again, as the format its name ends in.",
    ),
    "IMAGE-TOO-LARGE": (
        "An image is wider than 1600 pixels or larger than 300 KB: it makes pages and PDFs slow, with no detail a"
        " reader can see.",
        "Scale it down to at most 1600 pixels wide; save photos as JPEG at about 80% quality.",
    ),
    "UNSAFE-HTML": ("Raw HTML that can run code (script, iframe, on*=, javascript:).", "Remove it; use Markdown."),
    "DIRECTIVE": (
        "An unknown `{% ... %}` directive or a directive naming a missing card.",
        "Use `{% phrases card-id %}` or `{% phrase-cards %}`.",
    ),
    "CARD-FORMAT": (
        "A phrase card is missing a field or has the wrong shape.",
        "Follow the card layout in AUTHORING.md.",
    ),
    "CARD-DUPLICATE": ("Two phrase cards share an ID.", "Rename one of them."),
    "CARD-LANGUAGE": ("A card field is empty in a language.", "Fill in the text for that language."),
    "CARD-SIZE": ("A card has too few or too many phrases.", "Use 3 to 6 phrases."),
    "CARD-TOO-LONG": ("A card's text does not fit its printed size.", "Shorten the phrases; cards are never shrunk."),
    "CARD-SECTION": ("A card links to a section that does not exist.", "Use `page#section-id` of an existing heading."),
    "INDEX-FORMAT": (
        "An index term in `docs/index-terms.yml` has the wrong shape: no `sections:`, a section not written as"
        " `page#section-id`, an unknown key, or more than four sections.",
        "Follow the index layout in AUTHORING.md; keep the sections that treat the term, at most four.",
    ),
    "INDEX-LANGUAGE": ("An index term has no word in a language.", "Write the term in that language."),
    "INDEX-DUPLICATE": (
        "An index term is listed twice in one language (case, accents and punctuation aside), or names a section twice.",
        "Put the sections of both in one entry; name each section once.",
    ),
    "INDEX-TARGET": (
        "An index term points at a section that does not exist, or at a page the printed handbook leaves out.",
        "Use `page#section-id` of a heading on a printed page; a renamed section is followed through its redirect.",
    ),
    "DESK-SOURCE": (
        "The desk sheet misses a source: the `{#route}` or `{#escalation-ladder}` section or its numbered list,"
        " or a phrase marked `desk: true`.",
        "Add the section with a `1.` list, or write `desk: true` beside `nl:` and `en:` of a key phrase.",
    ),
    "DESK-TOO-LONG": (
        "The desk sheet does not fit one A4 page.",
        "Shorten the route, the escalation ladder or the key phrases; the sheet is never printed smaller.",
    ),
    "QUICK-HELP-LIST": (
        "Quick help's list of situations misses a situation on the page, or lists them in another order than the page,"
        " so a tap in the list, the cards' order and the desk sheet's groups would disagree with the page.",
        "List every `##` situation of quick help once, as `- [Title](#its-id)`, in the order the sections stand.",
    ),
    "BOX-FORMAT": (
        "A line starts with `!!!` but is not a box (text after the title, no space, no quotes): it shows as text.",
        'Write `!!! tip "Title"` with nothing after the quoted title.',
    ),
    "BOX-TYPE": (
        "A box type the handbook does not define, or in capitals (`!!! note`, `!!! Tip`): it looks like a grey note.",
        "Use `tip`, `keypoint` or `caution`, in lowercase.",
    ),
    "BOX-INDENT": (
        "A box has no text: the lines below it are not indented, so the site shows an empty box.",
        "Leave a blank line after the `!!!` line and indent the box's text by 4 spaces.",
    ),
    "BOX-PARITY": (
        "The languages of a page have different boxes (number, order or type).",
        "Use the same boxes, in the same order, in every language.",
    ),
    "CHECKLIST-PARITY": (
        "A checklist has a different number of items per language.",
        "Make the lists match item for item.",
    ),
    "SECTION-PARITY": (
        "A section has a different number of paragraphs, list items or table cells per language: a part is left out.",
        "Translate unit for unit; the message names where the two languages first differ.",
    ),
    "CHECKLIST-EMPTY": ("A checklist item has no text.", "Write the item or delete the line."),
    "SOURCE-UNKNOWN": (
        "Front matter `sources:` names an article the sources page does not list.",
        "Use the ID of an article heading on the sources page.",
    ),
    "OUTPUT-LEFTOVER": (
        "The built HTML still contains a leftover or an unrendered template variable.",
        "Fix the template or page named.",
    ),
    "LINK-LOCKED": (
        "A published page or section (links.lock) disappeared without a redirect.",
        "Restore the ID, or declare a redirect (see AUTHORING.md).",
    ),
    "TRANSLATION-STALE": (
        "A section changed in one language since translations.lock and the other language did not: its translation"
        " may still give the old advice. Shown with the change as a word diff (`[-removed-]`, `{+added+}`); not shown"
        " while the changed language has a problem of its own in that section.",
        "Translate the change, then run `make translations-update`; undo a change made by mistake; for a change that"
        " needs no translation (a typo) run `make translations-update ACCEPT=page#section`.",
    ),
    "TYPOGRAPHY": (
        "A page or a card has a straight quote or apostrophe, three full stops, an x in a size or a plain space"
        " after “art.” or before “BW” or “Sr” where the handbook types “…” ’ … × or a no-break space.",
        "Type the character the message names; AUTHORING.md, “Typing the handbook’s characters”, says how.",
    ),
    "PRINT-LINK": (
        "A link in a printed page leads to a page or section that is not in the PDF.",
        "Fix the link target.",
    ),
    "PRINT-LAYOUT": (
        "WeasyPrint could not lay out a PDF, or an image or font is missing.",
        "Fix the page or file named.",
    ),
    "PRINT-STRAY-LINE": (
        "The typesetter left a word or two alone on a line in the middle of a paragraph of a handbook PDF (a"
        " WeasyPrint line-breaking fault that depends on the words around it).",
        "Reword a sentence of that paragraph, in the section named; the break goes with it.",
    ),
}


class Code(StrEnum):
    """`Code.LINK_PAGE == "LINK-PAGE"`: a str wherever a problem is printed, compared or written to JSON.

    Written out member by member so a type checker and an editor see every code; `tests/test_authoring.py`
    holds it equal to `CODES`, in order, so the table stays the one place a code is described."""

    INPUT_ENCODING = "INPUT-ENCODING"
    INPUT_FRONT_MATTER = "INPUT-FRONT-MATTER"
    INPUT_YAML = "INPUT-YAML"
    INPUT_CONFIG = "INPUT-CONFIG"
    INPUT_SWITCH = "INPUT-SWITCH"
    PAGE_NO_LANGUAGE = "PAGE-NO-LANGUAGE"
    PAGE_UNTRANSLATED = "PAGE-UNTRANSLATED"
    NAV_PAGE = "NAV-PAGE"
    NAV_OMITTED = "NAV-OMITTED"
    NAV_TITLE = "NAV-TITLE"
    SITE_NAME = "SITE-NAME"
    LINK_PAGE = "LINK-PAGE"
    LINK_ANCHOR = "LINK-ANCHOR"
    LINK_LANG = "LINK-LANG"
    LINK_FILE = "LINK-FILE"
    LINK_REFERENCE = "LINK-REFERENCE"
    COMMENT_OPEN = "COMMENT-OPEN"
    MARKDOWN_LITERAL = "MARKDOWN-LITERAL"
    ID_MISSING = "ID-MISSING"
    ID_FORMAT = "ID-FORMAT"
    ID_DUPLICATE = "ID-DUPLICATE"
    ID_PARITY = "ID-PARITY"
    TITLE_MISSING = "TITLE-MISSING"
    SAME_TEXT = "SAME-TEXT"
    WRONG_LANGUAGE = "WRONG-LANGUAGE"
    UI_STRING = "UI-STRING"
    LEFTOVER = "LEFTOVER"
    PLACEHOLDER_ALT = "PLACEHOLDER-ALT"
    IMAGE_UNREADABLE = "IMAGE-UNREADABLE"
    IMAGE_TOO_LARGE = "IMAGE-TOO-LARGE"
    UNSAFE_HTML = "UNSAFE-HTML"
    DIRECTIVE = "DIRECTIVE"
    CARD_FORMAT = "CARD-FORMAT"
    CARD_DUPLICATE = "CARD-DUPLICATE"
    CARD_LANGUAGE = "CARD-LANGUAGE"
    CARD_SIZE = "CARD-SIZE"
    CARD_TOO_LONG = "CARD-TOO-LONG"
    CARD_SECTION = "CARD-SECTION"
    INDEX_FORMAT = "INDEX-FORMAT"
    INDEX_LANGUAGE = "INDEX-LANGUAGE"
    INDEX_DUPLICATE = "INDEX-DUPLICATE"
    INDEX_TARGET = "INDEX-TARGET"
    DESK_SOURCE = "DESK-SOURCE"
    DESK_TOO_LONG = "DESK-TOO-LONG"
    QUICK_HELP_LIST = "QUICK-HELP-LIST"
    BOX_FORMAT = "BOX-FORMAT"
    BOX_TYPE = "BOX-TYPE"
    BOX_INDENT = "BOX-INDENT"
    BOX_PARITY = "BOX-PARITY"
    CHECKLIST_PARITY = "CHECKLIST-PARITY"
    SECTION_PARITY = "SECTION-PARITY"
    CHECKLIST_EMPTY = "CHECKLIST-EMPTY"
    SOURCE_UNKNOWN = "SOURCE-UNKNOWN"
    OUTPUT_LEFTOVER = "OUTPUT-LEFTOVER"
    LINK_LOCKED = "LINK-LOCKED"
    TRANSLATION_STALE = "TRANSLATION-STALE"
    TYPOGRAPHY = "TYPOGRAPHY"
    PRINT_LINK = "PRINT-LINK"
    PRINT_LAYOUT = "PRINT-LAYOUT"
    PRINT_STRAY_LINE = "PRINT-STRAY-LINE"
