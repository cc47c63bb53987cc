"""One small sqlite key-value store, shared by the translation cache and the metric score cache.

Keys are content hashes (what was asked, of whom); values are JSON. Several multirun jobs may use
one file at once (WAL, busy timeout, retries). A file that is not one of ours, or is corrupt, is
moved aside and rebuilt with a warning, never read as if it were right.

Jobs on several machines cannot trust sqlite's locks on a network filesystem. There each job writes
its own file (``<cache>.jobs/<job>.sqlite``: one writer, no locks needed) and reads the shared file
without locking (nobody writes it during the sweep); the launching process merges the job files into
the shared one when the sweep ends (:func:`merge_job_files`). A job killed outright keeps everything
it committed in its file, merged at the end of this sweep or the next.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from harness.errors import HarnessError

SCHEMA_VERSION = 1
_APPLICATION_ID = 0x4D544843  # "MTHC": marks the file as a harness cache
T = TypeVar("T")
JOB_FILES = ".jobs"

#: Set in a sweep job that writes its own cache files (see :func:`write_per_job`).
_job_tag: str | None = None
#: Shared cache files this process wrote job files for (a sweep job lists them in its outcome).
written_per_job: set[Path] = set()


def write_per_job(tag: str | None) -> None:
    """From now on every Cache in this process writes ``<cache>.jobs/<tag>.sqlite``; None: the shared file."""
    global _job_tag
    if tag is not None and not all(c.isalnum() or c in "-_." for c in tag):
        raise ValueError(f"bad job tag {tag!r}")
    _job_tag = tag


def job_files_dir(path: str | os.PathLike[str]) -> Path:
    path = Path(path).expanduser()
    return path.with_name(path.name + JOB_FILES)


def default_cache_dir() -> Path:
    """``$MT_HARNESS_CACHE`` or the user's cache dir (XDG), never inside results/."""
    if os.environ.get("MT_HARNESS_CACHE"):
        return Path(os.environ["MT_HARNESS_CACHE"]).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "mt-harness"


def make_key(*parts: Any) -> str:
    """A stable key from JSON-able parts (system fingerprint, languages, text ...)."""
    payload = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _retry(action: Callable[[], T], attempts: int = 8) -> T:
    """sqlite says 'database is locked' under heavy concurrent writes even with a busy timeout."""
    for attempt in range(attempts):
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


class Cache:
    """A table of ``key -> JSON value`` in one sqlite file."""

    def __init__(self, path: str | os.PathLike[str], table: str) -> None:
        if not table.isidentifier():
            raise ValueError(f"bad table name {table!r}")
        self.path = Path(path).expanduser()
        self.table = table
        #: The file written: the shared one, or in a job writing per job its own beside it.
        self.file = self.path if _job_tag is None else job_files_dir(self.path) / f"{_job_tag}.sqlite"
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HarnessError(f"cannot create cache directory {self.file.parent}: {exc.strerror}") from None
        self._conn = self._open_checked()
        self._shared = self._open_shared_read_only() if self.file != self.path else None
        if self.file != self.path:
            written_per_job.add(self.path)

    def _connect(self) -> sqlite3.Connection:
        if self.file == self.path:
            conn = sqlite3.connect(self.file, timeout=30, isolation_level=None, check_same_thread=False)
        else:  # only this job writes its file: no locks (network filesystems may not have working ones)
            conn = sqlite3.connect(f"{self.file.resolve().as_uri()}?nolock=1", uri=True, timeout=30,
                                   isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 30000")
        return conn

    def _open_shared_read_only(self) -> sqlite3.Connection | None:
        """The shared file, read without locks (nobody writes it while the sweep runs), if it is one of ours."""
        if not self.path.exists():
            return None
        try:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?immutable=1", uri=True, check_same_thread=False)
            if conn.execute("PRAGMA application_id").fetchone()[0] != _APPLICATION_ID:
                conn.close()
                return None
            return conn
        except sqlite3.DatabaseError as exc:
            print(f"warning: shared cache {self.path} unreadable ({exc}); this job uses its own only", file=sys.stderr)
            return None

    def _open_checked(self) -> sqlite3.Connection:
        try:
            conn = self._connect()
            self._init(conn)
            return conn
        except sqlite3.DatabaseError as exc:
            aside = self.file.with_name(f"{self.file.name}.corrupt-{int(time.time())}")
            print(f"warning: cache {self.file} is unreadable ({exc}); moved to {aside.name} and rebuilt",
                  file=sys.stderr)
            os.replace(self.file, aside)
            for suffix in ("-wal", "-shm", "-journal"):
                side = Path(f"{self.file}{suffix}")
                if side.exists():
                    side.unlink()
            conn = self._connect()
            self._init(conn)
            return conn

    def _init(self, conn: sqlite3.Connection) -> None:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables and app_id != _APPLICATION_ID:
            raise sqlite3.DatabaseError("not an mt-harness cache")
        # A job's own file has one writer and may sit on a network filesystem: a rollback journal, no WAL.
        journal = "WAL" if self.file == self.path else "DELETE"
        _retry(lambda: conn.execute(f"PRAGMA journal_mode = {journal}"))
        if not tables:
            _retry(lambda: conn.execute(f"PRAGMA application_id = {_APPLICATION_ID}"))
        _retry(lambda: conn.execute(
            f"CREATE TABLE IF NOT EXISTS {self.table} (key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL)"
        ))
        conn.execute(f"SELECT count(*) FROM {self.table}").fetchone()  # fails now, not mid-run, if corrupt

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        keys = list(dict.fromkeys(keys))
        found: dict[str, Any] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = _retry(lambda: self._conn.execute(
                f"SELECT key, value FROM {self.table} WHERE key IN ({marks})", chunk
            ).fetchall())
            found.update((key, json.loads(value)) for key, value in rows)
        if self._shared is not None:
            found.update(self._read_shared([key for key in keys if key not in found]))
        return found

    def _read_shared(self, keys: list[str]) -> dict[str, Any]:
        assert self._shared is not None
        found: dict[str, Any] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            try:
                rows = self._shared.execute(
                    f"SELECT key, value FROM {self.table} WHERE key IN ({','.join('?' * len(chunk))})", chunk
                ).fetchall()
            except sqlite3.OperationalError:  # the shared file has no such table yet
                return found
            found.update((key, json.loads(value)) for key, value in rows)
        return found

    def put_many(self, items: dict[str, Any]) -> None:
        """Stored in one transaction: after it returns, a crash loses none of these."""
        if not items:
            return
        now = time.time()
        rows = [(key, json.dumps(value, ensure_ascii=False), now) for key, value in items.items()]

        def write() -> None:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                self._conn.executemany(
                    f"INSERT OR REPLACE INTO {self.table} (key, value, created) VALUES (?, ?, ?)", rows
                )

        _retry(write)

    def __len__(self) -> int:
        """Entries of the file written (in a job writing per job: its own, not the shared file's)."""
        return _retry(lambda: self._conn.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0])

    def close(self) -> None:
        self._conn.close()
        if self._shared is not None:
            self._shared.close()


