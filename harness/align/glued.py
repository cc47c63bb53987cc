"""Headings that PDF extraction put on the same line as the text under them.

'Erstellen eines übersetzten Dokumentes Sobald Sie mit der Übersetzung fertig sind, …' and
'Integrating changes to the original document The script to use …': a capitalised function
word or conjunction that this document otherwise writes in lower case ('sobald',
'the'), straight after a word with no punctuation, can only start a sentence: the words before
it are a heading. Which words count is learned from the document itself, so the German 'Sie'
(capitalised mid-sentence too) never cuts, and content words never do ('the United States').
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from harness.align.lang import ends_sentence, stopwords

HEADING_MAX_WORDS = 12
# words that open sentences besides the function words: subordinating and correlative
# conjunctions, adverbs, quantifiers (written in lower case but at a sentence start)
_OPENERS = {
    "de": "sobald bevor obwohl nachdem falls während hier derzeit zuerst dann außerdem sowohl entweder weder viele einige manche mehrere alle",
    "en": "before although once if while here currently first then either neither many several",
    "es": "aunque cuando si mientras aquí primero luego",
    "fr": "avant bien lorsque si pendant ici actuellement puis",
}
MIN_LOWER = 3  # lower-case uses a word needs before its capitalised form means a sentence start
# At a line start one lower-case use is enough (opens_line's `line_start`): the line break is
# evidence of its own, as layout starts a heading's text, an item or a paragraph on a new line.
LINE_MIN_LOWER = 1
MAX_MID_CAPITALISED = 0.1  # share of capitalised uses mid-sentence a sentence-opening word may have
MIN_BODY_WORDS = 3
_WORD = re.compile(r"^[\"„“«»(]*([^\W\d_]+)")
_SECTION = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?$")
_QUOTE_START = tuple("\"„“«»‘'(")  # a word opening a quotation or an aside starts no sentence


@lru_cache(maxsize=None)
def _openers(lang: str) -> frozenset[str]:
    """Words that open sentences in `lang`: its function words and the conjunctions above."""
    return stopwords(lang) | frozenset(_OPENERS.get(lang, "").split())


@lru_cache(maxsize=1 << 16)
def _bare(token: str) -> str:
    m = _WORD.match(token)
    return m.group(1) if m else ""


def _open(token: str) -> bool:
    """A token after which a sentence runs on: no stop, colon, semicolon or comma."""
    return not token.endswith(",") and _unstopped(token)


@lru_cache(maxsize=1 << 16)
def _unstopped(token: str) -> bool:
    return not token.endswith((".", "!", "?", ":", ";", "…")) and not ends_sentence(token)


@dataclass(frozen=True)
class Casing:
    """How often each word is written in lower case, and capitalised in mid-sentence."""

    lower: Counter[str]
    mid_capitalised: Counter[str]

    @classmethod
    def of(cls, text: str) -> Casing:
        """The casing of a document's text, learnt once however often it is asked for."""
        return _casing_of(text)

    @classmethod
    def learn(cls, lines: Iterable[str]) -> Casing:
        lower: Counter[str] = Counter()
        mid: Counter[str] = Counter()
        for line in lines:
            tokens = line.split()
            for k, token in enumerate(tokens):
                word = _bare(token)
                if not word:
                    continue
                if word.islower():
                    lower[word] += 1
                elif word[0].isupper() and word[1:].islower() and k and _open(tokens[k - 1]) and _bare(tokens[k - 1]).islower():
                    mid[word.lower()] += 1
        return cls(lower, mid)

    def opens_sentence(self, word: str, min_lower: int = MIN_LOWER) -> bool:
        """A capitalised word this document writes in lower case except at sentence starts."""
        if not word or not word[0].isupper() or not word[1:].islower():
            return False
        key = word.lower()
        n = self.lower[key]
        return n >= min_lower and self.mid_capitalised[key] <= MAX_MID_CAPITALISED * n


def _title_case(tokens: list[str]) -> bool:
    return all(_bare(t)[:1].isupper() for t in tokens if _bare(t))


def glued_heading_end(line: str, casing: Casing, lang: str) -> int | None:
    """Character offset where the text under a glued heading starts in `line`, or None."""
    tokens = line.split()
    stop, openers = stopwords(lang), _openers(lang)
    for k in range(1, min(HEADING_MAX_WORDS, len(tokens) - MIN_BODY_WORDS + 1)):
        before = tokens[:k]
        if not all(_unstopped(t) or _SECTION.match(t) for t in before[:-1]) or not _open(before[-1]):
            return None  # a comma inside a heading is fine ('-X, --vextract'), a stop is not
        word = _bare(tokens[k])
        if tokens[k].startswith(_QUOTE_START) or word.lower() not in openers or not casing.opens_sentence(word):
            continue  # 'Colombia … one of the United States'': a name; 'Encrypted password (The …)': an aside
        if _title_case(before) and tokens[k + 1][:1].isupper():
            continue  # 'A Guide To The Galaxy': a title in title case runs on
        if not _bare(before[-1]) or _bare(before[-1]).lower() in stop:
            return None  # 'patchutils - Dieses Paket …' is a term and its description, not a heading
        offset = 0
        for token in tokens[:k]:
            offset = line.index(token, offset) + len(token)
        return line.index(tokens[k], offset)
    return None


