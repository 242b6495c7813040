"""Images on the website and in the PDFs, in both languages: one shared file, or one file per language.

The site is built for real: the i18n plugin decides which file each language gets, the hook adds shared files
to the other languages, and the print step must load the same files the site serves.
"""

from __future__ import annotations

import io
import json
import posixpath
import random
import re
from pathlib import Path

import pytest
from conftest import BUILD_DIR, GOOD_PAGES, copy_project, run_build
from PIL import Image
from pypdf import PdfReader

SHARED_SIZE = (30, 20)  # no other image in the handbook has this size
STEPS = {"nl": "Rustigstappen", "en": "Calmsteps"}  # the text drawn in each language's picture
ALT = {"nl": ("Een rustige werkplek", "De drie stappen"), "en": ("A calm workplace", "The three steps")}
IMG = re.compile(r'<img alt="([^"]*)" src="([^"]*)"')


def png(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (31, 122, 77)).save(out, format="PNG")
    return out.getvalue()


def svg(text: str) -> str:
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="240" height="40"><text x="5" y="25">{text}</text></svg>'


@pytest.fixture(scope="module")
def image_site(tmp_path_factory) -> Path:
    """The handbook with a shared photo and a per-language picture on the 'after' page, built with PDFs."""
    copy = tmp_path_factory.mktemp("images") / "repo"
    copy_project(copy)
    images = copy / "docs" / "images"
    images.mkdir()
    (images / "calm.png").write_bytes(png(SHARED_SIZE))
    for lang, text in STEPS.items():
        (images / f"steps.{lang}.svg").write_text(svg(text), encoding="utf-8")
        page = copy / "docs" / f"after.{lang}.md"
        shared_alt, own_alt = ALT[lang]
        extra = f"\n![{shared_alt}](images/calm.png)\n\n![{own_alt}](images/steps.svg)\n"
        page.write_text(page.read_text(encoding="utf-8") + extra, encoding="utf-8")
    result = run_build(copy / "out", cwd=copy)
    assert result.returncode == 0, result.stderr[-3000:]
    return copy


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_language_shows_the_shared_image_and_its_own(image_site, lang):
    site = image_site / "out"
    page_url = "after/" if lang == "nl" else "en/after/"
    html = (site / page_url / "index.html").read_text(encoding="utf-8")
    images = dict(IMG.findall(html))
    shared_alt, own_alt = ALT[lang]
    shared = site / posixpath.normpath(posixpath.join(page_url, images[shared_alt]))
    own = site / posixpath.normpath(posixpath.join(page_url, images[own_alt]))
    assert shared == site / "images" / "calm.png"  # one file, one address, for every language
    assert shared.read_bytes() == (image_site / "docs" / "images" / "calm.png").read_bytes()
    assert own.read_text(encoding="utf-8") == svg(STEPS[lang])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_handbook_pdf_prints_both_images(image_site, lang):
    reader = PdfReader(image_site / "out" / "downloads" / f"handbook-{lang}.pdf")
    sizes = set()
    for page in reader.pages:
        for item in page["/Resources"].get_object().get("/XObject", {}).values():
            item = item.get_object()
            if item.get("/Subtype") == "/Image":
                sizes.add((item["/Width"], item["/Height"]))
    assert SHARED_SIZE in sizes
    text = "".join(page.extract_text() for page in reader.pages)
    assert STEPS[lang] in text and STEPS["en" if lang == "nl" else "nl"] not in text
    report = json.loads((BUILD_DIR / "print.json").read_text(encoding="utf-8"))
    assert not [p for p in report.get("problems", []) if p["code"] == "PRINT-LAYOUT"]


def messages(handbook) -> list[str]:
    from handbook.checks import run_checks

    return [p.format() for p in run_checks(handbook)]


IMAGE_FILES = {"images/calm.png": png((40, 30)), "images/steps.nl.svg": "<svg/>", "images/steps.en.svg": "<svg/>"}


