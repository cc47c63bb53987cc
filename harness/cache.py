"""One small sqlite key-value store, shared by the translation cache and the metric score cache.

Keys are content hashes (what was asked, of whom); values are JSON. Several multirun jobs may use
one file at once (WAL, busy timeout, retries). A file that is not one of ours, or is corrupt, is
moved aside and rebuilt with a warning, never read as if it were right; a cache that cannot be written
is skipped with a warning: a cache never stops a run.

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

from harness.errors import warn_once

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


#: sqlite error codes of a file that is damaged or not a database (moved aside and rebuilt).
_CORRUPT = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_FORMAT")


def _corrupt(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc)
    return (str(getattr(exc, "sqlite_errorname", "")).startswith(_CORRUPT) or "malformed" in text
            or "not a database" in text or "not an mt-harness cache" in text)


class Cache:
    """A table of ``key -> JSON value`` in one sqlite file.

    A cache must never stop a run: a corrupt file (or page, or value) is moved aside and rebuilt, or
    the entry is recomputed; a cache that cannot be written (read-only file or directory, full disk)
    is left alone and the run goes on without it. Each says so in one warning. In a job writing per
    job (:func:`write_per_job`) all this applies to the job's own file, ``self.file``; the shared file
    is only read, and skipped with a warning when it cannot be.
    """

    def __init__(self, path: str | os.PathLike[str], table: str) -> None:
        if not table.isidentifier():
            raise ValueError(f"bad table name {table!r}")
        self.path = Path(path).expanduser()
        self.table = table
        #: The file written: the shared one, or in a job writing per job its own beside it.
        self.file = self.path if _job_tag is None else job_files_dir(self.path) / f"{_job_tag}.sqlite"
        self._conn: sqlite3.Connection | None = None
        self._shared: sqlite3.Connection | None = None
        self._warned_values = False
        if self.file != self.path:  # what the shared file holds is used even when the job's own cannot be
            self._shared = self._open_shared_read_only()
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._disable(f"cannot create cache directory {self.file.parent}: {exc.strerror or exc}")
            return
        self._conn = self._open_checked()
        if self._conn is not None and self.file != self.path:
            written_per_job.add(self.path)

    @property
    def enabled(self) -> bool:
        """False once the file written was found unusable: it gives nothing and writes are skipped."""
        return self._conn is not None

    def _disable(self, reason: str) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
        warn_once(f"{reason}; running without the cache")

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
        conn = None
        try:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?immutable=1", uri=True, check_same_thread=False)
            if conn.execute("PRAGMA application_id").fetchone()[0] != _APPLICATION_ID:
                conn.close()
                return None
            return conn
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            warn_once(f"shared cache {self.path} unreadable ({exc}); this job uses its own only")
            return None

    def _open_checked(self) -> sqlite3.Connection | None:
        try:
            return self._open()
        except sqlite3.DatabaseError as exc:
            if not _corrupt(exc):
                self._disable(f"cache {self.file} cannot be used ({exc})")
                return None
            return self._rebuild(exc)

    def _open(self) -> sqlite3.Connection:
        conn = self._connect()
        try:
            self._init(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _rebuild(self, exc: sqlite3.DatabaseError) -> sqlite3.Connection | None:
        """Move a corrupt file aside (kept for inspection) and start an empty one; None when that fails."""
        aside = self.file.with_name(f"{self.file.name}.corrupt-{int(time.time())}")
        try:
            os.replace(self.file, aside)
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{self.file}{suffix}").unlink(missing_ok=True)
            conn = self._open()
        except (OSError, sqlite3.DatabaseError) as again:
            reason = again.strerror if isinstance(again, OSError) else again
            self._disable(f"cache {self.file} is unreadable ({exc}) and cannot be replaced ({reason})")
            return None
        print(f"warning: cache {self.file} is unreadable ({exc}); moved to {aside.name} and rebuilt",
              file=sys.stderr)
        return conn

    def _init(self, conn: sqlite3.Connection) -> None:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables and app_id != _APPLICATION_ID:
            raise sqlite3.DatabaseError("not an mt-harness cache")
        if self.file == self.path:
            _retry(lambda: conn.execute("PRAGMA journal_mode = WAL"))
            # A commit reaches the WAL file before it returns (so any kill of the process keeps it) but is
            # not fsynced each time; only a power cut may lose the last ones. This makes a write cheap.
            conn.execute("PRAGMA synchronous = NORMAL")
        else:  # a job's own file has one writer and may sit on a network filesystem: a rollback journal, no WAL
            _retry(lambda: conn.execute("PRAGMA journal_mode = DELETE"))
        if not tables:
            _retry(lambda: conn.execute(f"PRAGMA application_id = {_APPLICATION_ID}"))
        _retry(lambda: conn.execute(
            f"CREATE TABLE IF NOT EXISTS {self.table} (key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL)"
        ))
        conn.execute(f"SELECT count(*) FROM {self.table}").fetchone()  # fails now, not mid-run, if corrupt

    def _failed(self, exc: sqlite3.DatabaseError) -> bool:
        """An error in mid-run: a corrupt file is rebuilt (True), anything else turns the cache off."""
        if self._conn is None:
            return False
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()
        self._conn = None
        if not _corrupt(exc):
            warn_once(f"cache {self.file} cannot be used ({exc}); running without the cache")
            return False
        self._conn = self._rebuild(exc)
        return self._conn is not None

    def _decode(self, rows: Iterable[tuple[str, str]], found: dict[str, Any]) -> None:
        """Add ``rows`` to ``found``; a value that is not valid JSON counts as missing."""
        for key, value in rows:
            try:
                found[key] = json.loads(value)
            except (TypeError, ValueError):
                if not self._warned_values:
                    self._warned_values = True
                    warn_once(f"cache {self.path} holds invalid values; those entries are computed again")

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """Stored values of ``keys`` (in a job writing per job: its own file's, then the shared file's)."""
        keys = list(dict.fromkeys(keys))
        found: dict[str, Any] = {}
        rows: list[tuple[str, str]] = []
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            conn = self._conn
            if conn is None:
                rows = []
                break
            try:
                rows += _retry(lambda: conn.execute(
                    f"SELECT key, value FROM {self.table} WHERE key IN ({marks})", chunk
                ).fetchall())
            except sqlite3.DatabaseError as exc:
                self._failed(exc)
                rows = []
                break
        self._decode(rows, found)
        if self._shared is not None:
            self._decode(self._read_shared([key for key in keys if key not in found]), found)
        return found

    def _read_shared(self, keys: list[str]) -> list[tuple[str, str]]:
        rows: list[tuple[str, str]] = []
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            shared = self._shared
            if shared is None:
                return rows
            try:
                rows += shared.execute(
                    f"SELECT key, value FROM {self.table} WHERE key IN ({','.join('?' * len(chunk))})", chunk
                ).fetchall()
            except sqlite3.DatabaseError as exc:
                if "no such table" in str(exc):  # the shared file has no such table yet
                    return rows
                with contextlib.suppress(sqlite3.Error):
                    shared.close()
                self._shared = None
                warn_once(f"shared cache {self.path} unreadable ({exc}); this job uses its own only")
                return rows
        return rows

    def put_many(self, items: dict[str, Any]) -> None:
        """Stored in one transaction: after it returns, a killed process loses none of these."""
        conn = self._conn
        if not items or conn is None:
            return
        now = time.time()
        rows = [(key, json.dumps(value, ensure_ascii=False), now) for key, value in items.items()]

        def write(conn: sqlite3.Connection) -> None:
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany(f"INSERT OR REPLACE INTO {self.table} (key, value, created) VALUES (?, ?, ?)", rows)

        try:
            _retry(lambda: write(conn))
        except sqlite3.DatabaseError as exc:
            fresh = self._conn if self._failed(exc) else None
            if fresh is not None:  # rebuilt: store these in the fresh file, once
                try:
                    _retry(lambda: write(fresh))
                except sqlite3.DatabaseError as again:
                    self._disable(f"cache {self.file} cannot be written ({again})")

    def __len__(self) -> int:
        """Entries of the file written (in a job writing per job: its own, not the shared file's)."""
        conn = self._conn
        if conn is None:
            return 0
        return _retry(lambda: conn.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0])

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        if self._shared is not None:
            self._shared.close()
            self._shared = None


