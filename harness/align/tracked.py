"""Text that remembers, per character, the raw line it came from.

Cleaning rewrites text (joins lines, drops footnote digits, fixes spaces); alignment.tsv must
still say where each sentence came from, so every rewrite carries the line owners along.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Tracked:
    text: str
    lines: tuple[int, ...]  # 1-based raw line number of each character

    def __post_init__(self) -> None:
        if len(self.text) != len(self.lines):
            raise ValueError("every character needs a line owner")

    def __getitem__(self, key: slice) -> Tracked:
        return Tracked(self.text[key], self.lines[key])

    def __add__(self, other: Tracked) -> Tracked:
        return Tracked(self.text + other.text, self.lines + other.lines)

    def line_range(self) -> tuple[int, int]:
        return (min(self.lines), max(self.lines)) if self.lines else (0, 0)

    def strip(self) -> Tracked:
        start = len(self.text) - len(self.text.lstrip())
        end = len(self.text.rstrip())
        return self[start:end]


def track(text: str, line: int = 1) -> Tracked:
    """Wrap plain text owned by one line (tests and single-line inputs)."""
    return Tracked(text, (line,) * len(text))


def tsub(pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], t: Tracked) -> Tracked:
    """re.sub on tracked text: replacement characters belong to the line where the match starts."""
    pieces: list[str] = []
    owners: list[int] = []
    pos = 0
    for match in pattern.finditer(t.text):
        start, end = match.span()
        new = repl(match)
        if new == match.group(0):
            continue
        pieces.append(t.text[pos:start])
        owners.extend(t.lines[pos:start])
        owner = t.lines[start] if start < len(t.lines) else (t.lines[-1] if t.lines else 0)
        pieces.append(new)
        owners.extend([owner] * len(new))
        pos = end
    if not pieces:
        return t
    pieces.append(t.text[pos:])
    owners.extend(t.lines[pos:])
    return Tracked("".join(pieces), tuple(owners))
