"""Positioned text of a PDF page as plain data (top-down coordinates in points), and lines built from it.

Everything the PDF reader decides is a pure function of these boxes, so it is tested without a PDF
library and stays independent of the one that produced the boxes.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


WORD_GAP = 0.15  # glyphs further apart than this share of the font size belong to two words
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def words_from_chars(chars: Iterable[Word | None]) -> tuple[Word, ...]:
    """Glyphs (one-character Words in content order; None: a space) as words: a word ends at a space, a gap, a jump back or down, and at a
    change of font size or baseline, so that a raised footnote mark is a word of its own."""
    words: list[Word] = []
    run: list[Word] = []

    def close() -> None:
        if run:
            sizes = [c.size for c in run]
            words.append(Word(
                "".join(c.text for c in run).translate(_LIGATURES), min(c.x0 for c in run), max(c.x1 for c in run),
                min(c.top for c in run), max(c.bottom for c in run), max(set(sizes), key=sizes.count),
                2 * sum(c.bold for c in run) > len(run),
            ))
            run.clear()

    for char in chars:
        if char is None:
            close()
            continue
        if run:
            last = run[-1]
            gap = char.x0 - last.x1
            if (gap > WORD_GAP * char.size or char.x0 < last.x0 - 0.5 or abs(char.size - last.size) > 0.05 * last.size
                    or abs(char.bottom - last.bottom) > 0.2 * last.size):
                close()
        run.append(char)
    close()
    return tuple(words)


@dataclass(frozen=True)
class Rule:
    """A horizontal line drawn on the page (the short rule above footnotes)."""

    x0: float
    x1: float
    y: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    rules: tuple[Rule, ...] = ()
    rotated: int = 0  # glyphs not set upright (margin notes, a page turned inside its content): left out


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]  # left to right

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def size(self) -> float:
        """The size most of the line's characters have (a superscript does not count)."""
        return main_size(self.words)

    @cached_property
    def baseline(self) -> float:
        size = self.size  # a raised mark or a drop cap reaching down two lines does not count
        return max((w.bottom for w in self.words if 0.9 * size <= w.size <= 1.1 * size), default=self.words[0].bottom)

    @cached_property
    def bold(self) -> bool:
        letters = sum(len(w.text) for w in self.words)
        return sum(len(w.text) for w in self.words if w.bold) >= 0.7 * letters

    @cached_property
    def text(self) -> str:
        return join_words(self.words)


def main_size(words: Iterable[Word]) -> float:
    """The font size carrying most characters, rounded to 0.1 pt."""
    weight: dict[float, int] = {}
    for w in words:
        weight[round(w.size, 1)] = weight.get(round(w.size, 1), 0) + len(w.text)
    return max(weight, key=lambda s: (weight[s], s)) if weight else 0.0


def join_words(words: Sequence[Word]) -> str:
    """Words of one line as text: a space where there is a gap, none where a word was only split
    by a change of font size (a small-caps syllable, a mark) or after a drop cap."""
    out = words[0].text if words else ""
    for prev, word in zip(words, words[1:]):
        drop_cap = len(prev.text) == 1 and prev.size > 1.5 * word.size and word.text[:1].islower()  # 'D' 'ie'
        out += ("" if drop_cap or word.x0 - prev.x1 < 0.1 * min(prev.size, word.size) else " ") + word.text
    return out


def group_lines(words: Iterable[Word]) -> list[Line]:
    """Words on the same baseline, top to bottom: a word joins a line when most of its height
    overlaps the line's first word (a raised footnote mark still does). Words of the most common
    size found the lines, so a drop cap as tall as three lines joins the first of them."""
    words = list(words)
    common = main_size(words)
    lines: list[list[Word]] = []
    cores: list[tuple[float, float, int]] = []  # (top, bottom, line index), sorted by top
    for word in sorted(words, key=lambda w: (abs(round(w.size, 1) - common) > 0.1 * common, -w.size, w.top, w.x0)):
        height = max(0.1, word.bottom - word.top)
        at = bisect.bisect_left(cores, (word.top,))
        for top, bottom, k in cores[max(0, at - 3) : at + 3]:  # lines barely overlap: neighbours suffice
            if min(bottom, word.bottom) - max(top, word.top) >= 0.5 * min(height, bottom - top):
                lines[k].append(word)
                break
        else:
            bisect.insort(cores, (word.top, word.bottom, len(lines)))
            lines.append([word])
    built = [Line(tuple(sorted(ws, key=lambda w: w.x0))) for ws in lines]
    return sorted(built, key=lambda line: (line.baseline, line.x0))
