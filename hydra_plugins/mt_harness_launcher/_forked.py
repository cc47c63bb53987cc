"""The forked side of ``hydra/launcher=local_parallel`` (see ``local_parallel.py``).

Named with a leading underscore, as Hydra's own ``hydra_joblib_launcher/_core.py``: Hydra's plugin scan
skips such modules. It executes every other plugin module again whenever it scans, in the workers
too, which would reset ``_JOB_ARGS`` there between two jobs.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import pickle
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Sequence

from hydra.core.singleton import Singleton
from hydra.core.utils import JobReturn, configure_log, filter_overrides, setup_globals

log = logging.getLogger(__name__)

#: What the forked workers run: set by ``launch`` just before the fork, so nothing of it is pickled.
_JOB_ARGS: tuple[Any, ...] = ()


def fork_refusal() -> str | None:
    """Why the workers cannot be forked from this process now; None when they can."""
    if not sys.platform.startswith("linux"):
        return f"fork is not safe on {sys.platform}"
    if threading.active_count() > 1:
        return f"this process runs {threading.active_count() - 1} other thread(s)"
    torch = sys.modules.get("torch")
    if torch is not None and torch.cuda.is_initialized():
        return "CUDA is initialised in this process"
    return None


def workers(n_jobs: int | None, jobs: int) -> int:
    """joblib's meaning of n_jobs (-1: every core loky sees, -2: all but one ..., None: 1), at most one per job."""
    n_jobs = 1 if n_jobs is None else int(n_jobs)
    if n_jobs == 0:
        raise ValueError("hydra.launcher.n_jobs == 0 has no meaning")
    if n_jobs < 0:
        from joblib import cpu_count  # as loky counts: CPU affinity, cgroup quotas, LOKY_MAX_CPU_COUNT

        n_jobs = max(cpu_count() + 1 + n_jobs, 1)
    return max(min(n_jobs, jobs), 1)


def _cloudpickle() -> Any:
    """joblib's pickler: a dependency since joblib 1.5, vendored before."""
    try:
        import cloudpickle
    except ImportError:
        from joblib.externals import cloudpickle  # type: ignore[no-redef]
    return cloudpickle


def _run(idx: int, overrides: Sequence[str]) -> bytes:
    """In a forked worker: one job, through the joblib launcher's own job function. Its JobReturn goes
    back as loky sends it, by cloudpickle: it holds classes of Hydra's plugin modules, which Hydra
    executes afresh when it scans them, so plain pickle does not find them by name."""
    from hydra_plugins.hydra_joblib_launcher._core import execute_job

    return _cloudpickle().dumps(execute_job(idx, overrides, *_JOB_ARGS))


def prepare(preload: Sequence[str]) -> str | None:
    """Import what every worker needs, once, here; then why the workers cannot be forked (an import may
    have started a thread), or None."""
    refusal = fork_refusal()
    if refusal is None:
        for module in [*preload, "hydra_plugins.hydra_joblib_launcher._core"]:
            importlib.import_module(module)
        _cloudpickle()
        refusal = fork_refusal()
    return refusal


def launch(launcher: Any, job_overrides: Sequence[Sequence[str]], initial_job_idx: int) -> list[JobReturn]:
    """Run the jobs in processes forked from this one (after :func:`prepare`), n_jobs at a time; returns
    in job order."""
    global _JOB_ARGS
    setup_globals()
    configure_log(launcher.config.hydra.hydra_logging, launcher.config.hydra.verbose)
    Path(str(launcher.config.hydra.sweep.dir)).mkdir(parents=True, exist_ok=True)
    n = workers(launcher.joblib.get("n_jobs"), len(job_overrides))
    log.info(f"Forking {n} worker processes for {len(job_overrides)} jobs")
    for idx, overrides in enumerate(job_overrides, start=initial_job_idx):
        log.info(f"\t#{idx} : {' '.join(filter_overrides(overrides))}")
    _JOB_ARGS = (launcher.hydra_context, launcher.config, launcher.task_function, Singleton.get_state())
    try:
        # Python forks every worker at the first submit, before the pool starts its own threads.
        with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_run, idx, list(overrides))
                       for idx, overrides in enumerate(job_overrides, start=initial_job_idx)]
            return [pickle.loads(future.result()) for future in futures]
    finally:
        _JOB_ARGS = ()
