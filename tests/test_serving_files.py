"""The build's files for the server: compressed copies, sitemap alternates, Lighthouse's verdict."""

from __future__ import annotations

import gzip

import brotli

from handbook.alternates import with_x_default, without_head_alternates
from handbook.lighthouse import PageResult, misses
from handbook.precompress import precompress, text_files

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
    from handbook.precompress import CompressionCache

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
