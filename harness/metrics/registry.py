"""The project's own metric classes, looked up by the dotted name a run stores in ``scores.json``.

Stored results are data, never code: tables and the report rebuild a metric only from this
allow-list, never by importing whatever ``_target_`` a results file names. A shared or downloaded
results folder could otherwise run a command on ``python -m harness.report``.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from harness.metrics.base import Metric

#: Every metric class a stored result may name; anything else is not rebuilt.
ALLOWED: frozenset[str] = frozenset({
    "harness.metrics.sacrebleu.BLEU",
    "harness.metrics.sacrebleu.ChrF",
    "harness.metrics.sacrebleu.ChrFpp",
    "harness.metrics.sacrebleu.TER",
    "harness.metrics.comet.COMET",
    "harness.metrics.metricx.MetricX",
    "harness.metrics.bleurt.BLEURT",
    "harness.metrics.bertscore.BERTScore",
    "harness.metrics.llm_judge.LLMJudge",
})

_PLAIN = (str, int, float, bool, type(None))


def metric_class(target: Any) -> type[Metric] | None:
    """The allowed class named ``target``; None for any other name (nothing is imported for it)."""
    if not isinstance(target, str) or target not in ALLOWED:
        return None
    module, _, name = target.rpartition(".")
    cls = getattr(importlib.import_module(module), name, None)
    return cls if isinstance(cls, type) and issubclass(cls, Metric) else None


def _plain(value: Any) -> bool:
    """Only JSON scalars (and lists of them) reach a constructor."""
    if isinstance(value, list):
        return all(isinstance(v, _PLAIN) for v in value)
    return isinstance(value, _PLAIN)


def stored_arguments(config: Mapping[str, Any]) -> dict[str, Any] | None:
    """The constructor arguments of a stored config, or None when one is not plain data."""
    kwargs = {k: v for k, v in config.items() if k != "_target_"}
    if not all(isinstance(k, str) and k.isidentifier() and _plain(v) for k, v in kwargs.items()):
        return None
    return kwargs


def rebuild(config: Any) -> Metric | None:
    """A metric from its stored config (``_target_`` + arguments), or None when it is not one of ours."""
    if not isinstance(config, Mapping):
        return None
    cls, kwargs = metric_class(config.get("_target_")), stored_arguments(config)
    if cls is None or kwargs is None:
        return None
    try:
        return cls(**kwargs)
    except Exception:  # a stored argument this version does not accept: no rebuilt metric, no crash
        return None
