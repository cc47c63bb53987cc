"""The readers on the project's test corpus: each German document as the two-column and the
one-column PDF itself and as its web page, the English as its web page, read and built as
``python -m harness.build_reference`` does (the dictionary loaded once) and scored against the
gold sentence links.

The floors are what was measured when the PDF and HTML readers came in, minus a small margin; the
same documents through pdftotext and lynx (tests/align/test_corpus_build.py) score lower (mean F1
0.857 for pdftotext of the two-column PDF against 0.911 here).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.align import output, readers
from harness.align.corpus import Case, cases, run_case
from harness.align.dictionary import Dictionary
from harness.align.pipeline import build
from harness.align.similarity import LexicalScorer

DIRECT_PATHS = ("pdf2col.pdf", "pdf1col.pdf", "html")
MARGIN = 0.03
# (document, path) -> (precision, F1) measured with the readers of this commit
MEASURED: dict[tuple[str, str], tuple[float, float]] = {
    ("edu-architecture", "pdf2col.pdf"): (1.000, 0.996),
    ("faq-support", "pdf2col.pdf"): (1.000, 0.985),
    ("history", "pdf2col.pdf"): (1.000, 0.988),
    ("kicad-pl-editor", "pdf2col.pdf"): (1.000, 0.991),
    ("maint-guide-start", "pdf2col.pdf"): (1.000, 0.988),
    ("man-dpkg-deb", "pdf2col.pdf"): (1.000, 0.983),
    ("man-po4a", "pdf2col.pdf"): (1.000, 0.996),
    ("edu-architecture", "pdf1col.pdf"): (1.000, 0.996),
    ("faq-support", "pdf1col.pdf"): (1.000, 0.985),
    ("history", "pdf1col.pdf"): (1.000, 0.992),
    ("kicad-pl-editor", "pdf1col.pdf"): (1.000, 0.994),
    ("maint-guide-start", "pdf1col.pdf"): (1.000, 0.988),
    ("man-dpkg-deb", "pdf1col.pdf"): (1.000, 0.979),
    ("man-po4a", "pdf1col.pdf"): (1.000, 0.996),
    ("edu-architecture", "html"): (1.000, 0.996),
    ("faq-support", "html"): (1.000, 0.985),
    ("history", "html"): (1.000, 0.992),
    ("kicad-pl-editor", "html"): (1.000, 0.994),
    ("maint-guide-start", "html"): (1.000, 0.988),
    ("man-dpkg-deb", "html"): (1.000, 0.979),
    ("man-po4a", "html"): (1.000, 0.992),
}


def _reader_build(ding: Dictionary):  # noqa: ANN202
    def run(src: Path, tgt: Path, out: Path) -> None:
        source, target = readers.read_document(src, "source"), readers.read_document(tgt, "target")
        result = build(source.text, target.text, "de", "en", LexicalScorer("de", "en", ding), ding)
        output.write(result, out, "de", "en")
        output.write_removed(out, {"src": source.removed, "tgt": target.removed})

    return run


@pytest.mark.parametrize("case", cases(paths=DIRECT_PATHS), ids=lambda c: f"{c.doc}-{c.path}")
def test_pdf_and_web_page_inputs_hold_their_floor(case: Case, ding: Dictionary, tmp_path: Path) -> None:
    row = run_case(case, _reader_build(ding), tmp_path)
    floor = [measured - MARGIN for measured in MEASURED[(case.doc, case.path)]]
    assert row.status == "ok" and row.score is not None, row.detail
    assert row.score.precision >= floor[0] and row.score.f1 >= floor[1], row.score
