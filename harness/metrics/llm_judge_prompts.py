"""The published GEMBA prompts (Kocmi & Federmann 2023) and how their answers become scores.

- ``gemba-da``: a 0-100 direct assessment ("GEMBA-DA"); with a reference when the set has one
  ("GEMBA-DA_ref"), without otherwise. The score is the number the judge gives.
- ``gemba-mqm``: MQM error spans by severity ("GEMBA-MQM", zero-shot: the paper's instructions and
  answer format without its three worked examples). GEMBA's scoring: at most five errors count,
  critical 25, major 5, minor 1 (a non-translation is critical), capped at 25, negated: 0 is
  perfect, -25 the worst.

An answer that says none of this is *unparseable* (a refusal is one kind); it is counted and
reported, never scored as 0.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

#: Bumped whenever a template or the parsing below changes: it is in the signature.
PROMPT_VERSION = "1"

DA_REF = (
    'Score the following translation from {src_name} to {tgt_name} with respect to the human reference on a '
    'continuous scale from 0 to 100, where score of zero means "no meaning preserved" and score of one hundred '
    'means "perfect meaning and grammar".\n\n'
    '{src_name} source: "{src}"\n{tgt_name} human reference: "{ref}"\n{tgt_name} translation: "{mt}"\nScore: '
)
DA_QE = (
    'Score the following translation from {src_name} to {tgt_name} on a continuous scale from 0 to 100, where '
    'score of zero means "no meaning preserved" and score of one hundred means "perfect meaning and grammar".\n\n'
    '{src_name} source: "{src}"\n{tgt_name} translation: "{mt}"\nScore: '
)
MQM_SYSTEM = ("You are an annotator for the quality of machine translation. Your task is to identify errors and "
              "assess the quality of the translation.")
MQM_USER = (
    "{src_name} source:\n```{src}```\n{tgt_name} translation:\n```{mt}```\n\n"
    "Based on the source segment and machine translation surrounded with triple backticks, identify error types "
    "in the translation and classify them. The categories of errors are: accuracy (addition, mistranslation, "
    "omission, untranslated text), fluency (character encoding, grammar, inconsistency, punctuation, register, "
    "spelling), style (awkward), terminology (inappropriate for context, inconsistent use), non-translation, "
    "other, or no-error.\nEach error is classified as one of three categories: critical, major, and minor. "
    "Critical errors inhibit comprehension of the text. Major errors disrupt the flow, but what the text is "
    "trying to say is still understandable. Minor errors are technically errors, but do not disrupt the flow or "
    "hinder comprehension.\n\nAnswer in this format, one error per line under its category, or no-error:\n"
    "Critical:\nno-error\nMajor:\naccuracy/mistranslation - \"the wrong words\"\nMinor:\nno-error"
)
MQM_WEIGHTS = {"critical": 25, "major": 5, "minor": 1}
MQM_MAX_ERRORS = 5
MQM_FLOOR = 25
STYLES = ("gemba-da", "gemba-mqm")

_REFUSAL = re.compile(r"^\s*(?:i['’]m sorry|sorry,|i (?:cannot|can['’]t|am unable|won['’]t)|as an ai\b)", re.I)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_OUT_OF_100 = re.compile(r"\s*(?:/|out of)\s*100\b", re.I)
_SCORE_AT = re.compile(r"score\s*[:=]?\s*(-?\d+(?:\.\d+)?)", re.I)
_SEVERITY = re.compile(r"^\W*(critical|major|minor)\s*:\s*(.*)$", re.I)
_NO_ERROR = re.compile(r"\bno[- ]errors?\b", re.I)
#: Marks a reply whose API message carried a refusal instead of content (see llm_judge.JudgeClient).
REFUSAL_MARK = "\x00refusal\x00"


@dataclass
class Verdict:
    """A parsed answer: the score, or None with the reason (``refused`` or ``unparseable``)."""

    score: float | None
    problem: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)


def prompt_hash(style: str) -> str:
    """Short content hash of the style's templates (in the signature with PROMPT_VERSION)."""
    texts = (DA_REF, DA_QE) if style == "gemba-da" else (MQM_SYSTEM, MQM_USER)
    return hashlib.sha256("\0".join(texts).encode()).hexdigest()[:8]


def messages(style: str, values: dict[str, str]) -> tuple[str, str]:
    """(system prompt, user prompt) for one segment; ``values`` has src, mt, ref (or not) and language names."""
    if style == "gemba-da":
        return "", (DA_REF if "ref" in values else DA_QE).format(**values)
    return MQM_SYSTEM, MQM_USER.format(**values)


def refused(answer: str) -> bool:
    return answer.startswith(REFUSAL_MARK) or bool(_REFUSAL.match(answer))


def parse_da(answer: str) -> Verdict:
    """The judge's 0-100 score: the number after "Score:", else the answer's only number."""
    if refused(answer):
        return Verdict(None, "refused")
    answer = _OUT_OF_100.sub("", answer)  # "85/100", "85 out of 100"
    at = _SCORE_AT.search(answer)
    numbers = [at.group(1)] if at else list(dict.fromkeys(_NUMBER.findall(answer)))
    if len(numbers) != 1:
        return Verdict(None, "unparseable")
    value = float(numbers[0])
    return Verdict(value) if 0.0 <= value <= 100.0 else Verdict(None, "unparseable")


def parse_mqm(answer: str) -> Verdict:
    """Errors under "Critical:", "Major:", "Minor:" headings (or on "severity: error" lines), scored as GEMBA-MQM."""
    if refused(answer):
        return Verdict(None, "refused")
    errors: dict[str, list[str]] = {level: [] for level in MQM_WEIGHTS}
    level: str | None = None
    seen_heading = False
    for raw in answer.splitlines():
        line = raw.strip().strip("*").strip()
        if not line:
            continue
        heading = _SEVERITY.match(line)
        if heading:
            level, seen_heading, line = heading.group(1).lower(), True, heading.group(2).strip()
            if not line:
                continue
        if _NO_ERROR.search(line) or level is None:
            continue
        errors["critical" if "non-translation" in line.lower() else level].append(line)
    if not seen_heading:
        return Verdict(None, "unparseable")
    penalty = 0
    counted = 0
    for severity in ("critical", "major", "minor"):
        for _ in errors[severity]:
            if counted < MQM_MAX_ERRORS:
                penalty += MQM_WEIGHTS[severity]
                counted += 1
    return Verdict(-float(min(penalty, MQM_FLOOR)), errors={k: v for k, v in errors.items() if v})


PARSERS = {"gemba-da": parse_da, "gemba-mqm": parse_mqm}
