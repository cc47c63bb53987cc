"""Putting a staged run directory in place so that a kill at any instant leaves a whole run.

Where the kernel can (Linux ``renameat2(RENAME_EXCHANGE)``), the staged and the current directory
trade places in one step: the run directory is never missing. Elsewhere the old directory is renamed
aside first; a kill between the two renames leaves ``.old-<name>-<pid>``, which :func:`recover`
(called under the reference directory's lock before anything reads or writes runs) puts back. Every
writer stages and swaps under that lock, so a leftover found there belongs to a dead process.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
from pathlib import Path

STAGE_PREFIX = ".tmp-"
OLD_PREFIX = ".old-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2():  # type: ignore[no-untyped-def]
    if not sys.platform.startswith("linux"):
        return None
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    except OSError:
        return None


_RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Atomically trade the names of two existing paths; False where the system cannot."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False  # an old kernel or a file system without exchange: fall back to two renames
    raise OSError(code, os.strerror(code), str(b))


def swap_in(stage: Path, run_dir: Path) -> None:
    """Replace ``run_dir`` by ``stage`` (both in one directory); the caller holds the directory's lock."""
    if not run_dir.exists():
        os.replace(stage, run_dir)
        return
    if exchange(stage, run_dir):
        shutil.rmtree(stage, ignore_errors=True)  # now holds the previous run
        return
    old = run_dir.with_name(f"{OLD_PREFIX}{run_dir.name}-{os.getpid()}")
    os.replace(run_dir, old)
    os.replace(stage, run_dir)
    shutil.rmtree(old, ignore_errors=True)


def recover(reference_dir: Path) -> None:
    """Undo what a killed writer left: restore a run renamed aside, remove stages and temp files.

    Call only under the reference directory's lock (every writer stages and swaps under it).
    """
    if not reference_dir.is_dir():
        return
    for entry in sorted(reference_dir.iterdir()):
        if entry.name.startswith(OLD_PREFIX) and entry.is_dir():
            name = entry.name[len(OLD_PREFIX):].rpartition("-")[0]
            target = reference_dir / name
            if name and not target.exists():
                os.replace(entry, target)
                print(f"note: restored {target} (a run killed while replacing it had moved it aside)",
                      file=sys.stderr)
            else:
                shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(STAGE_PREFIX) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(".tmp.") and entry.is_file():  # an atomic write killed before its rename
            entry.unlink(missing_ok=True)
