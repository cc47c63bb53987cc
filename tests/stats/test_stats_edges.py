"""Edge cases of the significance step: identical systems, one segment, empty output, Holm, options."""

from __future__ import annotations

import numpy as np
import pytest

from harness import stats
from harness.errors import HarnessError
from harness.metrics.sacrebleu import BLEU, ChrF, TER


def _compare(systems: dict[str, list[str]], refs: list[str], metrics=(BLEU(), ChrF()), **options) -> stats.Comparison:
    series = {}
    for metric in metrics:
        per_system = {name: metric.statistics(hyps, refs) for name, hyps in systems.items()}
        series[metric.name] = stats.MetricSeries(metric.name, metric.aggregate_many, per_system, float32=True)
    return stats.compare(list(systems), series, stats.Options(**options))


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_identical_systems_have_p_one(close_corpus, test: str) -> None:
    hyps = close_corpus.systems["a.txt"]
    out = _compare({"a": hyps, "copy": list(hyps)}, close_corpus.refs, test=test, resamples=500)
    assert out.pvalues == {("copy", "a", "BLEU"): 1.0, ("copy", "a", "chrF"): 1.0}
    assert out.ci[("a", "BLEU")] == out.ci[("copy", "BLEU")]


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_one_segment(test: str) -> None:
    out = _compare({"a": ["the cat sat"], "b": ["a dog ran off"]}, ["the cat sat down"], test=test)
    bleu_a = BLEU().score(["the cat sat"], ["the cat sat down"], [""]).score
    assert out.scores[("a", "BLEU")] == bleu_a
    # Every resample is the one segment: a zero-width interval at the score, and no evidence of a difference.
    assert out.ci[("a", "BLEU")] == (bleu_a, bleu_a) and out.halfwidths[("a", "BLEU")] == 0.0
    assert out.pvalues[("b", "a", "chrF")] == 1.0


def test_empty_hypotheses(close_corpus) -> None:
    refs = close_corpus.refs
    out = _compare({"good": close_corpus.systems["a.txt"], "empty": [""] * len(refs), "empty2": [""] * len(refs)},
                   refs, metrics=(BLEU(), ChrF(), TER()))
    assert out.scores[("empty", "BLEU")] == 0.0 and out.scores[("empty", "chrF")] == 0.0
    assert out.scores[("empty", "TER")] == 100.0
    assert out.ci[("empty", "chrF")] == (0.0, 0.0)
    assert out.pvalues[("empty", "good", "chrF")] == 1 / 1001  # never as close as observed under the null
    out_all = _compare({"empty": [""] * len(refs), "empty2": [""] * len(refs)}, refs, pairs="all")
    assert out_all.pvalues[("empty", "empty2", "BLEU")] == 1.0


def test_holm_known_values() -> None:
    # Sorted 0.005, 0.01, 0.03, 0.04 -> x4, x3, x2, x1 = 0.02, 0.03, 0.06, 0.04 -> monotone: 0.02, 0.03, 0.06, 0.06
    assert stats.holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert stats.holm([0.5, 0.9]) == [1.0, 1.0]  # 0.9 may not fall below the step before it
    assert stats.holm([0.01, 0.02]) == [0.02, 0.02]
    assert stats.holm([]) == []


def test_holm_applies_per_metric_over_the_pairs(close_corpus) -> None:
    plain = _compare(close_corpus.systems, close_corpus.refs, pairs="all")
    corrected = _compare(close_corpus.systems, close_corpus.refs, pairs="all", correction="holm")
    assert len(plain.pvalues) == 6  # 3 pairs x 2 metrics
    for metric in ("BLEU", "chrF"):
        keys = [k for k in plain.pvalues if k[2] == metric]
        expected = stats.holm([plain.pvalues[k] for k in keys])
        assert [corrected.pvalues[k] for k in keys] == expected
        assert [corrected.raw_pvalues[k] for k in keys] == [plain.pvalues[k] for k in keys]


