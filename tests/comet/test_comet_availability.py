"""A model that cannot be had says so in one line, fast, and the run still completes every other metric."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import numpy as np
import pytest

from harness.metrics import comet_models
from harness.metrics.base import MetricUnavailable
from harness.metrics.comet import COMET

from .conftest import comet_column, comet_key


def unavailable_reason(model: str, **kwargs) -> str:
    with pytest.raises(MetricUnavailable) as caught:
        COMET(model=model, gpus=0, **kwargs).score(["a"], ["a"], ["a"])
    return str(caught.value)


def test_hub_model_offline_is_unavailable_fast_with_advice():
    started = time.perf_counter()
    reason = unavailable_reason("Unbabel/wmt22-comet-da")
    assert time.perf_counter() - started < 5
    assert "\n" not in reason
    assert "'Unbabel/wmt22-comet-da'" in reason and "HF_HUB_OFFLINE is set" in reason
    assert "metrics.comet.model=" in reason and "HF_HOME" in reason
    assert "huggingface-cli download Unbabel/wmt22-comet-da" in reason


def test_gated_model_message_asks_for_token_and_licence():
    reason = unavailable_reason("Unbabel/wmt22-cometkiwi-da", config_key="cometkiwi")
    assert "metrics.cometkiwi.model=" in reason
    assert "gated" in reason and "HF_TOKEN" in reason
    assert "https://huggingface.co/Unbabel/wmt22-cometkiwi-da" in reason


def test_unreachable_hub_is_unavailable_when_online_mode(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.setattr(comet_models, "hub_reachable", lambda timeout: False)
    reason = unavailable_reason("Unbabel/wmt22-comet-da")
    assert "cannot be reached" in reason and "huggingface-cli download" in reason


def test_download_false_never_contacts_the_hub(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE")

    def no_network(timeout):
        raise AssertionError("download=false must not probe the hub")

    monkeypatch.setattr(comet_models, "hub_reachable", no_network)
    reason = unavailable_reason("Unbabel/wmt22-comet-da", download=False)
    assert "not in the local Hugging Face cache" in reason


def test_missing_local_path_names_the_path(tmp_path):
    reason = unavailable_reason(str(tmp_path / "no-such-model"))
    assert str(tmp_path / "no-such-model") in reason and "neither an existing path" in reason
    assert "huggingface-cli download" not in reason  # a path is not a hub id to download
    (tmp_path / "empty").mkdir()
    reason = unavailable_reason(str(tmp_path / "empty"))
    assert "without checkpoints/model.ckpt" in reason and "huggingface-cli download" not in reason


def test_model_found_in_the_hugging_face_cache_is_used_offline(checkpoints, triples, offline_env):
    """A hub id resolves to a snapshot in HF_HUB_CACHE without any network."""
    snapshot = offline_env / "hf-home" / "hub" / "models--Acme--tiny-comet" / "snapshots" / ("0" * 40)
    snapshot.parent.mkdir(parents=True)
    snapshot.symlink_to(checkpoints["regression"], target_is_directory=True)
    refs = snapshot.parent.parent / "refs"
    refs.mkdir()
    (refs / "main").write_text("0" * 40)

    from_hub_id = COMET(model="Acme/tiny-comet", gpus=0, cache=False).score(triples.mt, triples.ref, triples.src)
    from_path = COMET(model=str(checkpoints["regression"]), gpus=0, cache=False).score(
        triples.mt, triples.ref, triples.src)
    assert from_hub_id.segment_scores == from_path.segment_scores
    assert "|Acme/tiny-comet|" in from_hub_id.signature


def test_cli_offline_records_comet_unavailable_and_completes(harness, tmp_path):
    run = harness("system=identity", "reference=sample_deen", "metrics=[bleu,chrf,comet]",
                  f"results_dir={tmp_path / 'results'}")
    assert run.returncode == 0, run.stderr
    output = run.stdout + run.stderr
    assert "Traceback" not in output
    warnings = [line for line in output.splitlines() if line.startswith("warning: COMET unavailable")]
    assert len(warnings) == 1 and "Unbabel/wmt22-comet-da" in warnings[0]

    scores = json.loads((tmp_path / "results" / "sample_deen" / "identity" / "scores.json").read_text())
    comet = scores["metrics"]["comet"]
    assert comet["available"] is False and "huggingface-cli download" in comet["reason"]
    assert comet["seconds"] < 5
    assert scores["metrics"]["bleu"]["available"] and scores["metrics"]["chrf"]["score"] > 0
    board = (tmp_path / "results" / "sample_deen" / "leaderboard.md").read_text()
    assert "COMET" in board and "n/a" in board and "COMET for identity: COMET model" in board


def test_cli_scores_with_a_local_checkpoint(harness, checkpoints, tmp_path):
    results = tmp_path / "results"
    model = checkpoints["regression"]
    run = harness("system=identity", "reference=sample_deen", "metrics=[bleu,comet]",
                  f"metrics.comet.model={model}", "metrics.comet.gpus=0", f"results_dir={results}")
    assert run.returncode == 0, run.stderr

    run_dir = results / "sample_deen" / "identity"
    src = (Path(__file__).resolve().parents[2] / "references/sample_deen/aligned.de").read_text().splitlines()
    ref = (Path(__file__).resolve().parents[2] / "references/sample_deen/aligned.en").read_text().splitlines()
    from comet import load_from_checkpoint

    expected = load_from_checkpoint(str(model / "checkpoints" / "model.ckpt"), local_files_only=True).predict(
        [{"src": s, "mt": s, "ref": r} for s, r in zip(src, ref)], batch_size=16, gpus=0, progress_bar=False)

    scores = json.loads((run_dir / "scores.json").read_text())
    key = comet_key(model)  # a local checkpoint is not the default model: a column of its own
    assert list(scores["metrics"]) == ["bleu", key] and key == f"comet[model=regression-{key[-9:-1]}]"
    assert scores["metrics"][key]["score"] == pytest.approx(expected.system_score, abs=1e-6)
    assert scores["metrics"][key]["signature"].startswith("Python3.")
    with (run_dir / "segments.tsv").open(newline="", encoding="utf-8") as handle:  # text cells are quoted
        rows = list(csv.reader(handle, delimiter="\t"))
    column = rows[0].index(comet_column(model))
    assert [float(r[column]) for r in rows[1:]] == pytest.approx(expected.scores, abs=2e-6)
    with np.load(run_dir / "stats.npz") as stats:
        assert stats[f"{key}.stats"].shape == (len(src), 2)
    board = (results / "sample_deen" / "leaderboard.csv").read_text()
    assert comet_column(model) in board.splitlines()[0]


def test_cli_bad_precision_is_one_line_exit_2(harness, tmp_path):
    run = harness("system=identity", "metrics=[comet]", "metrics.comet.precision=fp8",
                  f"results_dir={tmp_path / 'results'}")
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "error: metrics.comet.precision must be one of fp32, tf32, fp16, bf16, got 'fp8'"]


def test_local_checkpoint_whose_encoder_is_not_cached_says_what_to_download(checkpoints, tmp_path):
    """A real wmt22-comet-da folder copied alone: its xlm-roberta-large tokenizer/config are missing."""
    import shutil

    import yaml

    model = tmp_path / "wmt22-copy"
    shutil.copytree(checkpoints["regression"], model, ignore=shutil.ignore_patterns("encoder"))
    hparams = yaml.safe_load((model / "hparams.yaml").read_text())
    hparams["pretrained_model"] = "xlm-roberta-large"
    (model / "hparams.yaml").write_text(yaml.safe_dump(hparams))

    reason = unavailable_reason(str(model))
    assert "'xlm-roberta-large'" in reason and "HF_HUB_OFFLINE is set" in reason
    assert "huggingface-cli download xlm-roberta-large config.json tokenizer.json" in reason
