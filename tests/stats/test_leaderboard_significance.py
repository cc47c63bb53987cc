"""The user's path: a multirun's leaderboard shows CIs and p-values; the report command does every mode."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from harness import leaderboard, stats


@pytest.fixture(scope="module")
def evaluated(close_corpus, save_corpus, module_runner, tmp_path_factory) -> tuple[Path, list[str], list[Path], Path]:
    """One real multirun over three hypothesis files; returns (results dir, reference args, files, ref)."""
    directory = tmp_path_factory.mktemp("significance")
    ref, paths = save_corpus(close_corpus, directory)
    reference = ["reference=files", f"reference.src={ref}", f"reference.ref={ref}", "reference.src_lang=de",
                 "reference.tgt_lang=en", "reference.name=synthetic"]
    results = directory / "results"
    proc = module_runner("harness", "-m", "system=file", "system.path=" + ",".join(map(str, paths)), *reference,
                         "metrics=[bleu,chrf]", f"results_dir={results}")
    assert proc.returncode == 0, proc.stderr
    return results, reference, paths, ref


def test_multirun_leaderboard_matches_sacrebleu(evaluated, sacrebleu_cli) -> None:
    results, _, paths, ref = evaluated
    theirs = sacrebleu_cli(ref, paths, "-m", "bleu", "chrf", "--paired-bs")
    board_dir = results / "synthetic"
    markdown = (board_dir / "leaderboard.md").read_text(encoding="utf-8")
    names = [f"file-{p.name}" for p in paths]
    for row, name in zip(theirs, names):
        for metric, key in (("BLEU", "BLEU"), ("chrF", "chrF2")):
            cell = f"{row[key]['score']:.2f}"
            best = max(r[key]["score"] for r in theirs)
            cell = f"**{cell}**" if row[key]["score"] == best else cell
            cell += f" ± {row[key]['ci']:.2f}"
            if row[key]["p_value"] is not None:
                cell += f" (p={row[key]['p_value']:.4f})" + ("*" if row[key]["p_value"] < 0.05 else "")
            assert cell in markdown
    assert f"| {names[0]} (baseline) |" in markdown
    assert ("paired bootstrap resampling, 1000 resamples, against baseline file-a.txt (the first system run here, "
            "kept in baseline.json; report.baseline=NAME to choose another); * p < 0.05") in markdown

    listed = list(csv.DictReader(io.StringIO((board_dir / "leaderboard.csv").read_text(encoding="utf-8"))))
    by_bleu = sorted(names, key=lambda n: -theirs[names.index(n)]["BLEU"]["score"])
    assert [r["system"] for r in listed] == by_bleu  # rows by score, best first
    rows = sorted(listed, key=lambda r: names.index(r["system"]))  # in sacrebleu's order
    assert [r["baseline"] for r in rows] == ["True", "False", "False"]
    assert rows[0]["BLEU p"] == "" and float(rows[2]["chrF p"]) == pytest.approx(theirs[2]["chrF2"]["p_value"], abs=1e-4)
    board = leaderboard.collect(board_dir)
    leaderboard.add_significance(board, stats.Options())
    for row, name in zip(theirs, names):
        assert board.halfwidths[(name, "BLEU")] == row["BLEU"]["ci"]  # exactly, from stats.npz alone
        assert board.means[(name, "chrF")] == row["chrF2"]["mean"]
    low, high = board.ci[(names[1], "BLEU")]
    assert float(rows[1]["BLEU ci_low"]) == pytest.approx(low, abs=1e-4) and low < board.scores.loc[names[1], "BLEU"] < high
    tex = (board_dir / "leaderboard.tex").read_text(encoding="utf-8")
    assert r"$\pm$" in tex and "file-a.txt (baseline)" in tex.replace(r"\_", "_")


def test_report_all_pairs_with_holm_and_ar(evaluated, sacrebleu_cli, module_runner) -> None:
    results, reference, paths, ref = evaluated
    proc = module_runner("harness.report", *reference, f"results_dir={results}", "report.pairs=all",
                         "report.correction=holm", "report.test=ar", "report.resamples=2000")
    assert proc.returncode == 0, proc.stderr
    board = leaderboard.collect(results / "synthetic")
    leaderboard.add_significance(board, stats.Options(pairs="all", correction="holm", test="ar", resamples=2000))
    names = [f"file-{p.name}" for p in paths]
    # Pairs against a: sacrebleu's AR p-values, before correction.
    theirs = sacrebleu_cli(ref, paths, "-m", "bleu", "--paired-ar", "--paired-ar-n", "2000")
    raw = [theirs[1]["BLEU"]["p_value"], theirs[2]["BLEU"]["p_value"]]
    matrix = leaderboard.pvalue_matrix(board, "BLEU")
    pairs = [(names[0], names[1]), (names[0], names[2]), (names[1], names[2])]
    b_vs_c = stats.compare(names[1:], {"BLEU": _series(board, "BLEU", names[1:])},
                           stats.Options(test="ar", resamples=2000)).pvalues[(names[2], names[1], "BLEU")]
    expected = stats.holm(raw + [b_vs_c])
    assert [matrix.loc[a, b] for a, b in pairs] == expected
    assert [matrix.loc[b, a] for a, b in pairs] == expected
    markdown = (results / "synthetic" / "leaderboard.md").read_text(encoding="utf-8")
    assert "p-values, BLEU:" in markdown and "p-values, chrF:" in markdown
    assert f"{expected[0]:.4f}" in markdown
    assert "paired approximate randomization, 2000 trials, for every pair of systems; Holm-corrected per metric" in markdown
    assert proc.stdout.startswith(markdown.rstrip().splitlines()[0])
    header = (results / "synthetic" / "leaderboard.csv").read_text(encoding="utf-8").splitlines()[0]
    assert f"BLEU p vs {names[2]}" in header


def _series(board, metric: str, names: list[str]):
    from harness.metrics.sacrebleu import BLEU
    from harness.records import read_stats

    rows = {n: read_stats(board.runs[n])["bleu.stats"] for n in names}
    return stats.MetricSeries(metric, BLEU().aggregate_many, rows, float32=True)


def test_seed_follows_sacrebleu_seed_environment(evaluated, sacrebleu_cli, module_runner, monkeypatch) -> None:
    results, reference, paths, ref = evaluated
    monkeypatch.setenv("SACREBLEU_SEED", "99")
    proc = module_runner("harness.report", *reference, f"results_dir={results}")
    assert proc.returncode == 0, proc.stderr
    theirs = sacrebleu_cli(ref, paths, "-m", "bleu", "--paired-bs", seed=99)
    assert f"± {theirs[1]['BLEU']['ci']:.2f} (p={theirs[1]['BLEU']['p_value']:.4f})" in proc.stdout
    assert "(1000 resamples, seed 99)" in proc.stdout


def test_bad_report_option_is_one_line(evaluated, module_runner) -> None:
    results, reference, _, _ = evaluated
    proc = module_runner("harness.report", *reference, f"results_dir={results}", "report.test=t")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: report.test='t'; choose one of: bs, ar"
