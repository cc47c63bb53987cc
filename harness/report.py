"""``python -m harness.report reference=<name>``: regenerate a reference set's tables from stored runs."""

from __future__ import annotations

from pathlib import Path

import hydra
from omegaconf import DictConfig

from harness import leaderboard
from harness.cli import check_choices
from harness.errors import HarnessError, user_errors
from harness.publish import publish
from harness.references import load_reference
from harness.structure import check_unit, content_hash, results_name


@hydra.main(version_base="1.3", config_path="../conf", config_name="report")
def _main(cfg: DictConfig) -> None:
    with user_errors():
        reference = load_reference(cfg.reference)
        unit = check_unit(cfg.get("unit", "sentence"))
        reference_dir = Path(cfg.results_dir) / results_name(reference.name, unit)
        if not reference_dir.is_dir():
            raise HarnessError(f"no results for reference set {reference.name!r} under {cfg.results_dir}")
        board = publish(reference_dir, content_hash(reference, unit), cfg.report)
    print(leaderboard.to_markdown(board).rstrip())
    print(f"\nTables: {reference_dir}/leaderboard.{{md,csv,tex}}, leaderboard_long.csv, pairwise.md")
    if (reference_dir / "report.html").exists():
        print(f"Report: {reference_dir / 'report.html'}")


def main() -> None:
    check_choices()
    _main()


if __name__ == "__main__":
    main()
