"""SIGTERM or SIGHUP to the harness kills a ``command`` system's whole process group, as a timeout does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper counts as dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")


def _default_signals() -> None:
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_the_commands_process_group_dies_with_the_harness(results: Path, tmp_path: Path, signum: int) -> None:
    pidfile = tmp_path / "translator.pid"
    # The shell's child (sleep) is what used to survive: the shell itself is not the only process.
    command = f"sleep 120 & echo $! > {pidfile}; wait"
    proc = subprocess.Popen(
        [sys.executable, "-m", "harness", "system=command", f"system.command='{command}'", "reference=sample_deen",
         "metrics=[bleu]", f"results_dir={results}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        preexec_fn=_default_signals,  # a run under nohup would otherwise hand its ignored SIGHUP down
    )
    sleeper = None
    try:
        deadline = time.monotonic() + 60
        while not pidfile.exists() or not pidfile.read_text().strip():
            assert time.monotonic() < deadline and proc.poll() is None, "translator never started"
            time.sleep(0.05)
        sleeper = int(pidfile.read_text())
        proc.send_signal(signum)
        proc.wait(timeout=30)
        assert proc.returncode == -signum  # it still dies of the signal, as before
        deadline = time.monotonic() + 10
        while _alive(sleeper) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(sleeper), "the command's process group outlived the harness"
    finally:
        if proc.poll() is None:
            proc.kill()
        if sleeper is not None and _alive(sleeper):
            os.kill(sleeper, signal.SIGKILL)


def test_the_previous_handler_is_restored_and_still_called() -> None:
    from harness.signals import on_termination

    seen: list[str] = []
    before = signal.signal(signal.SIGTERM, lambda s, f: seen.append("previous"))
    try:
        with on_termination(lambda: seen.append("cleanup")):
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)
        assert seen == ["cleanup", "previous"]
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.05)
        assert seen == ["cleanup", "previous", "previous"]
    finally:
        signal.signal(signal.SIGTERM, before)


def test_an_ignored_signal_stays_ignored() -> None:
    """Under nohup SIGHUP is ignored; the harness must not turn it back into a death sentence."""
    from harness.signals import on_termination

    before = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    seen: list[str] = []
    try:
        with on_termination(lambda: seen.append("cleanup")):
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
            os.kill(os.getpid(), signal.SIGHUP)
            time.sleep(0.05)
        assert seen == []
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, before)