def opens_line(line: str, casing: Casing, lang: str, line_start: bool = False) -> bool:
    """A line starting with a sentence opener ('Eine strikte Obermenge …' under a term line).
    With `line_start` (the word opens a raw line, as every block does) one lower-case
    use of the word in the document is evidence enough ('sgml (ausgereiftes Auswertprogramm)' /
    'Obwohl dieses Format …' where 'obwohl' occurs once more): a function word or conjunction
    of the closed list capitalised after a line break, with no capitalised use mid-sentence
    anywhere in the document, cannot continue the line above."""
    tokens = line.split()
    if not tokens or tokens[0].endswith("-"):
        return False  # 'Vor- und Nachteile': a suspended compound, a noun, not the preposition
    word = _bare(tokens[0])
    return word.lower() in _openers(lang) and casing.opens_sentence(word, LINE_MIN_LOWER if line_start else MIN_LOWER)


@lru_cache(maxsize=1 << 16)
def capitals_heading(line: str) -> bool:
    """'SYNOPSIS', 'SIEHE AUCH': a man-page style heading in capitals, a few words, no stop."""
    text = line.strip()
    letters = [c for c in text if c.isalpha()]
    return 4 <= len(letters) and all(c.isupper() for c in letters) and len(text.split()) <= 4 and not ends_sentence(text)


@lru_cache(maxsize=4)
def _casing_of(text: str) -> Casing:
    return Casing.learn(text.splitlines())


_CANDIDATE = re.compile(r"(?<=[^\s.!?:;,…])\s+([A-ZÄÖÜÀ-Þ][^\W\d_]*)")


def opens_as_sentence(token: str, casing: Casing) -> bool:
    """Whether `token` is a word this document writes in lower case except at sentence starts
    (Casing.opens_sentence, any word class: 'Dann', 'Standardmäßig'; not a noun, 'Laufzeit'),
    not one opening a quotation or an aside."""
    return not token.startswith(_QUOTE_START) and casing.opens_sentence(_bare(token))


def runs_into_function_word(before: str, token: str, casing: Casing, lang: str) -> bool:
    """As runs_into_opener, for an opener of the language (a function word or conjunction:
    'Hier', 'Falls') the document never writes capitalised mid-sentence, however seldom it writes
    it in lower case: a short document may not show the MIN_LOWER uses Casing.opens_sentence asks
    for ('… über Debians' / 'Hier einige wichtige Dokumente, …'). A function word is no noun, which
    German capitalises anywhere; one the document capitalises mid-sentence is a name."""
    word = _bare(token)
    if not word or token.startswith(_QUOTE_START) or not (word[0].isupper() and word[1:].islower()):
        return False
    return word.lower() in _openers(lang) and casing.mid_capitalised[word.lower()] == 0 and _open(before)


def runs_into_opener(before: str, token: str, casing: Casing, lang: str) -> bool:
    """Whether `token` opens a sentence (a capitalised opener this document writes in lower case
    except at sentence starts) right after `before`, a word with no punctuation ('ein' / 'Der')."""
    word = _bare(token)
    return not token.startswith(_QUOTE_START) and word.lower() in _openers(lang) and casing.opens_sentence(word) and _open(before)


def opener_cuts(text: str, casing: Casing, lang: str) -> list[int]:
    """Offsets inside a sentence where another one must start: a capitalised opener after a word
    with no punctuation ('… man (ausgereiftes Auswertprogramm) Das gute alte …', '-X, --vextract
    Archiv Verzeichnis Ist wie …'). The segmenter cannot see these, having no stop to go by."""
    stop, openers = stopwords(lang), _openers(lang)
    if not any(m.group(1).lower() in openers for m in _CANDIDATE.finditer(text)):
        return []  # most sentences: no capitalised opener after an open word at all
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    tokens = [text[a:b] for a, b in spans]
    cuts = []
    depth = 0  # parentheses opened and not yet closed before token k
    for k in range(1, len(tokens) - MIN_BODY_WORDS + 1):
        token, before = tokens[k], tokens[k - 1]
        depth = max(0, depth + before.count("(") - before.count(")"))
        word = _bare(token)
        if token.startswith(_QUOTE_START) or word.lower() not in openers or not casing.opens_sentence(word):
            continue  # 'der Film „Das Boot“' is a title
        if depth:
            continue  # '… avoids FTBFS (Fails To Build From Source) bugs.': no sentence starts inside an aside
        if not _open(before) or not _bare(before) or _bare(before).lower() in stop:
            continue
        if _bare(before)[:1].isupper() and tokens[k + 1][:1].isupper() and _title_case(tokens[max(0, k - 3) : k]):
            continue  # 'A Guide To The Galaxy'
        cuts.append(spans[k][0])
    return cuts
