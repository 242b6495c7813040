"""SVG text in the handbook's typefaces in the PDFs.

A drawing names its fonts by generic family (`font-family="sans-serif"`, as AUTHORING asks) or not at all. The
typesetter would take those from the machine's fontconfig, usually DejaVu, much wider than the handbook's
faces, so a label that fits on the website ran into its box in the PDF. The typesetter gets each SVG with the
generic families led by the handbook's faces instead; the file itself is not changed.
"""

from __future__ import annotations

import re

FACES = {"sans-serif": "Handbook Sans", "serif": "Handbook Serif", "system-ui": "Handbook Sans"}
DEFAULT = "sans-serif"  # what the typesetter uses for SVG text without a font-family
ATTRIBUTE = re.compile(r"""(font-family\s*=\s*)(["'])(.*?)\2""", re.S)
DECLARATION = re.compile(r"""(font-family\s*:\s*)([^;}"<>]*[^;}"<>\s])""")
ROOT = re.compile(r"<svg\b[^>]*>", re.S)


def _led_by_faces(families: str) -> str:
    """`sans-serif` -> `Handbook Sans, sans-serif`; named faces stay, and lead."""
    names = [name.strip() for name in families.split(",") if name.strip()]
    mapped: list[str] = []
    for name in names:
        face = FACES.get(name.strip("\"'").lower())
        if face and face not in mapped:
            mapped.append(face)
        mapped.append(name)
    return ", ".join(mapped)


def with_handbook_faces(svg: str) -> str:
    """The SVG text with every generic font family, and a missing one, set in the handbook's faces."""
    svg = ATTRIBUTE.sub(lambda m: m.group(1) + m.group(2) + _led_by_faces(m.group(3)) + m.group(2), svg)
    svg = DECLARATION.sub(lambda m: m.group(1) + _led_by_faces(m.group(2)), svg)
    root = ROOT.search(svg)
    if root and "font-family" not in root.group(0):
        tag = root.group(0)
        end = len(tag) - (2 if tag.endswith("/>") else 1)
        svg = svg[: root.start()] + f'{tag[:end]} font-family="{_led_by_faces(DEFAULT)}"{tag[end:]}' + svg[root.end() :]
    return svg
