"""Cross-lingual sentence similarity, pluggable.

A scorer is `fit(src, tgt)` on two sentence lists and returns a `PairSim` that scores spans of one
or two consecutive sentences (the DP's beads) and proposes candidate targets for a source
sentence (anchor search without a full n×m matrix). All scores are in [0, 1].

- `LexicalScorer`: offline; numbers, names/cognates (shared 5-letter prefixes) and, when given,
  a bilingual dictionary. Dice overlap of content-word keys.
- `MTScorer`: any object with `translate(segments, src_lang, tgt_lang)` (a harness system);
  translate the source, then compare monolingually, as Bleualign does.
- `EmbeddingScorer`: a sentence-transformers model name/path, or any encoder with
  `.encode(list[str]) -> array`; cosine similarity, as vecalign does.
- `Mixture`: weighted mean of several scorers.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from functools import lru_cache
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from harness.align import hyphen_compounds
from harness.align.dictionary import Dictionary
from harness.align.lang import content_words, fold

_NUMBER = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$|^\d+$")
KEY_LENGTH = 5
MAX_POSTINGS = 60  # keys in more target sentences than this do not propose candidates


class PairSim(Protocol):
    def sim(self, i: int, di: int, j: int, dj: int) -> float: ...

    def candidates(self, i: int, k: int) -> list[int]: ...


class Scorer(Protocol):
    def fit(self, src: Sequence[str], tgt: Sequence[str]) -> PairSim: ...


_COGNATE = str.maketrans("kz", "cc")


@lru_cache(maxsize=1 << 18)
def word_key(word: str) -> str:
    """Numbers by value ('23.000' = '23,000'); words by their folded 5-letter prefix, with k/z
    spelled c so that cognates meet ('Konzept'/'concept', 'Hektar'/'hectare')."""
    if _NUMBER.match(word):
        return "#" + re.sub(r"[.,]", "", word)
    return fold(word).translate(_COGNATE)[:KEY_LENGTH]


@lru_cache(maxsize=1 << 16)
def sentence_keys(text: str, lang: str) -> tuple[frozenset[str], int]:
    """Keys of a target-language sentence, and how many content words it has."""
    keys = frozenset(word_key(w) for w in content_words(text, lang))
    return keys, len(keys)


def _dice(shared: list[int], totals: list[int]) -> np.ndarray:
    """KeySim.sim's Dice score for many pairs: 2 * shared / total, at most 1, 0 where neither
    side has a key (int / int divides as Python does: both are exact in a float)."""
    total = np.array(totals, dtype=np.int64)
    out = np.zeros(len(total))
    np.divide(2 * np.array(shared, dtype=np.int64), total, out=out, where=total > 0)
    return np.minimum(out, 1.0)


class KeySim:
    """Dice overlap between source key sets (may hold several translations per word) and target keys."""

    def __init__(self, src: list[tuple[frozenset[str], int]], tgt: list[tuple[frozenset[str], int]]) -> None:
        self.src, self.tgt = src, tgt
        # spans of several sentences, per side, by (first sentence, count)
        self._src_spans: dict[tuple[int, int], tuple[frozenset[str], int]] = {}
        self._tgt_spans: dict[tuple[int, int], tuple[frozenset[str], int]] = {}
        self._candidates: dict[tuple[int, int], list[int]] = {}
        self._tgt_pairs: list[tuple[frozenset[str], int]] | None = None  # every two consecutive targets (band_sims)
        self._index: dict[bool, tuple[dict[str, np.ndarray], np.ndarray]] = {}
        index: dict[str, list[int]] = defaultdict(list)
        for j, (keys, _n) in enumerate(tgt):
            for key in keys:
                index[key].append(j)
        # a key's target sentences and its idf weight, as arrays for np.bincount; keys too common
        # to say where a sentence belongs propose nothing
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {
            key: (np.array(js, dtype=np.intp), np.full(len(js), math.log(1 + len(tgt) / len(js))))
            for key, js in index.items()
            if len(js) <= MAX_POSTINGS
        }

    @staticmethod
    def _joined(items: list[tuple[frozenset[str], int]], cache: dict[tuple[int, int], tuple[frozenset[str], int]], i: int, d: int) -> tuple[frozenset[str], int]:
        span = cache.get((i, d))
        if span is None:
            parts = items[i : i + d]
            span = cache[(i, d)] = (frozenset().union(*(p[0] for p in parts)), sum(p[1] for p in parts))
        return span

    def sim(self, i: int, di: int, j: int, dj: int) -> float:
        # the DP asks millions of times, mostly for single sentences: no span lookup for those
        skeys, sn = self.src[i] if di == 1 else self._joined(self.src, self._src_spans, i, di)
        tkeys, tn = self.tgt[j] if dj == 1 else self._joined(self.tgt, self._tgt_spans, j, dj)
        if sn + tn == 0:
            return 0.0
        dice = 2 * len(skeys & tkeys) / (sn + tn)
        return dice if dice < 1.0 else 1.0

    def band_sims(self, rows: Sequence[tuple[int, int, int, bool]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each row (s, lo, hi, merge) of a DP band and each j in lo .. hi: sim(s, 1, j-1, 1),
        sim(s, 1, j-2, 2) and, with merge, sim(s-1, 2, j-1, 1), 0 where a span falls outside the
        document: the whole band at once (see dp.align). The same counts and the same division
        as sim, so the same values."""
        none: tuple[frozenset[str], int] = (frozenset(), 0)  # before the first target: scores 0
        if self._tgt_pairs is None:
            self._tgt_pairs = [none, none, *(self._joined(self.tgt, self._tgt_spans, t, 2) for t in range(len(self.tgt) - 1))]
        singles, pairs = [none, none, *self.tgt], self._tgt_pairs  # position j + 1: target j - 1; position j: targets j - 2, j - 1
        shared: tuple[list[int], list[int], list[int]] = ([], [], [])
        totals: tuple[list[int], list[int], list[int]] = ([], [], [])
        for s, lo, hi, merge in rows:
            skeys, sn = self.src[s]
            ones, twos = singles[lo + 1 : hi + 2], pairs[lo : hi + 1]
            shared[0].extend([len(skeys & keys) for keys, _n in ones])
            totals[0].extend([sn + n for _keys, n in ones])
            shared[1].extend([len(skeys & keys) for keys, _n in twos])
            totals[1].extend([sn + n for _keys, n in twos])
            if merge and s >= 1:
                pkeys, pn = self._joined(self.src, self._src_spans, s - 1, 2)
                shared[2].extend([len(pkeys & keys) for keys, _n in ones])
                totals[2].extend([pn + n for _keys, n in ones])
            else:
                shared[2].extend([0] * len(ones))
                totals[2].extend([0] * len(ones))
        one, two, pair = (_dice(shared[k], totals[k]) for k in range(3))
        return one, two, pair

    def row(self, i: int, transpose: bool = False, floor: float = 0.0) -> dict[int, float]:
        """sim(i, 1, j, 1) for every target j sharing a key with source i (every source j and
        sim(j, 1, i, 1) when `transpose`) that scores `floor` or more: the others score less (0
        when they share no key). Counted off an index of every key (the candidate index drops
        common ones), so a pass that needs a whole row's best and runner-up need not score each
        unit of the document in turn."""
        if transpose not in self._index:
            items = self.src if transpose else self.tgt
            index: dict[str, list[int]] = defaultdict(list)
            for j, (keys, _n) in enumerate(items):
                for key in keys:
                    index[key].append(j)
            sizes = np.array([n for _keys, n in items], dtype=np.float64)
            self._index[transpose] = ({key: np.array(js, dtype=np.intp) for key, js in index.items()}, sizes)
        index, sizes = self._index[transpose]
        keys, n = (self.tgt if transpose else self.src)[i]
        hits = [index[key] for key in keys if key in index]
        if not hits:
            return {}
        shared = np.bincount(np.concatenate(hits), minlength=len(sizes))
        found = np.flatnonzero(shared)
        scores = np.minimum(1.0, 2 * shared[found] / (n + sizes[found]))
        keep = scores >= floor
        return dict(zip(found[keep].tolist(), scores[keep].tolist()))

    def candidates(self, i: int, k: int) -> list[int]:
        if (i, k) not in self._candidates:  # anchors and re-joining ask for the same sentences again
            self._candidates[(i, k)] = self._rank(i, k)
        return self._candidates[(i, k)]

    def known_candidates(self, i: int, k: int) -> list[int] | None:
        """candidates(i, k) if already ranked, else None."""
        return self._candidates.get((i, k))

    def remember_candidates(self, ranked: dict[int, list[int]], k: int) -> None:
        """Take candidates(i, k) ranked elsewhere (a forked child ranking half the sentences,
        see order.clear_matches) so they are not ranked again."""
        for i, found in ranked.items():
            self._candidates.setdefault((i, k), found)

    def _rank(self, i: int, k: int) -> list[int]:
        """The k targets sharing the most idf weight with source i (ties: the first).

        Keys are summed in sorted order (np.bincount adds in input order), so the votes do not
        depend on string hashing."""
        parts = [self.postings[key] for key in sorted(self.src[i][0]) if key in self.postings]
        if not parts:
            return []
        targets = np.concatenate([p[0] for p in parts])
        votes = np.bincount(targets, weights=np.concatenate([p[1] for p in parts]))
        hit = np.unique(targets)  # a few hundred, where votes may be as long as the document (np.flatnonzero: 8x slower)
        return hit[np.argsort(-votes[hit], kind="stable")[:k]].tolist()


