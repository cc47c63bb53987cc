"""sacrebleu's chrF/chrF++ and BLEU sufficient statistics, exactly, for a whole corpus at once in numpy.

sacrebleu counts n-grams with one ``Counter`` per segment and order in pure Python; on thousands of
segments that dominates a comparison's run time. Here every reference n-gram gets a dense id, order
by order (an n-gram is its (n-1)-gram's id plus one more symbol; order 0 is the segment number, so
ids never match across segments). A hypothesis n-gram is looked up by the same key; counting and
clipping are then bincounts. The reference side is built once per reference set and kept, so the
second and later systems of a multirun pay only for their own n-grams. Results equal sacrebleu's
``_extract_corpus_statistics`` value for value (tests check that). One reference per segment only.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Symbols are Unicode code points (< 0x110000) or word ids; keys are ``previous_id * base + symbol``.
_CODEPOINT_BASE = 0x110000
#: Reference indexes kept per process (a multirun scores every system against the same references).
_KEPT_REFERENCES = 8


@dataclass(frozen=True)
class Sequences:
    """Symbol sequences of a corpus, concatenated; symbol -1 (an unknown word) matches nothing."""

    symbols: np.ndarray  # int64
    lengths: np.ndarray  # int64, one per segment
    base: int  # every symbol is < base


def char_sequences(lines: Sequence[str], keep_whitespace: bool = False) -> Sequences:
    """Code points of each line; like sacrebleu's chrF, whitespace is dropped unless kept."""
    texts = list(lines) if keep_whitespace else ["".join(line.split()) for line in lines]
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    symbols = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    return Sequences(symbols, lengths, _CODEPOINT_BASE)


def word_sequences(token_lists: Sequence[Sequence[str]], vocabulary: dict[str, int], grow: bool) -> Sequences:
    """Tokens as ids in ``vocabulary``: added when ``grow`` (references), else -1 when unknown (hypotheses)."""
    lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
    if grow:
        ids = [vocabulary.setdefault(token, len(vocabulary)) for tokens in token_lists for token in tokens]
    else:
        ids = [vocabulary.get(token, -1) for tokens in token_lists for token in tokens]
    return Sequences(np.asarray(ids, dtype=np.int64), lengths, max(len(vocabulary), 1))


def _positions(seqs: Sequences) -> tuple[np.ndarray, np.ndarray]:
    """Segment of every position, and how many symbols its sequence has from it on (itself included)."""
    segment = np.repeat(np.arange(len(seqs.lengths)), seqs.lengths)
    remaining = np.repeat(np.cumsum(seqs.lengths), seqs.lengths) - np.arange(len(seqs.symbols))
    return segment, remaining


@dataclass(frozen=True)
class ReferenceIndex:
    """Every reference n-gram of orders 1..max_order: per order its key index, counts and segment."""

    lengths: np.ndarray
    base: int
    keys: list[pd.Index]  # per order: key of n-gram id i is keys[n-1][i]
    counts: list[np.ndarray]  # per order: occurrences of each n-gram id
    segments: list[np.ndarray]  # per order: segment of each n-gram id
    vocabulary: dict[str, int] | None = None  # word models: the id of every reference word


def index_references(ref: Sequences, max_order: int, vocabulary: dict[str, int] | None = None) -> ReferenceIndex:
    segment, remaining = _positions(ref)
    starts = np.arange(len(ref.symbols))
    ids = segment
    keys, counts, segments = [], [], []
    for n in range(1, max_order + 1):
        keep = remaining[starts] >= n
        starts = starts[keep]
        ids, uniques = pd.factorize(ids[keep] * ref.base + ref.symbols[starts + n - 1])
        keys.append(pd.Index(uniques))
        counts.append(np.bincount(ids, minlength=len(uniques)))
        segment_of_id = np.empty(len(uniques), dtype=np.int64)
        segment_of_id[ids] = segment[starts]
        segments.append(segment_of_id)
    return ReferenceIndex(ref.lengths, ref.base, keys, counts, segments, vocabulary)


