"""Bilingual word dictionary (Ding format, Debian's trans-de-en) with inflection and compound fallbacks.

Ding has base forms only and German writes compounds as one word, so a lookup tries the word,
then stripped inflection endings, then the longest known compound head plus its modifier.
The parsed form is cached (pickle keyed by file size and mtime): parsing takes seconds.
"""

from __future__ import annotations

import os
import pickle
import re
import sys
from pathlib import Path

from harness.align.lang import stopwords

DING_PATHS = {("de", "en"): Path("/usr/share/trans/de-en")}
_ANNOTATION = re.compile(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>|/[^/]*/")
_EN_NOISE = frozenset({"sb", "sth", "sb.", "sth.", "to", "etc"})
_ENDINGS = ("e", "en", "n", "s", "es", "er", "em", "ern", "ten", "te", "t", "et", "st", "est", "ed", "ing", "ly")
_VERB_ENDINGS = ("t", "et", "st", "est", "te", "ten")  # a listed form gets its infinitive's senses too
_LINKS = ("", "s", "es", "n", "en", "e")


def parse_ding(lines: list[str], tgt_lang: str = "en", reverse: bool = False) -> dict[str, tuple[str, ...]]:
    """Single-word headwords -> lowercase content words of their translations. Ding's left
    side is the source unless `reverse` (an en-de lookup from the de-en file)."""
    stop = stopwords(tgt_lang)
    table: dict[str, set[str]] = {}
    for line in lines:
        if line.startswith("#") or " :: " not in line:
            continue
        left, right = line.rstrip("\n").split(" :: ", 1)
        if reverse:
            left, right = right, left
        lsubs, rsubs = left.split(" | "), right.split(" | ")
        pairs = zip(lsubs, rsubs) if len(lsubs) == len(rsubs) else [(lsubs[0], rsubs[0])]
        for lsub, rsub in pairs:
            targets = {
                w
                for alt in _ANNOTATION.sub(" ", rsub).split(";")
                for w in alt.lower().replace("-", " ").split()
                if w.isalpha() and w not in stop and w not in _EN_NOISE
            }
            if not targets:
                continue
            for alt in _ANNOTATION.sub(" ", lsub).split(";"):
                head = [w for w in alt.split() if w.lower() not in _EN_NOISE]  # 'to increase sth.'
                if len(head) == 1 and head[0].replace("-", "").isalpha():
                    table.setdefault(head[0].lower(), set()).update(targets)
    return {k: tuple(sorted(v)) for k, v in table.items()}


class Dictionary:
    """Word translation lookups; `translate` returns target-language words (maybe empty)."""

    def __init__(self, table: dict[str, tuple[str, ...]]) -> None:
        self.table = table
        self._memo: dict[str, tuple[str, ...]] = {}

    def __contains__(self, word: str) -> bool:
        return word.lower() in self.table

    def target_words(self) -> frozenset[str]:
        """Every target-language word the dictionary uses: evidence for cleaning the translation."""
        return frozenset(w for words in self.table.values() for w in words)

    def _inflected(self, word: str, every_sense: bool = False) -> tuple[str, ...]:
        """The word's entry, else its base form's. `every_sense`: a listed verb form gets its
        infinitive's senses too, as Ding lists some forms with a few senses only ('zeigt':
        displays, indicates; 'zeigen': show)."""
        hit = self.table.get(word, ())
        if hit and not every_sense:
            return hit
        for ending in _VERB_ENDINGS if hit else _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                base = word[: -len(ending)]
                for guess in (base + "en", base + "n") if hit else (base, base + "en", base + "n", base + "e"):
                    if guess in self.table and guess != word:
                        return tuple(sorted({*hit, *self.table[guess]})) if hit else self.table[guess]
        return hit

    def _compound(self, word: str) -> tuple[str, ...]:
        for i in range(3, len(word) - 3):
            head = self._inflected(word[i:])
            if not head:
                continue
            modifier = word[:i]
            for link in _LINKS:
                if link and not modifier.endswith(link):
                    continue
                mod = self._inflected(modifier[: len(modifier) - len(link)] if link else modifier)
                if mod:
                    return tuple(sorted(set(head) | set(mod)))
            return head
        return ()

    def translate(self, word: str) -> tuple[str, ...]:
        """Translations of a word: what a word-by-word translator chooses from."""
        word = word.lower()
        if word not in self._memo:
            hit = self._inflected(word)
            if not hit and len(word) >= 7:
                hit = self._compound(word)
            self._memo[word] = hit
        return self._memo[word]

    def senses(self, word: str) -> tuple[str, ...]:
        """Every translation a word may have in a text: what similarity matches against."""
        key = "\0" + word.lower()
        if key not in self._memo:
            self._memo[key] = self._inflected(word.lower(), every_sense=True) or self.translate(word)
        return self._memo[key]


def _cache_file(path: Path, reverse: bool) -> Path:
    from harness.cache import default_cache_dir

    stat = path.stat()
    direction = "-reverse" if reverse else ""
    return default_cache_dir() / f"dict-{path.name}{direction}-{stat.st_size}-{int(stat.st_mtime)}.pickle"


def load_ding(path: Path, tgt_lang: str = "en", reverse: bool = False) -> Dictionary:
    """Parse a Ding file once and reuse the pickled table afterwards."""
    cache = _cache_file(path, reverse)
    if cache.exists():
        with open(cache, "rb") as handle:
            return Dictionary(pickle.load(handle))
    with open(path, encoding="utf-8", errors="replace") as handle:
        table = parse_ding(handle.readlines(), tgt_lang, reverse)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as handle:
            pickle.dump(table, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass  # a read-only home only costs the parse next time
    return Dictionary(table)


def find_dictionary(src_lang: str, tgt_lang: str, path: str | None = None) -> Dictionary | None:
    """The configured or default dictionary for a language pair (Debian's de-en file serves
    en-de too, read backwards); None, with a warning, where there is none."""
    reverse = not path and (src_lang, tgt_lang) not in DING_PATHS and (tgt_lang, src_lang) in DING_PATHS
    candidate = Path(path) if path else DING_PATHS.get((tgt_lang, src_lang) if reverse else (src_lang, tgt_lang))
    if candidate is not None and candidate.is_file():
        return load_ding(candidate, tgt_lang, reverse)
    where = f" (looked for {candidate})" if candidate else ""
    hint = " (Debian: apt-get install trans-de-en)" if candidate else ""  # Debian has no Ding file for other pairs
    print(
        f"warning: no bilingual dictionary for {src_lang}-{tgt_lang}{where}; aligning on numbers, "
        f"names and lengths only, expect lower quality{hint}",
        file=sys.stderr,
    )
    return None
