"""SVG charts for the HTML report, drawn in Python so their arithmetic is tested: scores with CI
whiskers, box plots of sentence scores, and scores by source-length bucket (as compare-mt)."""

from __future__ import annotations

import html
import math

import numpy as np

from harness.leaderboard import Leaderboard
from harness.metrics.base import Metric

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f")
LENGTH_BUCKETS: tuple[tuple[int, int | None], ...] = ((1, 9), (10, 19), (20, 29), (30, 39), (40, None))


def box_stats(values: list[float]) -> dict[str, float]:
    """Five-number summary and mean, for one box of a box plot."""
    arr = np.asarray(values, dtype=float)
    q1, median, q3 = np.percentile(arr, [25, 50, 75])
    return {"min": float(arr.min()), "q1": float(q1), "median": float(median), "q3": float(q3),
            "max": float(arr.max()), "mean": float(arr.mean())}


def bucket_label(bucket: tuple[int, int | None]) -> str:
    low, high = bucket
    return f"{low}+" if high is None else f"{low}–{high}"


def length_bucket(source: str) -> str:
    words = len(source.split())
    for low, high in LENGTH_BUCKETS:
        if words >= low and (high is None or words <= high):
            return bucket_label((low, high))
    return bucket_label(LENGTH_BUCKETS[0])


def bucket_scores(sources: list[str], values: list[float],
                  corpus: tuple[Metric, np.ndarray] | None = None) -> dict[str, tuple[float, int]]:
    """Score and segment count per source-length bucket (empty buckets left out).

    With ``corpus`` (metric, statistics) the score is the corpus score of the bucket's segments,
    as compare-mt reports it; without, the mean sentence score.
    """
    words = np.fromiter((len(source.split()) for source in sources), dtype=np.int64, count=len(sources))
    # The bucket of each segment, as length_bucket() chooses it (one pass, not a loop per segment).
    lows = np.array([low for low, _ in LENGTH_BUCKETS])
    which = np.maximum(np.searchsorted(lows, words, side="right") - 1, 0)
    scores = np.asarray(values, dtype=float)
    out = {}
    for number, bucket in enumerate(LENGTH_BUCKETS):
        rows = np.flatnonzero(which == number)
        if len(rows):
            if corpus is not None:
                metric, stats = corpus
                out[bucket_label(bucket)] = (float(metric.aggregate(stats[rows].sum(axis=0))), len(rows))
            else:
                out[bucket_label(bucket)] = (float(np.mean(scores[rows])), len(rows))
    return out


def nice_step(span: float) -> float:
    """A round tick distance giving about 3 to 10 ticks over ``span``."""
    step = 10 ** math.floor(math.log10(span or 1.0))
    return step / 5 if span / step <= 2 else step / 2 if span / step <= 5 else step


def nice_range(values: list[float]) -> tuple[float, float]:
    """An axis range that includes 0 and every value, ending on round numbers."""
    low, high = min([0.0, *values]), max([0.0, *values])
    step = nice_step(high - low)
    return round(math.floor(low / step) * step, 10), round(math.ceil(high / step) * step, 10)


def ticks(low: float, high: float) -> list[float]:
    step = nice_step(high - low)
    return [round(low + i * step, 10) for i in range(round((high - low) / step) + 1)]


def _scale(low: float, high: float, start: float, end: float):
    return lambda v: start + (v - low) / (high - low or 1.0) * (end - start)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _axis(low: float, high: float, x, top: float, bottom: float) -> list[str]:
    parts = []
    for v in ticks(low, high):
        parts.append(f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="{top}" y2="{bottom}" class="grid"/>'
                     f'<text x="{x(v):.1f}" y="{bottom + 14}" class="tick" text-anchor="middle">{v:g}</text>')
    return parts


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(title)}">' + "".join(body) + "</svg>")


def system_colors(systems: list[str]) -> dict[str, str]:
    """One colour per system, the same in every chart and the legend."""
    return {system: PALETTE[i % len(PALETTE)] for i, system in enumerate(systems)}


def scores_chart(board: Leaderboard, metric: str, width: int = 440) -> str:
    """Horizontal bars: corpus score per system, with its 95% CI as a whisker when known."""
    systems = [s for s in board.scores.index if not math.isnan(board.scores.loc[s, metric])]
    values = [board.scores.loc[s, metric] for s in systems]
    ends = [v for s in systems for v in board.ci.get((s, metric), ())]
    low, high = nice_range([*values, *ends])
    left, row, top = 110, 24, 8
    height = top + row * len(systems) + 24
    x = _scale(low, high, left, width - 12)
    body = _axis(low, high, x, top, height - 22)
    colors = system_colors(list(board.scores.index))
    for i, (system, value) in enumerate(zip(systems, values)):
        y = top + i * row
        ci = board.ci.get((system, metric))
        tip = f"{system}: {value:.4g}" + (f" (95% CI {ci[0]:.4g}–{ci[1]:.4g})" if ci else "")
        x0, x1 = sorted((x(0), x(value)))
        body.append(f'<text x="{left - 6}" y="{y + 16}" class="label" text-anchor="end">{_e(system)}</text>'
                    f'<rect x="{x0:.1f}" y="{y + 4}" width="{x1 - x0:.1f}" height="{row - 8}" '
                    f'fill="{colors[system]}"><title>{_e(tip)}</title></rect>')
        if ci:
            cy = y + row / 2
            body.append(f'<path class="ci" d="M{x(ci[0]):.1f},{cy - 5}v10M{x(ci[0]):.1f},{cy}H{x(ci[1]):.1f}'
                        f'M{x(ci[1]):.1f},{cy - 5}v10"/>')
    return _svg(width, height, f"{metric} per system", body)