class LexicalScorer:
    """Offline similarity from numbers, cognates/names and an optional bilingual dictionary."""

    def __init__(self, src_lang: str, tgt_lang: str, dictionary: Dictionary | None = None) -> None:
        self.src_lang, self.tgt_lang, self.dictionary = src_lang, tgt_lang, dictionary
        # the last target fitted: its texts, their shared words, their keys, source keys against it
        self._target: tuple[tuple[str, ...], frozenset[str], list[tuple[frozenset[str], int]], dict[str, tuple[frozenset[str], int]]] | None = None
        self._words: dict[str, tuple[str, str, frozenset[str]]] = {}  # word -> its key, folded form, its senses' keys

    def source_keys(self, text: str, shared: frozenset[str] = frozenset()) -> tuple[frozenset[str], int]:
        """Keys of a source sentence: each word's own key (numbers, names, cognates) plus its
        dictionary translations, except for words the target also has verbatim ('reinstall',
        'Ocean Shield'): those are names or loanwords, and decompounding them invents matches."""
        tokens = {w.lower(): w for w in content_words(text, self.src_lang)}
        keys: set[str] = set()
        count = 0
        for whole in tokens.values():
            for word in hyphen_compounds.parts(whole, self.dictionary, shared):  # 'X-Größe': 'X', 'Größe'
                count += 1
                if word not in self._words:  # a document repeats its words: each is looked up once
                    senses = frozenset(word_key(t) for t in self.dictionary.senses(word)) if self.dictionary is not None else frozenset()
                    self._words[word] = (word_key(word), fold(word), senses)
                own, folded, senses = self._words[word]
                keys.add(own)
                if self.dictionary is not None and folded not in shared:
                    keys.update(senses)
        return frozenset(keys), count

    def fit(self, src: Sequence[str], tgt: Sequence[str]) -> KeySim:
        tgt = tuple(tgt)
        if self._target is None or self._target[0] != tgt:  # the builder fits against one target many times
            shared = frozenset(fold(w) for t in tgt for w in content_words(t, self.tgt_lang) if len(w) >= 4)
            self._target = (tgt, shared, [sentence_keys(t, self.tgt_lang) for t in tgt], {})
        _, shared, tgt_keys, known = self._target
        src_keys = []
        for text in src:
            if text not in known:
                known[text] = self.source_keys(text, shared)
            src_keys.append(known[text])
        return KeySim(src_keys, tgt_keys)


