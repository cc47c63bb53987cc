"""Comparison tables: one row per system, one column per metric, best per column marked,
each score with its 95% confidence interval and, against the baseline, a paired p-value.

Everything comes from the runs' ``scores.json`` and ``stats.npz``; no text is read again.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from harness import atomic, baseline_choice, escaping, stats, swap
from harness.errors import HarnessError
from harness.records import finished_runs, read_stats

FILES = ("leaderboard.md", "leaderboard.csv", "leaderboard.tex", "leaderboard_long.csv")


@dataclass
class Leaderboard:
    """Scores of every finished run on one reference set (same content hash)."""

    reference: str
    scores: pd.DataFrame  # index: system, columns: metric display names, NaN where unavailable
    higher_is_better: dict[str, bool]
    unavailable: dict[tuple[str, str], str] = field(default_factory=dict)  # (system, metric) -> reason
    stale: list[str] = field(default_factory=list)  # systems run on another version of the reference
    runs: dict[str, Path] = field(default_factory=dict)
    # Filled by the significance step (harness.stats): 95% CI per (system, metric),
    # paired p-value per (system, other, metric), and the system others are compared with.
    ci: dict[tuple[str, str], tuple[float, float]] = field(default_factory=dict)
    pvalues: dict[tuple[str, str, str], float] = field(default_factory=dict)
    baseline: str | None = None
    #: Why the baseline is the baseline (named, or the first system run): said wherever it is named.
    baseline_why: str = ""
    # Bootstrap mean and CI half-width (sacrebleu's "mean ± ci") per (system, metric).
    means: dict[tuple[str, str], float] = field(default_factory=dict)
    halfwidths: dict[tuple[str, str], float] = field(default_factory=dict)
    options: stats.Options | None = None
    notes: list[str] = field(default_factory=list)
    #: scores.json entry of each available (system, metric), with its stats.npz key under "key".
    summaries: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    #: The unit the systems were sent (paragraph, document) when not sentence by sentence.
    unit: str | None = None

    def best(self) -> dict[str, str]:
        """The best system per metric (ties: the first in table order)."""
        out = {}
        for column in self.scores.columns:
            values = self.scores[column].dropna()
            if not values.empty:
                out[column] = values.idxmax() if self.higher_is_better[column] else values.idxmin()
        return out


def collect(reference_dir: Path, content_hash: str | None = None) -> Leaderboard:
    """Read all runs under ``results/<reference>/``; runs on a different reference hash are left out."""
    rows: dict[str, dict[str, float]] = {}
    higher: dict[str, bool] = {}
    unavailable: dict[tuple[str, str], str] = {}
    stale: list[str] = []
    runs: dict[str, Path] = {}
    summaries: dict[tuple[str, str], dict[str, Any]] = {}
    units: set[str | None] = set()
    unit_notes: dict[str, None] = {}  # ordered set
    for run_dir, info in finished_runs(reference_dir):
        system = info["system"]["name"]
        if content_hash is not None and info["reference"]["content_hash"] != content_hash:
            stale.append(system)
            continue
        runs[system] = run_dir
        row = rows.setdefault(system, {})
        unit, unit_metrics = unit_columns(info)
        units.add(unit)
        if unit:
            unit_notes.update(dict.fromkeys(n for n in info["unit"].get("notes", []) if isinstance(n, str)))
        for key, result in [*info["metrics"].items(), *unit_metrics.items()]:
            name = result["name"] if key in info["metrics"] else f"{result['name']} ({unit})"
            higher.setdefault(name, result.get("higher_is_better", True))
            if result.get("available", True):
                row[name] = result["score"]
                summaries[(system, name)] = {**result, "key": key}
            else:
                row[name] = math.nan
                unavailable[(system, name)] = result.get("reason", "unavailable")
    columns = list(higher)
    frame = ranked(pd.DataFrame.from_dict(rows, orient="index", columns=columns).astype(float), higher)
    frame.index.name = "system"
    return Leaderboard(reference_dir.name, frame, higher, unavailable, stale, runs,
                       summaries=summaries, unit=", ".join(sorted(u for u in units if u)) or None,
                       notes=list(unit_notes))


def unit_columns(info: Mapping[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """The unit of a paragraph/document-level run and its unit-level metric summaries (none for others)."""
    unit = info.get("unit")
    if not isinstance(unit, Mapping) or not isinstance(unit.get("metrics"), Mapping):
        return None, {}
    metrics = {k: v for k, v in unit["metrics"].items() if isinstance(v, Mapping) and isinstance(v.get("name"), str)}
    return str(unit.get("unit")), metrics


def unit_heading(board: Leaderboard) -> str:
    """The first line of a paragraph/document-level table: what the systems were sent and how it was scored."""
    if not board.unit:
        return ""
    return (f"Unit: {board.unit} (each unit sent whole; hypotheses re-segmented onto the reference sentences by "
            f"minimum edit distance, reseg:mwer; columns marked ({board.unit}) are scored over whole units)")


def ranked(frame: pd.DataFrame, higher: Mapping[str, bool]) -> pd.DataFrame:
    """Rows by the first metric's score, best first, then by the next metrics; n/a last, ties by name."""
    def key(system: str) -> tuple[list[tuple[bool, float]], str]:
        values = [float(frame.at[system, c]) for c in frame.columns]
        return [(True, 0.0) if math.isnan(v) else (False, -v if higher.get(c, True) else v)
                for c, v in zip(frame.columns, values)], system

    return frame.loc[sorted(frame.index, key=key)]


