"""Tiny COMET checkpoints built once per session (random weights, no downloads) and an offline env."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.merge import stored_key
from harness.metrics.comet import COMET
from harness.metrics.comet_synthetic import CheckpointSpec, build_checkpoint

PROJECT_ROOT = Path(__file__).resolve().parents[2]

#: Triples of varied lengths (sorting and padding matter), including a duplicate and an empty hypothesis.
SOURCES = [
    "Die Regierung hat am Dienstag einen neuen Haushaltsplan vorgestellt.",
    "Kolumbien ist seit 2018 globaler Partner der NATO.",
    "Ja.",
    "Über 200 Offiziere nahmen an Übungen teil, sagte der Minister am Montag in Bogotá vor Journalisten.",
    "Der Bericht wurde gestern veröffentlicht.",
    "Die Zusammenarbeit mit dem Bündnis umfasst Ausbildung, Cyberabwehr und den Kampf gegen Minen.",
    "Kolumbien ist seit 2018 globaler Partner der NATO.",
    "Warum?",
]
HYPOTHESES = [
    "The government presented a new budget on Tuesday.",
    "Colombia is a global partner of NATO since 2018.",
    "Yes.",
    "More than 200 officers took part in exercises, the minister told journalists in Bogotá on Monday.",
    "",
    "The cooperation with the alliance covers training, cyber defence and the fight against mines.",
    "Colombia is a global partner of NATO since 2018.",
    "Why not?",
]
REFERENCES = [
    "The government presented a new budget plan on Tuesday.",
    "Colombia has been a global partner of NATO since 2018.",
    "Yes.",
    "Over 200 officers took part in exercises, the minister told journalists in Bogotá on Monday.",
    "The report was published yesterday.",
    "Cooperation with the alliance includes training, cyber defence and demining.",
    "Colombia has been a global partner of NATO since 2018.",
    "Why?",
]


@pytest.fixture(scope="session")
def checkpoints(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Model folders laid out like Hugging Face COMET repos: regression (wmt22-like), QE, XCOMET-like."""
    root = tmp_path_factory.mktemp("comet-models")
    specs = {
        "regression": CheckpointSpec("regression_metric"),
        "qe": CheckpointSpec("unified_metric", hparams={"input_segments": ["mt", "src"]}),
        "xcomet": CheckpointSpec("xcomet_metric"),
    }
    corpus = SOURCES + HYPOTHESES + REFERENCES
    for name, spec in specs.items():
        build_checkpoint(root / name, spec, corpus=corpus)
    return {name: root / name for name in specs}


@pytest.fixture(autouse=True)
def offline_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test: its own score cache, an empty Hugging Face home, and no network."""
    monkeypatch.setenv("MT_HARNESS_CACHE", str(tmp_path / "mt-cache"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hf-home" / "hub"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return tmp_path


def comet_key(model_dir: Path, key: str = "comet") -> str:
    """The scores.json key of ``metrics.<key>.model=<model_dir>``: a local checkpoint is a variant column."""
    return stored_key(key, COMET(model=str(model_dir), config_key=key))


def comet_column(model_dir: Path) -> str:
    """The leaderboard column of ``metrics.comet.model=<model_dir>``: ``COMET (model=<folder>-<hash>)``."""
    return f"COMET ({COMET(model=str(model_dir)).variant()})"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def run_harness(*args: str, timeout: float = 240) -> Run:
    """``python -m harness ...`` from the project root, in the (offline) environment of the test."""
    proc = subprocess.run([sys.executable, "-m", "harness", *args], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    return Run(proc.returncode, proc.stdout, proc.stderr)


def comet_predict(model_dir: Path, fields: tuple[str, ...] = ("src", "mt", "ref"), batch_size: int = 3):
    """Scores straight from COMET, the way its users call it."""
    from comet import load_from_checkpoint

    columns = {"src": SOURCES, "mt": HYPOTHESES, "ref": REFERENCES}
    data = [{f: columns[f][i] for f in fields} for i in range(len(SOURCES))]
    model = load_from_checkpoint(str(model_dir / "checkpoints" / "model.ckpt"), local_files_only=True)
    return model.predict(data, batch_size=batch_size, gpus=0, progress_bar=False)


@dataclass(frozen=True)
class Triples:
    src: list[str]
    mt: list[str]
    ref: list[str]


@pytest.fixture
def triples() -> Triples:
    return Triples(list(SOURCES), list(HYPOTHESES), list(REFERENCES))


@pytest.fixture
def predict_with_comet():
    """``predict_with_comet(model_dir, fields)``: COMET's own ``model.predict`` on the test triples."""
    return comet_predict


@pytest.fixture
def harness():
    """``harness(*overrides)`` runs ``python -m harness`` and returns returncode, stdout, stderr."""
    return run_harness
