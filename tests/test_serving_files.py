"""The build's files for the server: compressed copies, sitemap alternates, hashed asset names, Lighthouse's
verdict."""

from __future__ import annotations

import gzip
import hashlib
import re
import socket
import struct
import threading
import time
import urllib.request
from urllib.parse import urlsplit

import brotli
from conftest import ROOT

from devtools.lighthouse import PageResult, median_run, misses
from handbook.website.alternates import with_x_default, without_head_alternates
from handbook.website.fingerprint import fingerprint_assets
from handbook.website.precompress import precompress, text_files
from handbook.website.static_server import serving

TEXT = ("<p>Blijf kalm en luister naar de klant.</p>\n" * 40).encode()


def test_compressed_copies_decode_to_the_file_and_are_the_same_bytes_every_time(tmp_path):
    for run in ("one", "two"):
        site = tmp_path / run
        (site / "en").mkdir(parents=True)
        (site / "en" / "index.html").write_bytes(TEXT)
        (site / "logo.png").write_bytes(TEXT)  # not text: left alone
        (site / "tiny.css").write_bytes(b"p{}")  # too small to gain
        assert precompress(text_files(site)) == 1
    first, second = tmp_path / "one" / "en" / "index.html", tmp_path / "two" / "en" / "index.html"
    assert gzip.decompress(first.with_name("index.html.gz").read_bytes()) == TEXT
    assert brotli.decompress(first.with_name("index.html.br").read_bytes()) == TEXT
    assert first.with_name("index.html.gz").read_bytes()[3:8] == bytes(5), "no file name, no time stamp"
    for suffix in (".gz", ".br"):
        assert first.with_name("index.html" + suffix).read_bytes() == second.with_name("index.html" + suffix).read_bytes()
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == ["en", "logo.png", "tiny.css"]


def test_head_alternates_go_and_the_language_menu_stays():
    html = (
        '<html><head><link rel="canonical" href="https://x/en/a/">\n'
        '      <link rel="alternate" href="../../a/" hreflang="nl">\n      <link rel="alternate" href="./" hreflang="en">\n'
        '</head><body><a href="../../a/" hreflang="nl" class="md-select__link">Nederlands</a></body></html>'
    )
    result = without_head_alternates(html)
    assert 'rel="alternate"' not in result and 'hreflang="nl" class="md-select__link"' in result
    assert '<link rel="canonical" href="https://x/en/a/">' in result


def test_the_sitemap_gets_an_x_default_beside_each_default_language_alternate():
    sitemap = (
        "    <url>\n        <loc>https://x/en/a/</loc>\n"
        '        <xhtml:link rel="alternate" hreflang="en" href="https://x/en/a/"/>\n'
        '        <xhtml:link rel="alternate" hreflang="nl" href="https://x/a/"/>\n    </url>\n'
    )
    assert with_x_default(sitemap, "nl") == sitemap.replace(
        '"https://x/a/"/>\n', '"https://x/a/"/>\n        <xhtml:link rel="alternate" hreflang="x-default" href="https://x/a/"/>\n'
    )


def result(path: str, performance: int, kib: float) -> PageResult:
    scores = {"performance": performance, "accessibility": 100, "best-practices": 100, "seo": 100}
    return PageResult(path, scores, 900, 1000, 100, 0, kib, ())


def test_lighthouse_misses_name_the_page_the_score_and_the_quick_help_budget():
    assert misses([result("/quick-help/", 95, 200), result("/en/after/", 100, 400)]) == []
    assert misses([result("/en/quick-help/", 94, 201)]) == [
        "/en/quick-help/: performance 94 < 95",
        "/en/quick-help/: 201 KiB > 200 KiB on a first visit",
    ]


def test_compressed_copies_are_kept_for_the_next_build_and_dropped_when_unused(tmp_path):
    from handbook.website.precompress import CompressionCache

    site, kept = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    page = site / "index.html"
    page.write_bytes(TEXT)
    first = CompressionCache(kept)
    assert precompress(text_files(site), first) == 1
    first.prune()
    assert len(list(kept.iterdir())) == 2  # one .gz and one .br
    # The next build reads the kept copy instead of compressing again.
    (cached_br,) = kept.glob("*.br")
    cached_br.write_bytes(brotli.compress(TEXT, quality=1))
    assert precompress(text_files(site), CompressionCache(kept)) == 1
    assert (site / "index.html.br").read_bytes() == cached_br.read_bytes()
    # A changed page gets new copies; the old ones go once no file of a build uses them.
    page.write_bytes(TEXT + b"<p>Nieuw</p>\n")
    second = CompressionCache(kept)
    precompress(text_files(site), second)
    second.prune()
    assert len(list(kept.iterdir())) == 2
    assert brotli.decompress((site / "index.html.br").read_bytes()) == TEXT + b"<p>Nieuw</p>\n"


