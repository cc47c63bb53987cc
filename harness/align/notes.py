"""Footnote areas at page feet: where the notes of the document's own numbering start, bare note numbers
set apart by `pdftotext -layout`, and page breaks that must not run a note on into the next page."""

from __future__ import annotations

import re

FOOTNOTE_ITEM = re.compile(r"^\s*(?:[-*•]\s*)?(\d{1,3})(?:[\s)]|\.(?!\d))\s*\S")  # not '4.2. Die 1.x-Versionen'


def page_foot_notes(lines: list[str], page_foot: frozenset[int], notes: frozenset[int]) -> frozenset[int]:
    """Lines at a page foot that open a footnote of the document's numbering ('3 Siehe …'):
    the footnote area starts there, the body text above it stays body."""
    found = set()
    for number in page_foot:
        m = FOOTNOTE_ITEM.match(lines[number - 1])
        if m and int(m.group(1)) in notes:
            found.add(number)
    return frozenset(found)


_BARE_NOTE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*$")


def bare_note_numbers(lines: list[str], page_foot: frozenset[int], notes: frozenset[int]) -> frozenset[int]:
    """1-based lines of a footnote area whose note numbers stand on lines of their own over the
    note text ('  1' / '    mit ihren zugehörigen Thin Clients'): `pdftotext -layout` sets a
    raised note number apart from its note. A run of such notes, numbered on in the document's
    own footnote sequence (1, 2, 3 …), each number over text, is a footnote area only where it
    ends at a page foot or at the end of the document: body text goes on after a page break,
    never under the notes of the same page."""
    found: set[int] = set()
    last_text = max((k for k, line in enumerate(lines) if line.strip()), default=-1)
    k = 0
    while k < len(lines):
        m = _BARE_NOTE_NUMBER.match(lines[k])
        if not (m and int(m.group(1)) in notes):
            k += 1
            continue
        run, expected, j = [], int(m.group(1)), k
        while j + 1 < len(lines) and (m := _BARE_NOTE_NUMBER.match(lines[j])) and int(m.group(1)) == expected:
            if not lines[j + 1].strip() or _BARE_NOTE_NUMBER.match(lines[j + 1]):
                break  # a number with no text under it
            run.append(j + 1)  # the number's line
            expected, j = expected + 1, j + 2
            while j < len(lines) and lines[j].strip() and not _BARE_NOTE_NUMBER.match(lines[j]):
                j += 1  # the note runs on over lines until the next number
        end = j - 1
        if run and (end + 1 in page_foot or end >= last_text):
            found.update(run)
        k = max(k + 1, j)
    return frozenset(found)


def number_notes(lines: list[str], numbered: frozenset[int]) -> list[str]:
    """Each note of `numbered` (see bare_note_numbers) as a page-foot note reads elsewhere, its
    number opening its text ('1 mit ihren …'); the number's own line becomes blank, so the note
    area is apart from the body text above it."""
    if not numbered:
        return lines
    out = list(lines)
    for k in numbered:
        out[k - 1], out[k] = "", f"{lines[k - 1].strip()} {lines[k].strip()}"
    return out


def unbridge_notes(lines: list[str], numbered: frozenset[int], bridged: frozenset[int]) -> frozenset[int]:
    """A page break bridged under a footnote area (the body sentence it cuts goes on after the
    break) must not run the last note on into the next page: the lines after each note of
    `numbered` end it."""
    if not numbered:
        return bridged
    out = set(bridged)
    for k in numbered:
        j = k + 1  # the note's first text line (1-based); it runs on to the next blank line
        while j <= len(lines) and lines[j - 1].strip():
            j += 1
        while j in out:
            out.discard(j)
            j += 1
    return frozenset(out)
