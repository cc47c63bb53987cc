"""Layout noise, learnt from the document itself, before any cleaning or alignment.

PDF extraction leaves running headers and footers, page numbers and page-foot footnotes in
the text flow; web dumps (lynx, w3m) leave link markers, navigation bars, URL lists, image
alt texts and list bullets. None of that is a sentence of the document, and paired with a
real sentence it poisons a reference set. Each rule here is a small pure function over the
raw lines; every line it removes comes back with the reason, for unaligned.tsv.

A footnote area needs the document's note numbering (`note_numbering`, 1..N with N >= 2); where
the text alone stops (a document with one note, a mark glued to a short word: 'ist2', 'ein3'),
the page carries the numbering on (`page_attested_notes`: each next number glued to a word above,
and below it the number alone over note text at the column foot, or a label glued there), and
the block reader drops those marks too (`Layout.notes`). A word cut by a syllable hyphen at a
column foot may carry the area's number glued on ('pas1': pdftotext joined 'pas-' with the
label); below a mark of that number and over note text at the foot, the label goes, the hyphen
comes back and the note is set aside (`glued_labels`), so the word meets its rest again.

Removed lines are blanked rather than deleted, so raw line numbers stay valid and a removed
header still ends the text box it interrupted.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from harness.align.cleaning import NoteNumbers, glued_number_candidates, note_numbering, short_word_marks
from harness.align.glued_footers import glued_footers
from harness.align.lang import ALL_STOPWORDS, closes_block, closes_unopened, leaves_open

FORM_FEED = "\f"
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]"  # - 3 -, –3–
    r"|(?:seite|page|p\.|s\.)\s*\d{1,4}(?:\s*(?:/|von|of|de|sur)\s*\d{1,4})?"  # Seite 3, Page 3 of 9
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3 / 9
    r"|\[\s*\d{1,4}\s*\])$",  # [3]
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$|^[ivxlc]{1,6}$")
_PAGE_AT_START = re.compile(r"^[\d.]*\d[\d.]*(?=\s|$)")
_PAGE_AT_END = re.compile(r"(?<=\s)[\d.]*\d[\d.]*$")
_LINK_MARKER = re.compile(r"\[(?:\d{1,4}|IMG|INLINE|BUTTON|LINK|_+|X|\s)\]")
_URL = re.compile(r"^(?:\d{1,4}\.\s*)?(?:https?|ftp|file|mailto):\S*$|^www\.\S+$", re.IGNORECASE)
_LINK_LIST_HEAD = re.compile(r"^(?:references|visible links|hidden links|links|verweise|referenzen)\s*:?$", re.IGNORECASE)
_NAV_SEPARATOR = re.compile(r"\s+[|·•»]\s+|\s+-\s+(?=\S)")
_NAV_WORDS = re.compile(
    r"^(?:skip to (?:main )?content|jump to (?:navigation|search)|zum inhalt springen|navigation|"
    r"(?:other|andere) (?:languages|sprachen)|sprachen|languages|menu|menü|search|suche|"
    r"previous|next|back|zurück|weiter|vorherige|nächste|home|startseite|print|drucken|top|"
    r"nach oben|back to top)\s*:?$",
    re.IGNORECASE,
)
_ALT_TEXT = re.compile(r"^\[[^\]]{1,120}\]$")
_LANGUAGE_LINKS = re.compile(r"^(?:other languages|andere sprachen|languages|sprachen|autres langues|otros idiomas)\s*:", re.IGNORECASE)
_NOTE_END = re.compile(r"[^\W\d_][.!?:,][\"“”»«’]?#+$")  # 'abgelegt.#': a sentence end with a footnote mark
_RULE = re.compile(r"^[\s_━─=*~-]{10,}$")
_LINK_ITEM = re.compile(r"^\s*[*+•o-]\s+\[\d{1,4}\][^\[\].!?]{0,40}$")  # '* [43]debian-faq'
HEADER_MAX_CHARS = 80
MIN_REPEATS = 3
HEADER_SHARE = 0.8  # a running header is shorter than the document's median line
PAGE_SLACK = 5  # page numbers may run ahead of the lines between two copies by this much (_paged)
PAGE_NEIGHBOURS = 2  # copies on either side a numbered line's number is held against (_paged)
PAGE_FOOT_LINES = 8
LABEL_AREA_LINES = 4  # note text under a label glued at a column foot (`glued_labels`)


@dataclass(frozen=True)
class Layout:
    """The raw lines with noise blanked, form feeds gone and link markers stripped; removed
    line number (1-based) -> reason; the lines at the foot of a page (footnote areas)."""

    lines: list[str]
    removed: dict[int, str]
    page_foot: frozenset[int]
    bridged: frozenset[int] = frozenset()  # removed or blank lines a sentence runs across
    notes: frozenset[int] = frozenset()  # a numbering only the page attests (`page_attested_notes`)
    cut: dict[int, str] = field(default_factory=dict)  # line number (1-based) -> running text cut off its end (`glued_footers`)


def _key(line: str) -> str:
    """A running header with its page number: 'Debian-Referenz 12' ~ 'Debian-Referenz 13'. Only
    a number at either end is the page's; inner numbers stay ('4.2. The 1.x Releases' and
    '4.3. The 2.x Releases' are two headings, not one header). A number at the end alone counts
    as one at the start: books set the page number on the outer side, so the header of even
    pages ('12 Debian-Referenz') and of odd ones ('Debian-Referenz 13') are the same line."""
    text = line.strip()
    if not _PAGE_AT_START.search(text) and _PAGE_AT_END.search(text):
        text = "0 " + _PAGE_AT_END.sub("", text)
    return " ".join(_PAGE_AT_END.sub("#", _PAGE_AT_START.sub("#", text)).split()).casefold()


def page_breaks(raw: str) -> list[int]:
    """0-based indices (in `raw.splitlines()`) of lines that start a new page: pdftotext ends
    every page with a form feed, which splitlines() also takes for a line end."""
    ends = raw.splitlines(keepends=True)
    return [k + 1 for k, line in enumerate(ends) if line.endswith(FORM_FEED) and k + 1 < len(ends)]


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line.strip()))


class _Breaks:
    """Distances to page breaks counted in non-blank lines (blank lines do not separate)."""

    def __init__(self, lines: list[str], breaks: list[int]) -> None:
        self.rank = [0]
        for line in lines:
            self.rank.append(self.rank[-1] + bool(line.strip()))
        self.at = sorted(self.rank[b] for b in breaks)

    def near(self, k: int, reach: int) -> bool:
        """Line k is within `reach` text lines before or after a page break."""
        if not self.at:
            return False
        pos = bisect.bisect_left(self.at, self.rank[k])
        after = self.at[pos] - self.rank[k] if pos < len(self.at) else None  # lines k.. before the break
        before = self.rank[k + 1] - self.at[pos - 1] if pos > 0 else None  # lines from the break to k
        return (after is not None and after <= reach) or (before is not None and before <= reach)


def _runs_on(key: str) -> bool:
    """A line that ends a sentence (before any glued footnote number) or leads into more text
    ('… Einsätze mit', '… binär- und') is running text, not a header."""
    last = key.split()[-1:]
    return key.endswith((".", "!", "?", ":", ",", "-")) or bool(_NOTE_END.search(key)) or bool(last and last[0] in ALL_STOPWORDS)


def running_lines(lines: list[str], breaks: list[int]) -> set[int]:
    """Short lines repeated across the document (running headers and footers): three times
    anywhere, or twice next to page breaks. Never a line that reads like a sentence, and only
    lines that stand apart (a blank line or a page break beside them) and are shorter than
    running text: a repeated passage of the text itself is content. A line that closes a
    parenthesis the line above it left open ('Yaml (wahrscheinlich ausgereiftes' /
    'Auswertprogramm)') does not stand apart: it ends that line's text. Nor does a line under one
    ending on a hyphen ('Ab-' / 'schnitt 12': the word goes on), unless its key is a running line
    found from its other copies: a page break falls inside a hyphenated word as anywhere else,
    and a word's tail does not read like the document's header ('Unters-' / 'Debian-Referenz 5')."""
    stripped = [line.strip() for line in lines]
    distance = _Breaks(lines, breaks)
    lengths = sorted(len(line) for line in stripped if line)
    longest = HEADER_SHARE * lengths[len(lengths) // 2] if lengths else 0.0
    groups: dict[str, list[int]] = {}
    after_hyphen: dict[str, list[int]] = {}  # stand apart but for a line above ending on '-'
    for k, line in enumerate(stripped):
        key = _key(line)
        apart = k == 0 or k + 1 == len(lines) or not stripped[k - 1] or not stripped[k + 1] or distance.near(k, 1)
        if apart and k and stripped[k - 1].endswith("-") and key and len(key) <= HEADER_MAX_CHARS:
            after_hyphen.setdefault(key, []).append(k)
        apart = apart and not (k and stripped[k - 1].endswith("-"))  # 'Ab-' / 'schnitt 12': a word goes on
        apart = apart and not (k and leaves_open(stripped[k - 1]) and closes_unopened(line))  # '… (wahrscheinlich ausgereiftes' / 'Auswertprogramm)'
        if key and len(key) <= HEADER_MAX_CHARS and apart:  # 'pdftotext -layout' spreads a footer over the line
            groups.setdefault(key, []).append(k)
    top = next((k for k, line in enumerate(stripped) if line), -1)  # the first line of the document
    edges = page_edges(stripped, breaks)
    found: set[int] = set()
    for key, where in groups.items():
        where = _paged(where, stripped) if "#" in key else where
        if len(where) < 2 or not any(c.isalpha() for c in key):
            continue
        if _runs_on(key) and not (len(where) >= MIN_REPEATS and set(where) <= edges | {top}):
            continue  # a repeated sentence or a line leading into text is content, not furniture
        near = [k for k in where if distance.near(k, 3)]
        if len(where) >= MIN_REPEATS and len(key) <= longest:
            found.update(where)  # two-column extraction puts headers anywhere on the page
        elif len(near) >= 2:
            found.update(near)
        if where[0] == top and len(where) >= MIN_REPEATS:
            found.discard(where[0])  # at the top of the document it is the title the header repeats
        found.update(_title_atop_page(where, top, edges))
        if set(where) <= found:
            found.update(after_hyphen.get(key, ()))
    return found


def _paged(where: list[int], stripped: list[str]) -> list[int]:
    """The copies of a numbered line whose numbers can be page numbers. A page holds a line of
    text at least, so page numbers do not run ahead of the lines between them: a copy whose
    number runs ahead of every nearby copy's by more than the lines between them and PAGE_SLACK
    ('priority 1' / 'priority 100', two lines apart: values a web page's list explains, and the
    web page has no pages) numbers something else and is no running line. Nearby: the
    PAGE_NEIGHBOURS copies on either side, so that a lone line of the same form among real
    footers drops out alone. The slack is for blocks a PDF-like shuffle moves past a page break.
    Copies without a whole number ('3.1 Syntax') are not judged."""
    numbers = [_page_number(stripped[k]) for k in where]

    def fits(a: int, b: int) -> bool:
        na, nb = numbers[a], numbers[b]
        return na is None or nb is None or abs(nb - na) <= abs(where[b] - where[a]) + PAGE_SLACK

    def near(a: int) -> range:
        return range(max(0, a - PAGE_NEIGHBOURS), min(len(where), a + PAGE_NEIGHBOURS + 1))

    return [k for a, k in enumerate(where) if numbers[a] is None or any(fits(a, b) for b in near(a) if b != a)]


def _page_number(line: str) -> int | None:
    """The whole number at a line's start or end ('12 Debian-Referenz', 'priority 100'), else None."""
    m = _PAGE_AT_START.search(line) or _PAGE_AT_END.search(line)
    return int(m.group()) if m and m.group().isdigit() else None