def test_median_run_is_the_middle_score_of_the_runs():
    runs = [result("/en/conversation/", 96, 300), result("/en/conversation/", 80, 300), result("/x/", 94, 300)]
    median = median_run(runs)
    assert (median.path, median.scores["performance"]) == ("/en/conversation/", 94)


def small_site(root, site_path="/"):
    """A built site's assets and three pages; the 404 page, served at any depth, refers to them from the root of
    the site's address, `site_path`."""
    (root / "en" / "quick-help").mkdir(parents=True)
    (root / "assets" / "fonts").mkdir(parents=True)
    (root / "assets" / "javascripts" / "lunr").mkdir(parents=True)
    (root / "assets" / "fonts" / "fonts.css").write_text('@font-face { src: url("serif.woff2") format("woff2"); }\n')
    (root / "assets" / "fonts" / "serif.woff2").write_bytes(b"wOF2 face")
    (root / "assets" / "handbook.css").write_text(".md-typeset { color: teal; }\n")
    (root / "assets" / "javascripts" / "links.js").write_text("console.log(1);\n")
    (root / "assets" / "javascripts" / "bundle.0123abcd.min.js").write_text("theme();\n")
    (root / "assets" / "javascripts" / "lunr" / "lunr.nl.js").write_text("stemmer();\n")
    head = '<link rel="stylesheet" href="{up}assets/fonts/fonts.css"><link rel="stylesheet" href="{up}assets/handbook.css">'
    head += '<link rel="preload" href="{up}assets/fonts/serif.woff2" as="font" type="font/woff2" crossorigin>'
    scripts = (
        '<script src="{up}assets/javascripts/bundle.0123abcd.min.js"></script><script src="{up}assets/javascripts/links.js">'
    )
    for page, up in (("index.html", ""), ("en/quick-help/index.html", "../../"), ("404.html", site_path)):
        (root / page).write_text((head + scripts).format(up=up) + f'</script><a href="{up}en/quick-help/">x</a>')


def test_our_assets_get_names_from_their_content_and_every_reference_follows(tmp_path):
    names = {}
    for build in ("one", "two"):
        small_site(tmp_path / build)
        names[build] = fingerprint_assets(tmp_path / build)
    assert names["one"] == names["two"], "the same files get the same names"
    site, renamed = tmp_path / "one", names["one"]
    assert sorted(renamed) == [
        "assets/fonts/fonts.css", "assets/fonts/serif.woff2", "assets/handbook.css", "assets/javascripts/links.js"
    ]  # fmt: skip
    for old, new in renamed.items():
        data = (site / new).read_bytes()
        assert new == old.rpartition(".")[0] + f".{hashlib.sha256(data).hexdigest()[:8]}." + old.rpartition(".")[2]
        assert not (site / old).exists()
    assert (
        f'url("{renamed["assets/fonts/serif.woff2"].rpartition("/")[2]}")'
        in (site / renamed["assets/fonts/fonts.css"]).read_text()
    )
    for page, up in (("index.html", ""), ("en/quick-help/index.html", "../../"), ("404.html", "/")):
        html = (site / page).read_text()
        for old, new in renamed.items():
            assert f'"{up}{new}"' in html and f'"{up}{old}"' not in html, (page, old)
        assert f'src="{up}assets/javascripts/bundle.0123abcd.min.js"' in html, "the theme's own names stay"
    assert (site / "assets" / "javascripts" / "lunr" / "lunr.nl.js").is_file(), "loaded by name by the search"


def test_a_site_under_a_path_keeps_that_path_in_its_absolute_references(tmp_path):
    small_site(tmp_path, "/handbook/")
    renamed = fingerprint_assets(tmp_path, "/handbook/")
    not_found = (tmp_path / "404.html").read_text()
    assert len(renamed) == 4
    for old, new in renamed.items():
        assert (tmp_path / new).is_file()
        assert f'"/handbook/{new}"' in not_found and f'"/handbook/{old}"' not in not_found, old


def test_a_changed_stylesheet_or_face_is_a_new_name(tmp_path):
    small_site(tmp_path / "one")
    small_site(tmp_path / "two")
    (tmp_path / "two" / "assets" / "fonts" / "serif.woff2").write_bytes(b"wOF2 other face")
    one, two = fingerprint_assets(tmp_path / "one"), fingerprint_assets(tmp_path / "two")
    assert one["assets/handbook.css"] == two["assets/handbook.css"]
    assert one["assets/fonts/fonts.css"] != two["assets/fonts/fonts.css"], "the stylesheet names the new face"


