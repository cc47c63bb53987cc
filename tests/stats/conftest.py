"""Helpers for the significance tests: small seeded synthetic corpora and sacrebleu's CLI as the oracle."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]

_SYLLABLES = ["ka", "te", "ro", "mi", "sa", "lun", "ber", "ge", "ver", "st", "ion", "ung", "er", "an", "äu", "ß",
              "é", "Ω", "日本", "—"]


@dataclass
class Corpus:
    refs: list[str]
    systems: dict[str, list[str]]  # file name -> hypotheses, baseline first


def synthetic_corpus(segments: int, error_rates: dict[str, float], seed: int = 1) -> Corpus:
    """References from a Zipf-like vocabulary; each system a noisy copy (drops, substitutions, insertions).

    Close error rates give mid-range p-values, far ones tiny p-values.
    """
    rng = random.Random(seed)
    vocab = ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(400)]
    weights = [1 / (i + 1) for i in range(len(vocab))]
    refs = []
    for _ in range(segments):
        words = rng.choices(vocab, weights, k=rng.randint(3, 25))
        refs.append(" ".join(words).capitalize() + rng.choice([".", "?", "!", ",", " (x)."]))
    systems = {}
    for name, rate in error_rates.items():
        out = []
        for ref in refs:
            words = []
            for word in ref.split():
                x = rng.random()
                if x < rate / 3:
                    continue
                words.append(rng.choices(vocab, weights)[0] if x < 2 * rate / 3 else word)
                if rate * 2 / 3 <= x < rate:
                    words.append(rng.choice(vocab))
            out.append(" ".join(words) or vocab[0])
        systems[name] = out
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
