"""IMAGE-UNREADABLE and IMAGE-TOO-LARGE: the images a page shows, opened as the browser and the typesetter will.

A file can exist under the right name and still be no picture (a `.png` holding text, an export cut short): the
website shows a broken image and the typesetter stops the PDF, where its message names the build's copy of the
file. Opening every shown image here reports it in `make check` too, at the line that shows it and with the
file in `docs/`. The size limits are AUTHORING's: a wider or heavier image only makes the pages and the PDFs
slow to load and print, with no detail a reader can see.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ElementTree
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PIL import Image, UnidentifiedImageError

from handbook.core.codes import Code
from handbook.core.problems import Problem
from handbook.sources.assets import resolve_asset
from handbook.sources.model import Handbook

MAX_WIDTH = 1600  # pixels
MAX_BYTES = 300 * 1024
SVG, XLINK = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
PICTURES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}


@cache  # by size and time too: a live preview checks the file again once it is saved again
def _fault(path: Path, size: int, _modified: int) -> tuple[Code, str, str] | None:
    """What keeps the file at `path` (of `size` bytes) from being shown: (code, message, fix), or None."""
    name = path.suffix.lower()
    if name == ".svg":
        try:
            root = ElementTree.parse(path).getroot()
        except ElementTree.ParseError as error:
            line, column = error.position
            reason = f"{str(error).split(':')[0]} at line {line}, column {column + 1}"
            return Code.IMAGE_UNREADABLE, f"is not a readable SVG drawing: {reason}", "export it again as SVG"
        if root.tag not in ("svg", f"{{{SVG}}}svg"):
            return Code.IMAGE_UNREADABLE, f"is XML, but no SVG drawing (it starts with <{root.tag}>)", "export it again as SVG"
        missing = _missing_pictures(root, path.parent)
        if missing:
            fix = "export the drawing with its pictures embedded, or put the file beside it"
            return Code.IMAGE_UNREADABLE, f"shows '{missing}', which is not there: the PDF cannot be made", fix
    elif name in PICTURES:
        try:
            with Image.open(path) as image:
                width, height = image.size
                found = image.format
                image.load()  # the whole picture, as a browser or the typesetter decodes it
        except UnidentifiedImageError:
            return Code.IMAGE_UNREADABLE, "is no picture: its content is not an image", f"export it again as {PICTURES[name]}"
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
            return Code.IMAGE_UNREADABLE, f"is not a readable image: {error}", f"export it again as {PICTURES[name]}"
        if found != PICTURES[name]:
            fix = f"export it again as {PICTURES[name]}, or name it after what it is"
            return Code.IMAGE_UNREADABLE, f"holds a {found} image, not the {PICTURES[name]} its name says", fix
        if width > MAX_WIDTH:
            fix = f"scale it down to {MAX_WIDTH} pixels wide (and save a photo as JPEG at about 80% quality)"
            return Code.IMAGE_TOO_LARGE, f"is {width} x {height} pixels, more than {MAX_WIDTH} wide", fix
    if size > MAX_BYTES:
        fix = "save a photo as JPEG at about 80% quality, a drawing as PNG with fewer colours, or scale it down"
        return Code.IMAGE_TOO_LARGE, f"is {size // 1024} KB, more than {MAX_BYTES // 1024} KB", fix
    return None


def _missing_pictures(root: ElementTree.Element, folder: Path) -> str:
    """The first picture an SVG drawing shows from a local file that does not exist (the typesetter stops there;
    a browser leaves a hole), or ""."""
    for element in (element for element in root.iter() if element.tag in (f"{{{SVG}}}image", "image")):
        href = element.get("href") or element.get(f"{{{XLINK}}}href") or ""
        target = urlsplit(href)
        if href and not target.scheme and not target.netloc and not (folder / unquote(target.path)).is_file():
            return href
    return ""


def check(handbook: Handbook) -> list[Problem]:
    settings = handbook.settings
    problems: list[Problem] = []
    for langs in handbook.pages.values():
        for page in langs.values():
            for link in page.scan.links:
                target = urlsplit(link.target)
                if not link.is_image or target.scheme or target.netloc or not target.path:
                    continue
                path = posixpath.normpath(posixpath.join(posixpath.dirname(page.slug), unquote(target.path)))
                shown = resolve_asset(handbook.assets, path, page.lang, settings.locales)
                if shown is None:
                    continue  # LINK-FILE
                file = settings.docs_dir / shown
                stat = file.stat()
                fault = _fault(file, stat.st_size, stat.st_mtime_ns)
                if fault:
                    code, message, fix = fault
                    problems.append(page.problem(link.line, link.col, code, f"{settings.relative(file)} {message}", fix))
    return problems
