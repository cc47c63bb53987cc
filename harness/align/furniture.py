"""Page furniture set around the text of a document: admonition labels ('Tipp', 'Warnung'),
numbered captions and the tables set under them. Each is a unit of its own, never part of a sentence."""

from __future__ import annotations

import math
import re
from collections import Counter

from harness.align.lang import ALL_STOPWORDS, stopwords, words
from harness.align.wrapping import running_lengths

LABEL_REPEATS = 3  # a one-word line standing alone this often in a document is a label


def label_lines(lines: list[str], lang: str) -> frozenset[int]:
    """1-based lines that open a group, and the lines after them, around a label: a capitalised
    word alone on its line that the document repeats as a whole line at least LABEL_REPEATS
    times ('Tipp', 'Anmerkung', 'Warnung' over the admonitions of a typeset manual). Prose
    wraps onto a lone word now and then, but hardly ever onto the same one three times; a
    label is set over the text it introduces, never part of a sentence."""
    alone = Counter(w for w in (line.strip() for line in lines) if w.isalpha() and w[:1].isupper() and w.lower() not in stopwords(lang))
    labels = {w for w, n in alone.items() if n >= LABEL_REPEATS}
    found = set()
    for k, line in enumerate(lines):
        if line.strip() in labels:
            found |= {k + 1, k + 2}
    return frozenset(found)


# 'Tabelle 5.1: Liste von …', 'Table 5.3. Translation table …': a label word, a number, the caption
_CAPTION = re.compile(r"^\s*([^\W\d_]{3,}) (\d{1,3}(?:\.\d{1,3}){0,3})[.:]\s+\S")
CAPTION_LINES = 3  # a caption wraps over at most this many lines
CAPTION_SLACK = 0.05  # share of the widest lines' width a wrapped caption line may leave unfilled


def caption_line(text: str) -> bool:
    """'Table 5.1. List of network configuration tools': a label word, a number, a title."""
    return bool(_CAPTION.match(text))


def caption_number(text: str) -> str | None:
    """The number of a caption ('Tabelle 6.5: …' -> '6.5'), None for other text."""
    m = _CAPTION.match(text)
    return m.group(2) if m else None


def caption_lines(lines: list[str]) -> frozenset[int]:
    """1-based lines that open a group around a caption: a line opening with a label word and a
    number ('Tabelle 5.1: …', 'Table 5.2. …', 'Abbildung 3: …'), where the document numbers at
    least two such captions with that word, is a unit of its own. A table or figure sits above
    or below it, and extraction runs its cells or its header row ('packages popcon size type
    description') onto the caption with no blank line between; the text after a caption is
    never its sentence either. The caption ends at the first line that is not filled to the
    document's wrap width (_caption_runs_on)."""
    found_at = [(k, m) for k, m in ((k, _CAPTION.match(line)) for k, line in enumerate(lines)) if m]
    numbers: dict[str, set[str]] = {}
    for _, m in found_at:
        numbers.setdefault(m.group(1), set()).add(m.group(2))
    running = running_lengths(lines)
    width = float(running[-1 - len(running) // 20]) if len(running) >= 20 else math.inf  # the widest lines that wrap
    found = set()
    for k, m in found_at:
        if len(numbers[m.group(1)]) < 2:
            continue
        found.add(k + 1)
        end = k
        while end < k + CAPTION_LINES - 1 and end + 1 < len(lines) and _caption_runs_on(lines[end].strip(), lines[end + 1].strip(), width):
            end += 1
        found.add(end + 2)
    return frozenset(found)


_COLUMN_GAP = re.compile(r"\S {3,}\S")


def table_lines(lines: list[str], captions: frozenset[int], gone: frozenset[int] = frozenset()) -> frozenset[int]:
    """1-based lines of a table set right under its caption, as web dumps print one ('Table 5.1.
    List of network configuration tools' / 'packages popcon size type description' / rows …): the
    lines from the caption's end to the next blank line, where the first of them reads as a header
    row, not as a sentence: it opens in lower case or its columns are parted by runs of spaces
    ('Class      network addresses        net mask'). A typeset PDF sets its captions under the
    table, and the text under one is prose ('Tabelle 5.6: …' / 'Zusätzlich zu diesen Grundregeln …').
    Rows the layout set aside (`gone`: a row of links is navigation to it) do not end the table."""
    found = set()
    for start in sorted(captions):
        k = start - 1  # 0-based: the first line after a caption
        if k <= 0 or k >= len(lines) or not lines[k].strip() or not lines[k - 1].strip() or not caption_line(_caption_head(lines, k)):
            continue
        first = lines[k].strip()
        if not (first[:1].islower() or _COLUMN_GAP.search(first)):
            continue
        while k < len(lines) and (lines[k].strip() or k + 1 in gone):
            found.add(k + 1)
            k += 1
    return frozenset(found)


def _caption_head(lines: list[str], k: int) -> str:
    """The first line of the caption that ends just above 0-based line k."""
    j = k - 1
    while j > 0 and lines[j - 1].strip() and not caption_line(lines[j]) and k - j < CAPTION_LINES:
        j -= 1
    return lines[j]


def _caption_runs_on(line: str, after: str, width: float) -> bool:
    """A caption's line wraps onto the next when it ends on a function word, hyphen or comma
    ('Tabelle 5.5. Liste von Werkzeugen zur' / 'Netzwerkoptimierung'), or when the next line goes
    on in lower case and its first word would not have fitted within the width of the widest
    wrapped lines ('… commands to new' / 'iproute2 commands', while 'Table 6.3. List of basic mail
    transport agent related packages' leaves room for its table's header row 'package popcon …')."""
    last = words(line)[-1:]
    cannot_end = line.endswith(("-", ",")) or (bool(last) and line.endswith(last[0]) and last[0].lower() in ALL_STOPWORDS)
    first = after.split(maxsplit=1)[:1]
    full = bool(first) and len(line) + 1 + len(first[0]) > (1 - CAPTION_SLACK) * width
    return bool(after) and (cannot_end or (full and after[:1].islower()))
