"""Items of an unmarked list opening with the same lower-case word (harness.align.parallel_items),
on apt_preferences(5) as the held-out set renders it: the German of the two-column PDF (plain
pdftotext), where the priorities `P >= 1000` … are lost, and the English web dump."""

from __future__ import annotations

from harness.align.blocks import read_pieces
from harness.align.cleaning import evidence_from
from harness.align.joins import page_break
from harness.align.order import Block
from harness.align.parallel_items import item_starts, opener, same_opener
from harness.align.tracked import track

PRIORITIES_DE = [
    "Die in der APT-Einstellungsdatei zugewiesenen Prioritäten (P) müssen positive oder negative Ganzzahlen sein. Sie werden wie folgt interpretiert (grob gesagt):",
    "veranlasst, dass eine Version installiert",
    "wird, selbst wenn dies ein Downgrade des Pakets",
    "durchführt",
    "veranlasst, dass eine Version installiert",
    "wird, auch wenn diese nicht vom Ziel-Release",
    "kommt, außer wenn die installierte Version aktueller ist",
    "veranlasst, dass eine Version installiert",
    "wird, außer wenn eine Version verfügbar ist, die",
    "zum Ziel-Release gehört oder die installierte Version neuer ist",
    "veranlasst, dass eine Version installiert",
    "wird, außer wenn eine Version verfügbar ist, die",
]


def test_descriptions_opening_alike_are_items_each() -> None:
    assert item_starts(PRIORITIES_DE) == {2, 5, 8, 11}  # '… aktueller ist' may end an item: 'ist' ends clauses


def test_a_list_cut_into_blocks_counts_its_items_over_the_document() -> None:
    """The PDF-like path of held-out set 3: the list cut into blocks of two items and one, moved apart."""
    first, second = PRIORITIES_DE[1:7], PRIORITIES_DE[7:]
    lines = ["Prioritäten (P) werden wie folgt interpretiert:", "", *first, "", "Der erste Datensatz legt die Priorität fest.", "", *second, "", PRIORITIES_DE[1]]
    assert item_starts(lines) == {3, 6, 12, 15}
    # a run of two whose word opens no third item in the document is no list
    assert item_starts(["Prioritäten (P) werden wie folgt interpretiert:", "", *first, "", "Der erste Datensatz legt die Priorität fest."]) == frozenset()


def test_two_lines_opening_alike_are_no_list() -> None:
    notes = ["", "siehe Die Distribution Testing", "siehe Handhabung von sicherheitsrelevanten", "Fehlern", "2"]
    assert item_starts(notes) == frozenset()


def test_opener() -> None:
    assert opener("veranlasst, dass eine Version installiert") == "veranlasst"
    assert opener("causes a version to be installed") == "causes"
    assert opener("apt-get install Paket/testing") is None  # a command name
    assert opener("zu den Versionen, die zum Ziel-Release gehören.") is None  # a function word
    assert opener("Die Release-Datei") is None


def test_the_items_are_pieces_of_their_own() -> None:
    raw = "\n".join(PRIORITIES_DE[:8]) + "\n"
    found = [(p.kind, p.text.text[:30]) for p in read_pieces(raw, "de", evidence_from(raw))]
    assert found == [
        ("body", "Die in der APT-Einstellungsdat"),
        ("item", "veranlasst, dass eine Version "),
        ("item", "veranlasst, dass eine Version "),
        ("item", "veranlasst, dass eine Version "),
    ]


def test_items_of_the_translation_are_not_joined_as_a_page_break() -> None:
    block = lambda text: Block(track(text), "body")  # noqa: E731
    first = block("causes a version to be installed even if this constitutes a downgrade of the package")
    second = block("causes a version to be installed even if it does not come from the target release, unless the installed version is more recent")
    assert same_opener(first.text.text, second.text.text)
    assert not page_break(first, second, "en")
    assert page_break(first, block("prevents the version from being installed"), "en")  # a lower-case block still goes on