#: Runs written before metrics stored their config: sacrebleu metrics at their defaults (checked below).
_DEFAULT_TARGETS = {"BLEU": "harness.metrics.sacrebleu.BLEU", "chrF": "harness.metrics.sacrebleu.ChrF",
                    "chrF++": "harness.metrics.sacrebleu.ChrFpp", "TER": "harness.metrics.sacrebleu.TER"}


@dataclass(frozen=True)
class _Rescorer:
    """How a metric turns summed statistics into scores, and whether to resample in float32 as sacrebleu."""

    scorer: stats.Scorer
    float32: bool
    identity: str


_SEGMENT_MEAN = _Rescorer(stats.segment_mean_scorer, False, "segment-mean")


def _rescorer(summary: Mapping[str, Any], rows: np.ndarray) -> _Rescorer | None:
    """Metrics that store their config (``_target_`` + arguments) are rebuilt, from the project's own
    classes only (:mod:`harness.metrics.registry`), and use their own formula; segment-mean metrics
    (rows ``[score, 1]``, e.g. COMET) are means. Others get no interval.
    """
    from harness.metrics import registry
    from harness.metrics.sacrebleu import SacreBLEUMetric

    config = summary.get("config")
    if not isinstance(config, Mapping) and summary.get("name") in _DEFAULT_TARGETS:
        config = {"_target_": _DEFAULT_TARGETS[summary["name"]]}
    if isinstance(config, Mapping) and "_target_" in config:
        cls = registry.metric_class(config["_target_"])
        if cls is not None and cls.segment_mean:  # no need to build it (a model-based metric may be heavy)
            return _SEGMENT_MEAN
        metric = registry.rebuild(config)
        if metric is None:
            return None
        identity = json.dumps(config, sort_keys=True, default=str)
        return _Rescorer(metric.aggregate_many, isinstance(metric, SacreBLEUMetric), identity)
    if summary.get("segment_mean") or (rows.ndim == 2 and rows.shape[1] == 2 and np.all(rows[:, 1] == 1)):
        return _SEGMENT_MEAN
    return None


def _reproduces(rescorer: _Rescorer, rows: np.ndarray, score: float) -> bool:
    """The stored statistics give the stored score: they are this metric's, and complete."""
    again = float(rescorer.scorer(np.asarray(rows).sum(axis=0), False)[0])
    return math.isclose(again, score, rel_tol=1e-9, abs_tol=1e-9)


def _options(options: Mapping[str, Any] | None) -> stats.Options:
    if options is not None and not isinstance(options, dict):
        from omegaconf import DictConfig, OmegaConf

        if isinstance(options, DictConfig):
            options = OmegaConf.to_container(options, resolve=True)
    return stats.Options.from_mapping(options)


def _read_rows(board: Leaderboard, system: str) -> dict[str, np.ndarray]:
    """The ``<key>.stats`` arrays of one run's stats.npz (members are decompressed only when read)."""
    wanted = {f"{summary['key']}.stats" for (name, _), summary in board.summaries.items() if name == system}
    return read_stats(board.runs[system], wanted)


