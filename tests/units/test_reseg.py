"""Re-segmentation onto reference sentences: hand-worked cases with one optimal cut each.

References (alignment tokens: lower-cased words without glued punctuation):
  1 the cat sat on the mat      2 it was very happy      3 then it left the house
Each case runs twice: one mweralign search over the whole unit, and split at anchors first
(harness.reseg_anchors, normally only for units above ANCHOR_ABOVE words); the cuts must be the same.
"""

from __future__ import annotations

import pytest

import harness.reseg
from harness.errors import HarnessError
from harness.reseg import resegment, resegment_units

REFS = ["The cat sat on the mat.", "It was very happy.", "Then it left the house."]


@pytest.fixture(autouse=True, params=["whole unit", "anchored"])
def search(request, monkeypatch):
    monkeypatch.setattr(harness.reseg, "ANCHOR_ABOVE", 10**9 if request.param == "whole unit" else 0)


def test_exact_paragraph_is_cut_back_into_the_reference_sentences():
    assert resegment(" ".join(REFS), REFS) == REFS


def test_two_merged_sentences_are_cut_where_the_words_match():
    # 'mat, it': the comma glued to 'mat' is no token; cost 0 only with the cut before 'it'
    assert resegment("The cat sat on the mat, it was very happy. Then it left the house.", REFS) == [
        "The cat sat on the mat,", "it was very happy.", "Then it left the house."]


def test_a_split_sentence_is_joined_again():
    assert resegment("The cat sat. On the mat. It was very happy. Then it left the house.", REFS) == [
        "The cat sat. On the mat.", "It was very happy.", "Then it left the house."]


def test_a_dropped_sentence_gets_an_empty_piece():
    # cost 4 (the four words of sentence 2 deleted); giving 'Then' to sentence 2 would cost 4 + 1
    assert resegment("The cat sat on the mat. Then it left the house.", REFS) == [
        "The cat sat on the mat.", "", "Then it left the house."]


def test_a_dropped_first_sentence_gets_an_empty_piece():
    # cost 6 (the six words of sentence 1 deleted); mweralign alone never leaves its first piece empty
    # and would cut 'It | was very happy.' (cost 6 + 1)
    assert resegment("It was very happy. Then it left the house.", REFS) == [
        "", "It was very happy.", "Then it left the house."]
    assert resegment("Then it left the house.", REFS) == ["", "", "Then it left the house."]


def test_empty_reference_sentences_get_empty_pieces():
    # mweralign skips empty reference lines; they are left out of its search and given nothing
    assert resegment("a b c d", ["A", "", "c d"]) == ["a b", "", "c d"]
    assert resegment("b", ["", "", "b"]) == ["", "", "b"]
    assert resegment("c a b x", ["c a b", ""]) == ["c a b x", ""]
    assert resegment("x y", ["", ""]) == ["x y", ""]


def test_an_empty_unit_gives_empty_pieces():
    assert resegment("", REFS) == ["", "", ""]
    assert resegment("   ", REFS) == ["", "", ""]


def test_reworded_sentences_cut_at_the_cheapest_boundaries():
    # costs 2 + 1 + 3 = 6 with these cuts; moving 'It' into sentence 1 costs 3 + 2 + 3
    hyp = "The cat was sitting on the mat. It was happy. Then it went out of the house."
    assert resegment(hyp, REFS) == ["The cat was sitting on the mat.", "It was happy.", "Then it went out of the house."]


def test_case_and_punctuation_do_not_move_cuts_and_words_are_kept_as_written():
    hyp = "THE CAT SAT ON THE MAT!!! it was VERY happy ... then it left the house"
    assert resegment(hyp, REFS) == ["THE CAT SAT ON THE MAT!!!", "it was VERY happy ...", "then it left the house"]


def test_one_reference_sentence_takes_everything_and_units_are_cut_separately():
    assert resegment("a  b c", ["x"]) == ["a b c"]
    refs = ["One two.", "Three four.", "Five six."]
    assert resegment_units(["One two. Three four.", "Five six."], [(0, 2), (2, 3)], refs) == refs
    with pytest.raises(HarnessError, match="2 unit hypotheses for 1 units"):
        resegment_units(["a", "b"], [(0, 3)], refs)


def test_separator_like_text_in_a_hypothesis_is_just_text():
    assert resegment("The cat ### sat on the mat. It was very happy. Then it left the house.", REFS) == [
        "The cat ### sat on the mat.", "It was very happy.", "Then it left the house."]
