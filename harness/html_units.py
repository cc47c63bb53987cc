"""The paragraph view of ``report.html`` for paragraph- and document-level runs: each unit's source,
reference and every system's hypothesis with its unit-level scores, read from the runs' ``units.tsv``."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from harness.errors import HarnessError, warn_once
from harness.html_report import read_tsv
from harness.leaderboard import Leaderboard
from harness.unit_eval import UNITS_FILE

_FIXED = ("unit", "doc", "first", "last", "src", "ref", "hyp")


def _read(board: Leaderboard, system: str) -> pd.DataFrame:
    path = board.runs[system] / UNITS_FILE
    table = read_tsv(path)
    missing = [c for c in _FIXED if c not in table.columns]
    if missing:
        raise HarnessError(f"{path} lacks column(s) {', '.join(missing)}")
    return table


def unit_view(board: Leaderboard, decimals: dict[str, int]) -> list[dict[str, Any]]:
    """One entry per unit: where it is, its source and reference, and each system's hypothesis and scores.
    Empty for sentence-level tables; a run whose units.tsv is unreadable or covers other units is left
    out with one warning."""
    if not board.unit:
        return []
    units: list[dict[str, Any]] = []
    for system in board.scores.index:
        try:
            table = _read(board, system)
            if units and (table["src"].tolist() != [u["src"] for u in units]
                          or table["ref"].tolist() != [u["ref"] for u in units]):
                raise HarnessError(f"{board.runs[system] / UNITS_FILE} holds other units than the other runs")
        except HarnessError as exc:
            warn_once(f"{exc}; {system} left out of the report's paragraph view")
            continue
        if not units:
            units = [{"unit": r["unit"], "doc": r["doc"], "first": r["first"], "last": r["last"], "src": r["src"],
                      "ref": r["ref"], "hyps": []} for _, r in table.iterrows()]
        metrics = [c for c in table.columns if c not in _FIXED]
        for unit, (_, row) in zip(units, table.iterrows()):
            scores = []
            for metric in metrics:
                column = f"{metric} ({board.unit})"
                value = float(row[metric]) if row[metric] else math.nan
                scores.append(f"{metric} {value:.{decimals.get(column, 2)}f}")
            unit["hyps"].append({"system": system, "text": row["hyp"], "scores": " · ".join(scores)})
    return units
