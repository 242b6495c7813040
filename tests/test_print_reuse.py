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
    store.keep(job, "key-1", PrintResult("sheet.pdf", pages=2), out)
    (out / "sheet.pdf").unlink()
    assert store.restore(job.name, "key-2", out) is None and not (out / "sheet.pdf").exists()
    restored = store.restore(job.name, "key-1", out)
    assert (restored.pages, restored.layouts) == (2, 0)
    assert (out / "sheet.pdf").read_bytes() == b"%PDF-first"


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
    assert sorted(p.name for p in (tmp_path / "store" / "sheet").iterdir()) == ["key-1.json", "key-1.pdf"]
    # A keep of the same version that dies after removing the entry leaves no entry pointing at a half-copied PDF.
    (out / "sheet.pdf").unlink()
    with pytest.raises(FileNotFoundError):
        store.keep(job, "key-1", PrintResult("sheet.pdf", pages=1), out)
    assert store.restore(job.name, "key-1", out) is None
    assert sorted(p.name for p in (tmp_path / "store" / "sheet").iterdir()) == ["key-1.pdf"]


def test_the_versions_used_last_are_kept_and_older_ones_dropped(tmp_path):
    from handbook.printing.cache import KEPT_VERSIONS

    store, out = PreviousPrint(tmp_path / "store"), tmp_path / "out"
    out.mkdir()
    job = job_with(tmp_path, "<p>Hello</p>")

    def keep(version: int) -> None:
        (out / "sheet.pdf").write_bytes(b"%PDF-" + str(version).encode())
        store.keep(job, f"key-{version}", PrintResult("sheet.pdf", pages=version), out)

    keep(0)
    for version in range(1, KEPT_VERSIONS):
        keep(version)
    assert store.restore(job.name, "key-0", out).pages == 0, "an earlier version comes back"
    assert (out / "sheet.pdf").read_bytes() == b"%PDF-0"
    keep(KEPT_VERSIONS)  # one too many: the one used longest ago goes, not the first one kept
    assert store.restore(job.name, "key-1", out) is None
    for version in (0, *range(2, KEPT_VERSIONS + 1)):
        assert store.restore(job.name, f"key-{version}", out).pages == version
    assert len(list((tmp_path / "store" / "sheet").glob("*.pdf"))) == KEPT_VERSIONS


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


def test_another_process_keeping_the_same_pdf_midway_leaves_one_whole_pdf(tmp_path, monkeypatch):
    import shutil

    job, store_dir = job_with(tmp_path, "<p>Hello</p>"), tmp_path / "store"
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    for out, body in ((mine, b"%PDF-mine"), (theirs, b"%PDF-theirs")):
        out.mkdir()
        (out / "sheet.pdf").write_bytes(body)
    copy = shutil.copyfile

    def copy_while_another_process_keeps(source, target, *args, **kwargs):
        copy(source, target)
        if source == mine / "sheet.pdf":  # halfway through this build's keep, a live preview keeps its own
            monkeypatch.setattr(shutil, "copyfile", copy)
            PreviousPrint(store_dir).keep(job, "key-theirs", PrintResult("sheet.pdf", pages=1), theirs)
        return target

    monkeypatch.setattr(shutil, "copyfile", copy_while_another_process_keeps)
    PreviousPrint(store_dir).keep(job, "key-mine", PrintResult("sheet.pdf", pages=1), mine)
    for key, body in (("key-mine", b"%PDF-mine"), ("key-theirs", b"%PDF-theirs")):
        assert PreviousPrint(store_dir).restore("sheet.pdf", key, tmp_path) is not None
        assert (tmp_path / "sheet.pdf").read_bytes() == body


def test_a_pdf_whose_finishing_fails_leaves_no_file_behind(tmp_path, monkeypatch):
    from handbook.printing import typeset

    def broken(path, languages):
        raise RuntimeError("pikepdf cannot read its own input")

    monkeypatch.setattr(typeset, "finish_structure", broken)
    out = tmp_path / "downloads"
    out.mkdir()
    result = render_job(job_with(tmp_path, "<html><body><p>Hello</p></body></html>"), str(out))
    assert len(result.errors) == 1 and "pikepdf cannot read its own input" in result.errors[0].message
    assert list(out.iterdir()) == []


def test_key_covers_every_package_and_library_that_shapes_a_pdf(tmp_path, monkeypatch):
    from importlib.metadata import version

    from weasyprint.text.ffi import harfbuzz, pango

    from handbook.printing import cache, typesetter

    versions = typesetter.typesetter_versions()
    shaping = ("weasyprint", "pydyf", "pyphen", "pikepdf", "tinyhtml5", "tinycss2", "cssselect2", "fonttools", "pillow")
    assert {name: versions.get(name) for name in shaping} == {name: version(name) for name in shaping}
    # The system libraries as WeasyPrint itself sees them.
    assert versions["pango-1.0"] == str(pango.pango_version())
    major, minor, micro = map(int, versions["harfbuzz"].split("."))
    assert harfbuzz.hb_version_atleast(major, minor, micro) and not harfbuzz.hb_version_atleast(major, minor, micro + 1)
    job = job_with(tmp_path, "<p>Hello</p>")
    key = input_key(job)
    for name in versions:
        monkeypatch.setattr(cache, "typesetter_versions", lambda name=name: {**versions, name: "upgraded"})
        assert input_key(job) != key, name


