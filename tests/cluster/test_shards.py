"""One reference set translated as shards (``shard=i/N``), scored once when all are in; a lost shard's
re-run sends only what it had not committed. Real sweeps: the local launcher, and the one-node SLURM
cluster when it runs (``.ci/slurm start``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cluster.test_slurm_sweep import _same_run_files, _slurm_conf

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SOURCES = (PROJECT_ROOT / "references" / "sample_deen" / "aligned.de").read_text(encoding="utf-8").splitlines()
TRANSLATOR = """\
import os, sys
lines = sys.stdin.read().splitlines()
if os.path.exists({marker!r}) and any(line == {trigger!r} for line in lines):
    sys.exit("lost: the node went down")
with open({log!r}, "a", encoding="utf-8") as log:
    log.write("".join(line + "\\n" for line in lines))
sys.stdout.write("".join(line.upper() + "\\n" for line in lines))
"""


def _translator(tmp_path: Path) -> tuple[Path, Path]:
    """A command system that logs every segment it is sent and fails on segment 7 while ``marker`` exists."""
    marker, log = tmp_path / "fail-on-7", tmp_path / "sent.log"
    script = tmp_path / "translate.py"
    script.write_text(TRANSLATOR.format(marker=str(marker), trigger=SOURCES[6], log=str(log)), encoding="utf-8")
    return script, marker


def _harness(tmp_path: Path, results: str, cache: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    script = tmp_path / "translate.py"
    path = os.pathsep.join(p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH")) if p)
    full_env = {**os.environ, **(env or {}), "MT_HARNESS_CACHE": str(tmp_path / cache), "PYTHONPATH": path,
                "PYTHONUNBUFFERED": "1"}
    return subprocess.run([sys.executable, "-m", "harness", *args, "system=command",
                           f"system.command={sys.executable} {script}", "system.name=upper", "reference=sample_deen",
                           "metrics=[bleu,chrf]", "chunk_size=2", f"results_dir={tmp_path / results}"],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, env=full_env)


def _sent(tmp_path: Path) -> list[str]:
    log = tmp_path / "sent.log"
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    log.unlink(missing_ok=True)
    return lines


def _sharded_sweep_is_scored_once(tmp_path: Path, *launcher: str, env: dict[str, str] | None = None) -> list[dict]:
    _, marker = _translator(tmp_path)
    whole = _harness(tmp_path, "whole", "cache-whole", "-m", *launcher, env=env)  # the same sweep, unsharded
    assert whole.returncode == 0, whole.stderr
    assert sorted(_sent(tmp_path)) == sorted(SOURCES)

    # Shard 1/3 (segments 5-8) is lost at its second chunk (segments 7-8): the others finish, nothing is scored.
    marker.touch()
    shards = ("-m", "shard=0/3,1/3,2/3", *launcher)
    first = _harness(tmp_path, "sharded", "cache", *shards, env=env)
    assert first.returncode == 2, first.stderr
    assert "sweep: 1 of 3 jobs failed (the others finished):\n  #1" in first.stderr
    assert "shards: -m" not in first.stderr and "shards: system=command" in first.stderr and "not scored, shard(s) 1/3 did not finish" in first.stderr
    assert not (tmp_path / "sharded" / "sample_deen" / "upper").exists()
    sent_first = _sent(tmp_path)
    assert sorted(sent_first) == sorted(SOURCES[:6] + SOURCES[8:])  # shard 1/3 committed segments 5-6

    # The same sweep again: only the lost part (segments 7-8) goes to the system, then one scoring run.
    marker.unlink()
    again = _harness(tmp_path, "sharded", "cache", *shards, env=env)
    assert again.returncode == 0, again.stderr
    assert _sent(tmp_path) == SOURCES[6:8]
    assert again.stdout.count("shards: all 3 shards in for system=command") == 1
    board = tmp_path / "sharded" / "sample_deen"
    _same_run_files(tmp_path / "whole" / "sample_deen" / "upper", board / "upper")
    for table in ("leaderboard.md", "leaderboard.csv", "leaderboard.tex", "report.html"):
        assert (tmp_path / "whole" / "sample_deen" / table).read_bytes() == (board / table).read_bytes(), table
    assert again.stdout.count(f"Tables: {board}/leaderboard.") == 1
    sweeps = sorted((tmp_path / "sharded" / ".multirun").iterdir())
    outcomes = [json.loads(p.read_text()) for p in sorted(sweeps[-1].glob("*/outcome.json"))]
    assert [(o["shard"]["start"], o["shard"]["end"], o["shard"]["sent"]) for o in outcomes] == [(0, 4, 0), (4, 8, 2), (8, 12, 0)]
    return outcomes


def test_sharded_local_sweep_is_scored_once_and_a_lost_shard_reruns_cheaply(tmp_path: Path) -> None:
    _sharded_sweep_is_scored_once(tmp_path)


def test_sharded_slurm_sweep(tmp_path: Path) -> None:
    conf = _slurm_conf()
    outcomes = _sharded_sweep_is_scored_once(
        tmp_path, "hydra/launcher=slurm", "hydra.launcher.cpus_per_task=1", "hydra.launcher.mem_gb=1",
        "hydra.launcher.timeout_min=10", env={"SLURM_CONF": str(conf)})
    assert all(o.get("slurm_job_id") and o["caches"] for o in outcomes)  # array jobs, each its own cache file


def test_a_shard_needs_the_cache_and_a_valid_index(tmp_path: Path) -> None:
    from harness import shards
    from harness.errors import HarnessError

    assert shards.parse(None) is None and shards.parse("0/1") is None
    assert [shards.parse(f"{i}/3").bounds(10) for i in range(3)] == [(0, 3), (3, 6), (6, 10)]
    for bad in ("3/3", "1", "a/b", "-1/2"):
        with pytest.raises(HarnessError, match=r"^shard must be i/N with 0 <= i < N"):
            shards.parse(bad)
    _translator(tmp_path)
    out = _harness(tmp_path, "r", "cache", "shard=0/2", "system.cache=false")
    assert out.returncode == 2
    assert out.stderr.strip().splitlines()[-1] == ("error: shard=0/2 needs the translation cache (system.cache=false); "
                                                   "run it without shard")
    single = _harness(tmp_path, "r", "cache", "shard=1/2")  # a single run translates its part only
    assert single.returncode == 0, single.stderr
    assert _sent(tmp_path) == SOURCES[6:] and not (tmp_path / "r" / "sample_deen" / "upper").exists()


def test_shard_outcomes_are_grouped_per_system_and_scored_once() -> None:
    """Pure grouping: a system is scored when its N shards finished, named when one is missing; a job
    with a bad shard value failed on it and is left to the failure summary."""
    from harness.shards import score_complete

    def job(num: int, shard: str, system: str, status: str = "finished") -> dict:
        return {"job": num, "overrides": [f"system={system}", f"shard={shard}"], "status": status}

    scored_with: list[list[str]] = []
    finished = [job(0, "0/2", "a"), job(1, "1/2", "a"), job(2, "0/2", "b"), job(9, "x", "c"),
                {"job": 4, "overrides": ["system=d"], "status": "finished"}]
    failed = [job(3, "1/2", "b", "failed"), job(8, "7/2", "c", "failed")]
    scored, notes = score_complete(finished, failed, lambda o: scored_with.append(o) or {"run_dir": "r"})
    assert scored_with == [["system=a"]]
    assert scored == [{"job": 0, "overrides": ["system=a"], "scored_shards": 2, "status": "finished", "run_dir": "r"}]
    assert notes == ["system=b: not scored, shard(s) 1/2 did not finish; run the sweep again "
                     "(the finished parts come from the cache)"]


def test_a_shard_translates_the_limited_part_and_refuses_unit_runs(tmp_path: Path) -> None:
    """With limit=N (issue 14 point 17) a shard splits the N segments the run scores; a paragraph or
    document run (issue 12) sends whole units, which sentence shards would not have in the cache."""
    _translator(tmp_path)
    limited = _harness(tmp_path, "r", "cache", "shard=1/2", "limit=6")
    assert limited.returncode == 0, limited.stderr
    assert _sent(tmp_path) == SOURCES[3:6]
    for unit in ("unit=paragraph", "unit=document"):
        out = _harness(tmp_path, "r", "cache", "shard=0/2", unit)
        assert out.returncode == 2
        assert "error: shard=0/2 translates sentence by sentence; a unit=" in out.stderr.strip().splitlines()[-1]
    assert _sent(tmp_path) == []