def box_plot(systems: list[str], values: dict[str, list[float]], metric: str, colors: dict[str, str],
             width: int = 440) -> str:
    """Distribution of sentence scores per system: whiskers min–max, box q1–q3, median line, mean dot."""
    stats = {s: box_stats(values[s]) for s in systems}
    low, high = nice_range([v for s in stats.values() for v in (s["min"], s["max"])])
    left, row, top = 110, 26, 8
    height = top + row * len(systems) + 24
    x = _scale(low, high, left, width - 12)
    body = _axis(low, high, x, top, height - 22)
    for i, system in enumerate(systems):
        s, y = stats[system], top + i * row
        cy, color = y + row / 2, colors[system]
        tip = (f"{system}: min {s['min']:.4g}, q1 {s['q1']:.4g}, median {s['median']:.4g}, "
               f"q3 {s['q3']:.4g}, max {s['max']:.4g}, mean {s['mean']:.4g}")
        body.append(f'<text x="{left - 6}" y="{cy + 4}" class="label" text-anchor="end">{_e(system)}</text>'
                    f'<g><title>{_e(tip)}</title>'
                    f'<line x1="{x(s["min"]):.1f}" x2="{x(s["max"]):.1f}" y1="{cy}" y2="{cy}" stroke="{color}"/>'
                    f'<rect x="{x(s["q1"]):.1f}" y="{y + 5}" width="{max(x(s["q3"]) - x(s["q1"]), 1):.1f}" '
                    f'height="{row - 10}" fill="{color}" fill-opacity="0.35" stroke="{color}"/>'
                    f'<line x1="{x(s["median"]):.1f}" x2="{x(s["median"]):.1f}" y1="{y + 5}" y2="{y + row - 5}" '
                    f'stroke="{color}" stroke-width="2"/>'
                    f'<circle cx="{x(s["mean"]):.1f}" cy="{cy}" r="3" fill="#222"/></g>')
    return _svg(width, height, f"distribution of sentence {metric}", body)


def bucket_chart(sources: list[str], systems: list[str], values: dict[str, list[float]], metric: str,
                 colors: dict[str, str], corpus: dict[str, tuple[Metric, np.ndarray]] | None = None,
                 width: int = 440) -> str:
    """Grouped bars: score per source-length bucket and system (compare-mt style)."""
    buckets = {s: bucket_scores(sources, values[s], (corpus or {}).get(s)) for s in systems}
    labels = [bucket_label(b) for b in LENGTH_BUCKETS if bucket_label(b) in buckets[systems[0]]]
    low, high = nice_range([score for s in systems for score, _ in buckets[s].values()])
    left, top, bottom = 36, 8, 40
    height = 200
    y = _scale(low, high, height - bottom, top)
    group = (width - left - 8) / max(len(labels), 1)
    bar = (group - 10) / len(systems)
    body = []
    for v in ticks(low, high):
        body.append(f'<line x1="{left}" x2="{width - 8}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>'
                    f'<text x="{left - 4}" y="{y(v) + 4:.1f}" class="tick" text-anchor="end">{v:g}</text>')
    for g, label in enumerate(labels):
        gx = left + g * group + 5
        count = buckets[systems[0]][label][1]
        body.append(f'<text x="{gx + (group - 10) / 2:.1f}" y="{height - bottom + 14}" class="tick" '
                    f'text-anchor="middle">{_e(label)}</text>'
                    f'<text x="{gx + (group - 10) / 2:.1f}" y="{height - bottom + 27}" class="tick" '
                    f'text-anchor="middle">n={count}</text>')
        for i, system in enumerate(systems):
            score = buckets[system][label][0]
            y0, y1 = sorted((y(0), y(score)))
            body.append(f'<rect x="{gx + i * bar:.1f}" y="{y0:.1f}" width="{max(bar - 1, 1):.1f}" '
                        f'height="{y1 - y0:.1f}" fill="{colors[system]}">'
                        f'<title>{_e(system)}, {_e(label)} words: {score:.4g} (n={count})</title></rect>')
    return _svg(width, height, f"{metric} by source length", body)