def _title_atop_page(where: list[int], top: int, edges: set[int]) -> list[int]:
    """A copy of the document's first line (its title) as the first or last text line of a later
    page is the running header or footer that repeats the title, even when a short document has
    one such page only (the appendix 'Anhang A. Das Debian-Manifest' over page 2 of a two-page
    PDF, in the middle of a sentence cut there): text does not open or close a page by repeating
    the title verbatim. The first line itself stays: it is the title."""
    if not where or where[0] != top:
        return []
    return [k for k in where[1:] if k in edges]


def page_edges(stripped: list[str], breaks: list[int]) -> set[int]:
    """0-based first and last text lines of each page. A line repeated at page edges three times
    is a running header even when it reads like a sentence ('Kapitel 1. Einstieg, aber richtig!'):
    text does not begin or end pages with the same sentence."""
    edges: set[int] = set()
    for b in breaks:
        after = next((k for k in range(b, len(stripped)) if stripped[k]), None)
        before = next((k for k in range(b - 1, -1, -1) if stripped[k]), None)
        edges.update(k for k in (after, before) if k is not None)
    return edges


def page_numbers(lines: list[str], breaks: list[int]) -> set[int]:
    """Decorated page numbers anywhere; bare ones ('12', 'iv') only next to a page break."""
    found = set()
    distance = _Breaks(lines, breaks)
    for k, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        if is_page_number(text) and not _ALT_TEXT.match(text):
            found.add(k)
        elif _BARE_NUMBER.match(text) and distance.near(k, 2):
            found.add(k)
    return found


