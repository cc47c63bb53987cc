"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write to a temp file in the same directory, fsync, then rename over the target."""
    with replacing(path) as handle:
        handle.write(data)


def write_chunks(path: str | os.PathLike[str], chunks: Iterable[str], batch: int = 10_000) -> None:
    """:func:`write_text` of ``"".join(chunks)`` without building that string: a table of a million
    rows is written ``batch`` chunks at a time, so memory holds one batch, not the whole file."""
    with replacing(path) as handle:
        iterator = iter(chunks)
        while pieces := list(itertools.islice(iterator, batch)):
            handle.write("".join(pieces).encode("utf-8"))


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary handle on a temp file beside ``path``; fsynced and renamed over ``path`` when the block
    ends, removed (``path`` untouched) when it raises."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".tmp.{path.name}.")
    # mkstemp creates 0600 files; results are meant to be read by others, as with open().
    os.fchmod(fd, 0o666 & ~current_umask())
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:  # a full disk or an I/O error: say which file, not only "[Errno 28]"
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        exc.filename, exc.filename2 = str(path), None
        raise
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def current_umask() -> int:
    """The process's umask (reading it means setting it, so it is set back at once)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | os.PathLike[str], text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_json(path: str | os.PathLike[str], obj: Any) -> None:
    write_text(path, json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=False) + "\n")


def write_lines(path: str | os.PathLike[str], lines: Iterable[str]) -> None:
    """One line each, streamed (:func:`write_chunks`)."""
    write_chunks(path, (f"{line}\n" for line in lines))


@contextlib.contextmanager
def locked(lock_path: str | os.PathLike[str]) -> Iterator[None]:
    """An exclusive advisory lock, so parallel multirun jobs regenerate shared files one at a time."""
    lock_path = Path(lock_path)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