def add_significance(board: Leaderboard, options: stats.Options) -> None:
    """Fill the board's CIs and p-values from the runs' stats.npz (systems in table order)."""
    board.options = options
    systems = list(board.scores.index)
    if not systems:
        return
    if options.baseline is not None and options.baseline not in systems:
        board.notes.append(f"baseline {options.baseline!r} has no finished run here; the first row is the baseline")
    arrays = {system: _read_rows(board, system) for system in systems}
    series: dict[str, stats.MetricSeries] = {}
    for metric in board.scores.columns:
        per_system: dict[str, np.ndarray] = {}
        chosen: _Rescorer | None = None
        for system in systems:
            summary = board.summaries.get((system, metric))
            rows = arrays[system].get(f"{summary['key']}.stats") if summary else None
            if rows is None:
                continue
            rescorer = _rescorer(summary, rows)
            if rescorer is None or not _reproduces(rescorer, rows, summary["score"]):
                board.notes.append(f"{metric} for {system}: stored statistics do not reproduce the score; no interval")
                continue
            if chosen is not None and rescorer.identity != chosen.identity:
                board.notes.append(f"{metric} for {system}: configured differently from the other runs; not compared")
                continue
            chosen = chosen or rescorer
            per_system[system] = rows
        if chosen is None:
            if not any(n.startswith(f"{metric} for ") for n in board.notes):
                board.notes.append(f"{metric}: no per-segment statistics stored; no interval or test")
            continue
        series[metric] = stats.MetricSeries(metric, chosen.scorer, per_system, float32=chosen.float32,
                                            identity=chosen.identity)
    # Sentence-level and unit-level columns resample different rows (sentences, units): compared apart.
    groups: dict[int, dict[str, stats.MetricSeries]] = {}
    for metric, one in series.items():
        groups.setdefault(_series_rows(one), {})[metric] = one
    for group in groups.values() or [{}]:
        try:
            comparison = stats.compare(systems, group, options)
        except HarnessError as exc:
            board.notes.append(f"no significance: {exc}")
            return
        board.baseline = comparison.baseline
        board.ci.update(comparison.ci)
        board.means.update(comparison.means)
        board.halfwidths.update(comparison.halfwidths)
        board.pvalues.update(comparison.pvalues)


def _series_rows(series: stats.MetricSeries) -> int:
    """Rows of a metric's statistics (-1 when its runs disagree, which compare then reports)."""
    lengths = {len(rows) for rows in series.stats.values()}
    return lengths.pop() if len(lengths) == 1 else -1


def pvalue(board: Leaderboard, system: str, other: str, metric: str) -> float | None:
    """The (corrected) p-value of a pair, whichever order it was stored in."""
    for key in ((system, other, metric), (other, system, metric)):
        if key in board.pvalues:
            return board.pvalues[key]
    return None


DECIMALS_POINTS, DECIMALS_FRACTION = 2, 4


def decimals_for(values: Iterable[float]) -> int:
    """4 decimals for a 0-1 scale metric (COMET), 2 for score points, so 0.8512 does not show as 0.85."""
    magnitudes = [abs(v) for v in values if not math.isnan(v)]
    return DECIMALS_FRACTION if magnitudes and max(magnitudes) <= 1.5 else DECIMALS_POINTS


def column_decimals(board: Leaderboard, column: str, more: Iterable[float] = ()) -> int:
    """One rule per metric, not per set of values: corpus metrics in points (BLEU, chrF, TER) always 2
    decimals, even at 0.55; segment-mean metrics (COMET, 0-1) by their scale (with ``more`` values, e.g.
    sentence scores), so 0.8512 keeps 4."""
    flags = [s.get("segment_mean") for (_, m), s in board.summaries.items() if m == column]
    if any(flag is False for flag in flags):
        return DECIMALS_POINTS
    return decimals_for([*board.scores[column], *more])


def _cell(value: float, decimals: int) -> str:
    return "n/a" if math.isnan(value) else f"{value:.{decimals}f}"


def _significant(board: Leaderboard, p: float | None) -> bool:
    alpha = board.options.alpha if board.options else 0.05
    return p is not None and p < alpha


