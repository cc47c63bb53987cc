"""Crossed partners in shuffled text (harness.align.crossed). Lines and similarities are those of
the KiCad Pl_Editor manual on the scrambled path (similarities as the LexicalScorer with the
Ding dictionary gives them)."""

from __future__ import annotations

from collections.abc import Sequence

from harness.align.crossed import cross_partners
from harness.align.model import AlignedPair, Alignment, SetAside, Unit

LEAD_IN = Unit("Basiselemente für das Seitenlayout sind:", "404", "body")
USUALLY_DE = Unit("Üblicher Weise ist das Seitenlayout und dessen Elemente für alle Seiten gleich.", "283-284", "body")
BASIC = Unit("Basic page layout items are:", "14", "body")
USUALLY_EN = Unit("Usually page layout items are displayed on all pages.", "170", "body")
SIMS = {
    (LEAD_IN.text, BASIC.text): 0.67,
    (LEAD_IN.text, USUALLY_EN.text): 0.75,
    (USUALLY_DE.text, BASIC.text): 0.36,
    (USUALLY_DE.text, USUALLY_EN.text): 0.62,
}


class _Fixed:
    """A PairSim over given similarities of single units."""

    def __init__(self, src: Sequence[str], tgt: Sequence[str], sims: dict[tuple[str, str], float]) -> None:
        self.src, self.tgt, self.sims = src, tgt, sims

    def sim(self, i: int, di: int, j: int, dj: int) -> float:
        return self.sims.get((self.src[i], self.tgt[j]), 0.0)

    def candidates(self, i: int, k: int) -> list[int]:
        return sorted(range(len(self.tgt)), key=lambda j: -self.sim(i, 1, j, 1))[:k]


class _Scorer:
    def __init__(self, sims: dict[tuple[str, str], float]) -> None:
        self.sims = sims

    def fit(self, src: Sequence[str], tgt: Sequence[str]) -> _Fixed:
        return _Fixed(src, tgt, self.sims)


def _result() -> Alignment:
    return Alignment(
        [AlignedPair((LEAD_IN,), (USUALLY_EN,), "body", 0.75)],
        [SetAside("src", USUALLY_DE, "body: no counterpart in the translation"), SetAside("tgt", BASIC, "body: no counterpart in the source")],
    )


def test_a_lead_in_placed_beside_a_look_alike_takes_its_own_counterpart_and_frees_the_look_alikes() -> None:
    result = _result()
    assert cross_partners(result, _Scorer(SIMS), 0.75) == 1
    assert [(p.src, p.tgt) for p in result.pairs] == [((LEAD_IN,), (BASIC,)), ((USUALLY_DE,), (USUALLY_EN,))]
    assert result.unaligned == []


def test_no_crossing_without_a_clear_gain() -> None:
    # the crossed pairs sum to 1.27 against 0.75 + 0.45: short of the 0.15 margin
    result = _result()
    assert cross_partners(result, _Scorer({**SIMS, (USUALLY_DE.text, BASIC.text): 0.45, (USUALLY_DE.text, USUALLY_EN.text): 0.60}), 0.75) == 0
    assert result.pairs == _result().pairs


def test_no_crossing_below_recoverys_floor() -> None:
    result = _result()
    assert cross_partners(result, _Scorer({**SIMS, (USUALLY_DE.text, USUALLY_EN.text): 0.55}), 0.75) == 0
    assert result.unaligned == _result().unaligned