def merge_job_files(path: str | os.PathLike[str]) -> tuple[int, int]:
    """Move every job file of the shared cache ``path`` into it (existing keys kept); returns (files, rows).

    Run by one process when no job writes (the end or start of a sweep). A job file that cannot be read
    is moved aside with a warning; the others are merged. When the shared file cannot be written, the job
    files stay where they are (one warning) for a later merge.
    """
    global _job_tag
    path = Path(path).expanduser()
    directory = job_files_dir(path)
    tag, _job_tag = _job_tag, None  # the merge writes the shared file itself
    try:
        return _merge(path, directory)
    finally:
        _job_tag = tag


class _SharedUnwritable(Exception):
    """The shared file cannot take the job files now (already warned): keep them for a later merge."""


def _copy_table(path: Path, table: str, job_file: Path) -> int:
    """INSERT OR IGNORE one table of a job file into the shared file; returns the rows added."""
    target = Cache(path, table)  # creates the shared file and the table as any user would
    conn = target._conn
    if conn is None:  # the Cache said why
        warn_once(f"cache job files of {path} not merged; they are kept for the next sweep")
        raise _SharedUnwritable
    try:
        conn.execute("ATTACH DATABASE ? AS job", (str(job_file),))
    except sqlite3.DatabaseError as exc:
        target.close()
        warn_once(f"cannot merge cache job files into {path} ({exc}); they are kept for the next sweep")
        raise _SharedUnwritable from None
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

        try:
            return _retry(copy)
        except sqlite3.DatabaseError as exc:
            warn_once(f"cannot merge cache job files into {path} ({exc}); they are kept for the next sweep")
            raise _SharedUnwritable from None
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("DETACH DATABASE job")
        target.close()


