"""A ``comet-compare``-style summary of every pair of systems: segment wins, ties and losses per metric, and
a sentence saying whether one is better (from the leaderboard's paired test), written to ``pairwise.md``.

Counts come from the sentence scores in ``stats.npz`` (``<key>.segments``); no text is read again.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from harness import escaping
from harness.leaderboard import Leaderboard, pvalue
from harness.records import read_stats

FILE = "pairwise.md"
#: Sentence scores closer than this are a tie (float noise of one formula computed two ways).
TIE = 1e-9


@dataclass(frozen=True)
class Pair:
    metric: str
    a: str
    b: str
    wins: int  # segments where a scores better than b
    ties: int
    losses: int
    p: float | None
    significant: bool
    a_leads: bool  # a's corpus score is at least b's

    def sentence(self) -> str:
        """What the numbers say, in words."""
        if self.p is None:
            return f"{self.a} vs {self.b}: not tested (report.pairs=all tests every pair)."
        better, worse = (self.a, self.b) if self.a_leads else (self.b, self.a)
        if self.significant:
            return f"{better} is better than {worse} on {self.metric} (p = {self.p:.4f})."
        return f"{better} and {worse} do not differ significantly on {self.metric} (p = {self.p:.4f})."


def segment_scores(board: Leaderboard, system: str, metric: str) -> np.ndarray | None:
    summary = board.summaries.get((system, metric))
    if summary is None or system not in board.runs:
        return None
    key = f"{summary['key']}.segments"
    return read_stats(board.runs[system], {key}).get(key)


def pairs(board: Leaderboard) -> list[Pair]:
    """Every pair of systems (table order: the higher row first) on every metric with sentence scores."""
    alpha = board.options.alpha if board.options else 0.05
    out = []
    for metric in board.scores.columns:
        scores = {s: segment_scores(board, s, metric) for s in board.scores.index}
        sign = 1.0 if board.higher_is_better[metric] else -1.0
        for a, b in itertools.combinations(board.scores.index, 2):
            if scores[a] is None or scores[b] is None or len(scores[a]) != len(scores[b]):
                continue
            diff = sign * (np.asarray(scores[a], dtype=float) - np.asarray(scores[b], dtype=float))
            p = pvalue(board, a, b, metric)
            leads = sign * (board.scores.at[a, metric] - board.scores.at[b, metric]) >= 0
            out.append(Pair(metric, a, b, int(np.sum(diff > TIE)), int(np.sum(np.abs(diff) <= TIE)),
                            int(np.sum(diff < -TIE)), p, p is not None and p < alpha, bool(leads)))
    return out


def to_markdown(board: Leaderboard) -> str:
    """One table per metric (wins/ties/losses of the left system over segments) and the sentences."""
    found = pairs(board)
    if not found:
        return f"No pair of systems with sentence scores on {board.reference!r}.\n"
    md = escaping.markdown
    parts = [f"# Pairwise comparison on {md(board.reference)}\n",
             "Segments where the first system scores better (wins), the same (ties) or worse (losses).\n"]
    for metric in dict.fromkeys(p.metric for p in found):
        rows = [p for p in found if p.metric == metric]
        parts.append(f"## {md(metric)}\n\n| system A | system B | wins | ties | losses | p |\n|:--|:--|--:|--:|--:|--:|")
        parts += [f"| {md(p.a)} | {md(p.b)} | {p.wins} | {p.ties} | {p.losses} | "
                  f"{'—' if p.p is None else f'{p.p:.4f}'} |" for p in rows]
        parts.append("\n" + "\n".join(f"- {md(p.sentence())}" for p in rows) + "\n")
    return "\n".join(parts)
