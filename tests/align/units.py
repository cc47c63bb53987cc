"""Units for the reference-builder tests, built as the pipeline builds them."""

from __future__ import annotations

from harness.align.model import Unit
from harness.align.pipeline import tracked_unit
from harness.align.tracked import Tracked


def body(*parts: tuple[str, int]) -> Unit:
    """A body unit whose text parts come from the given raw lines (each character owned by its
    part's line): what a later pass sees of a sentence the builder joined across raw lines."""
    return tracked_unit(Tracked("".join(t for t, _ in parts), tuple(n for t, n in parts for _ in t)), "body")


def lines_unit(lines: tuple[str, ...], first: int, kind: str = "body") -> Unit:
    """A source unit read from consecutive raw lines numbered from `first`, joined by a space (the
    space owned by the line it ends)."""
    text, owners = "", []
    for k, line in enumerate(lines):
        if text:
            text += " "
            owners.append(first + k - 1)
        text += line
        owners += [first + k] * len(line)
    return Unit(text, f"{first}-{first + len(lines) - 1}", kind, owners=tuple(owners))
