"""A CPU-bound stand-in for a local MT system (a CPU decoder): a fixed amount of hashing per segment,
then the source copied. Used by bench/bench_local_parallel.py; not a real system."""

from __future__ import annotations

import hashlib
from typing import Any

from systems.base import System


class Busy(System):
    default_name = "busy"

    def __init__(self, rounds: int = 20000, name: str | None = None, cache: bool = False) -> None:
        self.rounds = rounds
        super().__init__(name=name, cache=cache)

    def translate(self, segments: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        for segment in segments:
            digest = segment.encode("utf-8")
            for _ in range(self.rounds):  # pure-Python work: one core per process, as a CPU decoder
                digest = hashlib.sha256(digest).digest()
        return list(segments)

    def fingerprint_config(self) -> dict[str, Any]:
        return {"rounds": self.rounds}
