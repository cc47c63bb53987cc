"""Issue 14, point 16: no server at ``base_url`` fails in well under a second with one line, even with the
default six retries, and without urllib3's "Retrying" warnings; other connection failures still retry."""

from __future__ import annotations

import logging
import re
import socket
import time

import pytest

from harness.errors import HarnessError
from systems.openai import OpenAI
from tests.core.conftest import run_module


def _closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_refused_connection_is_not_retried(caplog: pytest.LogCaptureFixture) -> None:
    port = _closed_port()
    system = OpenAI(model="m", base_url=f"http://127.0.0.1:{port}/v1", api_key_env=None)  # max_retries 6, backoff 1 s
    assert system.max_retries == 6 and system.backoff == 1.0
    caplog.set_level(logging.DEBUG, logger="urllib3")
    start = time.monotonic()
    with pytest.raises(HarnessError) as caught:
        system.translate(["x", "y", "z"], "de", "en")
    assert time.monotonic() - start < 1.0  # was about 66 s of backoff
    assert re.fullmatch(rf"system 'openai-m': segment '[xyz]' failed: connection refused at "
                        rf"http://127\.0\.0\.1:{port} \(no server there\? check base_url\)", str(caught.value))
    assert not [r for r in caplog.records if "Retrying" in r.getMessage()]


def test_command_line_says_it_in_one_line() -> None:
    port = _closed_port()
    start = time.monotonic()
    out = run_module("harness", "system=openai", f"system.base_url=http://127.0.0.1:{port}/v1", "system.api_key_env=null",
                     "system.cache=false", "reference=sample_deen", "metrics=[bleu]", "results_dir=/nonexistent/unused")
    assert time.monotonic() - start < 30  # the process start (Hydra, imports) included
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and re.fullmatch(  # requests run 4 at a time: any of the first segments may fail first
        rf"error: system 'openai-gpt-4o-mini': segment '.+'(\.\.\.)? failed: connection refused at http://127\.0\.0\.1:{port} "
        rf"\(no server there\? check base_url\)", lines[0]), lines
    assert "Retrying" not in out.stdout + out.stderr
