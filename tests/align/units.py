"""Units for the reference-builder tests, built as the pipeline builds them."""

from __future__ import annotations

from harness.align.model import Unit
from harness.align.pipeline import tracked_unit
from harness.align.tracked import Tracked


def body(*parts: tuple[str, int]) -> Unit:
    """A body unit whose text parts come from the given raw lines (each character owned by its
    part's line): what a later pass sees of a sentence the builder joined across raw lines."""
    return tracked_unit(Tracked("".join(t for t, _ in parts), tuple(n for t, n in parts for _ in t)), "body")
