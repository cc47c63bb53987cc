"""Reference sets: line-aligned source/reference files, validated before anything runs."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.errors import HarnessError
from harness.langtags import check_lang
from harness.paths import check_name, resolve


@dataclass(frozen=True)
class ReferenceSet:
    """One aligned test set: ``src[i]`` translates to ``ref[i]`` (and to ``extra_refs[k][i]``, if any).

    Several references per segment (``reference.ref=[a.en,b.en]``, or a set's ``aligned.<lang>.<k>``
    files) are kept as streams, as sacrebleu's ``sacrebleu a.en b.en -i hyp`` takes them: ``ref`` is the
    first, ``extra_refs`` the others. Everything that needs one reference (segments.tsv, the
    ``reference`` system) uses the first.
    """

    name: str
    src_lang: str
    tgt_lang: str
    src: list[str]
    ref: list[str]
    src_path: Path
    ref_path: Path
    description: str = ""
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    #: Document and paragraph id of every segment (optional files; None when the set has none).
    docs: list[str] | None = None
    paragraphs: list[str] | None = None

    extra_refs: tuple[list[str], ...] = ()
    extra_ref_paths: tuple[Path, ...] = ()

    @property
    def refs(self) -> list[list[str]]:
        """Every reference stream, the first one first."""
        return [self.ref, *self.extra_refs]

    @property
    def ref_paths(self) -> list[Path]:
        return [self.ref_path, *self.extra_ref_paths]

    def __len__(self) -> int:
        return len(self.src)

    @property
    def content_hash(self) -> str:
        """Identifies the exact segments; a result is comparable only to results on the same hash."""
        digest = hashlib.sha256()
        for lang, lines in ((self.src_lang, self.src), (self.tgt_lang, self.ref)):
            digest.update(lang.encode() + b"\0")
            for line in lines:
                digest.update(line.encode("utf-8") + b"\n")
        for number, lines in enumerate(self.extra_refs, start=2):  # a one-reference set keeps its old hash
            digest.update(f"ref{number}\0".encode())
            for line in lines:
                digest.update(line.encode("utf-8") + b"\n")
        return "sha256:" + digest.hexdigest()[:16]


def read_lines(path: str | Path, *, what: str = "file") -> list[str]:
    """A UTF-8 file's lines, split at ``\\n`` only as sacrebleu's CLI splits them; problems name the file and line.

    Nothing else is checked: a system's output file may hold empty lines, tabs or CRLF, as the CLI takes them.
    """
    path = resolve(path)
    if not path.is_file():
        raise HarnessError(f"{what} not found: {path}")
    try:
        data = path.read_bytes()
    except OSError as exc:  # an I/O error while reading carries no file name of its own
        raise HarnessError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise HarnessError(f"{path}:{line}: not valid UTF-8 (byte {exc.start})") from None
    if text.startswith("\ufeff"):
        raise HarnessError(f"{path}:1: starts with a byte-order mark; save it as UTF-8 without BOM")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_segments(path: str | Path, *, what: str = "file") -> list[str]:
    """Read a one-segment-per-line UTF-8 file, validated (reference sets); every problem names the file and line."""
    path = resolve(path)
    lines = read_lines(path, what=what)
    for number, line in enumerate(lines, start=1):
        if line.endswith("\r"):
            raise HarnessError(f"{path}:{number}: Windows line ending (CRLF); convert to LF")
        if "\r" in line:  # readers (pandas, browsers, sacrebleu's CLI) take it for a line break
            raise HarnessError(f"{path}:{number}: carriage return (\\r) inside the segment; remove it")
        if "\t" in line:  # segments.tsv and alignment files are tab-separated
            raise HarnessError(f"{path}:{number}: TAB inside the segment; replace it with a space")
        if not line.strip():
            raise HarnessError(f"{path}:{number}: empty segment")
        if unicodedata.normalize("NFC", line) != line:
            raise HarnessError(f"{path}:{number}: not Unicode NFC; normalise the file (e.g. uconv -x any-nfc)")
    if not lines:
        raise HarnessError(f"{path}: no segments")
    return lines


_REQUIRED = ("name", "src_lang", "tgt_lang", "src", "ref")


def load_reference(cfg: Mapping[str, Any]) -> ReferenceSet:
    """Build a validated ReferenceSet from its config (``conf/reference/<name>.yaml``).

    A config with ``test_set`` is a named sacrebleu test set (:mod:`harness.sacrebleu_sets`).
    """
    if "test_set" in cfg:
        from harness.sacrebleu_sets import load_test_set

        return load_test_set(cfg)
    missing = [key for key in _REQUIRED if cfg.get(key) in (None, "", "???")]
    if missing:
        keys = " ".join(f"reference.{key}=..." for key in missing)
        raise HarnessError(f"reference set is missing {', '.join(missing)}; set {keys}")
    name = check_name("reference set", str(cfg["name"]))
    src_lang = check_lang("reference.src_lang", cfg["src_lang"])
    tgt_lang = check_lang("reference.tgt_lang", cfg["tgt_lang"])
    src_path, ref_paths = resolve(cfg["src"]), [resolve(path) for path in reference_files(name, cfg["ref"])]
    src = read_segments(src_path, what="reference source file")
    refs = [read_segments(path, what="reference target file") for path in ref_paths]
    for path, ref in zip(ref_paths, refs):
        if len(src) != len(ref):
            raise HarnessError(f"reference set {name!r}: {src_path} has {len(src)} lines but {path} has {len(ref)}")
    if src_lang == tgt_lang:
        raise HarnessError(f"reference set {name!r}: src_lang and tgt_lang are both {src_lang!r}")
    from harness.structure import read_ids

    docs = read_ids(cfg.get("docids"), len(src), "document-id")
    paragraphs = read_ids(cfg.get("paragraphs"), len(src), "paragraph-id")
    return ReferenceSet(
        name=name,
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        src=src,
        ref=refs[0],
        src_path=src_path,
        ref_path=ref_paths[0],
        description=str(cfg.get("description") or ""),
        source=str(cfg.get("source") or ""),
        docs=docs,
        paragraphs=paragraphs,

        extra_refs=tuple(refs[1:]),
        extra_ref_paths=tuple(ref_paths[1:]),
    )


def reference_files(name: str, ref: Any) -> list[str]:
    """``ref`` as a list of paths: one file, or several (``[a.en, b.en]``, one reference each)."""
    paths = [ref] if isinstance(ref, (str, Path)) else list(ref) if isinstance(ref, Sequence) else None
    if not paths or not all(isinstance(p, (str, Path)) and str(p) for p in paths):
        raise HarnessError(f"reference set {name!r}: ref must be a file or a list of files, got {ref!r}")
    if len({str(resolve(p)) for p in paths}) < len(paths):
        raise HarnessError(f"reference set {name!r}: the same reference file is listed twice in ref={list(paths)}")
    return [str(p) for p in paths]
