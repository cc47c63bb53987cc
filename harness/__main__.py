"""``python -m harness system=... reference=... metrics=[...]``: evaluate one system (or sweep with -m)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import hydra
from omegaconf import DictConfig

from harness.cli import check_choices
from harness.errors import user_errors
from harness.paths import CONF_DIR


def _sweep_job(cfg: DictConfig) -> tuple[Any, Path, str]:
    """One job of a sweep: the run only; tables and report wait for the end of the sweep."""
    from harness.evaluate import evaluate

    record, run_dir = evaluate(cfg, tables=False)
    _print_scores(record, run_dir)
    return record, run_dir, record.info["reference"]["content_hash"]


def _print_scores(record: Any, run_dir: Path) -> None:
    scores = "  ".join(
        f"{m.name} {m.score:.2f}" if m.available else f"{m.name} n/a" for m in record.metrics.values()
    )
    print(f"{record.system_name}: {scores}  -> {run_dir}")


# An absolute path: the ``mt-harness`` console script imports this module by name, and Hydra would then
# look for a "conf" Python package instead of the folder.
@hydra.main(version_base="1.3", config_path=str(CONF_DIR), config_name="config")
def _main(cfg: DictConfig) -> dict[str, Any] | None:
    from harness import sweep

    if sweep.in_sweep():
        return sweep.run_job(cfg, _sweep_job)
    from harness.evaluate import evaluate

    with user_errors():
        record, run_dir = evaluate(cfg)
    _print_scores(record, run_dir)
    return None


def main() -> None:
    check_choices()
    _main()


if __name__ == "__main__":
    main()