def merge_job_files(path: str | os.PathLike[str]) -> tuple[int, int]:
    """Move every job file of the shared cache ``path`` into it (existing keys kept); returns (files, rows).

    Run by one process when no job writes (the end or start of a sweep). A job file that cannot be read
    is moved aside with a warning; the others are merged.
    """
    global _job_tag
    path = Path(path).expanduser()
    directory = job_files_dir(path)
    tag, _job_tag = _job_tag, None  # the merge writes the shared file itself
    try:
        return _merge(path, directory)
    finally:
        _job_tag = tag


def _copy_table(path: Path, table: str, job_file: Path) -> int:
    """INSERT OR IGNORE one table of a job file into the shared file; returns the rows added."""
    target = Cache(path, table)  # creates the shared file and the table as any user would
    conn = target._conn
    conn.execute("ATTACH DATABASE ? AS job", (str(job_file),))
    try:
        def copy() -> int:
            conn.execute("BEGIN IMMEDIATE")
            try:
                added = conn.execute(f"INSERT OR IGNORE INTO main.{table} (key, value, created) "
                                     f"SELECT key, value, created FROM job.{table}").rowcount
                conn.execute("COMMIT")
                return max(added, 0)
            except BaseException:
                conn.execute("ROLLBACK")
                raise

        return _retry(copy)
    finally:
        conn.execute("DETACH DATABASE job")
        target.close()


def _merge(path: Path, directory: Path) -> tuple[int, int]:
    files = sorted(directory.glob("*.sqlite")) if directory.is_dir() else []
    merged = rows = 0
    for job_file in files:
        try:
            with contextlib.closing(sqlite3.connect(job_file, isolation_level=None)) as source:
                if source.execute("PRAGMA application_id").fetchone()[0] != _APPLICATION_ID:
                    raise sqlite3.DatabaseError("not an mt-harness cache")
                tables = [t for (t,) in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                rows += _copy_table(path, table, job_file)
        except sqlite3.DatabaseError as exc:
            aside = job_file.with_name(f"{job_file.name}.corrupt-{int(time.time())}")
            print(f"warning: job cache file {job_file} unreadable ({exc}); moved to {aside.name}", file=sys.stderr)
            os.replace(job_file, aside)
            continue
        job_file.unlink()
        Path(f"{job_file}-journal").unlink(missing_ok=True)
        merged += 1
    if merged:
        with contextlib.closing(sqlite3.connect(path, timeout=30)) as conn:
            # Jobs read the shared file without locks and so without its WAL: fold the WAL in.
            _retry(lambda: conn.execute("PRAGMA wal_checkpoint(TRUNCATE)"))
    return merged, rows
