"""Read a raw document of any supported kind (plain text, PDF, web page) as a Document.

The kind is chosen by content first (a '%PDF-' header, an '<html'/'<!DOCTYPE html' start), then by
the file name: a PDF saved as 'x.txt' is still read as a PDF, and a '.pdf' that holds no PDF is
refused with a line that says what it really is.
"""

from __future__ import annotations

import re
from pathlib import Path

from harness.align.readers.base import Document, Removal
from harness.align.readers.text import decode_text, looks_binary, read_text
from harness.errors import HarnessError

__all__ = ["Document", "Removal", "read_document", "sniff"]

PDF_SUFFIXES = frozenset({".pdf"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)


def sniff(data: bytes, suffix: str) -> str:
    """'pdf', 'html' or 'text': by content where it is telling, else by the file suffix."""
    if b"%PDF-" in data[:1024]:  # the PDF spec allows junk before the header
        return "pdf"
    if _HTML_START.match(data[:4096]):
        return "html"
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def read_document(path: str | Path, role: str) -> Document:
    """The document at `path` as text in reading order; `role` ('source'/'target') names it in errors."""
    file = Path(path)
    name = f"{role} document {str(path)!r}"
    if not file.is_file():
        raise HarnessError(f"{name} does not exist")
    data = file.read_bytes()
    kind = sniff(data, file.suffix.lower())
    if kind == "pdf":
        if not data.strip():
            raise HarnessError(f"{name} is empty")
        if b"%PDF-" not in data[:1024]:
            raise HarnessError(f"{name} is not a PDF (no '%PDF-' header): {_what_it_is(data)}")
        from harness.align.readers.pdf import read_pdf

        return read_pdf(data, name)
    if kind == "html":
        from harness.align.readers.html import read_html

        return read_html(data, name)
    return read_text(data, name)


def _what_it_is(data: bytes) -> str:
    """For a '.pdf' that is none: plain text (rename it) or some other binary file."""
    try:
        text = decode_text(data, "")
    except HarnessError:
        return "a binary file of another kind"
    if looks_binary(text):
        return "a binary file of another kind"
    return "it holds plain text; rename it to .txt to read it as text"
