"""A line break inside a system's output cannot be stored in a one-per-line file: it becomes a space,
and the run says so instead of changing it silently; a tab stays, as sacrebleu -i keeps it."""

from __future__ import annotations

import pytest

from harness.translate import cleaned


def test_line_breaks_become_spaces_and_are_counted_tabs_stay(capsys: pytest.CaptureFixture[str]) -> None:
    out = cleaned(["a\tb", "line one\r\nline two  ", "plain", " lead\u2028kept "], "demo")
    assert out == ["a\tb", "line one  line two", "plain", " lead\u2028kept"]
    assert capsys.readouterr().err.strip() == (
        "note: 1 of 4 hypotheses of 'demo' held line breaks; each is stored as one space "
        "(hypotheses are stored one per line, as sacrebleu -i reads them)"
    )


def test_nothing_said_when_nothing_changed(capsys: pytest.CaptureFixture[str]) -> None:
    assert cleaned(["a b", "c  "], "demo") == ["a b", "c"]
    assert capsys.readouterr().err == ""
