"""Default metrics are "all that are available"; metrics the user names always run or say why not."""

from __future__ import annotations

import pytest
from omegaconf import OmegaConf

from harness import evaluate
from harness.evaluate import build_metrics, named_metrics


@pytest.fixture(autouse=True)
def _fresh_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evaluate, "_NOTED", set())

CONFIG = OmegaConf.create({
    "bleu": {"_target_": "harness.metrics.sacrebleu.BLEU"},
    "comet": {"_target_": "harness.metrics.comet.COMET", "model": "Unbabel/wmt22-comet-da"},
})


def test_named_metrics_reads_the_command_line() -> None:
    assert named_metrics(["system=identity"]) == set()
    assert named_metrics(["metrics=[bleu,comet]", "system=x"]) is None
    assert named_metrics(["metrics.comet.model=/m", "+metrics.bleu.lowercase=true"]) == {"comet", "bleu"}


def test_default_list_leaves_out_a_model_that_is_not_local(capsys: pytest.CaptureFixture[str]) -> None:
    assert list(build_metrics(CONFIG, overrides=[])) == ["bleu"]
    note = capsys.readouterr().err.strip()
    assert note.startswith("note: COMET left out of the default metrics: its model is not available locally")
    assert "metrics=[bleu,comet]" in note
    build_metrics(CONFIG, overrides=[])
    assert capsys.readouterr().err == ""  # said once per process, not once per job of a sweep


def test_named_metric_is_kept_even_when_not_local() -> None:
    assert list(build_metrics(CONFIG, overrides=["metrics.comet.model=Unbabel/wmt22-comet-da"])) == ["bleu", "comet"]
    assert list(build_metrics(CONFIG, overrides=["metrics=[bleu,comet]"])) == ["bleu", "comet"]
    assert list(build_metrics(CONFIG, overrides=None)) == ["bleu", "comet"]


def test_default_run_from_the_command_line(harness, read_scores, results) -> None:
    out = harness("system=identity")
    assert out.returncode == 0, out.stderr
    assert list(read_scores(results / "sample_deen" / "identity")["metrics"]) == ["bleu", "chrf", "chrfpp", "ter"]
    notes = [line for line in out.stderr.splitlines() if "left out of the default metrics" in line]
    assert len(notes) == 1, out.stderr  # one note for every model metric not on disk
    assert notes[0].startswith("note: COMET, MetricX-24, BLEURT-20, BERTScore left out of the default metrics: "
                               "their models are not available locally")
