"""Reading order of PDF lines from geometry: columns, full-width lines, paragraphs and headings.

A two-column page is read left column then right column (three columns likewise); a line that
crosses a gutter (a title, a centred byline) cuts the page into bands read top to bottom. Paragraph breaks come from vertical
gaps wider than the leading, first-line indents and short lines that end a sentence; a column or
page break alone is no paragraph break, so a paragraph running on into the next column stays whole.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from harness.align.readers.boxes import Line, Word, group_lines, join_words, main_size

SPAN_GAP = 1.0  # a horizontal gap of this many font sizes separates two spans of text on one line
COVERED = 0.1  # a gutter is crossed by at most this share of a page's lines (or two: titles)
MIN_SIDE = 0.05  # ... and has text ending/starting next to it on this share of lines (at least 3) on each side
FILLED = 0.5  # share of a column's lines that reach its right edge in running text
ROWS = 0.4  # share of lines on a table's sides that sit on a common baseline
PARAGRAPH_GAP = 1.3  # a baseline step this many times the leading opens a paragraph
INDENT = 0.8  # a first line indented by this many font sizes opens a paragraph
MARGIN_LINES = 20  # lines needed to learn the margins of odd or even pages on their own
CELL_GAP = 2.0  # a gap of this many font sizes inside a line separates table cells
HEADING_SIZE = 1.15  # type this much larger than the body is a heading
_LIST_MARK = re.compile(r"[•◦‣▪∙·*–-]|\(?(?:\d{1,3}|[a-zA-Z]|[ivx]{1,4})[.)]")
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”“»«’)\]]*$")


@dataclass(frozen=True)
class Region:
    """Lines read as one run: a column of a band, or the full-width lines between bands."""

    page: int
    column: str  # single | col1, col2 ... (left to right) | full
    lines: tuple[Line, ...]


def _spans(line: Line) -> list[tuple[float, float]]:
    spans = [(line.words[0].x0, line.words[0].x1)]
    for word in line.words[1:]:
        if word.x0 - spans[-1][1] > SPAN_GAP * word.size:
            spans.append((word.x0, word.x1))
        else:
            spans[-1] = (spans[-1][0], max(spans[-1][1], word.x1))
    return spans


def find_gutter(lines: Sequence[Line], lo: float, hi: float) -> float | None:
    """The x of the gap between two columns in [lo, hi], or None for one column: a vertical strip in
    the middle half crossed by few lines, with text ending just left of it and starting just right
    of it on many lines."""
    if len(lines) < 6 or hi - lo < 50:
        return None
    width = hi - lo
    size = int(hi) + 2
    cover, ends, starts = [0] * size, [0] * size, [0] * size
    for line in lines:
        for a, b in _spans(line):
            first, last = max(0, math.ceil(a)), min(size - 2, math.floor(b))
            if first <= last:
                cover[first] += 1
                cover[last + 1] -= 1
            ends[min(size - 1, max(0, math.floor(b)))] += 1
            starts[min(size - 1, max(0, math.ceil(a)))] += 1
    covered = list(itertools.accumulate(cover))
    ends_before, starts_before = [0, *itertools.accumulate(ends)], [0, *itertools.accumulate(starts)]
    need = max(3.0, MIN_SIDE * len(lines))
    near = int(0.25 * width)
    candidates: list[tuple[int, int]] = []
    for x in range(int(lo + 0.25 * width), int(lo + 0.75 * width) + 1):
        if covered[x] > max(2.0, COVERED * len(lines)):
            continue
        left = ends_before[x] - ends_before[max(0, x - near)]  # spans ending in [x - near, x)
        right = starts_before[min(size, x + near + 1)] - starts_before[x + 1]  # starting in (x, x + near]
        if left >= need and right >= need:
            candidates.append((covered[x], x))
    if not candidates:
        return None
    fewest = min(c for c, _ in candidates)
    xs = [x for c, x in candidates if c == fewest]
    runs: list[list[int]] = [[xs[0]]]
    for x in xs[1:]:
        if x == runs[-1][-1] + 1:
            runs[-1].append(x)
        else:
            runs.append([x])
    widest = max(runs, key=len)
    return (widest[0] + widest[-1]) / 2


def filled(lines: Sequence[Line]) -> bool:
    """Whether lines are set as running text: most of them (of the common size) reach the block's
    right edge. A table's key column does not, nor do its short descriptions all."""
    size = main_size([w for line in lines for w in line.words])
    body = [line for line in lines if abs(line.size - size) <= 0.1 * size] or list(lines)
    ends = sorted(line.x1 for line in body)
    edge, start = ends[int(0.9 * (len(ends) - 1))], min(line.x0 for line in body)
    return sum(line.x1 >= edge - 0.15 * (edge - start) for line in body) >= FILLED * len(body)


