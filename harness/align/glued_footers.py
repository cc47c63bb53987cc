"""A running footer glued to a word cut at a column foot.

Plain `pdftotext` joins a line ending in a syllable hyphen with the next line of its flow and
drops the hyphen. At the foot of a column that next line can be the page's running footer, so
the word's head and the footer become one line: '… lesen Sie bitte Die EntwicklerDebian-Dokumentation'
(the word's rest, 'datenbank.', comes after the footer, or at the top of the next column). The
footer's text, found elsewhere as a running line standing alone, closes the line glued to a
lower-case letter with no space before it: no word runs on into a capitalised footer that way.
The footer goes (`layout.analyse`); where the word's rest comes right after the footer, across
the page furniture bridged there ('angegeDebian-Dokumentation' / 'man-db 2.11.2-2' / 'ben an, …'),
the hyphen it took comes back and the word is whole again ('angegeben'), as `layout.glued_labels`
does for a footnote area's number. Elsewhere the head is left as it stands ('… die in der Da'):
its rest lies in another column, and a guessed hyphen let the wrong line complete it ('Da-' +
'zu den Versionen …', 'Dazu', where the rest was 'tei sources.list(5) …')."""

from __future__ import annotations

import re
from collections.abc import Sequence

MIN_FOOTER_CHARS = 6  # a footer this long glued to a word is no chance ending of that word


def footer_texts(lines: list[str], running: set[int]) -> list[str]:
    """The running lines' texts (0-based `running`) that open with a capital letter and hold
    MIN_FOOTER_CHARS or more, longest first."""
    texts = {lines[k].strip() for k in running}
    return sorted((t for t in texts if len(t) >= MIN_FOOTER_CHARS and t[:1].isupper()), key=len, reverse=True)


def page_forms(lines: list[str], pages: set[int]) -> list[re.Pattern[str]]:
    """The forms of the document's page numbers that hold a word (0-based `pages`: 'Seite 4' ->
    'Seite' and a number), MIN_FOOTER_CHARS or more: a page number set in the footer's line is
    glued to a cut word like the footer ('… in geSeite 1'), with its own number each time."""
    texts = {lines[k].strip() for k in pages}
    forms = {re.sub(r"\d+", lambda _m: r"\d{1,4}", re.escape(t)) for t in texts if len(t) >= MIN_FOOTER_CHARS and t[:1].isupper() and any(c.isdigit() for c in t)}
    return [re.compile(f"(?:{form})$") for form in sorted(forms)]


def glued_footer(line: str, footers: list[str], forms: Sequence[re.Pattern[str]] = ()) -> str | None:
    """The line's text before a footer (or a page number of one of the `forms`) glued to its
    last word's head ('… Die EntwicklerDebian-Dokumentation' -> '… Die Entwickler', '… was
    priSeite 2' -> '… was pri'), else None: the footer follows a lower-case letter with no space,
    so it cut into a word."""
    text = line.rstrip()
    ends = [len(text) - len(footer) for footer in footers if text.endswith(footer)]
    ends += [m.start() for m in (form.search(text) for form in forms) if m]
    for end in ends:
        head = text[:end]
        if head[-1:].isalpha() and head[-1:].islower():
            return head
    return None


def _at_column_foot(lines: list[str], k: int, removed: set[int]) -> bool:
    """Line k is the last of its column: a blank line, a removed line, or the end comes next."""
    return k + 1 >= len(lines) or not lines[k + 1].strip() or k + 1 in removed


def glued_footers(lines: list[str], running: set[int], removed: set[int], pages: frozenset[int] | set[int] = frozenset()) -> dict[int, str]:
    """0-based lines (not removed) at a column foot ending in a running footer, or in a page
    number of the forms the document's `pages` show, glued to a word cut there, each with its
    text before the footer (`glued_footer`)."""
    footers, forms = footer_texts(lines, running), page_forms(lines, pages)
    found: dict[int, str] = {}
    for k, line in enumerate(lines):
        if k in removed or not (footers or forms) or not _at_column_foot(lines, k, removed):
            continue
        repaired = glued_footer(line, footers, forms)
        if repaired is not None:
            found[k] = repaired
    return found
