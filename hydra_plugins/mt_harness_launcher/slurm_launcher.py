"""Hydra's submitit SLURM launcher, except that a job SLURM ended without a result (out of memory, time
limit, node failure, a kill) is recorded as failed instead of ending the sweep.

The plugin collects results with ``[job.results()[0] for job in jobs]``: the first such job raises, the
launching process stops waiting for the others, and nothing writes the tables. Here every job is
waited for; a lost one gets an ``outcome.json`` saying so, and the sweep's end names it. submitit learns
that a job ended from ``sacct``; on a cluster without accounting it would wait for a lost job forever,
so a job that has left the queue (``squeue``) without a result is lost too.
"""

from __future__ import annotations

import logging
import subprocess
import time
from pathlib import Path
from typing import Any, Sequence

from hydra.core.singleton import Singleton
from hydra.core.utils import JobReturn, JobStatus, filter_overrides
from omegaconf import OmegaConf

from harness import atomic
from harness.sweep import OUTCOME

log = logging.getLogger(__name__)

try:  # Hydra imports every plugin module at start-up: without the cluster extra this one stays unusable.
    from hydra_plugins.hydra_submitit_launcher import submitit_launcher
    from hydra_plugins.hydra_submitit_launcher.config import BaseQueueConf
    _Base: Any = submitit_launcher.SlurmLauncher
except ImportError:  # hydra/launcher=slurm then says which extra to install (harness.launchers)
    _Base = object


class SlurmLauncher(_Base):
    """``hydra/launcher=slurm``: one SLURM job per run; every job waited for, lost ones recorded."""

    def _executor(self) -> Any:
        """The plugin's executor, with the sweep's parameters (as its own ``launch`` builds it)."""
        import submitit

        init_keys = {"submitit_folder", "max_num_timeout"}
        executor = submitit.AutoExecutor(cluster=self._EXECUTOR, folder=self.params["submitit_folder"],
                                         **{f"{self._EXECUTOR}_max_num_timeout": self.params.get("max_num_timeout", 0)})
        base = set(OmegaConf.structured(BaseQueueConf).keys())
        executor.update_parameters(**{k if k in base else f"{self._EXECUTOR}_{k}": v
                                      for k, v in self.params.items() if k not in init_keys})
        return executor

    def launch(self, job_overrides: Sequence[Sequence[str]], initial_job_idx: int) -> Sequence[JobReturn]:
        assert self.config is not None
        sweep_dir = Path(str(self.config.hydra.sweep.dir))
        sweep_dir.mkdir(parents=True, exist_ok=True)
        log.info(f"Submitit '{self._EXECUTOR}' sweep output dir : {sweep_dir}")
        params = []
        for idx, overrides in enumerate(job_overrides, start=initial_job_idx):
            log.info(f"\t#{idx} : {' '.join(filter_overrides(overrides))}")
            params.append((list(overrides), "hydra.sweep.dir", idx, f"job_id_for_{idx}", Singleton.get_state()))
        jobs = self._executor().map_array(self, *zip(*params))
        returns: dict[int, JobReturn] = {}
        gone_since: dict[str, float] = {}
        while len(returns) < len(jobs):
            queued = _queued()
            for (overrides, _, idx, _, _), job in zip(params, jobs):
                if idx in returns:
                    continue
                gone = queued is not None and str(job.job_id) not in queued
                if job.done() or (gone and job.paths.result_pickle.exists()):
                    try:
                        returns[idx] = job.results()[0]
                    except Exception as exc:  # submitit.core.utils.UncompletedJobError and kin
                        returns[idx] = _lost(sweep_dir, idx, overrides, job, str(exc))
                elif gone:  # out of the queue; its result may still be on its way over a network filesystem
                    since = gone_since.setdefault(str(job.job_id), time.monotonic())
                    if time.monotonic() - since > GRACE_SECONDS:
                        returns[idx] = _lost(sweep_dir, idx, overrides, job, "it left the queue")
            if len(returns) < len(jobs):
                time.sleep(POLL_SECONDS)
        return [returns[idx] for idx in sorted(returns)]


#: How often the queue is looked at while jobs run, and how long a job out of it may take to show its result.
POLL_SECONDS = 2.0
GRACE_SECONDS = 10.0


def _queued() -> set[str] | None:
    """Ids of this user's jobs still in the queue (array tasks one by one); None if squeue cannot say."""
    try:
        proc = subprocess.run(["squeue", "-h", "-r", "--me", "-o", "%i"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return set(proc.stdout.split()) if proc.returncode == 0 else None


def _lost(sweep_dir: Path, idx: int, overrides: list[str], job: Any, why: str) -> JobReturn:
    """Record a job that ended without a result; the sweep goes on (the summary names it)."""
    reason = why.strip().splitlines()[0] if why.strip() else "no reason given"
    outcome = {"job": idx, "overrides": overrides, "status": "failed", "user_error": False,
               "slurm_job_id": str(job.job_id),
               "error": f"SLURM job ended without a result ({reason}); its log: {job.paths.stderr}"}
    path = sweep_dir / str(idx) / OUTCOME
    if not path.exists():  # the job may have recorded its own failure before dying
        atomic.write_json(path, outcome)
    result = JobReturn(overrides=overrides, status=JobStatus.COMPLETED)
    result.return_value = outcome
    return result
