"""``results/<reference>/report.html``: one self-contained page (inline CSS, JS, data, SVG charts).

Python prepares everything that is arithmetic (leaderboard cells, box-plot quartiles, length
buckets, chart geometry) so it is tested here; the page's script only sorts, filters and
highlights the segment browser. Nothing in the page refers to the network.
"""

from __future__ import annotations

import csv
import html
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from hydra.errors import InstantiationException
from hydra.utils import instantiate
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from harness import atomic, leaderboard
from harness.errors import HarnessError
from harness.leaderboard import Leaderboard, decimals_for
from harness.metrics.base import Metric
from harness.records import SEGMENTS, finished_runs, read_scores, read_stats

REPORT = "report.html"
TEMPLATES = Path(__file__).parent / "templates"
#: Decimals shown for scores on a 0-100 scale (BLEU, chrF, TER) and on a 0-1 scale (COMET); more
#: would only make the page bigger.
#: Source-length buckets in words, as compare-mt groups sentences.
LENGTH_BUCKETS: tuple[tuple[int, int | None], ...] = ((1, 9), (10, 19), (20, 29), (30, 39), (40, None))
#: Significance level when the board carries no report options.
DEFAULT_ALPHA = 0.05
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f")
_FIXED_COLUMNS = ("id", "src", "ref", "hyp")


@dataclass
class Segments:
    """The reference set's segments and every system's outputs and sentence scores, in one order."""

    src: list[str]
    ref: list[str]
    hyps: dict[str, list[str]]
    scores: dict[str, dict[str, list[float]]]  # system -> metric display name -> one score per segment
    #: system -> metric display name -> (metric rebuilt from its stored config, per-segment statistics)
    stats: dict[str, dict[str, tuple[Metric, np.ndarray]]] = field(default_factory=dict)