def is_table(left: Sequence[Line], right: Sequence[Line]) -> bool:
    """Two sides of a gap that are a table's columns, not text columns: running text on neither
    side, or on one side only while the other's lines sit on the same baselines (rows)."""
    if not left or not right:
        return True
    running = filled(left) + filled(right)
    if running == 2:
        return False
    fewer, more = sorted((left, right), key=len)
    baselines = [line.baseline for line in more]
    rows = sum(any(abs(line.baseline - b) < 1 for b in baselines) for line in fewer)
    return running == 0 or rows >= ROWS * len(fewer)


def find_gutters(lines: Sequence[Line], lo: float, hi: float) -> list[float]:
    """Every column gap, left to right: the clearest one, then the same search on each side of it
    (three-column pages have two). A table's gap is none: a table is read row by row."""
    gutter = find_gutter(lines, lo, hi)
    if gutter is None:
        return []
    words = [w for line in lines for w in line.words]
    sides = [group_lines(w for w in words if w.middle < gutter), group_lines(w for w in words if w.middle >= gutter)]
    if is_table(*sides):
        return []
    left, right = (find_gutters(side, min(ln.x0 for ln in side), max(ln.x1 for ln in side)) for side in sides)
    return [*left, gutter, *right]


def page_regions(lines: Sequence[Line], width: float, page: int) -> list[Region]:
    """A page's lines (grouped across the whole width) as regions in reading order: bands of
    columns, each column top to bottom, cut by the lines that cross a gutter."""
    gutters = find_gutters(lines, 0.0, width)
    if not gutters:
        return [Region(page, "single", tuple(lines))] if lines else []
    regions: list[Region] = []
    band: list[Line] = []
    full: list[Line] = []

    def close_band() -> None:
        columns: dict[int, list[Word]] = {}
        for word in (w for line in band for w in line.words):
            columns.setdefault(bisect.bisect(gutters, word.middle), []).append(word)
        regions.extend(Region(page, f"col{k + 1}", tuple(group_lines(columns[k]))) for k in sorted(columns))
        band.clear()

    for line in lines:
        if any(a <= g <= b for a, b in _spans(line) for g in gutters):
            close_band()
            full.append(line)
        else:
            if full:
                regions.append(Region(page, "full", tuple(full)))
                full.clear()
            band.append(line)
    if full:
        regions.append(Region(page, "full", tuple(full)))
    close_band()
    return regions


@dataclass(frozen=True)
class Margins:
    """Where a column's flush lines start and end, learnt over the document per column kind and
    page parity (books shift odd and even pages), by column kind alone where a parity has few lines."""

    left: dict[tuple[str, int | None], float]
    right: dict[tuple[str, int | None], float]

    def of(self, region: Region) -> tuple[float, float]:
        key = (region.column, region.page % 2)
        key = key if key in self.left else (region.column, None)
        return self.left[key], self.right[key]


def learn_margins(regions: Sequence[Region]) -> Margins:
    left: dict[tuple[str, int | None], float] = {}
    right: dict[tuple[str, int | None], float] = {}
    for column in {r.column for r in regions}:
        for parity in (None, 0, 1):
            lines = [ln for r in regions if r.column == column and parity in (None, r.page % 2) for ln in r.lines]
            if parity is None or len(lines) >= MARGIN_LINES:
                left[column, parity] = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
                ends = sorted(line.x1 for line in lines)
                right[column, parity] = ends[int(0.9 * (len(ends) - 1))]
    return Margins(left, right)


def is_heading(line: Line, body_size: float) -> bool:
    return line.bold or line.size >= HEADING_SIZE * body_size


def _indented(line: Line, left: float) -> bool:
    return line.x0 - left > INDENT * line.size


def _hangs(prev: Line, cur: Line) -> bool:
    """'• Starten Sie …' / '  temverzeichnisse …': a list item's next line aligns with its text;
    so do the lines beside a drop cap."""
    if len(prev.words) < 2 or abs(prev.words[1].x0 - cur.x0) > 1.5:
        return False
    first = prev.words[0]
    return bool(_LIST_MARK.fullmatch(first.text)) or (len(first.text) == 1 and first.size > 1.5 * prev.size)


def _ends_paragraph(line: Line, left: float, right: float) -> bool:
    """A line stopping well short of the right margin after a sentence end."""
    return right - line.x1 > 0.1 * (right - left) and bool(_SENTENCE_END.search(line.text))


