"""Length-sorted batches under a budget that halves itself when a pass runs out of device memory.

COMET scoring and the Hugging Face MT systems share it: batches are cut as they are asked for, so
a batch that did not fit is cut again smaller, and the rest of the run keeps the smaller budget
(one out-of-memory costs one retry, not one per batch).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np


class OutOfDeviceMemory(Exception):
    """The model, or one segment per pass, does not fit in the device's memory."""


@dataclass
class Budget:
    """Segments and padded positions per pass; halved for the rest of a run when a pass runs out of
    memory, so one out-of-memory costs one retry, not one per batch."""

    max_count: int
    max_tokens: int = sys.maxsize
    #: Who runs out (for the note), and the setting that would start at the smaller budget.
    desc: str = "COMET"
    setting: str = "max_tokens"

    def shrink(self, count: int, padded: int | None = None) -> None:
        """A pass of ``count`` segments (``padded`` positions, where the caller knows them) did not fit."""
        if count <= 1:
            size = f"of {padded} token positions " if padded is not None else ""
            raise OutOfDeviceMemory(f"one segment {size}per pass does not fit")
        self.max_count = max(1, count // 2)
        at, now = f"{count} segments", f"{self.max_count}"
        if padded is not None:
            self.max_tokens = max(1, padded // 2)
            at, now = f"{at} / {padded} padded positions", f"{now} / {self.max_tokens}"
        value = self.max_tokens if self.setting == "max_tokens" else self.max_count
        print(f"note: {self.desc}: out of memory at {at} per pass; going on with at most {now} "
              f"({self.setting}={value} starts there)", file=sys.stderr)


class LengthBatches:
    """Indices sorted by length, longest first (an out-of-memory shows at once), cut into batches.

    A batch closes at ``max_count`` items or when its padded size (items x longest) would pass
    ``max_tokens``: long sentences go in small batches, short ones in large, little padding either way.
    Batches are cut as they are asked for: after ``shrink(batch)`` the same items come again, cut to
    the halved budget.
    """

    def __init__(self, lengths: np.ndarray, budget: Budget) -> None:
        self.lengths = np.asarray(lengths)
        self.budget = budget
        self._again = False

    def __iter__(self) -> Iterator[np.ndarray]:
        order = np.argsort(-self.lengths, kind="stable")
        start = 0
        while start < len(order):
            longest = max(int(self.lengths[order[start]]), 1)
            size = max(1, min(self.budget.max_count, self.budget.max_tokens // longest))
            yield order[start : start + size]
            if self._again:
                self._again = False
            else:
                start += size

    def shrink(self, batch: np.ndarray) -> None:
        """``batch`` ran out of memory: halve the budget and cut its items again."""
        self.budget.shrink(len(batch), len(batch) * max(int(self.lengths[batch].max()), 1))
        self._again = True


def batches_longest_first(lengths: np.ndarray, max_count: int, max_tokens: int) -> list[np.ndarray]:
    """All batches of :class:`LengthBatches` under a fixed budget."""
    return list(LengthBatches(lengths, Budget(max_count, max_tokens)))
