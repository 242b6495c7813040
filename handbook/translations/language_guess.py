"""A small word-list test that tells Dutch text from English text, for paragraphs and for short texts.

Enough to catch text left untranslated, without a language-detection library: each language has a list of
frequent words that do not exist (or are rare) in the other one, and a few spelling patterns of its own
(Dutch `ij`, `aa`, `-heid`; English `th`, `wh`, `-tion`). A word from a list scores 1, a word that only shows
a spelling pattern scores 0.5. Words both languages share (`is`, `in`, `was`, `over`, `tip`) score nothing.

A paragraph is judged on its own; a heading or a list item is too short for that, so the check pools a
page's short texts and judges them together (`reads_as_other`), then points at the texts that lean to the
other language (`leans_other`, `clearly_other`). Quotes, code, links' targets, URLs and text marked with
another `lang` are removed first, because they may legitimately stay in the other language.
"""

from __future__ import annotations

import re
from functools import lru_cache

WORDS = {
    "nl": frozenset(
        """de het een en van dat die op te je jij jou jouw niet met voor zijn ook maar als bij om dan wat er nog
        wel kan kun kunt dit naar hoe worden wordt werd uit u uw ze zij hun hen wij ons onze geen meer moet
        moeten heeft hebt hebben heb zich deze zo al waar wanneer omdat toch heel dus nu hier daar daarna daarom
        zonder tegen tussen onder alleen samen eerst altijd nooit vaak soms goed veel weinig iets niets iemand
        niemand alles elke elk ieder andere welke wie waarom doe doen doet gaat gaan ga zeg zegt zeggen laat
        laten maak maken maakt krijg krijgt krijgen blijf blijft blijven stel stelt vraag vragen na tijd dag
        jaar eigen echt zelf mee terug beter gewoon misschien zodat terwijl ben bent waren zal zullen zou zouden
        wil wilt willen mag mogen hoeft aan tot hem haar kunnen klant klanten gesprek afspraak afspraken boos
        opdracht kernpunt klacht klachten oplossing oplossingen betaling factuur betaalafspraken verwachtingen
        grenzen tarieven bronnen telefoon bel belt bellen luister luisteren begrip rustig kalm samenvatting
        vervelend lastige lastig nazorg zorg jezelf situatie geld snel snelle hulp probleem problemen vat houd
        houden leg neem nemen geef geven zoek zoeken toon tonen lees stuur sturen werk""".split()
    ),
    "en": frozenset(
        """the and to that a i you it its for with not are this be on as your yours or but what can if they when
        an at have has their them our no more must should would will do does did how which who there been from
        than very just about into also only then so because after before while without against between always
        never often sometimes well much many little something nothing someone nobody everything every each other
        why make makes get gets keep stay ask say says tell let take give work job time day year really yourself
        back better maybe these those here where by up out off one all any some were my he she his her him again
        both could down few first go going good got know like most need new now put right same see still such
        thing things think through too two until way whether yet don isn won didn doesn customer customers
        conversation agreement agreements angry complaint complaints solution solutions payment invoice
        expectations boundaries rates sources phone call listen understanding summary annoying difficult key
        point quick problem problems read""".split()
    ),
}
SPELLING = {
    "nl": re.compile(r"ij|aa|uu|heid$|lijk$|tjes?$"),
    "en": re.compile(r"th|wh|sh|tion|ough|ly$|[^aeiou]y"),
}
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|„[^”“]*[”“]|‘[^’]*’|(?<!\w)'[^']*'(?!\w)")
# Text marked with a language: `<span lang="nl">…</span>`, `*…*{: lang=nl }`, `[…](…){lang="nl"}`.
LANG_MARKED = re.compile(
    r"<(\w+)[^>]*\blang=[\"']?[\w-]+[^>]*>.*?</\1>|(\*{1,2}|_{1,2})[^*_]+\2\{:?[^}]*\blang=[^}]*\}"
    r"|\[[^\]]*\]\([^)]*\)\{:?[^}]*\blang=[^}]*\}"
)
URL = re.compile(r"<?(?:https?://|mailto:|www\.)\S+")
MARKUP = re.compile(r"\]\([^)]*\)|<[^>]+>|`[^`]*`|\{[^}]*\}")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def words_outside_quotes(text: str) -> list[str]:
    """The words of `text` that must be in the page's language (as written, case kept)."""
    text = LANG_MARKED.sub(" ", text)
    text = MARKUP.sub(" ", URL.sub(" ", text))
    return WORD.findall(QUOTED.sub(" ", text))


def scores(text: str) -> dict[str, float]:
    """How strongly `text` reads as each language: 1 per listed word, 0.5 per word with a spelling pattern."""
    return dict(_scores(text))


@lru_cache(maxsize=16384)
def _scores(text: str) -> tuple[tuple[str, float], ...]:
    """`scores`, kept in the process: `make serve` checks every text after each save, and most are unchanged."""
    result = dict.fromkeys(WORDS, 0.0)
    for word in (w.lower() for w in words_outside_quotes(text)):
        listed = [lang for lang, words in WORDS.items() if word in words]
        if listed:
            for lang in listed:
                result[lang] += 1
            continue
        for lang, pattern in SPELLING.items():
            if pattern.search(word):
                result[lang] += 0.5
    return tuple(result.items())


def _other(score: dict[str, float], expected: str, min_score: float) -> str | None:
    own = score.get(expected, 0.0)
    for lang, value in score.items():
        if lang != expected and value >= min_score and value > 2 * own:
            return lang
    return None


def other_language(text: str, expected: str, min_hits: int = 3) -> str | None:
    """The language a paragraph is clearly written in, if it is not `expected`; else None."""
    if len(words_outside_quotes(text)) < 6:
        return None
    return _other(scores(text), expected, min_hits)


def reads_as_other(texts: list[str], expected: str) -> str | None:
    """The language a page's short texts, taken together, are written in if it is not `expected`."""
    total = dict.fromkeys(WORDS, 0.0)
    for text in texts:
        for lang, value in scores(text).items():
            total[lang] += value
    return _other(total, expected, 3)


def leans_other(text: str, expected: str) -> str | None:
    """The other language a short text leans to (any evidence for it, more than for its own)."""
    return _other(scores(text), expected, 1)


def clearly_other(text: str, expected: str) -> str | None:
    """The other language a short text is plainly written in, even among texts in the right language."""
    score = scores(text)
    return _other(score, expected, 2) if score.get(expected, 0.0) == 0 else None
