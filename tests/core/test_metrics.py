"""Metric values: hand-computed BLEU, and exact parity with the sacrebleu command line."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from harness.metrics.sacrebleu import BLEU, TER, ChrF, ChrFpp

PROJECT_ROOT = Path(__file__).resolve().parents[2]

HYPS = [
    "The government presented a new budget on Tuesday.",
    "The train to Berlin was two hours late due to a storm.",
    "Many students look in vain for affordable apartments in big cities.",
    "Children under six ride for free.",
    "",
]
REFS = [
    "The government presented a new budget plan on Tuesday.",
    "The train to Berlin was two hours late because of a storm.",
    "Many students in the big cities search in vain for affordable flats.",
    "Children under six travel free of charge.",
    "Please switch off your mobile phone.",
]


def test_bleu_matches_hand_computation() -> None:
    # 1-4-gram precisions 5/6, 3/5, 2/4, 1/3; equal lengths, so no brevity penalty.
    result = BLEU().score(["the cat sat on the mat"], ["the cat sat on a mat"], ["x"])
    expected = 100 * (5 / 6 * 3 / 5 * 2 / 4 * 1 / 3) ** 0.25
    assert result.score == pytest.approx(expected, abs=1e-9)
    assert result.stats.tolist() == [[6, 6, 5, 3, 2, 1, 6, 5, 4, 3]]


def test_identical_output_scores_perfectly() -> None:
    for metric, perfect in ((BLEU(), 100.0), (ChrF(), 100.0), (ChrFpp(), 100.0), (TER(), 0.0)):
        result = metric.score(REFS[:4], REFS[:4], REFS[:4])
        assert result.score == pytest.approx(perfect)
        assert result.segment_scores == pytest.approx([perfect] * 4)


def test_corpus_score_is_aggregate_of_summed_statistics() -> None:
    for metric in (BLEU(), ChrF(), ChrFpp(), TER()):
        result = metric.score(HYPS, REFS, REFS)
        assert metric.aggregate(result.stats.sum(axis=0)) == result.score


def _cli_scores(tmp_path: Path, metrics: list[str], extra: list[str]) -> dict[str, str]:
    ref, hyp = tmp_path / "ref.en", tmp_path / "hyp.en"
    ref.write_text("\n".join(REFS) + "\n", encoding="utf-8")
    hyp.write_text("\n".join(HYPS) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "sacrebleu", str(ref), "-i", str(hyp), "-m", *metrics, "-w", "14", *extra],
        capture_output=True, text=True, check=True,
    ).stdout
    parsed = json.loads(out)
    return {entry["name"]: entry for entry in (parsed if isinstance(parsed, list) else [parsed])}


def test_corpus_scores_equal_sacrebleu_cli(tmp_path: Path) -> None:
    cli = _cli_scores(tmp_path, ["bleu", "chrf", "ter"], [])
    ours = {"BLEU": BLEU(), "chrF2": ChrF(), "TER": TER()}
    for name, metric in ours.items():
        result = metric.score(HYPS, REFS, REFS)
        assert f"{result.score:.14f}" == f"{float(cli[name]['score']):.14f}", name
        assert result.signature == cli[name]["signature"]


def test_chrfpp_equals_sacrebleu_cli(tmp_path: Path) -> None:
    cli = _cli_scores(tmp_path, ["chrf"], ["--chrf-word-order", "2"])
    result = ChrFpp().score(HYPS, REFS, REFS)
    assert f"{result.score:.14f}" == f"{float(cli['chrF2++']['score']):.14f}"


def test_sentence_scores_equal_sacrebleu_sentence_api() -> None:
    import sacrebleu

    result = BLEU().score(HYPS, REFS, REFS)
    expected = [sacrebleu.sentence_bleu(h, [r]).score for h, r in zip(HYPS, REFS)]
    assert result.segment_scores == pytest.approx(expected, abs=1e-12)
    assert not math.isnan(result.segment_scores[-1])


@pytest.mark.parametrize("cls", [BLEU, ChrF, ChrFpp, TER])
def test_statistics_in_blocks_equal_one_call(cls, monkeypatch) -> None:
    """Large sets are scored a block of segments at a time (bounded memory): the same rows and scores."""
    from harness.metrics import sacrebleu as module

    base = PROJECT_ROOT / "references" / "sample_deen"
    src, ref = (base / "aligned.de").read_text().splitlines(), (base / "aligned.en").read_text().splitlines()
    hyps = [s if i % 3 else r for i, (s, r) in enumerate(zip(src, ref))]
    whole = cls().score(hyps, ref, src)
    monkeypatch.setattr(module, "STATISTICS_BLOCK", 5)  # 12 segments: blocks of 5, 5 and 2
    blocks = cls().score(hyps, ref, src)
    np.testing.assert_array_equal(blocks.stats, whole.stats)
    assert blocks.score == whole.score and blocks.segment_scores == whole.segment_scores