@dataclass(frozen=True)
class NgramCounts:
    """Per segment (rows) and order (columns, 1..max_order): n-grams in hyp, in ref, and clipped matches."""

    hyp: np.ndarray
    ref: np.ndarray
    matches: np.ndarray


def ngram_counts(hyp: Sequences, ref: ReferenceIndex) -> NgramCounts:
    """Count n-grams of each segment pair and their clipped overlap.

    ``matches[s, n-1]`` is ``sum(min(hyp_count[g], ref_count[g]))`` over the n-grams g of segment s,
    as sacrebleu's Counter intersection computes it.
    """
    n_segments, max_order = len(ref.lengths), len(ref.keys)
    if len(hyp.lengths) != n_segments:
        raise ValueError(f"{len(hyp.lengths)} hypotheses but {n_segments} references")
    if hyp.base > ref.base:
        raise ValueError("hypothesis symbols outside the reference's symbol space")
    shape = (n_segments, max_order)
    hyp_counts, ref_counts, matches = (np.zeros(shape, dtype=np.int64) for _ in range(3))
    for n in range(1, max_order + 1):  # every position with >= n symbols left starts an n-gram
        hyp_counts[:, n - 1] = np.maximum(hyp.lengths - n + 1, 0)
        ref_counts[:, n - 1] = np.maximum(ref.lengths - n + 1, 0)
    segment, remaining = _positions(hyp)
    starts = np.arange(len(hyp.symbols))
    ids = segment
    for n in range(1, max_order + 1):
        keep = remaining[starts] >= n
        starts, ids = starts[keep], ids[keep]
        symbols = hyp.symbols[starts + n - 1]
        known = symbols >= 0
        starts, ids = starts[known], ref.keys[n - 1].get_indexer(ids[known] * ref.base + symbols[known])
        # Only n-grams the reference has can match, or extend to matching (n+1)-grams.
        found = ids >= 0
        starts, ids = starts[found], ids[found]
        in_hyp = np.bincount(ids, minlength=len(ref.counts[n - 1]))
        matched = np.minimum(in_hyp, ref.counts[n - 1])
        matches[:, n - 1] = np.bincount(ref.segments[n - 1], weights=matched, minlength=n_segments)
    return NgramCounts(hyp_counts, ref_counts, matches)


def dense_symbols(hyp: Sequences, ref: Sequences) -> tuple[Sequences, Sequences]:
    """Both corpora's symbols renumbered 0..k-1 over the symbols they use (-1 stays unknown).

    Smaller keys (``id * k + symbol`` instead of ``id * 0x110000 + symbol``) hash faster; the
    renumbering is one-to-one, so every n-gram count is unchanged.
    """
    present = np.zeros(max(hyp.base, ref.base, 1), dtype=bool)
    for seqs in (hyp, ref):
        present[seqs.symbols[seqs.symbols >= 0]] = True
    number = np.cumsum(present) - 1
    size = max(int(present.sum()), 1)

    def renumber(seqs: Sequences) -> Sequences:
        known = seqs.symbols >= 0
        return Sequences(np.where(known, number[np.where(known, seqs.symbols, 0)], -1), seqs.lengths, size)

    return renumber(hyp), renumber(ref)


