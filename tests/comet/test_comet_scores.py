"""The harness's COMET scores are COMET's own: same segment scores as ``model.predict``, cached exactly."""

from __future__ import annotations

import math

import numpy as np
import pytest

from harness.errors import HarnessError
from harness.metrics import comet_models
from harness.metrics.comet import COMET


def test_regression_scores_equal_comet_predict(checkpoints, triples, predict_with_comet):
    expected = predict_with_comet(checkpoints["regression"])
    metric = COMET(model=str(checkpoints["regression"]), batch_size=4, gpus=0)
    assert metric.needs_reference is True
    result = metric.score(triples.mt, triples.ref, triples.src)

    assert np.max(np.abs(np.array(result.segment_scores) - np.array(expected.scores))) < 1e-6
    assert result.score == pytest.approx(expected.system_score, abs=1e-6)
    # The stats contract: rows [score, 1], corpus score = aggregate(sum of rows) = the mean.
    assert result.stats.shape == (len(triples.src), 2)
    assert metric.aggregate(result.stats.sum(axis=0)) == pytest.approx(np.mean(result.segment_scores), abs=1e-12)
    # The duplicated triple (segments 2 and 7) is scored once and gets one score.
    assert result.segment_scores[1] == result.segment_scores[6]
    assert result.details["scored_segments"] == len(triples.src) - 1
    assert result.details["inputs"] == ["src", "mt", "ref"]


def test_quality_estimation_needs_no_reference(checkpoints, triples, predict_with_comet):
    expected = predict_with_comet(checkpoints["qe"], fields=("src", "mt"))
    metric = COMET(model=str(checkpoints["qe"]), name="CometKiwi", batch_size=4, gpus=0)
    assert metric.needs_reference is False
    result = metric.score(triples.mt, None, triples.src)

    assert result.details["inputs"] == ["src", "mt"]
    assert np.max(np.abs(np.array(result.segment_scores) - np.array(expected.scores))) < 1e-6
    assert result.score == pytest.approx(expected.system_score, abs=1e-6)


def test_xcomet_error_spans_are_recorded_per_segment(checkpoints, triples, predict_with_comet):
    expected = predict_with_comet(checkpoints["xcomet"])
    result = COMET(model=str(checkpoints["xcomet"]), name="XCOMET", batch_size=4, gpus=0).score(
        triples.mt, triples.ref, triples.src)

    assert np.max(np.abs(np.array(result.segment_scores) - np.array(expected.scores))) < 1e-6
    spans = result.details["error_spans"]
    assert len(spans) == len(triples.src)
    theirs = expected.metadata.error_spans
    assert sum(len(s) for s in theirs) > 0  # the random model marks errors, so this compares something
    for ours, reference in zip(spans, theirs):
        assert [(s["text"], s["severity"], s["start"], s["end"]) for s in ours] == \
               [(s["text"], s["severity"], s["start"], s["end"]) for s in reference]
        assert [s["confidence"] for s in ours] == pytest.approx([s["confidence"] for s in reference], abs=1e-5)


def test_second_run_is_served_from_cache_without_the_model(checkpoints, triples, monkeypatch):
    first = COMET(model=str(checkpoints["regression"]), gpus=0).score(triples.mt, triples.ref, triples.src)

    def no_model(*args, **kwargs):
        raise AssertionError("the model was asked for a score the cache holds")

    import comet.models.base as comet_base

    monkeypatch.setattr(comet_models.LOADED, "load", no_model)
    monkeypatch.setattr(comet_base.CometModel, "predict", no_model)
    monkeypatch.setattr(comet_base.CometModel, "predict_step", no_model)
    second = COMET(model=str(checkpoints["regression"]), gpus=0).score(triples.mt, triples.ref, triples.src)

    assert second.segment_scores == first.segment_scores  # exactly, not approximately
    assert second.score == first.score
    assert second.details["cached_segments"] == len(triples.src)
    assert second.details["scored_segments"] == 0


def test_progress_bar_counts_every_scored_segment_and_names_the_device(checkpoints, triples, monkeypatch):
    """tqdm hides itself off a terminal; forced on, it must reach the number of segments scored."""
    import io

    from harness.metrics import comet_scoring

    shown = io.StringIO()
    real_tqdm = comet_scoring.tqdm

    def on_a_terminal(*args, **kwargs):
        return real_tqdm(*args, **{**kwargs, "disable": False, "file": shown})

    monkeypatch.setattr(comet_scoring, "tqdm", on_a_terminal)
    for name in ("regression", "xcomet"):  # the sentence-level and the joint-encoding paths
        COMET(model=str(checkpoints[name]), batch_size=2, gpus=0, cache=False).score(triples.mt, triples.ref,
                                                                                     triples.src)
    last_lines = [line.split("\r")[-1] for line in shown.getvalue().split("\n") if line]  # a bar redraws after \r
    distinct = len(triples.src) - 1  # the duplicated triple is scored once
    assert [line.split(":")[0] for line in last_lines] == ["COMET regression (cpu)", "COMET xcomet (cpu)"]
    assert all(f" {distinct}/{distinct} " in line for line in last_lines)


