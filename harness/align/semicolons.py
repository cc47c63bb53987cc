"""Enumerations set one item per line, each item ending with ';' (the last with '.'): German and
English typography set lists this way, and a PDF-like text has lost the bullets."""

from __future__ import annotations

import math

from harness.align.wrapping import WRAP_SLACK, wrap_width

SEMICOLON_ITEMS = 3  # line-final ';' this close together make a list, not a sentence with one or two semicolons
ITEM_LINES = 3  # an item may wrap over this many lines: its ';' lines are at most this many text lines apart


def semicolon_item_starts(lines: list[str]) -> frozenset[int]:
    """1-based lines that open an item of an enumeration whose items end with ';'
    ('Erzeugung von Datenarchiven;' / 'Fern-Speicherzugriff;' / 'Vervielfältigung;').

    A line ending with ';' is a list item's end only among at least SEMICOLON_ITEMS such lines
    close together (at most ITEM_LINES text lines apart, blank lines not counted: a PDF's item
    spacing): a sentence has one or two semicolons, and they rarely fall at line ends. Even
    then the line ends an item only when it was not wrapped: text is wrapped greedily, so a
    line that left room for the next line's first word within the document's wrap width broke
    there on purpose, and so did one well short of the width whose ';' ends an item; only a
    line that filled the width may go on with the same item (see _filled).
    With no wrap width known (each paragraph one line, as in web text) every line end is real.
    Only lines right under a ';' line are named: a line after a blank opens a unit anyway, and
    there the blank may be a cut inside an item (shuffled blocks), so it is no item start."""
    width = wrap_width(lines)
    text = [k for k, line in enumerate(lines) if line.strip()]
    ends = [i for i, k in enumerate(text) if lines[k].rstrip().endswith(";")]
    found: set[int] = set()
    chain: list[int] = []
    for i in [*ends, math.inf]:
        if chain and i - chain[-1] <= ITEM_LINES:
            chain.append(i)
            continue
        if len(chain) >= SEMICOLON_ITEMS:
            found.update(text[j + 1] + 1 for j in chain if j + 1 < len(text) and text[j + 1] == text[j] + 1 and not _filled(lines[text[j]], lines[text[j + 1]], width))
            found.update(_first_item(lines, text, chain[0]))
        chain = [] if i == math.inf else [i]
    return frozenset(found)


def _first_item(lines: list[str], text: list[int], first_end: int) -> list[int]:
    """The 1-based line opening the list's first item where a line ending with ':' introduces
    the list within ITEM_LINES text lines above the first ';' ('… enthält das e2fsprogs-Paket
    folgendes:' / 'mkfs.ext4(8) zur Erzeugung neuer' / 'ext4-Dateisysteme;'): the colon ends
    the introduction, so the item is a unit of its own like the items after it."""
    for j in range(first_end - 1, max(first_end - ITEM_LINES, 0) - 1, -1):
        if lines[text[j]].rstrip().endswith(":"):
            return [text[j + 1] + 1] if text[j + 1] == text[j] + 1 else []
    return []


def _filled(line: str, following: str, width: float) -> bool:
    """Whether `line` filled the wrap width (to within WRAP_SLACK, proportional type measured in
    characters) and left no room for the first word of `following`: only such a line may have
    been wrapped inside an item. A shorter line that ends with ';' among list items ended its
    item, even where a long next word would not have fitted ('Erzeugung von Datenarchiven;' /
    'Fern-Speicherzugriff;')."""
    first = following.split(maxsplit=1)[:1]
    room = (1 - WRAP_SLACK) * width
    return bool(first) and len(line.strip()) >= room and len(line.strip()) + 1 + len(first[0]) > room
