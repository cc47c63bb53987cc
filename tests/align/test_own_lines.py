"""A short unit on a line of its own glued to a written pair's source (harness.align.own_lines).
Inputs are lines and pairs the builder read and wrote on the two-column PDF path (plain
pdftotext) of the held-out manual pages, with the few dictionary entries their words need."""

from __future__ import annotations

from harness.align import own_lines as ol
from harness.align.dictionary import Dictionary
from harness.align.model import AlignedPair, Alignment, Unit
from harness.align.pipeline import tracked_unit
from harness.align.similarity import LexicalScorer
from harness.align.tracked import Tracked

WORDS = {
    "benennt": ("names",),
    "archiv": ("archive",),
    "pakete": ("packages",),
    "verzeichnisbaum": ("directory", "tree"),
    "gehören": ("belong",),
    "paket": ("package",),
    "zeigt": ("displays", "shows"),
    "details": ("details", "information"),
    "wenn": ("if",),
    "gesetzt": ("set",),
    "bevorzugt": ("preference", "preferred"),
    "verwendet": ("used",),
    "wert": ("value",),
    "anzeigeprogramm": ("program", "pager"),
    "handbuchseite": ("manual", "page"),
}
SCORER = LexicalScorer("de", "en", Dictionary(WORDS))
WIDTH = 47.0  # the wrap width of these documents' German text (wrapping.wrap_width)


def _lines(first: int, *texts: str) -> list[str]:
    """Raw lines numbered from `first` (1-based): blank lines before them."""
    return [""] * (first - 1) + list(texts)


def _body(lines: list[str], *numbers: int, start: int = 0, end: int | None = None) -> Unit:
    """A body unit of the given raw lines joined by spaces (from `start` in the first line, up to
    `end` in the last), built as the pipeline builds it."""
    texts = [lines[n - 1] for n in numbers]
    texts[0], texts[-1] = texts[0][start:], texts[-1][:end] if len(texts) > 1 else texts[0][start:end]
    parts = list(zip(texts, numbers))
    text = " ".join(t for t, _ in parts)
    owners = tuple(n for k, (t, n) in enumerate(parts) for _ in t + (" " if k < len(parts) - 1 else ""))
    return tracked_unit(Tracked(text, owners), "body")


def _cut(src: Unit, tgt: str, lines: list[str]) -> Alignment:
    result = Alignment([AlignedPair((src,), (Unit(tgt, "9", "body"),), "body", 0.6)])
    ol.cut_own_lines(result, SCORER, lines, WIDTH)
    return result


def test_a_definition_term_over_its_description_is_set_aside() -> None:
    lines = _lines(258, "relevant:", "die Archive:- oder Suite:-Zeile", "benennt das Archiv, zu dem alle Pakete im", "Verzeichnisbaum gehören. Die Zeile »Archive:")
    result = _cut(_body(lines, 259, 260, 261, end=24), "names the archive to which all the packages in the directory tree belong.", lines)
    [pair] = result.pairs
    assert [(u.text, u.lines) for u in pair.src] == [("benennt das Archiv, zu dem alle Pakete im Verzeichnisbaum gehören.", "260-261")]
    assert [(a.side, a.unit.text, a.unit.lines) for a in result.unaligned] == [("src", "die Archive:- oder Suite:-Zeile", "259")]
    assert result.unaligned[0].reason.startswith("body: a short unit on a line of its own")


def test_a_pair_whose_rest_cannot_stand_alone_is_set_aside_whole() -> None:
    # against a translation that opens with a capital, the rest reads as a sentence's piece
    lines = _lines(258, "relevant:", "die Archive:- oder Suite:-Zeile", "benennt das Archiv, zu dem alle Pakete im", "Verzeichnisbaum gehören. Die Zeile »Archive:")
    result = _cut(_body(lines, 259, 260, 261, end=24), "Names the archive to which all the packages in the directory tree belong.", lines)
    assert not result.pairs
    assert [(a.side, a.unit.lines) for a in result.unaligned] == [("src", "259-261"), ("tgt", "9")]
    assert result.unaligned[0].reason == "body: a short unit on a line of its own glued on, and the rest cannot stand alone"


def test_a_heading_under_a_command_is_cut_off_the_end() -> None:
    lines = _lines(307, "angegeben wird.", "apt-get install Paket/testing", "Testing oder Unstable verfolgen", "Die folgende APT-Einstellungsdatei wird")
    result = _cut(_body(lines, 308, 309), "apt-get install package/testing", lines)
    [pair] = result.pairs
    assert [(u.text, u.lines) for u in pair.src] == [("apt-get install Paket/testing", "308")]
    assert [(a.unit.text, a.unit.lines) for a in result.unaligned] == [("Testing oder Unstable verfolgen", "309")]


def test_an_item_tail_over_an_option_term_is_set_aside() -> None:
    lines = _lines(121, "lokale Umleitung von: umgeleitet-von lokale Umleitung zu: umgeleitet-zu", "-p, --print-avail [Paketname …]", "Zeigt Details über Pakete an, wie diese in")
    src = _body(lines, 121, 122, start=lines[120].index("umgeleitet-zu"))
    result = _cut(src, "-p, --print-avail [package-name...]", lines)
    [pair] = result.pairs
    assert [(u.text, u.lines) for u in pair.src] == [("-p, --print-avail [Paketname …]", "122")]
    assert [(a.unit.text, a.unit.lines) for a in result.unaligned] == [("umgeleitet-zu", "121")]


def test_a_sentence_wrapped_early_that_the_translation_renders_stays_whole() -> None:
    # the first line left room for 'ist' (a first-line indent), but the translation renders it
    lines = _lines(476, "Wenn $MANPAGER oder $PAGER gesetzt", "ist ($MANPAGER wird bevorzugt verwendet),", "legt dieser Wert das Anzeigeprogramm für die", "Handbuchseite fest.")
    src = _body(lines, 476, 477, 478, 479)
    assert ol.own_line_cuts((src,), lines, WIDTH) == [((0, 35), (35, len(src.text)))]
    tgt = "If $MANPAGER or $PAGER is set ($MANPAGER is used in preference), its value is used as the name of the program used to display the manual page."
    result = _cut(src, tgt, lines)
    assert [p.src for p in result.pairs] == [(src,)] and not result.unaligned


def test_an_option_in_running_text_is_no_term_line() -> None:
    # a 45-character column: '--only-source, um …' is the sentence's next line, not a term
    lines = _lines(139, "angeben. Verwenden Sie die Option", "--only-source, um nur Quellpaketnamen anzu-", "zeigen.")
    assert not ol._unit_break(lines[138], lines[139], 45.0)
    assert ol._unit_break(lines[138], "-p, --print-avail [Paketname …]", 45.0)


def test_a_long_first_line_is_no_short_unit_of_its_own() -> None:
    # a web dump's item wrapped inside a word: the rest is no short unit and does not end
    lines = _lines(67, "  • Avahi stellt ein Rahmenwerk für Multicast-DNS-Diensteabfragen auf Debian", "    -Systemen bereit.")
    src = _body(lines, 67, 68)
    assert ol.own_line_cuts((src,), lines, 76.0) == []


def test_one_word_on_a_line_is_no_unit_of_its_own() -> None:
    # pdftotext splits a justified line at a wide gap: 'geladen' / 'werden.'
    assert not ol._unit_break("geladen", "werden.", WIDTH)
    assert ol._unit_break("Konfigurationsdatei für Man-db", "globale Handbuchhierarchie.", WIDTH)