def _formatted(board: Leaderboard, bold: str, pm: str = "±", star: str = "*", with_p: bool = True) -> pd.DataFrame:
    """Display cells: score (best in bold), ± CI half-width, and p-value (unless not ``with_p``) + marker
    against the baseline."""
    best = board.best()
    show_p = board.options is not None and board.options.pairs == "baseline"
    table = board.scores.copy().astype(object)
    for column in board.scores.columns:
        arrow = "↑" if board.higher_is_better[column] else "↓"
        decimals = column_decimals(board, column)
        for system, value in board.scores[column].items():
            text = _cell(value, decimals)
            text = bold.format(text) if best.get(column) == system else text
            half = board.halfwidths.get((system, column))
            if half is not None and not math.isnan(value):
                text += f" {pm} {half:.{decimals}f}"
            p = pvalue(board, system, board.baseline, column) if show_p and system != board.baseline else None
            if p is not None:
                text += (f" (p={p:.4f})" if with_p else "") + (star if _significant(board, p) else "")
            table.loc[system, column] = text
        table = table.rename(columns={column: f"{column} {arrow}"})
    if show_p and board.baseline is not None and board.pvalues:
        table = table.rename(index={board.baseline: f"{board.baseline} (baseline)"})
    return table


def pvalue_matrix(board: Leaderboard, metric: str) -> pd.DataFrame:
    """Pairwise p-values of one metric (symmetric, NaN on the diagonal and for untested pairs)."""
    systems = list(board.scores.index)
    matrix = pd.DataFrame(np.nan, index=systems, columns=systems)
    for a in systems:
        for b in systems:
            p = pvalue(board, a, b, metric) if a != b else None
            if p is not None:
                matrix.loc[a, b] = p
    matrix.index.name = "system"
    return matrix


def _matrix_cells(board: Leaderboard, metric: str, star: str) -> pd.DataFrame:
    matrix = pvalue_matrix(board, metric)
    return matrix.apply(lambda col: [
        "—" if math.isnan(p) else f"{p:.4f}" + (star if _significant(board, p) else "") for p in col
    ]).astype(object)


def _labels(frame: pd.DataFrame, escape: Callable[[object], str]) -> pd.DataFrame:
    """System and metric names come from stored files: escaped for the format they are written in."""
    return frame.rename(index=escape, columns=escape)


def method_notes(board: Leaderboard, escape: Callable[[object], str] = str) -> list[str]:
    """What ±, p and * mean for this table (``escape`` for the baseline's name)."""
    o = board.options
    if o is None or not board.halfwidths:
        return []
    seed = "unseeded" if o.seed is None else f"seed {o.seed}"
    lines = [f"± half-width of the 95% bootstrap confidence interval ({o.n_ci_resamples} resamples, {seed})"]
    if board.pvalues:
        test = (f"paired bootstrap resampling, {o.n_resamples} resamples" if o.test == "bs"
                else f"paired approximate randomization, {o.n_resamples} trials")
        why = f" ({escape(board.baseline_why)})" if board.baseline_why else ""
        against = f"against baseline {escape(board.baseline)}{why}" if o.pairs == "baseline" else "for every pair of systems"
        corrected = "; Holm-corrected per metric" if o.correction == "holm" else ""
        corrected += "; sacrebleu-compatible (ties not extreme, float32 sums)" if o.sacrebleu else ""
        lines.append(f"p: {test}, {against}{corrected}; * p < {o.alpha:g}")
    return lines


def to_markdown(board: Leaderboard) -> str:
    if board.scores.empty:
        return f"No finished runs for reference set {board.reference!r}.\n"
    table = _labels(_formatted(board, "**{}**"), escaping.markdown)
    heading = unit_heading(board)
    text = (f"{escaping.markdown(heading)}\n\n" if heading else "") + table.to_markdown(
        colalign=("left",) + ("right",) * len(table.columns))
    if board.options is not None and board.options.pairs == "all" and board.pvalues:
        for metric in board.scores.columns:
            if any(key[2] == metric for key in board.pvalues):
                cells = _labels(_matrix_cells(board, metric, "*"), escaping.markdown)
                text += f"\n\np-values, {escaping.markdown(metric)}:\n\n" + cells.to_markdown(
                    colalign=("left",) + ("right",) * len(cells.columns))
    md = escaping.markdown
    notes = [f"- {line}" for line in method_notes(board, md)]
    notes += [f"- {md(metric)} for {md(system)}: {md(reason)}" for (system, metric), reason in board.unavailable.items()]
    notes += [f"- {md(note)}" for note in board.notes]
    if board.stale:
        notes.append(f"- left out (run on another version of the reference set): {', '.join(map(md, board.stale))}")
    from harness.paper import signatures

    notes += [f"- signature, {md(metric)}: " + " / ".join(_code(sig) for sig in found)
              for metric, found in signatures(board).items()]
    return text + "\n" + ("\n" + "\n".join(notes) + "\n" if notes else "")