def breaks(prev: Line, cur: Line, same_region: bool, full_change: bool, prev_margins: tuple[float, float],
           margins: tuple[float, float], pitch: float, body_size: float) -> bool:
    """Whether a paragraph (block) break lies between two lines that follow in reading order."""
    heading_prev, heading_cur = is_heading(prev, body_size), is_heading(cur, body_size)
    if heading_prev != heading_cur or full_change:
        return True
    step = cur.baseline - prev.baseline
    if same_region and pitch and step > PARAGRAPH_GAP * pitch * max(1.0, cur.size / body_size):
        return True
    if heading_cur:
        return not same_region
    if prev.text.endswith("-") or _hangs(prev, cur):
        return False  # a word or a list item running on
    if _indented(cur, margins[0]) and not (_indented(prev, prev_margins[0]) and abs(prev.x0 - cur.x0) < 1):
        return True
    return _ends_paragraph(prev, *prev_margins)


def body_pitch(regions: Sequence[Region], body_size: float) -> float:
    steps = [
        b.baseline - a.baseline
        for r in regions
        for a, b in zip(r.lines, r.lines[1:])
        if abs(a.size - body_size) < 0.5 and abs(b.size - body_size) < 0.5 and 0 < b.baseline - a.baseline < 3 * body_size
    ]
    return statistics.median(steps) if steps else 0.0


def cells(line: Line, right: float = float("inf")) -> list[Line]:
    """A table row's cells: parts of a line apart by more than CELL_GAP font sizes, in a line that
    also has ordinary word spaces (a loosely justified line has only wide ones) or is two words
    far apart that do not reach the right margin (`right`)."""
    gaps = [b.x0 - a.x1 for a, b in zip(line.words, line.words[1:])]
    size = line.size
    wide = [g > CELL_GAP * size for g in gaps]
    # 'F1    Hilfe': two words far apart, unless justified out to the right margin
    spaced = any(g < 0.6 * size for g in gaps) or (len(gaps) == 1 and gaps[0] > 2 * CELL_GAP * size and line.x1 < right - 1)
    if not any(wide) or not spaced:
        return [line]
    parts: list[list] = [[line.words[0]]]
    for gap, word in zip(gaps, line.words[1:]):
        if gap > CELL_GAP * size:
            parts.append([])
        parts[-1].append(word)
    return [Line(tuple(p)) for p in parts]


@dataclass
class _Row:
    """A table row being read: where its cells start and their lines so far."""

    region: Region
    starts: list[float]
    texts: list[list[str]]
    baseline: float

    def continued_by(self, line: Line, region: Region, pitch: float) -> bool:
        """The next line carries on this row's cells: it follows at the leading and starts where a
        cell other than the first starts (the first column is empty on a cell's later lines)."""
        step = line.baseline - self.baseline
        return (region is self.region and 0 < step <= 1.5 * (pitch or 1.2 * line.size)
                and any(abs(line.x0 - start) < 2 for start in self.starts[1:]))

    def add(self, line: Line) -> None:
        parts: dict[int, list[Word]] = {}
        for word in line.words:
            parts.setdefault(max(k for k, start in enumerate(self.starts) if start <= word.x0 + 2), []).append(word)
        for k, part in parts.items():
            self.texts[k].append(join_words(part))
        self.baseline = line.baseline

    def blocks(self) -> list[str]:
        return ["\n".join(lines) for lines in self.texts if lines]


def render(regions: Sequence[Region], body_size: float) -> str:
    """Plain text: one line per PDF line, a blank line between paragraphs and around headings; a
    heading set over two lines is one line (its break is layout, not a second title); the cells
    of a table row are blocks of their own, as a web page's are, a cell's later lines in its block."""
    margins = learn_margins(regions)
    pitch = body_pitch(regions, body_size)
    out: list[str] = []
    previous: tuple[Region, Line] | None = None
    row: _Row | None = None
    for region in regions:
        for line in region.lines:
            if row is not None and row.continued_by(line, region, pitch):
                row.add(line)
                continue
            if row is not None:
                out += [x for block in row.blocks() for x in (block, "")]
                row = None
            parts = cells(line, margins.of(region)[1])
            if len(parts) > 1:
                out.append("")
                row = _Row(region, [c.x0 for c in parts], [[c.text] for c in parts], line.baseline)
                previous = None
                continue
            if previous is not None:
                before, prev = previous
                full_change = (before.column == "full") != (region.column == "full")
                if breaks(prev, line, before is region, full_change, margins.of(before), margins.of(region), pitch, body_size):
                    out.append("")
                elif is_heading(line, body_size) and is_heading(prev, body_size) and not prev.text.endswith("-"):
                    out[-1] += " " + line.text
                    previous = (region, line)
                    continue
            out.append(line.text)
            previous = (region, line)
    if row is not None:
        out += row.blocks()
    return "\n".join(text for k, text in enumerate(out) if text or (k and out[k - 1])).strip("\n") + "\n"
