"""Hyphenated source compounds the dictionary does not know whole are keyed by their parts."""

from __future__ import annotations

import pytest

from harness.align.dictionary import Dictionary
from harness.align.hyphen_compounds import parts
from harness.align.similarity import LexicalScorer


def test_an_unknown_hyphen_compound_splits_into_its_parts(ding: Dictionary) -> None:
    assert parts("X-Größe", ding, frozenset()) == ["X", "Größe"]
    assert parts("Sicherheits-FAQ", ding, frozenset()) == ["Sicherheits", "FAQ"]


def test_known_copied_or_plain_words_stay_whole(ding: Dictionary) -> None:
    assert parts("autotools-dev", ding, frozenset({"autotools-dev"})) == ["autotools-dev"]  # the translation copies it
    assert parts("Größe", ding, frozenset()) == ["Größe"]
    assert parts("Mittel-", ding, frozenset()) == ["Mittel-"]  # a suspended compound ('Mittel- und Osteuropas')
    assert parts("X-Größe", None, frozenset()) == ["X-Größe"]  # no dictionary: parts would look nothing up


def test_a_list_item_on_a_hyphen_compound_meets_its_translation(ding: Dictionary) -> None:
    """kicad-pl-editor: 'die maximale X-Größe' / 'the max size X' scored 0 (one key 'x-gro')."""
    scorer = LexicalScorer("de", "en", ding)
    ps = scorer.fit(["die maximale X-Größe", "Maximale X-Größe = 0,0, maximale Y-Größe = 0,0"], ["the max size X", "Max size X = 0,0 Max size Y = 0,0"])
    assert ps.sim(0, 1, 0, 1) == pytest.approx(2 * 2 / (3 + 3))  # X, Größe = size; not maximale/max
    assert ps.sim(1, 1, 1, 1) >= 0.7


def test_two_plain_words_stay_one_compound(ding: Dictionary) -> None:
    """apt_preferences(5): 'Ziel-Release' split let a cut sentence meet a wrong tail."""
    assert parts("Ziel-Release", ding, frozenset()) == ["Ziel-Release"]
    assert parts("Anleitungs-XML", ding, frozenset()) == ["Anleitungs", "XML"]
