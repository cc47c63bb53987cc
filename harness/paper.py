"""What a paper needs from a leaderboard: metric signatures, a LaTeX table that compiles as-is, and a tidy
long-format CSV (one row per system and metric).

The LaTeX is a complete ``table`` float (booktabs rules; ``\\usepackage{booktabs}`` is the only package it
needs, named in its first line): the best score per column in bold, significance against the baseline as
a marker, p-values in the cells only with ``report.latex_pvalues=true``; the caption says what the
interval, the marker and the test are and gives every metric's signature.
"""

from __future__ import annotations

import math

import pandas as pd

from harness import escaping
from harness.leaderboard import Leaderboard, method_notes, pvalue, unit_heading

PACKAGES = ("booktabs",)
LONG_COLUMNS = ["system", "metric", "score", "ci_low", "ci_high", "p_value", "significant", "signature"]


def signatures(board: Leaderboard) -> dict[str, list[str]]:
    """Each metric column's signature(s), in table order (more than one when runs were scored differently)."""
    out: dict[str, list[str]] = {}
    for metric in board.scores.columns:
        for system in board.scores.index:
            signature = (board.summaries.get((system, metric)) or {}).get("signature")
            if signature and signature not in out.setdefault(metric, []):
                out[metric].append(signature)
    return {metric: found for metric, found in out.items() if found}


def signature_lines(board: Leaderboard) -> list[str]:
    return [f"{metric}: {' / '.join(found)}" for metric, found in signatures(board).items()]


def _significant(board: Leaderboard, p: float | None) -> bool:
    return p is not None and p < (board.options.alpha if board.options else 0.05)


def to_long_csv(board: Leaderboard) -> str:
    """``system, metric, score, ci_low, ci_high, p_value, significant, signature``: one row per system and metric
    (p-values against the baseline; empty for the baseline itself and where there is no test)."""
    rows = []
    for system in board.scores.index:
        for metric in board.scores.columns:
            score = board.scores.at[system, metric]
            low, high = board.ci.get((system, metric), (math.nan, math.nan))
            p = None if board.baseline in (None, system) else pvalue(board, system, board.baseline, metric)
            rows.append({"system": system, "metric": metric, "score": score, "ci_low": low, "ci_high": high,
                         "p_value": math.nan if p is None else p,
                         "significant": "" if p is None else _significant(board, p),
                         "signature": (board.summaries.get((system, metric)) or {}).get("signature", "")})
    frame = pd.DataFrame(rows, columns=LONG_COLUMNS)
    return frame.to_csv(index=False, lineterminator="\n")  # full precision: this file is for analysis


def to_latex(board: Leaderboard, formatted: pd.DataFrame, matrices: dict[str, pd.DataFrame]) -> str:
    """A complete ``table`` float per table: ``formatted`` is the score table (display cells), ``matrices``
    the pairwise p-value tables (pairs=all)."""
    label = "".join(c if c.isalnum() else "-" for c in board.reference)
    caption = _caption(board)
    parts = [f"% Needs \\usepackage{{{','.join(PACKAGES)}}} in the preamble.\n",
             _float(_tabular(formatted), caption, f"tab:{label}")]
    for metric, cells in matrices.items():
        text = f"Pairwise p-values, {escaping.latex(metric)}; $^{{*}}$ p < {_alpha(board):g}."
        parts.append(_float(_tabular(cells), text, f"tab:{label}-p-{''.join(c for c in metric if c.isalnum())}"))
    return "\n".join(parts)


def _alpha(board: Leaderboard) -> float:
    return board.options.alpha if board.options else 0.05


def _caption(board: Leaderboard) -> str:
    lines = [f"Scores on {escaping.latex(board.reference)}."]
    heading = unit_heading(board)  # paragraph/document-level runs: what was sent and how it was scored
    if heading:
        lines.append(_sentence(escaping.latex(heading)))
    lines += [_sentence(escaping.latex(line).replace("±", r"$\pm$").replace(" * ", " $^{*}$ ")
                        .replace("; *", r"; $^{*}$")) for line in method_notes(board)]
    found = signatures(board)
    if found:
        lines.append("Signatures: " + "; ".join(
            f"{escaping.latex(m)}: " + " / ".join(_signature(s) for s in sigs)
            for m, sigs in found.items()) + ".")
    return " ".join(lines)


def _signature(signature: str) -> str:
    """Typewriter, and allowed to break after each ``|`` (a signature is wider than most columns)."""
    return r"\texttt{" + escaping.latex(signature).replace("|", r"|\allowbreak{}") + "}"


def _sentence(text: str) -> str:
    return text if text.endswith(".") else text + "."


def _tabular(table: pd.DataFrame) -> str:
    header = ["system"] + [c.replace("↑", r"$\uparrow$").replace("↓", r"$\downarrow$") for c in table.columns]
    lines = [rf"\begin{{tabular}}{{l{'r' * len(table.columns)}}}", r"\toprule", " & ".join(header) + r" \\",
             r"\midrule"]
    lines += [" & ".join([str(index), *map(str, row)]) + r" \\" for index, row in table.iterrows()]
    return "\n".join([*lines, r"\bottomrule", r"\end{tabular}"])


def _float(tabular: str, caption: str, label: str) -> str:
    return "\n".join([r"\begin{table}[t]", r"\centering", r"\small", tabular, rf"\caption{{{caption}}}",
                      rf"\label{{{label}}}", r"\end{table}"]) + "\n"