def pair_counts(hyp: Sequences, ref: Sequences, max_order: int) -> NgramCounts:
    """:func:`ngram_counts` of ``hyp`` against references that will not be used again (a block of a
    large set): the same counts, with one hash pass per order over both sides' n-grams together
    instead of three (index the reference, build its lookup table, look the hypothesis up).

    In one ``pd.factorize`` of the reference keys followed by the hypothesis keys, every reference
    n-gram gets a code below ``k`` (the number of distinct reference n-grams) and a hypothesis
    n-gram gets a code below ``k`` exactly when the reference has it.
    """
    n_segments = len(ref.lengths)
    if len(hyp.lengths) != n_segments:
        raise ValueError(f"{len(hyp.lengths)} hypotheses but {n_segments} references")
    hyp, ref = dense_symbols(hyp, ref)
    shape = (n_segments, max_order)
    hyp_counts, ref_counts, matches = (np.zeros(shape, dtype=np.int64) for _ in range(3))
    for n in range(1, max_order + 1):
        hyp_counts[:, n - 1] = np.maximum(hyp.lengths - n + 1, 0)
        ref_counts[:, n - 1] = np.maximum(ref.lengths - n + 1, 0)
    ref_segment, ref_remaining = _positions(ref)
    hyp_segment, hyp_remaining = _positions(hyp)
    ref_starts, ref_ids = np.arange(len(ref.symbols)), ref_segment
    hyp_starts, hyp_ids = np.arange(len(hyp.symbols)), hyp_segment
    for n in range(1, max_order + 1):
        keep = ref_remaining[ref_starts] >= n
        ref_starts, ref_ids = ref_starts[keep], ref_ids[keep]
        keep = hyp_remaining[hyp_starts] >= n
        hyp_starts, hyp_ids = hyp_starts[keep], hyp_ids[keep]
        symbols = hyp.symbols[hyp_starts + n - 1]
        known = symbols >= 0
        hyp_starts, hyp_ids, symbols = hyp_starts[known], hyp_ids[known], symbols[known]
        codes, _ = pd.factorize(np.concatenate([ref_ids * ref.base + ref.symbols[ref_starts + n - 1],
                                                hyp_ids * ref.base + symbols]))
        ref_ids, hyp_codes = codes[: len(ref_ids)], codes[len(ref_ids) :]
        distinct = int(ref_ids.max()) + 1 if len(ref_ids) else 0
        found = hyp_codes < distinct  # only n-grams the reference has can match, or extend to matches
        hyp_starts, hyp_ids = hyp_starts[found], hyp_codes[found]
        segment_of_id = np.empty(distinct, dtype=np.int64)
        segment_of_id[ref_ids] = ref_segment[ref_starts]
        matched = np.minimum(np.bincount(hyp_ids, minlength=distinct), np.bincount(ref_ids, minlength=distinct))
        matches[:, n - 1] = np.bincount(segment_of_id, weights=matched, minlength=n_segments)
    return NgramCounts(hyp_counts, ref_counts, matches)


_REFERENCES: OrderedDict[tuple, ReferenceIndex] = OrderedDict()


