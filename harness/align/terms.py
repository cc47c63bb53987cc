"""Definition-list terms of manuals: option terms ('-b, --build Verzeichnis') and symbol-led terms
('%Z = Papierformat'), which open a unit however short the line above them is; and named items
('perl - Perl ist …') after a sentence end, which open a unit where a PDF glued its list together
(dash_term_lines)."""

from __future__ import annotations

import re
from collections import Counter

from harness.align.lang import ALL_STOPWORDS, ends_sentence, words
from harness.align.wrapping import WRAP_SLACK, word_would_fit, wrap_width

TERM_WORDS = 5  # a term line this short ends its unit even among short lines ('Ini (experimentelles Auswertprogramm)')
OPTION_TERM = re.compile(r"^-{1,2}[A-Za-z][\w-]*(?:[ ,=]|$)")  # a manual's option term: '-ZKomprimierart', '-b, --build …'


_SYMBOL_TERM = re.compile(r"^\s*([^\w\s„“\"'«»‘’(\[]+)\w+[^\s]*\s+([=:–]|-{1,2})?")  # '%Z = …', '$HOME: …'
_SYMBOL_ONLY_TERM = re.compile(r"^\s*([^\w\s„“\"'«»‘’(\[]{1,3})\s+([=:–])\s+\S")  # '%% = …'
PARALLEL_MIN = 3


def parallel_lines(lines: list[str]) -> frozenset[int]:
    """1-based lines that start an item of an unbulleted definition list: at least three lines
    of one block starting with a symbol-led term in the same way ('%Z = Papierformat',
    '%D = Datum', …). Such lines are items however short, never a wrapped paragraph: prose
    lines do not start with a symbol. A list set with gaps between its items (a PDF's paragraph
    spacing: '%% = …' / '%K = …', blank, '%Y = …' / '%D = …') is one list: a block whose first
    line is such a term continues the block before it."""
    found: set[int] = set()
    block: list[tuple[int, tuple[str, str]]] = []
    for k, line in enumerate([*lines, ""]):
        m = symbol_term(line) if line.strip() else None
        if m:
            block.append((k + 1, m))
        if line.strip() or _next_opens_term(lines, k):
            continue
        shapes = Counter(shape for _, shape in block)
        found.update(n for n, shape in block if shapes[shape] >= PARALLEL_MIN)
        block = []
    return frozenset(found)


# 'Gewünschte Aktion: u = …', 'Paketstatus: n = …', 'Fehler-Schalter: <leer> = …': a capitalised label of at
# most three words, a colon, the text it labels on the same line
_COLON_LABEL = re.compile(r"^\s*([^\W\d_][\w-]*(?: [\w-]+){0,2}):\s+\S")
LABEL_GAP = 3  # a labelled line's description wraps over at most this many lines before the next label


def colon_label_lines(lines: list[str]) -> frozenset[int]:
    """1-based lines that open an item of a labelled list: at least PARALLEL_MIN lines, each
    within LABEL_GAP lines of the one before and no blank line between, opening with a
    capitalised label and a colon ('Gewünschte Aktion: u = unbekannt …' / 'Paketstatus: n = …'
    / 'Fehler-Schalter: …'), each label used so only once in the document. Each labelled line
    is a unit of its own, never the head or the tail of a sentence cut across lines, however its
    neighbour ends: a wrapped sentence may put one word followed by a colon at a line start now
    and then, but not on three lines in a row (the same evidence as parallel_lines, for word
    labels rather than symbols). The field names of a file format ('Package: perl' / 'Pin:
    version 5.36*' / 'Pin-Priority: 1001') recur record after record and a field may go on
    over lines under its name again ('Explanation: …' / 'Explanation: …'): such a record is a
    listing, one unit, as a web page's <pre> keeps it."""
    labels = [(m.group(1) if m and line.lstrip()[:1].isupper() else None) for m, line in ((_COLON_LABEL.match(x), x) for x in lines)]
    uses = Counter(label for label in labels if label)
    found: set[int] = set()
    run: list[int] = []
    for k, line in enumerate([*lines, ""]):
        if not line.strip() or (run and k - run[-1] > LABEL_GAP):
            if len(run) >= PARALLEL_MIN and all(uses[labels[n]] == 1 for n in run):
                found.update(n + 1 for n in run)
            run = []
        if k < len(lines) and labels[k]:
            run.append(k)
    return frozenset(found)


REPEATED_TERM_WORDS = 3  # 'Priorität 990', 'Priorität 100': a term line of a definition list this short


