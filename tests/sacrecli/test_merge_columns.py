"""Issue 14 point 1 (metrics merge into the stored run, option-named columns) together with points 10-14:
BLEU's tokenizer picked by the target language is no variant, and several references merge like one."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from harness.records import read_stats

from .conftest import run, sacrebleu_cli, write
from .test_language_whitespace import CJK, REF_ZH, HYP_ZH, _files
from .test_multiple_references import HYPS, SAMPLE


def _run(tmp_path: Path, *overrides: str, name: str = "t") -> dict:
    results = tmp_path / "results"
    run("harness", f"results_dir={results}", f"reference.name={name}", *overrides)
    return json.loads((results / name / "file-hyp.txt" / "scores.json").read_text(encoding="utf-8"))


def test_chinese_target_bleu_is_the_plain_column_unless_another_tokenizer_is_set(tmp_path: Path) -> None:
    files = _files(tmp_path, REF_ZH, HYP_ZH, "zh")
    first = _run(tmp_path, *files, "metrics=[bleu,chrf]")["metrics"]
    assert list(first) == ["bleu", "chrf"] and first["bleu"]["name"] == "BLEU"
    assert "tok:zh" in first["bleu"]["signature"]
    # Another tokenizer named by the user: a column of its own; the stored zh BLEU and chrF are kept.
    second = _run(tmp_path, *files, "metrics=[bleu]", "metrics.bleu.tokenize=13a")["metrics"]
    assert list(second) == ["bleu", "chrf", "bleu[tokenize=13a]"]
    assert second["bleu[tokenize=13a]"]["name"] == "BLEU (tokenize=13a)"
    assert "tok:13a" in second["bleu[tokenize=13a]"]["signature"]
    assert second["bleu"] == first["bleu"]
    # tokenize=zh named on a zh set is what the language picks anyway: the same column, no third one.
    third = _run(tmp_path, *files, "metrics=[bleu]", "metrics.bleu.tokenize=zh")["metrics"]
    assert list(third) == ["bleu", "chrf", "bleu[tokenize=13a]"]
    assert third["bleu"]["signature"] == first["bleu"]["signature"] and third["bleu"]["name"] == "BLEU"
    assert third["bleu"]["score"] == first["bleu"]["score"]
    cli = sacrebleu_cli([tmp_path / "ref.zh"], tmp_path / "hyp.txt", "-m", "bleu", "-tok", "13a")["BLEU"]
    assert f"{third['bleu[tokenize=13a]']['score']:.12f}" == f"{float(cli['score']):.12f}"
    board = (tmp_path / "results" / "t" / "leaderboard.md").read_text(encoding="utf-8")
    assert " BLEU ↑ |" in board and "BLEU (tokenize=13a) ↑" in board and "tokenize=zh" not in board


def test_japanese_target_bleu_is_the_plain_column(tmp_path: Path) -> None:
    ref, hyp = CJK["ja"]
    metrics = _run(tmp_path, *_files(tmp_path, ref, hyp, "ja"), "metrics=[bleu]")["metrics"]
    assert list(metrics) == ["bleu"] and metrics["bleu"]["name"] == "BLEU"
    assert "tok:ja-mecab" in metrics["bleu"]["signature"]


def test_two_reference_run_merges_with_its_stored_metrics(tmp_path: Path) -> None:
    hyp = write(tmp_path / "hyp.txt", HYPS)
    common = ["reference=sample_deen_2refs", "system=file", f"system.path={hyp}"]
    _run(tmp_path, *common, "metrics=[bleu,chrf,ter]", name="sample_deen_2refs")
    scores = _run(tmp_path, *common, "metrics=[chrf]", "+metrics.chrf.whitespace=true", name="sample_deen_2refs")
    metrics = scores["metrics"]
    assert list(metrics) == ["bleu", "chrf", "ter", "chrf[whitespace=true]"]
    refs = [SAMPLE / "aligned.en", SAMPLE / "aligned.en.2"]
    cli = sacrebleu_cli(refs, hyp, "-m", "bleu", "chrf", "ter")
    cli_ws = sacrebleu_cli(refs, hyp, "-m", "chrf", "--chrf-whitespace")["chrF2"]
    for key, entry in [("bleu", cli["BLEU"]), ("chrf", cli["chrF2"]), ("ter", cli["TER"]),
                       ("chrf[whitespace=true]", cli_ws)]:
        assert metrics[key]["signature"] == entry["signature"] and "nrefs:2" in entry["signature"], key
        assert f"{metrics[key]['score']:.12f}" == f"{float(entry['score']):.12f}", key
    arrays = read_stats(tmp_path / "results" / "sample_deen_2refs" / "file-hyp.txt")
    assert arrays["ter.stats"].shape == (12, 2) and np.isfinite(arrays["bleu.segments"]).all()
    board = (tmp_path / "results" / "sample_deen_2refs" / "leaderboard.md").read_text(encoding="utf-8")
    assert "n/a" not in board and "chrF (whitespace=true) ↑" in board
