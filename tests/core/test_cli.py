"""The command line as users run it: single runs, sweeps, tables, errors."""

from __future__ import annotations

import csv
import io
import re
import json
from pathlib import Path

import pytest
import sacrebleu


def test_single_run_writes_every_output(harness, read_scores, results: Path, sample) -> None:
    src, ref = sample
    out = harness("system=identity", "reference=sample_deen")
    assert out.returncode == 0, out.stderr
    run_dir = results / "sample_deen" / "identity"
    assert (run_dir / "hypotheses.en").read_text(encoding="utf-8").splitlines() == src

    scores = read_scores(run_dir)
    assert scores["reference"]["segments"] == 12 and scores["reference"]["content_hash"].startswith("sha256:")
    assert scores["system"]["config"]["_target_"] == "systems.identity.Identity"
    assert list(scores["metrics"]) == ["bleu", "chrf", "chrfpp", "ter"]
    assert scores["metrics"]["bleu"]["score"] == pytest.approx(sacrebleu.corpus_bleu(src, [ref]).score, abs=1e-12)
    assert scores["metrics"]["chrf"]["signature"] == "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:" + sacrebleu.__version__
    assert {"sacrebleu", "hydra-core", "python"} <= set(scores["versions"]) and scores["git_commit"]

    rows = list(csv.DictReader(io.StringIO((run_dir / "segments.tsv").read_text(encoding="utf-8")), delimiter="\t"))
    assert [r["src"] for r in rows] == src and [r["ref"] for r in rows] == ref
    assert float(rows[4]["BLEU"]) == pytest.approx(sacrebleu.sentence_bleu(src[4], [ref[4]]).score, abs=1e-6)
    assert "identity:" in out.stdout and "| identity" in out.stdout


def test_multirun_builds_one_table_with_a_row_per_system(harness, results: Path) -> None:
    out = harness("-m", "system=identity,reference", "metrics=[bleu,chrf]")
    assert out.returncode == 0, out.stderr
    board = results / "sample_deen"
    rows = list(csv.DictReader(io.StringIO((board / "leaderboard.csv").read_text(encoding="utf-8"))))
    assert [r["system"] for r in rows] == ["reference", "identity"]  # by score, best first
    assert float(rows[0]["BLEU"]) == pytest.approx(100) and float(rows[0]["chrF"]) == pytest.approx(100)
    assert rows[0]["best"] == "BLEU;chrF" and rows[1]["best"] == ""
    markdown = (board / "leaderboard.md").read_text(encoding="utf-8")
    assert re.search(r"^\| reference +\| \*\*100\.00\*\*.*\| \*\*100\.00\*\*", markdown, re.M)
    assert r"\textbf{100.00}" in (board / "leaderboard.tex").read_text(encoding="utf-8")
    # The table is printed once, after the sweep.
    assert len(re.findall(r"^\| reference ", out.stdout, re.M)) == 1


def test_metrics_choice(harness, read_scores, results: Path) -> None:
    assert harness("metrics=[chrf]").returncode == 0
    assert list(read_scores(results / "sample_deen" / "identity")["metrics"]) == ["chrf"]


def test_files_reference_needs_no_yaml(harness, read_scores, results: Path, tmp_path: Path) -> None:
    (tmp_path / "t.de").write_text("Guten Morgen, wie geht es Ihnen heute?\nVielen Dank für Ihre Hilfe.\n", encoding="utf-8")
    (tmp_path / "t.en").write_text("Good morning, how are you today?\nThank you very much for your help.\n", encoding="utf-8")
    out = harness("reference=files", f"reference.src={tmp_path / 't.de'}", f"reference.ref={tmp_path / 't.en'}",
                  "reference.src_lang=de", "reference.tgt_lang=en", "reference.name=adhoc", "system=reference")
    assert out.returncode == 0, out.stderr
    assert read_scores(results / "adhoc" / "reference")["metrics"]["bleu"]["score"] == pytest.approx(100.0)


