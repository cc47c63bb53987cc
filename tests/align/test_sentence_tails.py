"""A written pair whose source opens with the tail of another sentence (harness.align.sentence_tails).
Inputs are lines of the PDF-like path of the held-out set's dref-network: a block that opens
mid-sentence, run on into a whole sentence with no blank line between them."""

from __future__ import annotations

from harness.align import sentence_tails
from harness.align.dictionary import Dictionary
from harness.align.model import AlignedPair, Alignment, Unit
from harness.align.similarity import LexicalScorer

from tests.align.units import lines_unit

WORDS = Dictionary({"benutzer": ("user",), "gruppe": ("group",), "befehl": ("command",), "folgendem": ("following",)})
LINES = (
    "für Arbeitsplatzsysteme wie folgt ab:",
    "Fügen Sie den Benutzer, der sich am Arbeitsplatz anmeldet, z.B. foo, mit folgendem Befehl",
    'zur Gruppe "netdev" hinzu.',
)
EN = 'Make desktop user, e.g. foo, belong to group "netdev" by the following.'


def _unit(lines: tuple[str, ...], first: int = 244) -> Unit:
    return lines_unit(lines, first, "item")


def _build(src: Unit, en: str = EN) -> Alignment:
    result = Alignment([AlignedPair((src,), (Unit(en, "130-132", "item"),), "item", 0.6)], [])
    sentence_tails.cut_sentence_tails(result, LexicalScorer("de", "en", WORDS), None, "de")
    return result


def test_the_tail_is_cut_off_and_the_sentence_written() -> None:
    result = _build(_unit(LINES))
    assert [u.text for u in result.pairs[0].src] == [" ".join(LINES[1:])]
    assert [(a.unit.text, a.whole) for a in result.unaligned] == [(LINES[0], False)]  # a piece: no pass places it by where it stands
    assert result.pairs[0].src[0].lines == "245-246"


def test_no_tail_where_the_source_starts_a_sentence_or_the_translation_renders_it() -> None:
    assert sentence_tails.tail_end(AlignedPair((_unit(LINES[1:]),), (Unit(EN, "130", "item"),), "item", 0.6), None, "de") is None
    # a manual page's option described in lower case: the translation renders the 'tail'
    option = ("nur wichtige Abhängigkeiten ausgeben.", "Zur Benutzung mit unmet und depends.")
    words = Dictionary({"wichtige": ("important",), "abhängigkeiten": ("dependencies",), "benutzung": ("use",)})
    result = Alignment([AlignedPair((_unit(option),), (Unit("Print only important dependencies; for use with unmet and depends.", "80", "item"),), "item", 0.7)], [])
    assert sentence_tails.cut_sentence_tails(result, LexicalScorer("de", "en", words), None, "de") == 0
    assert len(result.pairs) == 1 and not result.unaligned