_NOTE_NUMBER = re.compile(r"^\d{1,3}$")
_LIST_BULLET = re.compile(r"^[•▪◦●○■□►‣∙·*+–-]\s")


def note_areas(lines: list[str], breaks: list[int], removed: set[int], notes: frozenset[int]) -> set[int]:
    """0-based lines of footnote areas that plain `pdftotext` sets apart from their note marks:
    a line holding only a number of the document's own note sequence (marks 'Jahr1', 'konnte2'
    in the text) with no text under it ('1' / '2' / blank, or '1' / blank) is the mark column
    of a footnote area, which runs to the foot of its column: the next running header or footer,
    page number or page break, within PAGE_FOOT_LINES lines of text. A number over its own note
    text is left to the block reader (a note of its own), and a list item inside the area is the
    other column's text, not a note: both are kept."""
    if not notes:
        return set()
    found: set[int] = set()
    for k, line in enumerate(lines):
        text = line.strip()
        if k not in removed and _NOTE_NUMBER.match(text) and int(text) in notes:
            found.update(_note_area(lines, k, set(breaks), removed))
    return found


def _note_area(lines: list[str], k: int, page_starts: set[int], removed: set[int]) -> list[int]:
    """The footnote area that the bare number on line k opens (see `note_areas`), else []."""
    below = lines[k + 1].strip() if k + 1 < len(lines) else ""
    if below and not _NOTE_NUMBER.match(below):
        return []
    area, text_lines, j = [k], 0, k + 1
    while j < len(lines) and j not in removed and j not in page_starts and text_lines <= PAGE_FOOT_LINES:
        text = lines[j].strip()
        if text and not _LIST_BULLET.match(text):
            area.append(j)
            text_lines += not _NOTE_NUMBER.match(text)
        j += 1
    return area if text_lines <= PAGE_FOOT_LINES else []


