"""A sweep is a set of independent jobs (local, joblib or SLURM through Hydra's launchers); what needs
all of them — tables, report.html, the summary — runs once, in the launching process, at the end.

Each job leaves ``outcome.json`` in its Hydra job directory (``<sweep dir>/<job number>/``) saying
whether it finished, where its run went and, if it failed, why. A job that fails records its error
and returns normally, so the launcher goes on with the others (a Python exception inside a SLURM
job shows as COMPLETED to SLURM: the outcome file is what says it failed).
"""

from __future__ import annotations

import json
import os
import socket
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from omegaconf import DictConfig, OmegaConf

from harness import atomic, baseline_choice, cache
from harness.errors import EXIT_USER_ERROR, HarnessError, user_message

OUTCOME = "outcome.json"
#: Exit status of a sweep in which a job failed for a reason other than a user error.
EXIT_JOB_FAILED = 1


def in_sweep() -> bool:
    """True inside a job of a multirun (any launcher), where tables wait for the end of the sweep."""
    from hydra.core.hydra_config import HydraConfig
    from hydra.types import RunMode

    return HydraConfig.initialized() and HydraConfig.get().mode == RunMode.MULTIRUN


def _job() -> tuple[int, list[str], Path]:
    from hydra.core.hydra_config import HydraConfig

    hydra = HydraConfig.get()
    return int(hydra.job.num), list(hydra.overrides.task), Path(hydra.runtime.output_dir)


def _where() -> dict[str, Any]:
    """Which machine and, under SLURM, which job ran this (the test checks every job was a SLURM job)."""
    where: dict[str, Any] = {"host": socket.gethostname(), "pid": os.getpid()}
    if os.environ.get("SLURM_JOB_ID"):
        where["slurm_job_id"] = os.environ["SLURM_JOB_ID"]
    return where


CACHE_MODES = ("auto", "shared", "per_job")


def job_cache_tag(cfg: DictConfig) -> str | None:
    """The name of this job's own cache files, or None to write the shared ones (``cache_mode``).

    auto: own files inside a SLURM job (nodes may share cache_dir over a network filesystem, where
    sqlite's locks cannot be trusted), the shared file otherwise.
    """
    mode = cfg.get("cache_mode", "auto")
    if mode not in CACHE_MODES:
        raise HarnessError(f"cache_mode must be one of {', '.join(CACHE_MODES)}, got {mode!r}")
    slurm_job = os.environ.get("SLURM_JOB_ID")
    if mode == "shared" or (mode == "auto" and not slurm_job):
        return None
    return f"{slurm_job or socket.gethostname()}-{os.getpid()}"


def known_caches(cfg: DictConfig) -> set[Path]:
    """The shared cache files a sweep with this config uses by default (translations, COMET scores)."""
    from harness.translate import CACHE_FILE

    root = Path(str(cfg.cache_dir)).expanduser() if cfg.get("cache_dir") else cache.default_cache_dir()
    return {root / CACHE_FILE, cache.default_cache_dir() / "comet" / "comet.sqlite"}


def merge_caches(paths: set[Path]) -> None:
    """Fold the job files of each shared cache into it (run where no job writes: start and end of a sweep)."""
    for path in sorted(paths):
        files, rows = cache.merge_job_files(path)
        if files:
            print(f"caches: merged {files} job file(s), {rows} new entries, into {path}")


