"""Reusing the previous build's PDFs: only when every input is the same, the document and the files it loads."""

from __future__ import annotations

import pytest

from handbook.printing.cache import PreviousPrint, input_key
from handbook.printing.typeset import PrintJob, PrintResult, render_job


def job_with(tmp_path, html: str) -> PrintJob:
    return PrintJob("sheet.pdf", html, tmp_path.as_uri() + "/", "docs/x.md", "en")


def test_key_follows_the_document(tmp_path):
    html = "<html><body><p>Hello</p></body></html>"
    key = input_key(job_with(tmp_path, html))
    assert input_key(job_with(tmp_path, html)) == key
    assert input_key(job_with(tmp_path, html.replace("Hello", "Hallo"))) != key


def test_a_pdf_is_reused_while_every_file_the_typesetter_loaded_is_unchanged(tmp_path):
    square = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    (tmp_path / "logo.svg").write_text(square, encoding="utf-8")
    # A picture named only inside a stylesheet the document links: no pattern over the HTML would see it.
    (tmp_path / "extra.css").write_text("p { background: url(dot.svg) }", encoding="utf-8")
    (tmp_path / "dot.svg").write_text(square, encoding="utf-8")
    html = '<html><head><link rel="stylesheet" href="extra.css"></head><body><img src="logo.svg"><p>Hi</p></body></html>'
    job, store, out = job_with(tmp_path, html), PreviousPrint(tmp_path / "store"), tmp_path / "out"
    out.mkdir()
    result = render_job(job, str(out))
    assert result.errors == []
    assert {"logo.svg", "extra.css", "dot.svg"} <= {url.rsplit("/", 1)[-1] for url in result.loaded}
    key = input_key(job)
    store.keep(job, key, result, out)
    assert store.restore(job.name, key, out) is not None
    (tmp_path / "dot.svg").write_text(square.replace('width="10" height="10"/>', 'width="5" height="5"/>'), encoding="utf-8")
    assert store.restore(job.name, key, out) is None


def test_previous_pdf_is_restored_only_for_the_same_key(tmp_path):
    store, out = PreviousPrint(tmp_path / "store"), tmp_path / "out"
    out.mkdir()
    job = job_with(tmp_path, "<p>Hello</p>")
    (out / "sheet.pdf").write_bytes(b"%PDF-first")
    store.keep(job, "key-1", PrintResult("sheet.pdf", pages=2, page_numbers={"a": 2}), out)
    (out / "sheet.pdf").unlink()
    assert store.restore(job.name, "key-2", out) is None and not (out / "sheet.pdf").exists()
    restored = store.restore(job.name, "key-1", out)
    assert (restored.pages, restored.layouts) == (2, 0)
    assert (out / "sheet.pdf").read_bytes() == b"%PDF-first"
    assert store.page_hint("sheet.pdf") == {"a": 2}


def test_key_follows_the_print_code(tmp_path, monkeypatch):
    from handbook.printing import cache

    job = job_with(tmp_path, "<p>Hello</p>")
    key = input_key(job)
    monkeypatch.setattr(cache, "code_digest", lambda: "changed page-number code")
    assert input_key(job) != key


def test_code_digest_covers_the_print_modules_and_stylesheets():
    from pathlib import Path

    from handbook.printing import cache

    package = Path(cache.__file__).resolve().parent.parent
    first = cache.code_digest()
    cache.code_digest.cache_clear()
    assert cache.code_digest() == first  # stable for the same code
    covered = {p.name for p in (package / "printing").iterdir() if p.suffix in (".py", ".css")}
    assert {"document.py", "typeset.py", "handbook.css", "sheets.css"} <= covered


def test_kept_entry_is_written_whole_and_last(tmp_path):
    store, out = PreviousPrint(tmp_path / "store"), tmp_path / "out"
    out.mkdir()
    job = job_with(tmp_path, "<p>Hello</p>")
    (out / "sheet.pdf").write_bytes(b"%PDF-first")
    store.keep(job, "key-1", PrintResult("sheet.pdf", pages=1), out)
    assert sorted(p.name for p in (tmp_path / "store").iterdir()) == ["sheet.pdf", "sheet.pdf.json"]
    # A later keep that dies after removing the entry leaves no entry pointing at a half-copied PDF.
    (out / "sheet.pdf").unlink()
    with pytest.raises(FileNotFoundError):
        store.keep(job, "key-2", PrintResult("sheet.pdf", pages=1), out)
    assert store.restore(job.name, "key-1", out) is None and store.restore(job.name, "key-2", out) is None


def test_a_kept_pdf_is_reused_without_making_its_job(tmp_path):
    from handbook.printing.print_step import PrintQueue

    store, out = PreviousPrint(tmp_path / "store"), tmp_path / "out"
    out.mkdir()
    (out / "handbook-nl.pdf").write_bytes(b"%PDF-kept")
    job = PrintJob("handbook-nl.pdf", "<p>x</p>", tmp_path.as_uri() + "/", "docs/*.nl.md", "nl")
    store.keep(job, "digest-of-the-pages", PrintResult("handbook-nl.pdf", pages=3), out)
    (out / "handbook-nl.pdf").unlink()

    def never():
        raise AssertionError("assembled although nothing changed")

    queue = PrintQueue(store, out)
    queue.add_keyed("handbook-nl.pdf", "digest-of-the-pages", never)
    [result] = queue.finish()
    assert (result.pages, result.layouts) == (3, 0)
    assert (out / "handbook-nl.pdf").read_bytes() == b"%PDF-kept"


def test_a_pdf_the_runs_validation_typeset_is_not_called_unchanged(tmp_path):
    """The card-fit check typesets the cards and keeps them; the print step then copies them. After an edit to a
    card that copy is new: the build's line says where it was made, and "unchanged" only for an earlier build's."""
    import time

    from handbook.printing.print_step import PrintQueue
    from handbook.printing.report import print_summary

    store, out = PreviousPrint(tmp_path / "store"), tmp_path / "out"
    out.mkdir()
    for name, pages in (("cards.pdf", 3), ("sheet.pdf", 1)):
        (out / name).write_bytes(b"%PDF-kept")
        store.keep(
            PrintJob(name, "<p>x</p>", tmp_path.as_uri() + "/", "docs/phrases.yml", "nl"),
            name,
            PrintResult(name, pages=pages),
            out,
        )
    started = time.time()
    time.sleep(0.05)
    (out / "sheet.pdf").write_bytes(b"%PDF-kept")
    store.keep(
        PrintJob("sheet.pdf", "<p>x</p>", tmp_path.as_uri() + "/", "docs/phrases.yml", "nl"),
        "sheet.pdf",
        PrintResult("sheet.pdf", pages=1),
        out,
    )
    queue = PrintQueue(store, out, run_started=started)
    for name in ("cards.pdf", "sheet.pdf"):
        queue.add_keyed(name, name, lambda: None)
    lines = print_summary(queue.finish(), detailed=True)
    assert [line.rsplit(", ", 1)[0] for line in lines[:2]] == [  # without the seconds each took
        "print: cards.pdf: 3 pages, unchanged since the last build",
        "print: sheet.pdf: 1 page, typeset during validation",
    ]
    assert lines[2:] == ["print: 2 PDFs, 4 pages"]
