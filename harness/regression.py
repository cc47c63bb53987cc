"""Score regression checks: stored baselines (expected score ± tolerance, signature) against new runs.

A baseline file (``tests/baselines/<reference>.yaml``) says which systems to run on which reference
set with which metrics, and what each corpus score must be. Comparing is pure: :func:`compare`
turns a baseline and the observed runs into findings, :func:`format_findings` into the readable
diff a failing test shows. :func:`run_systems` is the I/O edge that runs the whole pipeline.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from tabulate import tabulate

from harness import atomic
from harness.errors import HarnessError
from harness.records import finished_runs
from harness.structure import check_unit, results_name

#: Tolerance (absolute, in score points) for a metric the configuration names no tolerance for.
DEFAULT_TOLERANCE = 0.01
#: A score exactly on the edge of its band passes despite float rounding (30.1 - 30.0 > 0.1).
_FLOAT_SLACK = 1e-9


@dataclass(frozen=True)
class Expected:
    score: float
    tolerance: float


@dataclass
class SystemBaseline:
    """How to run one system (Hydra overrides) and what its scores must be, per metric key."""

    overrides: list[str]
    scores: dict[str, Expected] = field(default_factory=dict)


@dataclass
class Baseline:
    reference: str
    content_hash: str | None
    metrics: list[str]
    signatures: dict[str, str]
    systems: dict[str, SystemBaseline]
    #: Extra overrides for every run (e.g. ``reference=files reference.src=...`` in a user's repo).
    overrides: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Observed:
    """One metric of one finished run."""

    score: float | None
    signature: str
    available: bool = True
    reason: str = ""


@dataclass
class RunScores:
    system: str
    content_hash: str
    metrics: dict[str, Observed]


@dataclass(frozen=True)
class Finding:
    """One way a run differs from its baseline."""

    system: str
    metric: str
    problem: str
    expected: str = ""
    got: str = ""
    tolerance: str = ""


# --- baseline files -------------------------------------------------------------------------------


def _as_list(value: Any, what: str, path: Path) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise HarnessError(f"{path}: {what} must be a list of strings")
    return list(value)


def parse_baseline(data: Any, path: Path) -> Baseline:
    """Validate the YAML structure, naming the file and the key that is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("reference"), str):
        raise HarnessError(f"{path}: not a score baseline (needs 'reference: NAME' and 'systems:')")
    systems: dict[str, SystemBaseline] = {}
    for name, entry in (data.get("systems") or {}).items():
        if not isinstance(entry, dict):
            raise HarnessError(f"{path}: systems.{name} must be a mapping with 'scores:'")
        scores = {}
        for metric, expected in (entry.get("scores") or {}).items():
            try:
                scores[str(metric)] = Expected(float(expected["score"]), float(expected["tolerance"]))
            except (TypeError, KeyError, ValueError):
                raise HarnessError(
                    f"{path}: systems.{name}.scores.{metric} needs numbers 'score' and 'tolerance'"
                ) from None
        overrides = _as_list(entry.get("overrides"), f"systems.{name}.overrides", path) or [f"system={name}"]
        systems[str(name)] = SystemBaseline(overrides, scores)
    signatures = data.get("signatures") or {}
    if not isinstance(signatures, dict):
        raise HarnessError(f"{path}: signatures must map metric keys to signature strings")
    return Baseline(
        reference=data["reference"],
        content_hash=data.get("content_hash"),
        metrics=_as_list(data.get("metrics"), "metrics", path),
        signatures={str(k): str(v) for k, v in signatures.items()},
        systems=systems,
        overrides=_as_list(data.get("overrides"), "overrides", path),
    )


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HarnessError(f"no baseline file {path}; create it with: python -m harness.baselines update") from None
    except yaml.YAMLError as exc:
        raise HarnessError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    return parse_baseline(data, path)


_HEADER = """\
# Expected corpus scores on reference set {reference!r}: a run fails the regression check when a
# score leaves score ± tolerance (absolute, in score points) or a metric signature changes.
# Regenerate (shows the diff first): python -m harness.baselines update reference={reference}
# (a reference set chosen by overrides below: pytest --update-score-baselines).
# Tolerances are kept on update; edit them here.
"""


def baseline_to_dict(baseline: Baseline) -> dict[str, Any]:
    systems: dict[str, Any] = {}
    for name, entry in baseline.systems.items():
        item: dict[str, Any] = {}
        if entry.overrides != [f"system={name}"]:
            item["overrides"] = entry.overrides
        item["scores"] = {
            metric: {"score": e.score, "tolerance": e.tolerance} for metric, e in entry.scores.items()
        }
        systems[name] = item
    out: dict[str, Any] = {"reference": baseline.reference, "content_hash": baseline.content_hash}
    if baseline.overrides:
        out["overrides"] = baseline.overrides
    out.update(metrics=baseline.metrics, signatures=baseline.signatures, systems=systems)
    return out


