"""One small sqlite key-value store, shared by the translation cache and the metric score cache.

Keys are content hashes (what was asked, of whom); values are JSON. Several multirun jobs may use
one file at once (WAL, busy timeout, retries). A file that is not one of ours, or is corrupt, is
moved aside and rebuilt with a warning, never read as if it were right; a cache that cannot be written
is skipped with a warning: a cache never stops a run.
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
    is left alone and the run goes on without it. Each says so in one warning.
    """

    def __init__(self, path: str | os.PathLike[str], table: str) -> None:
        if not table.isidentifier():
            raise ValueError(f"bad table name {table!r}")
        self.path = Path(path).expanduser()
        self.table = table
        self._conn: sqlite3.Connection | None = None
        self._warned_values = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._disable(f"cannot create cache directory {self.path.parent}: {exc.strerror}")
            return
        self._conn = self._open_checked()

    @property
    def enabled(self) -> bool:
        """False once the cache was found unusable: reads find nothing and writes are skipped."""
        return self._conn is not None

    def _disable(self, reason: str) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None
        warn_once(f"{reason}; running without the cache")

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 30000")
        return conn

    def _open_checked(self) -> sqlite3.Connection | None:
        try:
            return self._open()
        except sqlite3.DatabaseError as exc:
            if not _corrupt(exc):
                self._disable(f"cache {self.path} cannot be used ({exc})")
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
        aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
        try:
            os.replace(self.path, aside)
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            conn = self._open()
        except (OSError, sqlite3.DatabaseError) as again:
            reason = again.strerror if isinstance(again, OSError) else again
            self._disable(f"cache {self.path} is unreadable ({exc}) and cannot be replaced ({reason})")
            return None
        print(f"warning: cache {self.path} is unreadable ({exc}); moved to {aside.name} and rebuilt",
              file=sys.stderr)
        return conn

    def _init(self, conn: sqlite3.Connection) -> None:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables and app_id != _APPLICATION_ID:
            raise sqlite3.DatabaseError("not an mt-harness cache")
        _retry(lambda: conn.execute("PRAGMA journal_mode = WAL"))
        # A commit reaches the WAL file before it returns (so any kill of the process keeps it) but is
        # not fsynced each time; only a power cut may lose the last ones. This makes a write cheap.
        conn.execute("PRAGMA synchronous = NORMAL")
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
            warn_once(f"cache {self.path} cannot be used ({exc}); running without the cache")
            return False
        self._conn = self._rebuild(exc)
        return self._conn is not None

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """Stored values of ``keys``; a key whose value is not valid JSON counts as missing."""
        keys = list(dict.fromkeys(keys))
        rows: list[tuple[str, str]] = []
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            conn = self._conn
            if conn is None:
                return {}
            try:
                rows += _retry(lambda: conn.execute(
                    f"SELECT key, value FROM {self.table} WHERE key IN ({marks})", chunk
                ).fetchall())
            except sqlite3.DatabaseError as exc:
                self._failed(exc)
                return {}
        found: dict[str, Any] = {}
        for key, value in rows:
            try:
                found[key] = json.loads(value)
            except (TypeError, ValueError):
                if not self._warned_values:
                    self._warned_values = True
                    warn_once(f"cache {self.path} holds invalid values; those entries are computed again")
        return found

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
                    self._disable(f"cache {self.path} cannot be written ({again})")

    def __len__(self) -> int:
        conn = self._conn
        if conn is None:
            return 0
        return _retry(lambda: conn.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0])

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
