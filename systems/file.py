"""Precomputed hypotheses from a file (a DeepL export, another toolkit's output ...)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harness.errors import HarnessError
from harness.paths import resolve
from harness.references import read_lines
from systems.base import System

if TYPE_CHECKING:
    from harness.references import ReferenceSet


class File(System):
    """Line ``i`` of ``path`` is the translation of source segment ``i``."""

    default_name = "file"
    positional = True

    def __init__(self, path: str, name: str | None = None, cache: bool = False) -> None:
        if not path or path == "???":
            raise HarnessError("system 'file' needs a hypothesis file: system.path=PATH")
        self.path = resolve(path)
        # Read as `sacrebleu -i` reads it: an empty line is an empty translation, not an error.
        self._lines = read_lines(self.path, what="hypothesis file")
        self._position = 0
        super().__init__(name=name, cache=cache)

    def derive_name(self) -> str:
        # `-m system=file system.path=a.txt,b.txt` must give two runs, not one overwritten twice.
        stem = re.sub(r"[^A-Za-z0-9._+-]+", "_", Path(self.path).name)
        return f"file-{stem}"

    def setup(self, reference: ReferenceSet) -> None:
        if len(self._lines) != len(reference):
            raise HarnessError(
                f"hypothesis file {self.path} has {len(self._lines)} lines but reference set "
                f"{reference.name!r} has {len(reference)} segments"
            )
        self._position = 0

    def translate(self, segments: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        # Segments arrive in reference order, in consecutive chunks.
        start, self._position = self._position, self._position + len(segments)
        if self._position > len(self._lines):
            raise HarnessError(f"hypothesis file {self.path} has only {len(self._lines)} lines")
        return self._lines[start : self._position]

    def fingerprint_config(self) -> dict[str, Any]:
        content = "\n".join(self._lines).encode("utf-8")
        return {"sha256": hashlib.sha256(content).hexdigest()}
