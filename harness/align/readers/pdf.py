"""PDF input: glyphs with positions and font sizes from PDFium (pypdfium2), then geometry decides the rest.

    pages -> lines -> running headers/footers and page numbers out -> columns and bands
          -> footnote areas at column feet out -> footnote marks out -> paragraphs as text

Only this module touches the PDF library; the decisions live in pure functions over boxes
(boxes.py, pdf_noise.py, pdf_layout.py). PDFium rather than pdfminer (pdfplumber): pdfminer misplaces
glyphs after a 'Td' in groff's PDFs ('v on' for 'von') and is some 20 times slower.
"""

from __future__ import annotations

import re

from harness.align.readers import pdf_layout, pdf_noise
from harness.align.readers.base import Document, Removal
from harness.align.readers.boxes import Line, Page, Rule, Word, group_lines, words_from_chars
from harness.errors import HarnessError

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)


def read_pdf(data: bytes, name: str) -> Document:
    pages = load_pages(data, name)
    if not any(p.words for p in pages):
        if any(p.rotated for p in pages):
            raise HarnessError(f"{name} holds only text that is not upright (turned pages?); turn its pages first (e.g. qpdf --rotate)")
        raise HarnessError(f"{name} has no text layer (a scanned PDF?); run OCR on it first (e.g. ocrmypdf) or give its text")
    document = layout(pages)
    if not document.text.strip():
        raise HarnessError(f"{name} has no text besides page furniture (headers, page numbers, footnotes)")
    return document


def load_pages(data: bytes, name: str) -> list[Page]:
    """The words and rules of every page, or one clear error (encrypted, damaged)."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise HarnessError(f"{name} is encrypted (password-protected); decrypt it first (e.g. qpdf --decrypt)") from exc
        said = re.search(r"PDFium: ([^)]+)", str(exc))
        raise HarnessError(f"{name} is not a readable PDF ({(said.group(1) if said else str(exc)).lower()})") from exc
    try:
        return [_page(pdf[k], k + 1) for k in range(len(pdf))]
    finally:
        pdf.close()


def _page(page: object, number: int) -> Page:
    """One page's words (from its glyphs with their loose boxes, sizes and font names) and rules,
    turned to top-down coordinates."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()  # type: ignore[attr-defined]
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    raw = textpage.raw
    box = pdfium_c.FS_RECTF()
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    chars: list[Word | None] = []
    rotated = 0
    for k in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(raw, k)
        text = "-" if code == 2 else chr(code) if code else ""  # pdfium reports a line-end hyphen as 2
        turned = bool(text.strip()) and abs(pdfium_c.FPDFText_GetCharAngle(raw, k)) > 0.01
        rotated += turned
        if not text.strip() or pdfium_c.FPDFText_IsGenerated(raw, k) == 1 or turned:
            chars.append(None)  # a space, a line end pdfium made up, text not upright (margin notes)
            continue
        pdfium_c.FPDFText_GetLooseCharBox(raw, k, box)
        pdfium_c.FPDFText_GetFontInfo(raw, k, name, len(name), flags)
        bold = pdfium_c.FPDFText_GetFontWeight(raw, k) >= 600 or bool(_BOLD.search(name.value.decode("latin-1")))
        size = pdfium_c.FPDFText_GetFontSize(raw, k)
        chars.append(Word(text, box.left, box.right, height - box.top, height - box.bottom, size, bold))
    rules = []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2):  # type: ignore[attr-defined]
        left, bottom, right, top = obj.get_bounds()
        if top - bottom < 2 and right - left > 10:
            rules.append(Rule(left, right, height - (top + bottom) / 2))
    textpage.close()
    return Page(number, float(width), float(height), words_from_chars(chars), tuple(rules), rotated)


def layout(pages: list[Page]) -> Document:
    """Text in reading order and the layout noise set aside (pure: boxes in, text out)."""
    size = pdf_noise.body_size([p.words for p in pages])
    lines, removed = pdf_noise.running_lines([group_lines(p.words) for p in pages], [p.number for p in pages], size)
    regions: list[pdf_layout.Region] = []
    notes: dict[int, set[str]] = {}
    for page, page_lines in zip(pages, lines):
        page_lines, contents = pdf_noise.contents_lines(page_lines, page.number)
        removed += contents
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
