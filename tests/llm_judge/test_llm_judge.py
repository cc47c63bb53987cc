"""LLM-as-judge against a local OpenAI-compatible server: well-formed, malformed and refusing answers."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from harness.metrics.base import MetricUnavailable
from harness.metrics.llm_judge import LLMJudge
from harness.metrics.llm_judge_prompts import parse_da, parse_mqm

SRC = ["Guten Morgen.", "Das Haus ist rot.", "Ich habe Hunger.", "Wo ist der Bahnhof?"]
REF = ["Good morning.", "The house is red.", "I am hungry.", "Where is the station?"]
HYP = ["Good morning.", "The house is read.", "I hunger.", "Where station?"]
DA = {"Good morning.": "Score: 95", "The house is read.": "70", "I hunger.": "I would give it 40/100.",
      "Where station?": "Score: 12.5"}


def judge(url: str, **kwargs) -> LLMJudge:
    kwargs.setdefault("api_key_env", None)
    return LLMJudge(model="judge-1", base_url=f"{url}/v1", src_lang="de", tgt_lang="en", max_retries=0, **kwargs)


def test_direct_assessment_scores_and_prompt(judge_api) -> None:
    judge_api.by_translation = DA
    result = judge(judge_api.url).score(HYP, REF, SRC)
    assert result.segment_scores == [95.0, 70.0, 40.0, 12.5]
    assert result.score == pytest.approx(54.375)
    assert result.details["unparseable"] == 0 and result.details["inputs"] == ["src", "mt", "ref"]
    body = judge_api.requests[0]["body"]
    assert body["model"] == "judge-1" and body["temperature"] == 0.0
    prompt = body["messages"][-1]["content"]
    assert prompt.startswith("Score the following translation from German to English with respect to the human "
                             "reference on a continuous scale from 0 to 100")
    assert 'English human reference: "' in prompt
    signature = result.signature
    assert "judge:judge-1" in signature and "style:gemba-da" in signature and "temp:0" in signature
    assert "prompt:v1-" in signature


def test_unparseable_and_refused_answers_are_counted_never_scored_zero(judge_api, capsys) -> None:
    answers = {"Good morning.": "Score: 80", "The house is read.": "I'm sorry, I can't help with that.",
               "I hunger.": "A fine translation, between 60 and 70.", "Where station?": {"refusal": "No."}}
    judge_api.by_translation = answers
    result = judge(judge_api.url).score(HYP, REF, SRC)
    assert result.segment_scores[0] == 80.0 and all(math.isnan(s) for s in result.segment_scores[1:])
    assert result.score == 80.0  # the mean of what could be read, not (80 + 0 + 0 + 0) / 4
    assert (result.details["unparseable"], result.details["refused"]) == (3, 2)
    assert result.details["unparseable_segments"] == [1, 2, 3]
    assert result.stats.tolist() == [[80.0, 1.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]]
    assert "3 of 4 answers unparseable (2 refusals)" in capsys.readouterr().err


def test_nothing_readable_is_unavailable_not_zero(judge_api) -> None:
    judge_api.judge = lambda prompt: "As an AI, I cannot judge translations."
    with pytest.raises(MetricUnavailable, match="none of the judge's 4 answers could be read as a score"):
        judge(judge_api.url).score(HYP, REF, SRC)


MQM_ANSWER = ('Critical:\nno-error\nMajor:\naccuracy/mistranslation - "read"\nMinor:\n'
              'fluency/grammar - "house"\nstyle/awkward - "The"\n')


def test_mqm_spans_become_gemba_scores(judge_api) -> None:
    answers = {"Good morning.": "Critical:\nno-error\nMajor:\nno-error\nMinor:\nno-error",
               "The house is read.": MQM_ANSWER,
               "I hunger.": "Critical:\nnon-translation - \"I hunger.\"\nMajor:\nno-error\nMinor:\nno-error",
               "Where station?": "Major:\n" + "\n".join(f'accuracy/omission - "w{k}"' for k in range(7))}
    judge_api.by_translation = answers
    result = judge(judge_api.url, style="gemba-mqm").score(HYP, REF, SRC)
    assert result.name == "GEMBA-MQM" and result.details["inputs"] == ["src", "mt"]
    assert result.segment_scores == [0.0, -7.0, -25.0, -25.0]  # 5+1+1; critical 25; five majors count, capped
    assert result.details["mqm_errors"][1] == {"major": ['accuracy/mistranslation - "read"'],
                                               "minor": ['fluency/grammar - "house"', 'style/awkward - "The"']}
    body = judge_api.requests[0]["body"]
    assert body["messages"][0]["content"].startswith("You are an annotator for the quality of machine translation")
    assert "human reference" not in body["messages"][-1]["content"]


@pytest.mark.parametrize("answer, score", [("Score: 85", 85.0), ("85", 85.0), ("It deserves 85 out of 100.", 85.0),
                                           ("Score: 101", None), ("between 60 and 70", None), ("", None)])
def test_da_parsing(answer: str, score: float | None) -> None:
    assert parse_da(answer).score == score


def test_mqm_parsing_needs_a_severity_heading() -> None:
    assert parse_mqm("The translation is fine.").problem == "unparseable"
    assert parse_mqm("Minor: fluency/punctuation - \".\"").score == -1.0  # heading and error on one line


def test_answers_are_cached_with_the_translations(judge_api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUDGE_TEST_KEY", "k")
    first = judge(judge_api.url, api_key_env="JUDGE_TEST_KEY").score(HYP, REF, SRC)
    assert judge_api.requests[0]["headers"]["Authorization"] == "Bearer k"
    asked = len(judge_api.requests)
    monkeypatch.delenv("JUDGE_TEST_KEY")  # a fully cached run needs no key (and no server)
    again = judge(judge_api.url, api_key_env="JUDGE_TEST_KEY").score(HYP, REF, SRC)
    assert len(judge_api.requests) == asked == 4 and again.segment_scores == first.segment_scores
    assert (Path(os.environ["MT_HARNESS_CACHE"]) / "translations.sqlite").is_file()
    judge(judge_api.url, temperature=0.5).score(HYP, REF, SRC)  # another judge configuration asks again
    assert len(judge_api.requests) == 8


def test_a_server_that_fails_makes_the_metric_unavailable_in_one_line(judge_api) -> None:
    judge_api.fail_texts = {p: 500 for p in judge(judge_api.url).prompts(HYP, REF, SRC)}
    with pytest.raises(MetricUnavailable) as info:
        judge(judge_api.url).score(HYP, REF, SRC)
    message = str(info.value)
    assert "\n" not in message and message.startswith("GEMBA-DA judge failed: system 'llm-judge': segment ")
    assert "500" in message, message


def test_judge_in_the_leaderboard_with_significance(judge_api, tmp_path: Path) -> None:
    """Two systems through the CLI: the judge's column, its interval and p-value, in tables and report."""
    def answer(prompt: str) -> str:  # the train sentence gets an answer without a score
        return "Hard to say." if "Zug nach Berlin" in prompt or "train to Berlin" in prompt else \
            "Score: 10" if 'translation: "Die Regierung' in prompt else "Score: 100"

    judge_api.judge = answer
    results = tmp_path / "results"
    root = Path(__file__).resolve().parents[2]
    for system in ("identity", "reference"):
        out = subprocess.run([sys.executable, "-m", "harness", "reference=sample_deen", f"system={system}",
                              f"results_dir={results}", "metrics=[bleu,llm_judge]", "metrics.llm_judge.model=judge-1",
                              f"metrics.llm_judge.base_url={judge_api.url}/v1", "metrics.llm_judge.api_key_env=null"],
                             cwd=root, capture_output=True, text=True, timeout=300,
                             env={**os.environ, "PYTHONUNBUFFERED": "1"})
        assert out.returncode == 0, out.stderr[-2000:]
    metrics = json.loads((results / "sample_deen" / "identity" / "scores.json").read_text())["metrics"]
    stored = metrics["llm_judge[model=judge-1]"]
    assert stored["signature"].startswith("judge:judge-1|style:gemba-da|prompt:v1-")
    assert (stored["unparseable"], stored["unparseable_segments"]) == (1, [1])
    assert stored["score"] == pytest.approx((10 + 100 * 10) / 11)  # the mean of the 11 readable answers
    assert "warning: GEMBA-DA (model=judge-1): 1 of 12 answers unparseable (0 refusals)" in out.stderr
    segments = (results / "sample_deen" / "reference" / "segments.tsv").read_text().splitlines()
    assert "nan" in segments[2].lower(), segments[:3]
    board = (results / "sample_deen" / "leaderboard.md").read_text()
    assert "GEMBA-DA (model=judge-1) ↑" in board  # the judge is always named: two judges, two columns
    reference_row = next(line for line in board.splitlines() if line.startswith("| reference"))
    assert "**100.00**" in reference_row and reference_row.count("(p=") == 2, board
    assert "GEMBA-DA" in (results / "sample_deen" / "report.html").read_text()
    stats = np.load(results / "sample_deen" / "reference" / "stats.npz")
    assert any(stats[k].shape == (12, 2) for k in stats.files)
