"""PDF input: words with positions and font sizes from pdfplumber, then geometry decides the rest.

    pages -> lines -> running headers/footers and page numbers out -> columns and bands
          -> footnote areas at column feet out -> footnote marks out -> paragraphs as text

Only this module touches the PDF library; the decisions live in pure functions over boxes
(boxes.py, pdf_noise.py, pdf_layout.py).
"""

from __future__ import annotations

import io
import re

from harness.align.readers import pdf_layout, pdf_noise
from harness.align.readers.base import Document, Removal
from harness.align.readers.boxes import Line, Page, Rule, Word, group_lines
from harness.errors import HarnessError

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
WORD_GAP = 0.15  # letters further apart than this share of the font size are two words


def read_pdf(data: bytes, name: str) -> Document:
    pages = load_pages(data, name)
    if not any(p.words for p in pages):
        raise HarnessError(f"{name} has no text layer (a scanned PDF?); run OCR on it first (e.g. ocrmypdf) or give its text")
    document = layout(pages)
    if not document.text.strip():
        raise HarnessError(f"{name} has no text besides page furniture (headers, page numbers, footnotes)")
    return document


def load_pages(data: bytes, name: str) -> list[Page]:
    """The words and rules of every page, or one clear error (encrypted, damaged)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [_page(page, number) for number, page in enumerate(pdf.pages, start=1)]
    except (PdfminerException, PDFEncryptionError, PDFPasswordIncorrect) as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, (PDFEncryptionError, PDFPasswordIncorrect)):
            raise HarnessError(f"{name} is encrypted (password-protected); decrypt it first (e.g. qpdf --decrypt)") from exc
        raise HarnessError(f"{name} is not a readable PDF ({type(cause).__name__}: {str(cause)[:80] or 'damaged'})") from exc
    except Exception as exc:  # pdfminer raises many kinds on damaged files (PSSyntaxError, KeyError, ...)
        raise HarnessError(f"{name} is not a readable PDF ({type(exc).__name__}: {str(exc)[:80] or 'damaged'})") from exc


def _page(page: object, number: int) -> Page:
    upright = page.filter(lambda obj: obj.get("object_type") != "char" or obj.get("upright", True))  # type: ignore[attr-defined]
    raw = upright.extract_words(x_tolerance_ratio=WORD_GAP, extra_attrs=["size"], return_chars=True)
    words = tuple(
        Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["size"],
             sum(bool(_BOLD.search(c.get("fontname", ""))) for c in w["chars"]) * 2 > len(w["chars"]))
        for w in raw
        if w["text"].strip()
    )
    rules = tuple(
        Rule(obj["x0"], obj["x1"], (obj["top"] + obj["bottom"]) / 2)
        for obj in [*page.lines, *page.rects]  # type: ignore[attr-defined]
        if obj["bottom"] - obj["top"] < 2 and obj["x1"] - obj["x0"] > 10
    )
    return Page(number, float(page.width), float(page.height), words, rules)  # type: ignore[attr-defined]


def layout(pages: list[Page]) -> Document:
    """Text in reading order and the layout noise set aside (pure: boxes in, text out)."""
    size = pdf_noise.body_size([p.words for p in pages])
    lines, removed = pdf_noise.running_lines([group_lines(p.words) for p in pages], [p.number for p in pages])
    regions: list[pdf_layout.Region] = []
    notes: dict[int, set[str]] = {}
    for page, page_lines in zip(pages, lines):
        page_regions, page_notes = _without_footnotes(page, page_lines, size)
        regions += page_regions
        removed += page_notes
        notes[page.number] = {pdf_noise.note_mark(n.text) for n in page_notes}
    evidence = pdf_noise.MarkEvidence(notes)
    unmarked = []
    for region in regions:
        kept = []
        for line in region.lines:
            line, marks = pdf_noise.drop_marks(line, region.page, evidence.accept)
            removed += marks
            kept.append(line)
        unmarked.append(pdf_layout.Region(region.page, region.column, tuple(kept)))
    return Document(pdf_layout.render(unmarked, size) if unmarked else "", tuple(removed))


def _without_footnotes(page: Page, lines: list[Line], size: float) -> tuple[list[pdf_layout.Region], list[Removal]]:
    """One page's regions in reading order, the footnote area at each column's foot set aside."""
    regions = pdf_layout.page_regions(lines, page.width, page.number)
    last = {r.column: k for k, r in enumerate(regions)}
    out, removed = [], []
    for k, region in enumerate(regions):
        kept = list(region.lines)
        if last[region.column] == k:
            kept, notes = pdf_noise.footnote_area(kept, page.rules, size, page.number)
            removed += notes
        if kept:
            out.append(pdf_layout.Region(region.page, region.column, tuple(kept)))
    return out, removed
