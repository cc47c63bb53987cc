"""A tab or line break inside a system's output cannot be stored in a one-per-line file: it becomes a
space, as sacrebleu -i would read it, and the run says so instead of changing it silently."""

from __future__ import annotations

import pytest

from harness.translate import cleaned


def test_tabs_and_line_breaks_become_spaces_and_are_counted(capsys: pytest.CaptureFixture[str]) -> None:
    out = cleaned(["a\tb", "line one\r\nline two  ", "plain", " lead\u2028kept "], "demo")
    assert out == ["a b", "line one  line two", "plain", " lead\u2028kept"]
    assert capsys.readouterr().err.strip() == (
        "note: 2 of 4 hypotheses of 'demo' held tabs or line breaks; each is stored as one space "
        "(hypotheses are stored one per line, as sacrebleu -i reads them)"
    )


def test_nothing_said_when_nothing_changed(capsys: pytest.CaptureFixture[str]) -> None:
    assert cleaned(["a b", "c  "], "demo") == ["a b", "c"]
    assert capsys.readouterr().err == ""