def _job_tables(job_file: Path) -> list[str]:
    """The tables of a job file, checked whole first; DatabaseError when the file is not a good one."""
    with contextlib.closing(sqlite3.connect(job_file, isolation_level=None)) as source:
        if source.execute("PRAGMA application_id").fetchone()[0] != _APPLICATION_ID:
            raise sqlite3.DatabaseError("not an mt-harness cache")
        problem = source.execute("PRAGMA quick_check(1)").fetchone()[0]
        if problem != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed: {problem}")
        tables = [t for (t,) in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    if not all(table.isidentifier() for table in tables):
        raise sqlite3.DatabaseError(f"not an mt-harness cache: tables {tables}")
    return tables


def _merge(path: Path, directory: Path) -> tuple[int, int]:
    files = sorted(directory.glob("*.sqlite")) if directory.is_dir() else []
    merged = rows = 0
    for job_file in files:
        try:
            tables = _job_tables(job_file)
        except sqlite3.DatabaseError as exc:
            aside = job_file.with_name(f"{job_file.name}.corrupt-{int(time.time())}")
            try:
                os.replace(job_file, aside)
            except OSError as again:
                warn_once(f"job cache file {job_file} unreadable ({exc}) and cannot be moved ({again.strerror})")
                continue
            print(f"warning: job cache file {job_file} unreadable ({exc}); moved to {aside.name}", file=sys.stderr)
            continue
        try:
            for table in tables:
                rows += _copy_table(path, table, job_file)
        except _SharedUnwritable:
            break
        try:
            job_file.unlink()
            Path(f"{job_file}-journal").unlink(missing_ok=True)
        except OSError as exc:  # merged again next time: INSERT OR IGNORE adds nothing twice
            warn_once(f"cannot remove merged job cache file {job_file} ({exc.strerror})")
        merged += 1
    if merged:
        with contextlib.suppress(sqlite3.Error), contextlib.closing(sqlite3.connect(path, timeout=30)) as conn:
            # Jobs read the shared file without locks and so without its WAL: fold the WAL in.
            _retry(lambda: conn.execute("PRAGMA wal_checkpoint(TRUNCATE)"))
    return merged, rows