class _Dumper(yaml.SafeDumper):
    """Block style, except one line per score entry and per list: short files that diff well."""


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=set(data) == {"score", "tolerance"})


_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(list, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True))


def baseline_to_yaml(baseline: Baseline) -> str:
    body = yaml.dump(baseline_to_dict(baseline), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)
    return _HEADER.format(reference=baseline.reference) + body


def save_baseline(path: str | os.PathLike[str], baseline: Baseline) -> None:
    atomic.write_text(path, baseline_to_yaml(baseline))


# --- observed runs --------------------------------------------------------------------------------


def observed_from_scores(info: dict[str, Any]) -> RunScores:
    """The parts of a run's ``scores.json`` a baseline speaks about."""
    metrics = {
        key: Observed(
            score=result.get("score"),
            signature=str(result.get("signature", "")),
            available=bool(result.get("available", True)),
            reason=str(result.get("reason", "")),
        )
        for key, result in info["metrics"].items()
    }
    return RunScores(info["system"]["name"], info["reference"]["content_hash"], metrics)


def read_runs(reference_dir: Path) -> dict[str, RunScores]:
    """Every finished run under ``results/<reference>/``, by system name."""
    return {info["system"]["name"]: observed_from_scores(info) for _, info in finished_runs(reference_dir)}


def run_command(baseline: Baseline, system: str, results_dir: Path) -> list[str]:
    """The ``python -m harness`` command line that reproduces one baseline entry."""
    metrics = [f"metrics=[{','.join(baseline.metrics)}]"] if baseline.metrics else []
    chosen = any(o.startswith("reference=") for o in baseline.overrides)  # e.g. reference=files ...
    return [
        sys.executable, "-m", "harness",
        *([] if chosen else [f"reference={baseline.reference}"]),
        *metrics,
        *baseline.overrides,
        *baseline.systems[system].overrides,
        f"system.name={system}",
        f"results_dir={results_dir}",
    ]


def run_systems(baseline: Baseline, results_dir: Path, systems: list[str] | None = None,
                cwd: str | os.PathLike[str] | None = None) -> dict[str, RunScores]:
    """Run each system through the whole pipeline (a real ``python -m harness``) into ``results_dir``."""
    for system in systems if systems is not None else list(baseline.systems):
        done = subprocess.run(run_command(baseline, system, results_dir), cwd=cwd, capture_output=True,
                              text=True, env={**os.environ, "TQDM_DISABLE": "1"})
        if done.returncode != 0:
            tail = " | ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
            raise HarnessError(f"running system {system!r} on {baseline.reference!r} failed: {tail}")
    return read_runs(runs_dir(baseline, results_dir))


def runs_dir(baseline: Baseline, results_dir: str | os.PathLike[str]) -> Path:
    """Where the runs a baseline speaks about are stored under ``results_dir``."""
    return Path(results_dir) / results_name(baseline.reference, baseline_unit(baseline))


def baseline_unit(baseline: Baseline) -> str:
    """The unit a baseline's runs are made at (a ``unit=paragraph`` override): their results live in
    ``results/<reference>.<unit>/``."""
    units = [o.split("=", 1)[1] for o in baseline.overrides if o.startswith("unit=")]
    return check_unit(units[-1]) if units else "sentence"


# --- comparing ------------------------------------------------------------------------------------