def page_attested_notes(lines: list[str], breaks: list[int], removed: set[int], notes: frozenset[int] = frozenset(), labels: frozenset[tuple[int, int]] = frozenset()) -> NoteNumbers:
    """The note numbering `notes` (from `note_numbering`; 1..N with N >= 2, else none) carried on
    by the page where the text alone stops: a document with one note ('enthält1 .'), or a mark
    the text cannot vouch for ('ein3', a short word; 'wird4 ,' after a gap). Each next number is
    glued to a word above (a plausible mark, or the only short word carrying it), and below that
    mark it opens a footnote area: the number alone over note text at the column foot ('1' /
    blank / 'zum Beispiel stable und testing' / running footer, `note_areas`), or a label glued
    to a word cut there (`labels`: (line, number) from `glued_labels`). A mark alone may be a code
    ('Version1', 'sda1'), a bare number alone a list or table cell; a mark over its own number at
    a page foot is a footnote. Empty where the page adds nothing."""
    first: dict[int, int] = {}
    short: dict[int, list[tuple[str, int]]] = {}
    for k, line in enumerate(lines):
        for number in glued_number_candidates(line):
            first.setdefault(number, k)
        for word, number in short_word_marks(line):
            short.setdefault(number, []).append((word, k))
    numbers, opening = set(notes), set(getattr(notes, "short", ()))
    n = max(numbers, default=0)
    while True:
        number = n + 1
        carriers = {word for word, _ in short.get(number, [])}
        mark = first.get(number, min((k for _, k in short.get(number, [])), default=None) if len(carriers) == 1 else None)
        if mark is None or not _opens_area(lines, breaks, removed, number, mark, labels):
            break
        if number not in first:
            opening.add((carriers.pop(), number))
        numbers.add(number)
        n = number
    return NoteNumbers(numbers, opening) if n > max(notes, default=0) else NoteNumbers()


def _opens_area(lines: list[str], breaks: list[int], removed: set[int], number: int, mark: int, labels: frozenset[tuple[int, int]]) -> bool:
    """Below line `mark`, `number` opens a footnote area with note text: alone on a line, or as
    a label glued at a column foot."""
    if any(k > mark and n == number for k, n in labels):
        return True
    heads = [k for k in range(mark + 1, len(lines)) if k not in removed and lines[k].strip() == str(number)]
    return any(any(not _NOTE_NUMBER.match(lines[j].strip()) for j in _note_area(lines, k, set(breaks), removed)) for k in heads)


_GLUED_LABEL = re.compile(r"(?<=[a-zäöüß])\d{1,3}$")


