"""What a build produces: aligned pairs of sentence units and set-aside units, each with its raw lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from harness.align import two_sides

HEADINGS = frozenset({"heading", "title"})  # the unit kinds of headings


@dataclass(frozen=True)
class Unit:
    text: str
    lines: str  # raw line spans, in reading order: '186-187,92'
    kind: str
    block: int = 0  # the text block (list item, paragraph) it came from: items never merge across blocks
    seams: tuple[int, ...] = ()  # offsets where the text jumps between raw lines that are not neighbours
    # the raw line of each character, where known (a unit cut later keeps its line spans right)
    owners: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def pieces(self) -> list[str]:
        """The text cut at its seams: the parts a re-joined or re-ordered sentence was made of."""
        cuts = [0, *self.seams, len(self.text)]
        return [self.text[a:b].strip() for a, b in zip(cuts, cuts[1:]) if self.text[a:b].strip()]


@dataclass(frozen=True)
class AlignedPair:
    src: tuple[Unit, ...]
    tgt: tuple[Unit, ...]
    kind: str
    score: float

    @property
    def bead(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass(frozen=True)
class SetAside:
    side: str  # src | tgt
    unit: Unit
    reason: str
    # False for a piece cut off a unit, and for the units of a pair set aside over a piece one of them
    # carries: no whole unit of the text, so no pass places it by where it stands (raw_neighbours)
    whole: bool = True
    # True where the main text's alignment itself found it no confident place (no counterpart, or its
    # bead under the similarity floor) and no later pass took it out of a pair: as whole as it was read
    unplaced: bool = False


@dataclass
class Alignment:
    pairs: list[AlignedPair] = field(default_factory=list)
    unaligned: list[SetAside] = field(default_factory=list)


def line_spans(lines: Sequence[int]) -> str:
    """Raw line numbers of a unit as spans in reading order: (186, 187, 92, 93) -> '186-187,92-93'."""
    runs: list[list[int]] = []
    for line in lines:
        if runs and runs[-1][1] <= line <= runs[-1][1] + 1:
            runs[-1][1] = line
        elif not (runs and runs[-1][0] <= line <= runs[-1][1]):
            runs.append([line, line])
    return ",".join(f"{a}-{b}" if a != b else str(a) for a, b in runs)


def span_numbers(lines: str) -> list[int]:
    """The line numbers a unit's spans name, in reading order: '186-187,92' -> [186, 187, 92] (a span's
    ends, not the lines between; a stitched unit's numbers need not rise)."""
    return list(_span_numbers(lines))


@lru_cache(maxsize=1 << 16)
def _span_numbers(lines: str) -> tuple[int, ...]:
    return tuple(int(n) for n in _DIGITS.findall(lines))


_DIGITS = re.compile(r"\d+")


def span_ends(lines: str) -> tuple[int, int] | None:
    """The first and the last raw line in reading order ('171-173,107' -> (171, 107)); None without
    line numbers."""
    numbers = span_numbers(lines)
    return (numbers[0], numbers[-1]) if numbers else None


def set_aside_where(result: Alignment, why: Callable[[AlignedPair], str | None], whole: bool = True, halves: bool = False) -> int:
    """Move the written pairs `why` gives a reason against to the set-aside list (both sides, the
    reason after the pair's kind; `whole` as in set_aside); returns how many. With `halves`, for a
    `why` that takes long, a long document's pairs are judged in two halves, one on each core
    (two_sides.each: `why` judges each pair alone and changes nothing)."""
    pairs = result.pairs
    reasons = two_sides.each(lambda k: why(pairs[k]), len(pairs)) if halves else [why(pair) for pair in pairs]
    kept: list[AlignedPair] = []
    for pair, reason in zip(pairs, reasons):
        if reason is None:
            kept.append(pair)
        else:
            result.unaligned += set_aside(pair, f"{pair.kind}: {reason}", whole)
    moved = len(result.pairs) - len(kept)
    result.pairs = kept
    return moved


def first_line(lines: str) -> int:
    """The raw line a unit starts on (0 without line numbers): where its text stands in the document."""
    return (span_numbers(lines) or [0])[0]


def set_aside(pair: AlignedPair, reason: str, whole: bool = True) -> list[SetAside]:
    """Both sides of a written pair, set aside for one reason."""
    return [SetAside("src", u, reason, whole) for u in pair.src] + [SetAside("tgt", u, reason, whole) for u in pair.tgt]


def swapped(result: Alignment) -> Alignment:
    """The same alignment seen from the other side (a build run target-first)."""
    side = {"src": "tgt", "tgt": "src"}
    return Alignment(
        [AlignedPair(p.tgt, p.src, p.kind, p.score) for p in result.pairs],
        [SetAside(side[a.side], a.unit, a.reason, a.whole, a.unplaced) for a in result.unaligned],
    )
