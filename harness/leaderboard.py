"""Comparison tables: one row per system, one column per metric, best per column marked."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
import pandas as pd

from harness import atomic
from harness.records import finished_runs

FILES = ("leaderboard.md", "leaderboard.csv", "leaderboard.tex")


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
    for run_dir, info in finished_runs(reference_dir):
        system = info["system"]["name"]
        if content_hash is not None and info["reference"]["content_hash"] != content_hash:
            stale.append(system)
            continue
        runs[system] = run_dir
        row = rows.setdefault(system, {})
        for result in info["metrics"].values():
            name = result["name"]
            higher.setdefault(name, result.get("higher_is_better", True))
            if result.get("available", True):
                row[name] = result["score"]
            else:
                row[name] = math.nan
                unavailable[(system, name)] = result.get("reason", "unavailable")
    columns = list(higher)
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=columns).astype(float)
    frame.index.name = "system"
    return Leaderboard(reference_dir.name, frame, higher, unavailable, stale, runs)


def _cell(value: float, decimals: int) -> str:
    return "n/a" if math.isnan(value) else f"{value:.{decimals}f}"


def _formatted(board: Leaderboard, decimals: int, bold: str) -> pd.DataFrame:
    best = board.best()
    table = board.scores.copy().astype(object)
    for column in board.scores.columns:
        arrow = "↑" if board.higher_is_better[column] else "↓"
        for system, value in board.scores[column].items():
            text = _cell(value, decimals)
            table.loc[system, column] = bold.format(text) if best.get(column) == system else text
        table = table.rename(columns={column: f"{column} {arrow}"})
    return table


def to_markdown(board: Leaderboard, decimals: int = 2) -> str:
    if board.scores.empty:
        return f"No finished runs for reference set {board.reference!r}.\n"
    table = _formatted(board, decimals, "**{}**")
    text = table.to_markdown(colalign=("left",) + ("right",) * len(table.columns))
    notes = [f"- {metric} for {system}: {reason}" for (system, metric), reason in board.unavailable.items()]
    if board.stale:
        notes.append(f"- left out (run on another version of the reference set): {', '.join(board.stale)}")
    return text + "\n" + ("\n" + "\n".join(notes) + "\n" if notes else "")


def to_csv(board: Leaderboard) -> str:
    """Machine-readable: raw scores, empty where unavailable, plus which metrics each system leads."""
    frame = board.scores.copy()
    best = board.best()
    frame["best"] = [";".join(m for m, s in best.items() if s == system) for system in frame.index]
    return frame.to_csv(float_format="%.4f", lineterminator="\n")


def to_latex(board: Leaderboard, decimals: int = 2) -> str:
    table = _formatted(board, decimals, r"\textbf{{{}}}")
    table.columns = [c.replace("↑", r"$\uparrow$").replace("↓", r"$\downarrow$") for c in table.columns]
    table.index = [str(i).replace("_", r"\_") for i in table.index]
    table.index.name = "system"
    return table.to_latex(escape=False, column_format="l" + "r" * len(table.columns))


def write(reference_dir: Path, content_hash: str | None = None) -> Leaderboard:
    """Regenerate every leaderboard file of one reference set, each atomically, under a lock."""
    with atomic.locked(reference_dir / ".lock"):
        board = collect(reference_dir, content_hash)
        atomic.write_text(reference_dir / "leaderboard.md", to_markdown(board))
        atomic.write_text(reference_dir / "leaderboard.csv", to_csv(board))
        atomic.write_text(reference_dir / "leaderboard.tex", to_latex(board))
    return board