def test_sweep_over_files_keeps_runs_apart_and_names_clash_clearly(harness, read_scores, results: Path, tmp_path: Path, sample) -> None:
    src, ref = sample
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("\n".join(ref) + "\n", encoding="utf-8")
    b.write_text("\n".join(src) + "\n", encoding="utf-8")
    out = harness("-m", "system=file", f"system.path={a},{b}", "metrics=[bleu]")
    assert out.returncode == 0, out.stderr
    assert read_scores(results / "sample_deen" / "file-a.txt")["metrics"]["bleu"]["score"] == pytest.approx(100.0)
    assert read_scores(results / "sample_deen" / "file-b.txt")["metrics"]["bleu"]["score"] < 5

    out = harness("system=file", f"system.path={b}", "system.name=file-a.txt", "metrics=[bleu]")
    assert out.returncode == 2
    assert "system name 'file-a.txt' already holds results of a different configuration (differs in: path)" in out.stderr
    assert "Traceback" not in out.stderr
    assert harness("system=file", f"system.path={b}", "system.name=file-a.txt", "metrics=[bleu]",
                   "overwrite=true").returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["system=nope"], "error: unknown system 'nope'; available: apertium, command, "),
        (["metrics=[bleu,blue]"], "error: unknown metrics 'blue'; available: bertscore, bleu, "),
        (["reference=nope"], "error: unknown reference 'nope'; available: "),
        (["system=file"], "error: missing value for system.path; set it on the command line: system.path=..."),
        (["system=file", "system.path=/no/such/file.txt"], "error: hypothesis file not found: /no/such/file.txt"),
        (["chunk_size=0"], "error: chunk_size must be a whole number of at least 1, got 0"),
        (["chunk_size=abc"], "error: chunk_size must be a whole number of at least 1, got 'abc'"),
        (["overwrite=maybe"], "error: overwrite must be true or false, got 'maybe'"),
        (["metrics.bleu.tokenize=nope"], "error: bad configuration of metrics.bleu: unknown value 'nope'"),
        (["+metrics.chrf.colour=red"], "error: bad configuration of metrics.chrf: CHRF.__init__() got an unexpected keyword argument 'colour'"),
        (["system=command", "system.command=cat", "system.timeout=soon"], "error: bad configuration of system: could not convert string to float: 'soon'"),
        (["system=command", "system.command=exit 7"], "error: system 'command': command exited with 7: exit 7"),
        (["reference=files"], "error: reference set is missing name, src_lang, tgt_lang, src, ref"),
    ],
)
def test_user_errors_are_one_line(harness, args: list[str], message: str) -> None:
    out = harness(*args)
    assert out.returncode == 2
    lines = [line for line in out.stderr.strip().splitlines() if not line.startswith("note: ")]
    assert len(lines) == 1 and lines[0].startswith(message), out.stderr
    assert "Traceback" not in out.stderr


def test_report_regenerates_tables(harness, report, results: Path) -> None:
    assert harness("-m", "system=identity,reference", "metrics=[bleu]").returncode == 0
    table = results / "sample_deen" / "leaderboard.md"
    before = table.read_text(encoding="utf-8")
    table.unlink()
    out = report("reference=sample_deen", f"results_dir={results}")
    assert out.returncode == 0, out.stderr
    assert table.read_text(encoding="utf-8") == before
    assert re.search(r"^\| reference +\| \*\*100\.00\*\*", out.stdout, re.M)


def test_results_on_another_version_of_the_reference_are_left_out(harness, results: Path) -> None:
    assert harness("system=identity", "metrics=[bleu]").returncode == 0
    scores_path = results / "sample_deen" / "identity" / "scores.json"
    scores = json.loads(scores_path.read_text())
    scores["reference"]["content_hash"] = "sha256:stale"
    scores_path.write_text(json.dumps(scores))
    assert harness("system=reference", "metrics=[bleu]").returncode == 0
    markdown = (results / "sample_deen" / "leaderboard.md").read_text(encoding="utf-8")
    assert "| identity" not in markdown and "left out (run on another version of the reference set): identity" in markdown

