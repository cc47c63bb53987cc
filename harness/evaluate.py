"""One evaluation: reference set -> system -> metrics -> run record -> leaderboard."""

from __future__ import annotations

import dataclasses
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from hydra.utils import instantiate
from omegaconf import DictConfig, OmegaConf

from harness.errors import HarnessError
from harness.metrics import limits
from harness.merge import merged_with, stored_key, stored_run, stored_unit_notes
from harness.metrics.base import Metric, MetricResult, MetricUnavailable
from harness.paths import check_name
from harness.redact import redact
from harness.records import RunRecord, read_scores, write_run
from harness.references import ReferenceSet, load_reference
from harness import unit_eval
from harness.stats import Options
from harness.structure import check_unit, configured_unit, content_hash, results_name
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


#: Runs at least this long say when each metric starts and ends (TER on 20k long segments takes minutes).
ANNOUNCE_SEGMENTS = 2000

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


def with_target_language(metric_cfg: DictConfig, tgt_lang: str | None) -> DictConfig:
    """A metric configured with ``trg_lang: null`` (BLEU) gets the reference set's target language."""
    if tgt_lang and "trg_lang" in metric_cfg and metric_cfg.get("trg_lang") is None:
        return OmegaConf.merge(metric_cfg, {"trg_lang": tgt_lang})
    return metric_cfg


def build_metrics(cfg: DictConfig | None, overrides: list[str] | None = None,
                  tgt_lang: str | None = None) -> dict[str, Metric]:
    """Instantiate the chosen metrics.

    The default list is "all that are available": a default metric that cannot run here without a
    download (COMET whose model is not local) is left out with a note. Metrics the user names
    (``metrics=[...]`` or ``metrics.<key>.*=...``) always run, or are recorded unavailable.
    ``overrides`` are the command-line overrides; None (the API) means every metric was chosen.
    ``tgt_lang`` is the reference set's target language (BLEU's default tokenizer follows it).
    """
    if not cfg:
        raise HarnessError("no metrics selected; choose some, e.g. metrics=[bleu,chrf]")
    named = None if overrides is None else named_metrics(overrides)
    metrics = {}
    left_out: list[str] = []
    for key, metric_cfg in cfg.items():
        metric_cfg = with_target_language(metric_cfg, tgt_lang)
        metric = instantiate(metric_cfg)
        if not isinstance(metric, Metric):
            raise HarnessError(f"metric target {metric_cfg.get('_target_')!r} is not a harness.metrics.Metric")
        # Stored with the result, so reports can rebuild the metric to rescore its statistics.
        metric.stored_config = OmegaConf.to_container(metric_cfg, resolve=True)
        if metric.variant():  # another column than the metric at its defaults: "BLEU (tokenize=intl)"
            metric.name = f"{metric.name} ({metric.variant()})"
        if named is not None and key not in named and not metric.available_locally():
            if key not in _NOTED:
                _NOTED.add(key)
                left_out.append(metric.name)
            continue
        metrics[str(key)] = metric
    if left_out:  # one note for all of them
        one = len(left_out) == 1
        print(f"note: {', '.join(left_out)} left out of the default metrics: "
              f"{'its model is' if one else 'their models are'} not available locally; "
              f"name {'it' if one else 'them'} to fetch {'it' if one else 'them'} "
              f"(metrics=[{','.join(map(str, cfg))}]) or see the README", file=sys.stderr)
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
        if len(hyps) >= ANNOUNCE_SEGMENTS:  # long work says what it is doing, on a terminal or in a log
            print(f"scoring {metric.name} on {len(hyps):,} segments ...", file=sys.stderr, flush=True)
        too_long = limits.hypothesis_problem(key, metric, hyps)
        if metric.needs_reference:
            metric.num_refs = len(reference.refs)
        try:
            if too_long:
                raise MetricUnavailable(too_long)
            result = metric.score_references(hyps, reference.refs if metric.needs_reference else None,
                                             reference.src)
        except MetricUnavailable as exc:
            print(f"warning: {metric.name} unavailable: {exc}", file=sys.stderr)
            result = MetricResult.unavailable(metric.name, str(exc), metric.signature(), metric.higher_is_better)
        result.details["seconds"] = round(time.perf_counter() - start, 3)
        if len(hyps) >= ANNOUNCE_SEGMENTS:
            print(f"scored {metric.name} in {result.details['seconds']:.1f} s", file=sys.stderr, flush=True)
        result.details.setdefault("config", getattr(metric, "stored_config", None))
        result.details.setdefault("segment_mean", metric.segment_mean)
        results[key] = result
    return results


def positive_int(cfg: DictConfig, key: str) -> int:
    value = cfg.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise HarnessError(f"{key} must be a whole number of at least 1, got {value!r}")
    return value