def test_a_system_sharing_outputs_scores_only_what_is_new(checkpoints, triples, predict_with_comet):
    metric_args = {"model": str(checkpoints["regression"]), "gpus": 0}
    COMET(**metric_args).score(triples.mt, triples.ref, triples.src)
    changed = list(triples.mt)
    changed[0] = "The government showed a new budget on Tuesday."
    changed[3] = "Officers took part."
    result = COMET(**metric_args).score(changed, triples.ref, triples.src)

    assert result.details["scored_segments"] == 2
    assert result.details["cached_segments"] == len(triples.src) - 2
    fresh = COMET(**metric_args, cache=False).score(changed, triples.ref, triples.src)
    assert np.max(np.abs(np.array(result.segment_scores) - np.array(fresh.segment_scores))) < 1e-6


def test_precision_is_part_of_the_cache_key_and_bf16_stays_close(checkpoints, triples):
    fp32 = COMET(model=str(checkpoints["regression"]), gpus=0).score(triples.mt, triples.ref, triples.src)
    bf16 = COMET(model=str(checkpoints["regression"]), gpus=0, precision="bf16").score(
        triples.mt, triples.ref, triples.src)

    assert bf16.details["cached_segments"] == 0  # fp32 scores are never served for bf16
    assert "|bf16|" in bf16.signature
    deviation = np.max(np.abs(np.array(bf16.segment_scores) - np.array(fp32.segment_scores)))
    assert 0 < deviation < 0.05


def test_corrupt_cache_file_is_rebuilt_and_scores_stay_right(checkpoints, triples, offline_env, capsys):
    reference = COMET(model=str(checkpoints["regression"]), gpus=0, cache=False).score(
        triples.mt, triples.ref, triples.src)
    cache_file = offline_env / "mt-cache" / "comet" / "comet.sqlite"
    cache_file.parent.mkdir(parents=True)
    cache_file.write_bytes(b"this is not a database" * 100)

    result = COMET(model=str(checkpoints["regression"]), gpus=0).score(triples.mt, triples.ref, triples.src)

    assert result.segment_scores == reference.segment_scores
    assert "unreadable" in capsys.readouterr().err
    assert list(cache_file.parent.glob("comet.sqlite.corrupt-*"))


def test_cache_dir_is_configurable(checkpoints, triples, tmp_path):
    COMET(model=str(checkpoints["regression"]), gpus=0, cache_dir=str(tmp_path / "elsewhere")).score(
        triples.mt, triples.ref, triples.src)
    assert (tmp_path / "elsewhere" / "comet.sqlite").is_file()
    assert not (tmp_path / "mt-cache" / "comet" / "comet.sqlite").exists()


def test_signature_names_what_reproduces_the_number(checkpoints, triples):
    metric = COMET(model=str(checkpoints["regression"]), gpus=0, batch_size=8)
    result = metric.score(triples.mt, triples.ref, triples.src)
    fields = result.signature.split("|")

    assert fields[0].startswith("Python3.") and fields[1] == "Comet2.2.7" and fields[2] == "fp32"
    assert fields[3] == str(checkpoints["regression"])
    assert f"ckpt:{result.details['checkpoint_sha256'][:12]}" in fields
    assert "batch:8" in fields and "device:cpu" in fields
    assert not math.isnan(result.score)


@pytest.mark.parametrize("bad", [{"precision": "fp8"}, {"batch_size": 0}, {"gpus": -1}])
def test_bad_settings_are_user_errors(bad):
    with pytest.raises(HarnessError, match="metrics.comet"):
        COMET(**bad)


def test_concurrent_jobs_share_one_cache_file(checkpoints, triples, tmp_path):
    """Two multirun-like processes score at once into one sqlite file; both finish, both are stored."""
    import json
    import os
    import subprocess
    import sys

    script = (
        "import json, sys\n"
        "from harness.metrics.comet import COMET\n"
        "mt, ref, src = json.loads(sys.stdin.read())\n"
        f"r = COMET(model={str(checkpoints['regression'])!r}, gpus=0, cache_dir={str(tmp_path / 'shared')!r})"
        ".score(mt, ref, src)\n"
        "print(json.dumps(r.segment_scores))\n"
    )
    variants = [triples.mt, [h + " Indeed." for h in triples.mt]]
    procs = [subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=dict(os.environ)) for _ in variants]
    outputs = [p.communicate(json.dumps([mt, triples.ref, triples.src]), timeout=180) for p, mt in zip(procs, variants)]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outputs]

    for mt, (out, _) in zip(variants, outputs):
        again = COMET(model=str(checkpoints["regression"]), gpus=0, cache_dir=str(tmp_path / "shared")).score(
            mt, triples.ref, triples.src)
        assert again.details["scored_segments"] == 0  # everything both jobs wrote is there
        assert again.segment_scores == json.loads(out.strip().splitlines()[-1])


