"""What `make serve` adds to MkDocs' live preview: the PDFs of the last build, and the problems printed last.

The preview builds the website only (typesetting would take seconds per save), into a temporary folder, so
its download links would answer 404. It serves the PDFs the last `make build` left in `site/downloads/`
instead, and says so, or says that there are none yet.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from handbook.sources.downloads import FOLDER as DOWNLOADS


def serve_last_pdfs(last_site: Path, preview_site: Path) -> str:
    """Copy the last build's PDFs into the preview's site; the line that tells the author what was served."""
    pdfs = sorted((last_site / DOWNLOADS).glob("*.pdf"))
    if not pdfs:
        return "preview: no PDFs yet, so the download links answer 404 here; run `make build` to make them"
    target = preview_site / DOWNLOADS
    target.mkdir(parents=True, exist_ok=True)
    for pdf in pdfs:
        shutil.copy2(pdf, target / pdf.name)
    return f"preview: the download links serve the {len(pdfs)} PDFs of the last `make build` (they do not follow your edits)"
