"""The Apertium system: stream-format escaping (pure) and, with apertium + apertium-eng-spa installed,
one output line per segment, each translated exactly as Apertium translates that line on its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.errors import HarnessError
from systems.apertium import MODES, Apertium, deformat, reformat

needs_apertium = pytest.mark.skipif(
    shutil.which("apertium") is None or not (MODES / "eng-spa.mode").is_file(),
    reason="Debian packages apertium and apertium-eng-spa are not installed",
)
ROOT = Path(__file__).resolve().parents[2]
#: Hard cases: a line whose words a transfer rule pulls onto the next line in plain-text mode, an
#: empty segment, every character Apertium's stream format reserves, two sentences in one segment.
HARD = [
    "I saw the",
    "red car",
    "",
    "*star* [link] ^caret$ {brace} @at # hash \\ back / slash <b>",
    "Dr. Smith lives in New York. He likes the blue house.",
    "apt-get install foo",
    "line\nbreak and NUL\0inside",
]


def test_reserved_characters_are_escaped_and_restored():
    assert deformat("a [b] ^c$ @d \\e /f <g> {h} ~i\tj  k") == (
        "a \\[b\\] \\^c\\$ \\@d \\\\e \\/f \\<g\\> \\{h\\} [~]i[\t]j[  ]k.[]"
    )
    assert reformat("a \\[b\\] \\^c\\$ \\@d \\\\e \\/f \\<g\\> \\{h\\} [~]i[\t]j[  ]k.[]") == "a [b] ^c$ @d \\e /f <g> {h} ~i j k"
    assert reformat(" Vi el.[]\n") == "Vi el"
    assert deformat("a\0b\nc") == "a b[\n]c.[]"  # a NUL cannot end a segment early; a line break is a blank


@needs_apertium
def test_plain_text_mode_moves_words_across_lines_so_the_system_does_not_use_it():
    """Why null-flush: `apertium eng-spa` on the lines as one text moves 'York' up a line."""
    plain = subprocess.run(["apertium", "-u", "eng-spa"], input="I live in New\nYork now\n", capture_output=True, text=True)
    assert [line.strip() for line in plain.stdout.splitlines()] == ["Vivo en Nueva York", "ahora"]
    assert Apertium().translate(["I live in New", "York now"], "en", "es") == ["Vivo en Nuevo", "York ahora"]


@needs_apertium
def test_each_segment_is_translated_on_its_own_one_line_each():
    out = Apertium().translate(HARD, "en", "es")
    assert out == [
        "Vi el",
        "Coche rojo",
        "",
        "*Estrella* [enlace] ^caret$ {tirante} @en # hash \\ cuchillada / posterior <b>",
        "Vidas de Herrero del dr. en Nueva York. Le gusta la casa azul.",
        "Apto-coger instalar foo",
        "Pausa de línea y NUL interior",  # one line; a NUL inside is a blank
    ]
    one_by_one = [
        subprocess.run(["apertium", "-u", "eng-spa"], input=s + "\n", capture_output=True, text=True, check=True).stdout
        for s in HARD[:-1]  # the last one is not a single line: apertium alone would write two
    ]
    assert out[:-1] == [" ".join(s.split()) for s in one_by_one]


@needs_apertium
def test_line_count_kept_on_a_whole_reference_set():
    src = (ROOT / "references" / "debian_reference_ch04" / "aligned.en").read_text(encoding="utf-8").splitlines()
    out = Apertium().translate(src, "en", "es")
    assert len(out) == len(src) == 211
    assert all(o.strip() for s, o in zip(src, out) if s.strip())
    assert all("\n" not in o for o in out)


@needs_apertium
def test_unknown_word_marks_are_configurable():
    text = ["The frobnicator works."]
    assert Apertium().translate(text, "en", "es") == ["El frobnicator obras."]
    assert Apertium(mark_unknown=True).translate(text, "en", "es") == ["El *frobnicator obras."]
    assert Apertium().fingerprint != Apertium(mark_unknown=True).fingerprint


@needs_apertium
def test_runs_through_the_harness(tmp_path):
    (tmp_path / "t.en").write_text("The house is blue.\nI saw the\nred car\n", encoding="utf-8")
    (tmp_path / "t.es").write_text("La casa es azul.\nVi el\ncoche rojo\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MT_HARNESS_CACHE": str(tmp_path / "cache")}
    args = [
        "reference=files", f"reference.src={tmp_path / 't.en'}", f"reference.ref={tmp_path / 't.es'}",
        "reference.src_lang=en", "reference.tgt_lang=es", "reference.name=toy",
        "system=apertium", "system.pair=eng-spa", "metrics=[bleu,chrf]", f"results_dir={tmp_path / 'results'}",
    ]
    run = subprocess.run([sys.executable, "-m", "harness", *args], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    hyps = tmp_path / "results" / "toy" / "apertium" / "hypotheses.es"
    lines = hyps.read_text(encoding="utf-8").splitlines() if hyps.exists() else None
    assert lines == ["La casa es azul.", "Vi el", "Coche rojo"], sorted(p.name for p in (tmp_path / "results" / "toy" / "apertium").iterdir())


def test_a_pair_for_other_languages_is_one_clear_line():
    with pytest.raises(HarnessError, match=r"^system 'apertium': pair spa-eng translates spa to eng, but the reference set is en-es; set system.pair$"):
        Apertium(pair="spa-eng").translate(["x"], "en", "es")
    with pytest.raises(HarnessError, match=r"system.pair must look like eng-spa"):
        Apertium(pair="engspa")


def test_a_missing_apertium_is_one_clear_line():
    with pytest.raises(HarnessError, match=r"'no-such-apertium' not found \(Debian: apt-get install apertium and apertium-eng-spa\)"):
        Apertium(executable="no-such-apertium").translate(["x"], "en", "es")


def _fake(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-apertium"
    script.write_text(f"#!/bin/sh\ncat > /dev/null\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_a_lost_or_extra_segment_and_a_failure_are_one_clear_line(tmp_path):
    two = ["one", "two"]
    short = Apertium(executable=_fake(tmp_path, r"printf 'uno'"))
    with pytest.raises(HarnessError, match=r"^system 'apertium': apertium returned 0 segments for 1: "):
        short.translate(two, "en", "es")
    extra = Apertium(executable=_fake(tmp_path, r"printf 'uno\000dos\000'"))
    with pytest.raises(HarnessError, match=r"apertium returned 2 segments for 1"):
        extra.translate(two, "en", "es")
    # each segment is a process of its own: the fake answers 'uno' to both; blank NUL-ended parts after it are no segment
    assert Apertium(executable=_fake(tmp_path, r"printf 'uno.[]\000\000\000'")).translate(two, "en", "es") == ["uno", "uno"]
    failing = Apertium(executable=_fake(tmp_path, "echo 'Error: Mode eng-spa does not exist' >&2; exit 1"))
    with pytest.raises(HarnessError, match=r"apertium exited with 1: .*Mode eng-spa does not exist \(is apertium-eng-spa installed\?"):
        failing.translate(two, "en", "es")


@needs_apertium
def test_a_segment_translates_as_alone_whatever_came_before_it():
    """apertium-tagger keeps state across NUL flushes: in one stream, after 'It is known.' the next
    segment's 'wrap' is tagged an infinitive. The system gives each segment a process of its own."""
    before, after = "It is known.", "Linux namespaces wrap a global system resource."
    stream = deformat(before) + "\0" + deformat(after) + "\0"
    one_stream = subprocess.run(["apertium", "-f", "none", "-z", "-u", "eng-spa"], input=stream, capture_output=True, text=True)
    assert reformat(one_stream.stdout.split("\0")[1]) == "Linux namespaces envolver un recurso de sistema global."
    alone = "Linux namespaces envuelve un recurso de sistema global."
    assert Apertium().translate([after], "en", "es") == [alone]
    assert Apertium().translate([before, after, "Namespaces are known.", after], "en", "es")[1::2] == [alone, alone]


@needs_apertium
def test_a_pair_that_is_not_installed_is_one_clear_line():
    with pytest.raises(HarnessError, match=r"Mode eng-spa_XX does not exist.*\(is apertium-eng-spa installed\? apertium -l lists the pairs\)$"):
        Apertium(pair="eng-spa_XX").translate(["house"], "en", "es")
