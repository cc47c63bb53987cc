"""Mistakes and faults that used to end in a traceback are one ``error:`` line naming what is wrong."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir

from harness import atomic
from harness.errors import HarnessError, user_errors
from harness.paths import CONF_DIR
from harness.references import read_segments
from systems.command import Command


@pytest.mark.parametrize(("override", "line"), [
    ("report.alpha=abc", "error: report.alpha must be a number, got 'abc'"),
    ("report.resamples=abc", "error: report.resamples must be a whole number (or null), got 'abc'"),
    ("metrics=[]", "error: no metrics selected; choose some, e.g. metrics=[bleu,chrf]"),
])
def test_bad_values_are_one_line_and_exit_2(harness, override: str, line: str) -> None:
    out = harness("system=identity", override)
    assert out.returncode == 2 and out.stderr.splitlines() == [line], out.stderr


def test_braces_of_the_command_itself_are_left_alone(harness, results: Path) -> None:
    assert Command("awk '{print}'").translate(["a b", "c"], "de", "en") == ["a b", "c"]
    assert Command("awk '{print $1}' | sed 's/^/{tgt_lang}:/'").translate(["a b"], "de", "en") == ["en:a"]
    out = harness("system=command", "system.command='awk \\'{print}\\''", "metrics=[bleu]")
    assert out.returncode == 0, out.stderr
    hyps = (results / "sample_deen" / "command" / "hypotheses.en").read_text(encoding="utf-8")
    assert hyps == (Path(__file__).parents[2] / "references/sample_deen/aligned.de").read_text(encoding="utf-8")


def test_a_read_error_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "aligned.en"
    path.write_text("a\n", encoding="utf-8")

    def failing(self):
        raise OSError(errno.EIO, os.strerror(errno.EIO))  # as a failing disk does: no file name

    monkeypatch.setattr(Path, "read_bytes", failing)
    with pytest.raises(HarnessError, match=rf"cannot read reference file {path}: Input/output error"):
        read_segments(path, what="reference file")


def test_a_full_disk_names_the_file_and_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    target = tmp_path / "scores.json"
    with pytest.raises(SystemExit) as exit_info, user_errors():
        atomic.write_text(target, "{}")
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == f"error: No space left on device: {target}\n"
    assert list(tmp_path.iterdir()) == []


def test_an_os_error_without_a_file_name_is_still_one_line(capsys) -> None:
    with pytest.raises(SystemExit), user_errors():
        raise OSError(errno.EIO, os.strerror(errno.EIO))
    assert capsys.readouterr().err == "error: Input/output error (errno 5)\n"


def test_system_cache_false_is_accepted_by_every_system() -> None:
    names = sorted(p.stem for p in (CONF_DIR / "system").glob("*.yaml"))
    with initialize_config_dir(str(CONF_DIR), version_base="1.3"):
        for name in names:
            cfg = compose("config", overrides=[f"system={name}", "system.cache=false"])
            assert cfg.system.cache is False, name
