"""Short units on lines of their own, which a PDF's text runs into each other without a blank line.

Greedy line breaking (see wrapping) moves a word to the next line only when it no longer fits, so
a line that left clear room for the next line's first word was broken on purpose. Where the next
line opens in lower case no other rule sees a new unit (blocks._unit_breaks asks for a capital, a
digit or a quote), and a manual's definition list runs together: a term and its description
('die Package:-Zeile' / 'gibt den Paketnamen an'), two descriptions whose terms the layout set
apart ('Konfigurationsdatei für Man-db' / 'globale Handbuchhierarchie.'), a label and the line it
announces ('oder für lokale Umleitungen:' / 'lokale Umleitung von: …'). A web dump parts them with
blank lines, and the translation's units are parted so.

The evidence is asked of both lines, as one early break inside a paragraph has other causes (a
raised footnote mark the extraction dropped: 'legten Reihenfolge durchsucht' / 'und nur die …
ange-'; a first-line indent: 'Wenn $MANPAGER oder $PAGER gesetzt' / 'ist ($MANPAGER …),'): the
upper line is a few words (at most TERM_WORDS) that could end a unit (no comma, hyphen, opening
bracket, slash or dash at its end, no function word last unless a colon closes it, no glued
footnote mark: 'Paketes4'), and left room for the lower line's first word; the lower line is a
unit of one line too: it ends a sentence, or leaves room for the first word of the line after
it, or is the last text line, or an option term follows ('-p, --print-avail …'). Running text
does not break two lines in a row early. One word alone on a line is left out: pdftotext splits a
justified line at a wide gap ('Es' / 'gab' / 'verschiedene').

A cut here is soft (blocks._groups): the upper line is not taken for a heading for being cut.
"""

from __future__ import annotations

import math
import re

from harness.align.glued import capitals_heading
from harness.align.lang import ALL_STOPWORDS, ends_sentence, words
from harness.align.terms import TERM_WORDS, option_line
from harness.align.wrapping import OPEN_ENDS, WRAP_SLACK, wrap_width

_LOWER_WORD = re.compile(r"\s*[a-zäöüß]+[\s,;:.!?)]")  # a plain lower-case word, not 'dpkg-deb' nor 'po4a(1)'
_NOTE_GLUED = re.compile(r"[^\W\d_]\d{1,2}$")  # 'Paketes4', 'Debian-Entwickler1'


def lower_case_breaks(lines: list[str], skip: frozenset[int] = frozenset(), width: float | None = None) -> frozenset[int]:
    """1-based lines opening a one-line unit in lower case under a short unit (see the module);
    `skip` (1-based) are lines passed over (a running header or footer inside a sentence), `width`
    the document's wrap width (wrapping.wrap_width of `lines` unless given; unknown: no cut)."""
    width = wrap_width(lines) if width is None else width
    if math.isinf(width):
        return frozenset()
    kept = [(n, lines[n - 1].strip()) for n in range(1, len(lines) + 1) if n not in skip]
    texts = [t for _, t in kept]
    found = set()
    for k in range(1, len(texts)):
        above, before, line, after = texts[k - 2] if k >= 2 else "", texts[k - 1], texts[k], texts[k + 1] if k + 1 < len(texts) else ""
        if not (could_end(before) and _opens_unit(line, before) and leaves_room(before, line, width)):
            continue
        if not (before.endswith(":") or _line_of_its_own(above, before, width)) or not _one_line_unit(line, after, width):
            continue
        if not _in_quotation(texts, k):
            found.add(kept[k][0])
    return frozenset(found)


def _in_quotation(texts: list[str], k: int) -> bool:
    """Whether line k opens inside a quotation begun since the last blank line (a pull quote's
    narrow box: '„Keine schmutzige Sprache' / 'verwenden; außerdem erhalten' / …)."""
    start = k
    while start > 0 and texts[start - 1]:
        start -= 1
    text = " ".join(texts[start:k])
    german = text.count("„")
    return german > text.count("“") if german else text.count("“") > text.count("”") or text.count("»") != text.count("«")


def could_end(line: str) -> bool:
    """A line of two to TERM_WORDS words that may end a unit: no open end, no function word last
    (unless a colon closes the line), no glued footnote mark, no sentence end (other rules cut there)."""
    ws = words(line)
    if len(line.split()) < 2 or not ws or len(ws) > TERM_WORDS:
        return False
    if ends_sentence(line) or line.endswith(OPEN_ENDS) or _NOTE_GLUED.search(line):
        return False
    return ws[-1].lower() not in ALL_STOPWORDS or line.endswith(":")


def _opens_unit(line: str, before: str) -> bool:
    """A plain lower-case word that is no function word opens the line ('gibt', 'globale'; not
    'und', 'für': those go on a clause), unless a colon closed the line above ('relevant:' / 'die
    Archive:- oder Suite:-Zeile')."""
    m = _LOWER_WORD.match(line)
    return bool(m) and (before.endswith(":") or m.group(0).strip(" ,;:.!?)").lower() not in ALL_STOPWORDS)


def _line_of_its_own(above: str, line: str, width: float) -> bool:
    """The upper line opens its unit: nothing or a blank line above it, a sentence end, or a line
    that left room for its first word ('Hilfe bekommen -?, --help' / 'Hilfetext anzeigen und
    beenden'), or a heading in capitals ('DATEIEN'). A paragraph's tail broken early (a dropped
    footnote mark: '… Zeichen mit Codepunkten aus' / 'einem Bereich von 21 Bits' / 'abbilden.')
    hangs under a full line that does not end."""
    return not above or ends_sentence(above) or capitals_heading(above) or (not above.endswith(OPEN_ENDS) and leaves_room(above, line, width))


def leaves_room(before: str, line: str, width: float) -> bool:
    """Whether `line`'s first word would have fitted on `before` within the document's wrap width."""
    first = line.split(maxsplit=1)[:1]
    return bool(first) and len(before) + 1 + len(first[0]) <= (1 - WRAP_SLACK) * width


def _one_line_unit(line: str, after: str, width: float) -> bool:
    """The lower line ends its unit too: a sentence end, the last text line, room left for the
    next line's first word, or an option term next."""
    return ends_sentence(line) or not after or option_line(after) or (not line.endswith(OPEN_ENDS) and leaves_room(line, after, width))