def _code(text: str) -> str:
    """A code span when the text allows one (no backtick or line break), escaped text otherwise."""
    return f"`{text}`" if "`" not in text and escaping.one_line(text) == text else escaping.markdown(text)


def to_csv(board: Leaderboard) -> str:
    """Machine-readable: raw scores, empty where unavailable, CI bounds, p-values, and who leads what.

    Per metric M: ``M``, ``M ci_low``, ``M ci_high``, ``M p`` (against the baseline) and, with
    pairs=all, ``M p vs S`` for every system S.
    """
    frame = pd.DataFrame(index=board.scores.index)
    systems = list(board.scores.index)
    all_pairs = board.options is not None and board.options.pairs == "all"
    for metric in board.scores.columns:
        frame[metric] = board.scores[metric]
        if board.ci:
            frame[f"{metric} ci_low"] = [board.ci.get((s, metric), (math.nan, math.nan))[0] for s in systems]
            frame[f"{metric} ci_high"] = [board.ci.get((s, metric), (math.nan, math.nan))[1] for s in systems]
        if board.pvalues:
            frame[f"{metric} p"] = [_or_nan(pvalue(board, s, board.baseline, metric)) if s != board.baseline
                                    else math.nan for s in systems]
            if all_pairs:
                for other in systems:
                    frame[f"{metric} p vs {other}"] = [
                        _or_nan(pvalue(board, s, other, metric)) if s != other else math.nan for s in systems]
    best = board.best()
    frame["best"] = [";".join(m for m, s in best.items() if s == system) for system in frame.index]
    if board.pvalues:
        frame["baseline"] = [system == board.baseline for system in frame.index]
    return frame.to_csv(float_format="%.4f", lineterminator="\n")


def _or_nan(value: float | None) -> float:
    return math.nan if value is None else value


def to_latex(board: Leaderboard) -> str:
    """A LaTeX table float that compiles as-is (see :mod:`harness.paper`); p-values in the cells only with
    ``report.latex_pvalues=true``, a marker otherwise."""
    from harness import paper

    with_p = board.options is not None and board.options.latex_pvalues
    table = _labels(_formatted(board, r"\textbf{{{}}}", pm=r"$\pm$", star=r"$^{*}$", with_p=with_p), escaping.latex)
    matrices = {}
    if board.options is not None and board.options.pairs == "all" and board.pvalues:
        matrices = {metric: _labels(_matrix_cells(board, metric, r"$^{*}$"), escaping.latex)
                    for metric in board.scores.columns if any(key[2] == metric for key in board.pvalues)}
    return paper.to_latex(board, table, matrices)


def write(reference_dir: Path, content_hash: str | None = None,
          options: Mapping[str, Any] | None = None) -> Leaderboard:
    """Regenerate every leaderboard file of one reference set, each atomically, under a lock.

    ``options`` are the ``report`` settings; without them the tables carry scores only.
    """
    from harness import pairwise, paper

    checked = _options(options) if options is not None else None
    with atomic.locked(reference_dir / ".lock"):
        swap.recover(reference_dir)  # a run killed mid-swap is put back before it is read
        board = collect(reference_dir, content_hash)
        if checked is not None:
            checked, board.baseline_why = baseline_choice.settle(reference_dir, board.runs, checked)
            add_significance(board, checked)
        atomic.write_text(reference_dir / "leaderboard.md", to_markdown(board))
        atomic.write_text(reference_dir / "leaderboard.csv", to_csv(board))
        atomic.write_text(reference_dir / "leaderboard.tex", to_latex(board))
        atomic.write_text(reference_dir / "leaderboard_long.csv", paper.to_long_csv(board))
        atomic.write_text(reference_dir / pairwise.FILE, pairwise.to_markdown(board))
    return board
