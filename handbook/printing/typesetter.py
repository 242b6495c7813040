"""Everything besides its document and files that decides the bytes of a PDF: part of every PDF's cache key.

A PDF copied from the previous build must be the one this build would typeset. WeasyPrint lays text out with
Pango and HarfBuzz (system libraries, upgraded with the system), hyphenates with Pyphen's dictionaries (loaded
from the package, not through the URL fetcher that records a document's files), parses with tinyhtml5,
tinycss2 and cssselect2, embeds fonts cut by fontTools (or HarfBuzz's subsetter when the system has it) and
images decoded by Pillow, and writes with pydyf; pikepdf (with its own qpdf) then adds tags and the print-shop
IDs. Upgrading any of them typesets again.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from importlib.metadata import version

PACKAGES = ("weasyprint", "pydyf", "pyphen", "tinyhtml5", "tinycss2", "cssselect2", "fonttools", "pillow", "pikepdf")
# (library, its function that names its version, what that function returns): looked up the way WeasyPrint
# loads them, by name, without loading WeasyPrint (a build that reuses every PDF never does).
LIBRARIES = (
    ("pango-1.0", "pango_version", ctypes.c_int),
    ("harfbuzz", "hb_version_string", ctypes.c_char_p),
    ("harfbuzz-subset", "hb_version_string", ctypes.c_char_p),
)


def library_version(name: str, function: str, returns: type[ctypes.c_int | ctypes.c_char_p]) -> str:
    """The version a system library reports, or "missing"."""
    path = ctypes.util.find_library(name)
    if path is None:
        return "missing"
    call = getattr(ctypes.CDLL(path), function)
    call.restype, call.argtypes = returns, []
    found = call()
    return found.decode("ascii") if isinstance(found, bytes) else str(found)


@functools.cache
def typesetter_versions() -> dict[str, str]:
    """The version of each package and system library that shapes a PDF, by name."""
    return {name: version(name) for name in PACKAGES} | {
        name: library_version(name, function, returns) for name, function, returns in LIBRARIES
    }
