"""Reading the two sides at once: the second job runs in a forked child where that is safe, and
every way that can go wrong ends with the same result as doing both here."""

from __future__ import annotations

import multiprocessing
import os
import threading
from pathlib import Path

import pytest

from harness.align import corpus, pipeline, two_sides
from harness.align.dictionary import find_dictionary
from harness.align.similarity import LexicalScorer

forking = pytest.mark.skipif(not two_sides.can_fork(), reason="needs fork and two cores")


@forking
def test_the_second_job_runs_in_another_process_and_its_result_comes_back() -> None:
    parent = os.getpid()
    a, b = two_sides.both(lambda: (os.getpid(), "first"), lambda: (os.getpid(), {"de": ["Ein Satz."]}))
    assert a == (parent, "first")
    assert b[0] != parent and b[1] == {"de": ["Ein Satz."]}
    assert multiprocessing.active_children() == []


@forking
def test_a_child_that_dies_before_sending_is_redone_here() -> None:
    parent = os.getpid()

    def second() -> int:
        if os.getpid() != parent:
            os._exit(3)  # killed, out of memory: no message ever comes
        return 42

    assert two_sides.both(lambda: 1, second) == (1, 42)


@forking
def test_a_result_that_cannot_be_pickled_is_redone_here() -> None:
    parent = os.getpid()
    a, b = two_sides.both(lambda: 1, lambda: (lambda: os.getpid()))
    assert a == 1 and b() == parent


@forking
def test_an_error_in_the_child_is_raised_here_with_its_own_traceback() -> None:
    runs: list[int] = []

    def second() -> None:
        runs.append(os.getpid())  # seen only for the run in this process
        raise ValueError("side two is broken")

    with pytest.raises(ValueError, match="side two is broken"):
        two_sides.both(lambda: 1, second)
    assert runs == [os.getpid()]


@forking
def test_an_error_in_the_first_job_leaves_no_child_behind() -> None:
    def first() -> None:
        raise KeyError("side one")

    with pytest.raises(KeyError):
        two_sides.both(first, lambda: __import__("time").sleep(60))
    assert multiprocessing.active_children() == []


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not two_sides.can_fork()
        parent = os.getpid()
        assert two_sides.both(os.getpid, os.getpid) == (parent, parent)
    finally:
        stop.set()
        thread.join()


def test_one_core_means_no_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(two_sides, "cores", lambda: 1)
    assert not two_sides.can_fork()


def test_no_fork_on_macos(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(two_sides.sys, "platform", "darwin")
    assert not two_sides.can_fork()


@forking
@pytest.mark.parametrize("path", ["scrambled", "pdf2col"])
def test_a_build_is_the_same_read_at_once_or_in_turn(monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    """With every job split that can be (SPLIT_MIN lowered: anchors, join gains, bead and pair
    judgements, rehome's cuts and proposals go in halves), the build is the one made in one process."""
    case = corpus.cases(docs=["kicad-pl-editor"], paths=[path])[0]
    src, tgt = Path(case.src).read_text(encoding="utf-8"), Path(case.tgt).read_text(encoding="utf-8")
    dictionary = find_dictionary("de", "en")
    monkeypatch.setattr(two_sides, "SPLIT_MIN", 4)
    forks = []
    both = two_sides.both
    monkeypatch.setattr(two_sides, "both", lambda first, second: forks.append(1) or both(first, second))
    at_once = pipeline.build(src, tgt, "de", "en", LexicalScorer("de", "en", dictionary), dictionary)
    assert len(forks) >= 9  # layout, reading, 3 x anchors, join gains, bead judgements, rehome's cuts and proposals, names
    monkeypatch.setattr(two_sides, "can_fork", lambda: False)
    in_turn = pipeline.build(src, tgt, "de", "en", LexicalScorer("de", "en", dictionary), dictionary)
    assert len(at_once.pairs) > 50
    assert repr(at_once.pairs) == repr(in_turn.pairs)
    assert repr(at_once.unaligned) == repr(in_turn.unaligned)


@forking
def test_halves_judges_the_second_half_in_a_child_and_keeps_the_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(two_sides, "SPLIT_MIN", 4)
    parent = os.getpid()
    found = two_sides.halves(lambda items: {i: (i * i, os.getpid()) for i in items if i % 3}, 10)
    assert list(found) == [1, 2, 4, 5, 7, 8]
    assert [square for square, _pid in found.values()] == [1, 4, 16, 25, 49, 64]
    assert {pid for i, (_sq, pid) in found.items() if i < 5} == {parent}
    assert parent not in {pid for i, (_sq, pid) in found.items() if i >= 5}
    assert two_sides.halves(lambda items: {i: os.getpid() for i in items}, 3) == {0: parent, 1: parent, 2: parent}  # under SPLIT_MIN


@forking
def test_each_judges_every_item_in_order_the_second_half_in_a_child(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(two_sides, "SPLIT_MIN", 4)
    parent = os.getpid()
    found = two_sides.each(lambda k: (k * k, os.getpid()), 6)
    assert [square for square, _pid in found] == [0, 1, 4, 9, 16, 25]
    assert {pid for _sq, pid in found[:3]} == {parent} and parent not in {pid for _sq, pid in found[3:]}
    assert two_sides.each(lambda k: os.getpid(), 3) == [parent] * 3  # under SPLIT_MIN
    assert two_sides.each(lambda k: k, 0) == []


@forking
def test_clear_matches_in_two_halves_are_those_found_in_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Anchors of a real document judged in halves (the child's candidate lists coming back) are
    the ones judged here, and the parent knows every sentence's candidates afterwards."""
    from harness.align import order
    from harness.align.segment import split_sentences
    from harness.align.tracked import track

    case = corpus.cases(docs=["faq-support"], paths=["web"])[0]
    src = [s.text for p in Path(case.src).read_text(encoding="utf-8").split("\n\n") for s in split_sentences(track(p), "de") if s.text.strip()]
    tgt = [s.text for p in Path(case.tgt).read_text(encoding="utf-8").split("\n\n") for s in split_sentences(track(p), "en") if s.text.strip()]
    dictionary = find_dictionary("de", "en")
    scorer = LexicalScorer("de", "en", dictionary)
    monkeypatch.setattr(two_sides, "SPLIT_MIN", 10)
    ps = scorer.fit(src, tgt)
    halved = order.clear_matches(ps, len(src), len(tgt), lambda _i, _j: True)
    assert all(ps.known_candidates(i, 3 * order.CANDIDATES) is not None for i in range(len(src)))
    monkeypatch.setattr(two_sides, "can_fork", lambda: False)
    whole = order.clear_matches(scorer.fit(src, tgt), len(src), len(tgt), lambda _i, _j: True)
    assert len(src) > 50 and len(whole) > 30
    assert list(halved.items()) == list(whole.items())
