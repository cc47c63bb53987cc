"""A sweep through a real SLURM cluster (Hydra's submitit launcher) gives what a local sweep gives.

Needs the one-node cluster of ``.ci/slurm start`` (``make test`` starts it as root); skips otherwise, and
fails instead when ``$MT_HARNESS_REQUIRE_SLURM`` is set (CI).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CONF = Path(os.environ.get("MT_HARNESS_SLURM_DIR", "/tmp/mt-harness-slurm")) / "slurm.conf"
REFERENCES = ("kas_colombia_nato", "sample_deen")
#: Keys of scores.json that say when and how long, not what: they differ between any two runs.
VOLATILE = {"created", "timings", "seconds"}


def _no_cluster(reason: str) -> None:
    if os.environ.get("MT_HARNESS_REQUIRE_SLURM"):  # CI: a cluster that did not start is a failure
        pytest.fail(f"SLURM required but {reason}")
    pytest.skip(f"{reason} (as root: .ci/slurm start; make test starts it)")


def _slurm_conf() -> Path:
    """The running cluster's slurm.conf, or skip the test with one line saying how to get one."""
    if os.environ.get("MT_HARNESS_SLURM") == "off":  # make test SLURM=0: never borrow another run's cluster
        _no_cluster("SLURM is switched off (MT_HARNESS_SLURM=off, as make test SLURM=0 sets)")
    conf = Path(os.environ.get("SLURM_CONF") or DEFAULT_CONF)
    if shutil.which("sbatch") is None or not conf.exists():
        _no_cluster("no local SLURM cluster")
    state = subprocess.run(["sinfo", "-h", "-o", "%t"], capture_output=True, text=True, timeout=30,
                           env={**os.environ, "SLURM_CONF": str(conf)})
    if "idle" not in state.stdout and "mix" not in state.stdout:
        _no_cluster(f"the SLURM cluster of {conf} has no idle node ({state.stdout.strip() or state.stderr.strip()})")
    return conf


