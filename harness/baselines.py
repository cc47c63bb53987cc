"""``python -m harness.baselines update|check reference=<name>``: maintain score regression baselines.

``update`` shows what would change (scores, signatures, reference hash), then rewrites
``<baselines_dir>/<reference>.yaml``; ``check`` prints the regression diff and exits 1 on a regression.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import hydra
from omegaconf import DictConfig, OmegaConf

from harness.cli import check_choices
from harness.errors import user_errors
from harness.paths import resolve
from harness.regression import (
    Baseline,
    RunScores,
    SystemBaseline,
    compare,
    diff_baselines,
    format_findings,
    load_baseline,
    read_runs,
    runs_dir,
    run_systems,
    save_baseline,
    updated_baseline,
)

COMMANDS = ("update", "check")
_command = "check"


def _observed(cfg: DictConfig, plan: Baseline, scratch: Path) -> dict[str, RunScores]:
    if cfg.run:
        print(f"running {', '.join(plan.systems)} on {plan.reference} ...", file=sys.stderr)
        return run_systems(plan, scratch)
    return read_runs(runs_dir(plan, cfg.results_dir))


def _plan(cfg: DictConfig, old: Baseline | None, reference: str) -> Baseline:
    """What to run: the old file's systems and metrics unless the command line names others."""
    systems = list(cfg.systems) if cfg.systems is not None else list(old.systems) if old else list(cfg.new_file_systems)
    metrics = list(cfg.metrics) if cfg.metrics is not None else old.metrics if old else list(cfg.new_file_metrics)
    entries = {s: old.systems[s] if old and s in old.systems else SystemBaseline([f"system={s}"]) for s in systems}
    return Baseline(reference, old.content_hash if old else None, metrics, {}, entries,
                    old.overrides if old else [])


def update(cfg: DictConfig, path: Path) -> None:
    reference = str(cfg.reference.name)
    old = load_baseline(path) if path.exists() else None
    plan = _plan(cfg, old, reference)
    with tempfile.TemporaryDirectory(prefix="mt-harness-baselines-") as scratch:
        runs = _observed(cfg, plan, Path(scratch))
    tolerances = {str(k): float(v) for k, v in OmegaConf.to_container(cfg.tolerances).items()}
    new = updated_baseline(old, reference, runs, list(plan.systems), plan.metrics, tolerances)
    print(f"{path}{'' if old else ' (new file)'}:")
    print(diff_baselines(old, new))
    if cfg.dry_run:
        print("dry run: nothing written")
        return
    save_baseline(path, new)
    print(f"wrote {path}")


def check(cfg: DictConfig, path: Path) -> bool:
    baseline = load_baseline(path)
    with tempfile.TemporaryDirectory(prefix="mt-harness-baselines-") as scratch:
        runs = _observed(cfg, baseline, Path(scratch))
    findings = compare(baseline, runs)
    print(format_findings(baseline.reference, findings))
    return not findings


@hydra.main(version_base="1.3", config_path="../conf", config_name="baselines")
def _main(cfg: DictConfig) -> None:
    with user_errors():
        path = resolve(cfg.baselines_dir) / f"{cfg.reference.name}.yaml"
        if _command == "update":
            update(cfg, path)
            return
        if not check(cfg, path):
            sys.exit(1)


def main() -> None:
    global _command
    args = sys.argv[1:]
    commands = [a for a in args if a in COMMANDS]
    if len(commands) != 1 or args[0] not in COMMANDS:
        print("usage: python -m harness.baselines {update|check} reference=NAME [run=false] [systems=[a,b]] ...",
              file=sys.stderr)
        sys.exit(2)
    _command = commands[0]
    sys.argv = [sys.argv[0], *args[1:]]
    check_choices()
    _main()


if __name__ == "__main__":
    main()
