"""A variant an older version stored under the plain key (COMET from a local checkpoint as ``comet``) moves
to its own column when the run is merged, instead of passing for the default metric beside that column."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from harness.merge import current_key, merged
from harness.metrics.base import MetricResult
from harness.metrics.comet import COMET

CHECKPOINT = "/models/tiny-comet"


def _store(tmp_path: Path, sample, results: dict[str, tuple[MetricResult, dict]]) -> tuple[Path, str, list[str]]:
    """A finished run of the reference outputs holding ``results`` (each with the config it was run with)."""
    from harness.records import RunRecord, write_run
    from harness.references import ReferenceSet

    src, ref = sample
    reference = ReferenceSet("toy", "de", "en", src, ref, tmp_path / "s.de", tmp_path / "r.en")
    run_dir = tmp_path / "toy" / "sys"
    metrics = {key: {**result.summary(), "config": config} for key, (result, config) in results.items()}
    write_run(run_dir, reference, RunRecord("sys", ref, {k: r for k, (r, _) in results.items()},
                                            {"system": {"name": "sys"}, "metrics": metrics,
                                             "reference": {"content_hash": reference.content_hash, "tgt_lang": "en"}}))
    return run_dir, reference.content_hash, ref


def _comet(score: float, name: str = "COMET") -> MetricResult:
    return MetricResult(name, score, "comet-sig", [score] * 12, np.tile([score, 1.0], (12, 1)))


COMET_CONFIG = {"_target_": "harness.metrics.comet.COMET", "model": CHECKPOINT, "name": "COMET", "config_key": "comet",
                "batch_size": 64, "gpus": 1, "precision": "fp32"}
BLEU_CONFIG = {"_target_": "harness.metrics.sacrebleu.BLEU", "tokenize": None, "lowercase": False}


def test_an_old_plain_key_of_a_local_checkpoint_moves_to_its_column(tmp_path, sample) -> None:
    variant = COMET(model=CHECKPOINT).variant()
    assert variant.startswith("model=tiny-comet-")
    run_dir, content_hash, hyps = _store(tmp_path, sample, {
        "bleu": (MetricResult("BLEU", 40.0, "bleu-sig", [40.0] * 12), BLEU_CONFIG),
        "comet": (_comet(0.25), COMET_CONFIG),
    })
    out = merged(run_dir, content_hash, hyps, {"chrf": MetricResult("chrF", 60.0, "chrf-sig")})
    assert list(out) == ["bleu", f"comet[{variant}]", "chrf"]
    moved = out[f"comet[{variant}]"]
    assert (moved.name, moved.score, moved.segment_scores) == (f"COMET ({variant})", 0.25, [0.25] * 12)
    assert moved.stats.shape == (12, 2) and out["bleu"].name == "BLEU"

    # The default COMET run now and a re-run of the checkpoint: each lands in its own column, none twice.
    now = {"comet": _comet(0.75), f"comet[{variant}]": _comet(0.5, f"COMET ({variant})")}
    out = merged(run_dir, content_hash, hyps, now)
    assert list(out) == ["bleu", f"comet[{variant}]", "comet"]
    assert out[f"comet[{variant}]"].score == 0.5 and out["comet"].score == 0.75


def test_the_old_entry_is_dropped_where_its_column_exists_and_plain_ones_stay(tmp_path, sample) -> None:
    variant = COMET(model=CHECKPOINT).variant()
    run_dir, content_hash, hyps = _store(tmp_path, sample, {
        "comet": (_comet(0.25), COMET_CONFIG),
        f"comet[{variant}]": (_comet(0.5, f"COMET ({variant})"), COMET_CONFIG),
        "cometkiwi": (_comet(0.125, "CometKiwi"), {**COMET_CONFIG, "model": "Unbabel/wmt22-cometkiwi-da",
                                                   "name": "CometKiwi", "config_key": "cometkiwi"}),
    })
    out = merged(run_dir, content_hash, hyps, {})
    assert list(out) == [f"comet[{variant}]", "cometkiwi"] and out[f"comet[{variant}]"].score == 0.5
    assert out["cometkiwi"].name == "CometKiwi"
    # Unit-level keys keep their prefix; a stored config that is not ours is left where it is.
    assert current_key("unit-comet", {"name": "COMET", "config": COMET_CONFIG}, "unit-") == \
        (f"unit-comet[{variant}]", f"COMET ({variant})")
    assert current_key("comet", {"name": "COMET", "config": {**COMET_CONFIG, "_target_": "os.system"}}) == \
        ("comet", "COMET")
    assert current_key("comet", {"name": "COMET"}) == ("comet", "COMET")