def glued_labels(lines: list[str], breaks: list[int], removed: set[int]) -> dict[int, list[int]]:
    """0-based lines ending in a footnote area's number glued to a word cut at the column foot
    ('… zu allen möglichen Aufrufen pas1' / blank / 'siehe VOREINSTELLUNGEN' / running footer),
    each with the area's lines below it. Plain `pdftotext` joins a line ending in a syllable
    hyphen ('pas-') with the next line of its flow, dropping the hyphen; at a column foot that
    next line is the number opening the footnote area. It is a label only where the same number
    is glued to a word as a plausible mark above it (the note's mark comes before its note) and
    the lines below, after a blank one, reach the column foot as `note_areas` reads it, with note
    text in them; a code at a column foot ('bei IPv4') has no such mark."""
    marks: dict[int, int] = {}
    for k, line in enumerate(lines):
        for number in glued_number_candidates(line):
            marks.setdefault(number, k)
    found: dict[int, list[int]] = {}
    for k, line in enumerate(lines):
        m = _GLUED_LABEL.search(line.rstrip())
        if k in removed or not m or marks.get(int(m.group(0)), k) >= k:
            continue
        area = _label_area(lines, k, set(breaks), removed)
        if any(not _NOTE_NUMBER.match(lines[j].strip()) for j in area):
            found[k] = area
    return found


def _label_area(lines: list[str], k: int, page_starts: set[int], removed: set[int]) -> list[int]:
    """The text lines under a glued label on line k down to the column foot (a removed line or a
    page break), else []: a blank line first, at most LABEL_AREA_LINES lines of text, and no list
    item (the other column's text running on, not a note)."""
    area, j = [], k + 1
    if j < len(lines) and lines[j].strip() and not _NOTE_NUMBER.match(lines[j].strip()):
        return []
    while j < len(lines) and j not in removed and j not in page_starts:
        text = lines[j].strip()
        if _LIST_BULLET.match(text) or sum(not _NOTE_NUMBER.match(lines[a].strip()) for a in area) >= LABEL_AREA_LINES:
            return []
        area += [j] if text else []
        j += 1
    return area


def looks_like_web_dump(lines: list[str]) -> bool:
    """lynx/w3m dumps number their links: '[12]' markers in the text, or a URL list."""
    markers = sum(len(re.findall(r"\[\d{1,4}\]", line)) for line in lines)
    urls = sum(1 for line in lines if _URL.match(line.strip()))
    return markers >= 3 or urls >= 3


def _continues_sentence(lines: list[str], k: int) -> bool:
    """A URL on its own line right under an unfinished line of text ('… Version: siehe' /
    'https://www.debian.org/releases/…'): a narrow column broke the sentence there."""
    above = lines[k - 1].strip() if k > 0 else ""
    return bool(above) and not _URL.match(above) and not closes_block(above)


def _sentence_tail(lines: list[str], k: int) -> bool:
    """'… made available with [48]dead key,' / '[49]AltGr key, and [50]compose key.': a line
    that ends a sentence under a line of text left unfinished (a word or a comma at its end) is
    the wrapped tail of that sentence, however many links it holds; a navigation bar neither
    ends with a full stop nor goes on from the line above."""
    above = lines[k - 1].strip() if k > 0 else ""
    text = lines[k].strip()
    return bool(above) and text.endswith((".", "!", "?")) and (above[-1:].isalpha() or above.endswith(",")) and not navigation(above, True)


def _sentence_head(lines: list[str], k: int) -> bool:
    """'* [140]Linux containers such as [141]Docker, [142]LXC. See' / '[143]Section 9.11,
    “Virtualized system”.': a line left unfinished whose next line ends a sentence is the
    start of that sentence, however many links it holds."""
    text = lines[k].strip()
    below = lines[k + 1].strip() if k + 1 < len(lines) else ""
    wraps = bool(below) and not re.match(r"[*+o#•-]\s", below)  # a new list item is no wrapped line
    return wraps and (text[-1:].isalpha() or text.endswith(",")) and bool(_SENTENCE_END.search(below))


def _open_brackets(line: str) -> int:
    plain = _LINK_MARKER.sub("", line)
    return plain.count("[") - plain.count("]")


def _bar_tail(lines: list[str], k: int, removed: set[int]) -> list[int]:
    """'[[8] << Running lilypond ] … [[12]' / 'Updating files with convert-ly >> ]': a navigation
    bar wrapped by the dump leaves a bracket open; the lines that go on to close it (without a
    blank line between) are the rest of the bar, not text."""
    found: list[int] = []
    depth = _open_brackets(lines[k])
    j = k + 1
    while depth > 0 and j < len(lines) and lines[j].strip() and j not in removed and "]" in lines[j]:
        found.append(j)
        depth += _open_brackets(lines[j])
        j += 1
    return found


def link_lists(lines: list[str]) -> set[int]:
    """'References' followed by numbered URLs (lynx), and lines that are only a URL."""
    found: set[int] = set()
    for k, line in enumerate(lines):
        text = line.strip()
        if _URL.match(text):
            if not _continues_sentence(lines, k):
                found.add(k)
        elif _LINK_LIST_HEAD.match(text):
            following = [line.strip() for line in lines[k + 1 : k + 6] if line.strip()]
            if following and _URL.match(following[0]):
                found.add(k)
    return found


