"""A run killed with SIGKILL mid-way and started again: every segment translated exactly once overall,
and the results equal those of an uninterrupted run. The key never reaches the disk."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from harness.paths import PROJECT_ROOT
from harness.references import read_segments

KEY = "sk-crash-test-SECRET-42"
SOURCE = read_segments(PROJECT_ROOT / "references/sample_deen/aligned.de")


def command(api, results: Path) -> list[str]:
    return [
        sys.executable, "-m", "harness", "system=openai", "system.model=m",
        f"system.base_url={api.url}/v1", "system.api_key_env=TEST_API_KEY", "system.concurrency=2",
        "system.backoff=0.01", "system.timeout=10", "reference=sample_deen", "metrics=[chrf]",
        f"results_dir={results}",
    ]


def environment(cache: Path) -> dict[str, str]:
    return {**os.environ, "MT_HARNESS_CACHE": str(cache), "TEST_API_KEY": KEY}


def cached_rows(cache: Path) -> int:
    path = cache / "translations.sqlite"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM translations").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def files_under(*roots: Path) -> list[Path]:
    return [p for root in roots for p in root.rglob("*") if p.is_file()]


def test_sigkill_then_resume_translates_each_segment_once(api, tmp_path):
    cache, results = tmp_path / "cache", tmp_path / "results"
    api.hold_after = 5
    run = subprocess.Popen(command(api, results), env=environment(cache), cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: api.held.is_set() and cached_rows(cache) == 5)
    finally:
        run.send_signal(signal.SIGKILL)
        first_output = run.communicate()[0].decode()
    assert run.returncode == -signal.SIGKILL
    assert not (results / "sample_deen" / "openai-m").exists()

    api.hold_after = None
    api.released.set()
    done = subprocess.run(command(api, results), env=environment(cache), cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    unique = set(SOURCE)
    assert set(api.answered) == unique
    assert all(count == 1 for count in api.answered.values()), api.answered

    again = subprocess.run(command(api, results), env=environment(cache), cwd=tmp_path,
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert all(count == 1 for count in api.answered.values()), "a finished re-run sent requests"

    clean_cache, clean_results = tmp_path / "cache2", tmp_path / "results2"
    clean = subprocess.run(command(api, clean_results), env=environment(clean_cache), cwd=tmp_path,
                           capture_output=True, text=True, timeout=120)
    assert clean.returncode == 0, clean.stderr
    resumed_dir = results / "sample_deen" / "openai-m"
    clean_dir = clean_results / "sample_deen" / "openai-m"
    hyps = (resumed_dir / "hypotheses.en").read_text(encoding="utf-8").splitlines()
    assert hyps == [api.expected(s) for s in SOURCE]
    assert hyps == (clean_dir / "hypotheses.en").read_text(encoding="utf-8").splitlines()
    resumed_scores = json.loads((resumed_dir / "scores.json").read_text())["metrics"]["chrf"]["score"]
    clean_scores = json.loads((clean_dir / "scores.json").read_text())["metrics"]["chrf"]["score"]
    assert resumed_scores == clean_scores

    written = files_under(cache, results, clean_cache, clean_results)
    assert any(p.name == "translations.sqlite" for p in written)
    assert not [p for p in written if KEY.encode() in p.read_bytes()]
    for output in (first_output, done.stdout, done.stderr, again.stdout, clean.stdout, clean.stderr):
        assert KEY not in output


def test_two_runs_at_once_share_one_cache(api, tmp_path):
    """Two jobs (as a parallel multirun launcher starts them) on one cache file: both finish, agree,
    and no segment is requested more than once per job."""
    cache = tmp_path / "cache"
    runs = [
        subprocess.Popen(command(api, tmp_path / f"results{i}"), env=environment(cache), cwd=tmp_path,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for i in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    hyps = [(tmp_path / f"results{i}/sample_deen/openai-m/hypotheses.en").read_text(encoding="utf-8") for i in range(2)]
    assert hyps[0] == hyps[1] == "".join(f"{api.expected(s)}\n" for s in SOURCE)
    assert set(api.answered) == set(SOURCE) and max(api.answered.values()) <= 2
    assert cached_rows(cache) == len(set(SOURCE))


def test_cache_false_on_the_command_line_sends_everything_every_time(api, tmp_path):
    cache = tmp_path / "cache"
    for _ in range(2):
        done = subprocess.run([*command(api, tmp_path / "results"), "system.cache=false"], env=environment(cache),
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    assert sum(api.answered.values()) == 2 * len(SOURCE)
    assert cached_rows(cache) == 0
