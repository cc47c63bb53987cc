"""Several references: COMET scores each segment against each reference and averages, as its signature says."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from harness.metrics.comet import COMET

from .conftest import REFERENCES, comet_key


def _predict(model_dir, src, mt, ref) -> list[float]:
    from comet import load_from_checkpoint

    model = load_from_checkpoint(str(model_dir / "checkpoints" / "model.ckpt"), local_files_only=True)
    data = [{"src": s, "mt": m, "ref": r} for s, m, r in zip(src, mt, ref)]
    return list(model.predict(data, batch_size=3, gpus=0, progress_bar=False).scores)


def test_two_references_average_comets_own_scores(checkpoints, triples):
    second = list(reversed(REFERENCES))  # another reference per segment (deliberately different)
    metric = COMET(model=str(checkpoints["regression"]), batch_size=4, gpus=0)
    result = metric.score_references(triples.mt, [triples.ref, second], triples.src)

    first_scores = _predict(checkpoints["regression"], triples.src, triples.mt, triples.ref)
    second_scores = _predict(checkpoints["regression"], triples.src, triples.mt, second)
    expected = (np.array(first_scores) + np.array(second_scores)) / 2
    assert np.max(np.abs(np.array(result.segment_scores) - expected)) < 1e-6
    assert result.score == pytest.approx(expected.mean(), abs=1e-6)
    assert result.details["per_reference"] == pytest.approx([np.mean(first_scores), np.mean(second_scores)], abs=1e-6)
    assert abs(result.details["per_reference"][0] - result.details["per_reference"][1]) > 1e-4
    assert "nrefs:2|refs:mean" in result.signature
    assert metric.aggregate(result.stats.sum(axis=0)) == pytest.approx(result.score, abs=1e-12)


def test_reference_free_model_ignores_extra_references(checkpoints, triples):
    metric = COMET(model=str(checkpoints["qe"]), name="CometKiwi", batch_size=4, gpus=0)
    alone = metric.score(triples.mt, None, triples.src)
    assert metric.score_references(triples.mt, None, triples.src).segment_scores == alone.segment_scores


def test_run_on_a_two_reference_set_records_the_mean_and_says_so(checkpoints, harness, tmp_path):
    """Through ``python -m harness`` on the shipped two-reference set: BLEU nrefs:2, COMET the mean of both."""
    model, results = checkpoints["regression"], tmp_path / "results"
    run = harness("system=identity", "reference=sample_deen_2refs", "metrics=[bleu,comet]",
                  f"metrics.comet.model={model}", "metrics.comet.gpus=0", f"results_dir={results}")
    assert run.returncode == 0, run.stderr
    metrics = json.loads((results / "sample_deen_2refs" / "identity" / "scores.json").read_text())["metrics"]
    comet = metrics[comet_key(model)]
    assert "|nrefs:2|refs:mean" in comet["signature"]
    assert "nrefs:2" in metrics["bleu"]["signature"]

    sample = Path(__file__).resolve().parents[2] / "references" / "sample_deen"
    src = (sample / "aligned.de").read_text(encoding="utf-8").splitlines()
    each = [_predict(model, src, src, (sample / name).read_text(encoding="utf-8").splitlines())
            for name in ("aligned.en", "aligned.en.2")]
    assert comet["per_reference"] == pytest.approx([np.mean(scores) for scores in each], abs=1e-6)
    assert comet["score"] == pytest.approx(np.mean(each), abs=1e-6)
