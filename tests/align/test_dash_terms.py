"""Items of a list of named things ('perl - Perl ist …') glued together by a PDF's text
(harness.align.terms.dash_term_lines, harness.align.joins.term_evidence). The lines are the
PDF-like path's of the maint-guide-start document."""

from __future__ import annotations

from harness.align.blocks import read_pieces
from harness.align.cleaning import evidence_from
from harness.align.joins import term_evidence
from harness.align.terms import dash_term, dash_term_lines

RAW = """reuen. Beim Bauen eines Debian-Pakets in
dieser chroot-Umgebung wird geprüft, ob die
Build-Abhängigkeiten stimmen, wodurch
verhindert werden (siehe pbuilder(8) und
pdebuild(1)).
perl - Perl ist eine der am meisten gebrauch-

ten interpretierten Skriptsprachen auf heuti-
gen Unix-ähnlichen Systemen (siehe perl(1)).
python - Python ist eine weitere der am meis-
ten gebrauchten Skriptsprachen auf Debian-
Systemen (siehe python(1)).8
quilt - Dieses Paket hilft Ihnen dabei, eine
große Anzahl von Patches zu verwalten."""


def test_a_named_item_after_a_sentence_end_starts_a_unit() -> None:
    assert dash_term_lines(RAW.splitlines()) == frozenset({6, 10, 13})  # a note number glued on too ('(1)).8')
    ev = evidence_from(RAW, function_words=frozenset({"der", "die", "und"}))
    starts = [(p.kind, p.text.line_range()[0], p.text.text[:24]) for p in read_pieces(RAW, "de", ev)]
    assert starts == [
        ("body", 1, "reuen. Beim Bauen eines "),
        ("body", 6, "perl - Perl ist eine der"),
        ("body", 8, "ten interpretierten Skri"),
        ("body", 10, "python - Python ist eine"),
        ("body", 13, "quilt - Dieses Paket hil"),
    ]


def test_a_dash_in_running_text_or_after_an_open_line_starts_nothing() -> None:
    lines = [
        "Weitere Programme, beispielsweise",  # the line above goes on
        "make - und andere, die Sie kennen.",
        "Das ist alles - fast.",  # a capital: prose, or a heading
        "Die Debian GNU/Linux-FAQ, Kapitel 13 - »Zum",
    ]
    assert dash_term_lines(lines) == frozenset()
    assert dash_term("dh-make und debhelper - dh-make wird benö-")
    assert dash_term("autoconf, automake und autotools-dev - Viele neuere Programme")
    assert not dash_term("Kapitel 13 - »Zum Debian-Projekt beitragen«")
    # a clause with a dash in it (history's PDF-like text): a function word, then a lower-case word
    assert not dash_term("werden - die Pakete sind also quasi eingefroren) zu verkürzen und es dem Projekt zu")


def test_a_named_item_completes_no_cut_sentence() -> None:
    assert term_evidence("gfortran - Der GNU-Fortran-95-Compiler wird benötigt, wenn Ihr Programm") == -1.0
    assert term_evidence("einer Datei feststellen (siehe file(1)).") == 0.0
