"""Items of an unmarked list that open with the same lower-case word, run together by a PDF's text.

A manual's definition list whose terms the extraction lost (apt_preferences(5): the priorities
`P >= 1000` … stand apart from their descriptions) leaves descriptions that open alike, in lower
case, with no stop between them: 'veranlasst, dass eine Version installiert' / 'wird, selbst wenn
dies ein Downgrade des Pakets' / 'durchführt' / 'veranlasst, dass eine Version installiert' / ….
A sentence opens with a capital, so a unit opening in lower case is such a description (or the
tail of a sentence cut elsewhere), and a later line of it opening with the same word again starts
the next item: running text does not wrap onto a line that repeats the unit's lower-case first
word. The repeated word is a content word ('veranlasst', 'causes'), not a function word ('die',
'zu') nor a command name ('apt-get'); a list has PARALLEL_MIN items or more (two footnotes may
open alike: 'siehe …' / 'siehe …'); an item never opens after a line that must go on (a comma, a
hyphen, an opening bracket, a slash or a dash at its end), though a function word may end one
('… außer wenn die installierte Version aktueller ist'). Each item is a unit of its own, never a
cut sentence's head or tail (blocks: 'labelled'). The translation's web dump parts such items with
blank lines, where joins.page_break must not join them back (same_opener).
"""

from __future__ import annotations

import re
from collections import Counter

from harness.align.lang import ALL_STOPWORDS, ends_sentence
from harness.align.terms import PARALLEL_MIN
from harness.align.wrapping import OPEN_ENDS

_LOWER_OPENER = re.compile(r"\s*([a-zäöüß]+)[\s,;:]")  # a plain word, not a command name ('apt-get')
ITEM_LINES = 6  # an item's description wraps over at most this many lines before the next opens


def opener(line: str) -> str | None:
    """The plain lower-case content word a line opens with ('veranlasst'), or None."""
    m = _LOWER_OPENER.match(line)
    return m.group(1) if m and m.group(1) not in ALL_STOPWORDS else None


def same_opener(head: str, tail: str) -> bool:
    """Two units opening with the same lower-case content word: items of one list, not a
    paragraph broken at a page ('causes a version to be installed … of the package' / 'causes a
    version to be installed even if …')."""
    first = opener(head)
    return first is not None and opener(tail) == first


def item_starts(lines: list[str]) -> frozenset[int]:
    """1-based lines opening an item of such a list (see the module), the first item's included:
    each is a unit of its own, never a cut sentence's head or tail. A list has PARALLEL_MIN items
    or more: two lines opening alike may be chance ('siehe …' / 'siehe …', two footnotes). A
    PDF-like extraction cuts a list into blocks and moves them apart, so the items are counted over
    the whole document: a run of two in one block counts where the document opens PARALLEL_MIN
    blocks or items with its word ('veranlasst, dass …' twice in one block, three times more
    elsewhere)."""
    runs: list[tuple[str | None, list[int]]] = []  # (opener, 0-based first lines of its items) per block or list
    run: list[int] = []
    word: str | None = None
    for k, raw in enumerate(lines):
        line = raw.strip()
        before = lines[k - 1].strip() if k else ""
        if line and before and not ends_sentence(before) and not before.endswith(":"):
            if word is not None and opener(line) == word and k - run[-1] <= ITEM_LINES and not before.endswith(OPEN_ENDS):
                run.append(k)
            continue
        runs.append((word, run))
        run, word = ([k], opener(line)) if line else ([], None)
    runs.append((word, run))
    items = Counter[str]()
    for word, run in runs:
        if word is not None:
            items[word] += len(run)
    found = {n + 1 for word, run in runs if len(run) >= PARALLEL_MIN or len(run) >= 2 and word is not None and items[word] >= PARALLEL_MIN for n in run}
    return frozenset(found)