def limited(reference: ReferenceSet, limit: Any) -> ReferenceSet:
    """``limit=N``: the first N segments, as a reference set of its own (``<name>.first<N>``), so a trial run
    never mixes with, or replaces, the full set's results."""
    if limit is None:
        return reference
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise HarnessError(f"limit must be a whole number of at least 1 (or null for all segments), got {limit!r}")
    if limit >= len(reference):
        return reference
    return dataclasses.replace(reference, name=f"{reference.name}.first{limit}", src=reference.src[:limit],
                               ref=reference.ref[:limit])


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
    reference = limited(load_reference(cfg.reference), cfg.get("limit"))
    system = build_system(cfg.system)
    metrics = build_metrics(cfg.get("metrics"),  # metrics=[] leaves no key at all
                            _command_line_overrides() if overrides is None else overrides, reference.tgt_lang)
    limits.check_reference(metrics, reference)  # a segment too long for a metric stops us before translating
    system_cfg = redact(OmegaConf.to_container(cfg.system, resolve=True))  # stored: no credentials in URLs
    system_cfg["name"] = system.name
    unit = configured_unit(cfg)
    if unit != check_unit(cfg.get("unit", "sentence")):
        print(f"note: system {system.name!r} is not sentence-segmented (system.segmented=false): "
              f"evaluated with unit={unit}", file=sys.stderr)
    # A paragraph- or document-level run gets its own tables: its scores are not comparable row by row.
    reference_dir = Path(cfg.results_dir) / results_name(reference.name, unit)
    run_dir = reference_dir / system.name
    check_collision(run_dir, system_cfg, cfg.overwrite)  # early, before any time is spent; again when writing

    t0 = time.perf_counter()
    unit_run = None
    if unit == "sentence":
        hyps = translate_reference(system, reference, chunk_size=chunk_size, cache_dir=cfg.get("cache_dir"))
    else:
        unit_run = unit_eval.run_units(system, reference, unit, chunk_size, cfg.get("cache_dir"))
        hyps = unit_run.hyps
    translate_seconds = time.perf_counter() - t0
    scored = score_all(metrics, hyps, reference)
    results = {stored_key(key, metrics[key]): result for key, result in scored.items()}
    unit_results: dict[str, MetricResult] = {}
    if unit_run is not None:
        unit_eval.tag(results, unit, unit_level=False)
        over_units, skipped = unit_eval.unit_metrics(metrics, unit_run)
        unit_run.notes.extend(skipped)
        scored_units = score_all(over_units, unit_run.unit_hyps, unit_run.units.reference)
        unit_results = {unit_eval.UNIT_KEY + stored_key(key, metrics[key]): result
                        for key, result in scored_units.items()}
        unit_eval.tag(unit_results, unit, unit_level=True)

    from harness.provenance import git_commit, package_versions

    info = {
        "system": {"name": system.name, "fingerprint": system.fingerprint, "config": system_cfg},
        "reference": {
            "name": reference.name,
            "content_hash": content_hash(reference, unit),
            "segments": len(reference),
            "src_lang": reference.src_lang,
            "tgt_lang": reference.tgt_lang,
        },
        "metrics": {},  # filled when written: with the stored run's other metrics (harness.merge)
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "timings": {
            "translate_seconds": round(translate_seconds, 3),
            "total_seconds": round(time.perf_counter() - started, 3),
        },
        "versions": package_versions(),
        "git_commit": git_commit(),
    }

    def with_stored_metrics(record: RunRecord) -> RunRecord:
        """The stored run's other metrics of the same outputs kept (:mod:`harness.merge`), unit-level ones too."""
        previous = stored_run(run_dir, content_hash(reference, unit), record.hyps)
        record.metrics = merged_with(previous, record.metrics)
        record.info["metrics"] = {key: result.summary() for key, result in record.metrics.items()}
        if unit_run is not None:
            units = merged_with(previous, unit_results, section="unit")
            unit_run.notes[:] = [*dict.fromkeys([*unit_run.notes, *stored_unit_notes(previous, units)])]
            record.info["unit"] = unit_eval.info(unit_run, units)
            record.extra_stats = units
            record.files = {unit_eval.UNITS_FILE: unit_eval.units_table(unit_run, units)}
        return record

    record = write_run(run_dir, reference, RunRecord(system.name, hyps, results, info),
                       check=lambda: check_collision(run_dir, system_cfg, cfg.overwrite), prepare=with_stored_metrics)
    if tables:
        from harness.publish import publish  # pandas and the report: only when tables are written

        publish(reference_dir, content_hash(reference, unit), cfg.report)
    return record, run_dir
