"""``report.compat=sacrebleu`` reproduces sacrebleu's significance numbers exactly; the default keeps ties extreme."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
import sacrebleu.metrics as sb
from sacrebleu import significance

from harness import stats
from harness.errors import HarnessError
from harness.metrics.sacrebleu import TER, ChrF

from .conftest import run, write

WORDS = "the a train bus was is two three hours minutes late early because of storm rain in city".split()


def _corpus(tmp_path: Path) -> tuple[Path, dict[str, Path], dict[str, list[str]], list[str]]:
    """b is a with exactly one more substituted word: the smallest TER gap there is, so many trials tie."""
    rng = random.Random(3)
    refs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))) for _ in range(60)]
    a = [" ".join(w if rng.random() > 0.3 else rng.choice(WORDS) + "x" for w in r.split()) for r in refs]
    b = list(a)
    b[0] = "zzz " + " ".join(b[0].split()[1:])
    c = [" ".join(w if rng.random() > 0.45 else "q" for w in r.split()) for r in refs]
    systems = {"a.txt": a, "b.txt": b, "c.txt": c}
    paths = {name: write(tmp_path / name, hyps) for name, hyps in systems.items()}
    return write(tmp_path / "ref.txt", refs), paths, systems, refs


def _cli(ref: Path, paths: dict[str, Path], *args: str) -> list[dict]:
    out = run("sacrebleu", str(ref), "-i", *map(str, paths.values()), "-f", "json", *args,
              env={"SACREBLEU_SEED": "12345"}).stdout
    return json.loads(out)


def _series(metric, systems: dict[str, list[str]], refs: list[str]) -> dict[str, stats.MetricSeries]:
    rows = {name: metric.statistics(hyps, refs) for name, hyps in systems.items()}
    return {metric.name: stats.MetricSeries(metric.name, metric.aggregate_many, rows, float32=True)}


def test_ties_rule_under_randomization(tmp_path: Path) -> None:
    ref, paths, systems, refs = _corpus(tmp_path)
    theirs = _cli(ref, paths, "-m", "ter", "--paired-ar", "--paired-ar-n", "400")
    series = _series(TER(), systems, refs)
    assert series["TER"].stats["b.txt"].sum(0)[0] - series["TER"].stats["a.txt"].sum(0)[0] == 1
    names = list(systems)
    sound = stats.compare(names, series, stats.Options(test="ar", resamples=400))
    compat = stats.compare(names, series, stats.Options(test="ar", resamples=400, compat="sacrebleu"))
    for row, name in zip(theirs[1:], names[1:]):
        assert compat.pvalues[(name, "a.txt", "TER")] == row["TER"]["p_value"]
    # Where trials tie with the observed gap the two rules part: sacrebleu's p is smaller.
    assert sound.pvalues[("b.txt", "a.txt", "TER")] == 1.0
    assert theirs[1]["TER"]["p_value"] < 0.95
    assert sound.pvalues[("c.txt", "a.txt", "TER")] == compat.pvalues[("c.txt", "a.txt", "TER")]


def test_ties_rule_under_bootstrap_identical_systems(tmp_path: Path) -> None:
    """Two identical systems: sacrebleu says p = 1/(N+1); the default says 1."""
    ref, paths, systems, refs = _corpus(tmp_path)
    same = {"a.txt": systems["a.txt"], "copy.txt": systems["a.txt"]}
    paths = {"a.txt": paths["a.txt"], "copy.txt": write(tmp_path / "copy.txt", systems["a.txt"])}
    theirs = _cli(ref, paths, "-m", "chrf", "--paired-bs", "--paired-bs-n", "200")
    series = _series(ChrF(), same, refs)
    compat = stats.compare(list(same), series, stats.Options(resamples=200, compat="sacrebleu"))
    sound = stats.compare(list(same), series, stats.Options(resamples=200))
    assert compat.pvalues[("copy.txt", "a.txt", "chrF")] == theirs[1]["chrF2"]["p_value"] == 1 / 201
    assert sound.pvalues[("copy.txt", "a.txt", "chrF")] == 1.0


def _document_stats(seed: int, segments: int = 40) -> np.ndarray:
    """chrF rows of document-length segments: totals pass 2**24, where float32 sums lose low bits."""
    rng = np.random.default_rng(seed)
    hyp = rng.integers(400_000, 600_000, size=(segments, 6))
    ref = hyp + rng.integers(-20_000, 20_000, size=(segments, 6))
    match = (np.minimum(hyp, ref) * rng.uniform(0.5, 0.9, size=(segments, 6))).astype(np.int64)
    return np.stack([hyp, ref, match], axis=2).reshape(segments, 18)


def test_float32_bootstrap_sums_equal_sacrebleu_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SACREBLEU_SEED", "12345")
    base, system = _document_stats(1), _document_stats(2)
    assert base.sum(0).max() > 2**24
    metric = ChrF()
    series = {"chrF": stats.MetricSeries("chrF", metric.aggregate_many, {"base": base, "sys": system}, float32=True)}
    compat = stats.compare(["base", "sys"], series, stats.Options(resamples=300, compat="sacrebleu"))
    sound = stats.compare(["base", "sys"], series, stats.Options(resamples=300))

    theirs_metric = sb.CHRF()
    _, base_scores = significance._bootstrap_resample(base.tolist(), theirs_metric, 300)
    mean, ci = significance.estimate_ci(np.array([s.score for s in base_scores]))
    assert (compat.means[("base", "chrF")], compat.halfwidths[("base", "chrF")]) == (mean, ci)
    assert sound.means[("base", "chrF")] != mean  # exact sums: not sacrebleu's float32 rounding

    monkeypatch.setattr(theirs_metric, "_extract_corpus_statistics", lambda hyps, refs: system.tolist())
    base_result = significance.Result(theirs_metric._aggregate_and_compute(base.tolist()).score)
    _, results = significance._paired_bs_test({"chrF2": (base.tolist(), base_result)}, "sys", ["x"] * len(system), None,
                                              {"chrF2": theirs_metric}, n_samples=300, seed=12345)
    theirs = results["chrF2"]
    assert compat.scores[("sys", "chrF")] == theirs.score
    assert (compat.means[("sys", "chrF")], compat.halfwidths[("sys", "chrF")]) == (theirs.mean, theirs.ci)
    assert compat.pvalues[("sys", "base", "chrF")] == theirs.p_value


def test_compat_is_checked() -> None:
    with pytest.raises(HarnessError, match=r"report.compat='sacreblue'; choose one of: none, sacrebleu"):
        stats.Options.from_mapping({"compat": "sacreblue"})


def test_report_compat_from_stored_runs_equals_cli(tmp_path: Path) -> None:
    """Through the stored runs (stats.npz) and ``python -m harness.report report.compat=sacrebleu``."""
    ref, paths, systems, refs = _corpus(tmp_path)
    src = write(tmp_path / "src.de", [f"quelle {i}" for i in range(len(refs))])
    results = tmp_path / "results"
    reference = ["reference=files", f"reference.src={src}", f"reference.ref={ref}", "reference.src_lang=de",
                 "reference.tgt_lang=en", "reference.name=toy", f"results_dir={results}"]
    for path in paths.values():
        run("harness", *reference, "system=file", f"system.path={path}", "metrics=[ter]")
    options = ["report.test=ar", "report.resamples=400", "report.baseline=file-a.txt"]
    run("harness.report", *reference, *options, "report.compat=sacrebleu")
    markdown = (results / "toy" / "leaderboard.md").read_text(encoding="utf-8")
    assert "sacrebleu-compatible (ties not extreme, float32 sums)" in markdown
    assert "sacrebleu-compatible" in (results / "toy" / "report.html").read_text(encoding="utf-8")

    from harness import leaderboard

    theirs = _cli(ref, paths, "-m", "ter", "--paired-ar", "--paired-ar-n", "400")
    board = leaderboard.collect(results / "toy")
    leaderboard.add_significance(board, stats.Options(test="ar", resamples=400, baseline="file-a.txt",
                                                      compat="sacrebleu"))
    for row, name in zip(theirs[1:], ["file-b.txt", "file-c.txt"]):
        assert leaderboard.pvalue(board, name, "file-a.txt", "TER") == row["TER"]["p_value"]