def _num(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") if math.isfinite(value) else str(value)


def compare(baseline: Baseline, runs: dict[str, RunScores]) -> list[Finding]:
    """Every score outside its band, changed signature, missing run or metric, changed reference set."""
    findings: list[Finding] = []
    for system, entry in baseline.systems.items():
        run = runs.get(system)
        if run is None:
            findings.append(Finding(system, "", "no finished run"))
            continue
        if baseline.content_hash and run.content_hash != baseline.content_hash:
            findings.append(Finding(system, "", "reference set changed (content hash)",
                                    baseline.content_hash, run.content_hash))
        for metric, expected in entry.scores.items():
            observed = run.metrics.get(metric)
            if observed is None:
                findings.append(Finding(system, metric, "metric not in run", _num(expected.score)))
                continue
            want_signature = baseline.signatures.get(metric)
            if want_signature is not None and observed.signature != want_signature:
                findings.append(Finding(system, metric, "signature changed", want_signature, observed.signature))
            if not observed.available or observed.score is None:
                findings.append(Finding(system, metric, f"unavailable: {observed.reason}", _num(expected.score)))
                continue
            delta = observed.score - expected.score
            if not abs(delta) <= expected.tolerance + _FLOAT_SLACK:  # also catches NaN
                findings.append(Finding(system, metric, f"out of band ({delta:+.4f})", _num(expected.score),
                                        _num(observed.score), f"±{_num(expected.tolerance)}"))
    return findings


def format_findings(reference: str, findings: list[Finding]) -> str:
    """The readable diff: one table of scores, then signature changes written out in full."""
    if not findings:
        return f"scores on {reference!r} match the baseline"
    scores = [f for f in findings if f.problem != "signature changed"]
    signatures = [f for f in findings if f.problem == "signature changed"]
    lines = [f"score regression on reference set {reference!r}: {len(findings)} problem(s)"]
    if scores:
        rows = [[f.system, f.metric, f.expected, f.got, f.tolerance, f.problem] for f in scores]
        lines.append(tabulate(rows, headers=["system", "metric", "expected", "got", "tolerance", "problem"],
                              disable_numparse=True))
    for f in signatures:
        lines.append(f"signature changed: {f.system} {f.metric}\n  expected {f.expected}\n  got      {f.got}")
    return "\n".join(lines)


# --- updating -------------------------------------------------------------------------------------


def stored_keys(metrics: list[str], observed: dict[str, Observed]) -> list[str]:
    """The run's score keys of the configured ``metrics`` (all when none): each metric's own key and its
    variant columns (``bleu[tokenize=intl]``, ``comet[model=...]``), which are stored under other keys."""
    if not metrics:
        return list(observed)
    return [key for m in metrics for key in observed if key == m or key.startswith(f"{m}[")]


def updated_baseline(old: Baseline | None, reference: str, runs: dict[str, RunScores], systems: list[str],
                     metrics: list[str], tolerances: dict[str, float]) -> Baseline:
    """A baseline holding the observed scores; tolerances and overrides already in ``old`` are kept."""
    missing = [s for s in systems if s not in runs]
    if missing:
        raise HarnessError(f"no finished run of {', '.join(missing)} on {reference!r}; run them first")
    hashes = {runs[s].content_hash for s in systems}
    if len(hashes) > 1:
        raise HarnessError(f"runs of {', '.join(systems)} were made on different versions of {reference!r}")
    default = tolerances.get("default", DEFAULT_TOLERANCE)
    entries: dict[str, SystemBaseline] = {}
    signatures: dict[str, str] = {}
    for system in systems:
        previous = old.systems.get(system) if old else None
        scores: dict[str, Expected] = {}
        for metric in stored_keys(metrics, runs[system].metrics):
            observed = runs[system].metrics.get(metric)
            if observed is None or not observed.available or observed.score is None:
                continue
            kept = previous.scores.get(metric) if previous else None
            tolerance = kept.tolerance if kept else tolerances.get(metric, default)
            scores[metric] = Expected(round(float(observed.score), 6), float(tolerance))
            signatures[metric] = observed.signature
        entries[system] = SystemBaseline(previous.overrides if previous else [f"system={system}"], scores)
    return Baseline(
        reference=reference,
        content_hash=hashes.pop() if hashes else None,
        metrics=list(metrics),
        signatures=signatures,
        systems=entries,
        overrides=old.overrides if old else [],
    )


def diff_baselines(old: Baseline | None, new: Baseline) -> str:
    """What an update changes: scores (old, new, delta), signatures, reference hash."""
    rows = []
    old_systems = old.systems if old else {}
    for system in dict.fromkeys([*old_systems, *new.systems]):
        before = old_systems.get(system, SystemBaseline([])).scores
        after = new.systems.get(system, SystemBaseline([])).scores
        for metric in dict.fromkeys([*before, *after]):
            a, b = before.get(metric), after.get(metric)
            if a is not None and b is not None and a == b:
                continue
            delta = f"{b.score - a.score:+.4f}" if a and b else ("added" if b else "removed")
            rows.append([system, metric, _num(a.score) if a else "", _num(b.score) if b else "", delta])
    lines = []
    if rows:
        lines.append(tabulate(rows, headers=["system", "metric", "old", "new", "change"], disable_numparse=True))
    old_signatures = old.signatures if old else {}
    for metric in dict.fromkeys([*old_signatures, *new.signatures]):
        if old_signatures.get(metric) != new.signatures.get(metric):
            lines.append(f"signature {metric}: {old_signatures.get(metric, '(none)')} -> "
                         f"{new.signatures.get(metric, '(none)')}")
    if old and old.content_hash != new.content_hash:
        lines.append(f"reference content hash: {old.content_hash} -> {new.content_hash}")
    return "\n".join(lines) if lines else "no changes"