def read_segments_table(run_dir: Path) -> pd.DataFrame:
    """A run's segments.tsv; its cells hold no tabs or newlines and are never quoted."""
    path = run_dir / SEGMENTS
    try:
        table = pd.read_csv(path, sep="\t", quoting=csv.QUOTE_NONE, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise HarnessError(f"cannot read {path}: {exc}") from None
    missing = [c for c in _FIXED_COLUMNS if c not in table.columns]
    if missing:
        raise HarnessError(f"{path} lacks column(s) {', '.join(missing)}")
    return table


def rebuild_metrics(run_dir: Path) -> dict[str, tuple[Metric, np.ndarray]]:
    """Metrics whose config scores.json stores, with their statistics: corpus scores of any subset.

    A metric that cannot be rebuilt here is left out; its buckets show mean sentence scores.
    """
    info = read_scores(run_dir) or {}
    arrays = read_stats(run_dir)
    out = {}
    for key, result in info.get("metrics", {}).items():
        config, stats = result.get("config"), arrays.get(f"{key}.stats")
        if not config or stats is None or not result.get("available", True):
            continue
        try:
            metric = instantiate(config)
        except (InstantiationException, HarnessError, ImportError, TypeError, ValueError):
            continue
        if isinstance(metric, Metric):
            out[result["name"]] = (metric, np.asarray(stats))
    return out


def collect_segments(board: Leaderboard) -> Segments:
    src: list[str] = []
    ref: list[str] = []
    hyps: dict[str, list[str]] = {}
    scores: dict[str, dict[str, list[float]]] = {}
    stats: dict[str, dict[str, tuple[Metric, np.ndarray]]] = {}
    for system in board.scores.index:
        stats[system] = rebuild_metrics(board.runs[system])
        table = read_segments_table(board.runs[system])
        if not src:
            src, ref = table["src"].tolist(), table["ref"].tolist()
        elif table["src"].tolist() != src:
            raise HarnessError(f"{board.runs[system] / SEGMENTS} holds other source segments than the other runs")
        hyps[system] = table["hyp"].tolist()
        scores[system] = {c: [float(v) for v in table[c]] for c in table.columns if c not in _FIXED_COLUMNS}
    return Segments(src, ref, hyps, scores, stats)


# --- numbers behind the page ----------------------------------------------------------------------


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
    groups: dict[str, list[int]] = {bucket_label(b): [] for b in LENGTH_BUCKETS}
    for i, source in enumerate(sources):
        groups[length_bucket(source)].append(i)
    out = {}
    for label, rows in groups.items():
        if rows:
            if corpus is not None:
                metric, stats = corpus
                out[label] = (float(metric.aggregate(stats[rows].sum(axis=0))), len(rows))
            else:
                out[label] = (float(np.mean([values[i] for i in rows])), len(rows))
    return out


def significance(board: Leaderboard, system: str, metric: str) -> float | None:
    """p-value of ``system`` against the baseline on ``metric`` (None for the baseline itself)."""
    if board.baseline is None or system == board.baseline:
        return None
    return leaderboard.pvalue(board, system, board.baseline, metric)


def alpha(board: Leaderboard) -> float:
    return board.options.alpha if board.options is not None else DEFAULT_ALPHA


def metric_decimals(board: Leaderboard, segments: Segments | None = None) -> dict[str, int]:
    """Per metric: 4 decimals for a 0-1 scale metric (COMET), 2 for score points, judged by the largest
    corpus or sentence score, so "0.8512" does not show as "0.85"."""
    out = {}
    for metric in board.scores.columns:
        values = list(board.scores[metric])
        for per_system in (segments.scores.values() if segments else []):
            values.extend(per_system.get(metric, []))
        out[metric] = decimals_for(values)
    return out


def leaderboard_rows(board: Leaderboard, decimals: dict[str, int] | None = None) -> list[dict[str, Any]]:
    """One row per system: each cell's score text, CI text, best flag and significance marker."""
    decimals = decimals or metric_decimals(board)
    best = board.best()
    rows = []
    for system in board.scores.index:
        cells = []
        for metric in board.scores.columns:
            value, places = board.scores.loc[system, metric], decimals[metric]
            ci = board.ci.get((system, metric))
            p = significance(board, system, metric)
            marker = ""
            if p is not None and p < alpha(board) and not math.isnan(value):
                base = board.scores.loc[board.baseline, metric]
                better = value > base if board.higher_is_better[metric] else value < base
                marker = "up" if better else "down"
            cells.append({
                "metric": metric,
                "text": "n/a" if math.isnan(value) else f"{value:.{places}f}",
                "ci": f"[{ci[0]:.{places}f}, {ci[1]:.{places}f}]" if ci else "",
                "best": best.get(metric) == system,
                "marker": marker,
                "p": "" if p is None else f"p = {p:.4f}",
                "reason": board.unavailable.get((system, metric), ""),
            })
        rows.append({"system": system, "baseline": system == board.baseline, "cells": cells})
    return rows


def method_lines(board: Leaderboard) -> list[str]:
    """How the intervals and tests were made (from the report options the board was built with)."""
    o = board.options
    lines = []
    if o is not None and board.ci:
        seed = "unseeded" if o.seed is None else f"seed {o.seed}"
        lines.append(f"Brackets: 95% bootstrap confidence interval ({o.n_ci_resamples} resamples, {seed}).")
    if o is not None and board.pvalues:
        test = (f"paired bootstrap resampling ({o.n_resamples} resamples)" if o.test == "bs"
                else f"paired approximate randomization ({o.n_resamples} trials)")
        holm = ", Holm-corrected per metric" if o.correction == "holm" else ""
        if o.pairs == "baseline":
            lines.append(f"▲/▼: significantly better/worse than the baseline {board.baseline}: {test}{holm}, "
                         f"p < {o.alpha:g}; hover for p.")
        else:
            lines.append(f"p-values below: {test} for every pair of systems{holm}; bold: p < {o.alpha:g}.")
    return lines


def pvalue_tables(board: Leaderboard) -> list[dict[str, Any]]:
    """With ``pairs=all``: one matrix of p-values per metric, cells as text with a significance flag."""
    if board.options is None or board.options.pairs != "all" or not board.pvalues:
        return []
    tables = []
    for metric in board.scores.columns:
        if not any(key[2] == metric for key in board.pvalues):
            continue
        matrix = leaderboard.pvalue_matrix(board, metric)
        rows = [(system, [("—", False) if math.isnan(p) else (f"{p:.4f}", p < alpha(board)) for p in matrix.loc[system]])
                for system in matrix.index]
        tables.append({"metric": metric, "systems": list(matrix.columns), "rows": rows})
    return tables


def report_notes(board: Leaderboard) -> list[str]:
    """The leaderboard's notes, and why a metric is missing, once per metric and reason."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for (system, metric), reason in board.unavailable.items():
        grouped.setdefault((metric, reason), []).append(system)
    missing = [f"{metric} unavailable for {', '.join(systems)}: {reason}" for (metric, reason), systems in grouped.items()]
    return [*board.notes, *missing]


# --- charts (inline SVG) --------------------------------------------------------------------------


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


# --- the page -------------------------------------------------------------------------------------


def corpus_buckets(segments: Segments, systems: list[str], metric: str) -> dict[str, tuple[Metric, np.ndarray]] | None:
    """Every system's (metric, statistics) when all can be rebuilt, else None (buckets use means)."""
    found = {s: segments.stats.get(s, {}).get(metric) for s in systems}
    return None if any(v is None for v in found.values()) else found  # type: ignore[return-value]


def page_data(board: Leaderboard, segments: Segments, decimals: dict[str, int]) -> dict[str, Any]:
    """The JSON the segment browser works on: each distinct text once (``strings``, referred to by
    index: identity repeats the source, reference the reference), scores rounded."""
    metrics = [m for m in board.scores.columns if any(m in segments.scores[s] for s in segments.hyps)]
    strings: dict[str, int] = {}

    def ids(texts: list[str]) -> list[int]:
        return [strings.setdefault(text, len(strings)) for text in texts]

    return {
        "reference": board.reference,
        "systems": list(segments.hyps),
        "metrics": metrics,
        "higher": {m: bool(board.higher_is_better[m]) for m in metrics},
        "src": ids(segments.src),
        "ref": ids(segments.ref),
        "hyp": {s: ids(h) for s, h in segments.hyps.items()},
        "decimals": {m: decimals[m] for m in metrics},
        "scores": {s: {m: [round(v, decimals[m]) for v in segments.scores[s][m]] if m in segments.scores[s]
                       else None for m in metrics} for s in segments.hyps},
        "strings": list(strings),
    }


def _script_json(data: Any) -> Markup:
    """JSON safe inside <script>: every '<' escaped, so no '</script>' or '<!--' can end or bend the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c"))


def render(board: Leaderboard, segments: Segments) -> str:
    decimals = metric_decimals(board, segments)
    data = page_data(board, segments, decimals)
    colors = system_colors(data["systems"])
    charts = []
    for metric in data["metrics"]:
        systems = [s for s in data["systems"] if metric in segments.scores[s]]  # a metric may be unavailable for some
        values = {s: segments.scores[s][metric] for s in systems}
        corpus = corpus_buckets(segments, systems, metric)
        charts.append({
            "metric": metric,
            "bucket_title": f"{'Corpus' if corpus else 'Mean sentence'} {metric} by source length (words)",
            "scores": Markup(scores_chart(board, metric)),
            "box": Markup(box_plot(systems, values, metric, colors)),
            "buckets": Markup(bucket_chart(segments.src, systems, values, metric, colors, corpus)),
        })
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))
    return env.get_template("report.html.j2").render(
        board=board,
        rows=leaderboard_rows(board, decimals),
        columns=[(m, "↑" if board.higher_is_better[m] else "↓") for m in board.scores.columns],
        charts=charts,
        data=_script_json(data),
        css=Markup((TEMPLATES / "report.css").read_text(encoding="utf-8")),
        js=Markup((TEMPLATES / "report.js").read_text(encoding="utf-8")),
        colors=colors,
        notes=report_notes(board),
        methods=method_lines(board),
        pvalue_tables=pvalue_tables(board),
        segments=len(segments.src),
    )


def write_if_current(reference_dir: Path, board: Leaderboard, content_hash: str | None) -> Path | None:
    """Write the report unless another job has added a run since ``board`` was collected.

    That job publishes after this one and writes the report of all runs; this one would overwrite
    it with fewer. Called under the reference directory's lock.
    """
    runs = {info["system"]["name"] for _, info in finished_runs(reference_dir)
            if content_hash is None or info["reference"]["content_hash"] == content_hash}
    if runs != set(board.runs):
        return None
    return write(reference_dir, board)


def write(reference_dir: Path, board: Leaderboard) -> Path | None:
    """Write ``report.html`` (atomically) for the runs in ``board``; None when there are none."""
    if board.scores.empty:
        return None
    path = reference_dir / REPORT
    atomic.write_text(path, render(board, collect_segments(board)))
    return path
