"""Cleaning steps for PDF- and web-extracted text, each a small pure function.

Every repair that could destroy real text (joining a hyphenated line break, gluing two tokens,
dropping digits) needs evidence: the repaired word occurs elsewhere in the documents or in the
dictionary, or the digits continue the document's own footnote numbering. A word that only ever
opens a line after a line-end hyphen ('gen') is evidence of nothing: it is the rest of broken
words (Evidence.rests).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from harness.align.lang import WORD
from harness.align.tracked import Tracked, tsub

SUFFIXES = ("", "e", "en", "n", "s", "es", "er", "em", "ern", "ns")  # inflection endings a stem may carry
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_MD_LINK = re.compile(r"!?\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(?<![\w*])([*_]{1,2})(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPER_RUN = re.compile(r"(?<=\S)[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
# letter, optional sentence/quote punctuation, then 1-3 digits glued on and followed by space/end
_GLUED = re.compile(r"(?<=[^\W\d_])([.,;:!?]?[\"“”’»«)]?[.,;:!?]?)(\d{1,3})(?=[\s)\]]|$)")
_HYPHEN_SPACE = re.compile(r"(?<=[^\W\d_])- +(?=[A-ZÄÖÜ])")
_SPLIT_PAIR = re.compile(r"(?<![\w-])([^\W\d_]{4,}) (?=([^\W\d_]{4,})(?![\w-]))")
_MULTI_SPACE = re.compile(r" {2,}")
# a space before closing punctuation goes ('NATO ,'), not before '.deb'; not before “ » ’: they
# open quotations in some languages
_SPACE_BEFORE = re.compile(r" +(?=[.,;:!?)\]”]+(?:[\s\"“”»’)\]]|$)|$)")
_SPACE_AFTER_OPEN = re.compile(r"(?<=[(\[„»])\s+")
_CURLY_PAIRS = re.compile(r"``|''")
_NOTE_LINE = re.compile(r"^\s*[-–—]\s+.{3,80}\s+[-–—]\s*$")
_LINE_REST = re.compile(r"[^\W\d_]-[ \t]*\n[ \t]*([^\W\d_]+)")  # 'anzufan-' / 'gen.': the rest of a broken word


@dataclass(frozen=True)
class Evidence:
    """What counts as a real word: the documents' own vocabulary plus an optional dictionary."""

    counts: Counter[str]  # exact-case token counts over both documents
    lower: frozenset[str]
    known: Callable[[str], bool]
    function_words: frozenset[str] = frozenset()
    foreign: frozenset[str] = frozenset()  # exact tokens of the other document (names, loanwords)
    rests: Counter[str] = field(default_factory=Counter)  # of counts: words right after a line-end hyphen

    def attested(self, word: str) -> bool:
        if word in self.foreign:
            return True
        low = word.lower()
        for suffix in SUFFIXES:
            if suffix and not low.endswith(suffix):
                continue
            stem = low[: len(low) - len(suffix)] if suffix else low
            if len(stem) >= 3 and (stem in self.lower or self.known(stem)):
                return True
        return False

    @cached_property
    def vocabulary(self) -> list[str]:
        """The lower-case words, sorted: the words starting with a prefix are a range of it
        (hyphens.stub_rests), sorted once per document."""
        return sorted(self.lower)


def evidence_from(
    text: str,
    known: Callable[[str], bool] = lambda _w: False,
    function_words: frozenset[str] = frozenset(),
    other: str = "",
) -> Evidence:
    """Evidence for cleaning one document: its own words (any case), its language's dictionary,
    and the other document's words in exact case only ('Desminado', not 'Nationalparks' for
    English 'national parks')."""
    counts = Counter(WORD.findall(text))
    foreign = frozenset(WORD.findall(other))
    rests = Counter(m.group(1) for m in _LINE_REST.finditer(text))
    return Evidence(counts, frozenset(w.lower() for w in counts), known, function_words, foreign, rests)


def normalise_unicode(line: str) -> str:
    """NFC, odd spaces to plain spaces, invisible characters (soft hyphen, zero width) removed."""
    line = unicodedata.normalize("NFC", line)
    line = _INVISIBLE.sub("", line)
    return _ODD_SPACE.sub(" ", line)


def strip_markdown(line: str) -> str:
    """Web extractions keep Markdown: '[Title](#)' -> 'Title', '*casus foederis*' -> 'casus foederis'."""
    line = _MD_LINK.sub(r"\1", line)
    return _MD_EMPHASIS.sub(r"\2", line)


def is_note_line(line: str) -> bool:
    """Editorial notes set off by dashes, e.g. '- translated from German -'."""
    return bool(_NOTE_LINE.match(line))


