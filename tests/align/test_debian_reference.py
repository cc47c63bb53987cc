"""The English->Spanish reference set from Debian Reference chapter 4: built without any dictionary,
rebuilt byte for byte by its script, copy segments listed in unaligned.tsv and never in the set."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

from omegaconf import OmegaConf

from harness.align.copies import is_copy
from harness.references import load_reference

ROOT = Path(__file__).resolve().parents[2]
SET = ROOT / "references" / "debian_reference_ch04"
FILES = ("aligned.en", "aligned.es", "alignment.tsv", "unaligned.tsv", "removed.tsv")


def _rows(name: str) -> list[dict[str, str]]:
    with (SET / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_rebuild_script_reproduces_the_committed_files(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHON": sys.executable}
    run = subprocess.run(["bash", str(SET / "rebuild.sh"), str(tmp_path)], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("211 aligned pairs, 278 sentences set aside, estimated precision 0.90\n")
    assert "  set aside: 60 × src copy: source and target are the same command, path, name or table cell" in run.stdout
    assert "warning: no bilingual dictionary for en-es" in run.stderr  # built on learnt word pairs only
    assert "trans-de-en" not in run.stderr  # no hint at a German dictionary for Spanish
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (SET / name).read_bytes(), f"{name} differs from a rebuild"


def test_copy_segments_are_listed_with_their_reason_and_left_out() -> None:
    copies = [r for r in _rows("unaligned.tsv") if r["reason"].startswith("copy: ")]
    assert (sum(r["side"] == "src" for r in copies), sum(r["side"] == "tgt" for r in copies)) == (69, 69)
    texts = {r["text"] for r in copies}
    assert {"/etc/passwd", "-rw-r--r--", "$ sudo chown my_name some_file", "4.7.1. sudo"} <= texts
    pairs = _rows("alignment.tsv")
    assert len(pairs) == 211
    assert not [p["id"] for p in pairs if is_copy(p["src"], p["tgt"])]


def test_the_harness_loads_it_and_it_follows_the_format() -> None:
    ref = load_reference(OmegaConf.load(ROOT / "conf" / "reference" / "debian_reference_ch04.yaml"))
    assert (ref.name, ref.src_lang, ref.tgt_lang, len(ref.src), len(ref.ref)) == ("debian_reference_ch04", "en", "es", 211, 211)
    assert ref.src[16] == "Numerical user ID" and ref.ref[16] == "ID de usuario numérico"
    for lang in ("en", "es"):
        text = (SET / f"aligned.{lang}").read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text and "\t" not in text and "\r" not in text
