"""sacrebleu's chrF/chrF++ and BLEU sufficient statistics, exactly, for a whole corpus at once in numpy.

sacrebleu counts n-grams with one ``Counter`` per segment and order in pure Python; on thousands of
segments that dominates a comparison's run time. Here every n-gram of every segment gets a dense id
(order by order: an n-gram is its (n-1)-gram's id plus one more symbol, and the first symbol carries
the segment number, so ids never match across segments); counting and clipping are then bincounts.
The results equal sacrebleu's ``_extract_corpus_statistics`` value for value (tests check that).
Only single-reference scoring is covered; callers fall back to sacrebleu otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Symbols are Unicode code points (< 0x110000) or word ids; keys are ``previous_id * base + symbol``.
_CODEPOINT_BASE = 0x110000


@dataclass(frozen=True)
class Sequences:
    """Symbol sequences of a corpus, concatenated: ``symbols[offsets[i]:offsets[i] + lengths[i]]``."""

    symbols: np.ndarray  # int64
    lengths: np.ndarray  # int64, one per segment
    base: int  # every symbol is < base


def char_sequences(lines: Sequence[str], keep_whitespace: bool = False) -> Sequences:
    """Code points of each line; like sacrebleu's chrF, whitespace is dropped unless kept."""
    texts = list(lines) if keep_whitespace else ["".join(line.split()) for line in lines]
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    symbols = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    return Sequences(symbols, lengths, _CODEPOINT_BASE)


def word_sequences(token_lists: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> Sequences:
    """Tokens mapped to ids in ``vocabulary`` (grown as needed; share it between hypotheses and references)."""
    lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=len(token_lists))
    ids = [vocabulary.setdefault(token, len(vocabulary)) for tokens in token_lists for token in tokens]
    return Sequences(np.asarray(ids, dtype=np.int64), lengths, max(len(vocabulary), 1))


@dataclass(frozen=True)
class NgramCounts:
    """Per segment (rows) and order (columns, 1..max_order): n-grams in hyp, in ref, and clipped matches."""

    hyp: np.ndarray
    ref: np.ndarray
    matches: np.ndarray


def ngram_counts(hyp: Sequences, ref: Sequences, max_order: int) -> NgramCounts:
    """Count n-grams of orders 1..max_order in each segment pair and their clipped overlap.

    ``matches[s, n-1]`` is ``sum(min(hyp_count[g], ref_count[g]))`` over the n-grams g of segment s,
    as sacrebleu's Counter intersection computes it.
    """
    if len(hyp.lengths) != len(ref.lengths):
        raise ValueError(f"{len(hyp.lengths)} hypotheses but {len(ref.lengths)} references")
    n_segments = len(hyp.lengths)
    base = max(hyp.base, ref.base)
    lengths = np.concatenate([hyp.lengths, ref.lengths])
    symbols = np.concatenate([hyp.symbols, ref.symbols])
    segment = np.repeat(np.concatenate([np.arange(n_segments), np.arange(n_segments)]), lengths)
    is_hyp = np.repeat(np.arange(2 * n_segments) < n_segments, lengths)
    # Symbols left in a position's own sequence, counting itself: an n-gram starts where it is >= n.
    remaining = np.repeat(np.cumsum(lengths), lengths) - np.arange(len(symbols))

    shape = (n_segments, max_order)
    hyp_counts, ref_counts, matches = (np.zeros(shape, dtype=np.int64) for _ in range(3))
    for n in range(1, max_order + 1):
        # Every position with >= n symbols left starts an n-gram: counts need no n-gram ids.
        per_sequence = np.maximum(lengths - n + 1, 0)
        hyp_counts[:, n - 1], ref_counts[:, n - 1] = per_sequence[:n_segments], per_sequence[n_segments:]
    starts = np.arange(len(symbols))
    ids = segment  # order 0: the segment itself, so every n-gram id is specific to one segment
    for n in range(1, max_order + 1):
        keep = remaining[starts] >= n
        starts = starts[keep]
        ids, uniques = pd.factorize(ids[keep] * base + symbols[starts + n - 1])
        n_ids = len(uniques)
        from_hyp = is_hyp[starts]
        in_hyp = np.bincount(ids[from_hyp], minlength=n_ids)
        in_ref = np.bincount(ids[~from_hyp], minlength=n_ids)
        matched = np.minimum(in_hyp, in_ref)
        segment_of_id = np.empty(n_ids, dtype=np.int64)
        segment_of_id[ids] = segment[starts]
        matches[:, n - 1] = np.bincount(segment_of_id, weights=matched, minlength=n_segments)
        # Only n-grams on both sides can extend to matching (n+1)-grams: drop the rest.
        alive = matched[ids] > 0
        starts, ids = starts[alive], ids[alive]
    return NgramCounts(hyp_counts, ref_counts, matches)


def chrf_statistics(
    hyps: Sequence[str],
    refs: Sequence[str],
    char_order: int = 6,
    word_order: int = 0,
    lowercase: bool = False,
    whitespace: bool = False,
    split_words: Callable[[str], list[str]] | None = None,
) -> np.ndarray:
    """sacrebleu ``CHRF._extract_corpus_statistics(hyps, [refs])`` rows: [hyp, ref, match] per order.

    ``split_words`` is sacrebleu's punctuation-separating word splitter (needed when word_order > 0).
    """
    if lowercase:
        hyps, refs = [h.lower() for h in hyps], [r.lower() for r in refs]
    blocks = []
    if char_order:
        blocks.append(ngram_counts(char_sequences(hyps, whitespace), char_sequences(refs, whitespace), char_order))
    if word_order:
        if split_words is None:
            raise ValueError("word_order > 0 needs split_words")
        vocabulary: dict[str, int] = {}
        hyp_words = word_sequences([split_words(h) for h in hyps], vocabulary)
        ref_words = word_sequences([split_words(r) for r in refs], vocabulary)
        blocks.append(ngram_counts(hyp_words, ref_words, word_order))
    columns = []
    for counts in blocks:
        # sacrebleu counts no hypothesis n-grams of an order for which the reference has none.
        hyp_counts = np.where(counts.ref > 0, counts.hyp, 0)
        rows = np.stack([hyp_counts, counts.ref, counts.matches], axis=2)
        columns.append(rows.reshape(len(hyps), 3 * rows.shape[1]))
    return np.concatenate(columns, axis=1) if columns else np.zeros((len(hyps), 0), dtype=np.int64)


def bleu_statistics(hyp_tokens: Sequence[Sequence[str]], ref_tokens: Sequence[Sequence[str]],
                    max_order: int = 4) -> np.ndarray:
    """sacrebleu ``BLEU._extract_corpus_statistics`` rows for one reference, from tokenized segments:
    [hyp_len, ref_len, correct_1..N, total_1..N]."""
    vocabulary: dict[str, int] = {}
    hyp, ref = word_sequences(hyp_tokens, vocabulary), word_sequences(ref_tokens, vocabulary)
    counts = ngram_counts(hyp, ref, max_order)
    return np.concatenate([hyp.lengths[:, None], ref.lengths[:, None], counts.matches, counts.hyp], axis=1)


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
    spaced = {c: f" {chr(c)} " for c in range(128) if rules[0][0].fullmatch(chr(c))}
    text = "\n".join(f" {line} " for line in lines)
    text = text.replace("<skipped>", "")
    if "&" in text:
        for entity, char in (("&quot;", '"'), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">")):
            text = text.replace(entity, char)
    text = text.translate(spaced)
    for pattern, replacement in rules[1:]:
        text = pattern.sub(replacement, text)
    return [" ".join(part.split()) for part in text.split("\n")]
