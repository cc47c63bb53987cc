"""Hydra callbacks: show the comparison table once, after a run; after a sweep, write and show every
reference set's tables once and name the jobs that failed."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hydra.experimental.callback import Callback
from omegaconf import DictConfig, OmegaConf

from harness.errors import user_message


def show_tables(reference_dir: Path) -> None:
    """Print ``leaderboard.md`` of one reference set and where its tables and report are."""
    table = reference_dir / "leaderboard.md"
    if table.exists():
        print(f"\nReference set {reference_dir.name}:\n")  # a sweep over several sets prints one table each
        print(table.read_text(encoding="utf-8").rstrip())
        print(f"\nTables: {reference_dir}/leaderboard.{{md,csv,tex}}, leaderboard_long.csv, pairwise.md")
        if (reference_dir / "report.html").exists():
            print(f"Report: {reference_dir / 'report.html'}")


class PrintLeaderboard(Callback):
    """Tables of a single run are written by the run; those of a sweep here, once, when all jobs are in."""

    def on_run_end(self, config: DictConfig, **kwargs: Any) -> None:
        try:
            from harness.structure import configured_unit, results_name

            reference_dir = Path(config.results_dir) / results_name(str(config.reference.name), configured_unit(config))
        except Exception:  # an invalid config was already reported by the job itself
            return
        show_tables(reference_dir)

    def on_multirun_start(self, config: DictConfig, **kwargs: Any) -> None:
        from harness import launchers, sweep

        # Job cache files left by jobs killed in an earlier sweep: merged now, so their work is reused.
        sweep.merge_caches(sweep.known_caches(config))
        launcher = config.hydra.launcher
        if str(launcher.get("_target_", "")).endswith(".SlurmLauncher"):
            try:
                launchers.check_slurm_request(OmegaConf.to_container(launcher, resolve=True))
            except Exception as exc:
                message = user_message(exc)
                if message is None:
                    raise
                print(f"error: {message}", file=sys.stderr)
                sys.exit(2)
            launchers.quiet_sacct()

    def on_multirun_end(self, config: DictConfig, **kwargs: Any) -> None:
        from functools import partial

        from harness import shards, sweep
        from harness.publish import publish

        summary = sweep.finish(Path(config.hydra.sweep.dir), publish, show_tables, sweep.known_caches(config),
                               partial(shards.score_complete, evaluate=shards.evaluate_overrides))
        if summary.exit_code:
            sys.exit(summary.exit_code)
