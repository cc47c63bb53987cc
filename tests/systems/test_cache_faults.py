"""A cache never stops a run: corrupt files, pages and values are rebuilt or recomputed, and a cache that
cannot be written is skipped, each with one warning (and never a false "moved ... and rebuilt")."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from harness.cache import Cache
from harness.references import ReferenceSet
from harness.translate import CACHE_FILE, CACHE_TABLE, translate_reference, translation_key
from systems.base import System


class Upper(System):
    default_name = "upper"

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[str] = []

    def translate(self, segments, src_lang, tgt_lang):
        self.sent += segments
        return [s.upper() for s in segments]


SRC = [f"Satz Nummer {i} mit etwas Text, damit die Seiten sich füllen." for i in range(3000)]
REFERENCE = ReferenceSet("t", "de", "en", SRC, SRC, Path("s"), Path("r"))
EXPECTED = [s.upper() for s in SRC]


def _run(cache_dir: Path) -> Upper:
    system = Upper()
    assert translate_reference(system, REFERENCE, chunk_size=500, cache_dir=cache_dir) == EXPECTED
    return system


class Failing:
    """Stands in for a sqlite connection whose every statement fails as a damaged or full disk would."""

    def __init__(self, message: str) -> None:
        self.message = message

    def execute(self, *args, **kwargs):
        raise sqlite3.OperationalError(self.message) if "malformed" not in self.message \
            else sqlite3.DatabaseError(self.message)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass


def test_a_corrupt_page_is_moved_aside_and_the_run_goes_on(tmp_path: Path, capsys) -> None:
    _run(tmp_path)
    path = tmp_path / CACHE_FILE
    data = bytearray(path.read_bytes())
    assert len(data) > 40 * 4096
    data[8 * 4096 : 30 * 4096] = b"\xa5" * (22 * 4096)  # pages in the middle: the table's b-tree
    path.write_bytes(bytes(data))
    assert _run(tmp_path).sent == SRC  # everything translated again, correctly
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and "moved to translations.sqlite.corrupt-" in err
    assert _run(tmp_path).sent == []  # the rebuilt cache works


@pytest.mark.parametrize("message", ["database disk image is malformed", "attempt to write a readonly database",
                                     "database or disk is full", "disk I/O error"])
def test_a_failure_in_mid_run_gives_one_warning_and_correct_output(tmp_path: Path, capsys, monkeypatch,
                                                                   message: str) -> None:
    real_put = Cache.put_many
    calls = []

    def put_then_fail(self, items):
        calls.append(len(items))
        if len(calls) == 2:
            self._conn = Failing(message)
        real_put(self, items)

    monkeypatch.setattr(Cache, "put_many", put_then_fail)
    assert _run(tmp_path).sent == SRC
    err = capsys.readouterr().err
    assert err.count("warning:") == 1, err
    assert ("moved to" in err) == ("malformed" in message)
    assert "running without the cache" in err or "malformed" in message


def test_an_invalid_json_value_is_translated_again(tmp_path: Path, capsys) -> None:
    _run(tmp_path)
    key = translation_key(Upper().fingerprint, "de", "en", SRC[5])
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        conn.execute(f"UPDATE {CACHE_TABLE} SET value = '{{not json' WHERE key = ?", (key,))
    assert _run(tmp_path).sent == [SRC[5]]
    assert capsys.readouterr().err.count("holds invalid values") == 1
    assert _run(tmp_path).sent == []  # stored again, correctly


def test_a_read_only_cache_is_used_without_writing_and_not_moved(tmp_path: Path, capsys, monkeypatch) -> None:
    _run(tmp_path)
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:  # the last 1,000 translations are missing
        for segment in SRC[2000:]:
            conn.execute(f"DELETE FROM {CACHE_TABLE} WHERE key = ?",
                         (translation_key(Upper().fingerprint, "de", "en", segment),))
    before = sorted(p.name for p in tmp_path.iterdir())

    def read_only(self):
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)

    monkeypatch.setattr(Cache, "_connect", read_only)
    assert _run(tmp_path).sent == SRC[2000:]  # what it holds is still used
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and "readonly" in err and "running without the cache" in err
    assert "moved" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_cache_directory_that_cannot_be_created_is_skipped(tmp_path: Path, capsys) -> None:
    (tmp_path / "file").write_text("not a directory")
    assert _run(tmp_path / "file" / "cache").sent == SRC
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and "cannot create cache directory" in err


def test_the_cli_runs_with_an_unusable_cache_dir(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "file").write_text("x")
    proc = subprocess.run([sys.executable, "-m", "harness", "system=command", "system.command=cat", "reference=sample_deen",
                           "metrics=[bleu]", f"results_dir={tmp_path / 'results'}", f"cache_dir={tmp_path / 'file'}"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count("warning:") == 1 and "running without the cache" in proc.stderr
