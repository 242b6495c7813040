"""Font faces for print, from pinned font packages, so every machine embeds exactly the same fonts."""

from __future__ import annotations

import importlib.resources

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


def font_face_css() -> str:
    rules = []
    for family, package, prefix, styles in FACES:
        folder = importlib.resources.files(package) / "files"
        for name, weight, style in styles:
            path = folder / f"{prefix}-{name}.ttf"
            rules.append(
                f'@font-face {{ font-family: "{family}"; src: url("file://{path}"); '
                f"font-weight: {weight}; font-style: {style}; }}"
            )
    return "\n".join(rules)