_SENTENCE_END = re.compile(r"[^\W\d_][\"”’»)]*[.!?][\"”’»)]*$")  # 'See [137]Section 3.2, “Systemd init”.': a sentence, no bar
# a bracketed link button of a dump ('[[9]Top]', '[[8] << Running lilypond ]'), or one cut at the line end ('[[12]')
_BUTTON = re.compile(r"\[\[\d{1,4}\][^\[\]]*(?:\]|$)")
_LINK_ITEM_ONLY = re.compile(r"^\s*[*+o#•-]\s+\[\d{1,4}\][^\[\]]*$")  # '     o [45]Invoking lilypond'
_CONTENTS_ENTRY = re.compile(r"^\s*(?:[*+o#•-]\s+)?\[\d{1,4}\]\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-Z]\.)\s+\S")  # '[12]4.5.1. Configuration …'
CONTENTS_MIN = 3


def contents_entries(lines: list[str]) -> set[int]:
    """A web dump's table of contents: three or more lines, blank lines apart at most, that are
    each a link whose text opens with a section number. Body text does not open lines with a
    linked section number, and the same titles come again as the headings of the text. A
    side-bar contents list is nested under bullets ('* [42]1. Running lilypond', '+ [43]1.1 …',
    'o [45]Invoking lilypond'): its bulleted one-link entries without a number, and an entry's
    wrapped words, are part of it."""
    found: set[int] = set()
    run: list[int] = []
    for k, line in enumerate([*lines, "end"]):
        if _CONTENTS_ENTRY.match(line):
            run.append(k)
        elif run and (_LINK_ITEM_ONLY.match(line) or _indent(line) > _indent(lines[run[-1]]) and "[" not in line):
            run.append(k)  # a bulleted entry without a number, or an entry's wrapped last words
        elif line.strip():
            if sum(1 for j in run if _CONTENTS_ENTRY.match(lines[j])) >= CONTENTS_MIN:
                found.update(run)
            run = []
    return found


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def navigation(line: str, web: bool) -> bool:
    """A navigation bar or furniture line: link-only items between separators, or a known
    furniture phrase; in a web dump also a line made mostly of link markers (at most three
    words a link; bracket and arrow tokens are no words: '[[13] < Error messages ] [[14] Up :
    Running lilypond ]' is a bar of buttons; not a line ending a sentence: '* [136]Systemd. See
    [137]Section 3.2, “Systemd init”.' is a list item), and a line of nothing but bracketed link buttons
    ('[[8] << Suggestions for writing files ]'): text never brackets a whole link so."""
    text = line.strip()
    if not text:
        return False
    plain = _LINK_MARKER.sub("", text).strip()
    if _NAV_WORDS.match(plain) or _LANGUAGE_LINKS.match(plain):
        return True
    if web:
        buttons = _BUTTON.findall(text)
        if buttons and not any(c.isalnum() for c in _BUTTON.sub("", text)):
            return True
        markers = len(re.findall(r"\[\d{1,4}\]", text))
        if markers >= 2:
            words = sum(1 for token in _LINK_MARKER.sub(" ", text).split() if any(c.isalnum() for c in token))
            if words <= 3 * markers and not _SENTENCE_END.search(text):
                return True
        items = [item for item in _NAV_SEPARATOR.split(plain) if item.strip()]
        if len(items) >= 3 and all(len(item.split()) <= 3 for item in items) and any(c in text for c in "|·•»"):
            return True
    return False


HEAD_LINES = 3


def page_head(lines: list[str]) -> set[int]:
    """0-based indices of the document's first HEAD_LINES lines of text. A web page opens with its
    site's navigation bar ('po4a.org Home | Documentation | Download | Support'), and a dump
    without numbered links (w3m) is not recognised as a web dump: there, at the top of the
    document and only there, a bar of short items between '|' is navigation too (the same bar
    further down could be a row of a table; a title's dashes and quotes are no separators)."""
    return set([k for k, line in enumerate(lines) if line.strip()][:HEAD_LINES])


TITLE_WINDOW = 12  # first lines of text where a page's header may repeat its heading


def _title_in_header(lines: list[str]) -> list[int]:
    """0-based lines of a web page's header that repeat the heading below them verbatim
    ('Chapter 5. Network setup' in DocBook's navigation header, then as the chapter's heading):
    the heading stays, its copy in the header is furniture (left in, the two headings of the
    translation compete for the source's one)."""
    first = [k for k, line in enumerate(lines) if line.strip()][:TITLE_WINDOW]
    texts = [" ".join(lines[k].split()) for k in first]
    return [k for n, k in enumerate(first) if texts[n] in texts[n + 1 :] and any(c.isalpha() for c in texts[n])]


