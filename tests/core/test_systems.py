"""Built-in systems: file and command with good and bad input, and fingerprints."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from harness.errors import HarnessError
from harness.references import load_reference
from systems.command import Command
from systems.file import File
from systems.identity import Identity
from systems.reference import Reference

SAMPLE = {"name": "sample_deen", "src_lang": "de", "tgt_lang": "en",
          "src": "references/sample_deen/aligned.de", "ref": "references/sample_deen/aligned.en"}


@pytest.fixture
def reference():
    return load_reference(SAMPLE)


def test_identity_and_reference(reference) -> None:
    assert Identity().translate(reference.src[:2], "de", "en") == reference.src[:2]
    system = Reference()
    system.setup(reference)
    assert system.translate(reference.src[3:5], "de", "en") == reference.ref[3:5]


def test_file_system_reads_in_order_and_checks_length(tmp_path: Path, reference) -> None:
    hyp = tmp_path / "deepl export.en"
    hyp.write_text("".join(f"hyp {i}\n" for i in range(len(reference))), encoding="utf-8")
    system = File(path=str(hyp))
    assert system.name == "file-deepl_export.en"
    system.setup(reference)
    assert system.translate(reference.src[:5], "de", "en") == [f"hyp {i}" for i in range(5)]
    assert system.translate(reference.src[5:7], "de", "en") == ["hyp 5", "hyp 6"]

    short = tmp_path / "short.en"
    short.write_text("only one line\n", encoding="utf-8")
    with pytest.raises(HarnessError, match=r"short\.en has 1 lines but reference set 'sample_deen' has 12 segments"):
        File(path=str(short)).setup(reference)


def test_file_fingerprint_follows_content(tmp_path: Path) -> None:
    hyp = tmp_path / "h.en"
    hyp.write_text("a\nb\n", encoding="utf-8")
    before = File(path=str(hyp)).fingerprint
    assert File(path=str(hyp), name="other").fingerprint == before  # the name is not output-relevant
    hyp.write_text("a\nc\n", encoding="utf-8")
    assert File(path=str(hyp)).fingerprint != before


def test_command_pipes_segments_through(reference) -> None:
    system = Command(command="tr a-z A-Z")
    assert system.translate(["guten tag", "hallo welt"], "de", "en") == ["GUTEN TAG", "HALLO WELT"]
    lang = Command(command=["sed", "s/^/[{src_lang}>{tgt_lang}] /"])
    assert lang.translate(["x"], "de", "en") == ["[de>en] x"]


def test_command_failures_are_clear() -> None:
    with pytest.raises(HarnessError, match=r"command exited with 3: .*boom"):
        Command(command="echo boom >&2; exit 3", name="bad").translate(["a"], "de", "en")
    with pytest.raises(HarnessError, match="command returned 1 lines for 2 segments"):
        Command(command="head -n 1").translate(["a", "b"], "de", "en")
    with pytest.raises(HarnessError, match="cannot run"):
        Command(command=["/nonexistent/translator"]).translate(["a"], "de", "en")
    with pytest.raises(HarnessError, match="contains a line break"):
        Command(command="cat").translate(["a\nb"], "de", "en")


def test_command_timeout_kills_the_whole_pipeline() -> None:
    start = time.monotonic()
    with pytest.raises(HarnessError, match="timed out after 0.5s"):
        Command(command="cat | (sleep 30; cat)", timeout=0.5).translate(["a"], "de", "en")
    assert time.monotonic() - start < 5


def test_command_fingerprint_tracks_command_and_version() -> None:
    a = Command(command="tr a-z A-Z")
    assert a.fingerprint == Command(command="tr a-z A-Z", name="renamed").fingerprint
    assert a.fingerprint != Command(command="tr a-z A-Z", version="v2").fingerprint
    assert a.fingerprint != Command(command="cat").fingerprint
