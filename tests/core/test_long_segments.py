"""A segment so long that TER's cost explodes (one 1 MB line was killed at 24 GB) is refused, naming the
segment, before any time is spent on it; the other metrics are unaffected."""

from __future__ import annotations

import json
import time
from pathlib import Path

from harness.metrics.limits import first_too_long
from harness.metrics.sacrebleu import TER

LONG = " ".join(f"wort{i % 97}" for i in range(300_000))  # ~2.5 MB, 300,000 words


def _files(tmp_path: Path, long_ref: bool) -> tuple[Path, Path]:
    src, ref = tmp_path / "t.de", tmp_path / "t.en"
    src.write_text("Guten Morgen.\nWie geht es?\n", encoding="utf-8")
    ref.write_text("Good morning.\n" + (LONG if long_ref else "How are you?") + "\n", encoding="utf-8")
    return src, ref


def test_first_too_long() -> None:
    assert first_too_long(["a b", "a b c d", "a b c d e"], 3) == (1, 4)
    assert first_too_long(["a b", "a  b   c"], 3) is None
    assert first_too_long([LONG], None) is None
    assert TER(max_segment_words=None).max_segment_words is None and TER().max_segment_words == 2000


def test_a_too_long_reference_segment_stops_the_run_before_translating(harness, tmp_path: Path) -> None:
    src, ref = _files(tmp_path, long_ref=True)
    marker = tmp_path / "translated"
    start = time.perf_counter()
    out = harness("reference=files", f"reference.src={src}", f"reference.ref={ref}", "reference.src_lang=de",
                  "reference.tgt_lang=en", "reference.name=t", "system=command",
                  f"system.command='touch {marker}; cat'", "metrics=[bleu,ter]")
    assert out.returncode == 2, out.stderr
    assert out.stderr.startswith(f"error: {ref}:2: reference segment has 300,000 words, more than TER's limit "
                                 f"of 2,000"), out.stderr
    assert "metrics.ter.max_segment_words" in out.stderr and len(out.stderr.splitlines()) == 1
    assert not marker.exists() and time.perf_counter() - start < 60


def test_a_too_long_hypothesis_makes_only_ter_unavailable(harness, results: Path, tmp_path: Path) -> None:
    src, ref = _files(tmp_path, long_ref=False)
    hyps = tmp_path / "sys.en"
    hyps.write_text("Good morning.\n" + LONG + "\n", encoding="utf-8")
    out = harness("reference=files", f"reference.src={src}", f"reference.ref={ref}", "reference.src_lang=de",
                  "reference.tgt_lang=en", "reference.name=t", "system=file", f"system.path={hyps}",
                  "metrics=[bleu,chrf,ter]")
    assert out.returncode == 0, out.stderr
    scores = json.loads((results / "t" / "file-sys.en" / "scores.json").read_text(encoding="utf-8"))
    ter = scores["metrics"]["ter"]
    assert not ter["available"] and "hypothesis of segment 2" in ter["reason"] and "300,000 words" in ter["reason"]
    assert scores["metrics"]["bleu"]["available"] and scores["metrics"]["chrf"]["available"]
    assert out.stderr.count("warning: TER unavailable") == 1