def _wrapped_bar(lines: list[str], k: int) -> bool:
    """A navigation bar at the top of a page that the dump wrapped after a separator
    ('manpages.debian.org manpages.debian.org Startseite | Dokumentation |' / 'Herunterladen |
    Hilfe'): neither half has three items, the two lines together are a bar."""
    line = lines[k].rstrip()
    if not line.endswith("|") or k + 1 >= len(lines) or not lines[k + 1].strip():
        return False
    return navigation(f"{line} {lines[k + 1].strip()}", True)


def link_header(lines: list[str]) -> list[int]:
    """0-based lines of the list of a page's related links that lynx prints first ('#[1]LilyPond
    — Usage [2]B. LilyPond index [3]Table of Contents [4]About' / 'This Document [5]…'): it opens
    with '#[1]' and runs over its wrapped lines to the first blank line; no text starts so."""
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None or not re.match(r"#\[\d{1,4}\]", lines[first].strip()):
        return []
    end = first
    while end < len(lines) and lines[end].strip():
        end += 1
    return list(range(first, end))


def strip_markers(line: str) -> str:
    """'See [4]the docs' -> 'See the docs'."""
    return _LINK_MARKER.sub("", line)


def dedent(lines: list[str]) -> list[str]:
    """Remove the document's usual indentation (lynx indents every paragraph line by three
    spaces), so that only a line indented beyond it still counts as indented."""
    indents = Counter(len(line) - len(line.lstrip(" ")) for line in lines if line.strip())
    if not indents:
        return lines
    usual = indents.most_common(1)[0][0]
    if usual == 0:
        return lines
    out = []
    for line in lines:
        indent = len(line) - len(line.lstrip(" "))
        out.append(line[min(indent, usual) :])
    return out


def _page_foot(lines: list[str], breaks: list[int], removed: set[int]) -> frozenset[int]:
    """The last few text lines before each page break: where footnote areas sit."""
    foot: set[int] = set()
    for b in breaks:
        count, k = 0, b - 1
        while k >= 0 and count < PAGE_FOOT_LINES:
            if lines[k].strip() and k not in removed:
                foot.add(k + 1)
                count += 1
            k -= 1
    return frozenset(foot)


def bridges(lines: list[str], removed: set[int]) -> frozenset[int]:
    """0-based removed lines (with the blank lines around them) that interrupt a sentence: the
    text before does not end one and the text after goes on in lower case ('Der DNS' /
    header / 'ist als …'). Those lines vanish instead of ending a text block."""
    found: set[int] = set()
    k = 0
    while k < len(lines):
        if k not in removed:
            k += 1
            continue
        lo, hi = k, k
        while lo > 0 and (lo - 1 in removed or not lines[lo - 1].strip()):
            lo -= 1
        while hi + 1 < len(lines) and (hi + 1 in removed or not lines[hi + 1].strip()):
            hi += 1
        before = lines[lo - 1].rstrip() if lo > 0 else ""
        after = lines[hi + 1].lstrip() if hi + 1 < len(lines) else ""
        if before and after[:1].islower() and not before.endswith((".", "!", "?", ":", "…")):
            found.update(range(lo, hi + 1))
        k = hi + 1
    return frozenset(found)


def _announced_link(lines: list[str], k: int) -> bool:
    """A lone linked item right under a sentence that announces it ('… that you may read along
    with this document:' / '* [42]Debian Packaging Tutorial'): the text names it, so it is content,
    not a list of links; a link list holds more than one."""
    before = next((lines[j] for j in range(k - 1, -1, -1) if lines[j].strip()), "")
    after = next((lines[j] for j in range(k + 1, len(lines)) if lines[j].strip()), "")
    return before.rstrip().endswith(":") and len(before.split()) > 3 and not _LINK_ITEM_ONLY.match(before) and not _LINK_ITEM_ONLY.match(after)


