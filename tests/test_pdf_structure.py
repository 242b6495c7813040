"""Every PDF the build writes is sound for tools we did not write: `qpdf --check`, a pikepdf reading of the
PDF/UA essentials, and the PyPI `pdfua` subset of PDF/UA-1. Each check fails on a planted fault of its kind."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
from conftest import ROOT, gate_report, require_tool


def pdfs(site: Path) -> list[Path]:
    return sorted((site / "downloads").glob("*.pdf"))


def reading_pdfs(site: Path) -> list[Path]:
    """The PDFs people read, which must be PDF/UA. The print-shop cards are PDF/X-4 files for a printer's RIP:
    WeasyPrint writes one variant per file, and a shop needs that one."""
    return [pdf for pdf in pdfs(site) if "print-shop" not in pdf.name]


def _kids(element) -> list:
    kids = element.get("/K")
    return [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _elements(pdf: pikepdf.Pdf):
    stack = list(_kids(pdf.Root.StructTreeRoot))
    while stack:
        element = stack.pop()
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            yield element
            stack.extend(_kids(element))


def _fonts(pdf: pikepdf.Pdf):
    for page in pdf.pages:
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            yield from font.get("/DescendantFonts", [font])


def pdf_problems(path: Path) -> list[str]:
    """What a PDF lacks of the PDF/UA essentials this project promises."""
    problems = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if "/StructTreeRoot" not in root:
            return ["no structure tree"]
        if not str(root.get("/Lang", "")):
            problems.append("no document /Lang")
        with pdf.open_metadata() as meta:
            if not meta.get("dc:title") and not str(pdf.docinfo.get("/Title", "")):
                problems.append("no title in the metadata")
        if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
            problems.append("DisplayDocTitle is not set")
        for font in _fonts(pdf):
            descriptor = font.get("/FontDescriptor", {})
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"font {font.get('/BaseFont')} is not embedded")
        for number, page in enumerate(pdf.pages, 1):
            if page.obj.get("/Tabs") != "/S":
                problems.append(f"page {number}: tab order does not follow the structure")
        for element in _elements(pdf):
            if element.S == "/Figure" and not str(element.get("/Alt", "")):
                problems.append("a figure without alt text")
    return problems


def page_languages(path: Path) -> list[set[str]]:
    """Per page, the languages its tagged content is read in: the nearest /Lang up the structure tree."""
    with pikepdf.open(path) as pdf:
        document = str(pdf.Root.Lang)
        nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
        owners = dict(zip(nums[::2], nums[1::2], strict=True))
        found = []
        for number in range(len(pdf.pages)):
            langs = set()
            for element in owners.get(number, []):
                while "/Lang" not in element and "/P" in element and element.P.get("/Type") != "/StructTreeRoot":
                    element = element.P
                langs.add(str(element.get("/Lang", document)))
            found.append(langs)
        return found


def lang_elements(path: Path, lang: str) -> int:
    with pikepdf.open(path) as pdf:
        return sum(1 for element in _elements(pdf) if str(element.get("/Lang", "")) == lang)


def test_qpdf_finds_no_fault_in_any_pdf(built_site, tmp_path):
    qpdf = require_tool("qpdf")
    files = pdfs(built_site)
    assert len(files) >= 7
    faults = {
        f.name: r.stdout + r.stderr
        for f in files
        if (r := subprocess.run([qpdf, "--check", str(f)], capture_output=True, text=True)).returncode
    }
    broken = tmp_path / "broken.pdf"
    data = files[0].read_bytes()
    broken.write_bytes(data[: data.rindex(b"startxref")] + b"startxref\n999999\n%%EOF\n")
    assert subprocess.run([qpdf, "--check", str(broken)], capture_output=True).returncode != 0
    gate_report["qpdf"] = f"{len(files)} PDFs checked with qpdf --check, {len(faults)} with faults"
    assert faults == {}


def test_every_pdf_has_the_pdf_ua_essentials(built_site):
    found = {f.name: problems for f in reading_pdfs(built_site) if (problems := pdf_problems(f))}
    assert found == {}


def test_an_unembedded_font_is_found(built_site, tmp_path):
    planted = tmp_path / "planted.pdf"
    with pikepdf.open(built_site / "downloads" / "checklists-en.pdf") as pdf:
        font = next(_fonts(pdf))
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            if key in font.FontDescriptor:
                del font.FontDescriptor[key]
        pdf.save(planted)
    assert any("is not embedded" in problem for problem in pdf_problems(planted))


def test_other_language_passages_are_read_in_their_language(built_site):
    english_sources = (ROOT / "docs" / "sources.en.md").read_text(encoding="utf-8")
    assert lang_elements(built_site / "downloads" / "handbook-en.pdf", "nl") >= english_sources.count("{lang=nl}") > 0
    duplex = page_languages(built_site / "downloads" / "phrase-cards-nl-en-duplex.pdf")
    assert duplex[0::2] == [{"nl"}] * len(duplex[0::2])  # Dutch fronts: the document's language
    assert duplex[1::2] == [{"en"}] * len(duplex[1::2])  # English backs


def test_a_duplex_set_without_the_language_step_is_caught(real_handbook, tmp_path):
    """The same duplex job written by WeasyPrint alone: its English backs would be read as Dutch."""
    from handbook.printing.jobs import desk_jobs
    from handbook.printing.typeset import PDF_OPTIONS, PrintResult, lay_out
    from handbook.sources.downloads import DUPLEX

    job = next(job for job in desk_jobs(real_handbook) if job.name == DUPLEX.format(front="nl", back="en"))
    planted = tmp_path / "duplex.pdf"
    lay_out(job, PrintResult(job.name)).write_pdf(planted, pdf_variant=job.variant, **PDF_OPTIONS)
    assert {"en"} not in page_languages(planted)


def test_pdfua_finds_nothing_in_any_pdf(built_site):
    pdfua = shutil.which("pdfua", path=str(Path(sys.executable).parent))
    assert pdfua, "the pdfua package is in requirements/test.lock"
    files = reading_pdfs(built_site)
    result = subprocess.run([pdfua, "check", "--quiet", *map(str, files)], capture_output=True, text=True)
    gate_report["pdfua"] = f"{len(files)} PDFs checked against pdfua's 16 of 106 PDF/UA-1 rules, exit {result.returncode}"
    assert result.returncode == 0, result.stdout[-3000:]
