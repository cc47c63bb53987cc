"""Layout noise of a PDF found from geometry: running headers/footers, page numbers, footnote areas
at column feet and superscript footnote marks in the body. Each is returned as a Removal.

Evidence, not position alone: an edge line is noise when it stands apart from the body (a gap wider
than the leading) and either repeats on other pages (digits may vary) or holds a page number; a
footnote area is small type at a column foot under a rule or opening with a note number.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence

from harness.align.readers.base import Removal
from harness.align.readers.boxes import Line, Rule, Word, join_words

_ROMAN = r"(?=[ivxlcdm]+\b)m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
PAGE_NUMBER = re.compile(
    rf"[-–—]?\s*(?:(?:seite|page|pag\.|p\.|s\.|página|pagina)\s*)?(?:\d{{1,4}}|{_ROMAN})"
    r"(?:\s*(?:/|of|von|de|sur|di)\s*\d{1,4})?\s*[-–—]?",
    re.I,
)
_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
MARK = re.compile(rf"[\d{_SUPERSCRIPT}*†‡§¶,]{{1,6}}")
_NOTE_START = re.compile(rf"(?:\d{{1,3}}|[*†‡§])(?:[.)]?\s+\S|[^\W\d_])|\d{{0,2}}[{_SUPERSCRIPT}]{{1,3}}\s*\S")
EDGE_LINES = 2  # lines looked at on each page edge (a header can sit above a second running line)
PART_GAP = 2.0  # a gap of this many font sizes splits an edge line into parts (left/centre/right)
SMALL = 0.95  # footnote text is set smaller than this share of the body size (10 pt under 11 pt)
LARGE = 1.1  # running headers are not set larger than the body
NOTE_SIZE = 0.85  # below a full-width rule, notes must be this small
MARK_SIZE = 0.85  # a footnote mark is set smaller than this share of its line's size
RAISED = 0.15  # a mark's baseline sits at least this share of the font size above the line's


def is_page_number(text: str) -> bool:
    return bool(text.strip()) and PAGE_NUMBER.fullmatch(text.strip()) is not None


def _parts(line: Line) -> list[tuple[Word, ...]]:
    """An edge line cut at wide gaps: 'Title ........ Seite 3' is a title part and a number part."""
    parts: list[list[Word]] = [[line.words[0]]]
    for prev, word in zip(line.words, line.words[1:]):
        if word.x0 - prev.x1 > PART_GAP * max(prev.size, word.size):
            parts.append([])
        parts[-1].append(word)
    return [tuple(p) for p in parts]


def _key(line: Line) -> str:
    """What repeats on every page of a running header: the text with its numbers blanked."""
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


def _edge_order(lines: Sequence[Line], edge: str) -> list[tuple[int, int, float]]:
    """(index, inner neighbour, gap to it) for the lines looked at on one edge, outermost first."""
    order = list(range(len(lines))) if edge == "top" else list(range(len(lines) - 1, -1, -1))
    out = []
    for k, inner in list(zip(order, order[1:]))[:EDGE_LINES]:
        upper, lower = (lines[k], lines[inner]) if edge == "top" else (lines[inner], lines[k])
        out.append((k, inner, lower.top - upper.baseline))
    return out


def _is_running(line: Line, gap: float, repeated: bool, outermost: bool) -> bool:
    """Apart from the body, and repeated across pages or holding a page number; the line inside
    a running header must be all page number ('7 GUI System  119' there is a contents entry)."""
    if gap <= 0.8 * line.size:
        return False
    if repeated:
        return True
    return any(is_page_number(join_words(p)) for p in _parts(line)) if outermost else is_page_number(line.text)


def running_lines(pages: Sequence[Sequence[Line]], numbers: Sequence[int], body_size: float = 0.0) -> tuple[list[list[Line]], list[Removal]]:
    """Pages without their running headers/footers and page numbers, and what was removed.

    `pages` holds each page's lines top to bottom; `numbers` the page numbers used in 'where'.
    Type larger than the body (`body_size`) never runs: 'Kapitel 3' atop each chapter is a heading."""
    seen: dict[tuple[str, str], list[float]] = defaultdict(list)
    for lines in pages:
        for edge in ("top", "bottom"):
            for k, _inner, _gap in _edge_order(lines, edge):
                seen[edge, _key(lines[k])].append(lines[k].baseline)
    needed = 2 if len(pages) <= 4 else 3  # a chapter's running title repeats over its pages only
    kept: list[list[Line]] = []
    removed: list[Removal] = []
    for lines, number in zip(pages, numbers):
        drop: set[int] = set()
        for edge in ("top", "bottom"):
            for depth, (k, inner, gap) in enumerate(_edge_order(lines, edge)):
                baselines = seen[edge, _key(lines[k])]
                repeated = (len(baselines) >= needed and max(baselines) - min(baselines) < 0.5 * lines[k].size
                            and not (body_size and lines[k].size > LARGE * body_size))
                if inner in drop or not _is_running(lines[k], gap, repeated, depth == 0):
                    break
                drop.add(k)
                for part in _parts(lines[k]):
                    text = join_words(part)
                    reason = "page number" if is_page_number(text) else f"running {'header' if edge == 'top' else 'footer'}"
                    removed.append(Removal(text, reason, f"page {number}"))
        kept.append([line for k, line in enumerate(lines) if k not in drop])
    return kept, removed


_DOT_LEADER = re.compile(r".*\S(?:\s*[.·…]){4,}\s*(?:\d{1,4}|[ivxlcdm]{1,7})", re.I)


def contents_lines(lines: Sequence[Line], number: int) -> tuple[list[Line], list[Removal]]:
    """A page without its table-of-contents entries: lines running into dot leaders and a page number."""
    kept, removed = [], []
    for line in lines:
        if _DOT_LEADER.fullmatch(line.text):
            removed.append(Removal(line.text, "table of contents", f"page {number}"))
        else:
            kept.append(line)
    return kept, removed


def footnote_area(lines: Sequence[Line], rules: Sequence[Rule], body_size: float, number: int) -> tuple[list[Line], list[Removal]]:
    """A column without the footnotes at its foot: the trailing run of small-type lines, when a rule
    stands above it or its first line opens with a note number. Body text after the area (on
    the next column or page) is untouched: only this column's foot is looked at."""
    start = len(lines)
    while start > 0 and lines[start - 1].size < SMALL * body_size:
        start -= 1
    if start == len(lines) or start == 0:
        return list(lines), []
    area = lines[start:]
    width = max(line.x1 for line in lines) - min(line.x0 for line in lines)
    above = [r for r in rules if lines[start - 1].baseline < r.y < area[0].top + 1 and r.x0 < area[0].x1 and r.x1 > area[0].x0]
    # a short rule opens a page's notes; a full-width one also a note continued from the page
    # before, if its type is clearly small (a framed code listing at 0.9 is no footnote)
    ruled = any(r.x1 - r.x0 < 0.6 * width or max(line.size for line in area) < NOTE_SIZE * body_size for r in above)
    if not ruled and not _opens_note(area[0]):
        return list(lines), []
    return list(lines[:start]), [Removal(text, "footnote area", f"page {number}") for text in _notes(area)]


