"""A display line copied verbatim into the translation at the end of both sides of a written pair
(harness.align.copied_tails). The pair is the one the builder wrote on the two-column PDF path
(plain pdftotext) of man(1), held-out set 1."""

from __future__ import annotations

from harness.align import copied_tails as ct
from harness.align.model import AlignedPair, Alignment, Unit
from harness.align.pipeline import tracked_unit
from harness.align.tracked import Tracked

INTRO = "»(« und »)«, ersetzt. Die Zeichenkette für die Erzeugung der Voreinstellung könnte als"
DISPLAY = "\\ Manual\\ page\\ \\$MAN_PN\\ ?"
EN = "The string used to produce the default could be expressed as \\ Manual\\ page\\ \\$MAN_PN\\ ?"


def _unit(parts: list[tuple[str, int]], kind: str = "body") -> Unit:
    """A unit of (text, raw line) parts joined by spaces, with its line owners, as the pipeline builds it."""
    text = " ".join(t for t, _ in parts)
    owners = tuple(n for k, (t, n) in enumerate(parts) for _ in t + (" " if k < len(parts) - 1 else ""))
    return tracked_unit(Tracked(text, owners), kind)


def _pair(src: Unit, tgt_text: str = EN) -> AlignedPair:
    return AlignedPair((src,), (_unit([(tgt_text, 345)]),), "body", 0.8)


SRC = _unit([(INTRO[INTRO.index("Die") :], 370), (DISPLAY, 371)])


def test_a_display_both_sides_end_on_is_written_as_a_pair_of_its_own() -> None:
    result = Alignment([_pair(SRC)], [])
    assert ct.split_copied_tails(result) == 1
    texts = [(" ".join(u.text for u in p.src), " ".join(u.text for u in p.tgt)) for p in result.pairs]
    assert texts == [
        ("Die Zeichenkette für die Erzeugung der Voreinstellung könnte als", "The string used to produce the default could be expressed as"),
        (DISPLAY, DISPLAY),
    ]
    assert [p.src[0].lines for p in result.pairs] == ["370", "371"]


def test_no_split_without_a_copy_a_code_character_or_a_line_of_its_own() -> None:
    assert ct.copied_tail(_pair(SRC, "The default could be expressed as \\ Manual\\ page\\ ?")) is None  # not word for word
    words = _unit([("Die Datei steht im Verzeichnis des", 10), ("Debian Reference Manual", 11)])
    assert ct.copied_tail(_pair(words, "The file is in the folder of the Debian Reference Manual")) is None  # no code character
    path = _unit([("Auf jedem Debian-System finden Sie die Anweisungen in", 20), ("/usr/share/doc/debian/bug-reporting.txt.", 21)])
    assert ct.copied_tail(_pair(path, "The instructions are in the file /usr/share/doc/debian/bug-reporting.txt.")) is None  # a path ends the sentence
    wrapped = _unit([("L/%L.:", 21), ("byte\\ %bB?", 22)])
    assert ct.copied_tail(_pair(wrapped, "L/%L.: byte\\ %bB?")) is None  # code on both sides whole: a display wrapped, no introduction
    one_line = _unit([("Die Zeichenkette könnte als " + DISPLAY, 370)])
    assert ct.copied_tail(_pair(one_line)) is None  # one raw line: no display of its own
    assert ct.copied_tail(_pair(SRC, DISPLAY)) is None  # the translation holds the display alone
    assert ct.copied_tail(_pair(SRC, "could be expressed as" + DISPLAY)) is None  # glued to a word: no line of its own
