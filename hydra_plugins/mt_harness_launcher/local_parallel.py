"""``hydra/launcher=local_parallel``: Hydra's joblib launcher, except that on Linux the worker processes
are forked from the launching process instead of started afresh by loky.

A loky worker is a new interpreter: before its first job it imports joblib, Hydra, numpy, pandas,
sacrebleu and the harness again and unpickles the sweep's Hydra state (about 1 s of CPU each, the
bulk of what a parallel sweep costs beyond its jobs). A forked worker starts with all of that, in the
state the default launcher's process is in when it runs a job itself; each job then runs Hydra's own
``execute_job``, as under loky. Fork is used only where it is safe, else Hydra's launcher runs as is:
Linux only (macOS system libraries are not fork-safe; Windows has no fork), only while this process
runs no other Python thread (a lock held by one would stay locked in the children; native pools such
as numpy's OpenBLAS handle fork themselves), and not once CUDA is initialised here (the children could
not use it; jobs initialise it in their own process). ``start_method: loky`` always uses loky.
"""

from __future__ import annotations

import logging
from typing import Any, Sequence

from hydra.core.utils import JobReturn

log = logging.getLogger(__name__)

try:  # Hydra imports every plugin module at start-up: without the cluster extra this one stays unusable.
    from hydra_plugins.hydra_joblib_launcher.joblib_launcher import JoblibLauncher
    _Base: Any = JoblibLauncher
except ImportError:  # hydra/launcher=local_parallel then says which extra to install (harness.launchers)
    _Base = object

START_METHODS = ("fork", "loky")


class LocalParallelLauncher(_Base):
    """Hydra's joblib launcher with forked workers where that is safe (see the module's docstring)."""

    def __init__(self, start_method: str = "fork", preload: Sequence[str] = (), **joblib: Any) -> None:
        if start_method not in START_METHODS:
            raise ValueError(f"hydra.launcher.start_method must be one of {', '.join(START_METHODS)}, "
                             f"got {start_method!r}")
        super().__init__(**joblib)
        self.start_method = start_method
        self.preload = list(preload)

    def launch(self, job_overrides: Sequence[Sequence[str]], initial_job_idx: int) -> Sequence[JobReturn]:
        from hydra_plugins.mt_harness_launcher import _forked

        refusal = "start_method=loky" if self.start_method == "loky" else _forked.prepare(self.preload)
        if refusal is not None:
            log.info(f"Workers started by loky ({refusal})")
            return super().launch(job_overrides, initial_job_idx)
        return _forked.launch(self, job_overrides, initial_job_idx)
