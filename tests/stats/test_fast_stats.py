"""The numpy n-gram statistics equal sacrebleu's own, value for value, on awkward text."""

from __future__ import annotations

import random

import numpy as np
import pytest
import sacrebleu.metrics as sb

from harness.metrics import fast_stats
from harness.metrics.sacrebleu import BLEU, ChrF, ChrFpp

AWKWARD_REFS = [
    "The cat sat on the mat.",
    "Ünïcödé — naïve café, façade; Straße!",
    "日本語のテキスト、句読点。",
    "ΟΔΟΣ ΣΟΦΟΣ σίσυφος ΣΣ",  # final sigma when lowercased
    "tabs\tand\u00a0no-break\u2009thin\u3000ideographic spaces",
    "emoji 👍🏽 and combining e\u0301 marks",
    "(hi) 'quoted' \"double\" end.",
    "a a a a a a a a",
    "x",
    "",
    "   ",
    "numbers 3.14 and 1,000 and 2-3 &amp; &lt;tag&gt;",
    "İstanbul ǅemal ß ﬁ",
    "repeat repeat repeat, repeat.",
    "\x1cfile\x1dsep",
    "lone \ud800 surrogate",
]
AWKWARD_HYPS = [
    "the cat sat on a mat .",
    "Unicode — naive café, facade; Strasse!",
    "日本語 の テキスト 、句読点。",
    "οδος σοφος ΣΊΣΥΦΟΣ σς",
    "tabs and\u00a0no-break thin\u3000 ideographic spaces",
    "emoji 👍 and combining é marks",
    "( hi ) 'quoted' \"double\"end.",
    "a a a",
    "",
    "something",
    "",
    "numbers 3.14 and 1.000 and 2 - 3 & <tag>",
    "istanbul Ǆemal SS fi",
    "repeat, repeat repeat repeat repeat",
    "\x1cfile sep",
    "lone \ud800surrogate",
]


