"""``results/<reference>/report.html``: one self-contained page (inline CSS, JS, data, SVG charts).

Python prepares everything that is arithmetic (leaderboard cells, box-plot quartiles, length
buckets, chart geometry) so it is tested here; the page's script only sorts, filters and
highlights the segment browser. Nothing in the page refers to the network.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from harness import atomic, leaderboard
from harness.charts import box_plot, bucket_chart, scores_chart, system_colors
from harness.errors import HarnessError, warn_once
from harness.leaderboard import Leaderboard, column_decimals
from harness.metrics import registry
from harness.metrics.base import Metric
from harness.records import SEGMENTS, finished_runs, read_scores, read_stats

REPORT = "report.html"
TEMPLATES = Path(__file__).parent / "templates"
#: Decimals shown for scores on a 0-100 scale (BLEU, chrF, TER) and on a 0-1 scale (COMET); more
#: would only make the page bigger.
#: Source-length buckets in words, as compare-mt groups sentences.
#: Significance level when the board carries no report options.
DEFAULT_ALPHA = 0.05
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
    """A run's segments.tsv (text cells quoted); an older run's unquoted file is read as it was written."""
    path = run_dir / SEGMENTS
    table = read_tsv(path)
    missing = [c for c in _FIXED_COLUMNS if c not in table.columns]
    if missing:
        raise HarnessError(f"{path} lacks column(s) {', '.join(missing)}")
    return table


def read_tsv(path: Path) -> pd.DataFrame:
    """A TSV the harness wrote (segments.tsv, units.tsv): every cell a string, never quoted."""
    try:
        with path.open("rb") as handle:
            quoted = handle.read(1) == b'"'  # written since cells are quoted: the header is '"id"\t...'
        if quoted:
            table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, encoding="utf-8")
        else:  # an older run's file: rows end at "\n" only and a '"' is an ordinary character
            table = pd.read_csv(path, sep="\t", quoting=csv.QUOTE_NONE, dtype=str, keep_default_na=False,
                                encoding="utf-8", lineterminator="\n")
    except OSError as exc:
        raise HarnessError(f"cannot read {path}: {exc.strerror}") from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise HarnessError(f"cannot read {path}: {exc}") from None
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
        metric = registry.rebuild(config)  # the project's own classes only: results are data, not code
        if metric is not None:
            out[result["name"]] = (metric, np.asarray(stats))
    return out


def collect_segments(board: Leaderboard) -> Segments:
    """Every run's segments; a run whose segments.tsv is unreadable or does not match the others is
    left out of the segment browser and charts with one warning (the leaderboard keeps it)."""
    src: list[str] = []
    ref: list[str] = []
    hyps: dict[str, list[str]] = {}
    scores: dict[str, dict[str, list[float]]] = {}
    stats: dict[str, dict[str, tuple[Metric, np.ndarray]]] = {}
    for system in board.scores.index:
        try:
            table = read_segments_table(board.runs[system])
            system_scores = _sentence_scores(board.runs[system], table)
            if src and (table["src"].tolist() != src or table["ref"].tolist() != ref):
                raise HarnessError(f"{board.runs[system] / SEGMENTS} holds other segments than the other runs")
        except HarnessError as exc:
            warn_once(f"{exc}; {system} left out of the report's segments")
            continue
        if not src:
            src, ref = table["src"].tolist(), table["ref"].tolist()
        hyps[system] = table["hyp"].tolist()
        scores[system] = system_scores
        stats[system] = rebuild_metrics(board.runs[system])
    return Segments(src, ref, hyps, scores, stats)


def _sentence_scores(run_dir: Path, table: pd.DataFrame) -> dict[str, list[float]]:
    try:
        return {c: [float(v) for v in table[c]] for c in table.columns if c not in _FIXED_COLUMNS}
    except ValueError as exc:
        raise HarnessError(f"cannot read {run_dir / SEGMENTS}: {exc}") from None


# --- numbers behind the page ----------------------------------------------------------------------


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
        values: list[float] = []
        for per_system in (segments.scores.values() if segments else []):
            values.extend(per_system.get(metric, []))
        out[metric] = column_decimals(board, metric, values)
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
        holm += ", sacrebleu-compatible (ties not extreme, float32 sums)" if o.sacrebleu else ""
        if o.pairs == "baseline":
            why = f" ({board.baseline_why})" if board.baseline_why else ""
            lines.append(f"▲/▼: significantly better/worse than the baseline {board.baseline}{why}: {test}{holm}, "
                         f"p < {o.alpha:g}; hover for p.")
        else:
            lines.append(f"p-values below: {test} for every pair of systems{holm}; bold: p < {o.alpha:g}.")
    from harness.paper import signature_lines

    return lines + [f"Signature, {line}" for line in signature_lines(board)]


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
        # The segment browser compares the baseline (A) with the best other system (B) first.
        "baseline": board.baseline if board.baseline in segments.hyps else None,
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
    from harness import html_units  # it reads TSVs with this module's reader

    decimals = metric_decimals(board, segments)
    data = page_data(board, segments, decimals)
    colors = system_colors(list(board.scores.index))  # as the scores chart: a system left out keeps its colour
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
        units=html_units.unit_view(board, decimals),
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
    segments = collect_segments(board)
    if not segments.hyps:
        raise HarnessError("no run has a readable segments.tsv")
    atomic.write_text(path, render(board, segments))
    return path
