"""What a reader hands to the builder: plain text in reading order plus what it set aside, and why.

Readers turn a PDF, a web page or a text file into the same thing, so the builder never sees a
file format; every piece of layout noise a reader drops is kept as a Removal so that a user can
check it (written to removed.tsv).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Removal:
    text: str
    reason: str  # 'running header', 'page number', 'footnote area', 'footnote mark', 'html nav', ...
    where: str  # 'page 3', 'line 17', 'html nav', ...


@dataclass(frozen=True)
class Document:
    text: str
    removed: tuple[Removal, ...] = ()
