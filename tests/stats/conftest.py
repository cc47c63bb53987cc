"""Helpers for the significance tests: small seeded synthetic corpora and sacrebleu's CLI as the oracle."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]

_SYLLABLES = ["ka", "te", "ro", "mi", "sa", "lun", "ber", "ge", "ver", "st", "ion", "ung", "er", "an", "äu", "ß",
              "é", "Ω", "日本", "—"]


def _load_bench():
    """bench/bench_significance.py's data generator (one generator for the benchmark and the tests)."""
    spec = importlib.util.spec_from_file_location("bench_significance", PROJECT_ROOT / "bench" / "bench_significance.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class Corpus:
    refs: list[str]
    systems: dict[str, list[str]]  # file name -> hypotheses, baseline first


def synthetic_corpus(segments: int, error_rates: dict[str, float], seed: int = 1) -> Corpus:
    """Short segments from a small, partly non-Latin vocabulary; each system a noisy copy of the reference.

    Close error rates give mid-range p-values, far ones tiny p-values.
    """
    refs, systems = _load_bench().synthesize(segments, error_rates, seed=seed, syllables=_SYLLABLES, vocabulary=400,
                                             words=2.3, word_syllables=(1, 1, 2, 2, 2, 3))
    return Corpus(refs, systems)


def write_corpus(corpus: Corpus, directory: Path) -> tuple[Path, list[Path]]:
    directory.mkdir(parents=True, exist_ok=True)
    ref = directory / "ref.txt"
    ref.write_text("\n".join(corpus.refs) + "\n", encoding="utf-8")
    paths = []
    for name, hyps in corpus.systems.items():
        path = directory / name
        path.write_text("\n".join(hyps) + "\n", encoding="utf-8")
        paths.append(path)
    return ref, paths


def run_sacrebleu(ref: Path, systems: list[Path], *args: str, seed: int = 12345) -> list[dict]:
    """``sacrebleu REF -i A B ... -f json ARGS`` with SACREBLEU_SEED; its JSON rows, baseline first."""
    env = {**os.environ, "SACREBLEU_SEED": str(seed)}
    proc = subprocess.run([sys.executable, "-m", "sacrebleu", str(ref), "-i", *map(str, systems), "-f", "json",
                           *args], capture_output=True, text=True, env=env, timeout=300, cwd=ref.parent)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def run_module(module: str, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run([sys.executable, "-m", module, *args], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=timeout, env=env)


@pytest.fixture(scope="module")
def close_corpus() -> Corpus:
    """Three systems, two of them close (p-values not all at the floor)."""
    return synthetic_corpus(60, {"a.txt": 0.30, "b.txt": 0.30, "c.txt": 0.45}, seed=1)


@pytest.fixture(scope="session")
def make_corpus():
    return synthetic_corpus


@pytest.fixture(scope="session")
def sacrebleu_cli():
    return run_sacrebleu


@pytest.fixture(scope="session")
def save_corpus():
    return write_corpus


@pytest.fixture(scope="session")
def module_runner():
    return run_module
