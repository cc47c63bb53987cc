"""A run that dies, at any point, never leaves a half-written result or table."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness import atomic, leaderboard, records


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def test_killed_run_leaves_previous_results_intact(harness, results: Path, tmp_path: Path) -> None:
    assert harness("-m", "system=identity,reference", "metrics=[bleu]").returncode == 0
    board = results / "sample_deen"
    before = _snapshot(board)
    pidfile = tmp_path / "translator.pid"
    command = f"echo $$ > {pidfile}; cat; exec sleep 60"
    proc = subprocess.Popen(
        [sys.executable, "-m", "harness", "system=command", f"system.command='{command}'", "system.name=identity",
         "overwrite=true", "metrics=[bleu]", f"results_dir={results}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not pidfile.exists() or not pidfile.read_text().strip():
            assert time.monotonic() < deadline and proc.poll() is None, "translator never started"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if pidfile.exists() and pidfile.read_text().strip():
            try:
                os.killpg(int(pidfile.read_text()), signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert _snapshot(board) == before


def test_crash_while_replacing_a_table_keeps_the_old_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "leaderboard.csv"
    target.write_text("old,table\n")
    real_replace = os.replace

    def dying_replace(src, dst):
        if Path(dst) == target:
            raise KeyboardInterrupt  # the process is interrupted between writing and renaming
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_text(target, "new,table\n")
    assert target.read_text() == "old,table\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["leaderboard.csv"]


def test_crash_while_writing_a_run_keeps_the_previous_run(harness, results: Path, monkeypatch) -> None:
    assert harness("system=identity", "metrics=[bleu]").returncode == 0
    board = results / "sample_deen"
    before = _snapshot(board)

    def dying_json(path, obj):
        raise KeyboardInterrupt

    monkeypatch.setattr(records.atomic, "write_json", dying_json)
    record = records.RunRecord("identity", ["changed"] * 12, {}, {})
    from harness.references import load_reference

    reference = load_reference({"name": "sample_deen", "src_lang": "de", "tgt_lang": "en",
                                "src": "references/sample_deen/aligned.de", "ref": "references/sample_deen/aligned.en"})
    with pytest.raises(KeyboardInterrupt):
        records.write_run(board / "identity", reference, record)
    assert _snapshot(board) == before
    assert not [p for p in board.iterdir() if p.name.startswith(".tmp")]
    assert leaderboard.collect(board).scores.index.tolist() == ["identity"]