class Translator(Protocol):
    def translate(self, segments: list[str], src_lang: str, tgt_lang: str) -> list[str]: ...


class MTScorer:
    """Translate the source with any harness system, then compare in the target language."""

    def __init__(self, system: Translator, src_lang: str, tgt_lang: str) -> None:
        self.system, self.src_lang, self.tgt_lang = system, src_lang, tgt_lang

    def fit(self, src: Sequence[str], tgt: Sequence[str]) -> KeySim:
        unique = sorted(set(src))
        translated = dict(zip(unique, self.system.translate(unique, self.src_lang, self.tgt_lang)))
        return KeySim(
            [sentence_keys(translated[s], self.tgt_lang) for s in src],
            [sentence_keys(t, self.tgt_lang) for t in tgt],
        )


class Encoder(Protocol):
    def encode(self, sentences: list[str]) -> Any: ...


def load_sentence_transformer(name: str) -> Encoder:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        from harness.errors import HarnessError

        raise HarnessError(
            "embedding similarity needs sentence-transformers: pip install sentence-transformers"
        ) from exc
    return SentenceTransformer(name)


class EmbeddingSim:
    """Cosine similarity of sentence embeddings; two-sentence spans are embedded as one text."""

    def __init__(self, encoder: Encoder, src: Sequence[str], tgt: Sequence[str]) -> None:
        self.encoder = encoder
        self.src_texts, self.tgt_texts = list(src), list(tgt)
        self.src = self._embed(self.src_texts)
        self.tgt = self._embed(self.tgt_texts)
        self._pairs: dict[tuple[str, int], np.ndarray] = {}

    def _embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        vectors = np.asarray(self.encoder.encode(texts), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    def _vector(self, side: str, i: int, d: int) -> np.ndarray:
        base, texts = (self.src, self.src_texts) if side == "s" else (self.tgt, self.tgt_texts)
        if d == 1:
            return base[i]
        if (side, i) not in self._pairs:
            self._pairs[(side, i)] = self._embed([" ".join(texts[i : i + d])])[0]
        return self._pairs[(side, i)]

    def sim(self, i: int, di: int, j: int, dj: int) -> float:
        return max(0.0, float(self._vector("s", i, di) @ self._vector("t", j, dj)))

    def candidates(self, i: int, k: int) -> list[int]:
        scores = self.tgt @ self.src[i]
        return [int(j) for j in np.argsort(-scores, kind="stable")[:k]]


class EmbeddingScorer:
    """Multilingual sentence embeddings (e.g. LaBSE); the model loads on first use."""

    def __init__(self, model: str | Encoder) -> None:
        self._model = model
        self._encoder: Encoder | None = None if isinstance(model, str) else model

    def fit(self, src: Sequence[str], tgt: Sequence[str]) -> EmbeddingSim:
        if self._encoder is None:
            self._encoder = load_sentence_transformer(str(self._model))
        return EmbeddingSim(self._encoder, src, tgt)


class MixtureSim:
    def __init__(self, parts: list[tuple[float, PairSim]]) -> None:
        self.parts = parts
        self.total = sum(w for w, _ in parts)

    def sim(self, i: int, di: int, j: int, dj: int) -> float:
        return sum(w * p.sim(i, di, j, dj) for w, p in self.parts) / self.total

    def candidates(self, i: int, k: int) -> list[int]:
        seen: dict[int, None] = {}
        for _w, part in self.parts:
            seen.update(dict.fromkeys(part.candidates(i, k)))
        return list(seen)


class Mixture:
    """Weighted mean of scorers, e.g. lexical + embeddings."""

    def __init__(self, scorers: list[Scorer], weights: list[float] | None = None) -> None:
        self.scorers = scorers
        self.weights = weights or [1.0] * len(scorers)

    def fit(self, src: Sequence[str], tgt: Sequence[str]) -> MixtureSim:
        return MixtureSim([(w, s.fit(src, tgt)) for w, s in zip(self.weights, self.scorers)])


def lexical(src_lang: str, tgt_lang: str, dictionary: Dictionary | None) -> Scorer:
    """Config entry point (conf/similarity/lexical.yaml)."""
    return LexicalScorer(src_lang, tgt_lang, dictionary)


def with_embeddings(
    model: str | Encoder, src_lang: str, tgt_lang: str, dictionary: Dictionary | None, weight: float = 0.5
) -> Scorer:
    """Config entry point: embeddings mixed with the lexical scorer (conf/similarity/embedding.yaml)."""
    return Mixture([LexicalScorer(src_lang, tgt_lang, dictionary), EmbeddingScorer(model)], [1 - weight, weight])


def with_mt(
    system: Translator, src_lang: str, tgt_lang: str, dictionary: Dictionary | None, weight: float = 0.5
) -> Scorer:
    """Config entry point: a harness system's translations mixed with the lexical scorer."""
    return Mixture([LexicalScorer(src_lang, tgt_lang, dictionary), MTScorer(system, src_lang, tgt_lang)], [1 - weight, weight])
