"""Checks on Hydra launchers before a sweep starts, so a missing plugin or a SLURM request the cluster
can never run is one clear line instead of an import error or a job pending forever."""

from __future__ import annotations

import importlib.util
import logging
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from typing import Any

from harness.errors import HarnessError

#: Launcher presets (conf/hydra/launcher/) and Hydra's own names -> the plugin module they need.
PLUGINS = {
    "local_parallel": "hydra_plugins.hydra_joblib_launcher",
    "joblib": "hydra_plugins.hydra_joblib_launcher",
    "slurm": "hydra_plugins.hydra_submitit_launcher",
    "slurm_gpu": "hydra_plugins.hydra_submitit_launcher",
    "submitit_slurm": "hydra_plugins.hydra_submitit_launcher",
    "submitit_local": "hydra_plugins.hydra_submitit_launcher",
}
_LAUNCHER = re.compile(r"^hydra/launcher=(?P<name>[\w.-]+)$")


def check_plugin(argv: list[str]) -> None:
    """``hydra/launcher=slurm`` without the plugin installed names the extra that brings it."""
    for arg in argv:
        match = _LAUNCHER.match(arg)
        if match and match["name"] in PLUGINS and importlib.util.find_spec(PLUGINS[match["name"]]) is None:
            raise HarnessError(f"hydra/launcher={match['name']} needs Hydra's launcher plugins: "
                               "pip install 'mt-harness[cluster]'")


def _nodes(partition: str | None) -> list[tuple[int, int, str]]:
    """(CPUs, memory MB, gres) of each node of the partition (its default one when None), from sinfo."""
    if shutil.which("sinfo") is None:
        raise HarnessError("hydra/launcher=slurm needs a SLURM cluster: sinfo is not on PATH here "
                           "(run the sweep on a submit host, or use hydra/launcher=local_parallel)")
    args = ["sinfo", "-h", "-N", "-o", "%P|%c|%m|%G"] + (["-p", partition] if partition else [])
    proc = subprocess.run(args, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise HarnessError(f"sinfo failed: {proc.stderr.strip() or proc.returncode}")
    nodes = []
    for line in proc.stdout.splitlines():
        part, cpus, mem, gres = (line.split("|") + ["", "", "", ""])[:4]
        if partition is None and not part.endswith("*"):
            continue
        nodes.append((int(re.sub(r"\D", "", cpus) or 0), int(re.sub(r"\D", "", mem) or 0), gres))
    return nodes


def check_slurm_request(launcher: Mapping[str, Any]) -> None:
    """Refuse a job shape no node of the partition can hold: SLURM would keep such jobs pending forever."""
    partition = launcher.get("partition")
    nodes = _nodes(partition)
    where = f"partition {partition!r}" if partition else "the default partition"
    if not nodes:
        raise HarnessError(f"SLURM has no nodes in {where} (sinfo)")
    cpus = (launcher.get("cpus_per_task") or 1) * (launcher.get("tasks_per_node") or 1)
    if cpus > max(n[0] for n in nodes):
        raise HarnessError(f"hydra.launcher.cpus_per_task={cpus} but the largest node of {where} has "
                           f"{max(n[0] for n in nodes)} CPUs; the jobs would stay pending forever")
    mem_gb = launcher.get("mem_gb")
    if mem_gb and mem_gb * 1024 > max(n[1] for n in nodes):
        raise HarnessError(f"hydra.launcher.mem_gb={mem_gb} but the largest node of {where} has "
                           f"{max(n[1] for n in nodes)} MB; the jobs would stay pending forever")
    if launcher.get("gpus_per_node") and not any("gpu" in n[2] for n in nodes):
        raise HarnessError(f"hydra.launcher.gpus_per_node={launcher['gpus_per_node']} but no node of {where} "
                           "has GPUs (sinfo shows no gpu gres)")


class _OnceAboutSacct(logging.Filter):
    """Without slurmdbd, submitit warns on every poll that sacct failed; say it once."""

    said = False

    def filter(self, record: logging.LogRecord) -> bool:
        if "Bypassing sacct error" not in record.getMessage():
            return True
        if not _OnceAboutSacct.said:
            _OnceAboutSacct.said = True
            print("note: sacct is unavailable on this cluster (no accounting); job states come from "
                  "submitit's result files", file=sys.stderr)
        return False


def quiet_sacct() -> None:
    quiet = _OnceAboutSacct()
    for logger in (logging.getLogger("submitit"), logging.getLogger()):
        logger.addFilter(quiet)
        for handler in logger.handlers:
            handler.addFilter(quiet)