def cached_reference(kind: Hashable, refs: Sequence[str], build: Callable[[], ReferenceIndex]) -> ReferenceIndex:
    """The index of these references for this kind of n-grams, built once per process."""
    digest = hashlib.blake2b("\n".join(refs).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    key = (kind, len(refs), digest)
    if key in _REFERENCES:
        _REFERENCES.move_to_end(key)
        return _REFERENCES[key]
    index = _REFERENCES[key] = build()
    while len(_REFERENCES) > _KEPT_REFERENCES:
        _REFERENCES.popitem(last=False)
    return index


def chrf_statistics(
    hyps: Sequence[str],
    refs: Sequence[str],
    char_order: int = 6,
    word_order: int = 0,
    lowercase: bool = False,
    whitespace: bool = False,
    split_words: Callable[[str], list[str]] | None = None,
    reuse: bool = True,
) -> np.ndarray:
    """sacrebleu ``CHRF._extract_corpus_statistics(hyps, [refs])`` rows: [hyp, ref, match] per order.

    ``split_words`` is sacrebleu's punctuation-separating word splitter (needed when word_order > 0).
    ``reuse=False``: these references are scored once (a block of a large set); their index is not kept.
    """
    if len(hyps) != len(refs):
        raise ValueError(f"{len(hyps)} hypotheses but {len(refs)} references")
    if lowercase:
        hyps, refs = [h.lower() for h in hyps], [r.lower() for r in refs]
    blocks = []
    if char_order:
        if reuse:
            ref_index = cached_reference(("chars", char_order, whitespace), refs,
                                         lambda: index_references(char_sequences(refs, whitespace), char_order))
            blocks.append(ngram_counts(char_sequences(hyps, whitespace), ref_index))
        else:
            blocks.append(pair_counts(char_sequences(hyps, whitespace), char_sequences(refs, whitespace), char_order))
    if word_order:
        if split_words is None:
            raise ValueError("word_order > 0 needs split_words")
        blocks.append(word_counts([split_words(h) for h in hyps], lambda: [split_words(r) for r in refs], word_order,
                                  ("words", word_order, split_words.__qualname__), refs, reuse))
    columns = []
    for counts in blocks:
        # sacrebleu counts no hypothesis n-grams of an order for which the reference has none.
        hyp_counts = np.where(counts.ref > 0, counts.hyp, 0)
        rows = np.stack([hyp_counts, counts.ref, counts.matches], axis=2)
        columns.append(rows.reshape(len(hyps), 3 * rows.shape[1]))
    return np.concatenate(columns, axis=1) if columns else np.zeros((len(hyps), 0), dtype=np.int64)


def index_words(token_lists: Sequence[Sequence[str]], max_order: int) -> ReferenceIndex:
    """A reference index over word n-grams, with the reference vocabulary."""
    vocabulary: dict[str, int] = {}
    return index_references(word_sequences(token_lists, vocabulary, grow=True), max_order, vocabulary)


def word_counts(hyp_tokens: Sequence[Sequence[str]], ref_tokens: Callable[[], Sequence[Sequence[str]]],
                max_order: int, kind: Hashable, refs: Sequence[str], reuse: bool) -> NgramCounts:
    """Word n-gram counts; with ``reuse`` against the kept index of ``refs`` (built once per process,
    so ``ref_tokens`` is called only when it is built), else by :func:`pair_counts`."""
    if reuse:
        ref = cached_reference(kind, refs, lambda: index_words(ref_tokens(), max_order))
        return ngram_counts(word_sequences(hyp_tokens, ref.vocabulary, grow=False), ref)
    vocabulary: dict[str, int] = {}
    ref_seqs = word_sequences(ref_tokens(), vocabulary, grow=True)
    return pair_counts(word_sequences(hyp_tokens, vocabulary, grow=False), ref_seqs, max_order)


def bleu_statistics(hyp_tokens: Sequence[Sequence[str]], ref_tokens: Callable[[], Sequence[Sequence[str]]],
                    max_order: int, kind: Hashable, refs: Sequence[str], reuse: bool = True) -> np.ndarray:
    """sacrebleu ``BLEU._extract_corpus_statistics`` rows for one reference, from tokenized segments:
    [hyp_len, ref_len, correct_1..N, total_1..N] (a length is its unigram count); ``kind`` and ``refs``
    name the kept reference index."""
    counts = word_counts(hyp_tokens, ref_tokens, max_order, kind, refs, reuse)
    return np.concatenate([counts.hyp[:, :1], counts.ref[:, :1], counts.matches, counts.hyp], axis=1)


def tokenize_13a_corpus(lines: Sequence[str], tokenizer: Callable[[str], str]) -> list[str]:
    """sacrebleu's 13a tokenizer over a whole corpus in one pass per rule, same output as line by line.

    Lines are padded with spaces (as the tokenizer pads each line) and joined by newlines, which no
    rule can touch next to a space; the first rule, a one-character class, becomes ``str.translate``
    (sacrebleu's ``re.sub`` expands its template once per match, hundreds of thousands of times).
    ``tokenizer`` is the sacrebleu Tokenizer13a instance whose rules are applied.
    """
    rules = tokenizer._post_tokenizer._re  # [(compiled pattern, replacement)], sacrebleu's own list
    if not lines:
        return []
    if any("\n" in line for line in lines) or not rules or rules[0][1] != r" \1 ":
        return [tokenizer(line) for line in lines]
    # A space padded with spaces is still spaces between the same neighbours: no later rule sees a
    # difference and the final split removes it, so spaces are left as they are (str.translate
    # expanding every space was 40 % of the tokenizer's time).
    spaced = {c: f" {chr(c)} " for c in range(128) if c != ord(" ") and rules[0][0].fullmatch(chr(c))}
    text = "\n".join(f" {line} " for line in lines)
    text = text.replace("<skipped>", "")
    if "&" in text:
        for entity, char in (("&quot;", '"'), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">")):
            text = text.replace(entity, char)
    text = text.translate(spaced)
    for pattern, replacement in rules[1:]:
        text = pattern.sub(replacement, text)
    return [" ".join(part.split()) for part in text.split("\n")]