def run_job(cfg: DictConfig,
            evaluate: Callable[[DictConfig], tuple[Any, Path, str] | dict[str, Any]]) -> dict[str, Any]:
    """Run one job of a sweep; its outcome (finished, or failed with the reason) goes to outcome.json.

    ``evaluate(cfg)`` returns (record, run directory, reference content hash), or for a shard a dict
    of what it translated. Errors are recorded,
    printed as one ``error:`` line, and not raised, so the other jobs of the sweep still run. Returns the
    outcome (small: it is what a launcher such as submitit sends back).
    """
    num, overrides, job_dir = _job()
    outcome: dict[str, Any] = {"job": num, "overrides": overrides, **_where(),
                               "report": OmegaConf.to_container(cfg.report, resolve=True) if "report" in cfg else None}
    try:
        cache.write_per_job(job_cache_tag(cfg))
        result = evaluate(cfg)
        if isinstance(result, dict):  # one shard's translations (harness.shards): scored at the end
            outcome.update(status="finished", shard=result)
        else:
            _, run_dir, content_hash = result
            outcome.update(status="finished", run_dir=str(run_dir), reference_dir=str(run_dir.parent),
                           content_hash=content_hash)
    except (Exception, SystemExit) as exc:
        message = user_message(exc)
        if message is None:
            traceback.print_exc()
            message = f"{type(exc).__name__}: {exc}"
        print(f"error: {message}", file=sys.stderr)
        outcome.update(status="failed", error=message, user_error=user_message(exc) is not None)
    finally:
        cache.write_per_job(None)
    outcome["caches"] = sorted(str(path) for path in cache.written_per_job)
    atomic.write_json(job_dir / OUTCOME, outcome)
    return outcome


@dataclass
class Summary:
    """What a sweep's jobs left behind."""

    finished: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if not self.failed:
            return 0
        return EXIT_USER_ERROR if all(job.get("user_error") for job in self.failed) else EXIT_JOB_FAILED


def read_outcomes(sweep_dir: Path) -> Summary:
    """Every job's outcome.json under the sweep directory, in job order."""
    summary = Summary()
    jobs = []
    for path in sweep_dir.glob(f"*/{OUTCOME}"):
        try:
            jobs.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    for job in sorted(jobs, key=lambda j: j.get("job", 0)):
        (summary.finished if job.get("status") == "finished" else summary.failed).append(job)
    return summary


def reference_sets(summary: Summary) -> dict[Path, dict[str, Any]]:
    """One entry per reference set the finished jobs wrote to (its content hash and report options)."""
    sets: dict[Path, dict[str, Any]] = {}
    for job in summary.finished:
        if "reference_dir" in job:  # a shard job wrote no run
            sets.setdefault(Path(job["reference_dir"]), job)
    return sets


def finish(sweep_dir: Path, publish: Callable[[Path, str | None, Any], Any], show: Callable[[Path], None],
           caches: set[Path] = frozenset(), score_shards: Callable[..., tuple[list, list[str]]] | None = None) -> Summary:
    """After the last job: merge the jobs' cache files, score sharded systems whose shards are all in
    (``score_shards``, :func:`harness.shards.score_complete`), write each reference set's tables and
    report once, show them, name failed jobs. ``caches``: shared cache files to merge besides those
    the jobs name."""
    summary = read_outcomes(sweep_dir)
    jobs = summary.finished + summary.failed
    merge_caches(set(caches) | {Path(p) for job in jobs for p in job.get("caches", [])})
    unscored: list[str] = []
    if score_shards is not None:
        scored, unscored = score_shards(summary.finished, summary.failed)
        summary.finished += [job for job in scored if job["status"] == "finished"]
        summary.failed += [job for job in scored if job["status"] != "finished"]
    for reference_dir, job in reference_sets(summary).items():
        if not (job.get("report") or {}).get("baseline") and job.get("run_dir"):
            baseline_choice.first_of_sweep(reference_dir, Path(job["run_dir"]))  # job order, not finishing order
        publish(reference_dir, job.get("content_hash"), job.get("report"))
        show(reference_dir)
    total = len(summary.finished) + len(summary.failed)
    if summary.failed:
        print(f"\nsweep: {len(summary.failed)} of {total} jobs failed (the others finished):", file=sys.stderr)
        for job in summary.failed:
            slurm = f" (SLURM job {job['slurm_job_id']})" if job.get("slurm_job_id") else ""
            print(f"  #{job['job']}{slurm} {' '.join(job['overrides'])}: {job['error']}", file=sys.stderr)
        if (sweep_dir / ".submitit").is_dir():
            print(f"  job logs: {sweep_dir}/.submitit/<SLURM job id>/", file=sys.stderr)
    for line in unscored:
        print(f"shards: {line}", file=sys.stderr)
    return summary
