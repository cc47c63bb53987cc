"""Left-over sentences placed by their raw neighbours' pairs (harness.align.raw_neighbours). Inputs
are units the builder left over on the PDF-like path of the corpus (faq-support), with the raw line
numbers they had there."""

from __future__ import annotations

from harness.align import raw_neighbours
from harness.align.dictionary import Dictionary
from harness.align.model import AlignedPair, Alignment, SetAside, Unit
from harness.align.similarity import LexicalScorer

SCORER = LexicalScorer("de", "en", Dictionary({"reihe": ("lot",), "gibt": ("are",)}))

ADS = (Unit("Weitere Informationen unter Verfahrensweise mit Werbung auf Debians Mailinglisten.", "216-218", "body"), Unit("See the Debian mailing list advertising policy.", "102-103", "item"))
FLAME = (Unit("Nicht beleidigend werden, das ist unhöflich.", "220", "body"), Unit("Do not flame; it is not polite.", "104", "item"))
VOLUNTEERS = (
    Unit("Die Entwickler von Debian sind Freiwillige, die ihre Zeit, Energie und ihr Geld dafür einsetzen, das Debian-Projekt voranzubringen.", "222-224", "body"),
    Unit("The people developing Debian are all volunteers, donating their time, energy and money in an attempt to bring the Debian project together.", "104-106", "item"),
)
HEADING = (Unit("12.2.1. Mailinglisten", "166", "heading"), Unit("12.2.1. Mailing lists", "66", "heading"))
LISTS = (Unit("Es gibt eine Reihe von Debian betreffenden Mailinglisten.", "168-169", "body"), Unit("There are a lot of Debian-related mailing lists.", "68", "body"))


def _pair(pair: tuple[Unit, Unit]) -> AlignedPair:
    return AlignedPair((pair[0],), (pair[1],), pair[1].kind, 0.8)


def _result(written: list[tuple[Unit, Unit]], left: list[Unit], left_tgt: list[Unit]) -> Alignment:
    return Alignment(
        [_pair(p) for p in written],
        [SetAside("src", u, "body: no counterpart in the translation") for u in left] + [SetAside("tgt", u, "body: no counterpart in the source") for u in left_tgt],
    )


def test_a_sentence_between_its_raw_neighbours_pairs_fills_the_target_gap_they_leave() -> None:
    assert SCORER.fit([FLAME[0].text], [FLAME[1].text]).sim(0, 1, 0, 1) == 0.0  # no word the scorer knows
    result = _result([ADS, VOLUNTEERS], [FLAME[0]], [FLAME[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [ADS[1], FLAME[1], VOLUNTEERS[1]], SCORER) == 1
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs] == [(ADS[0].text, ADS[1].text), (FLAME[0].text, FLAME[1].text), (VOLUNTEERS[0].text, VOLUNTEERS[1].text)]
    assert result.unaligned == []


def test_no_pair_where_the_neighbours_pairs_leave_no_gap_of_that_size_or_a_left_over_unit_lies_between() -> None:
    other = Unit("Archives of the Debian mailing lists are available via WWW.", "105", "body")
    result = _result([ADS, VOLUNTEERS], [FLAME[0]], [FLAME[1], other])
    assert raw_neighbours.pair_raw_sandwiches(result, [ADS[1], FLAME[1], other, VOLUNTEERS[1]], SCORER) == 0
    # a left-over unit on the sentence's raw line 221 is its successor: the pair after it is not
    between = Unit("Keine schmutzige Sprache verwenden.", "221", "body")
    result = _result([ADS, VOLUNTEERS], [FLAME[0], between], [FLAME[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [ADS[1], FLAME[1], VOLUNTEERS[1]], SCORER) == 0
    # three lines apart (a blank line and more) is no raw neighbour
    far = Unit(VOLUNTEERS[0].text, "224-226", "body")
    result = _result([ADS, (far, VOLUNTEERS[1])], [FLAME[0]], [FLAME[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [ADS[1], FLAME[1], VOLUNTEERS[1]], SCORER) == 0


def test_no_pair_of_long_sentences_sharing_nothing_nor_of_lengths_that_disagree() -> None:
    long = Unit("Nicht beleidigend werden, denn das ist unhöflich und verletzt die anderen Leser der Liste.", "220", "body")
    stranger = Unit("Do not flame others, as it is not polite and hurts other readers of the list too.", "104", "item")
    assert SCORER.fit([long.text], [stranger.text]).sim(0, 1, 0, 1) == 0.0
    result = _result([ADS, VOLUNTEERS], [long], [stranger])
    assert raw_neighbours.pair_raw_sandwiches(result, [ADS[1], stranger, VOLUNTEERS[1]], SCORER) == 0
    short = Unit("Nicht.", "220", "body")
    result = _result([ADS, VOLUNTEERS], [short], [FLAME[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [ADS[1], FLAME[1], VOLUNTEERS[1]], SCORER) == 0


def test_one_paired_raw_neighbour_places_a_sentence_that_shares_words_with_the_gap() -> None:
    assert 0.25 <= SCORER.fit([LISTS[0].text], [LISTS[1].text]).sim(0, 1, 0, 1)  # the sandwich's floor
    result = _result([HEADING], [LISTS[0]], [LISTS[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [HEADING[1], LISTS[1]], SCORER) == 1
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs] == [(HEADING[0].text, HEADING[1].text), (LISTS[0].text, LISTS[1].text)]
    # with one neighbour only, order does not stand in for words
    flame_after_heading = Unit(FLAME[0].text, "168", "body")
    result = _result([HEADING], [flame_after_heading], [FLAME[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [HEADING[1], FLAME[1]], SCORER) == 0


def test_raw_neighbours_are_the_nearest_units_ending_before_and_starting_after() -> None:
    units = [ADS[0], FLAME[0], VOLUNTEERS[0], HEADING[0]]
    assert raw_neighbours.raw_neighbours(FLAME[0], units) == (0, 2)
    assert raw_neighbours.raw_neighbours(HEADING[0], units) == (None, None)
    # a unit sharing the sentence's one raw line may come before or after it: no neighbour
    same_line = Unit("Sei höflich.", "220", "body")
    assert raw_neighbours.raw_neighbours(FLAME[0], [*units, same_line]) == (None, None)
    assert raw_neighbours.raw_neighbours(Unit("stitched", "171-173,107-108", "body"), units) == (None, None)


def test_a_word_broken_at_a_line_end_is_no_whole_unit_but_a_suspended_compound_is() -> None:
    # maint-guide-start, the two-column PDF read directly: 'Warum?' broken across a column's lines
    assert not raw_neighbours.alike_whole("War- um?", "Why?")
    assert raw_neighbours.alike_whole("Warum?", "Why?")
    assert raw_neighbours.alike_whole("Datei- und Verzeichnisnamen werden geprüft.", "File and directory names are checked.")