def with_image(target: str, alt: str = "Een rustige werkplek", lang: str = "nl") -> dict:
    """The good fixture site plus image files, with `target` shown on the talk page of `lang`."""
    page = f"talk.{lang}.md"
    return {**GOOD_PAGES, **IMAGE_FILES, page: GOOD_PAGES[page] + f"\n![{alt}]({target})\n"}


def test_shared_and_per_language_images_pass(fixture_site):
    pages = with_image("images/calm.png")
    for lang, alt in (("nl", "De stappen"), ("en", "The steps")):
        pages[f"talk.{lang}.md"] += f"\n![{alt}](images/steps.svg)\n"
    assert messages(fixture_site(pages)) == []


def test_mistyped_image_is_located_with_did_you_mean(fixture_site):
    problems = messages(fixture_site(with_image("images/calm.pgn")))
    assert problems == ["docs/talk.nl.md:7:1: LINK-FILE link to missing file 'images/calm.pgn' (did you mean `images/calm.png`?)"]


def test_mistyped_per_language_image_suggests_the_name_without_language(fixture_site):
    problems = messages(fixture_site(with_image("images/step.svg")))
    assert problems == [
        "docs/talk.nl.md:7:1: LINK-FILE link to missing file 'images/step.svg' (did you mean `images/steps.svg`?)"
    ]


def test_missing_image_says_where_to_put_it(fixture_site):
    problems = messages(fixture_site(with_image("images/phone.png")))
    assert len(problems) == 1 and problems[0].startswith("docs/talk.nl.md:7:1: LINK-FILE link to missing file")


def test_other_languages_version_is_not_published_here(fixture_site):
    problems = messages(fixture_site(with_image("images/steps.nl.svg", "The steps", "en")))
    assert problems == [
        "docs/talk.en.md:7:1: LINK-FILE 'images/steps.nl.svg' is the 'nl' version of the file, not published for 'en' "
        "(write `images/steps.svg`: each language then shows its own version)"
    ]


def test_image_without_a_version_for_this_language(fixture_site):
    pages = with_image("images/card.svg", "The card", "en")
    pages["images/card.nl.svg"] = "<svg/>"
    assert messages(fixture_site(pages)) == [
        "docs/talk.en.md:7:1: LINK-FILE 'images/card.svg' has no 'en' version (only nl) "
        "(add `docs/images/card.en.svg`, or one shared `docs/images/card.svg` for every language)"
    ]


def test_an_image_that_is_no_picture_fails_the_check_at_its_line_naming_the_file_in_docs(fixture_site):
    pages = with_image("images/calm.png")
    pages["images/inbox.png"] = b"Dit is tekst, geen plaatje.\n"
    pages["images/broken.svg"] = "<svg><text>Stap 1</svg>"
    pages["talk.nl.md"] += "\n![Een volle inbox](images/inbox.png)\n\n![De stappen](images/broken.svg)\n"
    problems = messages(fixture_site(pages))
    assert [line.split(" (")[0] for line in problems] == [
        "docs/talk.nl.md:9:1: IMAGE-UNREADABLE docs/images/inbox.png is no picture: its content is not an image",
        # the `</svg>` that closes nothing: line 1, from column 20 of the file
        "docs/talk.nl.md:11:1: IMAGE-UNREADABLE docs/images/broken.svg is not a readable SVG drawing: "
        "mismatched tag at line 1, column 20",
    ], problems
    assert problems[0].endswith("(export it again as PNG)") and problems[1].endswith("(export it again as SVG)")


def test_a_picture_under_another_name_is_named_for_what_it_is(fixture_site):
    out = io.BytesIO()
    Image.new("RGB", (20, 20)).save(out, format="JPEG")
    pages = {**with_image("images/calm.png"), "images/calm.png": out.getvalue()}
    assert messages(fixture_site(pages)) == [
        "docs/talk.nl.md:7:1: IMAGE-UNREADABLE docs/images/calm.png holds a JPEG image, not the PNG its name says "
        "(export it again as PNG, or name it after what it is)"
    ]