def analyse(raw: str) -> Layout:
    """Find the layout noise of one raw document; see the module docstring."""
    lines = raw.splitlines()
    breaks = page_breaks(raw)
    web = looks_like_web_dump(lines)
    reasons: dict[int, str] = {}
    running = running_lines(lines, breaks)
    for k in sorted(running):
        reasons[k] = "layout: running header or footer"
    for k in sorted(page_numbers(lines, breaks)):
        reasons.setdefault(k, "layout: page number")
    labels = glued_labels(lines, breaks, set(reasons))  # before the areas that bare numbers open: one may lie under a label
    for k in sorted(j for area in labels.values() for j in area):
        reasons[k] = "layout: footnote area"
    notes = note_numbering(raw)
    attested = page_attested_notes(lines, breaks, set(reasons), notes, frozenset((k, int(_GLUED_LABEL.search(lines[k].rstrip()).group(0))) for k in labels))
    for k in sorted(note_areas(lines, breaks, set(reasons), attested or notes)):
        reasons.setdefault(k, "layout: footnote area")
    for k in sorted(link_lists(lines)):
        reasons.setdefault(k, "layout: link list or URL")
    for k in sorted(contents_entries(lines)):
        reasons.setdefault(k, "layout: table of contents")
    head = page_head(lines)
    for k in link_header(lines):
        reasons[k] = "layout: navigation"
    for k, line in enumerate(lines):
        if k in reasons:
            continue
        if navigation(line, web or (k in head and "|" in line)) and not _sentence_tail(lines, k) and not _sentence_head(lines, k):
            reasons[k] = "layout: navigation"
        elif web and (_ALT_TEXT.match(line.strip()) or _ALT_TEXT.match(strip_markers(line).strip())):  # '[41][image of music]': a linked image
            reasons[k] = "layout: image or form placeholder"
    for k in sorted(head):
        if k not in reasons and k + 1 not in reasons and _wrapped_bar(lines, k):
            reasons[k] = reasons[k + 1] = "layout: navigation"
    for k in _title_in_header(lines) if web else []:
        reasons.setdefault(k, "layout: navigation")
    for k in sorted(k for k, r in reasons.items() if r == "layout: navigation"):
        for j in _bar_tail(lines, k, set(reasons)):
            reasons[j] = "layout: navigation"
    for k, line in enumerate(lines):
        if k in reasons:
            continue
        if _RULE.match(line) and line.strip():
            reasons[k] = "layout: horizontal rule"
        elif web and _LINK_ITEM.match(line) and len(line.split()) <= 4 and not _announced_link(lines, k):
            reasons[k] = "layout: link list or URL"
    for k in sorted(k for k, r in reasons.items() if r in ("layout: link list or URL", "layout: table of contents")):
        j = k - 1  # 'See also' over a list of links, 'Table of Contents' over its entries, is part of the furniture
        while j >= 0 and not lines[j].strip():
            j -= 1
        if j >= 0 and j not in reasons and len(lines[j].split()) <= 3 and not lines[j].rstrip().endswith((".", ",")) and (j == 0 or not lines[j - 1].strip()):
            reasons[j] = reasons[k]
    # a link list runs to the end of its block: the numbered URLs under 'References'
    for k in sorted(k for k, r in reasons.items() if r == "layout: link list or URL" and _LINK_LIST_HEAD.match(lines[k].strip())):
        j = k + 1
        while j < len(lines) and (not lines[j].strip() or _URL.match(lines[j].strip())):
            if lines[j].strip():
                reasons[j] = "layout: link list or URL"
            j += 1
    cleaned = [("" if k in reasons else (strip_markers(line) if web else line)) for k, line in enumerate(lines)]
    for k in labels:  # 'pas1' -> 'pas-': the label goes, the hyphen it took comes back
        cleaned[k] = _GLUED_LABEL.sub("-", cleaned[k].rstrip())
    footers = glued_footers(lines, running, set(reasons), {k for k in reasons if is_page_number(lines[k])})  # a running 'Seite 4' too
    foot = _page_foot(lines, breaks, set(reasons))
    bridged = frozenset(k + 1 for k in bridges([footers.get(k, line) for k, line in enumerate(lines)], set(reasons)))
    for k, text in footers.items():  # 'angegeDebian-Dokumentation' -> 'angege-': the footer goes; the hyphen comes back where the word goes on
        cleaned[k] = text + ("-" if k + 2 in bridged else "")
    cut = {k + 1: lines[k].rstrip()[len(text) :] for k, text in footers.items()}
    return Layout(dedent(cleaned), {k + 1: r for k, r in reasons.items()}, foot, bridged, attested, cut)


def removed_lines(raw: str, layout: Layout) -> list[tuple[int, str, str]]:
    """(line number, reason, original text) of every removed line, and of every running footer
    cut off a line's end, in order."""
    lines = raw.splitlines()
    found = [(n, reason, lines[n - 1].strip()) for n, reason in layout.removed.items()]
    found += [(n, "layout: running footer or page number glued to a cut word", text) for n, text in layout.cut.items()]
    return sorted(found)