def _random_text(rng: random.Random, alphabet: str, words: int) -> str:
    return " ".join("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 7))) for _ in range(words))


@pytest.fixture(scope="module")
def varied(make_corpus) -> tuple[list[str], list[str]]:
    rng = random.Random(7)
    alphabet = "abcab.,!?()'\"-éßΣσ日本\u00a0"
    hyps, refs = list(AWKWARD_HYPS), list(AWKWARD_REFS)
    for _ in range(200):
        refs.append(_random_text(rng, alphabet, rng.randint(0, 12)))
        hyps.append(_random_text(rng, alphabet, rng.randint(0, 12)))
    corpus = make_corpus(100, {"h": 0.3})
    return hyps + corpus.systems["h"], refs + corpus.refs


@pytest.mark.parametrize("kwargs", [
    {},
    {"word_order": 2},
    {"word_order": 1, "char_order": 4, "beta": 1},
    {"lowercase": True, "word_order": 2},
    {"whitespace": True},
    {"whitespace": True, "lowercase": True, "char_order": 3, "word_order": 3},
])
@pytest.mark.parametrize("reuse", [True, False])
def test_chrf_statistics_equal_sacrebleus(kwargs: dict, reuse: bool, varied) -> None:
    """Both ways: against a kept reference index, and as one block of a large set (pair_counts)."""
    HYPS, REFS = varied
    ours = ChrF(**kwargs).statistics(HYPS, REFS, reuse=reuse)
    theirs = np.array(sb.CHRF(**kwargs)._extract_corpus_statistics(HYPS, [REFS]))
    assert ours.dtype == np.int64 and ours.shape == theirs.shape
    np.testing.assert_array_equal(ours, theirs)


@pytest.mark.parametrize("kwargs", [
    {},
    {"lowercase": True},
    {"tokenize": "none"},
    {"tokenize": "char"},
    {"tokenize": "13a", "max_ngram_order": 2},
    {"tokenize": "zh"},
])
@pytest.mark.parametrize("reuse", [True, False])
def test_bleu_statistics_equal_sacrebleus(kwargs: dict, reuse: bool, varied) -> None:
    HYPS, REFS = varied
    ours = BLEU(**kwargs).statistics(HYPS, REFS, reuse=reuse)
    theirs = np.array(sb.BLEU(**kwargs)._extract_corpus_statistics(HYPS, [REFS]))
    np.testing.assert_array_equal(ours, theirs)


def test_scores_equal_sacrebleus_corpus_and_sentence_scores(varied) -> None:
    HYPS, REFS = varied
    for ours, theirs in [(BLEU(), sb.BLEU()), (ChrF(), sb.CHRF()), (ChrFpp(), sb.CHRF(word_order=2))]:
        result = ours.score(HYPS, REFS, REFS)
        assert result.score == theirs.corpus_score(HYPS, [REFS]).score
        sentence = sb.BLEU(effective_order=True) if isinstance(ours, BLEU) else theirs
        expected = [sentence.sentence_score(h, [r]).score for h, r in zip(HYPS, REFS)]
        assert result.segment_scores == expected
        assert ours.signature() == str(theirs.get_signature())


def test_known_counts_by_hand() -> None:
    ref = fast_stats.index_references(fast_stats.char_sequences(["aab", "a"]), 2)
    counts = fast_stats.ngram_counts(fast_stats.char_sequences(["abab", ""]), ref)
    # "abab" vs "aab": unigrams a2 b2 / a2 b1 -> 3 matches; bigrams ab,ba,ab / aa,ab -> 1 match.
    np.testing.assert_array_equal(counts.hyp, [[4, 3], [0, 0]])
    np.testing.assert_array_equal(counts.ref, [[3, 2], [1, 0]])
    np.testing.assert_array_equal(counts.matches, [[3, 1], [0, 0]])
    again = fast_stats.pair_counts(fast_stats.char_sequences(["abab", ""]), fast_stats.char_sequences(["aab", "a"]), 2)
    for ours, expected in ((again.hyp, counts.hyp), (again.ref, counts.ref), (again.matches, counts.matches)):
        np.testing.assert_array_equal(ours, expected)


@pytest.mark.parametrize("reuse", [True, False])
def test_no_segments(reuse: bool) -> None:
    assert ChrF().statistics([], [], reuse=reuse).shape == (0, 18)
    assert BLEU().statistics([], [], reuse=reuse).shape == (0, 10)


def test_reference_index_is_kept_per_reference_content(varied) -> None:
    """A multirun scores every system against one reference set: its index is built once, never confused."""
    hyps, refs = varied
    other_refs = [r[::-1] for r in refs]
    fast_stats._REFERENCES.clear()
    for references in (refs, other_refs, list(refs)):
        for ours, theirs in ((ChrF(word_order=2), sb.CHRF(word_order=2)), (BLEU(), sb.BLEU())):
            expected = np.array(theirs._extract_corpus_statistics(hyps, [references]))
            np.testing.assert_array_equal(ours.statistics(hyps, references), expected)
    assert len(fast_stats._REFERENCES) == 6  # chars, words, bleu for each of the two reference sets


def test_13a_corpus_tokenizer_equals_sacrebleus_line_by_line(varied) -> None:
    """Spaces are not padded (no rule can tell): the same tokens as sacrebleu's tokenizer, line by line."""
    from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a

    hyps, refs = varied
    extra = ["a  .  b", " , ,", "1 ,000 . 5", "x .. y", "&amp;  - 3 -4", "a\t. b", "  (  ) . ,", "9. ,9 a.b"]
    lines = [line.rstrip() for line in [*hyps, *refs, *extra] if "\n" not in line]
    tokenizer = Tokenizer13a()
    assert fast_stats.tokenize_13a_corpus(lines, tokenizer) == [tokenizer(line) for line in lines]