def test_images_over_authorings_limits_are_named_with_their_size(fixture_site):
    noise = io.BytesIO()
    Image.frombytes("RGB", (400, 400), random.Random(1).randbytes(400 * 400 * 3)).save(noise, "PNG")  # does not compress
    assert len(noise.getvalue()) > 300 * 1024
    pages = {**with_image("images/wide.png"), "images/wide.png": png((1601, 20)), "images/noise.png": noise.getvalue()}
    pages["talk.nl.md"] += "\n![Ruis](images/noise.png)\n"
    pages["talk.en.md"] += "\n![A calm workplace](images/calm.png)\n"
    assert messages(fixture_site(pages)) == [
        "docs/talk.nl.md:7:1: IMAGE-TOO-LARGE docs/images/wide.png is 1601 x 20 pixels, more than 1600 wide "
        "(scale it down to 1600 pixels wide (and save a photo as JPEG at about 80% quality))",
        f"docs/talk.nl.md:9:1: IMAGE-TOO-LARGE docs/images/noise.png is {len(noise.getvalue()) // 1024} KB, more than 300 KB "
        "(save a photo as JPEG at about 80% quality, a drawing as PNG with fewer colours, or scale it down)",
    ]


def test_svg_text_in_a_generic_family_is_set_in_the_handbooks_faces_in_the_pdf(tmp_path):
    import pikepdf
    from weasyprint import HTML

    from handbook.printing.fonts import font_face_css
    from handbook.printing.resources import recording_fetcher

    drawings = {
        "generic.svg": '<text x="2" y="20" font-family="sans-serif">Antwoorden</text>',
        "styled.svg": '<text x="2" y="20" style="font-family: serif">Antwoorden</text>',
        "unnamed.svg": '<text x="2" y="20">Antwoorden</text>',
    }
    for name, text in drawings.items():
        (tmp_path / name).write_text(
            f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="30">{text}</svg>', encoding="utf-8"
        )
    body = "".join(f'<p>Stap</p><img src="{name}" alt="Stap">' for name in drawings)
    page = f"<html><head><style>{font_face_css()}</style></head><body style='font-family: \"Handbook Sans\"'>{body}</body></html>"
    HTML(string=page, base_url=f"{tmp_path}/", url_fetcher=recording_fetcher()).write_pdf(tmp_path / "out.pdf")
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        fonts = {
            str(obj.get("/BaseFont"))
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"
        }
    # Subset names as the @font-face rules name the faces: the body's sans, the drawings' sans and serif.
    assert {font.split("+")[-1] for font in fonts} == {"Handbook-Sans", "Handbook-Serif"}, fonts
    assert (tmp_path / "generic.svg").read_text(encoding="utf-8").count("Handbook") == 0  # the file is left as it is


def test_an_svg_that_is_no_drawing_or_shows_a_missing_picture_fails_the_check(fixture_site):
    pages = with_image("images/calm.png")
    pages["images/page.svg"] = "<html><body>Stappen</body></html>"
    pages["images/framed.svg"] = '<svg xmlns="http://www.w3.org/2000/svg"><image href="photo.png" width="9" height="9"/></svg>'
    pages["talk.nl.md"] += "\n![De stappen](images/page.svg)\n\n![Een foto in een lijst](images/framed.svg)\n"
    assert messages(fixture_site(pages)) == [
        "docs/talk.nl.md:9:1: IMAGE-UNREADABLE docs/images/page.svg is XML, but no SVG drawing (it starts with <html>) "
        "(export it again as SVG)",
        "docs/talk.nl.md:11:1: IMAGE-UNREADABLE docs/images/framed.svg shows 'photo.png', which is not there: the PDF "
        "cannot be made (export the drawing with its pictures embedded, or put the file beside it)",
    ]
