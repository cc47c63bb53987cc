"""Plain-text input: UTF-8 (a BOM is fine), refused with one clear line when it is not text."""

from __future__ import annotations

from harness.align.readers.base import Document
from harness.errors import HarnessError

# control characters other than tab, newline, carriage return and form feed: a binary file
_BINARY = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f")


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text of a file; `name` is how errors refer to it ("source document 'a.txt'")."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HarnessError(f"{name} is not UTF-8 (byte {exc.start}); convert it first") from exc
    if not text.strip():
        raise HarnessError(f"{name} is empty")
    return text


def looks_binary(text: str) -> bool:
    """A NUL, or control bytes making up over 1% of the first 4 KiB: an image, an archive, an office
    file (a pasted terminal transcript's few escape codes are still text)."""
    head = text[:4096]
    return "\x00" in head or sum(ch in _BINARY for ch in head) > 0.01 * len(head)


def read_text(data: bytes, name: str) -> Document:
    text = decode_text(data, name)
    if looks_binary(text):
        raise HarnessError(f"{name} is a binary file, not text; give a .txt, .pdf or .html document")
    return Document(text)
