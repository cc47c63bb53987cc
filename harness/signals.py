"""Cleaning up child processes when the harness itself is told to stop (SIGTERM, SIGHUP).

Python's default for these signals ends the process at once, without unwinding: a ``command``
system's process group, started in its own session so a timeout can kill it whole, would keep
running. While such a child runs, these signals first call a cleanup, then do what they did before.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any

SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)


@contextlib.contextmanager
def on_termination(cleanup: Callable[[], None]) -> Iterator[None]:
    """Run ``cleanup`` when SIGTERM/SIGHUP arrive inside the block, then the previous handling.

    Only the main thread may set handlers; elsewhere (a launcher's worker thread) this does nothing.
    A signal that was ignored stays ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}

    def handler(signum: int, frame: Any) -> None:
        cleanup()
        before = previous.get(signum, signal.SIG_DFL)
        if callable(before):
            before(signum, frame)
            return
        signal.signal(signum, signal.SIG_DFL)  # die of the signal itself, as without this handler
        os.kill(os.getpid(), signum)

    for signum in SIGNALS:
        before = signal.getsignal(signum)
        if before is not signal.SIG_IGN:
            previous[signum] = before
            signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, before in previous.items():
            signal.signal(signum, before if before is not None else signal.SIG_DFL)
