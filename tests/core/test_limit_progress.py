"""Issue 14, point 17: ``limit=N`` tries a run on the first N segments, apart from the full set's results;
TER (minutes on long sets) shows a progress bar on a terminal, and long runs say when each metric runs."""

from __future__ import annotations

import io
import sys

import numpy as np
import pytest
import sacrebleu

from harness.evaluate import score_all
from harness.metrics.sacrebleu import TER
from harness.references import ReferenceSet


def test_limit_runs_the_first_segments_as_their_own_set(harness, results, read_scores, sample) -> None:
    src, ref = sample
    assert harness("system=identity", "metrics=[bleu]").returncode == 0
    out = harness("system=identity", "metrics=[bleu,chrf]", "limit=3")
    assert out.returncode == 0, out.stderr
    trial = read_scores(results / "sample_deen.first3" / "identity")
    assert trial["reference"]["segments"] == 3 and trial["reference"]["name"] == "sample_deen.first3"
    assert trial["metrics"]["bleu"]["score"] == pytest.approx(sacrebleu.corpus_bleu(src[:3], [ref[:3]]).score, abs=1e-12)
    assert trial["metrics"]["chrf"]["score"] == pytest.approx(sacrebleu.corpus_chrf(src[:3], [ref[:3]]).score, abs=1e-12)
    full = read_scores(results / "sample_deen" / "identity")  # the full run is untouched
    assert full["reference"]["segments"] == 12 and list(full["metrics"]) == ["bleu"]
    bad = harness("system=identity", "limit=0")
    assert bad.returncode == 2
    assert bad.stderr.strip() == "error: limit must be a whole number of at least 1 (or null for all segments), got 0"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_ter_progress_on_a_terminal_and_announced_long_runs(monkeypatch, tmp_path) -> None:
    rng = np.random.default_rng(0)
    words = ["a", "b", "c", "d", "e", "f"]
    refs = [" ".join(rng.choice(words, size=6)) for _ in range(2000)]
    hyps = [" ".join(rng.choice(words, size=5)) for _ in range(2000)]
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    reference = ReferenceSet("toy", "de", "en", refs, refs, tmp_path / "s", tmp_path / "r")
    result = score_all({"ter": TER()}, hyps, reference)["ter"]
    shown = terminal.getvalue()
    assert "scoring TER on 2,000 segments ..." in shown and "scored TER in " in shown
    assert "score TER: 100%" in shown and "2000/2000" in shown  # the bar ran to the end
    # Blocks give the very statistics and score of one call.
    assert result.score == pytest.approx(sacrebleu.corpus_ter(hyps, [refs]).score, abs=1e-12)
