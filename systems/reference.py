"""The ceiling: returns the reference translation, a sanity check for metrics and pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from harness.errors import HarnessError
from systems.base import System

if TYPE_CHECKING:
    from harness.references import ReferenceSet


class Reference(System):
    default_name = "reference"

    def __init__(self, name: str | None = None, cache: bool = False) -> None:
        super().__init__(name=name, cache=cache)
        self._lookup: dict[str, str] = {}
        self._reference_hash = ""

    def setup(self, reference: ReferenceSet) -> None:
        # First occurrence wins for repeated source segments, as a real system could not do better.
        self._lookup = {}
        for src, ref in zip(reference.src, reference.ref):
            self._lookup.setdefault(src, ref)
        self._reference_hash = reference.content_hash

    def translate(self, segments: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        try:
            return [self._lookup[segment] for segment in segments]
        except KeyError as exc:
            raise HarnessError(f"system 'reference' has no reference for segment {exc.args[0][:60]!r}") from None

    def fingerprint_config(self) -> dict[str, str]:
        return {"reference": self._reference_hash}
