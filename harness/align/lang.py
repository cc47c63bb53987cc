"""Small per-language word lists and the tokenizer every module shares.

Only function words are listed: they carry no cross-lingual signal and would drown the content
words in similarity scores. A language without a list still works (all words count as content).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD = re.compile(r"\d{1,3}(?:[.,]\d{3})+(?!\d)|[^\W_]+(?:[-'’][^\W_]+)*")  # '23.000' is one word
TERMINAL = re.compile(r"[.!?…][\"'“”„»«’‘)\]]*$")
# a sentence end with a footnote number glued on by PDF extraction: 'verheimlichen«.7', 'never.11',
# '(seit Dpkg 1.21.9).9' (a digit, then a closing bracket: not a decimal number), 'xvcg Paket...7'
FOOTNOTE_END = re.compile(r"(?:[^\W\d_][\"'“”„»«’‘)\]]?|\d[)\]])(?:\.\.\.|…|[.!?])[\"'“”„»«’‘)\]]*\d{1,2}$")

_STOPWORDS = {
    "de": """aber als am an auch auf aus bei beim bis da damit dann das dass dem den denen der deren des
        dessen die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer
        eines er es etwa für gegen hat haben hatte hatten ich ihr ihre ihrem ihren ihrer im in ins ist
        je jedoch kann können man mit nach nicht noch nun nur ob oder ohne sein seine seinem seinen
        seiner seit sich sie sind so sowie um und uns unter vom von vor war waren was weil welche
        welchem welchen welcher welches wenn werden wie wir wird wurde wurden zu zum zur zwar über
        sei seien worden habe hätte wäre dabei dazu daher""",
    "en": """a about after all also an and any are as at be been being between both but by can could
        did do does for from had has have he her his how i if in into is it its it's more most no
        not of on one only or other our out over she should so some such than that the their them
        then there these they this those through to too under up upon was we were what when where
        which while who whom why will with would you your yet""",
    "fr": """à au aux avec ce ces cet cette dans de des du elle en est et être il ils je la le les leur
        lui mais ne ni nous on ou par pas pour qu que qui sa se ses si son sont sur ta te tes
        un une vous y été a ont était sera dont où ainsi aussi comme""",
    "es": """a al como con de del el ella ellos en entre era es esta este esto fue ha han la las le
        lo los más mi no o para pero por que se sin su sus también un una uno y ya sobre""",
}


@lru_cache(maxsize=None)
def stopwords(lang: str) -> frozenset[str]:
    return frozenset(_STOPWORDS.get(lang, "").split())


ALL_STOPWORDS = frozenset(w for listed in _STOPWORDS.values() for w in listed.split())


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lowercase and drop diacritics: 'Bogotá' and 'Bogota' are the same name."""
    if word.isascii():
        return word.lower()  # nothing to decompose
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return list(_words(text))


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    """Cached: the builder's passes tokenize the same few thousand sentences hundreds of
    thousands of times."""
    return tuple(WORD.findall(text))


def content_words(text: str, lang: str) -> list[str]:
    return list(_content_words(text, lang))


@lru_cache(maxsize=1 << 16)
def _content_words(text: str, lang: str) -> tuple[str, ...]:
    stop = stopwords(lang)
    return tuple(w for w in _words(text) if w.lower() not in stop)


@lru_cache(maxsize=1 << 16)
def ends_sentence(text: str) -> bool:
    text = text.rstrip()
    return bool(TERMINAL.search(text) or FOOTNOTE_END.search(text))


def closes_unopened(text: str) -> bool:
    """The text closes a parenthesis it never opened ('Auswertprogramm)'): it continues text
    that left one open."""
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return True
    return False


def leaves_open(text: str) -> bool:
    """The text opens a parenthesis it does not close ('BibTex (wahrscheinlich ausgereiftes')."""
    return text.count("(") > text.count(")")


def closes_block(text: str) -> bool:
    """A block ending a sentence or introducing what follows ('… wie folgt:'), or ending with a
    parenthetical after a finished sentence ('… bugs. (see pbuilder(8))'): what comes next (a list,
    a code block, a figure, the next paragraph or item) is not the rest of its sentence."""
    text = text.rstrip()
    return ends_sentence(text) or text.endswith((":", ";")) or bool(_AFTERWORD.search(text))


#: A closing parenthetical standing after a sentence end: '… bugs. (see pbuilder(8) and pdebuild(1))'.
_AFTERWORD = re.compile(r"[.!?]\s+\([^()]*(?:\([^()]*\)[^()]*)*\)$")


LANGUAGE_NAMES = {"de": "German", "en": "English", "fr": "French", "es": "Spanish"}


def stopword_rates(text: str) -> dict[str, float]:
    """Share of the words of a text that are function words of each listed language."""
    tokens = [w.lower() for w in words(text)[:20_000]]
    if not tokens:
        return {}
    return {lang: sum(t in stopwords(lang) for t in tokens) / len(tokens) for lang in _STOPWORDS}


def looks_like(text: str, declared: str) -> str | None:
    """The listed language a text is clearly written in when that is not the declared one
    (function words of another language are far more frequent), else None."""
    rates = stopword_rates(text)
    if declared not in rates or len(words(text)) < 30:
        return None
    best = max(rates, key=lambda lang: rates[lang])
    if best != declared and rates[best] >= 0.15 and rates[best] > 2.5 * rates[declared]:
        return best
    return None
