"""``python -m harness system=... reference=... metrics=[...]``: evaluate one system (or sweep with -m)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import hydra
from omegaconf import DictConfig

from harness.cli import check_choices
from harness.errors import user_errors
from harness.paths import CONF_DIR


def _sweep_job(cfg: DictConfig) -> tuple[Any, Path, str] | dict[str, Any]:
    """One job of a sweep: the run only; tables and report wait for the end of the sweep. A shard
    (``shard=i/N``) translates its part into the cache; the sweep scores the system when all are in."""
    from harness import shards
    from harness.evaluate import evaluate

    shard = shards.parse(cfg.get("shard"))
    if shard is not None:
        return shards.translate_shard(cfg, shard)
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
    from harness import shards
    from harness.evaluate import evaluate

    with user_errors():
        shard = shards.parse(cfg.get("shard"))
        if shard is not None:
            shards.translate_shard(cfg, shard)
            print("scores: run the same command without shard= once every shard is in (translations come from the cache)")
            return None
        record, run_dir = evaluate(cfg)
    _print_scores(record, run_dir)
    return None


def main() -> None:
    check_choices()
    _main()


if __name__ == "__main__":
    main()
