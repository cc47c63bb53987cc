"""How a document wraps its lines: a line that left room for the next line's first word ended its
paragraph, one that did not may have been wrapped (greedy line breaking, in any box or column)."""

from __future__ import annotations

import math

WRAP_SLACK = 0.15  # share of a line's width that proportional type may leave unfilled when it wraps
OPEN_ENDS = ("-", ",", "(", "/", "–")  # a line ending on one goes on: a broken word, a clause, a parenthesis, an alternative


def wrap_width(lines: list[str]) -> float:
    """The width at which the document's text wraps: the median length of lines that clearly run
    on (the next line goes on in lower case). Unknown (infinite) with too few such lines."""
    running = running_lengths(lines)
    return float(running[len(running) // 2]) if len(running) >= 20 else math.inf


def running_lengths(lines: list[str]) -> list[int]:
    """Sorted lengths of the lines that clearly run on: the next line goes on in lower case
    (a hyphenated word over the line end aside)."""
    return sorted(
        len(lines[k].strip())
        for k in range(len(lines) - 1)
        if lines[k].strip() and lines[k + 1].strip()[:1].islower() and not lines[k].rstrip().endswith("-")
    )


def word_would_fit(before: str, line: str, width: float = math.inf) -> bool:
    """Whether the first word of `line` would have fitted at the end of `before` within the width
    its box shows: `line`'s own length, capped by the document's wrap width (plain pdftotext
    glues lines of two columns into one long line, which says nothing of either column)
    ('Elemente können wiederholt werden:' / 'Dies ist hilfreich um ein Raster und
    Rasterbeschriftungen anzulegen.'). Text is wrapped greedily: a line breaks only where the
    next word no longer fits, so a line that leaves room for the next line's first word was
    not wrapped but ended its paragraph, in any box or column. A margin of WRAP_SLACK allows
    for proportional type measured in characters."""
    first = line.split(maxsplit=1)[:1]
    if not first or not before.strip():
        return False
    box = min(len(line.strip()), width)
    return len(before.strip()) + 1 + len(first[0]) <= (1 - WRAP_SLACK) * box
