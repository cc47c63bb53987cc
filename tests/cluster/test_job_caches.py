"""Caches shared by jobs on several machines: each job writes its own file, merged once at the end."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from harness import cache
from harness.cache import Cache, job_files_dir, merge_job_files

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _shared_mode_after():
    yield
    cache.write_per_job(None)


def _put(path: Path, items: dict[str, str], tag: str | None, table: str = "t") -> None:
    cache.write_per_job(tag)
    store = Cache(path, table)
    store.put_many(items)
    store.close()
    cache.write_per_job(None)


def test_jobs_write_their_own_files_read_the_shared_one_and_are_merged(tmp_path: Path) -> None:
    shared = tmp_path / "translations.sqlite"
    _put(shared, {"old": "from before"}, None)
    _put(shared, {"a": "1", "b": "2"}, "job-1")
    _put(shared, {"b": "2", "c": "3"}, "job-2")
    _put(shared, {"s": "0.5"}, "job-2", table="scores")
    assert len(Cache(shared, "t")) == 1  # the shared file is not written during the sweep
    assert sorted(p.name for p in job_files_dir(shared).iterdir()) == ["job-1.sqlite", "job-2.sqlite"]

    cache.write_per_job("job-1")
    reader = Cache(shared, "t")
    assert reader.get_many(["old", "a", "c"]) == {"old": "from before", "a": "1"}  # its own + the shared file
    reader.close()
    cache.write_per_job(None)

    assert merge_job_files(shared) == (2, 4)
    assert Cache(shared, "t").get_many(["old", "a", "b", "c"]) == {"old": "from before", "a": "1", "b": "2", "c": "3"}
    assert Cache(shared, "scores").get_many(["s"]) == {"s": "0.5"}
    assert list(job_files_dir(shared).iterdir()) == []
    assert merge_job_files(shared) == (0, 0)
    assert not Path(f"{shared}-wal").exists() or Path(f"{shared}-wal").stat().st_size == 0  # readable without locks


KILLED_JOB = """
import os, signal, sys
from harness import cache
cache.write_per_job("killed-7")
store = cache.Cache(sys.argv[1], "t")
for i in range(5):
    store.put_many({f"k{i}": f"v{i}"})   # each committed when it returns
os.kill(os.getpid(), signal.SIGKILL)     # in the middle of the job: nothing after this is stored
"""


def test_a_job_killed_outright_loses_only_its_in_flight_work(tmp_path: Path) -> None:
    shared = tmp_path / "translations.sqlite"
    proc = subprocess.run([sys.executable, "-c", KILLED_JOB, str(shared)], cwd=PROJECT_ROOT,
                          env={"PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == -9
    assert not shared.exists()
    assert merge_job_files(shared) == (1, 5)
    assert Cache(shared, "t").get_many([f"k{i}" for i in range(6)]) == {f"k{i}": f"v{i}" for i in range(5)}


def test_an_unreadable_job_file_is_set_aside_and_the_others_merged(tmp_path: Path, capsys) -> None:
    shared = tmp_path / "translations.sqlite"
    _put(shared, {"a": "1"}, "good")
    (job_files_dir(shared) / "bad.sqlite").write_bytes(b"not a database at all" * 100)
    assert merge_job_files(shared) == (1, 1)
    assert "job cache file" in capsys.readouterr().err
    assert [p.name.split(".corrupt-")[0] for p in job_files_dir(shared).iterdir()] == ["bad.sqlite"]
    assert Cache(shared, "t").get_many(["a"]) == {"a": "1"}


def test_a_job_file_has_no_wal_and_no_lock_dependency(tmp_path: Path) -> None:
    shared = tmp_path / "c.sqlite"
    _put(shared, {"a": "1"}, "job-9")
    with sqlite3.connect(job_files_dir(shared) / "job-9.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
