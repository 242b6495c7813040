"""One typeface on screen and paper: the site serves the PDFs' faces itself, cut to the characters it uses."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from handbook.printing.fonts import font_files
from handbook.website.web_fonts import FONT_DIR, face_name, subset_woff2

FAMILIES = """() => {
  const family = selector => getComputedStyle(document.querySelector(selector)).fontFamily.split(",")[0].trim();
  return {body: family(".md-typeset p"), heading: family(".md-typeset h1"), nav: family(".md-nav")};
}"""
LOADED = """async () => {
  await document.fonts.ready;
  return [...document.fonts].filter(f => f.status === "loaded").map(f => `${f.family} ${f.weight} ${f.style}`);
}"""


@pytest.mark.parametrize("path", ["/en/", "/conversation/"])
def test_text_and_headings_are_set_in_the_served_faces(browser, served_site, path):
    context = browser.new_context()
    page = context.new_page()
    fonts = []
    page.on("response", lambda response: fonts.append(response.url) if response.url.endswith(".woff2") else None)
    page.goto(served_site + path, wait_until="networkidle")
    assert page.evaluate(FAMILIES) == {"body": '"Handbook Serif"', "heading": '"Handbook Sans"', "nav": '"Handbook Sans"'}
    loaded = page.evaluate(LOADED)
    assert "Handbook Serif 400 normal" in loaded and "Handbook Sans 400 normal" in loaded
    assert fonts and all(url.startswith(served_site + "/assets/fonts/") for url in fonts)
    context.close()


def test_every_character_of_the_site_is_in_the_served_faces(built_site):
    characters = {c for page in built_site.rglob("*.html") for c in page.read_text(encoding="utf-8") if c.isprintable()}
    for family, weight, style, path in font_files():
        original = set(chr(code) for code in TTFont(str(path)).getBestCmap())
        # The build names each face after its content too (handbook/website/fingerprint.py): name.<hash>.woff2.
        (served_path,) = (built_site / FONT_DIR).glob(face_name(family, weight, style).replace(".woff2", ".*.woff2"))
        served = TTFont(str(served_path))
        assert served.flavor == "woff2"
        kept = set(chr(code) for code in served.getBestCmap())
        assert characters & original <= kept, (path.name, sorted((characters & original) - kept)[:10])
        assert served_path.stat().st_size < path.stat().st_size / 5  # cut down and compressed
    (css,) = (path.read_text(encoding="utf-8") for path in (built_site / FONT_DIR).glob("fonts.*.css"))
    assert css.count("font-display: optional") == len(font_files()) and "//" not in css


def test_a_face_is_cut_to_the_same_bytes_every_time():
    path = font_files()[0][3]
    assert subset_woff2(path, "Blijf kalm") == subset_woff2(path, "Blijf kalm")
    assert len(subset_woff2(path, "Blijf kalm")) < len(subset_woff2(path, "Blijf kalm, luister goed"))


def test_a_cut_face_keeps_its_names_and_licence():
    import io

    from fontTools.ttLib import TTFont

    path = font_files()[0][3]
    cut = TTFont(io.BytesIO(subset_woff2(path, "Blijf kalm")))
    original = TTFont(str(path))
    for name_id in (1, 2, 13, 14):  # family, style, licence, licence address
        assert cut["name"].getDebugName(name_id) == original["name"].getDebugName(name_id)
    assert set(cut.getBestCmap()) >= {ord(c) for c in "Blijf kalm"}


def test_another_process_cutting_the_same_faces_midway_leaves_whole_faces(tmp_path, monkeypatch):
    from pathlib import Path

    from handbook.website import web_fonts

    monkeypatch.setattr(web_fonts, "subset_woff2", lambda path, characters: f"cut {path.name}".encode())
    sites, build = [tmp_path / "one", tmp_path / "two"], tmp_path / "build"
    for site in sites:
        site.mkdir()
        (site / "index.html").write_text("<p>Blijf kalm</p>", encoding="utf-8")
    cache = build / web_fonts.CACHE
    write = Path.write_bytes

    def write_while_another_process_cuts(path, data):
        written = write(path, data)
        if path.parent == cache and len(list(cache.iterdir())) == 1:  # the first face half done
            monkeypatch.setattr(Path, "write_bytes", write)
            web_fonts.write_web_fonts(sites[1], build)
        return written

    monkeypatch.setattr(Path, "write_bytes", write_while_another_process_cuts)
    web_fonts.write_web_fonts(sites[0], build)
    monkeypatch.undo()
    faces = sorted(p.read_bytes() for p in cache.iterdir())
    assert faces == sorted(f"cut {path.name}".encode() for *_, path in font_files())
