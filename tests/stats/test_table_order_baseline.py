"""Issue 14, points 4 and 6: the baseline is explicit and stable (the first system run, kept beside the
tables, unless report.baseline names one); rows are ordered by score; decimals follow the metric, not the
values (BLEU 0.55 keeps 2 decimals); a sweep over two reference sets prints a table for each."""

from __future__ import annotations

import json
from pathlib import Path

import sacrebleu

from harness import leaderboard
from harness.metrics.sacrebleu import BLEU
from harness.records import RunRecord, write_run
from harness.references import ReferenceSet

ROOT = Path(__file__).resolve().parents[2]
SRC = (ROOT / "references" / "sample_deen" / "aligned.de").read_text(encoding="utf-8").splitlines()
REF = (ROOT / "references" / "sample_deen" / "aligned.en").read_text(encoding="utf-8").splitlines()
OPTIONS = {"resamples": 200, "seed": 3}


def _run(directory: Path, reference: ReferenceSet, name: str, hyps: list[str], created: str) -> None:
    result = BLEU().score(hyps, REF, SRC)
    info = {"system": {"name": name}, "reference": {"content_hash": reference.content_hash, "tgt_lang": "en"},
            "metrics": {"bleu": {**result.summary(), "segment_mean": False}}, "created": created}
    write_run(directory / name, reference, RunRecord(name, hyps, {"bleu": result}, info))


def _rows(directory: Path) -> list[str]:
    lines = (directory / "leaderboard.md").read_text(encoding="utf-8").splitlines()
    return [line.split("|")[1].strip() for line in lines[2:] if line.startswith("| ")]


def test_first_run_is_the_baseline_and_stays_it(tmp_path: Path) -> None:
    reference = ReferenceSet("toy", "de", "en", SRC, REF, tmp_path / "s", tmp_path / "r")
    toy = tmp_path / "toy"
    half = [" ".join(r.split()[: len(r.split()) // 2]) for r in REF]
    _run(toy, reference, "zeta", half, "2026-01-01T00:00:00+00:00")
    _run(toy, reference, "mid", SRC, "2026-01-02T00:00:00+00:00")
    board = leaderboard.write(toy, reference.content_hash, OPTIONS)
    assert board.baseline == "zeta"
    assert json.loads((toy / "baseline.json").read_text(encoding="utf-8"))["system"] == "zeta"

    # Runs added later (one of them first in alphabetical order, one better) do not move it.
    _run(toy, reference, "alpha", REF, "2026-01-03T00:00:00+00:00")
    _run(toy, reference, "aaa", SRC[:6] + REF[6:], "2026-01-04T00:00:00+00:00")
    board = leaderboard.write(toy, reference.content_hash, OPTIONS)
    assert board.baseline == "zeta"
    scores = {name: sacrebleu.corpus_bleu(h, [REF]).score
              for name, h in {"zeta": half, "mid": SRC, "alpha": REF, "aaa": SRC[:6] + REF[6:]}.items()}
    assert list(board.scores.index) == sorted(scores, key=lambda s: -scores[s])  # by BLEU, best first
    assert _rows(toy) == ["alpha", "aaa", "zeta (baseline)", "mid"]
    md = (toy / "leaderboard.md").read_text(encoding="utf-8")
    assert ("against baseline zeta (the first system run here, kept in baseline.json; "
            "report.baseline=NAME to choose another); * p < 0.05") in md
    assert {key[1] for key in board.pvalues} == {"zeta"}

    # A named baseline is used and said to be named; the stored one is kept for later tables.
    board = leaderboard.write(toy, reference.content_hash, {**OPTIONS, "baseline": "mid"})
    assert board.baseline == "mid" and "against baseline mid (named by report.baseline)" in \
        (toy / "leaderboard.md").read_text(encoding="utf-8")
    assert leaderboard.write(toy, reference.content_hash, OPTIONS).baseline == "zeta"


def test_decimals_follow_the_metric_not_the_values(tmp_path: Path) -> None:
    reference = ReferenceSet("toy", "de", "en", SRC, REF, tmp_path / "s", tmp_path / "r")
    _run(tmp_path / "toy", reference, "identity", SRC, "2026-01-01T00:00:00+00:00")
    leaderboard.write(tmp_path / "toy", reference.content_hash, OPTIONS)
    row = (tmp_path / "toy" / "leaderboard.md").read_text(encoding="utf-8").splitlines()[2]
    score = sacrebleu.corpus_bleu(SRC, [REF]).score
    assert score < 1.5 and f"**{score:.2f}** ± " in row and f"{score:.4f}" not in row


def test_sweep_over_two_reference_sets_prints_both_tables(tmp_path: Path) -> None:
    from tests.core.conftest import run_module

    (tmp_path / "t.de").write_text("\n".join(SRC[:4]) + "\n", encoding="utf-8")
    (tmp_path / "t.en").write_text("\n".join(REF[:4]) + "\n", encoding="utf-8")
    conf = tmp_path / "conf" / "reference"
    conf.mkdir(parents=True)
    (conf / "four.yaml").write_text(f"name: four\nsrc_lang: de\ntgt_lang: en\nsrc: {tmp_path / 't.de'}\n"
                                    f"ref: {tmp_path / 't.en'}\n", encoding="utf-8")
    out = run_module("harness", "-m", "reference=sample_deen,four", "system=identity,reference", "metrics=[bleu]",
                     f"results_dir={tmp_path / 'results'}", f"hydra.searchpath=[file://{tmp_path / 'conf'}]")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("| system") == 2
    first, second = out.stdout.index("Reference set sample_deen:"), out.stdout.index("Reference set four:")
    four = sacrebleu.corpus_bleu(SRC[:4], [REF[:4]]).score
    assert f"{four:.2f}" in out.stdout[second:] and f"{four:.2f}" not in out.stdout[first:second]


def test_a_sweep_takes_its_first_job_as_baseline_whichever_finished_first(tmp_path: Path) -> None:
    """In a parallel or SLURM sweep job 1 may finish before job 0; the baseline is still job 0's system,
    as in a serial sweep, so the tables of both launchers are the same."""
    from harness import sweep

    reference = ReferenceSet("toy", "de", "en", SRC, REF, tmp_path / "s", tmp_path / "r")
    toy = tmp_path / "results" / "toy"
    half = [" ".join(r.split()[: len(r.split()) // 2]) for r in REF]
    _run(toy, reference, "second", SRC, "2026-01-01T00:00:00+00:00")  # job 1 finished first
    _run(toy, reference, "first", half, "2026-01-01T00:00:05+00:00")  # job 0
    sweep_dir = tmp_path / "multirun"
    for job, name in ((1, "second"), (0, "first")):
        (sweep_dir / str(job)).mkdir(parents=True)
        outcome = {"job": job, "status": "finished", "run_dir": str(toy / name), "reference_dir": str(toy),
                   "content_hash": reference.content_hash, "report": OPTIONS, "overrides": [f"system={name}"]}
        (sweep_dir / str(job) / "outcome.json").write_text(json.dumps(outcome), encoding="utf-8")
    boards = []
    sweep.finish(sweep_dir, lambda d, h, o: boards.append(leaderboard.write(d, h, o)), lambda d: None)
    assert [b.baseline for b in boards] == ["first"]
    assert json.loads((toy / "baseline.json").read_text(encoding="utf-8"))["system"] == "first"
    # without the sweep's order the earlier run would have been chosen
    (toy / "baseline.json").unlink()
    assert leaderboard.write(toy, reference.content_hash, OPTIONS).baseline == "second"
