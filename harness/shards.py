"""One large reference set translated as N shards (array jobs), scored once when every shard is in.

``shard=i/N`` makes a job translate only the i-th of N contiguous parts of the source segments into
the translation cache and write no run. When a sweep's shards of one system and reference set have
all finished, the launching process (after merging the jobs' cache files) evaluates that system
once, without ``shard``: every translation comes from the cache, so this is the scoring alone. A
shard that failed or was killed leaves its part missing; the sweep names it, scores nothing for that
system, and running the same sweep again sends only the lost part to the system (the finished parts,
and whatever the lost shard had committed, are cache hits).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from omegaconf import DictConfig, OmegaConf

from harness.errors import HarnessError, user_message

_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class Shard:
    index: int
    count: int

    def bounds(self, segments: int) -> tuple[int, int]:
        """The contiguous part of ``segments`` this shard translates (parts differ by at most one)."""
        return self.index * segments // self.count, (self.index + 1) * segments // self.count

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse(value: Any) -> Shard | None:
    """``"i/N"`` (0 <= i < N) as a Shard; None when not sharding (null, or ``0/1``)."""
    if value is None:
        return None
    match = _SHARD.match(str(value))
    if not match or not 0 <= int(match[1]) < int(match[2]):
        raise HarnessError(f"shard must be i/N with 0 <= i < N (e.g. shard=0/4,1/4,2/4,3/4), got {value!r}")
    shard = Shard(int(match[1]), int(match[2]))
    return None if shard.count == 1 else shard


def translate_shard(cfg: DictConfig, shard: Shard) -> dict[str, Any]:
    """Translate this shard's part of the reference set into the cache; what it did, for the outcome."""
    from harness.evaluate import build_system, limited, positive_int
    from harness.references import load_reference
    from harness.structure import configured_unit
    from harness.translate import translate_part

    unit = configured_unit(cfg)
    if unit != "sentence":  # the cache would hold sentences, and the scoring run would send whole units
        raise HarnessError(f"shard={shard} translates sentence by sentence; a unit={unit} run sends whole "
                           f"{unit}s to the system: run it without shard")
    reference = limited(load_reference(cfg.reference), cfg.get("limit"))  # limit=N: the part the run scores
    system = build_system(cfg.system)
    if not system.cache or system.positional:
        why = "system.cache=false" if not system.cache else f"system {system.name!r} answers by line position"
        raise HarnessError(f"shard={shard} needs the translation cache ({why}); run it without shard")
    start, end = shard.bounds(len(reference))
    sent = translate_part(system, reference, start, end, positive_int(cfg, "chunk_size"), cfg.get("cache_dir"))
    print(f"{system.name}: shard {shard} of {reference.name}: segments {start + 1}-{end} "
          f"({end - start}, {sent} sent to the system, the rest from the cache)")
    return {"index": shard.index, "count": shard.count, "start": start, "end": end, "sent": sent,
            "system": system.name, "reference": reference.name}


def _without_shard(overrides: list[str]) -> tuple[str, ...]:
    return tuple(o for o in overrides if o.split("=", 1)[0].lstrip("+~") != "shard")


def score_complete(finished: list[dict[str, Any]], failed: list[dict[str, Any]],
                   evaluate: Callable[[list[str]], dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Evaluate, once each, every system whose shards all finished; say which are missing shards.

    ``finished``/``failed`` are the sweep's job outcomes; ``evaluate(overrides)`` runs the unsharded
    job and returns what a job's outcome says of its run (:func:`evaluate_overrides`). Returns the
    scoring runs' outcomes (finished or failed, as a job's) and one line per system left unscored.
    """
    groups: dict[tuple[str, ...], dict[str, Any]] = {}
    for job in [*finished, *failed]:
        try:
            shard = parse(_shard_override(job.get("overrides", [])))
        except HarnessError:  # that job failed on it and is named with the failures
            continue
        if shard is None:
            continue
        group = groups.setdefault(_without_shard(job["overrides"]), {"count": shard.count, "done": set(), "jobs": []})
        group["jobs"].append(job["job"])
        if job.get("status") == "finished":
            group["done"].add(shard.index)
    scored, notes = [], []
    for overrides, group in groups.items():
        missing = sorted(set(range(group["count"])) - group["done"])
        label = " ".join(overrides)
        if missing:
            shown = ", ".join(f"{i}/{group['count']}" for i in missing)
            notes.append(f"{label}: not scored, shard(s) {shown} did not finish; run the sweep again "
                         "(the finished parts come from the cache)")
            continue
        print(f"shards: all {group['count']} shards in for {label}; scoring once")
        outcome: dict[str, Any] = {"job": min(group["jobs"]), "overrides": list(overrides),
                                   "scored_shards": group["count"]}
        try:
            outcome.update(status="finished", **evaluate(list(overrides)))
        except Exception as exc:  # one system's scoring must not stop the tables of the others
            message = user_message(exc)
            if message is None:
                message = f"{type(exc).__name__}: {exc}"
            print(f"error: {message}", file=sys.stderr)
            outcome.update(status="failed", error=f"scoring its {group['count']} shards: {message}",
                           user_error=user_message(exc) is not None)
        scored.append(outcome)
    return scored, notes


def _shard_override(overrides: list[str]) -> str | None:
    for override in overrides:
        key, _, value = override.partition("=")
        if key.lstrip("+~") == "shard":
            return None if value in ("", "null") else value
    return None


def evaluate_overrides(overrides: list[str]) -> dict[str, Any]:
    """The job these overrides describe, composed from conf/ as Hydra composed it, without ``shard``."""
    from hydra import compose, initialize_config_dir
    from hydra.core.global_hydra import GlobalHydra

    from harness.evaluate import evaluate

    conf = str(Path(__file__).resolve().parent.parent / "conf")
    if GlobalHydra.instance().is_initialized():
        cfg = compose(config_name="config", overrides=[*overrides, "shard=null"])
    else:
        with initialize_config_dir(config_dir=conf, version_base="1.3"):
            cfg = compose(config_name="config", overrides=[*overrides, "shard=null"])
    record, run_dir = evaluate(cfg, tables=False, overrides=overrides)
    return {"run_dir": str(run_dir), "reference_dir": str(run_dir.parent),
            "content_hash": record.info["reference"]["content_hash"],
            "report": OmegaConf.to_container(cfg.report, resolve=True)}
