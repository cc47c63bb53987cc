"""Precomputed hypotheses from a file (a DeepL export, another toolkit's output ...)."""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harness.errors import HarnessError
from harness.paths import resolve
from harness.references import read_lines
from systems.base import System

if TYPE_CHECKING:
    from harness.references import ReferenceSet


def read_document(path: Path) -> list[str]:
    """The non-blank lines of a document-level translation (paragraphs may be separated by blank lines),
    in Unicode NFC; tabs and carriage returns become spaces."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise HarnessError(f"hypothesis file not found: {path}") from None
    except UnicodeDecodeError as exc:
        raise HarnessError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise HarnessError(f"cannot read hypothesis file {path}: {exc.strerror or exc}") from None
    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise HarnessError(f"{path}: no text")
    return lines


class File(System):
    """Line ``i`` of ``path`` is the translation of source segment ``i``.

    ``segmented=False``: the file is a document-level translation whose lines need not match the
    reference's (an LLM's answer, a DeepL document, a post-edited file). The run is then made per unit
    (``unit=document`` unless another is chosen): with one line per unit, line ``k`` answers unit ``k``;
    otherwise a single-document reference set gets the whole file as its one unit. Either way the
    hypotheses are re-segmented onto the reference sentences.
    """

    default_name = "file"
    positional = True

    def __init__(self, path: str, name: str | None = None, cache: bool = False, segmented: bool = True) -> None:
        if not path or path == "???":
            raise HarnessError("system 'file' needs a hypothesis file: system.path=PATH")
        if not isinstance(segmented, bool):
            raise HarnessError(f"system.segmented must be true or false, got {segmented!r}")
        self.segmented = segmented
        self.path = resolve(path)
        # Read as `sacrebleu -i` reads it: an empty line is an empty translation, not an error;
        # a document-level file (segmented=false) keeps its non-blank lines (paragraphs may be separated).
        self._lines = read_lines(self.path, what="hypothesis file") if segmented else read_document(self.path)
        self._position = 0
        super().__init__(name=name, cache=cache)

    def derive_name(self) -> str:
        # `-m system=file system.path=a.txt,b.txt` must give two runs, not one overwritten twice.
        stem = re.sub(r"[^A-Za-z0-9._+-]+", "_", Path(self.path).name)
        return f"file-{stem}"

    def setup(self, reference: ReferenceSet) -> None:
        if not self.segmented and len(self._lines) != len(reference):
            if len(reference) != 1:
                unit = reference.meta.get("unit", "sentence")
                raise HarnessError(
                    f"hypothesis file {self.path} has {len(self._lines)} lines but reference set {reference.name!r} "
                    f"has {len(reference)} {unit} units; a document-level file needs one line per unit, "
                    "or a reference set of one document (unit=document)"
                )
            print(f"note: {len(self._lines)} lines of {self.path} joined as the hypothesis of the whole document, "
                  "then re-segmented onto the reference sentences", file=sys.stderr)
            self._lines = [" ".join(self._lines)]
        if len(self._lines) != len(reference):
            hint = "; if it is a document-level translation, set system.segmented=false" if self.segmented else ""
            raise HarnessError(
                f"hypothesis file {self.path} has {len(self._lines)} lines but reference set "
                f"{reference.name!r} has {len(reference)} segments{hint}"
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
