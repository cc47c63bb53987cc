"""Issue 14, point 1: metrics of a new run merge into the stored run of the same outputs; a metric with
other options is a new column (its own key, name and signature), never a replacement."""

from __future__ import annotations

import numpy as np
import pandas as pd
import sacrebleu

from harness.merge import merged
from harness.metrics.base import MetricResult
from harness.records import read_stats


def test_fewer_metrics_and_a_changed_option_keep_the_stored_scores(harness, results, read_scores, sample) -> None:
    src, ref = sample  # identity: the hypotheses are the German sources
    assert harness("system=identity", "metrics=[bleu,chrf,chrfpp,ter]").returncode == 0
    second = harness("system=identity", "metrics=[bleu,chrf]", "metrics.bleu.tokenize=intl")
    assert second.returncode == 0, second.stderr
    run_dir = results / "sample_deen" / "identity"
    metrics = read_scores(run_dir)["metrics"]
    assert list(metrics) == ["bleu", "chrf", "chrfpp", "ter", "bleu[tokenize=intl]"]
    expected = {
        "bleu": sacrebleu.corpus_bleu(src, [ref]).score,
        "chrf": sacrebleu.corpus_chrf(src, [ref]).score,
        "chrfpp": sacrebleu.corpus_chrf(src, [ref], word_order=2).score,
        "ter": sacrebleu.corpus_ter(src, [ref]).score,
        "bleu[tokenize=intl]": sacrebleu.corpus_bleu(src, [ref], tokenize="intl").score,
    }
    assert {k: round(v["score"], 9) for k, v in metrics.items()} == {k: round(v, 9) for k, v in expected.items()}
    assert metrics["bleu"]["signature"].split("|")[3] == "tok:13a"
    assert metrics["bleu[tokenize=intl]"]["signature"].split("|")[3] == "tok:intl"
    assert metrics["bleu[tokenize=intl]"]["name"] == "BLEU (tokenize=intl)"
    # The kept metrics kept their statistics and segment scores: intervals and the report still work.
    arrays = read_stats(run_dir)
    assert {k.rsplit(".", 1)[0] for k in arrays} == set(expected)
    assert arrays["ter.stats"].shape == (12, 2)
    table = pd.read_csv(run_dir / "segments.tsv", sep="\t")
    assert list(table.columns)[4:] == ["BLEU", "chrF", "chrF++", "TER", "BLEU (tokenize=intl)"]
    assert np.allclose(table["TER"], arrays["ter.segments"])
    board = (results / "sample_deen" / "leaderboard.md").read_text(encoding="utf-8")
    assert "n/a" not in board and "TER ↓" in board and "BLEU (tokenize=intl) ↑" in board


def test_other_outputs_replace_the_stored_metrics(harness, results, read_scores) -> None:
    assert harness("system=identity", "metrics=[bleu,ter]").returncode == 0
    # Another configuration under the same name, replacing it: its outputs differ, nothing is merged.
    again = harness("system=reference", "system.name=identity", "overwrite=true", "metrics=[chrf]")
    assert again.returncode == 0, again.stderr
    metrics = read_scores(results / "sample_deen" / "identity")["metrics"]
    assert list(metrics) == ["chrf"] and metrics["chrf"]["score"] == 100.0


def test_a_metric_unavailable_now_keeps_its_stored_score(tmp_path, sample) -> None:
    """A model missing on this machine does not wipe the score stored for the very same outputs."""
    from harness.records import RunRecord, write_run
    from harness.references import ReferenceSet

    src, ref = sample
    reference = ReferenceSet("toy", "de", "en", src, ref, tmp_path / "s.de", tmp_path / "r.en")
    run_dir = tmp_path / "toy" / "sys"
    stored = MetricResult("COMET", 0.8125, "comet-sig", [0.8125] * 12, np.tile([0.8125, 1.0], (12, 1)))
    write_run(run_dir, reference, RunRecord("sys", ref, {"comet": stored},
                                            {"system": {"name": "sys"}, "reference": {"content_hash": reference.content_hash,
                                                                                      "tgt_lang": "en"},
                                             "metrics": {"comet": stored.summary()}}))
    now = {"comet": MetricResult.unavailable("COMET", "model not local"),
           "bleu": MetricResult("BLEU", 100.0, "bleu-sig")}
    out = merged(run_dir, reference.content_hash, ref, now)
    assert list(out) == ["comet", "bleu"]
    assert out["comet"].available and out["comet"].score == 0.8125 and out["comet"].segment_scores == [0.8125] * 12
    assert out["bleu"].score == 100.0
    assert merged(run_dir, reference.content_hash, src, now) is now  # other hypotheses: nothing kept
    assert merged(run_dir, "another-hash", ref, now) is now  # another version of the reference set


def test_same_outputs_compared_line_by_line(tmp_path, sample) -> None:
    """The stored hypotheses are compared a line at a time (issue 15: no whole-file string); a run with a
    segment more or less, or a line holding U+2028 or a CR, is compared exactly."""
    from harness.records import RunRecord, write_run
    from harness.references import ReferenceSet

    src, ref = sample
    hyps = [*ref[:-2], "a\u2028b", "c\rd"]
    reference = ReferenceSet("toy", "de", "en", src, ref, tmp_path / "s.de", tmp_path / "r.en")
    run_dir = tmp_path / "toy" / "sys"
    stored = MetricResult("BLEU", 1.0, "bleu-sig", [1.0] * 12)
    write_run(run_dir, reference, RunRecord("sys", hyps, {"bleu": stored},
                                            {"system": {"name": "sys"}, "reference": {"content_hash": "h",
                                                                                      "tgt_lang": "en"},
                                             "metrics": {"bleu": stored.summary()}}))
    now = {"chrf": MetricResult("chrF", 2.0, "chrf-sig")}
    assert list(merged(run_dir, "h", hyps, now)) == ["bleu", "chrf"]
    assert merged(run_dir, "h", hyps[:-1], now) is now
    assert merged(run_dir, "h", [*hyps, "x"], now) is now
    assert merged(run_dir, "h", [*hyps[:-1], "c d"], now) is now
