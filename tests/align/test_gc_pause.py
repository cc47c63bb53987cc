"""The build runs with the cyclic garbage collector paused (harness.align.gc_pause) and gives the
caller's setting back, also when it fails."""

from __future__ import annotations

import gc

import pytest

from harness.align import pipeline
from harness.align.similarity import LexicalScorer

SRC, TGT = "Debian ist ein freies Betriebssystem.\n", "Debian is a free operating system.\n"


def _build() -> None:
    pipeline.build(SRC, TGT, "de", "en", LexicalScorer("de", "en"))


def test_the_collector_is_off_during_a_build_and_back_on_after_it(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    inner = pipeline._build

    def watched(*args: object) -> object:
        seen.append(gc.isenabled())
        return inner(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_build", watched)
    assert gc.isenabled()
    _build()
    assert seen == [False] and gc.isenabled()


def test_a_failing_build_gives_the_collector_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(*_args: object) -> None:
        raise RuntimeError("the build broke")

    monkeypatch.setattr(pipeline, "_build", fails)
    with pytest.raises(RuntimeError, match="the build broke"):
        _build()
    assert gc.isenabled()


def test_a_caller_that_turned_the_collector_off_keeps_it_off() -> None:
    gc.disable()
    try:
        _build()
        after = gc.isenabled()
    finally:
        gc.enable()
    assert not after