def repeated_term_lines(lines: list[str]) -> frozenset[int]:
    """1-based term lines of an unmarked definition list ('Priorität 500' over 'zu den
    Versionen, die nicht zum Ziel-Release gehören.', 'Priorität 990' over 'zu den Versionen, …'):
    a line of at most REPEATED_TERM_WORDS words, not ending a sentence nor on a word that needs
    a continuation (a function word, a comma, a hyphen), that left room for the next line's first
    word (greedy wrapping would have pulled it up: the line was broken on purpose), shaped like at
    least PARALLEL_MIN - 1 other such lines of the document (_term_shape: the same content word
    first, or the same article and last word: 'die Package:-Zeile', 'die Version:-Zeile'). The
    term names what its description, on the next lines and opening in lower case (a capital
    opener parts the lines already), defines: each is a unit of its own; a term stacked over
    another of the list ('Priorität 1' over 'Priorität 100', with room for its first word)
    shares that description. A paragraph's short last line ends a sentence; a wrapped line
    left short by a long next word does not leave room for it; neither repeats its first word
    over three such lines."""
    width = wrap_width(lines)
    found: list[tuple[int, str]] = []
    for k in range(len(lines) - 1):
        line, after = lines[k].strip(), lines[k + 1].strip()
        ws = words(line)
        if not (line and after and ws and len(line.split()) <= REPEATED_TERM_WORDS and line.split()[0] == ws[0]):
            continue
        if ends_sentence(line) or line.endswith(("-", ",", "(", "/", "–", ":")) or words(line)[-1].lower() in ALL_STOPWORDS:
            continue
        shape = _term_shape(ws)
        if shape is None:
            continue
        if after[:1].islower() and word_would_fit(line, after, width):
            found.append((k + 1, shape))
        elif after.split()[0] == line.split()[0] and len(line) + 1 + len(ws[0]) <= (1 - WRAP_SLACK) * width:
            found.append((k + 1, shape))  # 'Priorität 1' over 'Priorität 100': two terms, one description
    shared = Counter(shape for _, shape in found)
    return frozenset(n for n, shape in found if shared[shape] >= PARALLEL_MIN)


def _term_shape(ws: list[str]) -> str | None:
    """What the terms of one list share: their first word ('Priorität'), or, after an article,
    the article and the last word ('die … Zeile' of 'die Package:-Zeile', 'die Codename:-Zeile');
    None where there is no content word to share."""
    if ws[0].lower() not in ALL_STOPWORDS:
        return ws[0]
    if len(ws) >= 3 and ws[-1].lower() not in ALL_STOPWORDS:
        return f"{ws[0]} … {ws[-1]}"
    return None


def _next_opens_term(lines: list[str], k: int) -> bool:
    """The next non-blank line after line k (0-based) opens with a symbol-led term."""
    for line in lines[k + 1 : k + 4]:
        if line.strip():
            return symbol_term(line) is not None
    return False


def symbol_term(line: str) -> tuple[str, str] | None:
    """The shape (leading symbol, separator) of a definition-list term line, or None. A term may
    also be the symbol alone, doubled as an escape ('%% = replaced by %' heads the list of '%K =
    …', '%Z = …' in printf-style format lists): it then needs a separator and a description, and
    takes the shape of its first symbol, so it joins the list of the terms it escapes for. Prose
    never opens with a bare symbol and an equals sign or colon."""
    m = _SYMBOL_TERM.match(line)
    if m:
        return (m.group(1), m.group(2) or "")
    m = _SYMBOL_ONLY_TERM.match(line)
    return (m.group(1)[0], m.group(2)) if m else None


def option_line(line: str) -> bool:
    """A manual's option term alone on its line ('-ZKomprimierart', '-b, --build Verzeichnis')."""
    text = line.strip()
    return bool(OPTION_TERM.match(text)) and len(words(text)) <= TERM_WORDS + 1


def defines(line: str) -> bool:
    """A line opening with a symbol-led term and a separator ('%% = wird ersetzt durch %', '%K =
    KiCad Version'): a definition or assignment, never prose, which does not open with a symbol."""
    shape = symbol_term(line)
    return bool(shape and shape[1])


# 'perl - Perl ist …', 'dh-make und debhelper - dh-make wird …': lower-case names (a package, a
# command), a spaced dash, the description
_DASH_TERM = re.compile(
    r"^(?P<names>[a-z][\w.+-]*(?:,\s*[a-z][\w.+-]*)*(?:\s+(?:und|and|oder|or)\s+[a-z][\w.+-]*)?)\s+[-–]\s+(?P<first>[^\W_][\w.+-]*)"
)
_NAME_JOINERS = frozenset({"und", "and", "oder", "or"})


_NOTE_AFTER_END = re.compile(r"[^\d\s][.!?][\"'“”„»«’‘)\]]*\d{1,2}$")  # '… (siehe python(1)).8': a glued note number


def dash_term(text: str) -> bool:
    """The text opens with a list item's lower-case names and a spaced dash ('perl - Perl ist …'):
    no name is a function word, and the description opens with a capital or a name ('dh-make
    und debhelper - dh-make wird …'). A clause with a dash is not one ('werden - die Pakete sind
    also quasi eingefroren) zu verkürzen …')."""
    m = _DASH_TERM.match(text.strip())
    if not m:
        return False
    names = [w for w in re.split(r"[\s,]+", m.group("names")) if w and w not in _NAME_JOINERS]
    first = m.group("first")
    return not any(w.lower() in ALL_STOPWORDS for w in names) and (first[:1].isupper() or first in names)


def dash_term_lines(lines: list[str]) -> frozenset[int]:
    """1-based lines opening an item of a list of named things ('perl - Perl ist eine der am
    meisten gebrauch-') right after a line that ends a sentence ('… (siehe pdebuild(1)).', or
    '… (siehe python(1)).8' with a note number glued on): a sentence opens with a capital, and
    running text does not wrap onto a line that opens with a lower-case name and a spaced dash.
    Extraction that drops the bullets and the blank lines between items (a PDF's list) leaves
    such an item glued to the one before it; it starts a unit of its own (still a cut
    sentence's head where its block ends mid-sentence, never its tail: joins.term_evidence)."""
    return frozenset(
        k + 1
        for k in range(1, len(lines))
        if dash_term(lines[k]) and lines[k - 1].strip() and (ends_sentence(lines[k - 1].strip()) or _NOTE_AFTER_END.search(lines[k - 1].strip()))
    )
