"""One evaluation: reference set -> system -> metrics -> run record -> leaderboard."""

from __future__ import annotations

import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from hydra.utils import instantiate
from omegaconf import DictConfig, OmegaConf

from harness.publish import publish
from harness.errors import HarnessError
from harness.metrics import limits
from harness.metrics.base import Metric, MetricResult, MetricUnavailable
from harness.paths import check_name
from harness.redact import redact
from harness.records import RunRecord, read_scores, write_run
from harness.references import ReferenceSet, load_reference
from harness.stats import Options
from harness.translate import translate_reference
from systems.base import System

#: System config keys that name, route or speed up a run but do not change its outputs.
_NON_IDENTITY_KEYS = {
    "name", "cache", "batch_size", "concurrency", "timeout", "max_retries", "backoff", "max_wait", "threads",
    "api_key_env",
}


def build_system(cfg: DictConfig) -> System:
    system = instantiate(cfg)
    if not isinstance(system, System):
        raise HarnessError(f"system target {cfg.get('_target_')!r} is not a systems.base.System")
    check_name("system", system.name)
    return system


#: Default metrics already reported as left out in this process (a sweep says it once).
_NOTED: set[str] = set()


def named_metrics(overrides: list[str]) -> set[str] | None:
    """Metric keys the user named on the command line; None when ``metrics=[...]`` names them all."""
    named: set[str] = set()
    for override in overrides:
        key = override.split("=", 1)[0].lstrip("+~")
        if key == "metrics":
            return None
        if key.startswith("metrics."):
            named.add(key.split(".")[1])
    return named


def _command_line_overrides() -> list[str] | None:
    from hydra.core.hydra_config import HydraConfig

    return list(HydraConfig.get().overrides.task) if HydraConfig.initialized() else None


def build_metrics(cfg: DictConfig | None, overrides: list[str] | None = None) -> dict[str, Metric]:
    """Instantiate the chosen metrics.

    The default list is "all that are available": a default metric that cannot run here without a
    download (COMET whose model is not local) is left out with a note. Metrics the user names
    (``metrics=[...]`` or ``metrics.<key>.*=...``) always run, or are recorded unavailable.
    ``overrides`` are the command-line overrides; None (the API) means every metric was chosen.
    """
    if not cfg:
        raise HarnessError("no metrics selected; choose some, e.g. metrics=[bleu,chrf]")
    named = None if overrides is None else named_metrics(overrides)
    metrics = {}
    for key, metric_cfg in cfg.items():
        metric = instantiate(metric_cfg)
        if not isinstance(metric, Metric):
            raise HarnessError(f"metric target {metric_cfg.get('_target_')!r} is not a harness.metrics.Metric")
        # Stored with the result, so reports can rebuild the metric to rescore its statistics.
        metric.stored_config = OmegaConf.to_container(metric_cfg, resolve=True)
        if named is not None and key not in named and not metric.available_locally():
            if key not in _NOTED:
                _NOTED.add(key)
                print(f"note: {metric.name} left out of the default metrics: its model is not available locally; "
                      f"name it to fetch it (metrics=[{','.join(map(str, cfg))}]) or see the README", file=sys.stderr)
            continue
        metrics[str(key)] = metric
    return metrics


def identity_config(system_cfg: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in system_cfg.items() if k not in _NON_IDENTITY_KEYS}


def check_collision(run_dir: Path, system_cfg: dict[str, Any], overwrite: bool) -> None:
    """Two different configurations must not write under one system name."""
    previous = read_scores(run_dir)
    if previous is None or overwrite:
        return
    before = identity_config(previous.get("system", {}).get("config", {}))
    now = identity_config(system_cfg)
    if before != now:
        changed = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
        raise HarnessError(
            f"system name {run_dir.name!r} already holds results of a different configuration "
            f"(differs in: {', '.join(changed)}); set system.name=NEW_NAME, or overwrite=true to replace it"
        )


def score_all(metrics: dict[str, Metric], hyps: list[str], reference: ReferenceSet) -> dict[str, MetricResult]:
    """Run every metric; one that cannot run here is recorded as unavailable, the others still run."""
    results = {}
    for key, metric in metrics.items():
        start = time.perf_counter()
        too_long = limits.hypothesis_problem(key, metric, hyps)
        try:
            if too_long:
                raise MetricUnavailable(too_long)
            result = metric.score(hyps, reference.ref if metric.needs_reference else None, reference.src)
        except MetricUnavailable as exc:
            print(f"warning: {metric.name} unavailable: {exc}", file=sys.stderr)
            result = MetricResult.unavailable(metric.name, str(exc), metric.signature(), metric.higher_is_better)
        result.details["seconds"] = round(time.perf_counter() - start, 3)
        result.details.setdefault("config", getattr(metric, "stored_config", None))
        result.details.setdefault("segment_mean", metric.segment_mean)
        results[key] = result
    return results


def positive_int(cfg: DictConfig, key: str) -> int:
    value = cfg.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise HarnessError(f"{key} must be a whole number of at least 1, got {value!r}")
    return value


def evaluate(cfg: DictConfig, tables: bool = True, overrides: list[str] | None = None) -> tuple[RunRecord, Path]:
    """Run one system on one reference set and write its results; returns the record and its directory.

    ``tables=False`` leaves the reference set's tables and report alone: a sweep writes them once, at its end.
    ``overrides``: the job's command-line overrides when not this process's own (sharded scoring).
    """
    started = time.perf_counter()
    chunk_size = positive_int(cfg, "chunk_size")
    Options.from_mapping(OmegaConf.to_container(cfg.report, resolve=True))  # bad report.* fails before the run
    if not isinstance(cfg.get("overwrite"), bool):
        raise HarnessError(f"overwrite must be true or false, got {cfg.get('overwrite')!r}")
    reference = load_reference(cfg.reference)
    system = build_system(cfg.system)
    metrics = build_metrics(cfg.get("metrics"),  # metrics=[] leaves no key at all
                            _command_line_overrides() if overrides is None else overrides)
    limits.check_reference(metrics, reference)  # a segment too long for a metric stops us before translating
    system_cfg = redact(OmegaConf.to_container(cfg.system, resolve=True))  # stored: no credentials in URLs
    system_cfg["name"] = system.name
    reference_dir = Path(cfg.results_dir) / reference.name
    run_dir = reference_dir / system.name
    check_collision(run_dir, system_cfg, cfg.overwrite)  # early, before any time is spent; again when writing

    t0 = time.perf_counter()
    hyps = translate_reference(system, reference, chunk_size=chunk_size, cache_dir=cfg.get("cache_dir"))
    translate_seconds = time.perf_counter() - t0
    results = score_all(metrics, hyps, reference)

    from harness.provenance import git_commit, package_versions

    info = {
        "system": {"name": system.name, "fingerprint": system.fingerprint, "config": system_cfg},
        "reference": {
            "name": reference.name,
            "content_hash": reference.content_hash,
            "segments": len(reference),
            "src_lang": reference.src_lang,
            "tgt_lang": reference.tgt_lang,
        },
        "metrics": {key: result.summary() for key, result in results.items()},
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "timings": {
            "translate_seconds": round(translate_seconds, 3),
            "total_seconds": round(time.perf_counter() - started, 3),
        },
        "versions": package_versions(),
        "git_commit": git_commit(),
    }
    record = RunRecord(system.name, hyps, results, info)
    write_run(run_dir, reference, record, check=lambda: check_collision(run_dir, system_cfg, cfg.overwrite))
    if tables:
        publish(reference_dir, reference.content_hash, cfg.report)
    return record, run_dir
