"""The translation cache in harness/translate.py: resume, dedupe, bypass, keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.cache import Cache
from harness.errors import HarnessError
from harness.references import ReferenceSet
from harness.translate import CACHE_FILE, CACHE_TABLE, translate_reference, translation_key
from systems.base import System


class Counting(System):
    """Upper-cases; records every segment it is sent; can die after a number of segments."""

    default_name = "counting"

    def __init__(self, die_after: int | None = None, style: str = "upper", cache: bool = True) -> None:
        super().__init__(cache=cache)
        self.sent: list[str] = []
        self.die_after = die_after
        self.style = style

    def translate(self, segments, src_lang, tgt_lang):
        out = []
        for segment in segments:
            if self.die_after is not None and len(self.sent) >= self.die_after:
                raise RuntimeError("killed")
            self.sent.append(segment)
            out.append(segment.upper() if self.style == "upper" else segment[::-1])
        return out

    def fingerprint_config(self):
        return {"style": self.style}


class Streaming(Counting):
    """Delivers results one by one, as network systems do."""

    def translate_stream(self, segments, src_lang, tgt_lang):
        for index, segment in enumerate(segments):
            yield index, self.translate([segment], src_lang, tgt_lang)[0]


def reference(src: list[str]) -> ReferenceSet:
    return ReferenceSet("t", "de", "en", src, list(src), Path("s"), Path("r"))


SRC = ["eins", "zwei", "drei", "zwei", "vier", "fünf", "eins", "sechs"]
EXPECTED = [s.upper() for s in SRC]


def test_identical_segments_are_sent_once_and_a_rerun_sends_nothing(cache_dir):
    system = Counting()
    assert translate_reference(system, reference(SRC), chunk_size=3) == EXPECTED
    assert system.sent == ["eins", "zwei", "drei", "vier", "fünf", "sechs"]
    again = Counting()
    assert translate_reference(again, reference(SRC), chunk_size=3) == EXPECTED
    assert again.sent == []
    assert len(Cache(cache_dir / CACHE_FILE, CACHE_TABLE)) == 6


@pytest.mark.parametrize("kind", [Counting, Streaming])
def test_a_run_that_dies_resumes_with_only_the_missing_segments(kind, cache_dir):
    first = kind(die_after=4)
    with pytest.raises(RuntimeError):
        translate_reference(first, reference(SRC), chunk_size=2 if kind is Counting else 64)
    second = kind()
    assert translate_reference(second, reference(SRC), chunk_size=2) == EXPECTED
    assert first.sent + second.sent == ["eins", "zwei", "drei", "vier", "fünf", "sechs"]


def test_streamed_results_are_stored_as_each_arrives(cache_dir):
    """One chunk of 64: a batch system loses the chunk, a streaming one keeps what arrived."""
    with pytest.raises(RuntimeError):
        translate_reference(Streaming(die_after=3), reference(SRC), chunk_size=64)
    assert len(Cache(cache_dir / CACHE_FILE, CACHE_TABLE)) == 3


def test_cache_false_sends_everything_in_order_and_stores_nothing(cache_dir):
    system = Counting(cache=False)
    assert translate_reference(system, reference(SRC), chunk_size=3) == EXPECTED
    assert system.sent == SRC
    assert not (cache_dir / CACHE_FILE).exists()


def test_a_different_fingerprint_or_language_pair_does_not_reuse(cache_dir, tmp_path):
    translate_reference(Counting(), reference(SRC), chunk_size=8)
    other = Counting(style="reverse")
    assert translate_reference(other, reference(SRC), chunk_size=8) == [s[::-1] for s in SRC]
    assert len(other.sent) == 6
    flipped = ReferenceSet("t", "en", "de", SRC, SRC, Path("s"), Path("r"))
    third = Counting()
    translate_reference(third, flipped, chunk_size=8)
    assert len(third.sent) == 6


def test_explicit_cache_dir_wins_over_the_environment(cache_dir, tmp_path):
    translate_reference(Counting(), reference(SRC), cache_dir=tmp_path / "elsewhere")
    assert (tmp_path / "elsewhere" / CACHE_FILE).exists()
    assert not (cache_dir / CACHE_FILE).exists()


def test_hypotheses_are_cleaned_but_stored_as_received(cache_dir):
    class Multiline(Counting):
        def translate(self, segments, src_lang, tgt_lang):
            return [f" {s}\nline two\t" for s in segments]

    system = Multiline()
    # As sacrebleu's CLI would read the output from a file: leading whitespace kept, trailing stripped.
    assert translate_reference(system, reference(["a"])) == [" a line two"]
    key = translation_key(system.fingerprint, "de", "en", "a")
    assert Cache(cache_dir / CACHE_FILE, CACHE_TABLE).get_many([key]) == {key: " a\nline two\t"}


def test_a_wrong_number_of_translations_is_a_clear_error(cache_dir):
    class Short(Counting):
        def translate(self, segments, src_lang, tgt_lang):
            return segments[:-1]

    with pytest.raises(HarnessError, match=r"system 'counting' returned 2 translations for 3 segments"):
        translate_reference(Short(), reference(["a", "b", "c"]))


def test_a_positional_system_is_never_deduplicated_or_cached(cache_dir):
    class Positional(Counting):
        positional = True

    system = Positional(cache=True)
    assert translate_reference(system, reference(SRC), chunk_size=3) == EXPECTED
    assert system.sent == SRC
    assert not (cache_dir / CACHE_FILE).exists()


def test_a_chunk_that_arrives_at_once_is_one_transaction(cache_dir, monkeypatch):
    """20,000 segments used to cost 20,000 fsynced transactions; now one per arriving chunk."""
    writes: list[int] = []
    real = Cache.put_many
    monkeypatch.setattr(Cache, "put_many", lambda self, items: (writes.append(len(items)), real(self, items)))
    assert translate_reference(Counting(), reference(SRC), chunk_size=4) == EXPECTED
    assert writes == [4, 2]  # six distinct segments in chunks of four
    streamed: list[int] = []
    monkeypatch.setattr(Cache, "put_many", lambda self, items: (streamed.append(len(items)), real(self, items)))
    translate_reference(Streaming(style="reverse"), reference(SRC), chunk_size=4)
    assert streamed == [1] * 6  # a streaming system's results are stored one by one, as they arrive


def test_a_commit_survives_a_killed_process(cache_dir, tmp_path):
    """Commits are not fsynced one by one (WAL, synchronous=NORMAL), but each reaches the file before
    put_many returns: a SIGKILL right after it keeps every entry."""
    import subprocess
    import sys

    script = (f"from harness.cache import Cache; import os, signal\n"
              f"c = Cache({str(tmp_path / 'k.sqlite')!r}, 't')\n"
              f"c.put_many({{'a': 'x', 'b': 'y'}})\n"
              f"os.kill(os.getpid(), signal.SIGKILL)\n")
    assert subprocess.run([sys.executable, "-c", script], timeout=60).returncode == -9
    assert Cache(tmp_path / "k.sqlite", "t").get_many(["a", "b"]) == {"a": "x", "b": "y"}