def test_fresh_print_typesets_although_the_previous_pdf_could_be_reused(tmp_path, monkeypatch):
    from handbook.printing.print_step import PrintQueue

    store, out = PreviousPrint(tmp_path / "store"), tmp_path / "out"
    out.mkdir()
    job = job_with(tmp_path, "<html><body><p>Hello</p></body></html>")
    (out / job.name).write_bytes(b"%PDF-kept")
    store.keep(job, input_key(job), PrintResult(job.name, pages=1), out)
    assert store.restore(job.name, input_key(job), tmp_path) is not None, "reusable on an ordinary build"
    monkeypatch.setenv("HANDBOOK_FRESH_PRINT", "1")
    made = []
    queue = PrintQueue(store, out)
    queue.add_keyed(job.name, input_key(job), lambda: made.append(job.name) or job)
    [result] = queue.finish()
    assert made == [job.name] and result.errors == [] and result.layouts == 1
    assert (out / job.name).read_bytes().startswith(b"%PDF-1.") and (out / job.name).read_bytes() != b"%PDF-kept"


def checkout(root, picture: str):
    """A docs folder and a built site with one picture, as two clones or two site folders have them."""
    from handbook.printing.places import places

    (root / "docs").mkdir(parents=True)
    (root / "site" / "assets").mkdir(parents=True)
    (root / "site" / "assets" / "logo.svg").write_text(picture, encoding="utf-8")
    return places(root / "docs", root / "site")


def test_a_pdf_made_in_one_folder_is_reused_in_another_while_its_inputs_are_unchanged(tmp_path):
    from handbook.printing.fonts import font_face_css

    square = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    store, jobs = tmp_path / "store", {}
    for name in ("one", "another folder"):
        folders = checkout(tmp_path / name, square)
        site = (tmp_path / name / "site").resolve().as_uri()
        html = f'<html><head><style>{font_face_css()}</style></head><body><img src="{site}/assets/logo.svg"></body></html>'
        jobs[name] = (job_with(tmp_path / name / "docs", html), folders)
    job, folders = jobs["one"]
    out = tmp_path / "out"
    out.mkdir()
    result = render_job(job, str(out))
    assert result.errors == [] and any(url.endswith("/logo.svg") for url in result.loaded)
    PreviousPrint(store, folders).keep(job, input_key(job, folders), result, out)
    other, other_folders = jobs["another folder"]
    assert input_key(other) != input_key(job), "the documents name their own folders"
    assert PreviousPrint(store, other_folders).restore(other.name, input_key(other, other_folders), tmp_path) is not None
    (tmp_path / "another folder" / "site" / "assets" / "logo.svg").write_text(square.replace("10", "5"), encoding="utf-8")
    assert PreviousPrint(store, other_folders).restore(other.name, input_key(other, other_folders), tmp_path) is None


def test_a_handbook_key_does_not_depend_on_the_folder_the_site_is_built_in(tmp_path, real_handbook):
    from handbook.printing.jobs import handbook_source

    english = real_handbook.settings.language("en")
    keys = {handbook_source(real_handbook, english, {}, tmp_path / folder / "site").key() for folder in ("one", "two")}
    assert len(keys) == 1


def numbered_document(target_page: int) -> str:
    """A contents entry printing the page of a target that stands on `target_page`."""
    breaks = "".join('<p style="break-before: page">Filler</p>' for _ in range(target_page - 2))
    return (
        "<html><head><style>@page { size: A6 } a::after { content: ' ' attr(data-page) }</style></head><body>"
        '<nav><a data-page="00" href="#target">Where it is</a></nav>'
        f'{breaks}<h2 id="target" style="break-before: page">Target</h2></body></html>'
    )


def test_a_handbook_prints_the_same_bytes_whatever_was_built_before(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from handbook.printing import print_step

    def build(store: str, target_page: int) -> bytes:
        name, site = "handbook-en.pdf", tmp_path / f"{store}-{target_page}"
        job = PrintJob(name, numbered_document(target_page), tmp_path.as_uri() + "/", "docs/*.en.md", "en", page_hint={})
        source = SimpleNamespace(name=name, key=lambda: f"document {target_page}", assemble=lambda: (job, []))
        monkeypatch.setattr(print_step, "handbook_source", lambda *args: source)
        handbook = SimpleNamespace(settings=SimpleNamespace(language=lambda lang: lang))
        queue = print_step.PrintQueue(PreviousPrint(tmp_path / store), site / "downloads")
        pdfs = print_step.BuildPrint(handbook, site, queue, [])
        pdfs.add_handbook("en", {})
        [result], problems = pdfs.finish()
        assert problems == [] and result.page_numbers == {"target": target_page}
        return (site / "downloads" / name).read_bytes()

    build("rebuilt", 12)  # the handbook had a dozen pages more before an author's edit
    assert build("rebuilt", 3) == build("cold", 3)


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
