"""Shared fixtures for the reference-builder tests: the seed pair, the dictionary, one build."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.align.dictionary import DING_PATHS, Dictionary, load_ding
from harness.align.model import Alignment
from harness.align.pipeline import build
from harness.align.similarity import LexicalScorer

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "references" / "kas_colombia_nato"
SEED_DE = SEED / "raw" / "003_b429f8cd1567f7a1.txt"
SEED_EN = SEED / "raw" / "000_b395c5211dad3c30.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def ding() -> Dictionary:
    path = DING_PATHS[("de", "en")]
    if not path.is_file():
        pytest.skip("Debian package trans-de-en is not installed (apt-get install trans-de-en)")
    return load_ding(path)


@pytest.fixture(scope="session")
def seed_build(ding: Dictionary) -> Alignment:
    de, en = SEED_DE.read_text(encoding="utf-8"), SEED_EN.read_text(encoding="utf-8")
    return build(de, en, "de", "en", LexicalScorer("de", "en", ding), ding)


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_raw() -> tuple[Path, Path]:
    return SEED_DE, SEED_EN


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA
