"""Issue 14, point 1: COMET with another checkpoint is a column of its own beside the stored one, not a
replacement; re-running one checkpoint updates that column only (tiny local checkpoints, offline)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from harness import leaderboard
from harness.regression import read_runs, updated_baseline

from .conftest import PROJECT_ROOT, comet_column, comet_key

SAMPLE = PROJECT_ROOT / "references" / "sample_deen"


SHIFT = 0.05  # what the second checkpoint adds to every score


@pytest.fixture(scope="module")
def other_checkpoint(checkpoints: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second regression checkpoint in a folder of the same name as the first: the first's weights with the
    output layer's bias raised by SHIFT, so every score differs by exactly that (two random models can score
    a small set almost alike, and the tokenizer trainer is not deterministic between builds)."""
    import torch
    import yaml

    folder = tmp_path_factory.mktemp("other-comet") / "regression"
    shutil.copytree(checkpoints["regression"], folder)
    hparams_file = folder / "hparams.yaml"
    hparams = yaml.safe_load(hparams_file.read_text(encoding="utf-8"))
    hparams["pretrained_model"] = str((folder / "encoder").resolve())
    hparams_file.write_text(yaml.safe_dump(hparams), encoding="utf-8")
    ckpt = folder / "checkpoints" / "model.ckpt"
    state = torch.load(ckpt, weights_only=False)
    state["hyper_parameters"]["pretrained_model"] = hparams["pretrained_model"]
    assert state["hyper_parameters"].get("final_activation") is None  # a linear output: the shift is exact
    state["state_dict"]["estimator.ff.6.bias"] += SHIFT
    torch.save(state, ckpt)
    return folder


def _own_scores(model: Path, src: list[str], ref: list[str]):
    """COMET's own ``predict`` on the identity system's outputs (the hypotheses are the sources)."""
    from comet import load_from_checkpoint

    loaded = load_from_checkpoint(str(model / "checkpoints" / "model.ckpt"), local_files_only=True)
    return loaded.predict([{"src": s, "mt": s, "ref": r} for s, r in zip(src, ref)], batch_size=4, gpus=0,
                          progress_bar=False)


def test_two_checkpoints_are_two_columns_and_a_rerun_updates_its_own(harness, checkpoints, other_checkpoint,
                                                                      tmp_path):
    first, second = checkpoints["regression"], other_checkpoint
    results = tmp_path / "results"
    common = ["system=identity", "reference=sample_deen", "metrics.comet.gpus=0", f"results_dir={results}"]
    run_dir = results / "sample_deen" / "identity"

    def scores() -> dict:
        return json.loads((run_dir / "scores.json").read_text(encoding="utf-8"))["metrics"]

    run = harness(*common, "metrics=[bleu,comet]", f"metrics.comet.model={first}")
    assert run.returncode == 0, run.stderr
    run = harness(*common, "metrics=[comet]", f"metrics.comet.model={second}", "metrics.comet.batch_size=5")
    assert run.returncode == 0, run.stderr

    a, b = comet_key(first), comet_key(second)
    assert a != b and a.startswith("comet[model=regression-") and b.startswith("comet[model=regression-")
    stored = scores()
    assert list(stored) == ["bleu", a, b]
    src, ref = [(SAMPLE / f"aligned.{lang}").read_text(encoding="utf-8").splitlines() for lang in ("de", "en")]
    own_a, own_b = _own_scores(first, src, ref), _own_scores(second, src, ref)
    assert stored[a]["score"] == pytest.approx(own_a.system_score, abs=1e-6)
    assert stored[b]["score"] == pytest.approx(own_b.system_score, abs=1e-6)
    # Two models, two sets of numbers: the second scores every segment exactly SHIFT higher.
    assert own_b.system_score - own_a.system_score == pytest.approx(SHIFT, abs=1e-5)
    assert np.subtract(own_b.scores, own_a.scores).tolist() == pytest.approx([SHIFT] * len(src), abs=1e-5)
    assert stored[a]["name"] == comet_column(first) and stored[b]["name"] == comet_column(second)
    assert f"|{first}|" in stored[a]["signature"] and f"|{second}|" in stored[b]["signature"]

    # Sentence scores of both in segments.tsv and stats.npz; both columns in the leaderboard.
    with (run_dir / "segments.tsv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    for column, own in ((comet_column(first), own_a), (comet_column(second), own_b)):
        assert [float(r[rows[0].index(column)]) for r in rows[1:]] == pytest.approx(own.scores, abs=2e-6)
    with np.load(run_dir / "stats.npz") as arrays:
        assert arrays[f"{b}.segments"].tolist() == pytest.approx(own_b.scores, abs=2e-6)
        assert arrays[f"{a}.stats"].shape == (12, 2)
    board = leaderboard.collect(results / "sample_deen")
    assert list(board.scores.columns) == ["BLEU", comet_column(first), comet_column(second)]
    assert board.scores.at["identity", comet_column(second)] == pytest.approx(own_b.system_score, abs=1e-6)
    header = (results / "sample_deen" / "leaderboard.md").read_text(encoding="utf-8").splitlines()
    assert any(f"{comet_column(first)} ↑" in line and f"{comet_column(second)} ↑" in line for line in header)

    # A regression baseline of metrics=[comet] keeps both checkpoints, by column.
    baseline = updated_baseline(None, "sample_deen", read_runs(results / "sample_deen"), ["identity"], ["comet"], {})
    assert baseline.systems["identity"].scores[b].score == pytest.approx(own_b.system_score, abs=1e-6)
    assert set(baseline.systems["identity"].scores) == {a, b}

    # Re-running the first checkpoint (another batch size: not another column) updates its column only.
    before = scores()
    rerun = harness(*common, "metrics=[comet]", f"metrics.comet.model={first}", "metrics.comet.batch_size=3",
                    "metrics.comet.cache=false")
    assert rerun.returncode == 0, rerun.stderr
    after = scores()
    assert list(after) == ["bleu", a, b]
    assert after[a]["scored_segments"] == 12 and "|batch:3|" in after[a]["signature"]
    assert "|batch:3|" not in before[a]["signature"]
    assert after[a]["score"] == pytest.approx(own_a.system_score, abs=1e-6)
    assert after[b] == before[b] and after["bleu"] == before["bleu"]
