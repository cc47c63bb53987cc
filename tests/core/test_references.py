"""The reference loader refuses bad sets before anything runs, naming file and line."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from harness.errors import HarnessError
from harness.references import load_reference, read_segments


def make_set(tmp_path: Path, src: bytes, ref: bytes) -> dict:
    (tmp_path / "a.de").write_bytes(src)
    (tmp_path / "a.en").write_bytes(ref)
    return {"name": "t", "src_lang": "de", "tgt_lang": "en", "src": str(tmp_path / "a.de"), "ref": str(tmp_path / "a.en")}


def test_loads_aligned_set_and_hash_tracks_content(tmp_path: Path) -> None:
    cfg = make_set(tmp_path, "Hallo Welt.\nGuten Tag.\n".encode(), b"Hello world.\nGood day.\n")
    first = load_reference(cfg)
    assert first.src == ["Hallo Welt.", "Guten Tag."] and first.ref == ["Hello world.", "Good day."]
    (tmp_path / "a.en").write_bytes(b"Hello world.\nGood morning.\n")
    assert load_reference(cfg).content_hash != first.content_hash


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"one\n\nthree\n", ":2: empty segment"),
        (b"one\n   \n", ":2: empty segment"),
        (b"ok\nbad \xff byte\n", ":2: not valid UTF-8"),
        (unicodedata.normalize("NFD", "fine\nKäse\n").encode(), ":2: not Unicode NFC"),
        (b"one\r\ntwo\r\n", ":1: Windows line ending"),
        (b"\xef\xbb\xbfone\n", ":1: starts with a byte-order mark"),
        (b"", ": no segments"),
    ],
)
def test_bad_file_names_file_and_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.en"
    path.write_bytes(content)
    with pytest.raises(HarnessError) as err:
        read_segments(path)
    assert str(err.value) == f"{path}{message}" or str(err.value).startswith(f"{path}{message}")


def test_unequal_line_counts(tmp_path: Path) -> None:
    cfg = make_set(tmp_path, b"a\nb\nc\n", b"a\nb\n")
    with pytest.raises(HarnessError, match=r"a\.de has 3 lines but .*a\.en has 2"):
        load_reference(cfg)


def test_missing_file_and_missing_keys(tmp_path: Path) -> None:
    cfg = make_set(tmp_path, b"a\n", b"a\n")
    with pytest.raises(HarnessError, match="reference target file not found: .*nope.en"):
        load_reference({**cfg, "ref": str(tmp_path / "nope.en")})
    with pytest.raises(HarnessError, match="missing src_lang, ref; set reference.src_lang=... reference.ref=..."):
        load_reference({**cfg, "src_lang": "???", "ref": None})


def test_unusable_name_and_same_languages(tmp_path: Path) -> None:
    cfg = make_set(tmp_path, b"a\n", b"a\n")
    with pytest.raises(HarnessError, match="not usable as a directory name"):
        load_reference({**cfg, "name": "../escape"})
    with pytest.raises(HarnessError, match="src_lang and tgt_lang are both 'de'"):
        load_reference({**cfg, "tgt_lang": "de"})


def test_shipped_reference_sets_are_valid() -> None:
    from omegaconf import OmegaConf

    from harness.paths import CONF_DIR

    for path in sorted((CONF_DIR / "reference").glob("*.yaml")):
        cfg = OmegaConf.load(path)
        if OmegaConf.is_missing(cfg, "src") or OmegaConf.is_missing(cfg, "test_set"):
            continue  # the command-line templates (files, sacrebleu)
        reference = load_reference(cfg)
        assert len(reference) > 0 and reference.name == path.stem
