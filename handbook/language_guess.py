"""A small stop-word test that tells Dutch prose from English prose.

Enough to catch a paragraph left untranslated; quotes, code and links are removed first because they may
legitimately stay in the other language.
"""

from __future__ import annotations

import re

STOP_WORDS = {
    "nl": frozenset(
        """de het een en van dat op te je niet met voor zijn ook maar als bij of om dan wat er nog wel kan dit
        naar door hoe worden wordt uit jij jouw u uw ze zij hun wij ons geen meer moet heeft hebt zich deze
        die zo al waar wanneer omdat toch heel""".split()
    ),
    "en": frozenset(
        """the and of to that a you it for with not are this be on as your or but what can if they when an at
        have has their them our no more must should would will do does how which who there been from than
        very just about into""".split()
    ),
}
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|„[^”“]*[”“]|‘[^’]*’|'[^']*'")
MARKUP = re.compile(r"\]\([^)]*\)|<[^>]+>|`[^`]*`|\{[^}]*\}")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def words_outside_quotes(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(QUOTED.sub(" ", MARKUP.sub(" ", text)))]


def other_language(text: str, expected: str, min_hits: int = 3) -> str | None:
    """The language `text` is clearly written in, if it is not `expected`; else None."""
    words = words_outside_quotes(text)
    if len(words) < 6:
        return None
    hits = {lang: sum(w in stops for w in words) for lang, stops in STOP_WORDS.items()}
    own = hits.get(expected, 0)
    for lang, count in hits.items():
        if lang != expected and count >= min_hits and count > 2 * own:
            return lang
    return None