def test_segment_mean_metric_resamples_segment_scores() -> None:
    scores = np.array([0.1, 0.9, 0.5, 0.7])
    rows = np.column_stack([scores, np.ones(4)])
    series = {"COMET": stats.MetricSeries("COMET", stats.segment_mean_scorer, {"x": rows})}
    out = stats.compare(["x"], series, stats.Options(resamples=200, seed=3))
    idx = np.random.default_rng(3).choice(4, size=(200, 4), replace=True)
    means = np.sort(scores[idx].mean(axis=1))
    assert out.scores[("x", "COMET")] == pytest.approx(0.55)
    assert out.means[("x", "COMET")] == pytest.approx(means.mean())
    assert out.ci[("x", "COMET")] == pytest.approx((means[5], means[194]))


def test_baseline_option_and_unknown_baseline(close_corpus) -> None:
    out = _compare(close_corpus.systems, close_corpus.refs, baseline="c.txt")
    assert out.baseline == "c.txt" and {k[1] for k in out.pvalues} == {"c.txt"}
    assert _compare(close_corpus.systems, close_corpus.refs, baseline="nope").baseline == "a.txt"


@pytest.mark.parametrize("options, message", [
    ({"test": "t"}, "report.test='t'; choose one of: bs, ar"),
    ({"pairs": "some"}, "report.pairs='some'; choose one of: baseline, all"),
    ({"correction": "bonferroni"}, "report.correction='bonferroni'; choose one of: none, holm"),
    ({"resamples": 0}, "report.resamples must be at least 1, got 0"),
    ({"alpha": 1.5}, "report.alpha must be between 0 and 1, got 1.5"),
    ({"seed": "x"}, "report.seed must be an integer or null, got 'x'"),
    ({"sed": 1}, "unknown report option(s) sed; known: alpha, baseline, compat, correction, latex_pvalues, pairs, resamples, seed, test"),
    ({"latex_pvalues": "yes"}, "report.latex_pvalues must be true or false, got 'yes'"),
])
def test_bad_options_are_one_line_errors(options: dict, message: str) -> None:
    with pytest.raises(HarnessError) as info:
        stats.Options.from_mapping(options)
    assert str(info.value) == message


def test_seed_from_sacrebleu_environment_strings() -> None:
    """conf/report_options.yaml takes the seed from $SACREBLEU_SEED, which arrives as a string."""
    assert stats.Options.from_mapping({"seed": "7"}).seed == 7
    assert stats.Options.from_mapping({"seed": "None"}).seed is None
    with pytest.raises(HarnessError, match="report.seed must be an integer or null, got 'abc'"):
        stats.Options.from_mapping({"seed": "abc"})


def test_default_resamples_follow_sacrebleu() -> None:
    assert stats.Options().n_resamples == 1000 and stats.Options(test="ar").n_resamples == 10000
    assert stats.Options(test="ar", resamples=50).n_ci_resamples == 1000


def test_large_draws_are_streamed_in_blocks_equal_to_the_single_draw(monkeypatch) -> None:
    """Draws too large to keep are drawn again block by block: the same totals as the kept single draw."""
    import numpy as np

    from harness import stats

    rng = np.random.default_rng(3)
    rows = rng.integers(0, 9, size=(501, 4)).astype(float)
    kept = stats.Draws(501, 60, seed=11)
    assert kept._kept is not None
    monkeypatch.setattr(stats, "_KEEP_CELLS", 0)
    monkeypatch.setattr(stats, "_CHUNK_CELLS", 501 * 7)  # 7 resamples per block, the last one shorter
    streamed = stats.Draws(501, 60, seed=11)
    assert streamed._kept is None and streamed.step == 7
    np.testing.assert_array_equal(streamed.totals(rows), kept.totals(rows))
    np.testing.assert_array_equal(streamed.totals(rows), stats.resampled_totals(
        stats.draw_counts(stats.bootstrap_indices(501, 60, 11)), rows))
    unseeded = stats.Draws(501, 60, seed=None)  # one seed for every pass: the systems stay paired
    np.testing.assert_array_equal(unseeded.totals(rows), unseeded.totals(rows))
