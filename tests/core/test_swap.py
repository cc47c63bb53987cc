"""The run directory swap: a kill at any instant leaves a whole run, leftovers are recovered or cleaned at
start-up, and the name-collision check and the swap happen under one lock (no two jobs replace each other)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from harness import leaderboard, swap
from harness.errors import HarnessError
from harness.evaluate import check_collision
from harness.metrics.sacrebleu import BLEU
from harness.records import SCORES, RunRecord, read_scores, write_run
from harness.references import ReferenceSet

REFS = ["a b c", "d e", "f g h"]
REFERENCE = ReferenceSet("toy", "de", "en", REFS, REFS, Path("s"), Path("r"))


def _record(version: str, config: dict | None = None) -> RunRecord:
    hyps = [f"{r} {version}" for r in REFS]
    result = BLEU().score(hyps, REFS, REFS)
    info = {"system": {"name": "sys", "config": config or {"version": version}},
            "reference": {"content_hash": REFERENCE.content_hash}, "metrics": {"bleu": result.summary()}}
    return RunRecord("sys", hyps, {"bleu": result}, info)


def _version(run_dir: Path) -> str:
    return (run_dir / "hypotheses.en").read_text(encoding="utf-8").split()[-1]


def _hidden(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(".") and p.name != ".lock")


_KILLED_WRITER = """
import os, signal, shutil, sys
from pathlib import Path
from harness import swap
from tests.core.test_swap import REFERENCE, _record
from harness.records import write_run

run_dir, mode = Path(sys.argv[1]), sys.argv[2]
if mode == "renames":  # a system without an atomic exchange: killed between its two renames
    swap._RENAMEAT2 = None
    real = os.replace
    def replace(src, dst):
        if Path(src).name.startswith(swap.STAGE_PREFIX):
            os.kill(os.getpid(), signal.SIGKILL)
        real(src, dst)
    swap.os.replace = replace
else:  # killed right after the exchange, before the old run is removed
    swap.shutil.rmtree = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
write_run(run_dir, REFERENCE, _record("v2"))
"""


def _kill_mid_swap(run_dir: Path, mode: str) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2]), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(run_dir), mode], env=env, timeout=120,
                          capture_output=True, text=True)
    assert proc.returncode == -9, proc.stderr


def test_a_kill_between_the_two_renames_is_recovered_at_start_up(tmp_path: Path) -> None:
    run_dir = tmp_path / "toy" / "sys"
    write_run(run_dir, REFERENCE, _record("v1"))
    _kill_mid_swap(run_dir, "renames")
    assert not run_dir.exists() and [n for n in _hidden(run_dir.parent) if n.startswith(".old-sys-")]
    board = leaderboard.write(run_dir.parent, REFERENCE.content_hash)  # the next report or run starts here
    assert _version(run_dir) == "v1" and board.scores.index.tolist() == ["sys"]
    assert _hidden(run_dir.parent) == []


def test_a_kill_after_the_exchange_leaves_the_new_run_and_the_leftover_is_cleaned(tmp_path: Path) -> None:
    if swap._RENAMEAT2 is None:
        pytest.skip("no renameat2 here")
    run_dir = tmp_path / "toy" / "sys"
    write_run(run_dir, REFERENCE, _record("v1"))
    _kill_mid_swap(run_dir, "exchange")
    assert _version(run_dir) == "v2" and read_scores(run_dir) is not None
    write_run(run_dir, REFERENCE, _record("v3"))
    assert _version(run_dir) == "v3" and _hidden(run_dir.parent) == []


def test_the_run_directory_is_never_missing_while_runs_are_replaced(tmp_path: Path) -> None:
    if swap._RENAMEAT2 is None:
        pytest.skip("no renameat2 here")
    run_dir = tmp_path / "toy" / "sys"
    write_run(run_dir, REFERENCE, _record("v0"))
    done, missing = threading.Event(), []

    def watch() -> None:
        while not done.is_set():
            if not (run_dir / SCORES).exists():
                missing.append(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for i in range(40):
            write_run(run_dir, REFERENCE, _record(f"v{i}"))
    finally:
        done.set()
        watcher.join()
    assert not missing


def test_stale_stages_and_temp_files_are_removed_at_start_up(tmp_path: Path) -> None:
    reference_dir = tmp_path / "toy"
    write_run(reference_dir / "sys", REFERENCE, _record("v1"))
    (reference_dir / ".tmp-sys-abc123").mkdir()
    (reference_dir / ".tmp-sys-abc123" / SCORES).write_text("{}")
    (reference_dir / ".tmp.leaderboard.md.xyz").write_text("half")
    (reference_dir / ".old-sys-999").mkdir()  # the run itself is in place: this copy is stale
    leaderboard.write(reference_dir, REFERENCE.content_hash)
    assert _hidden(reference_dir) == [] and _version(reference_dir / "sys") == "v1"


def test_the_collision_check_is_repeated_under_the_lock(tmp_path: Path) -> None:
    """Two jobs both pass the early check while no run exists; the second to write is refused."""
    run_dir = tmp_path / "toy" / "sys"
    mine, theirs = {"command": "cat"}, {"command": "tac"}
    check_collision(run_dir, mine, False)
    check_collision(run_dir, theirs, False)
    write_run(run_dir, REFERENCE, _record("v1", mine), check=lambda: check_collision(run_dir, mine, False))
    with pytest.raises(HarnessError, match="different configuration"):
        write_run(run_dir, REFERENCE, _record("v2", theirs), check=lambda: check_collision(run_dir, theirs, False))
    assert _version(run_dir) == "v1" and _hidden(run_dir.parent) == []


def _write_many(args: tuple[str, int]) -> None:
    run_dir, worker = Path(args[0]), args[1]
    for i in range(8):
        write_run(run_dir, REFERENCE, _record(f"w{worker}i{i}"))


def test_forced_race_of_writers_ends_whole_without_leftovers(tmp_path: Path) -> None:
    run_dir = tmp_path / "toy" / "sys"
    with ProcessPoolExecutor(4) as pool:
        list(pool.map(_write_many, [(str(run_dir), w) for w in range(4)]))
    assert _version(run_dir).startswith("w") and read_scores(run_dir) is not None
    assert _hidden(run_dir.parent) == []


def test_concurrent_runs_with_one_name_and_different_commands(harness, results: Path) -> None:
    """The README's promise: a second configuration under a name is refused, also when both start at once."""
    def run(command: str, out: list) -> None:
        out.append(harness("system=command", f"system.command='sleep 2; {command}'", "system.name=same",
                           "metrics=[bleu]"))

    outs: list = []
    threads = [threading.Thread(target=run, args=(c, outs)) for c in ("cat", "cat -u")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    codes = sorted(o.returncode for o in outs)
    assert codes == [0, 2], [o.stderr for o in outs]
    refused = next(o for o in outs if o.returncode == 2)
    assert "already holds results of a different configuration" in refused.stderr
    assert _hidden(results / "sample_deen") == []


def test_a_run_is_readable_by_others_as_the_umask_allows(tmp_path: Path) -> None:
    """mkdtemp makes 0700 directories and mkstemp 0600 files: the swapped-in run must not keep that."""
    old = os.umask(0o022)
    try:
        run_dir = tmp_path / "toy" / "sys"
        write_run(run_dir, REFERENCE, _record("v1"))
        write_run(run_dir, REFERENCE, _record("v2"))
    finally:
        os.umask(old)
    assert run_dir.stat().st_mode & 0o777 == 0o755
    assert {p.stat().st_mode & 0o777 for p in run_dir.iterdir()} == {0o644}
