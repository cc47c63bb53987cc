"""Definition-list terms of manuals: option terms ('-b, --build Verzeichnis') and symbol-led terms
('%Z = Papierformat'), which open a unit however short the line above them is."""

from __future__ import annotations

import re
from collections import Counter

from harness.align.lang import words

TERM_WORDS = 5  # a term line this short ends its unit even among short lines ('Ini (experimentelles Auswertprogramm)')
OPTION_TERM = re.compile(r"^-{1,2}[A-Za-z][\w-]*(?:[ ,=]|$)")  # a manual's option term: '-ZKomprimierart', '-b, --build …'


_SYMBOL_TERM = re.compile(r"^\s*([^\w\s„“\"'«»‘’(\[]+)\w+[^\s]*\s+([=:–]|-{1,2})?")  # '%Z = …', '$HOME: …'
_SYMBOL_ONLY_TERM = re.compile(r"^\s*([^\w\s„“\"'«»‘’(\[]{1,3})\s+([=:–])\s+\S")  # '%% = …'
PARALLEL_MIN = 3


def parallel_lines(lines: list[str]) -> frozenset[int]:
    """1-based lines that start an item of an unbulleted definition list: at least three lines
    of one block starting with a symbol-led term in the same way ('%Z = Papierformat',
    '%D = Datum', …). Such lines are items however short, never a wrapped paragraph: prose
    lines do not start with a symbol. A list set with gaps between its items (a PDF's paragraph
    spacing: '%% = …' / '%K = …', blank, '%Y = …' / '%D = …') is one list: a block whose first
    line is such a term continues the block before it."""
    found: set[int] = set()
    block: list[tuple[int, tuple[str, str]]] = []
    for k, line in enumerate([*lines, ""]):
        m = symbol_term(line) if line.strip() else None
        if m:
            block.append((k + 1, m))
        if line.strip() or _next_opens_term(lines, k):
            continue
        shapes = Counter(shape for _, shape in block)
        found.update(n for n, shape in block if shapes[shape] >= PARALLEL_MIN)
        block = []
    return frozenset(found)


def _next_opens_term(lines: list[str], k: int) -> bool:
    """The next non-blank line after line k (0-based) opens with a symbol-led term."""
    for line in lines[k + 1 : k + 4]:
        if line.strip():
            return symbol_term(line) is not None
    return False


def symbol_term(line: str) -> tuple[str, str] | None:
    """The shape (leading symbol, separator) of a definition-list term line, or None. A term may
    also be the symbol alone, doubled as an escape ('%% = replaced by %' heads the list of '%K =
    …', '%Z = …' in printf-style format lists): it then needs a separator and a description, and
    takes the shape of its first symbol, so it joins the list of the terms it escapes for. Prose
    never opens with a bare symbol and an equals sign or colon."""
    m = _SYMBOL_TERM.match(line)
    if m:
        return (m.group(1), m.group(2) or "")
    m = _SYMBOL_ONLY_TERM.match(line)
    return (m.group(1)[0], m.group(2)) if m else None


def option_line(line: str) -> bool:
    """A manual's option term alone on its line ('-ZKomprimierart', '-b, --build Verzeichnis')."""
    text = line.strip()
    return bool(OPTION_TERM.match(text)) and len(words(text)) <= TERM_WORDS + 1


def defines(line: str) -> bool:
    """A line opening with a symbol-led term and a separator ('%% = wird ersetzt durch %', '%K =
    KiCad Version'): a definition or assignment, never prose, which does not open with a symbol."""
    shape = symbol_term(line)
    return bool(shape and shape[1])
