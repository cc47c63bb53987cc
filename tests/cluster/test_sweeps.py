"""Sweeps on one machine: a failed job does not stop the others, the parallel launcher gives the same
results, tables are written once at the end, a launcher whose plugin is missing names the extra."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _harness(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONUNBUFFERED": "1",
           "PYTHONPATH": os.pathsep.join(p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH")) if p)}
    return subprocess.run([sys.executable, "-m", "harness", *args, "reference=sample_deen", "metrics=[bleu,chrf]",
                           f"results_dir={tmp_path / 'results'}"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=300, env=env)


def test_failed_job_does_not_stop_the_sweep_and_is_named(tmp_path: Path) -> None:
    good = tmp_path / "good.en"
    good.write_bytes((PROJECT_ROOT / "references" / "sample_deen" / "aligned.en").read_bytes())
    out = _harness(tmp_path, "-m", "system=file", f"system.path={tmp_path / 'missing.en'},{good}")
    assert out.returncode == 2  # the only failure is a user error
    assert f"sweep: 1 of 2 jobs failed (the others finished):\n  #0 system=file system.path={tmp_path / 'missing.en'}" \
           in out.stderr
    assert out.stderr.rstrip().endswith(f"hypothesis file not found: {tmp_path / 'missing.en'}")
    assert "Traceback" not in out.stderr
    board = tmp_path / "results" / "sample_deen"
    assert (board / "file-good.en" / "scores.json").exists() and (board / "report.html").exists()
    assert out.stdout.count(f"Tables: {board}/leaderboard.") == 1


def test_local_parallel_gives_the_local_results(tmp_path: Path) -> None:
    """Both ways of starting the workers: forked from the launching process (Linux) and loky's."""
    pytest.importorskip("hydra_plugins.hydra_joblib_launcher")
    serial = _harness(tmp_path / "a", "-m", "system=identity,reference")
    assert serial.returncode == 0, serial.stderr
    fork = "Forking 2 worker processes for 2 jobs" if sys.platform.startswith("linux") else "Workers started by loky"
    for start, says in (("fork", fork), ("loky", "Joblib.Parallel(n_jobs=2")):
        parallel = _harness(tmp_path / start, "-m", "hydra/launcher=local_parallel", "hydra.launcher.n_jobs=2",
                            f"hydra.launcher.start_method={start}", "system=identity,reference")
        assert parallel.returncode == 0, parallel.stderr
        for name in ("leaderboard.md", "leaderboard.csv", "report.html"):
            a = (tmp_path / "a" / "results" / "sample_deen" / name).read_bytes()
            assert a == (tmp_path / start / "results" / "sample_deen" / name).read_bytes(), (start, name)
        assert says in parallel.stdout + parallel.stderr
        outcomes = [json.loads(p.read_text()) for p in (tmp_path / start / "results").glob(".multirun/*/*/outcome.json")]
        assert len(outcomes) == 2 and all(o["status"] == "finished" for o in outcomes), start


def test_workers_are_forked_only_where_safe() -> None:
    pytest.importorskip("hydra_plugins.hydra_joblib_launcher")
    import threading

    from hydra_plugins.mt_harness_launcher import _forked

    assert _forked.workers(2, 4) == 2 and _forked.workers(8, 3) == 3 and _forked.workers(None, 4) == 1
    every_core = _forked.workers(-1, 64)
    assert every_core >= 1 and _forked.workers(-2, 64) == max(every_core - 1, 1)
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        assert _forked.fork_refusal() is None
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        refusal = _forked.prepare([])
        assert refusal == _forked.fork_refusal() in (f"fork is not safe on {sys.platform}",
                                                     f"this process runs {threading.active_count() - 1} other thread(s)")
    finally:
        stop.set()
        thread.join()


def test_missing_launcher_plugin_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from harness import launchers
    from harness.errors import HarnessError

    launchers.check_plugin(["hydra/launcher=basic", "system=identity"])
    monkeypatch.setattr(launchers.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(HarnessError, match=r"^hydra/launcher=slurm needs Hydra's launcher plugins: "
                                           r"pip install 'mt-harness\[cluster\]'$"):
        launchers.check_plugin(["-m", "hydra/launcher=slurm", "system=identity,reference"])


def test_slurm_request_is_checked_against_the_nodes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a cluster: a fake sinfo with one 4-CPU, 16 GB node in the default partition, no GPUs."""
    from harness.errors import HarnessError
    from harness.launchers import check_slurm_request

    sinfo = tmp_path / "sinfo"
    sinfo.write_text("#!/bin/sh\necho 'cpu*|4|16000|(null)'\necho 'gpu|64|512000|gpu:8'\n")
    sinfo.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    check_slurm_request({"cpus_per_task": 4, "mem_gb": 15})
    with pytest.raises(HarnessError, match=r"cpus_per_task=8 but the largest node of the default partition has 4 CPUs"):
        check_slurm_request({"cpus_per_task": 8})
    with pytest.raises(HarnessError, match=r"mem_gb=32 but the largest node of the default partition has 16000 MB"):
        check_slurm_request({"mem_gb": 32})
    with pytest.raises(HarnessError, match=r"gpus_per_node=1 but no node of the default partition has GPUs"):
        check_slurm_request({"gpus_per_node": 1})
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(HarnessError, match=r"sinfo is not on PATH"):
        check_slurm_request({})
