"""One bad file is reported once and set aside; the run, the tables and the report go on."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import records
from harness.errors import HarnessError
from harness.metrics.sacrebleu import BLEU
from harness.publish import publish
from harness.records import SCORES, SEGMENTS, STATS, RunRecord, write_run
from harness.references import ReferenceSet, read_segments

REFS = ["a b c d", "e f", "g h i", "j k l m n", "o p"]
SYSTEMS = {"good": ["a b c d", "e f", "g h x", "j k l m n", "o p"], "poor": ["a", "e", "g h", "j", "o"],
           "third": ["a b", "e f", "g", "j k", "o p"]}


def _write_runs(results: Path, refs: list[str] = REFS) -> ReferenceSet:
    reference = ReferenceSet("toy", "de", "en", refs, refs, results / "s", results / "r")
    for name, hyps in SYSTEMS.items():
        result = BLEU().score(hyps, refs, refs)
        info = {"system": {"name": name}, "reference": {"content_hash": reference.content_hash},
                "metrics": {"bleu": result.summary()}}
        write_run(results / "toy" / name, reference, RunRecord(name, hyps, {"bleu": result}, info))
    return reference


def _publish(results: Path, reference: ReferenceSet):
    return publish(results / "toy", reference.content_hash, {"resamples": 50, "seed": 1})


@pytest.mark.parametrize(("line", "problem"), [("a\rb", "carriage return"), ("a\tb", "TAB")])
def test_reference_files_with_cr_or_tab_are_refused_naming_the_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "ref.en"
    path.write_bytes(f"ok\n{line}\n".encode())
    with pytest.raises(HarnessError, match=rf"ref.en:2: {problem}"):
        read_segments(path)


def test_a_stored_run_with_cr_in_a_segment_does_not_break_the_report(tmp_path: Path) -> None:
    refs = [*REFS[:2], "g h\ri", *REFS[3:]]  # written by an older version, before \r was refused
    reference = _write_runs(tmp_path, refs)
    _publish(tmp_path, reference)
    page = (tmp_path / "toy" / "report.html").read_text(encoding="utf-8")
    assert all(name in page for name in SYSTEMS)


def test_a_run_with_a_broken_segments_table_is_left_out_of_the_report_only(tmp_path: Path, capsys) -> None:
    reference = _write_runs(tmp_path)
    table = tmp_path / "toy" / "poor" / SEGMENTS
    table.write_text(table.read_text(encoding="utf-8").replace('"e f"\t', '"e"\t"f"\t', 1), encoding="utf-8")
    board = _publish(tmp_path, reference)
    assert list(board.scores.index) == ["good", "poor", "third"]
    page = (tmp_path / "toy" / "report.html").read_text(encoding="utf-8")
    assert '"systems":["good","third"]' in page
    err = capsys.readouterr().err
    assert err.count(f"{table}") == 1 and "poor left out of the report" in err


@pytest.mark.parametrize("junk", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_junk_stats_npz_is_reported_once_and_the_tables_go_on(tmp_path: Path, capsys, junk: bytes) -> None:
    reference = _write_runs(tmp_path)
    (tmp_path / "toy" / "poor" / STATS).write_bytes(junk)
    board = _publish(tmp_path, reference)
    assert ("good", "BLEU") in board.ci and ("poor", "BLEU") not in board.ci
    assert (tmp_path / "toy" / "report.html").exists() and (tmp_path / "toy" / "leaderboard.md").exists()
    assert capsys.readouterr().err.count(str(tmp_path / "toy" / "poor" / STATS)) == 1


@pytest.mark.parametrize("junk", ['[]', '{}', '{"system": {"name": "poor"}}', '{"oops": ',
                                  '{"system": {"name": "poor"}, "reference": {"content_hash": "x"}, '
                                  '"metrics": {"bleu": {"name": "BLEU", "score": "high"}}}'])
def test_malformed_scores_json_is_left_out_with_one_warning(tmp_path: Path, capsys, junk: str) -> None:
    reference = _write_runs(tmp_path)
    path = tmp_path / "toy" / "poor" / SCORES
    path.write_text(junk, encoding="utf-8")
    board = _publish(tmp_path, reference)
    assert list(board.scores.index) == ["good", "third"]
    err = capsys.readouterr().err
    assert err.count(str(path)) == 1 and "left out of the tables" in err
    assert records.read_scores(path.parent) is None
