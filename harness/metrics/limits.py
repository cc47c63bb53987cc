"""Segments so long that a metric's cost explodes are refused before any time is spent on them.

TER searches for shifts over an edit-distance matrix: its time and memory grow faster than the square
of a segment's length (measured with sacrebleu 2.6: 2,000 words 1.4 s and 0.1 GB, 4,000 words 7 s,
one 100 KB line 5.7 GB, one 1 MB line killed at 24 GB). A metric with such a cost sets
``max_segment_words``; a reference segment over it stops the run before translating, naming the file
and line; a hypothesis over it makes only that metric unavailable for the run, naming the segment.
"""

from __future__ import annotations

from harness.errors import HarnessError
from harness.metrics.base import Metric
from harness.references import ReferenceSet


def first_too_long(texts: list[str], limit: int | None) -> tuple[int, int] | None:
    """``(index, words)`` of the first text with more than ``limit`` whitespace-separated words."""
    if limit is None:
        return None
    for index, text in enumerate(texts):
        if text.count(" ") >= limit:  # cheap pre-check: at least limit+1 words needs limit spaces
            words = len(text.split())
            if words > limit:
                return index, words
    return None


def _why(metric: Metric, words: int, key: str) -> str:
    return (f"{words:,} words, more than {metric.name}'s limit of {metric.max_segment_words:,} "
            f"(its cost grows with the square of the length); split the segment, leave {metric.name} out "
            f"of metrics=[...], or raise metrics.{key}.max_segment_words")


def check_reference(metrics: dict[str, Metric], reference: ReferenceSet) -> None:
    """Stop before translating when a reference segment is too long for a chosen metric."""
    for key, metric in metrics.items():
        if metric.max_segment_words is None or not metric.needs_reference:
            continue
        for path, refs in zip(reference.ref_paths, reference.refs):
            found = first_too_long(refs, metric.max_segment_words)
            if found is not None:
                index, words = found
                raise HarnessError(f"{path}:{index + 1}: reference segment has {_why(metric, words, key)}")


def hypothesis_problem(key: str, metric: Metric, hyps: list[str]) -> str | None:
    """Why ``metric`` must not score these hypotheses (a too-long one, named), or None."""
    found = first_too_long(hyps, metric.max_segment_words)
    if found is None:
        return None
    index, words = found
    return f"the hypothesis of segment {index + 1} ({hyps[index][:40]!r}...) has {_why(metric, words, key)}"
