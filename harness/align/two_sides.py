"""Reading the two documents at once, one on each core.

Each side's layout analysis and block reading depend only on that side's text (and on evidence
made before from both), and take about two fifths of a large build. Where this process may fork
and has a second core, a forked child reads the second side while this process reads the first;
the child's result comes back pickled through a pipe. Where forking is unsafe or impossible (no
``fork`` or macOS, one core, other threads running, a daemonic worker, which may not have children) or the
child fails for any reason, this process does both, one after the other. The result is the same
either way: the jobs are deterministic, and a forked child keeps this process's hash seed.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from functools import partial
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

A = TypeVar("A")
B = TypeVar("B")


def cores() -> int:
    """Cores this process may run on (a SLURM or taskset allotment, not the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking copies only the calling thread: a lock another thread holds would stay held in the
    child, so any other thread running means no fork. macOS offers fork but its system libraries
    are not safe across one (Python itself spawns there)."""
    return (
        sys.platform != "darwin"
        and "fork" in multiprocessing.get_all_start_methods()
        and cores() >= 2
        and threading.active_count() == 1
        and not multiprocessing.current_process().daemon
    )


def both(first: Callable[[], A], second: Callable[[], B]) -> tuple[A, B]:
    """``(first(), second())``, the second in a forked child where that is safe."""
    if not can_fork():
        return first(), second()
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_run_and_send, args=(second, writer), daemon=True)
    child.start()
    writer.close()
    try:
        a = first()
        ok, b = _receive(reader)
    finally:
        reader.close()
        if child.is_alive():
            child.terminate()
        child.join()
    return a, b if ok else second()


SPLIT_MIN = 2000  # items below which a job is not worth a fork


def halves(job: Callable[[range], dict[int, A]], n: int) -> dict[int, A]:
    """``job(range(n))`` for a job whose result is one entry per item it finds, done as two
    halves, the second in a forked child where that is safe (see `both`); entries keep the order
    of the items, so the result is the same dict either way."""
    if n < SPLIT_MIN:
        return job(range(n))
    first, second = both(partial(job, range(n // 2)), partial(job, range(n // 2, n)))
    return {**first, **second}


def each(judge: Callable[[int], A], n: int) -> list[A]:
    """``[judge(k) for k in range(n)]`` for a `judge` of one item alone that changes nothing, in
    two halves where that is worth a fork (see `halves`)."""
    found = halves(lambda items: {k: judge(k) for k in items}, n)
    return [found[k] for k in range(n)]


def _run_and_send(job: Callable[[], Any], writer: Connection) -> None:
    """In the child: any failure is sent as such, so the parent reruns the job itself and a real
    error surfaces there, with its own traceback, once."""
    try:
        message: tuple[bool, Any] = (True, job())
    except BaseException:  # noqa: BLE001 - the parent redoes the job and raises what it raises
        message = (False, None)
    try:
        writer.send(message)
    except Exception:  # noqa: BLE001 - e.g. a result that cannot be pickled
        writer.send((False, None))
    finally:
        writer.close()


def _receive(reader: Connection) -> tuple[bool, Any]:
    """A child that died before sending (killed, out of memory) reads as a failure."""
    try:
        ok, value = reader.recv()
    except (EOFError, OSError):
        return False, None
    return bool(ok), value
