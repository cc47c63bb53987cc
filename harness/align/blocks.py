"""Raw text -> cleaned text pieces with a kind (body, heading, caption, note, footnote).

A piece is a run of raw lines that belongs together in the extraction: it ends at a blank line,
before a line the PDF extractor indented (a new text box), and after a photo credit. Pieces are
the units whose reading order gets restored later; over-splitting is harmless there.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache

from harness.align import cleaning
from harness.align.furniture import caption_line, caption_lines, label_lines, table_lines
from harness.align.glued import LINE_MIN_LOWER, Casing, capitals_heading, glued_heading_end, opens_line
from harness.align.hyphens import hyphen_cuts, orphaned_rests
from harness.align.lang import ALL_STOPWORDS, ends_sentence, stopwords, words
from harness.align.notes import FOOTNOTE_ITEM, bare_note_numbers, number_notes, page_foot_notes, unbridge_notes
from harness.align.parallel_items import item_starts
from harness.align.pullquotes import quote_boxes
from harness.align.roomy_lines import lower_case_breaks
from harness.align.segment import LOWER_ABBREVIATIONS
from harness.align.semicolons import semicolon_item_starts
from harness.align.terms import OPTION_TERM, TERM_WORDS, colon_label_lines, dash_term_lines, defines, option_line, parallel_lines, repeated_term_lines
from harness.align.tracked import Tracked, track
from harness.align.wrapping import running_lengths, wrap_width, word_would_fit

# a picture credit ('Foto: …', 'Quelle: …'), not a name of code ('APT::Sources::With', a configuration item)
_CREDIT = re.compile(r"©|(?<!:)\b(?:Foto|Photo|Bild|Image|Credit|Quelle|Source)s?\s*:(?!:)")
# the one-word tail of a sentence cut at a box end, at the start of an indented line (' zurück. Bereits …')
_CUT_TAIL = re.compile(r"\s+[^\W\d_]+[.!?]\s")
HEADING_MAX_WORDS = 12
# list bullets as PDF extraction and web dumps write them ('•', lynx's '*', '+', 'o', w3m's '•')
_BULLET = re.compile(r"^\s*(?:[•▪◦●○■□►‣∙·*+]|[-–](?=\s)|o(?=\s))\s+(?=\S)")
# a bullet glyph opens a list item: no wrapped line of a narrow box starts with one (nor is a
# code line one: see code_line)
_BULLET_GLYPH = re.compile(r"^\s*[•▪◦●○■□►‣]\s")
_NUMBERED_HEADING = re.compile(r"^\d{1,2}\.\s+[^\W\d_]")
_ENUMERATOR = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-z][.)]|\((?:\d{1,2}|[a-z])\))\s+(?=[^\W\d_])")
# a numbered heading: '3.1.1. Stufe 1: das UEFI', '2 Installation'
_SECTION_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+(?=[^\W\d_])")
# an outline number no decimal can be mistaken for: '1.2.', '3.1.1'
# verbs a heading may end with, unlike prepositions and articles ('12.1. Welche … gibt es auf' runs on)
_AUXILIARIES = frozenset("sind ist wird werden kann können hat haben war waren wurde wurden sein worden is are was were be been can does do have has will".split())
_OUTLINE_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.$|^\d{1,2}(?:\.\d{1,2}){2,3}\.?$")


@dataclass(frozen=True)
class Piece:
    index: int
    text: Tracked
    kind: str  # body | heading | item | caption | note | footnote
    restates: str = ""  # a pull quote: the body sentences it restates


@dataclass(frozen=True)
class _Group:
    lines: list[tuple[int, str]]
    blank_before: bool
    blank_after: bool
    cut_after: bool = False  # the next line opens a unit of its own (see _unit_breaks)


@lru_cache(maxsize=1 << 17)
def prepare_line(line: str) -> str:
    """Line-local cleaning that needs no evidence: Unicode, Markdown, trailing space (cached:
    casing, blocks and own lines each read every raw line)."""
    return cleaning.normalise_unicode(cleaning.strip_markdown(line)).rstrip()


def _groups(
    lines: list[str],
    starts: frozenset[int] = frozenset(),
    bridged: frozenset[int] = frozenset(),
    items: frozenset[int] = frozenset(),
    columns: dict[int, int] | None = None,
    soft: frozenset[int] = frozenset(),
) -> list[_Group]:
    """Runs of lines ending at a blank line, before a new text box, or after a photo credit;
    `starts` (1-based) are lines that open a group of their own (list items, page-foot notes);
    `bridged` lines are passed over (a running header inside a sentence); a list item (its
    first line in `items`) runs on over its indented continuation lines: a line indented exactly
    to the item's text (its `columns` entry: where the text after the bullet or number starts)
    is its wrapped text whatever it starts with ('     * … Profile name →' / '       Compatibility
    → …'); a dump hangs an item's lines so, while a paragraph after the list starts elsewhere.
    A `soft` start (roomy_lines) opens a group without marking the group before as cut."""
    groups: list[_Group] = []
    current: list[tuple[int, str]] = []
    blank_before = True

    def close(blank_after: bool, cut: bool = False) -> None:
        nonlocal current, blank_before
        if current:
            groups.append(_Group(current, blank_before, blank_after, cut))
        current, blank_before = [], blank_after

    for number, line in enumerate(lines, start=1):
        if number in bridged:
            continue
        if not line.strip():
            close(True)
            continue
        in_item = bool(current) and current[0][0] in items
        hanging = in_item and number not in items and _indent(line) == (columns or {}).get(current[0][0], -1)
        if current and not hanging and (number in starts or (not in_item and _opens_box(line, current[-1][1]))):
            close(False, number in starts and number not in soft)
        current.append((number, line))
        if _CREDIT.search(line) and ends_sentence(line):
            close(False)
    close(True)
    return groups


def _opens_box(line: str, previous: str) -> bool:
    """An indented line starting in lower case or with the one-word tail of a cut sentence
    opens a new text box (PDF extractors indent box starts; an indented capital may be a name).
    A line at the left edge of an unfinished line above does not: they are one box, as in a
    web dump, which indents every line of a paragraph ('   … may' / '   be overridden'); after a
    finished line the lower-case line may still be a new box ('   Siehe … für Details.' / '   pod
    (ausgereiftes Auswertprogramm)', a term of an indented definition list). A one-space indent
    is no layout indent but the extractor's mark of a box start (' NATO und Kolumbien datieren
    allerdings weiter' / ' weiter zu professionalisieren …' are two boxes)."""
    if not line[:1].isspace() or previous.endswith("-"):
        return False
    if PARAGRAPH_INDENT_MIN <= _indent(line) <= _indent(previous) and not ends_sentence(previous):
        return False  # same left edge as an unfinished line above (a web dump indents every line): the same box
    return line.strip()[:1].islower() or bool(_CUT_TAIL.match(line))


_INNER_SENTENCE_END = re.compile(r"[^\W\d_]*[a-zäöüß]{2}[.!?]\s+[A-ZÄÖÜ]")  # not 'Dr. X', '4.1. X', 'z. B. X'


def _is_heading(group: _Group, text: str, median_len: float, lang: str, after_heading: bool) -> bool:
    """Short, no sentence end (footnote marks already removed), set off by blank lines or
    starting with a line much shorter than the column."""
    tokens = words(text)
    if not tokens or len(tokens) > HEADING_MAX_WORDS or ends_sentence(text) or text.endswith(("-", ",")):
        return False
    if _INNER_SENTENCE_END.search(text):
        return False  # 'User display mode: activated. Title block displayed …': a heading holds no finished sentence
    if tokens[-1].lower() in stopwords(lang):
        return False
    if after_heading and not group.blank_before and text[:1].islower():
        return True  # the second line of a heading, split off as its own box
    bounded = group.blank_before and group.blank_after
    cut_line = len(group.lines) == 1 and group.cut_after and not text[:1].islower()  # 'AsciiDoc (ausgereift)' / 'Dieses …'
    numbered = len(group.lines) == 1 and numbered_heading(group.lines[0][1])
    return bounded or cut_line or numbered or len(group.lines[0][1].strip()) < 0.6 * median_len


@lru_cache(maxsize=1 << 16)
def numbered_heading(line: str) -> bool:
    """'3.1.1. Stufe 1: das UEFI', '2 Installation': a section number, a few words, no sentence end."""
    text = line.strip()
    m = _SECTION_NUMBER.match(text)
    tokens = words(text)
    if not m or len(tokens) > HEADING_MAX_WORDS or ends_sentence(text) or text.endswith((",", "-", ":")):
        return False
    number = m.group(0).strip()
    last = tokens[-1].lower()
    if last in ALL_STOPWORDS and not (_OUTLINE_NUMBER.match(number) and last in _AUXILIARIES):
        return False  # '33 Staaten traten bei und': running text; '1.2. Programme, die nötig sind' a heading
    dotted = "." in number
    return dotted or (len(number) == 1 and text[m.end() :][:1].isupper() and len(tokens) <= 6)


ABBREVIATION_END = re.compile(r"(?:^|\s)(?:[^\W\d_]{1,2}\.|\d{1,3}\.|[^\W\d_]\.[^\W\d_]\.)$")
# a command line under a shell prompt: '$ sudo systemctl start exim4', '# dpkg-reconfigure locales'
PROMPT = re.compile(r"^\s*[$#]\s+[a-z][\w.+-]*(?:\s|$)")
_CODE_CHARS = frozenset("|\\<>={}+^~")
CODE_CHARS_MIN = 3


def code_line(line: str) -> bool:
    """A line of code, a diagram or a table row ('|=head1 BESCHREIBUNG | |dummy', 'Eingabedokument
    -- \\ /---> Ausgabedokument', 'Modus | Begrenzungsart | …'): three or more of the characters
    that code, ASCII art and text tables are made of and running prose hardly uses ('|', '\\',
    '<', '>', '=', '{', '}', '+', '^', '~'; a markup name '<section>' or 'x = 1' has two)."""
    return sum(c in _CODE_CHARS for c in line) >= CODE_CHARS_MIN


# a line of a file or listing a sentence introduces ('Die "/etc/hosts"-Datei sieht so aus:'): it opens with an
# address or version ('127.0.0.1 localhost'), a section or comment mark ('[Match]', '# The following …'),
# a path or tag ('/etc/hosts', '<language>'), or a setting ('Name=en*'); never a list number or a link mark '[12]'
_CODE_LINE = re.compile(r"^\s*(?:\d+\.\d+\S*|\[(?!\d+\])[^\]\s]+\]|[#</~]\S*|[\w.-]+=\S*)(?:\s|$)")
_STARTS_UNIT = re.compile(r"^\s*(?:[A-ZÄÖÜ0-9„“\"«»(\[]|-{1,2}[A-Za-z])")
SHORT_LINE = 0.6
NARROW_LINE = 0.8
TERM_LINE = 0.95  # a term line closing a parenthesis ends short of a full line


def _capitals_after_text(before: str, line: str, running: frozenset[str] | None = None) -> bool:
    """A manual's section heading in capitals ('EXIT-STATUS', 'SIEHE AUCH') is a line of its own
    under the text of the section before, whatever that text ends with (an option's description
    often has no stop). Not a capitalised word list wrapped onto its line ('EXIT-STATUS,
    RÜCKGABEWERT, FEHLER,': commas), nor a name after a line that cannot end ('… der' / 'NATO'),
    unless none of its words is one the document writes in capitals inside its running text
    (`running`, see running_capitals): a name is written so there too, a heading is not. PDF-like
    text cuts a block after any line and runs the next block on without a blank line ('… wird
    der' / 'OPTIONEN')."""
    last = words(before)[-1:]
    return (
        bool(before and last)
        and capitals_heading(line)
        and "," not in line
        and not capitals_heading(before)
        and not before.endswith(("-", ",", "(", "/", "–"))
        and (last[0].lower() not in ALL_STOPWORDS or (running is not None and running.isdisjoint(_CAPITAL_WORD.findall(line))))
    )


_CAPITAL_WORD = re.compile(r"[^\W\d_]{2,}")


def running_capitals(lines: list[str]) -> frozenset[str]:
    """Words of two letters or more written in capitals on lines of running text (lines that are
    no heading in capitals): the document's acronyms and names ('NATO', 'GNU')."""
    return frozenset(w for line in lines if not capitals_heading(line) for w in _CAPITAL_WORD.findall(line) if w.isupper())


def term_named_again(before: str, line: str) -> bool:
    """A manual's term line over its description, which names the term again ('showpkg Paket...'
    / 'showpkg zeigt Informationen …', 'policy [Paket...]' / 'policy ist dazu gedacht …'): a
    short line and the next open with the same word, not a function word. Running text does
    not wrap a short line and open the next with the word that opened it; a command's
    description does, even in lower case, where no other rule sees a new unit."""
    head, first = before.split(maxsplit=1)[:1], line.split(maxsplit=1)[:1]
    return (
        bool(head and first)
        and head[0] == first[0]
        and any(c.isalpha() for c in head[0])
        and head[0].lower() not in ALL_STOPWORDS
        and len(words(before)) <= TERM_WORDS - 1
        and not before.endswith(("-", ",", "(", "/", "–"))
    )


def short_line_limit(lines: list[str], median_len: float) -> float:
    """How short a line must be to end its text: shorter than nearly all lines that clearly
    run on (the next line goes on in lower case). Justified PDF text runs on only in full
    lines; ragged web text also in shorter ones."""
    running = running_lengths(lines)
    if len(running) < 20:
        return SHORT_LINE * median_len
    return max(SHORT_LINE * median_len, min(0.9 * median_len, running[len(running) // 20]))


def _unit_breaks(lines: list[str], median_len: float, casing: Casing | None = None, lang: str = "") -> frozenset[int]:
    """1-based lines that open a new group though no blank line precedes them: PDF
    extraction does not reliably separate paragraphs, headings or text boxes. The line
    before ends a sentence (not an abbreviation or ordinal), or is a short line that cannot
    run on (a heading, an option term, the last line of a paragraph), and this line starts
    like a new unit. Cutting there is harmless: a sentence ends there anyway. A command line
    under a shell prompt after a line ending with a colon is a code block the sentence
    introduces: a web page keeps it apart (<pre>), a PDF extraction runs it on."""
    found = set()
    earlier = ""  # the last non-blank line before `before`
    quotes = _QuoteDepth()
    short = short_line_limit(lines, median_len)
    width = wrap_width(lines)
    running = running_capitals(lines)
    for k in range(1, len(lines)):
        if k >= 2 and lines[k - 2].strip():
            earlier = lines[k - 2].strip()
        before, line = lines[k - 1].strip(), lines[k]
        if not before:
            quotes = _QuoteDepth()
        quotes.add(before)
        if before and line.strip() and capitals_heading(before) and not before.endswith(",") and not capitals_heading(line):
            found.add(k + 1)  # 'SYNOPSIS' / 'dpkg-deb [option...] command'; not 'FEHLER,' / 'UMGEBUNGSVARIABLEN und …'
            continue
        if _capitals_after_text(before, line.strip(), running):
            found.add(k + 1)  # 'Versionsinformation anzeigen und beenden' / 'EXIT-STATUS'
            continue
        if term_named_again(before, line.strip()):
            found.add(k + 1)  # 'showpkg Paket...' / 'showpkg zeigt Informationen über …'
            continue
        if k + 1 < len(lines) and ends_sentence(before) and term_named_again(line.strip(), lines[k + 1].strip()):
            found.add(k + 1)  # '… veraltet ist.' / 'showpkg Paket...': the term line opens its unit too
            continue
        if before.endswith(":") and (PROMPT.match(line) or _CODE_LINE.match(line)):
            found.add(k + 1)  # 'Starten Sie exim4 mit folgendem Befehl:' / '$ sudo systemctl start exim4'; '… so aus:' / '127.0.0.1 localhost'
            continue
        if PROMPT.match(line) and ends_sentence(before):
            found.add(k + 1)  # 'Start exim4 by the following.' / '$ sudo systemctl start exim4': English introduces with a stop
            continue
        if before.endswith(":") and line.strip() and (code_line(line) or defines(line)) and not code_line(before):
            found.add(k + 1)  # 'Hier eine grafische Darstellung davon:' / 'Eingabedokument -- \\ /---> …': a web page's <pre>
            continue  # 'Umwandlungselemente sind:' / '%% = wird ersetzt durch %': a definition, even alone
        ends_group = k + 1 == len(lines) or not lines[k + 1].strip()
        if tail_after_sentence(before, line) and (ends_group or not _term_line(line, median_len)) and not quotes.open():
            found.add(k + 1)  # '… gibt es ein Formular.' / 'ging dem WWW voraus.': the tail of a sentence cut elsewhere, or a term line
            quotes = _QuoteDepth()
            continue
        if not before or not line.strip() or not _STARTS_UNIT.match(line) or _CREDIT.search(line):
            continue  # a photo credit closes the caption above it: they stay one block
        if casing is not None and numbered_heading(before) and _ends_on_modifier(before, casing, lang):
            continue  # '5.2.1. Grafische' / 'Netzwerkkonfigurations-Werkzeuge': the heading's noun
        if quotes.open():
            continue  # inside a quotation: the segmenter keeps it whole
        if casing is not None and _colon_then_opener(before, line, casing):
            found.add(k + 1)  # '… muss es wie folgt zurückgesetzt werden:' / 'Jetzt kann das loop device …'
            quotes = _QuoteDepth()
            continue
        if ends_sentence(before) and (not ABBREVIATION_END.search(before) or option_line(line)):
            found.add(k + 1)  # '… und extreme für Xz.' / '-ZKomprimierart': no abbreviation's sentence goes on with an option
            quotes = _QuoteDepth()
            continue
        last = words(before)[-1:]
        if (
            casing is not None
            and opens_line(line, casing, lang, line_start=True)
            and last
            and (last[0].lower() not in ALL_STOPWORDS or before.endswith(":") or code_line(before) or opens_line(line, casing, lang))  # 'äquivalent sind:' / 'Hier sucht …'; '| |ich' / 'Dann wird …': code, no clause; '… Paket an' / 'Die Release-Datei …': a function word may end a clause (a verb particle) where the opener has the full evidence
            and not before.endswith(("-", ",", "(", "/", "–"))
        ):
            found.add(k + 1)  # 'Yaml (wahrscheinlich ausgereift)' / 'Eine strikte Obermenge …'
            quotes = _QuoteDepth()
            continue
        if before[:1].islower() and earlier and not ends_sentence(earlier) and not _colon_ends_paragraph(before, line, width):
            continue  # the lower-case tail of a heading or sentence ('Sicherheitspartnerschaft' / 'mit Substanz')
        term = _term_line(before, median_len)  # 'AsciiDoc (ausgereift)'
        term = term or bool(OPTION_TERM.match(before)) and len(words(before)) <= TERM_WORDS + 1  # '-b, --build Verzeichnis'
        narrow = [len(x.strip()) for x in lines[k : k + 2] if not _BULLET_GLYPH.match(x) and not code_line(x)]
        if (
            len(narrow) == 2
            and all(0 < n < NARROW_LINE * median_len for n in narrow)
            and not (term and len(words(before)) <= TERM_WORDS)
            and not word_would_fit(before, line, width)
        ):
            continue  # a narrow box of short lines (pull quote, caption): one block; a short term line still ends
        if (
            ((len(before) < short and not _may_be_wrapped(before, line, median_len, width)) or term or word_would_fit(before, line, width))
            and not before.endswith(("-", ",", "(", "/", "–"))
            and last
            and (last[0].lower() not in ALL_STOPWORDS or before.endswith(":"))  # 'werden:' closed its clause
        ):
            found.add(k + 1)
            quotes = _QuoteDepth()
    return frozenset(found)


def _term_line(line: str, median_len: float) -> bool:
    """A term line of a definition list: it closes a parenthesis it opened and ends short of a
    full line ('AsciiDoc (ausgereift)', 'pod (ausgereiftes Auswertprogramm)'); it may open in
    lower case."""
    line = line.strip()
    return line.endswith(")") and "(" in line and len(line) < TERM_LINE * median_len


_LOWER_WORD = re.compile(r"\s*[a-zäöüß]+[\s,;:.!?)]")
# a sentence end after a word of four letters or more ('Formular.'), not an abbreviation ('d.h.', 'usw.')
_STOPPED_WORD = re.compile(r"(?:^|[\s(»„\"])([^\W\d_]{4,})[.!?][\"'»«“”)]*\d*$")


def tail_after_sentence(before: str, line: str) -> bool:
    """A line opening with a lower-case word under a line that ends a sentence (not on an
    abbreviation: 'z. B.', 'd.h.', 'usw.', '4.'): no German or English sentence opens in lower case, so the line
    goes on a sentence whose head is elsewhere (shuffled blocks not parted by a blank line:
    '… gibt es ein Formular.' / 'ging dem WWW voraus.'). Only a plain word counts: a command or
    file name ('dpkg-deb', 'po4a(1)') may open a sentence. Cutting there is harmless: a sentence
    ends there anyway. (_unit_breaks cuts before a definition list's term line there ('pod (…)')
    only where a blank line follows the term: 'paar Präsentationen ausprobiert.' / 'text
    (ausgereiftes Auswertprogramm)' alone make a two-line group read as one heading, which the
    segmenter never splits; a term with its description under it stays with the sentence above,
    which the segmenter parts from it, while a term piece of its own would read as a cut
    sentence's head and be joined to the description.)"""
    last = _STOPPED_WORD.search(before)
    return bool(last) and ends_sentence(before) and last.group(1).lower() + "." not in LOWER_ABBREVIATIONS and bool(_LOWER_WORD.match(line))


def _colon_then_opener(before: str, line: str, casing: Casing) -> bool:
    """A line ending on a colon, the next opening with a capitalised word that the document
    otherwise writes in lower case ('… muss es wie folgt zurückgesetzt werden:' / 'Jetzt kann das
    loop device …'): the colon's sentence announced a listing, an example or a list, which stood
    between (a PDF's text drops code boxes), and a new sentence starts. A capital that the word
    always has (a German noun, a name: '… publicly available:' / 'Debian promised …') may go on
    the colon's own sentence, so it does not count."""
    word = re.match(r"\s*([^\W\d_]+)", line)
    return before.endswith(":") and not before.endswith("::") and word is not None and casing.opens_sentence(word.group(1), LINE_MIN_LOWER)


def _colon_ends_paragraph(before: str, line: str, width: float) -> bool:
    """'… wie folgt' / 'beheben:' / 'Machen Sie irgendetwas …': the lower-case last line of a
    sentence that ends with a colon, leaving room for the next line's first word, ended its
    paragraph: the colon announces what followed it in the original (a listing, an example, a
    list) and greedy wrapping would have pulled that word up. A heading's lower-case tail, which
    the caller keeps with its heading, does not end on a colon."""
    return before.endswith(":") and word_would_fit(before, line, width)


def _may_be_wrapped(before: str, line: str, median_len: float, width: float) -> bool:
    """Whether a line of ordinary length (not shorter than SHORT_LINE of the median) may have
    been wrapped although it is shorter than the lines known to run on: the next line's first
    word would not have fitted within the document's wrap width. Greedy wrapping breaks exactly
    where the next word no longer fits, so such a line's length says nothing of a paragraph end
    ('Zur gleichen Zeit wurde eine neue' / 'Testing-Distribution eingeführt.'). Those known run-on
    lines go on in lower case, which in German leaves out every line wrapped before a noun, so
    their shortest lengths overstate how full a wrapped line is. A heading stays one by being
    short, set off, numbered or followed by a word that would have fitted."""
    first = line.split(maxsplit=1)[:1]
    if not first or math.isinf(width) or len(before.strip()) < SHORT_LINE * median_len:
        return False
    return len(before.strip()) + 1 + len(first[0]) > width


class _QuoteDepth:
    """Whether the text since the last block start has an unclosed quotation (German „…“,
    English “…”, guillemets)."""

    def __init__(self) -> None:
        self.counts = {c: 0 for c in "„“”«»"}

    def add(self, text: str) -> None:
        for c in self.counts:
            self.counts[c] += text.count(c)

    def open(self) -> bool:
        n = self.counts
        if n["„"]:
            return n["„"] > n["“"]
        return n["“"] > n["”"] or n["«"] != n["»"]  # »…« and «…» both: unbalanced is open


PARAGRAPH_INDENT_MIN = 2  # spaces: a one-space step is a raised footnote mark's artefact, not an indent
PARAGRAPH_INDENT_EVIDENCE = 3  # paragraphs the document must open with an indent


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def paragraph_indent(lines: list[str]) -> int:
    """The first-line indent the document opens its paragraphs with, 0 if it has none. Typeset
    text extracted with its layout (`pdftotext -layout`) sets running lines flush and steps in
    the first line of each paragraph; the evidence is a flush line ending a sentence, then an
    indented line starting with a capital, then a flush line again (the paragraph goes on). The
    indent is the smallest of those steps that is not a rare outlier (extraction rounds columns)."""
    steps = sorted(
        _indent(lines[k])
        for k in range(1, len(lines) - 1)
        if lines[k - 1].strip()
        and lines[k + 1].strip()
        and _indent(lines[k - 1]) == 0
        and _indent(lines[k + 1]) == 0
        and _indent(lines[k]) >= PARAGRAPH_INDENT_MIN
        and lines[k].strip()[:1].isupper()
        and ends_sentence(lines[k - 1])
    )
    if len(steps) < PARAGRAPH_INDENT_EVIDENCE:
        return 0
    return max(PARAGRAPH_INDENT_MIN, steps[len(steps) // 10] - 1)


def _indent_starts(lines: list[str], indent: int) -> frozenset[int]:
    """1-based lines that open a paragraph by the document's own first-line `indent` (see
    paragraph_indent): a line stepped in that far from the line above, starting like a unit.
    In such a document running lines never step in, so whatever the line above ends with (a
    colon introducing a dropped code block, a heading, a list item's last line), its text ends
    there; only a word hyphenated over the line end goes on. A paragraph's first line (indented,
    the next line flush) under another indented line opens a paragraph too: the line above was
    a paragraph of one line ('… dass der Linux-Kernel' / '»… zwischen 0.99R8 …'), while the lines
    of an indented block (a quotation, code) are indented alike and stay together, its last line
    too (the line above it is indented as well)."""
    if not indent:
        return frozenset()
    found = set()
    for k in range(1, len(lines)):
        before, line = lines[k - 1], lines[k]
        after = lines[k + 1] if k + 1 < len(lines) else ""
        stepped = _indent(line) >= max(indent, _indent(before) + PARAGRAPH_INDENT_MIN)
        alone = k < 2 or not lines[k - 2].strip() or _indent(lines[k - 2]) < indent  # the line above stands alone
        first_line = _indent(line) >= indent and _indent(before) >= indent and alone and after.strip() and not _indent(after)
        if before.strip() and (stepped or first_line) and _STARTS_UNIT.match(line) and not before.rstrip().endswith("-"):
            found.add(k + 1)
    return frozenset(found)


def flush_small_indents(lines: list[str], indent: int) -> list[str]:
    """In a document that opens paragraphs with a first-line `indent`, a line stepped in less than
    that is no new text box: a raised footnote mark pushes the next line a space to the right
    ('… für ein Jahr1' / ' vom GNU-Projekt …'), a list item's text hangs under its bullet. Such a
    line is set flush, so only the paragraph indent speaks for a new block."""
    if not indent:
        return lines
    return [line.lstrip(" ") if 0 < _indent(line) < indent else line for line in lines]


def _heading_starts(lines: list[str]) -> frozenset[int]:
    """1-based numbered-heading lines that follow a finished line: they open a group even
    without a blank line before them ('… abgelegt.' / '3. Die Systeminitialisierung')."""
    found = set()
    for k, line in enumerate(lines):
        before = lines[k - 1].strip() if k else ""
        if numbered_heading(line) and (not before or ends_sentence(before) or before.endswith(":")):
            found.add(k + 1)
    return frozenset(found)


def _split_leading_heading(group: _Group, median_len: float, lang: str, casing: Casing | None = None) -> list[_Group]:
    """'Fazit' / 'Die globale Partnerschaft …' in one box: a short first line with no sentence
    end over at least two full-width lines starting with a capital is a heading over its text
    (a pull quote's lines are all short; a two-line title has no body under it)."""
    if len(group.lines) >= 2 and numbered_heading(group.lines[0][1]) and not _hanging(group) and not (casing is not None and _ends_on_modifier(group.lines[0][1], casing, lang)):
        return [_Group(group.lines[:1], group.blank_before, True), _Group(group.lines[1:], True, group.blank_after)]
    if len(group.lines) < 3:
        return [group]
    head, second = group.lines[0][1].strip(), group.lines[1][1].strip()
    tokens = words(head)
    if not (
        tokens
        and len(head) < 0.6 * median_len
        and len(tokens) <= HEADING_MAX_WORDS
        and not ends_sentence(head)
        and not head.endswith(("-", ",", ":"))
        and tokens[-1].lower() not in stopwords(lang)
        and (second[:1].isupper() or second[:1].isdigit())
        and len(second) >= 0.8 * median_len
    ):
        return [group]
    return [_Group(group.lines[:1], group.blank_before, True), _Group(group.lines[1:], True, group.blank_after)]


_INFLECTED = {"de": ("e", "er", "es", "em")}  # not "en": a verb ends a heading on it ('3.2.4. Elegant Urlaub machen')


def _ends_on_modifier(line: str, casing: Casing, lang: str) -> bool:
    """Whether a line ends on an inflected adjective whose noun must follow: in a language that
    capitalises its nouns (_INFLECTED), a word with an adjective's ending that the document
    writes in lower case in its text and never capitalises there mid-sentence ('Grafische' of
    '5.2.1. Grafische' / 'Netzwerkkonfigurations-Werkzeuge', the text writing 'die grafische
    GUI-Oberfläche'). English writes its nouns in lower case too: no such evidence there."""
    last = words(line)[-1:]
    if not last or lang not in _INFLECTED or not last[0].lower().endswith(_INFLECTED[lang]):
        return False
    return casing.opens_sentence(last[0][:1].upper() + last[0][1:].lower(), LINE_MIN_LOWER)


def _split_title_lines(group: _Group, lang: str, casing: Casing | None = None) -> list[_Group]:
    """A heading block can hold two titles on separate lines ('mit Substanz' / 'Kolumbien als …'):
    break before a capitalised line unless the previous line ends with a function word or an
    adjective whose noun it is (_ends_on_modifier: '5.2.1. Grafische' / 'Netzwerkkonfigurations-
    Werkzeuge'; a numbered line so ended is not split off its text either, nor cut from the next
    line by _unit_breaks). Two headings in capitals are two headings whatever they end with
    ('SIEHE AUCH' / 'AUTOREN'): a manual's section heading is a line of its own, a few words long,
    never wrapped. A block ending with a colon is one sentence introducing what follows, wrapped
    ('Die obere Toolbar erlaubt einen einfachen' / 'Zugriff auf die folgenden Kommandos:'): two
    titles would not share one colon."""
    later = group.lines[1:]
    if group.lines[-1][1].rstrip().endswith(":") and not any(capitals_heading(line) or numbered_heading(line) for _, line in later):
        return [group]  # a numbered line ('Beispiel' / '4.2. Mehrzeilige Texte:') still starts a heading of its own
    parts: list[list[tuple[int, str]]] = [[group.lines[0]]]
    for number, line in group.lines[1:]:
        prev = words(parts[-1][-1][1])
        capitals = capitals_heading(line) and capitals_heading(parts[-1][-1][1])
        opens = line.strip()[:1].isupper() and prev and prev[-1].lower() not in stopwords(lang)
        if (opens and not (casing is not None and _ends_on_modifier(parts[-1][-1][1], casing, lang))) or numbered_heading(line) or capitals:
            parts.append([])
        parts[-1].append((number, line))
    last = len(parts) - 1
    return [
        _Group(p, group.blank_before if i == 0 else False, group.blank_after if i == last else False)
        for i, p in enumerate(parts)
    ]


def _clean(group_lines: list[tuple[int, str]], ev: cleaning.Evidence, notes: frozenset[int]) -> Tracked:
    t = cleaning.join_lines([track(line, number) for number, line in group_lines], ev)
    t = cleaning.remove_footnote_markers(t, notes)
    t = cleaning.close_hyphen_space(t)
    t = cleaning.join_split_words(t, ev)
    return cleaning.normalise_spaces(t)


def _mark(line: str) -> str:
    """The bullet a line starts with, '#' for any enumerator, '' for none."""
    bullet = _BULLET.match(line)
    if bullet:
        return bullet.group(0).strip()[:1]
    return "#" if _ENUMERATOR.match(line) else ""


def _note_number(line: str) -> int | None:
    """The number a line opens with as a footnote does ('- 1 Adán García …', '3 Siehe …'), else
    None: not an enumerator's ('1. Laden', a list item)."""
    m = FOOTNOTE_ITEM.match(line)
    return int(m.group(1)) if m and not _ENUMERATOR.match(line.lstrip("-*• ")) else None


def _numbered_notes(lines: list[str], marks: list[str]) -> set[int]:
    """0-based lines that open with a bullet and a note number (:func:`_note_number`: '- 1 Adán
    García …') where the document numbers such lines on: a line with the same bullet carries the
    number before or after it. Notes run 1, 2, 3; a list whose items open with quantities does
    not ('* 100 years : …', '* 30 years : …', '* 20 years : …', and '* 1 cycles : …' alone
    under another paragraph)."""
    found = [_note_number(line) for line in lines]
    numbers: dict[str, set[int]] = {}
    for k, n in enumerate(found):
        if n is not None:
            numbers.setdefault(marks[k], set()).add(n)
    return {k for k, n in enumerate(found) if n is not None and {n - 1, n + 1} & numbers[marks[k]]}


def list_items(lines: list[str]) -> frozenset[int]:
    """1-based lines that start a list item. A bullet or enumerator counts only where the
    document uses it at least twice (a list has items), and an enumerator only at the start
    of a line that follows a finished line (not '… am' / '1. Januar') or that steps out of the
    hanging indent of the item above (see _steps_out). A bullet before a number counts where
    the document does not number such lines on as notes (:func:`_numbered_notes`)."""
    marks = [_mark(line) for line in lines]
    uses = {mark: marks.count(mark) for mark in set(marks) if mark}
    notes = _numbered_notes(lines, marks)
    found = set()
    for k, line in enumerate(lines):
        if not marks[k] or uses[marks[k]] < 2 or cleaning.is_note_line(line) or k in notes:
            continue
        if _ENUMERATOR.match(line):
            before = lines[k - 1].rstrip() if k else ""
            if before and not before.endswith((".", ":", "!", "?", ";")) and not marks[k - 1] and not _steps_out(line, before):
                continue
        found.add(k + 1)
    return frozenset(found)


def _text_column(line: str) -> int:
    """Where the text of a list item's line starts, after its bullet or number."""
    m = _BULLET.match(line) or _ENUMERATOR.match(line)
    return m.end() if m else _indent(line)


def _steps_out(line: str, before: str) -> bool:
    """'    2. Set the …' under '       form. (Please … locale)': an indented enumerator left of
    the line above. A web dump or text rendering hangs an item's wrapped lines under its text,
    deeper than its number, so a line further left cannot continue them: the next item starts
    there whatever the line above ends with."""
    return 0 < _indent(line) < _indent(before)


def _hanging(group: _Group) -> bool:
    """An enumerated line whose next line is indented deeper (a hanging indent: the item's
    text wraps under its text, not under its number): a list item, not a numbered heading
    over a paragraph, whose text never steps in under its heading."""
    return len(group.lines) >= 2 and 0 < _indent(group.lines[0][1]) < _indent(group.lines[1][1]) and bool(_ENUMERATOR.match(group.lines[0][1]))


def _next_text_line(lines: list[str], number: int, bridged: frozenset[int]) -> int:
    """The first line after 1-based line `number` that holds text: a running header and the blank
    lines around it, passed over (`bridged`), do not part what comes after from what came before."""
    return next((n for n in range(number + 1, len(lines) + 1) if n not in bridged and lines[n - 1].strip()), number + 1)


def strip_bullet(line: str) -> str:
    """'   * item text' -> 'item text' (enumerators stay: '1.' may be in both texts)."""
    m = _BULLET.match(line)
    return line[m.end() :] if m else line


def document_casing(raw: str) -> Casing:
    """The casing the pieces of this raw document were read with (learnt once)."""
    return Casing.of("\n".join(prepare_line(line) for line in raw.splitlines()))


def read_pieces(
    raw: str,
    lang: str,
    ev: cleaning.Evidence,
    page_foot: frozenset[int] = frozenset(),
    bridged: frozenset[int] = frozenset(),
    removed: frozenset[int] = frozenset(),
    attested: frozenset[int] = frozenset(),
) -> list[Piece]:
    """Cleaned, classified pieces of one raw document, in raw order (`removed`: 1-based lines the
    layout set aside, blank in `raw`; `attested`: the note numbering as the layout carried it on
    from the page where the text alone stops)."""
    lines = [prepare_line(line) for line in raw.splitlines()]
    lengths = [len(line.strip()) for line in lines if line.strip()]
    median_len = statistics.median(lengths) if lengths else 0.0
    notes = attested or cleaning.note_numbering("\n".join(lines))
    items_at = list_items(lines)
    casing = Casing.of("\n".join(lines))
    indent = paragraph_indent(lines)
    lines = flush_small_indents(lines, indent)
    numbered = bare_note_numbers(lines, page_foot, notes)
    lines, bridged = number_notes(lines, numbered), unbridge_notes(lines, numbered, bridged)
    terms = repeated_term_lines(lines)  # a definition list's term lines, each over its description
    labelled = colon_label_lines(lines) | terms | semicolon_item_starts(lines) | item_starts(lines)  # items of a list: never a cut sentence's head or tail (stitch joins body only)
    starts = items_at | parallel_lines(lines) | dash_term_lines(lines) | labelled | {n + 1 for n in terms} | page_foot_notes(lines, page_foot, notes) | _heading_starts(lines) | _unit_breaks(lines, median_len, casing, lang)
    captions = caption_lines(lines)
    starts |= label_lines(lines, lang) | captions
    tables = table_lines(lines, captions, bridged | removed)
    boxes = quote_boxes(lines)  # a pull quote glued to the text around it: a box of its own
    starts |= _indent_starts(lines, indent) | hyphen_cuts(lines, ev, bridged | removed) | set(boxes)
    starts |= {_next_text_line(lines, end, bridged) for end in boxes.values()}
    soft = lower_case_breaks(lines, bridged) - starts
    rests = orphaned_rests(lines, ev, bridged | removed)  # a broken word's rest moved away: a tail, never a heading
    starts |= soft
    columns = {k: _text_column(lines[k - 1]) for k in items_at}
    lines = [strip_bullet(line) if k + 1 in items_at else line for k, line in enumerate(lines)]
    typed: list[tuple[str, Tracked]] = []
    groups = _groups(lines, starts, bridged, items_at, columns, soft)
    for group in (part for g in groups for part in ([g] if _footnote_items(g, notes, items_at) else _split_leading_heading(g, median_len, lang, casing))):
        glued = None if group.lines[0][0] in items_at or _footnote_items(group, notes, items_at) else glued_heading_end(group.lines[0][1], casing, lang)
        if glued is not None:  # 'Erstellen eines übersetzten Dokumentes Sobald Sie …'
            number, line = group.lines[0]
            typed.append(("heading", _clean([(number, line[:glued])], ev, notes)))
            group = _Group([(number, line[glued:]), *group.lines[1:]], True, group.blank_after)
        text = _clean(group.lines, ev, notes)
        items = _footnote_items(group, notes, items_at)
        if group.lines[0][0] in boxes and group.lines[-1][0] == boxes[group.lines[0][0]]:
            typed.append(("pullquote", text))  # never a cut sentence's head or tail: see pipeline._streams
        elif (group.lines[0][0] in items_at or group.lines[0][0] in labelled) and not items:
            typed.append(("item", text))
        elif items:
            typed.extend(("footnote", _clean(item, ev, notes)) for item in items)
        elif len(group.lines) == 1 and cleaning.is_note_line(group.lines[0][1]):
            typed.append(("note", text))
        elif group.lines[0][0] in tables:
            typed.append(("table", text))
        elif _CREDIT.search(group.lines[-1][1]):
            typed.append(("caption", text))
        elif group.lines[0][0] not in rests and _is_heading(group, text.text, median_len, lang, bool(typed) and typed[-1][0] == "heading"):
            typed.extend(("heading", _clean(part.lines, ev, notes)) for part in _split_title_lines(group, lang, casing))
        else:
            typed.append(("body", text))
    typed = [part for kind, text in typed for part in _inline_items(kind, text)]
    pieces: list[Piece] = []
    for kind, text in typed:
        if not text.text:
            continue
        next_line = bool(pieces) and text.line_range()[0] == pieces[-1].text.line_range()[1] + 1
        if kind == "heading" and pieces and (_continues_heading(pieces[-1], text.text, next_line) or _labels_heading(pieces[-1], text.text)) and text.line_range()[0] not in rests:
            previous = pieces.pop()  # a heading broken over lines/boxes: 'Etappen …' + 'zwischen …', '4.1' + 'Normale …'
            text = previous.text + Tracked(" ", (previous.text.lines[-1],)) + text
        pieces.append(Piece(len(pieces), text, kind))
    return pieces


_INLINE_BULLET = re.compile(r"\s[•▪◦●■►‣]\s+(?=\S)")


def _inline_items(kind: str, text: Tracked) -> list[tuple[str, Tracked]]:
    """'… während dieser Zeit: • 1.1 Buzz, … • 1.2 Rex, …': PDF extraction may run a list onto
    the line of the text that introduces it; each bullet starts an item of its own."""
    if kind not in ("body", "item"):
        return [(kind, text)]
    cuts = [m.span() for m in _INLINE_BULLET.finditer(text.text)]
    if not cuts:
        return [(kind, text)]
    parts = [(kind, text[: cuts[0][0]].strip())]
    for (_a, b), (c, _d) in zip(cuts, [*cuts[1:], (len(text.text), 0)]):
        parts.append(("item", text[b:c].strip()))
    return [(k, t) for k, t in parts if t.text]


def _footnote_items(group: _Group, notes: frozenset[int], items_at: frozenset[int] = frozenset()) -> list[list[tuple[int, str]]]:
    """A footnote list ('- 1 Adán García …' / '- 2 NATO 2024 …'), or a block of page-bottom
    notes opening with a number of the document's footnote sequence: one item per note, a
    note running on over lines until the next number. Empty if the group is no such list, or
    opens with a line read as a list item (`items_at`, 1-based: list_items; '• 1 Zyklus: CD-R/DVD-R,
    Papier.' under a list of quantities, whose number is a note's too)."""
    if group.lines[0][0] in items_at:
        return []
    first = FOOTNOTE_ITEM.match(group.lines[0][1])
    listed = len(group.lines) >= 2 and all(FOOTNOTE_ITEM.match(line) for _, line in group.lines)
    if not first or not (listed or int(first.group(1)) in notes) or (not listed and _numbered_heading(group)):
        return []
    items: list[list[tuple[int, str]]] = []
    expected = int(first.group(1))
    for number, line in group.lines:
        start = FOOTNOTE_ITEM.match(line)
        if not items or listed or (start and int(start.group(1)) == expected):
            items.append([])
            expected += 1
        items[-1].append((number, line))
    return items


def _numbered_heading(group: _Group) -> bool:
    """'3. Architektur' alone on its line: a numbered section heading (a short line, no sentence
    end, the number followed by a full stop), not note 3 of the footnote sequence."""
    line = group.lines[0][1].strip()
    return len(group.lines) == 1 and bool(_NUMBERED_HEADING.match(line)) and len(line.split()) <= 8 and line[-1:] not in ".!?;,"


# a section number or chapter label alone: '4.1', '3.1.1.', 'Kapitel 4', 'Appendix A'
_SECTION_LABEL = re.compile(r"^(?:[^\W\d_]+\s+(?:\d{1,2}|[A-Z])|\d{1,2}(?:\.\d{1,2}){1,3}\.?|\d{1,2}\.)$")
# a line of that form, any number ('Priorität 100'): no title (_labels_heading)
_LABEL_LIKE = re.compile(r"^(?:[^\W\d_]+\s+)?(?:\d+(?:\.\d+)*\.?|[A-Z])$")


def _labels_heading(previous: Piece, text: str) -> bool:
    """'4.1' + 'Normale Unix-Authentifizierung': typeset PDFs set a section number apart from its
    title, and text extraction makes them two blocks; the number belongs to the heading. Not a
    label of the same form ('Priorität 1' + 'Priorität 100'): two labels in a row label two things
    (a list of values, set as headings), neither is the other's title."""
    labels = _SECTION_LABEL.match(previous.text.text.strip()) and not _LABEL_LIKE.match(text.strip())
    return previous.kind in ("heading", "body") and bool(labels) and text[:1].isupper()


def _continues_heading(previous: Piece, text: str, next_line: bool = False) -> bool:
    """'Eine Sicherheitspartnerschaft' + 'mit Substanz', and a numbered title wrapped over two lines
    ('10.1. Austauschen, kopieren und archivieren' + 'von Dateien': the section number stands where
    a capital would; a title's wrapped rest is a few plain words, no code, on the very next line:
    after a blank line a lower-case line is a fragment of a cut or shuffled block, 'die maximale
    X-Größe'); not 'dselect-upgrade' + 'update' (code),
    nor a heading in capitals and the command under it ('SYNOPSIS' + 'dpkg-deb [option...]'), nor a
    caption and its table's header row ('Table 5.1. List of …' + 'packages popcon size', caption_lines)."""
    head = previous.text.text
    if previous.kind == "heading" and next_line and _NUMBERED_TITLE.match(head) and _TITLE_TAIL.match(text):
        return True  # '10.1. Austauschen, kopieren und archivieren' + 'von Dateien'
    return previous.kind == "heading" and head[:1].isupper() and text[:1].islower() and not head.isupper() and not caption_line(head)


# a section number and a capitalised title: '10.1. Austauschen, kopieren und archivieren', '3.1.1. Auf die …'
_NUMBERED_TITLE = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+[A-ZÄÖÜ]")
# the lower-case rest of a title wrapped onto a line of its own: a few plain words ('von Dateien',
# 'hinarbeiten', 'mount-Optionen'); no code or path: no '/', '=', '.', '_', '$' or digit
_TITLE_TAIL = re.compile(r"^[a-zäöüß][^\W\d_]*(?:-[^\W\d_]+)*(?: [^\W\d_]+(?:-[^\W\d_]+)*){0,4}$")
