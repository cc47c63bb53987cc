"""Sending a reference set's source segments through a system, with a crash-proof translation cache.

Each translation is stored in the cache the moment it arrives (a chunk that arrives at once, in one
transaction), keyed by the system's fingerprint, the languages and the source text. A run killed at any point and started again sends only what is
still missing; a finished run started again sends nothing. Identical source segments are sent once.
``system.cache=false`` bypasses all of this and sends every segment in order; so does a system
whose class sets ``positional = True`` (its line i answers segment i, as ``file`` does), since
sending only some segments would shift its answers.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from tqdm.auto import tqdm

from harness.cache import Cache, default_cache_dir, make_key
from harness.errors import HarnessError
from harness.references import ReferenceSet
from systems.base import System

#: What would split a stored line (hypotheses.<lang> holds one per line); each becomes one space.
_LINE_BREAKS = re.compile(r"[\r\n]")

#: File name of the translation cache inside the cache directory, and its table.
CACHE_FILE = "translations.sqlite"
CACHE_TABLE = "translations"


def clean_hypothesis(text: str) -> str:
    """The hypothesis as ``sacrebleu -i`` would read it from a file: one line, trailing whitespace removed.

    Hypotheses are stored one per line, so a line break inside one becomes a space; tabs, leading
    whitespace and U+2028/U+2029 stay (the CLI's ``line.rstrip()`` keeps them), so scores of the stored
    ``hypotheses.<lang>`` file equal the CLI's on it, whitespace-sensitive options included.
    """
    return _LINE_BREAKS.sub(" ", text).rstrip()


def translation_key(fingerprint: str, src_lang: str, tgt_lang: str, segment: str) -> str:
    return make_key("translation", fingerprint, src_lang, tgt_lang, segment)


def arrivals(system: System, segments: list[str], src_lang: str, tgt_lang: str) -> Iterator[list[tuple[int, str]]]:
    """Lists of ``(index, translation)`` as they arrive: the whole chunk at once from ``translate``, one
    by one from ``translate_stream`` (network systems with concurrent requests). Each list is stored in
    the cache in one transaction, so a chunk costs one write, and a kill loses only what is in flight.
    """
    stream = getattr(system, "translate_stream", None)
    if stream is not None:
        batches: Iterator[list[tuple[int, str]]] = ([pair] for pair in stream(segments, src_lang, tgt_lang))
    else:
        out = system.translate(segments, src_lang, tgt_lang)
        if not isinstance(out, list) or len(out) != len(segments):
            got = len(out) if isinstance(out, list) else type(out).__name__
            raise HarnessError(f"system {system.name!r} returned {got} translations for {len(segments)} segments")
        batches = iter([list(enumerate(out))])
    for batch in batches:
        for index, text in batch:
            if not isinstance(text, str):
                raise HarnessError(f"system {system.name!r} returned a non-string for segment {segments[index][:60]!r}")
        yield batch


def stream_translations(system: System, segments: list[str], src_lang: str, tgt_lang: str) -> Iterator[tuple[int, str]]:
    """``(index, translation)`` pairs as they arrive (see :func:`arrivals`)."""
    for batch in arrivals(system, segments, src_lang, tgt_lang):
        yield from batch


def open_cache(cache_dir: str | os.PathLike[str] | None) -> Cache:
    directory = Path(cache_dir).expanduser() if cache_dir else default_cache_dir()
    return Cache(directory / CACHE_FILE, CACHE_TABLE)


def translate_reference(
    system: System,
    reference: ReferenceSet,
    chunk_size: int = 64,
    cache_dir: str | os.PathLike[str] | None = None,
) -> list[str]:
    """Translate every source segment; with ``system.cache`` on, through the translation cache.

    ``cache_dir`` defaults to :func:`harness.cache.default_cache_dir` (``$MT_HARNESS_CACHE``).
    """
    if chunk_size < 1:
        raise HarnessError(f"chunk_size must be at least 1, got {chunk_size}")
    system.setup(reference)
    if not system.cache or system.positional:
        return cleaned(_translate_uncached(system, reference, chunk_size), system.name)
    cache = open_cache(cache_dir)
    try:
        return cleaned(_translate_cached(system, reference, chunk_size, cache), system.name)
    finally:
        cache.close()


def cleaned(raw: list[str], name: str) -> list[str]:
    """Hypotheses as stored (see :func:`clean_hypothesis`), saying how many held a line break."""
    changed = sum(bool(_LINE_BREAKS.search(text)) for text in raw)
    if changed:
        print(f"note: {changed} of {len(raw)} hypotheses of {name!r} held line breaks; each is stored as "
              "one space (hypotheses are stored one per line, as sacrebleu -i reads them)", file=sys.stderr)
    return [clean_hypothesis(text) for text in raw]


def _translate_uncached(system: System, reference: ReferenceSet, chunk_size: int) -> list[str]:
    hyps: list[str] = []
    with tqdm(total=len(reference), desc=f"translate {system.name}", unit="seg", disable=None) as bar:
        for start in range(0, len(reference), chunk_size):
            chunk = reference.src[start : start + chunk_size]
            out = [""] * len(chunk)
            for index, text in stream_translations(system, chunk, reference.src_lang, reference.tgt_lang):
                out[index] = text
                bar.update(1)
            hyps.extend(out)
    return hyps


def _translate_cached(system: System, reference: ReferenceSet, chunk_size: int, cache: Cache) -> list[str]:
    done, _ = _fill_cache(system, reference.src, reference.src_lang, reference.tgt_lang, chunk_size, cache)
    return [done[seg] for seg in reference.src]


def translate_part(system: System, reference: ReferenceSet, start: int, end: int, chunk_size: int = 64,
                   cache_dir: str | os.PathLike[str] | None = None) -> int:
    """Translate source segments ``start:end`` into the cache (one shard of a large set, see
    :mod:`harness.shards`); returns how many distinct segments were sent to the system."""
    system.setup(reference)  # the whole set: a system may check or prepare for all of it
    cache = open_cache(cache_dir)
    try:
        _, sent = _fill_cache(system, reference.src[start:end], reference.src_lang, reference.tgt_lang,
                              chunk_size, cache)
    finally:
        cache.close()
    return sent


def _fill_cache(system: System, segments: list[str], src_lang: str, tgt_lang: str, chunk_size: int,
                cache: Cache) -> tuple[dict[str, str], int]:
    """Every distinct segment's translation, from the cache or from the system (stored as it
    arrives); and how many were sent to the system."""
    fingerprint = system.fingerprint
    keys = {seg: translation_key(fingerprint, src_lang, tgt_lang, seg) for seg in dict.fromkeys(segments)}
    found = cache.get_many(keys.values())
    done: dict[str, str] = {seg: found[key] for seg, key in keys.items() if key in found}
    missing = [seg for seg in keys if seg not in done]
    desc = f"translate {system.name}"
    with tqdm(total=len(keys), initial=len(done), desc=desc, unit="seg", disable=None) as bar:
        for start in range(0, len(missing), chunk_size):
            chunk = missing[start : start + chunk_size]
            for batch in arrivals(system, chunk, src_lang, tgt_lang):
                cache.put_many({keys[chunk[index]]: text for index, text in batch})
                done.update((chunk[index], text) for index, text in batch)
                bar.update(len(batch))
            lost = [seg for seg in chunk if seg not in done]
            if lost:
                raise HarnessError(f"system {system.name!r} returned no translation for segment {lost[0][:60]!r}")
    return done, len(missing)