def _sweep(results: Path, cache: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    systems = "identity,reference" + (",dictionary" if Path("/usr/share/trans/de-en").exists() else "")
    args = [sys.executable, "-m", "harness", "-m", f"system={systems}", f"reference={','.join(REFERENCES)}",
            "metrics=[bleu,chrf,ter]", f"results_dir={results}", *extra]
    # The jobs' Python must import this checkout: the launching environment travels with sbatch.
    path = os.pathsep.join(p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH")) if p)
    full_env = {**os.environ, **(env or {}), "MT_HARNESS_CACHE": str(cache), "PYTHONPATH": path,
                "PYTHONUNBUFFERED": "1"}
    return subprocess.run(args, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, env=full_env)


def _without_volatile(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_volatile(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_without_volatile(v) for v in value]
    return value


def _same_run_files(local: Path, slurm: Path) -> None:
    names = sorted(p.name for p in local.iterdir())
    assert sorted(p.name for p in slurm.iterdir()) == names
    for name in names:
        a, b = local / name, slurm / name
        if name == "scores.json":
            assert _without_volatile(json.loads(a.read_text())) == _without_volatile(json.loads(b.read_text())), a
        elif name.endswith(".npz"):  # the zip members carry their write time; the arrays must be equal
            with np.load(a) as x, np.load(b) as y:
                assert sorted(x.files) == sorted(y.files)
                for key in x.files:
                    assert np.array_equal(x[key], y[key]), (a, key)
        else:
            assert a.read_bytes() == b.read_bytes(), a


def _outcomes(results: Path) -> list[dict]:
    (sweep_dir,) = (results / ".multirun").iterdir()
    return [json.loads(p.read_text()) for p in sorted(sweep_dir.glob("*/outcome.json"))]


def test_slurm_sweep_equals_local_sweep(tmp_path: Path) -> None:
    conf = _slurm_conf()
    local = _sweep(tmp_path / "local", tmp_path / "cache-local")
    assert local.returncode == 0, local.stderr
    slurm = _sweep(tmp_path / "slurm", tmp_path / "cache-slurm", "hydra/launcher=slurm",
                   # the test node is small: one core and 1 GB per job, so jobs share it
                   "hydra.launcher.cpus_per_task=1", "hydra.launcher.mem_gb=1", "hydra.launcher.timeout_min=10",
                   env={"SLURM_CONF": str(conf)})
    assert slurm.returncode == 0, slurm.stderr
    systems = 3 if Path("/usr/share/trans/de-en").exists() else 2

    # Every job ran as a SLURM job, finished, and SLURM's job log has it completed.
    outcomes = _outcomes(tmp_path / "slurm")
    assert len(outcomes) == systems * len(REFERENCES)
    assert all(o["status"] == "finished" and o.get("slurm_job_id") for o in outcomes), outcomes
    jobcomp = re.search(r"^JobCompLoc=(.+)$", conf.read_text(), re.M)
    if jobcomp and Path(jobcomp[1]).exists():
        log = Path(jobcomp[1]).read_text()
        for outcome in outcomes:
            assert re.search(rf"^JobId={outcome['slurm_job_id']} .*JobState=COMPLETED", log, re.M), outcome
    assert not any(o.get("slurm_job_id") for o in _outcomes(tmp_path / "local"))

    # Results equal the local sweep's byte for byte, except timings (and the npz members' write times).
    for reference in REFERENCES:
        local_dir, slurm_dir = tmp_path / "local" / reference, tmp_path / "slurm" / reference
        runs = sorted(p.name for p in local_dir.iterdir() if p.is_dir())
        assert len(runs) == systems and sorted(p.name for p in slurm_dir.iterdir() if p.is_dir()) == runs
        for run in runs:
            _same_run_files(local_dir / run, slurm_dir / run)
        for table in ("leaderboard.md", "leaderboard.csv", "leaderboard.tex", "report.html"):
            assert (local_dir / table).read_bytes() == (slurm_dir / table).read_bytes(), table

        # One leaderboard per reference set, written once by the launching process after the last job.
        last_run = max((slurm_dir / run / "scores.json").stat().st_mtime for run in runs)
        assert (slurm_dir / "leaderboard.md").stat().st_mtime >= last_run
        assert slurm.stdout.count(f"Tables: {slurm_dir}/leaderboard.") == 1
    # Each SLURM job wrote its own cache file; the launching process merged them into the shared one.
    from harness.cache import Cache, job_files_dir
    from harness.translate import CACHE_FILE, CACHE_TABLE

    if systems == 3:  # dictionary caches its translations (identity and reference cache nothing)
        shared = tmp_path / "cache-slurm" / CACHE_FILE
        assert not list(job_files_dir(shared).glob("*.sqlite"))
        assert len(Cache(shared, CACHE_TABLE)) == len(Cache(tmp_path / "cache-local" / CACHE_FILE, CACHE_TABLE)) > 100
        assert not job_files_dir(tmp_path / "cache-local" / CACHE_FILE).exists()  # one machine: the shared file
    (sweep_dir,) = (tmp_path / "slurm" / ".multirun").iterdir()
    job_logs = list((sweep_dir / ".submitit").glob("*/*.out"))
    assert len(job_logs) == len(outcomes)
    assert not any("Tables:" in log.read_text() for log in job_logs)


def test_failed_slurm_job_is_named_and_the_others_finish(tmp_path: Path) -> None:
    """A Python error inside a job is COMPLETED to SLURM; the harness reports it from the job's outcome."""
    conf = _slurm_conf()
    good = tmp_path / "good.en"
    good.write_bytes((PROJECT_ROOT / "references" / "sample_deen" / "aligned.en").read_bytes())
    args = [sys.executable, "-m", "harness", "-m", "hydra/launcher=slurm", "hydra.launcher.cpus_per_task=1",
            "hydra.launcher.mem_gb=1", "system=file", f"system.path={good},{tmp_path / 'missing.en'}",
            "reference=sample_deen", "metrics=[bleu]", f"results_dir={tmp_path / 'results'}"]
    env = {**os.environ, "SLURM_CONF": str(conf), "MT_HARNESS_CACHE": str(tmp_path / "cache"),
           "PYTHONPATH": os.pathsep.join(p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH")) if p)}
    out = subprocess.run(args, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 2, out.stderr
    failed = next(o for o in _outcomes(tmp_path / "results") if o["status"] == "failed")
    assert re.search(rf"sweep: 1 of 2 jobs failed .*\n  #1 \(SLURM job {failed['slurm_job_id']}\) system=file "
                     rf"system.path=\S*missing.en .*: hypothesis file not found: \S*missing.en", out.stderr)
    assert (tmp_path / "results" / "sample_deen" / "file-good.en" / "scores.json").exists()
    assert "| file-good.en" in (tmp_path / "results" / "sample_deen" / "leaderboard.md").read_text()


def test_a_job_the_cluster_cannot_hold_is_refused_before_submitting(tmp_path: Path) -> None:
    conf = _slurm_conf()
    env = {**os.environ, "SLURM_CONF": str(conf),
           "PYTHONPATH": os.pathsep.join(p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH")) if p)}
    out = subprocess.run([sys.executable, "-m", "harness", "-m", "hydra/launcher=slurm",
                          "hydra.launcher.cpus_per_task=100000", "system=identity,reference",
                          f"results_dir={tmp_path / 'results'}"],
                         cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 2
    assert re.search(r"^error: hydra.launcher.cpus_per_task=100000 but the largest node of the default partition "
                     r"has \d+ CPUs; the jobs would stay pending forever$", out.stderr, re.M), out.stderr
    assert not list((tmp_path / "results").glob("*/*/scores.json"))


def test_a_job_slurm_loses_is_named_and_the_others_finish(tmp_path: Path) -> None:
    """A job killed outright (as by the out-of-memory killer) leaves no result: named, the sweep completes."""
    conf = _slurm_conf()
    systems = tmp_path / "conf" / "system"
    systems.mkdir(parents=True)
    (systems / "killer.yaml").write_text("_target_: systems.command.Command\ncommand: kill -9 $PPID\nname: killer\n")
    args = [sys.executable, "-m", "harness", "-m", "hydra/launcher=slurm", "hydra.launcher.cpus_per_task=1",
            "hydra.launcher.mem_gb=1", f"hydra.searchpath=[file://{tmp_path / 'conf'}]", "system=identity,killer",
            "reference=sample_deen", "metrics=[bleu]", f"results_dir={tmp_path / 'results'}"]
    env = {**os.environ, "SLURM_CONF": str(conf), "MT_HARNESS_CACHE": str(tmp_path / "cache"),
           "PYTHONPATH": os.pathsep.join(p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH")) if p)}
    out = subprocess.run(args, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 1, out.stderr
    assert re.search(r"sweep: 1 of 2 jobs failed .*\n  #1 \(SLURM job \S+\) system=killer .*: "
                     r"SLURM job ended without a result", out.stderr), out.stderr
    assert "| identity" in (tmp_path / "results" / "sample_deen" / "leaderboard.md").read_text()


def test_switched_off_slurm_never_borrows_a_running_cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`make test SLURM=0` next to another run's cluster: the sweep tests skip instead of taking its node
    (a second suite once took the only node of a CI run's cluster, whose own SLURM tests then failed)."""
    other = tmp_path / "slurm.conf"
    other.write_text("ClusterName=another-run\n")
    monkeypatch.setenv("SLURM_CONF", str(other))
    monkeypatch.setenv("MT_HARNESS_SLURM", "off")
    monkeypatch.delenv("MT_HARNESS_REQUIRE_SLURM", raising=False)
    with pytest.raises(pytest.skip.Exception, match="switched off"):
        _slurm_conf()
    monkeypatch.setenv("MT_HARNESS_REQUIRE_SLURM", "1")  # CI asks for SLURM: switched off is then a failure
    with pytest.raises(pytest.fail.Exception, match="switched off"):
        _slurm_conf()


@pytest.mark.skipif(shutil.which("make") is None, reason="no make")
def test_make_test_switches_slurm_off_only_when_asked() -> None:
    # under `make test SLURM=0` the variable reaches a child make through MAKEFLAGS: start from none
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "SLURM"}}

    def recipe(*args: str) -> str:
        dry = subprocess.run(["make", "-n", "test", *args, "STAMP=/dev/null", "APT_PACKAGES="], cwd=PROJECT_ROOT,
                             capture_output=True, text=True, timeout=60, env=env)
        assert dry.returncode == 0, dry.stderr
        (line,) = [x for x in dry.stdout.splitlines() if "-m pytest" in x]
        return line

    assert recipe("SLURM=0").startswith("MT_HARNESS_SLURM=off ")
    on = recipe()
    assert on.startswith("bash .ci/slurm run ") and "MT_HARNESS_SLURM" not in on
