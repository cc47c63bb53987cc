"""A word-by-word lexical baseline from a bilingual dictionary (Ding format, Debian ``trans-de-en``).

A real but weak system that runs anywhere, offline: every word is looked up (with the inflection
and compound fallbacks of :mod:`harness.align.dictionary`) and replaced by its most common
translation; function words, which that dictionary leaves out, come from a small table; names,
numbers and unknown words are copied. No reordering, no agreement: a floor above ``identity``.
"""

from __future__ import annotations

import bisect
import collections
import hashlib
import inspect
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harness.align import dictionary as ding
from harness.errors import HarnessError
from systems.base import System

if TYPE_CHECKING:
    from harness.references import ReferenceSet

#: German function words -> English (the dictionary parser drops English stop words as targets).
FUNCTION_WORDS = {
    ("de", "en"): {
        "der": "the", "die": "the", "das": "the", "dem": "the", "den": "the", "des": "of the",
        "ein": "a", "eine": "a", "einen": "a", "einem": "a", "einer": "a", "eines": "of a",
        "und": "and", "oder": "or", "aber": "but", "denn": "because", "weil": "because", "dass": "that",
        "wenn": "if", "als": "as", "wie": "how", "ob": "whether", "sondern": "but", "sowie": "as well as",
        "in": "in", "im": "in the", "ins": "into the", "an": "at", "am": "on the", "auf": "on",
        "aus": "from", "bei": "at", "beim": "at the", "mit": "with", "nach": "after", "von": "of",
        "vom": "from the", "zu": "to", "zum": "to the", "zur": "to the", "für": "for", "über": "about",
        "unter": "under", "vor": "before", "hinter": "behind", "neben": "next to", "zwischen": "between",
        "durch": "through", "gegen": "against", "ohne": "without", "um": "around", "seit": "since",
        "bis": "until", "während": "during", "wegen": "because of", "trotz": "despite",
        "ich": "I", "du": "you", "er": "he", "sie": "they", "es": "it", "wir": "we", "ihr": "their",
        "mich": "me", "mir": "me", "uns": "us", "sich": "itself", "ihn": "him", "ihm": "him",
        "ihnen": "them", "sein": "his", "seine": "his", "seinen": "his", "seiner": "his",
        "ihre": "their", "ihren": "their", "ihrer": "their", "unsere": "our", "unser": "our",
        "dies": "this", "diese": "these", "dieser": "this", "dieses": "this", "diesem": "this",
        "diesen": "these", "jene": "those", "welche": "which", "welcher": "which", "was": "what",
        "wer": "who", "wo": "where", "wann": "when", "warum": "why",
        "ist": "is", "sind": "are", "war": "was", "waren": "were", "wird": "will", "werden": "will",
        "wurde": "was", "wurden": "were", "worden": "been", "hat": "has", "haben": "have",
        "hatte": "had", "hatten": "had", "kann": "can", "können": "can", "muss": "must",
        "müssen": "must", "soll": "should", "sollen": "should", "sollte": "should", "will": "wants",
        "nicht": "not", "kein": "no", "keine": "no", "keinen": "no", "auch": "also", "nur": "only",
        "noch": "still", "schon": "already", "sehr": "very", "so": "so", "zwar": "indeed",
        "jedoch": "however", "doch": "but", "dabei": "in doing so", "dazu": "in addition",
        "daher": "therefore", "damit": "so that", "sowohl": "both", "etwa": "about", "mehr": "more",
        "viele": "many", "alle": "all", "man": "one", "hier": "here", "dort": "there", "nun": "now",
    },
}
_TOKEN = re.compile(r"\d[\d.,]*|[^\W\d_]+(?:[-'’][^\W\d_]+)*|\S")
_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?)\]}%»“”])")
_NO_SPACE_AFTER = re.compile(r"([(\[{„«]) ")


