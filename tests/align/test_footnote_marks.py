"""A footnote mark glued to the end of a written sentence (harness.align.footnote_marks). Inputs
are units the builder wrote on the PDF-like path of the held-out documents."""

from __future__ import annotations

from harness.align import footnote_marks as fm
from harness.align.model import AlignedPair, Alignment, Unit

from tests.align.units import body


def test_mark_length() -> None:
    assert fm.mark_length("Konfigurationselement: quiet.9", "Configuration Item: quiet.") == 1
    assert fm.mark_length("… über Netzwerk fokussiert sind.14", "… regular backups over network.") == 2
    assert fm.mark_length("Lesen Sie Abschnitt 4.1", "See section 4.1") == 0  # a number, no mark after a stop
    assert fm.mark_length("(seit Dpkg 1.17.11).", "(since dpkg 1.17.11).") == 0
    assert fm.mark_length("Es gibt davon genau 2.12", "There are exactly 2.12") == 0  # a digit before the stop
    assert fm.mark_length("Der Wert ist Null.0", "The value is null.0") == 0  # the other side ends so too
    # apt-cache(8), PDF-like: a synopsis ending on an ellipsis, the mark after it
    assert fm.mark_length("xvcg Paket...7", "xvcg pkg...") == 1
    assert fm.mark_length("die Liste der Kanäle wie #debian-python…4", "channels such as #debian-python…") == 1
    assert fm.mark_length("Seite 3...", "page 3...") == 0


def test_the_mark_goes_and_the_unit_keeps_its_lines() -> None:
    """apt-cache(8) on the PDF-like path: the mark '9' sits on line 278 after the item."""
    src = body(("Konfigurationselement: ", 277), ("quiet.9", 278))
    tgt = Unit("Configuration Item: quiet.", "202", "body")
    result = Alignment([AlignedPair((src,), (tgt,), "body", 1.0)])
    assert fm.strip_marks(result) == 1
    [pair] = result.pairs
    assert [(u.text, u.lines) for u in pair.src] == [("Konfigurationselement: quiet.", "277-278")]
    assert pair.tgt == (tgt,)


def test_no_mark_no_change() -> None:
    src, tgt = body(("Konfigurationselement: quiet.", 278)), Unit("Configuration Item: quiet.", "202", "body")
    result = Alignment([AlignedPair((src,), (tgt,), "body", 1.0)])
    assert fm.strip_marks(result) == 0 and result.pairs[0].src == (src,)