def hyphen_joiner(left: str, right: str, ev: Evidence) -> str:
    """How to join 'left-' at a line end with 'right' on the next line: '', '-' or '- '.

    '' removes a typesetter's hyphen ('signifi-' + 'kant'); '-' keeps a real one ('NATO-' +
    'Ostflanke'); '- ' keeps a suspended compound ('Sicherheits-' + 'und Verteidigung'), whose
    second word stands alone elsewhere in the text. Where it only ever opens a line after a
    hyphen, it is the rest of broken words ('heuti-' / 'gen', 'anzufan-' / 'gen.'), not a word.
    """
    last = left.rsplit("-", 1)[-1]
    if not right[:1].islower() or not last or last.isupper() or last[-1].isdigit():
        return "-"
    if ev.attested(last + right):
        return ""
    if ev.attested(f"{last}-{right}") and f"{last}-{right}".lower() in ev.lower:
        return "-"
    if ev.counts[right] - ev.rests[right] >= 3:
        return "- "
    return ""


def join_lines(lines: list[Tracked], ev: Evidence) -> Tracked:
    """Join the lines of one text block, repairing line-end hyphenation from evidence."""
    out = Tracked("", ())
    for line in lines:
        line = line.strip()
        if not line.text:
            continue
        if not out.text:
            out = line
            continue
        if out.text.endswith("-") and len(out.text) > 1 and out.text[-2].isalpha():
            left = WORD.findall(out.text[:-1])
            right = WORD.findall(line.text)
            joiner = hyphen_joiner(left[-1], right[0], ev) if left and right else "-"
            body = out[:-1]
            out = body + Tracked(joiner, (out.lines[-1],) * len(joiner)) + line
        else:
            out = out + Tracked(" ", (out.lines[-1],)) + line
    return out


def footnote_numbers(candidates: Iterable[int]) -> frozenset[int]:
    """The footnote numbering the document evidences: 1..N where every number up to N occurs."""
    seen = set(candidates)
    n = 0
    while n + 1 in seen:
        n += 1
    return frozenset(range(1, n + 1)) if n >= 2 else frozenset()


def glued_number_candidates(text: str) -> list[int]:
    """Numbers glued to a word or punctuation ('Weiterentwicklung.1', 'bekämpfung7', 'missions¹³')."""
    return list(_glued_numbers(text))


@lru_cache(maxsize=1 << 16)
def _glued_numbers(text: str) -> tuple[int, ...]:
    """Cached: layout analysis asks this of every line several times."""
    found = [int(m.group(2)) for m in _GLUED.finditer(text) if _plausible_marker(text, m)]
    found += [int(m.group(0).translate(_SUPERSCRIPTS)) for m in _SUPER_RUN.finditer(text)]
    return tuple(found)


def short_word_marks(text: str) -> list[tuple[str, int]]:
    """Numbers glued to a short lower-case word, as (word, number) ('ein3', 'sda1'): a note
    mark only where other evidence says so (`note_numbering`, `layout.page_attested_notes`)."""
    return [(_last_word(text, m.start()), int(m.group(2))) for m in _GLUED.finditer(text) if _short_word_marker(text, m)]


class NoteNumbers(frozenset[int]):
    """A document's footnote numbering; `short` holds the marks of its opening that are glued to
    short words, as (word, number) (see `note_numbering`). A frozenset, so that every reader of a
    numbering asks only `number in notes`."""

    short: frozenset[tuple[str, int]]

    def __new__(cls, numbers: Iterable[int] = (), short: Iterable[tuple[str, int]] = ()) -> NoteNumbers:
        self = super().__new__(cls, numbers)
        self.short = frozenset(short)
        return self


def note_numbering(text: str) -> NoteNumbers:
    """The footnote numbering of a document: `footnote_numbers` of its plausible marks, opened by
    numbers glued to short words where the plausible marks need exactly these to start at 1
    ('*.kicad_wks1' before 'enthalten2', 'wird3', 'Zahl4'). A number glued to a two- or
    three-letter word is too weak to evidence a numbering on its own (device names, versions:
    'sda1', 'mp3'), but a numbering starts at 1 and runs on without gaps, so a number below the
    first plausible mark that one short word alone carries in the document is its first mark,
    not a code that happens to fit; one that several short words carry ('sda1', 'sdb1') is
    ambiguous and opens nothing."""
    strong = glued_number_candidates(text)
    seen = set(strong)
    short: dict[int, list[str]] = {}
    for m in _GLUED.finditer(text):
        if _short_word_marker(text, m) and int(m.group(2)) not in seen:
            short.setdefault(int(m.group(2)), []).append(_last_word(text, m.start()))
    first, opening = min(seen, default=0), set()
    while len(short.get(first - 1, ())) == 1:
        first -= 1
        opening.add((short[first][0], first))
    numbers = footnote_numbers([*strong, *(n for _, n in opening)])
    return NoteNumbers(numbers, (pair for pair in opening if pair[1] in numbers))