ASSET_REFERENCE = re.compile(r'(?:href|src)="((?:\.\./|/)*assets/[^"]+\.(?:css|js|woff2))"')
OURS = re.compile(r"^(?!.*\.min\.)(.+)\.([0-9a-f]{8})\.(css|js|woff2)$")


def test_the_built_site_references_only_hashed_assets_that_hold_what_their_names_say(built_site):
    ours = set()
    for page in sorted(built_site.rglob("*.html")):
        for reference in ASSET_REFERENCE.findall(page.read_text(encoding="utf-8")):
            target = (built_site / reference.lstrip("/") if reference.startswith("/") else page.parent / reference).resolve()
            assert target.is_file(), (page, reference)
            assert re.search(r"\.[0-9a-f]{8}(\.min)?\.(css|js|woff2)$", target.name), (page, reference)
            if OURS.match(target.name):
                ours.add(target)
    fonts_css = [path for path in ours if path.name.startswith("fonts.")]
    faces = re.findall(r'url\("([^"]+)"\)', fonts_css[0].read_text(encoding="utf-8"))
    ours |= {fonts_css[0].parent / face for face in faces}
    names = sorted(OURS.match(path.name).group(1) for path in ours)
    # Every script and stylesheet of the handbook's own, and the eight faces of its two fonts.
    scripts = {path.stem for path in (ROOT / "overrides" / "assets" / "javascripts").glob("*.js")}
    assert len(scripts) >= 4 and scripts | {"fonts", "handbook"} <= set(names), names
    assert len([name for name in names if name.startswith("handbook-s")]) == 8, names
    for path in ours:
        assert OURS.match(path.name).group(2) == hashlib.sha256(path.read_bytes()).hexdigest()[:8], path
    worker = (built_site / "sw.js").read_text(encoding="utf-8")
    assert all(path.relative_to(built_site.resolve()).as_posix() in worker for path in ours), "kept offline under its new name"
    assert not re.search(r"assets/(handbook|fonts/fonts|javascripts/links)\.(css|js)\b", worker)


def test_another_process_compressing_the_same_file_midway_leaves_whole_copies(tmp_path, monkeypatch):
    from pathlib import Path

    from handbook.website.precompress import CompressionCache

    kept = tmp_path / "cache"
    write = Path.write_bytes
    others = []

    def write_while_another_process_compresses(path, data):
        written = write(path, data)
        if path.parent == kept:  # halfway through this build, another one compresses the same page
            monkeypatch.setattr(Path, "write_bytes", write)
            others.append(CompressionCache(kept).copies(TEXT))
        return written

    monkeypatch.setattr(Path, "write_bytes", write_while_another_process_compresses)
    bodies = CompressionCache(kept).copies(TEXT)
    monkeypatch.undo()
    assert bodies == others[0] and gzip.decompress(bodies[".gz"]) == TEXT
    assert sorted(p.suffix for p in kept.iterdir()) == [".br", ".gz"]
    for path in kept.iterdir():
        assert path.read_bytes() == bodies[path.suffix]
    # Pruning leaves alone what another build is still writing.
    (kept / ".0123.gz.4567.part").write_bytes(b"half")
    CompressionCache(kept).prune()
    assert [p.name for p in kept.iterdir()] == [".0123.gz.4567.part"]


def test_a_reader_who_leaves_mid_download_gets_no_traceback_printed_and_the_next_reader_is_served(tmp_path, capfd):
    site = tmp_path / "site"
    site.mkdir()
    (site / "big.pdf").write_bytes(bytes(8 * 1024 * 1024))  # more than the sockets' buffers take at once
    (site / "index.html").write_text("<p>Blijf kalm.</p>", encoding="utf-8")
    with serving(site) as url:
        host, port = urlsplit(url).hostname, urlsplit(url).port
        threads_before = threading.active_count()
        leaving = socket.create_connection((host, port))
        leaving.sendall(b"GET /big.pdf HTTP/1.1\r\nHost: x\r\n\r\n")
        leaving.recv(1024)
        # Closed with a reset, as a browser does when the reader navigates away: the server's next write fails.
        leaving.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        leaving.close()
        deadline = time.monotonic() + 10
        while threading.active_count() > threads_before and time.monotonic() < deadline:
            time.sleep(0.05)  # until the thread that answered has met the closed connection and ended
        with urllib.request.urlopen(f"{url}/index.html") as answer:
            assert answer.read() == b"<p>Blijf kalm.</p>"
    printed = capfd.readouterr().err
    assert "Traceback" not in printed and "Exception occurred" not in printed, printed