def _opens_note(line: Line) -> bool:
    """'¹Text', '1 Text', '1. Text', '* Text', '1Text': a footnote starts with its mark, set small or
    raised, or followed by a space or a letter ('127.0.0.1 localhost' opens no note)."""
    first = line.words[0]
    small = first.size < MARK_SIZE * line.size or first.bottom < line.baseline - RAISED * line.size
    return (small and bool(MARK.fullmatch(first.text))) or bool(_NOTE_START.match(line.text))


def _notes(area: Sequence[Line]) -> list[str]:
    """One text per footnote: a new note starts at a line that opens with a mark."""
    notes: list[list[str]] = []
    for line in area:
        if not notes or _opens_note(line):
            notes.append([])
        notes[-1].append(line.text)
    return [" ".join(n) for n in notes]


def note_mark(note: str) -> str:
    """The mark a footnote's text opens with ('1 Nach der Chronik' -> '1'); '' if none."""
    found = re.match(r"[\d*†‡§¶]+", note)
    return found.group(0) if found else ""


class MarkEvidence:
    """Whether a raised mark is a footnote mark, asked in reading order: a note with that mark stands
    at the foot of the same page, or its number continues the document's marks (1, 2, 3 …; 1 again
    starts a new chapter). A raised '2' after 'm' elsewhere is an exponent and stays."""

    def __init__(self, notes: dict[int, set[str]]) -> None:
        self.notes = notes
        self.last = 0

    def accept(self, mark: str, page: int) -> bool:
        numbers = [int(n) for n in mark.split(",") if n.isdigit()]
        if mark in self.notes.get(page, set()):
            ok = True
        elif numbers and len(numbers) == len(mark.split(",")):
            ok = numbers[0] in (1, self.last + 1) and numbers == sorted(numbers)
        else:
            ok = False
        if ok and numbers:
            self.last = numbers[-1]
        return ok


def drop_marks(line: Line, number: int, accept: Callable[[str, int], bool]) -> tuple[Line, list[Removal]]:
    """A line without the footnote marks glued to its words: smaller, raised digits or symbols
    right after a word ('Spalte.¹') that `accept` finds evidence for. A raised digit with space
    before it stays (an exponent of its own, a note's own number at a line start)."""
    size = line.size
    keep: list[Word] = []
    removed: list[Removal] = []
    for word in line.words:
        prev = keep[-1] if keep else None
        if (
            prev is not None
            and word.size < MARK_SIZE * size
            and word.bottom < line.baseline - RAISED * size
            and MARK.fullmatch(word.text)
            and word.x0 - prev.x1 < 0.2 * size
            and accept(word.text, number)
        ):
            removed.append(Removal(word.text, "footnote mark", f"page {number}, after {prev.text!r}"))
            continue
        keep.append(word)
    return Line(tuple(keep)), removed


def body_size(pages_words: Sequence[Sequence[Word]]) -> float:
    """The font size of most of the document's characters."""
    sizes = [round(w.size, 1) for words in pages_words for w in words for _ in w.text]
    return statistics.mode(sizes) if sizes else 0.0
