"""Apertium, the rule-based MT engine Debian packages: a real translator that runs offline.

``apertium eng-spa`` in its plain-text mode treats line breaks as blanks, so its transfer rules can
move words from one line to the next ('I saw the / red car' comes back as 'Vi / coche rojo'), and its
format also gives meaning to ``^ $ [ ] @ \\ / < > { }``. The harness needs one output line per
segment, each translated on its own. So segments are written in Apertium's own stream format (those
characters escaped) and separated by NUL bytes with null-flush mode (``-f none -z``): every stage of
the pipeline translates up to a NUL and flushes; the output is split at the NULs again. Line count
and order are then kept by construction, whatever the text holds.

One process per segment, though: apertium-tagger (3.8.3) keeps state across NUL flushes, so after
'It is known.' the next segment's 'wrap' is tagged an infinitive ('envolver', not 'envuelve'), even
with other segments in between. A translation would then depend on its batch, and a cached one on the
run that cached it. A process costs about 0.2 s of CPU; the translation cache keeps that to once a segment.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

from harness.errors import HarnessError
from systems import command
from systems.base import System
from systems.langcodes import base_code, flores_code

#: Characters Apertium's stream format reserves; apertium-destxt escapes the same set.
_RESERVED = re.compile(r"([\[\]^$@\\/<>{}])")
#: Whitespace that is not a single space becomes a superblank, as apertium-destxt does.
_ODD_BLANK = re.compile(r"(?! )\s+| {2,}")
#: In the output: an escaped character, a superblank, or the sentence end the deformatter added.
_STREAM = re.compile(r"\\(.)|\.\[\]|\[((?:\\.|[^\]\\])*)\]", re.DOTALL)
#: Where Debian installs the modes (one shell pipeline per pair, naming the compiled data files).
MODES = Path("/usr/share/apertium/modes")


def deformat(segment: str) -> str:
    """One segment in Apertium's stream format, ended by '.[]' as apertium-destxt ends a text: the
    tagger sees a sentence end, and the reformatter removes that period again."""
    escaped = _RESERVED.sub(r"\\\1", segment.replace("\0", " "))  # a NUL would end the segment early
    blanks = _ODD_BLANK.sub(lambda m: "[" + m[0] + "]", escaped)
    return blanks.replace("~", "[~]") + ".[]"


def reformat(text: str) -> str:
    """Apertium's output for one segment back to plain text on one line (what apertium-retxt does,
    plus the single line the harness needs)."""

    def plain(match: re.Match[str]) -> str:
        if match[1] is not None:
            return match[1]
        if match[2] is not None:
            return _STREAM.sub(plain, match[2])
        return ""

    return " ".join(_STREAM.sub(plain, text).split())


def _pair_languages(pair: str) -> tuple[str, str]:
    """'eng-spa' -> ('eng', 'spa'); 'spa-eng_US' -> ('spa', 'eng'): the languages without variant."""
    parts = pair.split("-")
    if len(parts) != 2 or not all(parts):
        raise HarnessError(f"system.pair must look like eng-spa (source-target), not {pair!r}")
    return parts[0].split("_")[0], parts[1].split("_")[0]


def _codes(lang: str) -> set[str]:
    """The codes an Apertium pair may use for a harness language: 'es' -> {'es', 'spa'}."""
    base = base_code(lang)
    return {base, flores_code(base).split("_")[0]}


class Apertium(System):
    """``pair`` is an installed Apertium mode (``apertium -l`` lists them; Debian packages the data as
    ``apertium-<pair>``); ``mark_unknown`` keeps Apertium's ``*``/``@``/``#`` marks on words it could
    not translate (false: the words are copied unmarked, ``apertium -u``); ``datadir`` is a directory
    of modes other than the installed ones (``apertium -d``)."""

    default_name = "apertium"

    def __init__(
        self,
        pair: str = "eng-spa",
        mark_unknown: bool = False,
        datadir: str | None = None,
        executable: str = "apertium",
        timeout: float = 3600,
        version: str = "",
        name: str | None = None,
        cache: bool = True,
    ) -> None:
        self.pair = str(pair)
        _pair_languages(self.pair)
        self.mark_unknown = bool(mark_unknown)
        self.datadir = datadir
        self.executable = executable
        self.timeout = float(timeout)
        self.version = version
        super().__init__(name=name, cache=cache)

    @property
    def package(self) -> str:
        """The Debian package with the pair's data: named after the pair in either order
        (apertium-eng-spa holds eng-spa and spa-eng, apertium-fra-cat cat-fra)."""
        a, b = _pair_languages(self.pair)
        return f"apertium-{a}-{b}" if (a, b) == ("eng", "spa") else f"apertium-{a}-{b} or apertium-{b}-{a}"

    def argv(self) -> list[str]:
        found = shutil.which(self.executable)
        if found is None:
            raise HarnessError(
                f"system {self.name!r}: {self.executable!r} not found (Debian: apt-get install apertium and {self.package})"
            )
        argv = [found, "-f", "none", "-z"]
        argv += [] if self.mark_unknown else ["-u"]
        argv += ["-d", str(self.datadir)] if self.datadir else []
        return [*argv, self.pair]

    def check_languages(self, src_lang: str, tgt_lang: str) -> None:
        source, target = _pair_languages(self.pair)
        if source not in _codes(src_lang) or target not in _codes(tgt_lang):
            raise HarnessError(
                f"system {self.name!r}: pair {self.pair} translates {source} to {target}, "
                f"but the reference set is {src_lang}-{tgt_lang}; set system.pair"
            )

    def translate(self, segments: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        self.check_languages(src_lang, tgt_lang)
        if not segments:
            return []
        argv = self.argv()
        return [self._translate_alone(segment, argv) for segment in segments]

    def _translate_alone(self, segment: str, argv: list[str]) -> str:
        """One segment in a process of its own (see the module docstring)."""
        shown = " ".join(argv)
        stream = (deformat(segment) + "\0").encode("utf-8")
        returncode, stdout, stderr = command.run_piped(argv, stream, self.timeout, self.name)
        if returncode != 0:
            said = " | ".join(line.strip() for line in stderr.decode("utf-8", "replace").strip().splitlines())[:300]
            hint = f" (is {self.package} installed? apertium -l lists the pairs)" if "mode" in said.lower() else ""
            raise HarnessError(f"system {self.name!r}: apertium exited with {returncode}: {shown}: {said}{hint}")
        parts = stdout.decode("utf-8", "replace").split("\0")
        if len(parts) < 2 or any(p.strip() for p in parts[1:]):  # one NUL-ended segment, then nothing
            raise HarnessError(f"system {self.name!r}: apertium returned {len(parts) - 1} segments for 1: {shown}")
        return reformat(parts[0])

    def mode_file(self) -> Path | None:
        """The pair's mode: in ``datadir`` (a source build keeps it there or in modes/), else Debian's."""
        roots = [Path(self.datadir), Path(self.datadir) / "modes"] if self.datadir else [MODES]
        return next((root / f"{self.pair}.mode" for root in roots if (root / f"{self.pair}.mode").is_file()), None)

    def data_stamp(self) -> str | None:
        """Size and time of the mode and every data file it names: upgraded language data (a new
        Debian package) is a new system, so old cached translations are not reused."""
        mode = self.mode_file()
        if mode is None:
            return None
        text = mode.read_text(encoding="utf-8", errors="replace")
        paths = [mode, *(Path(p) for p in sorted(set(re.findall(r"'(/[^']+)'", text))) if Path(p).is_file())]
        stats = [(str(p), p.stat().st_size, int(p.stat().st_mtime)) for p in paths]
        return hashlib.sha256(repr(stats).encode()).hexdigest()[:16]

    def fingerprint_config(self) -> dict[str, Any]:
        """The pair, the marks and the installed data; ``version`` is any extra label. ``stream`` names
        how segments reach Apertium: translations cached from shared streams (which a segment before
        could change) are not this system's."""
        return {
            "stream": "one process per segment",
            "pair": self.pair,
            "mark_unknown": self.mark_unknown,
            "datadir": self.datadir,
            "data": self.data_stamp(),
            "version": self.version,
        }
