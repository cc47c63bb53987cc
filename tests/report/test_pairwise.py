"""Issue 14, point 9: a comet-compare-style pairwise summary (pairwise.md): segment wins/ties/losses per
pair and metric, from the stored sentence scores, and "A is better than B" sentences from the paired test."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import sacrebleu

from harness import leaderboard, pairwise
from harness.metrics.sacrebleu import ChrF, TER
from tests.toy_runs import REF, SRC, sample_reference, write_toy_runs

SYSTEMS = {"strong": REF[:10] + SRC[10:], "copy": REF[:10] + SRC[10:], "weak": SRC[:6] + REF[6:]}


def test_wins_ties_losses_and_sentences(tmp_path: Path) -> None:
    reference = sample_reference(tmp_path)
    write_toy_runs(tmp_path / "toy", reference, SYSTEMS, {"chrf": ChrF, "ter": TER})
    board = leaderboard.write(tmp_path / "toy", reference.content_hash, {"pairs": "all", "resamples": 300, "seed": 1})

    found = {(p.metric, p.a, p.b): p for p in pairwise.pairs(board)}
    assert set(found) == {(m, a, b) for m in ("chrF", "TER") for a, b in
                          (("copy", "strong"), ("copy", "weak"), ("strong", "weak"))}
    chrf = {n: np.array([sacrebleu.sentence_chrf(h, [r]).score for h, r in zip(hyps, REF)]) for n, hyps in SYSTEMS.items()}
    pair = found[("chrF", "strong", "weak")]
    assert (pair.wins, pair.ties, pair.losses) == (int(np.sum(chrf["strong"] > chrf["weak"])),
                                                   int(np.sum(chrf["strong"] == chrf["weak"])),
                                                   int(np.sum(chrf["strong"] < chrf["weak"])))
    assert (pair.wins, pair.ties, pair.losses) == (6, 4, 2)  # strong: the reference on 1-10, weak on 7-12
    same = found[("TER", "copy", "strong")]
    assert (same.wins, same.ties, same.losses) == (0, 12, 0) and same.p == 1.0 and not same.significant
    assert same.sentence() == "copy and strong do not differ significantly on TER (p = 1.0000)."

    ter = {n: np.array([sacrebleu.sentence_ter(h, [r]).score for h, r in zip(hyps, REF)]) for n, hyps in SYSTEMS.items()}
    lower = found[("TER", "strong", "weak")]  # TER: lower is better, so a win is a lower sentence TER
    assert lower.wins == int(np.sum(ter["strong"] < ter["weak"])) and lower.losses == int(np.sum(ter["strong"] > ter["weak"]))
    p = leaderboard.pvalue(board, "strong", "weak", "TER")
    expected = (f"strong is better than weak on TER (p = {p:.4f})." if p < 0.05
                else f"strong and weak do not differ significantly on TER (p = {p:.4f}).")
    assert lower.sentence() == expected

    text = (tmp_path / "toy" / "pairwise.md").read_text(encoding="utf-8")
    assert f"| strong | weak | {pair.wins} | {pair.ties} | {pair.losses} | {pair.p:.4f} |" in text
    assert f"- {expected}" in text


def test_pairs_not_tested_say_so(tmp_path: Path) -> None:
    reference = sample_reference(tmp_path)
    write_toy_runs(tmp_path / "toy", reference, SYSTEMS, {"chrf": ChrF})
    board = leaderboard.write(tmp_path / "toy", reference.content_hash, {"resamples": 100, "seed": 1})
    assert board.baseline == "strong"
    untested = [p for p in pairwise.pairs(board) if p.p is None]
    assert [(p.a, p.b) for p in untested] == [("copy", "weak")]  # neither is the baseline
    assert untested[0].sentence() == "copy vs weak: not tested (report.pairs=all tests every pair)."
