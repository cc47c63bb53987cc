"""``python -m harness system=... reference=... metrics=[...]``: evaluate one system (or sweep with -m)."""

from __future__ import annotations

import hydra
from omegaconf import DictConfig

from harness.cli import check_choices
from harness.errors import user_errors


@hydra.main(version_base="1.3", config_path="../conf", config_name="config")
def _main(cfg: DictConfig) -> None:
    from harness.evaluate import evaluate

    with user_errors():
        record, run_dir = evaluate(cfg)
    scores = "  ".join(
        f"{m.name} {m.score:.2f}" if m.available else f"{m.name} n/a" for m in record.metrics.values()
    )
    print(f"{record.system_name}: {scores}  -> {run_dir}")


def main() -> None:
    check_choices()
    _main()


if __name__ == "__main__":
    main()
