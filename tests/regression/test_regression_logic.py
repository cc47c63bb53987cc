"""The pure comparison and update logic, on hand-made runs with known values."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from harness.errors import HarnessError
from harness.regression import (
    Baseline,
    Expected,
    Observed,
    RunScores,
    SystemBaseline,
    baseline_to_yaml,
    compare,
    diff_baselines,
    load_baseline,
    parse_baseline,
    run_command,
    updated_baseline,
)

SIG = "nrefs:1|tok:13a|version:2.6.0"


def _baseline(**scores: float) -> Baseline:
    entry = SystemBaseline(["system=mine"], {m: Expected(v, 0.1) for m, v in scores.items()})
    return Baseline("set", "sha256:aa", ["bleu", "chrf"], {"bleu": SIG, "chrf": SIG}, {"mine": entry})


def _run(content_hash: str = "sha256:aa", **scores: float | None) -> dict[str, RunScores]:
    metrics = {m: Observed(v, SIG, v is not None, "" if v is not None else "no model") for m, v in scores.items()}
    return {"mine": RunScores("mine", content_hash, metrics)}


def test_scores_inside_band_including_the_edge_pass() -> None:
    assert compare(_baseline(bleu=30.0, chrf=50.0), _run(bleu=30.1, chrf=49.95)) == []


def test_each_kind_of_problem_is_reported_once() -> None:
    problems = compare(_baseline(bleu=30.0, chrf=50.0), _run("sha256:bb", bleu=math.nan, chrf=None))
    assert [(f.metric, f.problem, f.expected, f.got) for f in problems] == [
        ("", "reference set changed (content hash)", "sha256:aa", "sha256:bb"),
        ("bleu", "out of band (+nan)", "30", "nan"),
        ("chrf", "unavailable: no model", "50", ""),
    ]
    assert [f.problem for f in compare(_baseline(bleu=1.0), {})] == ["no finished run"]
    assert [f.problem for f in compare(_baseline(ter=1.0), _run(bleu=1.0))] == ["metric not in run"]


def test_update_keeps_tolerances_and_overrides_and_diff_lists_changes() -> None:
    old = _baseline(bleu=30.0, chrf=50.0)
    new = updated_baseline(old, "set", _run(bleu=31.25, chrf=50.0), ["mine"], ["bleu", "chrf"], {"default": 0.5})
    assert new.systems["mine"].scores == {"bleu": Expected(31.25, 0.1), "chrf": Expected(50.0, 0.1)}
    assert new.systems["mine"].overrides == ["system=mine"]
    assert diff_baselines(old, new).splitlines()[2].split() == ["mine", "bleu", "30", "31.25", "+1.2500"]
    assert diff_baselines(old, old) == "no changes"


def test_update_records_variant_columns_of_the_configured_metrics() -> None:
    """``metrics.comet.model=...`` is stored as ``comet[model=...]``: the baseline keeps it by that column."""
    variant = "comet[model=tiny-1a2b3c4d]"
    run = _run(bleu=30.0, chrfpp=55.0, **{variant: 0.25, "bleu[tokenize=intl]": 31.0})
    new = updated_baseline(None, "set", run, ["mine"], ["comet", "bleu", "chrf"], {"default": 0.5})
    assert new.systems["mine"].scores == {variant: Expected(0.25, 0.5), "bleu": Expected(30.0, 0.5),
                                          "bleu[tokenize=intl]": Expected(31.0, 0.5)}  # not chrF++ for chrf
    assert set(new.signatures) == {variant, "bleu", "bleu[tokenize=intl]"}
    assert compare(new, run) == []
    other = _run(bleu=30.0, **{"comet[model=tiny-ffffffff]": 0.25, "bleu[tokenize=intl]": 31.0})
    assert [(f.metric, f.problem) for f in compare(new, other)] == [(variant, "metric not in run")]


def test_run_command_reproduces_an_entry_and_respects_a_reference_chosen_by_overrides() -> None:
    baseline = _baseline(bleu=1.0)
    assert run_command(baseline, "mine", Path("/r"))[1:] == [
        "-m", "harness", "reference=set", "metrics=[bleu,chrf]", "system=mine", "system.name=mine", "results_dir=/r"]
    baseline.overrides = ["reference=files", "reference.name=set"]
    assert run_command(baseline, "mine", Path("/r"))[3:6] == ["metrics=[bleu,chrf]", "reference=files",
                                                              "reference.name=set"]


def test_yaml_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "set.yaml"
    path.write_text(baseline_to_yaml(_baseline(bleu=30.0)), encoding="utf-8")
    assert load_baseline(path) == _baseline(bleu=30.0)
    assert "bleu: {score: 30.0, tolerance: 0.1}" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("data", "message"), [
    ([1, 2], "not a score baseline"),
    ({"reference": "x", "systems": {"a": {"scores": {"bleu": {"score": 1}}}}}, "systems.a.scores.bleu needs numbers"),
    ({"reference": "x", "metrics": "bleu"}, "metrics must be a list of strings"),
])
def test_malformed_baseline_names_the_key(data: object, message: str) -> None:
    with pytest.raises(HarnessError, match=message):
        parse_baseline(data, Path("b.yaml"))