def _short_word_marker(text: str, match: re.Match[str]) -> bool:
    """A bare number glued to a lower-case word of two or three letters ('kicad_wks1', 'sda1')."""
    if match.group(1):
        return False
    word = _last_word(text, match.start()).split("-")[-1]
    return 2 <= len(word) < 4 and word.isalpha() and any(c.islower() for c in word)


def _last_word(text: str, end: int, window: int = 300) -> str:
    """The last word of text[:end] ('' if none), reading only a window before `end`: scanning the
    whole prefix for every note mark made a long document quadratic. Tokens agree with a full scan
    once past the window's first few characters; a word too close to the window's start falls
    back to the full scan."""
    start = max(0, end - window)
    last = None
    for last in WORD.finditer(text, start, end):
        pass
    if start and (last is None or last.start() - start < 50):
        found = WORD.findall(text[:end])
        return found[-1] if found else ""
    return last.group(0) if last else ""


def _plausible_marker(text: str, match: re.Match[str]) -> bool:
    """A bare glued number needs a real word before it ('bekämpfung7'), not a code like 'G7'.
    After punctuation it needs more than one letter before it: 'V:2, I:3' is a key and its value
    (popcon columns, coordinates), while a note mark follows a word or a sentence end."""
    if match.group(1):
        at = match.start()
        return not (at >= 1 and text[at - 1].isalpha() and (at < 2 or not text[at - 2].isalnum()))
    word = _last_word(text, match.start())
    return len(word.split("-")[-1]) >= 4 and any(c.islower() for c in word)


def remove_footnote_markers(t: Tracked, numbers: frozenset[int]) -> Tracked:
    """Drop glued and superscript footnote numbers that belong to the footnote sequence (a number
    of its `short` opening glued to a short word too, see `note_numbering`)."""
    short = numbers.short if isinstance(numbers, NoteNumbers) else frozenset()

    def glued(m: re.Match[str]) -> str:
        value = int(m.group(2))
        opening = short and _short_word_marker(t.text, m) and (_last_word(t.text, m.start()), value) in short
        keep = value in numbers and (_plausible_marker(t.text, m) or opening)
        return m.group(1) if keep else m.group(0)

    def superscript(m: re.Match[str]) -> str:
        value = int(m.group(0).translate(_SUPERSCRIPTS))
        unit = _last_word(t.text, m.start())
        if unit and len(unit) <= 2 and unit.isalpha() and t.text[m.start() - 1].isalpha():
            return m.group(0)  # m², km³: a unit, not a footnote
        return "" if value in numbers else m.group(0)

    return tsub(_SUPER_RUN, superscript, tsub(_GLUED, glued, t))


def close_hyphen_space(t: Tracked) -> Tracked:
    """'PTEC- Netzwerk' -> 'PTEC-Netzwerk': a hyphen followed by a capital is never suspended."""
    return tsub(_HYPHEN_SPACE, lambda m: "-", t)


def join_split_words(t: Tracked, ev: Evidence) -> Tracked:
    """'gemein samen' -> 'gemeinsamen' when the joined word is attested and the tail never
    stands alone elsewhere (a stray space from PDF kerning, not two words)."""

    def repl(m: re.Match[str]) -> str:
        head, tail = m.group(1), m.group(2)
        function = head.lower() in ev.function_words or tail in ev.function_words
        if tail[0].islower() and not function and ev.counts[tail] <= 1 and ev.attested(head + tail):
            return head  # drop the space; the tail stays where it is
        return m.group(0)

    previous = None
    while previous != t.text:  # 'Sicher heits partnerschaften' needs two passes
        previous = t.text
        t = tsub(_SPLIT_PAIR, repl, t)
    return t


def normalise_spaces(t: Tracked) -> Tracked:
    """Collapse runs of spaces; no space before closing punctuation or after an opening one."""
    t = tsub(_CURLY_PAIRS, lambda m: "“" if m.group(0) == "``" else "”", t)
    t = tsub(_MULTI_SPACE, lambda m: " ", t)
    t = tsub(_SPACE_BEFORE, lambda m: "", t)
    return tsub(_SPACE_AFTER_OPEN, lambda m: "", t).strip()
