"""Hydra callbacks: show the comparison table once, after a run or after a whole sweep."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hydra.experimental.callback import Callback
from omegaconf import DictConfig


class PrintLeaderboard(Callback):
    """Prints ``results/<reference>/leaderboard.md`` and where the tables are."""

    def _print(self, config: DictConfig) -> None:
        try:
            name = config.reference.name
            reference_dir = Path(config.results_dir) / str(name)
        except Exception:  # an invalid config was already reported by the job itself
            return
        table = reference_dir / "leaderboard.md"
        if table.exists():
            print()
            print(table.read_text(encoding="utf-8").rstrip())
            print(f"\nTables: {reference_dir}/leaderboard.{{md,csv,tex}}")
            if (reference_dir / "report.html").exists():
                print(f"Report: {reference_dir / 'report.html'}")

    def on_run_end(self, config: DictConfig, **kwargs: Any) -> None:
        self._print(config)

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        self._print(config)