def _spans(result) -> list[list[tuple]]:
    return [[(span["text"], span["start"], span["end"], span["severity"], span["confidence"])
             for span in segment] for segment in result.details.get("error_spans", [])]


def _out_of_memory_above(limit: int, counter: list[int]):
    """A stand-in for a GPU that cannot hold more than ``limit`` token positions in one pass."""
    import torch

    def check(input_ids) -> None:
        if input_ids.numel() > limit:
            counter.append(input_ids.numel())
            raise torch.OutOfMemoryError(f"CUDA out of memory (test: {input_ids.numel()} > {limit} positions)")

    return check


def test_out_of_memory_passes_are_cut_smaller_with_the_same_scores(checkpoints, triples, capsys, monkeypatch):
    import comet.models.base as comet_base
    from comet.models import XCOMETMetric

    expected = {name: COMET(model=str(checkpoints[name]), gpus=0, cache=False).score(triples.mt, triples.ref,
                                                                                     triples.src)
                for name in ("regression", "xcomet")}
    failures: list[int] = []
    limits = {"regression": 60, "xcomet": 300}  # positions per pass; an XCOMET pass holds src+mt+ref
    checks = {name: _out_of_memory_above(limit, failures) for name, limit in limits.items()}
    embed, xcomet_step = comet_base.CometModel.get_sentence_embedding, XCOMETMetric.predict_step

    def small_embed(self, input_ids, *args, **kwargs):
        checks["regression"](input_ids)
        return embed(self, input_ids, *args, **kwargs)

    def small_step(self, batch, *args, **kwargs):
        checks["xcomet"](batch[0]["input_ids"])
        return xcomet_step(self, batch, *args, **kwargs)

    monkeypatch.setattr(comet_base.CometModel, "get_sentence_embedding", small_embed)
    monkeypatch.setattr(XCOMETMetric, "predict_step", small_step)
    for name, before in expected.items():
        failures.clear()
        after = COMET(model=str(checkpoints[name]), gpus=0, cache=False).score(triples.mt, triples.ref, triples.src)
        assert np.max(np.abs(np.array(after.segment_scores) - np.array(before.segment_scores))) < 1e-6, name
        # The same spans; their confidences move in the 7th decimal, as the scores do.
        assert [[span[:4] for span in segment] for segment in _spans(after)] == \
            [[span[:4] for span in segment] for segment in _spans(before)]
        assert np.allclose([span[4] for segment in _spans(after) for span in segment],
                           [span[4] for segment in _spans(before) for span in segment], atol=1e-6)
        # Only the way down: each failure halves the budget, which then stays (no failure per batch).
        assert failures and all(b <= a // 2 for a, b in zip(failures, failures[1:])), failures
        assert len(failures) <= math.log2(failures[0] / limits[name]) + 1, failures
    assert capsys.readouterr().err.count("out of memory at") >= 2


def test_a_model_that_does_not_fit_one_segment_at_a_time_is_unavailable_not_a_crash(checkpoints, triples,
                                                                                     monkeypatch):
    import comet.models.base as comet_base

    from harness.metrics.base import MetricUnavailable

    check = _out_of_memory_above(0, [])
    embed = comet_base.CometModel.get_sentence_embedding
    monkeypatch.setattr(comet_base.CometModel, "get_sentence_embedding",
                        lambda self, input_ids, *a, **k: (check(input_ids), embed(self, input_ids, *a, **k))[1])
    with pytest.raises(MetricUnavailable, match=r"does not fit in cpu memory .*metrics\.comet\.gpus=0"):
        COMET(model=str(checkpoints["regression"]), gpus=0).score(triples.mt, triples.ref, triples.src)


def test_weights_that_do_not_fit_on_the_gpu_are_moved_back_and_reported(monkeypatch):
    import torch

    from harness.batching import OutOfDeviceMemory
    from harness.metrics.comet_scoring import Batching, predict

    class TooBig:
        placed: list[str] = []

        def to(self, device):
            self.placed.append(str(device))
            if str(device) != "cpu":
                raise torch.OutOfMemoryError("CUDA out of memory")
            return self

    model = TooBig()
    with pytest.raises(OutOfDeviceMemory, match="weights do not fit"):
        next(predict(model, [{"src": "a", "mt": "b"}], Batching(), torch.device("cuda", 0), "fp32", "COMET"))
    assert model.placed == ["cuda:0", "cpu"]