class Lexicon:
    """Picks one translation per word from the dictionary's (unordered) candidates."""

    def __init__(self, dictionary: ding.Dictionary) -> None:
        self.dictionary = dictionary
        self.headwords = sorted(dictionary.table)
        self.commonness = collections.Counter(w for targets in dictionary.table.values() for w in targets)

    def family(self, stem: str) -> list[str]:
        """Headwords starting with ``stem``: Hund -> Hundehütte, Hundefutter ... (all say 'dog')."""
        start = bisect.bisect_left(self.headwords, stem)
        end = bisect.bisect_left(self.headwords, stem + "\U0010ffff")
        return self.headwords[start:end]

    def best(self, word: str) -> str | None:
        """The sense most of the word's compounds share (Hund: dog, not the mining 'car'), then
        the target word that translates the most headwords overall, then the shortest."""
        candidates = self.dictionary.translate(word)
        if not candidates:
            return None
        family = self.family(word.lower())
        shared = {c: sum(c in self.dictionary.table[h] for h in family) for c in candidates}
        return min(candidates, key=lambda c: (-shared[c], -self.commonness[c], len(c), c))


@lru_cache(maxsize=4)
def load_lexicon(path: str, tgt_lang: str) -> Lexicon:
    return Lexicon(ding.load_ding(Path(path), tgt_lang))


def detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))


def translate_word(token: str, lookup: Any, function_words: dict[str, str]) -> str:
    """One word; acronyms (NATO) and unknown words are kept, hyphenated compounds go part by part."""
    if len(token) > 1 and token.isupper():
        return token
    if "-" in token:
        return " ".join(translate_word(part, lookup, function_words) for part in token.split("-") if part)
    word = function_words.get(token.lower()) or lookup(token)
    if word is None or word.lower() == token.lower():
        return token  # unknown (mostly names), or the same word in both languages: keep its case
    return word


def translate_words(text: str, lookup: Any, function_words: dict[str, str]) -> str:
    """Word by word, keeping punctuation and numbers as they are."""
    out: list[str] = []
    for position, token in enumerate(_TOKEN.findall(text)):
        if not token[0].isalpha():
            out.append(token)
            continue
        word = translate_word(token, lookup, function_words)
        if position == 0 and token[0].isupper():
            word = word[0].upper() + word[1:]
        out.append(word)
    return detokenize(out)


class DictionaryTranslator(System):
    """``path`` is a Ding-format dictionary; null = the Debian one for the language pair."""

    default_name = "dictionary"

    def __init__(self, path: str | None = None, name: str | None = None, cache: bool = True) -> None:
        self.path = path
        super().__init__(name=name, cache=cache)
        self._resolved: Path | None = None

    def _dictionary_path(self, src_lang: str, tgt_lang: str) -> Path:
        path = Path(self.path).expanduser() if self.path else ding.DING_PATHS.get((src_lang, tgt_lang))
        if path is None:
            known = ", ".join(f"{s}-{t}" for s, t in ding.DING_PATHS)
            raise HarnessError(f"system {self.name!r}: no dictionary for {src_lang}-{tgt_lang} (known: {known}); set system.path")
        if not path.is_file():
            hint = " (Debian: apt-get install trans-de-en)" if not self.path else ""
            raise HarnessError(f"system {self.name!r}: dictionary not found: {path}{hint}")
        return path

    def setup(self, reference: ReferenceSet) -> None:
        self._resolved = self._dictionary_path(reference.src_lang, reference.tgt_lang)

    def translate(self, segments: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        path = self._resolved or self._dictionary_path(src_lang, tgt_lang)
        lexicon = load_lexicon(str(path), tgt_lang)
        function_words = FUNCTION_WORDS.get((src_lang, tgt_lang), {})
        return [translate_words(segment, lexicon.best, function_words) for segment in segments]

    def fingerprint_config(self) -> dict[str, Any]:
        """The dictionary file and the code that reads it: a new parser version is a new system."""
        code = inspect.getsource(ding) + inspect.getsource(sys.modules[__name__])
        config: dict[str, Any] = {"code": hashlib.sha256(code.encode()).hexdigest()[:16]}
        if self._resolved is not None:
            stat = self._resolved.stat()
            config["dictionary"] = {"path": str(self._resolved), "size": stat.st_size, "mtime": int(stat.st_mtime)}
        return config
