"""A quoted pull quote paired while the body sentence it repeats is paired too
(harness.align.quote_twins). Lines from the corpus's faq-support document on the PDF-like path."""

from __future__ import annotations

from pathlib import Path

from harness.align import late_recovery, quote_twins
from harness.align.model import AlignedPair, Alignment, SetAside, Unit
from harness.align.pullquotes import quote_boxes

TWIN = ("manpages, welches die System-Handbuchseiten selbst beinhaltet.", "manpages, which contains the system manual pages.")
BOX = "„manpages, welches die System-Handbuchseiten selbst beinhaltet.“"
STRANGER = "man-db, which contains the man program itself, and other programs for manipulating the manual pages."
FOUL = (
    "„Keine schmutzige Sprache verwenden; außerdem erhalten einige Leute diese Listen über Funk, wo Fluchen illegal ist.“",
    "Do not use foul language; besides, some people receive the lists via packet radio, where swearing is illegal.",
)


def _pair(de: str, en: str, de_kind: str = "body", en_kind: str = "item", line: str = "1") -> AlignedPair:
    return AlignedPair((Unit(de, line, de_kind),), (Unit(en, line, en_kind),), en_kind, 0.5)


def test_the_faq_box_is_found_by_the_layout() -> None:
    lines = (Path(__file__).parent / "corpus" / "faq-support" / "de.pdflike.txt").read_text(encoding="utf-8").splitlines()
    assert quote_boxes(lines)[50] == 52  # '„manpages, welches die' … 'beinhaltet.“', its twin at lines 25-26


def test_box_whose_twin_is_paired_is_set_aside() -> None:
    twin, copy = _pair(*TWIN, line="25-26"), _pair(BOX, STRANGER, "pullquote", line="50-52")
    result = Alignment([twin, copy], [])
    quote_twins.drop_box_copies(result)
    assert result.pairs == [twin]
    assert [(a.side, a.unit.text, a.reason) for a in result.unaligned] == [
        ("src", BOX, quote_twins.REASON),
        ("tgt", STRANGER, quote_twins.PARTNER),
    ]
    # the stranger is a sentence of the translation of its own: the late passes may still pair it,
    # as an item pair's side a check set aside; the box is a copy and stays out
    assert late_recovery.rejoin_leftovers(result, "tgt") == ([1], {1}) and late_recovery.rejoin_leftovers(result, "src") == ([], set())


def test_box_standing_in_for_a_twin_left_over_is_kept() -> None:
    result = Alignment([_pair(*TWIN), _pair(*FOUL, de_kind="pullquote")], [])
    quote_twins.drop_box_copies(result)
    assert [p.src[0].text for p in result.pairs] == [TWIN[0], FOUL[0]]


def test_two_boxes_pair_although_the_twins_are_paired() -> None:
    en_box = "“manpages, which contains the system manual pages.”"
    boxes = _pair(BOX, en_box, "pullquote", "pullquote")
    result = Alignment([_pair(*TWIN), boxes], [])
    quote_twins.drop_box_copies(result)
    assert result.pairs[1] is boxes


def test_unquoted_pullquote_kind_is_no_box() -> None:
    look_alike = _pair(TWIN[0], STRANGER, "pullquote")  # a restatements look-alike sent back: no marks
    result = Alignment([_pair(*TWIN), look_alike], [])
    quote_twins.drop_box_copies(result)
    assert len(result.pairs) == 2


def test_target_side_box_too() -> None:
    copy = _pair("man-db, welches das man-Programm an sich beinhaltet.", "“manpages, which contains the system manual pages.”", "body", "pullquote")
    result = Alignment([_pair(*TWIN), copy], [])
    quote_twins.drop_box_copies(result)
    assert len(result.pairs) == 1 and len(result.unaligned) == 2
    assert isinstance(result.unaligned[0], SetAside)


def test_twin_riding_along_in_a_two_unit_side_does_not_count() -> None:
    """man-man (held-out set 1, PDF-like): the twin shares a 2:1 bead with the sentence after it,
    whose translation holds only that one; the box stands in for the twin and keeps its pair."""
    de = "Normalerweise setzt Nroff den Text automatisch im Blocksatz."
    rest = "Diese Option deaktiviert die Ausrichtung des Textes an der rechten Seite."
    en = "This option disables full justification, leaving justified only to the left margin."
    two = AlignedPair((Unit(de, "645-646", "body"), Unit(rest, "646-650", "body")), (Unit(en, "9", "body"),), "body", 0.41)
    box = _pair(f"„{de}“", "Normally, nroff will automatically justify text to both margins.", "pullquote", "body")
    result = Alignment([two, box], [])
    quote_twins.drop_box_copies(result)
    assert result.pairs == [two, box]
