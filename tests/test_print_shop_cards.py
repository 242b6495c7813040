"""Phrase cards a print shop accepts: one card per page at 90 x 65 mm plus 3 mm bleed, the boxes that say where
to cut, colour running into the bleed, text inside the 4 mm safe zone, fonts embedded, PDF/X-4 with its output
intent, and the two-sided file as each Dutch front followed by its English back."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import replace

import pikepdf
import pytest
from conftest import ROOT, first_page_image, require_tool

from handbook.pages.deck import deck
from handbook.printing.print_shop import BLEED, PROFILE, SAFE, profile_css

MM = 72 / 25.4  # PDF points per mm
TRIM_W, TRIM_H = 90.0, 65.0
FILES = ["phrase-cards-nl-print-shop.pdf", "phrase-cards-en-print-shop.pdf", "phrase-cards-nl-en-print-shop.pdf"]
WORD = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def box_mm(page, name: str) -> list[float]:
    return [float(value) / MM for value in page.obj[name]]


@pytest.mark.parametrize("name", FILES)
def test_one_page_per_card_with_trim_and_bleed_boxes_to_a_tenth_of_a_millimetre(built_site, real_handbook, name):
    with pikepdf.open(built_site / "downloads" / name) as pdf:
        sides = 2 if "nl-en" in name else 1
        assert len(pdf.pages) == sides * len(real_handbook.cards)
        for page in pdf.pages:
            media, bleed, trim = (box_mm(page, key) for key in ("/MediaBox", "/BleedBox", "/TrimBox"))
            x0, y0, x1, y1 = trim
            assert x1 - x0 == pytest.approx(TRIM_W, abs=0.1) and y1 - y0 == pytest.approx(TRIM_H, abs=0.1)
            assert bleed == pytest.approx([x0 - BLEED, y0 - BLEED, x1 + BLEED, y1 + BLEED], abs=0.1)
            assert media == pytest.approx(bleed, abs=0.1)  # no marks: the page is the bleed box


@pytest.mark.parametrize("name", FILES)
def test_pdf_x4_with_a_cmyk_output_intent_fonts_embedded_and_no_rgb(built_site, name):
    with pikepdf.open(built_site / "downloads" / name) as pdf:
        assert pdf.pdf_version == "1.6"
        [intent] = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX" and intent.DestOutputProfile.N == 4
        assert intent.DestOutputProfile.read_bytes() == PROFILE.read_bytes()
        assert str(intent.OutputConditionIdentifier) == "FOGRA39" and str(intent.RegistryName) == "http://www.color.org"
        assert str(intent.Info) == "Coated FOGRA39 (ISO 12647-2:2004)"
        with pdf.open_metadata() as meta:
            assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert pdf.trailer.Info.Trapped == "/False" and str(pdf.trailer.Info.Title)
        for page in pdf.pages:
            instructions = pikepdf.parse_content_stream(page)
            operators = {str(op) for _, op in instructions}
            assert not operators & {"rg", "RG", "sc", "SC"}, "RGB colour in a file with a CMYK output intent"
            named = [operands[0] for operands, op in instructions if str(op) in ("cs", "CS")]
            assert not [space for space in named if rgb_space(page.Resources.get("/ColorSpace", {}).get(space, space))]
            spaces = list(page.Resources.get("/ColorSpace", {}).values())
            spaces += [x.ColorSpace for x in page.Resources.get("/XObject", {}).values() if "/ColorSpace" in x]
            assert not [space for space in spaces if rgb_space(space)], "an RGB colour space in a page's resources"
            for font in page.Resources.Font.values():
                descriptor = (font.DescendantFonts[0] if "/DescendantFonts" in font else font).FontDescriptor
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont


def rgb_space(space) -> bool:
    """Whether a colour space is RGB: DeviceRGB, CalRGB, or an ICC profile with three components."""
    if isinstance(space, pikepdf.Name):
        return space in ("/DeviceRGB", "/CalRGB")
    return isinstance(space, pikepdf.Array) and (space[0] == "/CalRGB" or (space[0] == "/ICCBased" and int(space[1].N) == 3))


def words(pdf_path) -> list[tuple[int, str, float, float, float, float]]:
    """(page, word, xmin, ymin, xmax, ymax) in mm from the top left of the page (the bleed box)."""
    out = subprocess.run(
        [require_tool("pdftotext"), "-bbox", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    found, page = [], 0
    for line in out.splitlines():
        page += "<page " in line
        if match := WORD.search(line):
            x0, y0, x1, y1 = (float(match.group(i)) / MM for i in range(1, 5))
            found.append((page, match.group(5), x0, y0, x1, y1))
    return found


@pytest.mark.parametrize("name", FILES)
def test_no_text_glyph_lies_outside_the_safe_zone(built_site, name):
    found = words(built_site / "downloads" / name)
    assert found
    low, high_x, high_y = BLEED + SAFE, BLEED + TRIM_W - SAFE, BLEED + TRIM_H - SAFE
    outside = [w for w in found if w[2] < low - 0.05 or w[3] < low - 0.05 or w[4] > high_x + 0.05 or w[5] > high_y + 0.05]
    assert not outside


def test_band_colour_runs_into_the_bleed_and_the_rest_of_the_bleed_stays_paper(built_site, tmp_path):
    image = first_page_image(built_site / "downloads" / "phrase-cards-en-print-shop.pdf", tmp_path, 150).convert("L")
    px = image.width / (TRIM_W + 2 * BLEED)

    def ink(x_mm, y_mm):
        return image.getpixel((min(image.width - 1, round(x_mm * px)), min(image.height - 1, round(y_mm * px)))) < 200

    # The band: the outer edge of the top bleed all along, and the side bleeds beside the title.
    assert all(ink(x, 0.5) for x in range(0, 97, 4))
    assert ink(0.5, BLEED + 4) and ink(TRIM_W + 2 * BLEED - 0.5, BLEED + 4)
    # Below the band the design has no background: the bleed there is paper.
    assert not ink(0.5, BLEED + 40) and not ink(TRIM_W + BLEED + 1.5, BLEED + TRIM_H + 1.5)


def page_texts(pdf_path) -> list[str]:
    out = subprocess.run([require_tool("pdftotext"), str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in out.split("\f")[:-1]]


def test_two_sided_file_alternates_dutch_front_and_the_same_cards_english_back(built_site, real_handbook):
    pages = page_texts(built_site / "downloads" / "phrase-cards-nl-en-print-shop.pdf")
    cards = deck(real_handbook)  # numbered as everywhere else: in quick help's groups
    total = len(cards)
    assert len(pages) == 2 * total
    for number, card in enumerate(cards, 1):
        front, back = pages[2 * number - 2], pages[2 * number - 1]
        assert card.title["nl"] in front and card.phrases_in("nl")[0] in front, number
        assert card.title["en"] in back and card.phrases_in("en")[0] in back, number
        assert f"{number}/{total}" in front and f"{number}/{total}" in back


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_single_language_file_has_every_card_in_deck_order(built_site, real_handbook, lang):
    pages = page_texts(built_site / "downloads" / f"phrase-cards-{lang}-print-shop.pdf")
    cards = deck(real_handbook)
    assert [card.title[lang] in page for card, page in zip(cards, pages, strict=True)] == [True] * len(pages)
    assert [f"{n}/{len(cards)}" in page for n, page in enumerate(pages, 1)] == [True] * len(pages)


def test_a_card_that_leaves_the_safe_zone_is_reported_at_its_line_naming_the_language(real_handbook):
    from weasyprint import HTML

    from handbook.printing.jobs import print_shop_job, stylesheet
    from handbook.printing.typeset import overflowing

    first = real_handbook.cards[0]
    # Six phrases of two lines each: more than the card holds inside its safe zone.
    longer = tuple({**phrase, "en": f"{phrase['en']} {phrase['en']} {phrase['en']}"} for phrase in first.phrases)
    cards = [replace(first, phrases=(longer * 2)[:6]), *real_handbook.cards[1:]]
    handbook = replace(real_handbook, cards=cards)
    english = real_handbook.settings.languages[1]
    job = print_shop_job(handbook, [english], stylesheet("print-shop.css"))
    [problem] = overflowing(HTML(string=job.html, base_url=job.base_url).render(), job.fit_limits)
    assert (problem.path, problem.line, problem.code, problem.lang) == ("docs/phrases.yml", first.line, "CARD-TOO-LONG", "en")
    assert "print shop" in problem.message and "'en'" in problem.message


def test_a_kept_card_pdf_follows_the_colour_profile_and_the_pdf_variant(real_handbook, tmp_path):
    from handbook.printing.cache import PreviousPrint, input_key
    from handbook.printing.jobs import print_shop_job, stylesheet
    from handbook.printing.typeset import render_job

    profile = tmp_path / "cmyk.icc"
    profile.write_bytes(PROFILE.read_bytes())
    css = stylesheet("print-shop.css") + profile_css(profile)
    job = print_shop_job(real_handbook, real_handbook.settings.languages[:1], css)
    key = input_key(job)
    assert input_key(print_shop_job(real_handbook, real_handbook.settings.languages[:1], css)) == key
    assert input_key(replace(job, variant="pdf/ua-1")) != key
    out, store = tmp_path / "out", PreviousPrint(tmp_path / "store")
    out.mkdir()
    result = render_job(job, str(out))
    assert result.errors == []
    assert any(url.endswith("/cmyk.icc") for url in result.loaded), "the typesetter loads the profile"
    store.keep(job, key, result, out)
    assert store.restore(job.name, key, out) is not None
    profile.write_bytes(PROFILE.read_bytes() + b"\0")
    assert store.restore(job.name, key, out) is None


def test_the_output_profile_is_a_fogra39_cmyk_printer_profile_in_the_repository():
    from PIL import ImageCms

    assert PROFILE.is_relative_to(ROOT / "handbook") and (PROFILE.parent / "README.md").is_file()
    data = PROFILE.read_bytes()
    assert (data[12:16], data[16:20]) == (b"prtr", b"CMYK")  # ICC header: output device class, CMYK data
    assert "FOGRA39" in ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(str(PROFILE)))


def test_the_same_cards_make_the_same_bytes_wherever_the_checkout_is(real_handbook, tmp_path):
    from handbook.printing.jobs import print_shop_job, stylesheet
    from handbook.printing.typeset import render_job

    english = real_handbook.settings.languages[1:]
    made = []
    for folder in ("one", "elsewhere/two"):
        profile = tmp_path / folder / "profiles" / PROFILE.name
        profile.parent.mkdir(parents=True)
        profile.write_bytes(PROFILE.read_bytes())
        out = tmp_path / folder / "out"
        out.mkdir()
        css = stylesheet("print-shop.css") + profile_css(profile)
        job = print_shop_job(real_handbook, english, css, dt.datetime(2026, 1, 2, tzinfo=dt.UTC))  # as a build dates it
        assert render_job(job, str(out)).errors == []
        made.append((out / job.name).read_bytes())
    assert made[0] == made[1]
    with pikepdf.open(tmp_path / "one" / "out" / job.name) as pdf:
        assert pdf.Root.OutputIntents[0].DestOutputProfile.read_bytes() == PROFILE.read_bytes()  # as committed
