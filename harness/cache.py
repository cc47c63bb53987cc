"""One small sqlite key-value store, shared by the translation cache and the metric score cache.

Keys are content hashes (what was asked, of whom); values are JSON. Several multirun jobs may use
one file at once (WAL, busy timeout, retries). A file that is not one of ours, or is corrupt, is
moved aside and rebuilt with a warning, never read as if it were right.
"""

from __future__ import annotations

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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HarnessError(f"cannot create cache directory {self.path.parent}: {exc.strerror}") from None
        self._conn = self._open_checked()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 30000")
        return conn

    def _open_checked(self) -> sqlite3.Connection:
        try:
            conn = self._connect()
            self._init(conn)
            return conn
        except sqlite3.DatabaseError as exc:
            aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            print(f"warning: cache {self.path} is unreadable ({exc}); moved to {aside.name} and rebuilt",
                  file=sys.stderr)
            os.replace(self.path, aside)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{self.path}{suffix}")
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
        _retry(lambda: conn.execute("PRAGMA journal_mode = WAL"))
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
        return _retry(lambda: self._conn.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0])

    def close(self) -> None:
        self._conn.close()
