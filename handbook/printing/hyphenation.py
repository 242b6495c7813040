"""Which patterns hyphenate the handbook's text in print, and the words they must split otherwise.

Pyphen picks a dictionary per language, and two of its choices read badly in the handbook. Its "en" is the
British dictionary, which splits "viol-ence", "neut-ral", "import-ant", "explan-a-tion"; its American one, the
patterns of TeX, splits "vio-lence", "neu-tral", "impor-tant", "expla-na-tion", and British spellings as well
("behav-iour", "recog-nise"). And a few words the patterns split where a reader stumbles: the Dutch "met-een"
reads as "met een", "incas-sokosten" cuts "incasso" in two; and a web address a reader types as printed
("Onderne-mersplein.nl" in the English edition) is never split. Only hyphenation changes: the text's language stays
what the page says in the PDF.
"""

from __future__ import annotations

import hashlib
import tempfile
from functools import cache
from itertools import accumulate
from pathlib import Path

from handbook.core.atomic import write_bytes

# language -> the Pyphen dictionary its words are hyphenated with
DICTIONARIES = {"nl": "nl_NL", "en": "en_US"}
# language -> words written with the only hyphens they may get ("me-teen": nowhere else; with the handbook's three
# letters a side, nowhere at all). Each becomes a pattern of its own that outranks the dictionary's, whose values
# go up to 5 in Dutch: 9 where a hyphen may go, 8 everywhere else in the word.
EXCEPTIONS = {"nl": ("me-teen", "incasso-kosten", "ondernemersplein"), "en": ("ondernemersplein",)}


def exception_pattern(word: str) -> str:
    """`me-teen` -> `.m8e9t8e8e8n.`: a whole-word pattern that allows the word's hyphens and forbids the rest."""
    letters = word.replace("-", "")
    allowed = set(accumulate(len(part) for part in word.split("-")[:-1]))
    inner = "".join(f"{letter}{9 if position in allowed else 8}" for position, letter in enumerate(letters[:-1], 1))
    return f".{inner}{letters[-1]}."


@cache
def _dictionary_file(base: str, words: tuple[str, ...]) -> Path:
    """The base dictionary with the exception patterns after its own, in the system's temporary folder under a
    name from its content, so every worker process of a build (and every build) shares one file."""
    import pyphen

    source = Path(pyphen.LANGUAGES[base])
    encoding = source.read_bytes().split(b"\n", 1)[0].decode().strip()
    text = source.read_text(encoding).rstrip("\n") + "\n" + "\n".join(map(exception_pattern, words)) + "\n"
    data = text.encode(encoding)
    target = Path(tempfile.gettempdir()) / f"handbook-hyph-{base}-{hashlib.sha256(data).hexdigest()[:12]}.dic"
    if not target.exists():
        write_bytes(target, data)
    return target


def use_hyphenation_dictionaries() -> None:
    """Point Pyphen's languages at the handbook's dictionaries, in this process."""
    import pyphen

    for lang, base in DICTIONARIES.items():
        words = EXCEPTIONS.get(lang, ())
        pyphen.LANGUAGES[lang] = _dictionary_file(base, words) if words else pyphen.LANGUAGES[base]
