"""Font faces from pinned font packages, so every machine embeds exactly the same fonts in the PDFs (and the
website serves the same ones)."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

FACES = (
    (
        "Handbook Serif",
        "font_source_serif_pro",
        "SourceSerifPro",
        (("Regular", 400, "normal"), ("It", 400, "italic"), ("Semibold", 600, "normal"), ("Bold", 700, "normal")),
    ),
    (
        "Handbook Sans",
        "font_source_sans_pro",
        "SourceSansPro",
        (("Regular", 400, "normal"), ("Semibold", 600, "normal"), ("Bold", 700, "normal"), ("It", 400, "italic")),
    ),
)


def font_files() -> list[tuple[str, int, str, Path]]:
    """Every face as (family, weight, style, file): the print step embeds them, the website serves them subset."""
    faces: list[tuple[str, int, str, Path]] = []
    for family, package, prefix, styles in FACES:
        folder = importlib.resources.files(package) / "files"
        faces += [(family, weight, style, Path(str(folder / f"{prefix}-{name}.ttf"))) for name, weight, style in styles]
    return faces


def font_face_css() -> str:
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); font-weight: {weight}; font-style: {style}; }}'
        for family, weight, style, path in font_files()
    )
