"""Bad input to the readers is one clear line (HarnessError), and exit 2 from the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.align.readers import read_document
from harness.errors import HarnessError

ROOT = Path(__file__).resolve().parents[2]


def _blank_pdf(path: Path) -> None:
    """A one-page PDF with no text layer, as a scan without OCR is."""
    import pypdfium2

    doc = pypdfium2.PdfDocument.new()
    doc.new_page(595, 842)
    doc.save(str(path))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.pdf", b"", "is empty"),
        ("a.html", b"  \n", "is empty"),
        ("a.pdf", bytes(range(256)) * 4, "is not a PDF (no '%PDF-' header): a binary file of another kind"),
        ("a.pdf", "Ein Satz.\n".encode(), "is not a PDF (no '%PDF-' header): it holds plain text; rename it to .txt to read it as text"),
        ("a.pdf", b"%PDF-1.4\nnot really a PDF\n", "is not a readable PDF (data format error)"),
        ("a.txt", b"PK\x03\x04\x00\x00binary zip", "is a binary file, not text; give a .txt, .pdf or .html document"),
        ("a.html", b"<html><body>\x00\x01</body></html>", "is a binary file, not a web page"),
    ],
)
def test_bad_file_is_one_clear_line(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(HarnessError) as caught:
        read_document(path, "source")
    assert str(caught.value) == f"source document {str(path)!r} {message}"


def test_a_few_control_characters_are_still_text(tmp_path: Path) -> None:
    path = tmp_path / "pasted.txt"
    path.write_text("Ausgabe: \x1b[1mfett\x1b[0m und weiter.\n" + "Ein ganz normaler Satz.\n" * 20, encoding="utf-8")
    assert read_document(path, "source").text.startswith("Ausgabe:")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    _blank_pdf(path)
    with pytest.raises(HarnessError) as caught:
        read_document(path, "target")
    assert str(caught.value) == (
        f"target document {str(path)!r} has no text layer (a scanned PDF?); "
        "run OCR on it first (e.g. ocrmypdf) or give its text"
    )


def _pdf_with_text_turned(path: Path) -> None:
    """A one-page PDF whose only text runs upwards (rotated 90 degrees), written object by object."""
    content = b"BT /F1 12 Tf 0 1 -1 0 100 100 Tm (Gedrehter Text) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    data, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(data)


def test_pdf_with_only_turned_text(tmp_path: Path) -> None:
    path = tmp_path / "turned.pdf"
    _pdf_with_text_turned(path)
    with pytest.raises(HarnessError, match=r"holds only text that is not upright \(turned pages\?\); turn its pages first"):
        read_document(path, "source")


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (apt-get install qpdf): no encrypted PDF to test")
def test_encrypted_pdf(tmp_path: Path) -> None:
    plain, locked = tmp_path / "plain.pdf", tmp_path / "locked.pdf"
    _blank_pdf(plain)
    subprocess.run(["qpdf", "--encrypt", "user", "owner", "256", "--", str(plain), str(locked)], check=True)
    with pytest.raises(HarnessError, match=r"^source document '.*locked.pdf' is encrypted \(password-protected\); decrypt it first"):
        read_document(locked, "source")


def test_a_pdf_named_txt_is_read_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    _blank_pdf(path)
    with pytest.raises(HarnessError, match="has no text layer"):
        read_document(path, "source")


def test_command_line_exit_2_with_one_line(tmp_path: Path) -> None:
    src, tgt = tmp_path / "a.pdf", tmp_path / "b.txt"
    src.write_text("Ein Satz.\n", encoding="utf-8")
    tgt.write_text("A sentence.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "harness.build_reference", f"src={src}", f"tgt={tgt}", "src_lang=de", "tgt_lang=en", f"out={tmp_path}/out"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        f"error: source document {str(src)!r} is not a PDF (no '%PDF-' header): it holds plain text; rename it to .txt to read it as text"
    ]
    assert not (tmp_path / "out").exists()
