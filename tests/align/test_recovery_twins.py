"""Look-alike list lines among the left-overs (harness.align.recovery: the names copied verbatim
break a tie at the top score). The lines are maint-guide-start's, as the scrambled path leaves
them over (one-line boxes no anchor places: both match both counterparts at 1.0)."""

from __future__ import annotations

from harness.align import recovery
from harness.align.dictionary import Dictionary
from harness.align.model import Alignment, SetAside, Unit
from harness.align.similarity import LexicalScorer

WORDS = Dictionary({"inhalte": ("contents",), "mailinglistenarchivs": ("mailing", "list", "archive")})
DEVEL = ("Inhalte des Mailinglistenarchivs von debian-devel@lists.debian.org", "contents of debian-devel@lists.debian.org mailing list archive")
MENTORS = ("Inhalte des Mailinglistenarchivs von debian-mentors@lists.debian.org", "contents of debian-mentors@lists.debian.org mailing list archive")


def _left_over(src: list[str], tgt: list[str]) -> Alignment:
    result = Alignment([], [])
    result.unaligned += [SetAside("src", Unit(de, str(10 + k), "item"), "body: no counterpart in the translation") for k, de in enumerate(src)]
    result.unaligned += [SetAside("tgt", Unit(en, str(20 + k), "item"), "body: no counterpart in the source") for k, en in enumerate(tgt)]
    return result


def test_look_alike_lines_pair_by_the_names_they_copy() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    ps = scorer.fit([DEVEL[0]], [MENTORS[1], DEVEL[1]])
    assert ps.sim(0, 1, 0, 1) == ps.sim(0, 1, 1, 1) == 1.0  # the similarity cannot tell them apart
    result = _left_over([DEVEL[0], MENTORS[0]], [MENTORS[1], DEVEL[1]])
    assert recovery.recover(result, scorer) == 2
    assert sorted((p.src[0].text, p.tgt[0].text) for p in result.pairs) == sorted([DEVEL, MENTORS])
    assert result.unaligned == []


def test_a_tie_the_names_do_not_break_stays_left_over() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    # the counterpart of the other line is missing: 'debian-devel' decides, the rest ties
    assert recovery.recover(_left_over([MENTORS[0]], [DEVEL[1], DEVEL[1].replace("contents", "archive")]), scorer) == 0
    row = [(1.0, 0), (1.0, 1), (0.9, 2)]
    assert recovery.clear_best(row, names={0: 3, 1: 4, 2: 2}.__getitem__) == (1.0, 1)
    assert recovery.clear_best(row, names={0: 3, 1: 4, 2: 4}.__getitem__) == (1.0, 1)  # as many names, a lower score
    assert recovery.clear_best(row, names={0: 3, 1: 4, 2: 5}.__getitem__) == (0.0, -1)  # a near one shares more
    assert recovery.clear_best(row, names={0: 4, 1: 4, 2: 2}.__getitem__) == (0.0, -1)
    assert recovery.clear_best([(1.0, 0), (0.9, 1)], names={0: 4, 1: 1}.__getitem__) == (0.0, -1)  # no tie: the margin holds


def test_a_weak_tie_is_not_broken_by_a_shared_name() -> None:
    """start-stop-daemon(8), PDF-like path: a stitched piece ('start-stop-daemon wird' + 'Gibt eine
    Meldung zur Verwendung aus …') tied at 0.5 with two sentences naming the command; the shared
    name picked one and wrote a wrong pair. Below MIN_SCORE a tie stays a tie."""
    row = [(0.5, 0), (0.5, 1)]
    assert recovery.clear_best(row, names={0: 1, 1: 0}.__getitem__) == (0.0, -1)
    top = recovery.MIN_SCORE
    assert recovery.clear_best([(top, 0), (top, 1)], names={0: 1, 1: 0}.__getitem__) == (top, 0)


# maint-guide-start, PDF-like: two lead-ins a paragraph apart, each side's pair near twins
VERY = ("Es folgen sehr wichtige Dokumente, die Sie neben diesem Dokument auch lesen sollten:", "The following is the very important documentation which you should read along with this document:")
SOME = ("Hier einige wichtige Dokumente, die Sie zusätzlich zu diesem Dokument auch lesen sollten:", "The following is the important documentation which you should read along with this document:")


def test_twins_pair_in_rounds_the_clear_winner_of_both_columns_taking_its_better_one(ding) -> None:  # noqa: ANN001
    """'Es folgen sehr …' matches both translations (0.86, 0.77: no clear choice) but is the clear
    best of both columns; it takes the better, and 'Hier einige …', whose row was no clear choice
    while its rival stood (0.46 against 0.43), has one left in the next round."""
    scorer = LexicalScorer("de", "en", ding)
    ps = scorer.fit([VERY[0], SOME[0]], [VERY[1], SOME[1]])
    assert ps.sim(0, 1, 0, 1) - ps.sim(0, 1, 1, 1) < recovery.MARGIN and ps.sim(1, 1, 1, 1) - ps.sim(1, 1, 0, 1) < recovery.MARGIN
    result = _left_over([VERY[0], SOME[0]], [VERY[1], SOME[1]])
    assert recovery.recover(result, scorer, floor=0.45, rounds=True) == 2
    assert sorted((p.src[0].text, p.tgt[0].text) for p in result.pairs) == sorted([VERY, SOME])
    # without its twin's translation, the winner still takes its own, and the other stays left over
    result = _left_over([VERY[0], SOME[0]], [VERY[1]])
    assert recovery.recover(result, scorer, floor=0.45, rounds=True) == 1 and result.pairs[0].src[0].text == VERY[0]
    # one round, as the first recovery makes: no choice between twins, nothing paired
    assert recovery.recover(_left_over([VERY[0], SOME[0]], [VERY[1], SOME[1]]), scorer, floor=0.45) == 0


def test_no_twin_choice_where_another_source_wins_a_column() -> None:
    column = {0: 0, 1: 1}.__getitem__  # target 1's column is won by source 1
    assert recovery.twin_choice(0, [(0.86, 0), (0.77, 1)], column) == (0.0, -1)
    assert recovery.twin_choice(0, [(0.86, 0), (0.77, 1)], lambda j: 0) == (0.86, 0)
    assert recovery.twin_choice(0, [(0.8, 0), (0.8, 1)], lambda j: 0) == (0.0, -1)  # a tie stays one
    # the lower one shares more names: a look-alike line scored higher (a hyphen broken at a line end)
    assert recovery.twin_choice(0, [(0.86, 0), (0.77, 1)], lambda j: 0, {0: 3, 1: 4}.__getitem__) == (0.0, -1)
