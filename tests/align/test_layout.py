"""Layout noise learnt from the document: exact lines removed, with their reasons."""

from __future__ import annotations

import pytest

from harness.align import layout
from harness.align.cleaning import NoteNumbers
from harness.align.blocks import list_items, strip_bullet

PDF_TEXT = (
    "Der erste Absatz beginnt hier und geht\n"
    "weiter bis zum Ende der Zeile.\n"
    "\n"
    "–1–\n"
    "\f"
    "Debian-Handbuch 2\n"
    "\n"
    "Der zweite Absatz beginnt auf der neuen\n"
    "Seite und endet hier.\n"
    "\n"
    "- 2 -\n"
    "\f"
    "Debian-Handbuch 3\n"
    "\n"
    "Dritter Absatz.\n"
    "3\n"
    "\f"
    "Debian-Handbuch 4\n"
    "Vierter Absatz ohne Leerzeile davor.\n"
)


def test_running_headers_and_page_numbers_of_a_pdf_extraction() -> None:
    found = layout.analyse(PDF_TEXT)
    removed = layout.removed_lines(PDF_TEXT, found)
    assert [(n, reason.removeprefix("layout: "), text) for n, reason, text in removed] == [
        (4, "page number", "–1–"),
        (6, "running header or footer", "Debian-Handbuch 2"),
        (11, "page number", "- 2 -"),
        (13, "running header or footer", "Debian-Handbuch 3"),
        (16, "page number", "3"),
        (18, "running header or footer", "Debian-Handbuch 4"),
    ]
    # line numbers stay those of raw.splitlines(): removed lines are blanked, text lines kept
    assert len(found.lines) == len(PDF_TEXT.splitlines())
    assert found.lines[18] == "Vierter Absatz ohne Leerzeile davor."
    assert found.lines[5] == ""


@pytest.mark.parametrize(
    "text",
    [
        "Die Tabelle:\n\n12\n\n13\n\nEnde des Textes.\n",  # a bare number away from page breaks
        "Siehe oben.\n\nText eins.\n\nSiehe oben.\n\nText zwei.\n\nSiehe oben.\n",  # repeated sentences are content
        # lynx -dump of Debian Reference ch. 4: list items of links that end a sentence, or wrap before its end
        "     * [136]Systemd. See [137]Section 3.2, “Systemd init”.\n     * [138]Sandbox environment. See [139]Section 7.6, “Sandbox”.\n",
        "     * [140]Linux containers such as [141]Docker, [142]LXC. See\n       [143]Section 9.11, “Virtualized system”.\n",
    ],
)
def test_text_that_is_no_layout_noise(text: str) -> None:
    assert layout.analyse(text).removed == {}


def test_repeated_short_line_without_page_breaks_is_a_running_header() -> None:
    body = "Ein ganz gewöhnlicher Satz des Textes, so lang wie eine Zeile."
    text = "\n".join([body, body, "", "Debian-Referenz", "", body, body, "", "Debian-Referenz", "", "Debian-Referenz", ""])
    assert sorted(layout.analyse(text).removed) == [4, 9, 11]


def test_a_repeated_line_closing_the_parenthesis_of_the_line_above_is_text() -> None:
    """po4a(7), shuffled boxes: a list of formats wraps each item the same way, so its last
    line repeats; it closes what the line above opened and is kept, a header next to it is not."""
    body = "Ein ganz gewöhnlicher Satz des Textes, so lang wie eine Zeile."
    lines = []
    for name in ("Wml", "Docbook", "Yaml", "BibTex"):
        lines += [f"{name} (wahrscheinlich ausgereiftes", "Auswertprogramm)", "", body, body, "", "po4a-Handbuch", ""]
    assert sorted(layout.analyse("\n".join(lines)).removed) == [7, 15, 23, 31]


def test_a_header_with_its_page_number_on_either_side_is_one_running_header() -> None:
    """Even pages '2 Handbuch', odd pages 'Handbuch 3': the outer side takes the number; two
    copies of each form alone would not make a header, four together do."""
    body = "Ein ganz gewöhnlicher Satz des Textes, so lang wie eine Zeile."
    text = "\n".join([body, "", "2 Handbuch", "", body, "", "Handbuch 3", "", body, "", "4 Handbuch", "", body, "", "Handbuch 5", ""])
    assert sorted(layout.analyse(text).removed) == [3, 7, 11, 15]


def test_a_running_header_after_a_hyphenated_line_is_still_the_header() -> None:
    """A page break inside a hyphenated word ('Unters-' / header / 'tützung'): the header found
    from its other copies is removed there too; 'schnitt 12' under 'Ab-', repeated nowhere
    apart, stays text."""
    body = "Ein ganz gewöhnlicher Satz des Textes, so lang wie eine Zeile."
    head = [body, body, "", "Handbuch 2", "", body, body, "", "Handbuch 3", "", body, body, "", "Handbuch 4", ""]
    text = "\n".join([*head, "bei der Unters-", "Handbuch 5", "", "tützung des Projekts.", "Der Ab-", "schnitt 12", ""])
    assert sorted(layout.analyse(text).removed) == [4, 9, 14, 17]


def test_the_title_a_running_header_repeats_is_kept_at_the_top() -> None:
    body = "Ein ganz gewöhnlicher Satz des Textes, so lang wie eine Zeile."
    text = "\n".join(["Debian-Referenz", "", body, body, "", "Debian-Referenz", "", body, body, "", "Debian-Referenz", ""])
    assert sorted(layout.analyse(text).removed) == [6, 11]


def test_numbered_headings_are_not_one_running_header() -> None:
    body = "Ein ganz gewöhnlicher Satz des Textes, so lang wie eine Zeile."
    text = "\n".join(["4.1. Die 0.x Versionen", "", body, "", "4.2. Die 1.x Versionen", "", body, "", "4.3. Die 2.x Versionen", ""])
    assert layout.analyse(text).removed == {}


def test_labels_whose_numbers_outrun_the_lines_between_them_are_no_page_numbers() -> None:
    """apt_preferences(5) as lynx dumps it: 'priority 1', 'priority 100', 'priority 500',
    'priority 990', a few lines apart, are the values a list explains, not a footer's page
    numbers (a page holds a line at least); real footers a page apart still go."""
    body = "Ein ganz gewöhnlicher Satz des Textes, so lang wie eine Zeile."
    item = "zu der Version, die bereits installiert ist."
    values = []
    for value in (1, 100, 500, 990):
        values += [f"Priorität {value}", "", item, ""]
    assert layout.analyse("\n".join([body, "", *values, body])).removed == {}
    footers = []
    for page in (2, 3, 4):
        footers += [body] * 20 + ["", f"Debian-Dokumentation {page}", ""]
    assert sorted(layout.analyse("\n".join(footers)).removed) == [22, 45, 68]
    # a body line of the same form near a footer is neither; the footers a page apart still are
    footers[25:25] = ["", "Debian-Dokumentation 100", ""]
    assert sorted(layout.analyse("\n".join(footers)).removed) == [22, 45 + 3, 68 + 3]


def test_repeated_lines_of_running_text_are_not_headers() -> None:
    body = "Ein ganz gewöhnlicher Satz des Textes, so lang wie eine Zeile, der"
    text = "\n".join([body, "gemeinsame Übungen und Einsätze mit", "", body, "gemeinsame Übungen und Einsätze mit", "", body, "gemeinsame Übungen und Einsätze mit"])
    assert layout.analyse(text).removed == {}


LYNX = """   [1]Home | [2]Docs | [3]Deutsch

                                   apt-get(8)

   apt-get is the command-line tool for handling packages, and may be
   considered the user's "back-end" to [4]other tools using the APT library.

     * First item of a list
     * Second item, longer, with [5]a link

   [IMG]

   Other languages: [6]Français [7]Español

References

   1. file:///
   2. file:///docs
   3. http://example.org/x
"""


def test_web_dump_furniture_is_removed_and_link_markers_stripped() -> None:
    found = layout.analyse(LYNX)
    reasons = {n: r.removeprefix("layout: ") for n, r in found.removed.items()}
    assert reasons == {
        1: "navigation",
        11: "image or form placeholder",
        13: "navigation",
        15: "link list or URL",
        17: "link list or URL",
        18: "link list or URL",
        19: "link list or URL",
    }
    # the usual three-space indentation is gone, so a wrapped line is not a new text box
    assert found.lines[5] == 'considered the user\'s "back-end" to other tools using the APT library.'
    assert found.lines[7] == "  * First item of a list"


def test_a_lone_link_item_a_sentence_announces_is_content() -> None:
    # maint-guide-start's lynx dump: the one item under its sentence is text; a list of links is furniture
    announced = """References

   The following is an alternative tutorial document that you may read
   along with this document:
     * [42]Debian Packaging Tutorial

1.4. Where to ask for help

   Please see these links:
     * [43]debian-faq
     * [44]debian-reference
"""
    reasons = {n: r.removeprefix("layout: ") for n, r in layout.analyse(announced).removed.items()}
    assert 5 not in reasons and "Debian Packaging Tutorial" in layout.analyse(announced).lines[4]
    assert reasons[10] == reasons[11] == "link list or URL"


def test_list_items_need_a_list() -> None:
    lines = ["Einleitung:", "• erster Punkt", "• zweiter Punkt", "- nur ein Strich", "Das war am", "1. Januar, kein Punkt.", "Schritte:", "1. Laden", "2. Starten"]
    assert sorted(list_items(lines)) == [2, 3, 8, 9]
    assert strip_bullet("  * First item") == "First item"
    assert strip_bullet("1. First") == "1. First"


def test_bulleted_lines_opening_with_quantities_are_items_numbered_notes_are_not() -> None:
    """dref-data's web dump (held-out set 3): '* 100 years : …' opens like a note ('- 1 Adán
    García …'), but notes number on from line to line and quantities do not; before, the three
    were no items and the list was read as one unit with its bullets inside."""
    web = ["   Optimistic storage life of archive media (mostly from", "   vendor info).", "     * 100+ years : Acid free paper with ink",
           "     * 100 years : Optical storage (CD/DVD, CD/DVD-R)", "     * 30 years : Magnetic storage (tape, floppy)", "     * 20 years : Phase change optical storage (CD-RW)",
           "", "   Optimistic write cycle of archive media.", "     * 1 cycles : CD/DVD-R, paper"]
    assert sorted(list_items(web)) == [3, 4, 5, 6, 9]
    notes = ["Text.", "- 1 Adán García, Ángel José 2019: 70 años de evolución", "- 2 NATO 2024: NATO's partnerships", "- 3 See Research Services", "- aber ein Strich"]
    assert sorted(list_items(notes)) == [5]
    # the note's number on a line of another bullet does not make a quantity a note
    assert sorted(list_items([*notes, "• 2 Zyklen: Band", "• 30 Jahre: Bänder"])) == [5, 6, 7]


class _Sims:
    """Fixed similarities of (i, di, j, dj) spans, `default` for the rest."""

    def __init__(self, table: dict[tuple[int, int, int, int], float], default: float) -> None:
        self.table, self.default = table, default

    def sim(self, i: int, di: int, j: int, dj: int) -> float:
        return self.table.get((i, di, j, dj), self.default)

    def candidates(self, i: int, k: int) -> list[int]:
        return []


def test_a_weak_half_of_a_merged_bead_is_left_alone() -> None:
    from harness.align.confidence import split_weak_merge
    from harness.align.dp import Bead

    sims = _Sims({(0, 1, 0, 1): 0.7, (0, 1, 1, 1): 0.05}, 0.5)
    assert split_weak_merge(Bead(0, 1, 0, 2, 0.6), sims) == [Bead(0, 1, 0, 1, 0.7), Bead(1, 0, 1, 1, 0.0)]
    assert split_weak_merge(Bead(0, 1, 0, 1, 0.6), sims) == [Bead(0, 1, 0, 1, 0.6)]


def test_a_merge_scoring_well_below_its_better_half_is_split() -> None:
    """'There are a lot of Debian-related mailing lists.' + the sentence that translates the
    source: the extra sentence shares words (Debian, mailing lists) but only ones the other half
    already matched, so the merge scores below the half alone."""
    from harness.align.confidence import split_weak_merge
    from harness.align.dp import Bead

    sims = _Sims({(0, 1, 0, 1): 0.3, (0, 1, 1, 1): 0.95}, 0.0)
    assert split_weak_merge(Bead(0, 1, 0, 2, 0.8), sims) == [Bead(1, 0, 0, 1, 0.0), Bead(0, 1, 1, 1, 0.95)]
    assert split_weak_merge(Bead(0, 1, 0, 2, 0.86), sims) == [Bead(0, 1, 0, 2, 0.86)]  # within the slack


def test_a_merge_of_two_places_of_the_source_must_beat_its_better_half() -> None:
    """po4a(7) on the PDF-like path: 'Das LaTeX-Format ist ein wichtiges Dokumentationsformat, …'
    (lines 248-250) + 'Ein XML-Dokumentationsformat.' (line 207, a block placed next to it) against
    'The LaTeX format is a major documentation format …': the merge scores as the first half alone."""
    from harness.align.confidence import split_weak_merge
    from harness.align.dp import Bead

    sims = _Sims({(0, 1, 0, 1): 1.0, (1, 1, 0, 1): 0.2}, 0.0)
    assert split_weak_merge(Bead(0, 2, 0, 1, 1.0), sims) == [Bead(0, 2, 0, 1, 1.0)]  # one passage: the slack
    assert split_weak_merge(Bead(0, 2, 0, 1, 1.0), sims, apart=True) == [Bead(0, 1, 0, 1, 1.0), Bead(1, 1, 1, 0, 0.0)]
    assert split_weak_merge(Bead(0, 2, 0, 1, 1.0), _Sims({(0, 1, 0, 1): 0.8, (1, 1, 0, 1): 0.5}, 0.0), apart=True) == [Bead(0, 2, 0, 1, 1.0)]


def test_a_merge_of_two_places_whose_weaker_half_clearly_matches_another_target_is_split() -> None:
    """kicad-pl-editor, scrambled: the box 'Die linke Seite des Fensters …' (line 454) merged onto
    'Mit einem Rechtsklick öffnet sich ein Popup Menü.' (lines 378-379) beats the first half alone
    (it shares 'left' and 'item' with the long target), but its own counterpart, 'The left pane
    contains the list of basic items.', matches it clearly better: it is no part of this sentence."""
    from harness.align.confidence import split_weak_merge
    from harness.align.dictionary import Dictionary
    from harness.align.dp import Bead
    from harness.align.similarity import LexicalScorer

    words = Dictionary(
        {"linke": ("left",), "liste": ("list",), "enthält": ("contains",), "elemente": ("items", "item"), "seite": ("side", "pane"),
         "menü": ("menu",), "rechtsklick": ("right", "clicking")}
    )
    src = ["Mit einem Rechtsklick öffnet sich ein Popup Menü.", "Die linke Seite des Fensters enthält die Liste der Basis Elemente."]
    select = "One can select a given item (left clicking on the line) or, when right clicking on the line, display a pop up menu."
    pane = "The left pane contains the list of basic items."
    ps = LexicalScorer("de", "en", words).fit(src, [select, pane])
    merged = ps.sim(0, 2, 0, 1)
    assert merged > ps.sim(0, 1, 0, 1) > ps.sim(1, 1, 0, 1)  # the merge beats its better half
    assert split_weak_merge(Bead(0, 2, 0, 1, merged), ps, apart=True) == [Bead(0, 1, 0, 1, ps.sim(0, 1, 0, 1)), Bead(1, 1, 1, 0, 0.0)]
    # without the other target the merge stands, as it does for one passage of the source
    alone = LexicalScorer("de", "en", words).fit(src, [select])
    assert split_weak_merge(Bead(0, 2, 0, 1, merged), alone, apart=True) == [Bead(0, 2, 0, 1, merged)]
    assert split_weak_merge(Bead(0, 2, 0, 1, merged), ps) == [Bead(0, 2, 0, 1, merged)]


def test_two_units_are_apart_only_as_two_sentences_of_two_places() -> None:
    from harness.align.model import Unit
    from harness.align.pipeline import _apart

    latex = Unit("Das LaTeX-Format ist ein wichtiges Dokumentationsformat.", "248-250", "body")
    assert _apart(latex, Unit("Ein XML-Dokumentationsformat.", "207", "body"))
    assert not _apart(latex, Unit("Ein XML-Dokumentationsformat.", "251", "body"))  # the next raw line: one passage
    # a head cut at a broken word and its tail; a clause after a semicolon; a stop after an abbreviation
    assert not _apart(Unit("… und entsprechend überarbeiteten Paketierung-", "40", "body"), Unit("swerkzeugen wurde das ar-Format übernommen.", "90", "body"))
    assert not _apart(Unit("Die Datei wird gelesen;", "40", "body"), Unit("Danach wird sie geschrieben.", "90", "body"))
    assert not _apart(Unit("Viele Programme zeichnen ihre (z.B.", "40", "body"), Unit("Aktivitäten in binärem Format auf.", "90", "body"))
    assert not _apart(latex, Unit("mit dem Paket »foo« von jeder anderen Architektur hat.", "90", "body"))


def test_precision_first_rule() -> None:
    from harness.align.confidence import rejection

    long_de, long_en = "Das ist ein ganz normaler Satz mit vielen Wörtern.", "This is a perfectly normal sentence with many words."
    assert rejection(long_de, long_en, 0.31, 1.0) is None
    assert rejection(long_de, long_en, 0.29, 1.0) == "low confidence: similarity 0.29 < 0.30"
    assert rejection("Fazit", "Conclusion", 0.45, 1.0) == "low confidence: similarity 0.45 < 0.50"
    assert rejection(long_de, long_en + " " + long_en + " " + long_en, 0.9, 1.0) == "low confidence: lengths differ 2.7x from the document's ratio"


def test_see_also_link_lists_rules_and_footers_of_a_web_dump() -> None:
    text = (
        "   Use the list [7]for that.\n\n"
        "    See also\n\n"
        "     * [43]Debian\n"
        "     * [44]debian-faq\n"
        "     __________________________________________________________________\n\n"
        "   Last modified: 2024-01-31 · [45]Kontakt / Contact · [46]License\n\n"
        "   Andere Sprachen: [47]English [48]français\n"
        "     * [49]Debian WWW search site.\n"
    )
    reasons = {n: r.removeprefix("layout: ") for n, r in layout.analyse(text).removed.items()}
    assert reasons == {
        3: "link list or URL",
        5: "link list or URL",
        6: "link list or URL",
        7: "horizontal rule",
        9: "navigation",
        11: "navigation",
    }


def test_left_over_units_get_a_second_chance_only_when_clear() -> None:
    from harness.align.model import Alignment, SetAside, Unit
    from harness.align.recovery import recover, section_number
    from harness.align.similarity import LexicalScorer

    def left(side: str, text: str, line: int, kind: str = "heading") -> SetAside:
        return SetAside(side, Unit(text, str(line), kind), "body: no counterpart")

    result = Alignment(
        [],
        [
            left("src", "3.2. Definition der Koordinaten", 40),
            left("src", "4.1. Umwandlungselemente", 41),
            left("tgt", "3.2. Coordinates definition", 12),
            left("tgt", "4.2. Multi-line texts", 30),
        ],
    )
    assert recover(result, LexicalScorer("de", "en")) == 1
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs] == [("3.2. Definition der Koordinaten", "3.2. Coordinates definition")]
    assert [a.unit.text for a in result.unaligned] == ["4.1. Umwandlungselemente", "4.2. Multi-line texts"]
    assert section_number("4.1. Format") == "4.1" and section_number("Format 4.1") is None


def test_a_lone_number_or_word_against_a_sentence_is_not_a_pair() -> None:
    from harness.align.confidence import rejection

    assert rejection("1", "Page 1 option:", 0.5, 1.0) == "low confidence: one side is a fragment of the other"
    assert rejection("(„debug-", "Enables debugging output.", 0.9, 1.0) == "low confidence: one side is a fragment of the other"
    assert rejection("Ausgabe", "Output", 0.9, 1.0) is None


def test_one_word_against_three_stands_after_the_same_code() -> None:
    """KiCad Pl_Editor's list of format symbols: '%F' opens both sides; without it, one
    letter-word against three is a fragment."""
    from harness.align.confidence import rejection, same_code

    assert rejection("%F = Name der Datei", "%F = filename", 0.8, 1.0) is None
    assert rejection("Name der Datei", "filename", 0.8, 1.0) == "low confidence: one side is a fragment of the other"
    assert rejection("%F = Name der Datei", "%P = filename", 0.8, 1.0) == "low confidence: one side is a fragment of the other"
    assert same_code("-L Locale, --locale=Locale", "-L locale, --locale=locale")
    assert not same_code("1 Seite", "1 page")  # a number is no code: '1' / 'Page 1 option:'
    assert not same_code("Debian-Pakete bauen", "Debian-Pakete are")  # a word with a hyphen is a word


def test_a_term_line_closing_a_parenthesis_ends_its_block() -> None:
    from harness.align.blocks import _unit_breaks

    lines = [
        "Das Modul unterstützt das Format, das von den Handbuch-",
        "seiten verwandt wird. Es ist für Neulinge gedacht.",
        "AsciiDoc (ausgereiftes Auswertprogramm)",
        "Dieses Format ist ein leichtgewichtiges Format, um",
        "das Schreiben von Dokumentation zu erleichtern, das",
        "von vielen (auch großen) Projekten verwandt wird.",
    ]
    assert sorted(_unit_breaks(lines, 52.0)) == [3, 4]


def test_a_url_finishing_a_sentence_broken_by_a_narrow_column_is_text() -> None:
    text = (
        "Installationsanleitung für die aktuelle Version:\nsiehe\nhttps://www.debian.org/releases/stable/installmanual.\n\n"
        "Weitere Verweise finden Sie hier.\nhttps://www.debian.org/doc/\n\nhttps://lists.debian.org/\n"
    )
    found = layout.analyse(text)
    assert {n: r.removeprefix("layout: ") for n, r in found.removed.items()} == {6: "link list or URL", 8: "link list or URL"}
    assert found.lines[2] == "https://www.debian.org/releases/stable/installmanual."


def test_a_web_dumps_table_of_contents_is_furniture() -> None:
    """Linked section numbers, three or more, blank lines apart at most, and the label over them;
    the headings further down stay, as does a line citing one linked section."""
    raw = (
        "Chapter 4. Authentication\n\n   Table of Contents\n\n   [7]4.1. Normal Unix authentication\n"
        "   [8]4.2. Managing accounts\n\n        [12]4.2.1. Configuration files\n\n"
        "When a person requests access, authentication confirms the identity.\n\n4.1. Normal Unix authentication\n\n"
        "See [9]4.2. Managing accounts for more.\n"
    )
    found = layout.analyse(raw)
    assert {n: r for n, r in found.removed.items() if r == "layout: table of contents"} == dict.fromkeys([3, 5, 6, 8], "layout: table of contents")
    assert layout.contents_entries(raw.splitlines()[:6]) == set()  # two entries are no table


def test_a_footnote_area_plain_pdftotext_set_apart_from_its_marks() -> None:
    """Two-column `pdftotext`: the note marks '1' and '2' stand alone at a column foot, their notes
    below them up to the running footer; the sentence they cut runs on after the footer."""
    lines = [
        "werden. Beachten Sie, dass die Liste keine Pakete",
        "enthält, die als essential oder required markiert",
        "1",
        "2",
        "",
        "»Debian Developer«, DD",
        "siehe Abschnitt 2.2, „Ihr Programm auswäh-",
        "",
        "len“",
        "",
        "Debian-Dokumentation",
        "",
        "maint-guide-de 1.2.53",
        "sind - wir gehen davon aus, dass Sie diese schon",
    ]
    footer = {10, 12}
    assert layout.note_areas(lines, [], footer, frozenset({1, 2, 3})) == {2, 3, 5, 6, 8}
    assert layout.note_areas(lines, [], footer, frozenset()) == set()  # no note marks in the text
    running_on = lines + ["installiert haben. Die folgenden Pakete sind in der"] * 4
    assert layout.note_areas(running_on, [], set(), frozenset({1, 2, 3})) == set()  # no column foot within reach
    assert layout.bridges(lines, footer | {2, 3, 5, 6, 8}) >= {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}


def test_a_list_item_and_a_note_number_over_its_text_are_not_taken_for_a_footnote_area() -> None:
    lines = ["Funk, wo Fluchen illegal ist.", "1", "", "• Google Groups: eine Suchmaschine für Newsgroups.", "", "für Ankündigungen", "2", "", "Debian-Dokumentation"]
    assert layout.note_areas(lines, [], {8}, frozenset({1, 2})) == {1, 5, 6}
    over_text = ["oder von der lokalen Festplatte gestartet werden", "1", "mit ihren zugehörigen Thin Clients und/oder", "", "Seite 1"]
    assert layout.note_areas(over_text, [], {4}, frozenset({1, 2})) == set()


def test_the_maint_guide_footnote_area_is_set_aside_and_its_sentence_bridged() -> None:
    from pathlib import Path

    raw = (Path(__file__).parent / "corpus" / "maint-guide-start" / "de.2col.txt").read_text(encoding="utf-8")
    found = layout.analyse(raw)
    assert [n for n, reason in sorted(found.removed.items()) if reason == "layout: footnote area" and n < 120] == [106, 107, 109, 110, 112]
    assert set(range(106, 117)) <= found.bridged


def test_a_header_reading_like_a_sentence_is_a_header_when_it_opens_pages() -> None:
    """'Kapitel 1. Einstieg, aber richtig!' ends like a sentence, but opens every page: a header;
    the same sentence repeated inside the text stays content."""
    page = "Der Text auf dieser Seite läuft weiter und weiter,\nbis die Seite voll ist und endet.\n"
    raw = "Kapitel 1. Einstieg, aber richtig!\n" + page + ("\fKapitel 1. Einstieg, aber richtig!\n" + page) * 3
    found = layout.analyse(raw)
    assert sorted(n for n, r in found.removed.items() if r == "layout: running header or footer") == [5, 9, 13]
    inside = "Ein Satz.\n\nEinstieg, aber richtig!\n\n" * 3
    assert layout.analyse(inside).removed == {}


def test_a_navigation_bar_at_the_top_of_a_dump_without_link_numbers() -> None:
    """w3m numbers no links, so its dump is not known as one; its first line is still the site's
    navigation bar. The same kind of line lower down (a table row) stays."""
    raw = (
        "po4a.org po4a.org Home | Documentation | Download | Support\n\n"
        "po4a - framework to translate documentation and other materials\n\n"
        "Introduction\n\npo4a eases the maintenance of documentation translation.\n\n"
        "Mode | Boundary kind | Used boundary\n"
    )
    assert layout.analyse(raw).removed == {1: "layout: navigation"}


def test_a_navigation_bar_the_dump_wrapped_after_a_separator() -> None:
    """man(1) as w3m dumps the German web page: the bar runs over two lines, neither a bar alone."""
    raw = (
        "manpages.debian.org manpages.debian.org Startseite | Dokumentation |\nHerunterladen | Hilfe\n\n"
        "man - eine Oberfläche für die System-Referenzhandbücher\n\nÜBERSICHT\n"
    )
    assert layout.analyse(raw).removed == {1: "layout: navigation", 2: "layout: navigation"}


def test_a_title_with_dashes_and_quotes_at_the_top_is_not_a_navigation_bar() -> None:
    raw = "»Ein Titel« - Teil 1 - Einleitung\n\nDer erste Satz des Textes steht hier.\n"
    assert layout.analyse(raw).removed == {}


def test_a_wrapped_sentence_tail_full_of_links_is_no_navigation_bar() -> None:
    # lynx -dump of Debian Reference ch. 8: the sentence wraps before two links
    dump = (
        "   font. Many non-ASCII characters including accented characters used by\n"
        "   many European languages can be made available with [48]dead key,\n"
        "   [49]AltGr key, and [50]compose key.\n"
        "\n"
        "   [112]Prev                                    [113] Next\n"
    )
    found = layout.analyse(dump)
    assert layout.removed_lines(dump, found) == [(5, "layout: navigation", "[112]Prev                                    [113] Next")]
    assert found.lines[2].strip() == "AltGr key, and compose key."


# lynx -dump of a texinfo page (LilyPond Usage manual, 'General suggestions')
TEXINFO_DUMP = (
    "   #[1]LilyPond — Usage [2]B. LilyPond index [3]Table of Contents [4]About\n"
    "   This Document [5]5. Suggestions for writing files [6]B. LilyPond index\n"
    "   [7]5. Suggestions for writing files\n"
    "\n"
    "   [[8] << Suggestions for writing files ]\n"
    "   [[9]Top][[10]Contents][[11]Index] [[12] GNU Free Documentation License\n"
    "   >> ]\n"
    "   [[13] < Suggestions for writing files ] [[14] Up : Suggestions for\n"
    "   writing files ] [[15] Typesetting existing music > ]\n"
    "\n"
    "5.1 General suggestions\n"
    "\n"
    "   Here are a few suggestions that can help to avoid (and fix) the most\n"
    "   common problems when typesetting:\n"
    "\n"
    "     * [42]1. Running lilypond\n"
    "          + [43]1.1 Normal usage\n"
    "          + [44]1.2 Command-line usage\n"
    "               o [45]Invoking lilypond\n"
    "               o [62]Warning this voice needs a \\voiceXx or \\shiftXx\n"
    "                 setting\n"
    "     * [63]2. Updating files with convert-ly\n"
    "\n"
)


def test_texinfo_dump_header_buttons_and_side_contents_are_furniture() -> None:
    found = layout.analyse(TEXINFO_DUMP)
    removed = {n: reason.removeprefix("layout: ") for n, reason, _ in layout.removed_lines(TEXINFO_DUMP, found)}
    assert removed == {
        **{n: "navigation" for n in (1, 2, 3, 5, 6, 7, 8, 9)},
        **{n: "table of contents" for n in range(16, 23)},
    }


def test_a_linked_image_placeholder_of_a_web_dump_is_furniture() -> None:
    # lynx -dump of the LilyPond Usage manual ('Common errors')
    dump = "   The override is applied [1]here.\n\n     [41][image of music]\n\n   See [2]this and [3]that.\n"
    assert layout.analyse(dump).removed == {3: "layout: image or form placeholder"}


def test_short_left_over_units_need_more_than_one_shared_word(ding) -> None:  # noqa: ANN001
    """Debian Reference ch. 6: a table cell far down the German PDF and a link title of the English
    page share one dictionary sense ('Grundlegender' -> 'changing'); out of order that is no pair."""
    from harness.align.model import Alignment, SetAside, Unit
    from harness.align.recovery import recover
    from harness.align.similarity import LexicalScorer

    def left(side: str, text: str, line: int) -> SetAside:
        return SetAside(side, Unit(text, str(line), "item"), "body: no counterpart")

    result = Alignment([], [left("src", "Grundlegender Web-Server", 1049), left("tgt", "How to Change", 94)])
    scorer = LexicalScorer("de", "en", ding)
    assert scorer.fit(["Grundlegender Web-Server"], ["How to Change"]).sim(0, 1, 0, 1) >= 0.6  # one key of three
    assert recover(result, scorer) == 0
    result = Alignment([], [left("src", "5.5 Netzwerkoptimierung", 700), left("tgt", "5.5. Network optimization", 373)])
    assert recover(result, scorer) == 1
    result = Alignment([], [left("src", "Ian Murdock merkt an:", 30), left("tgt", "Ian Murdock states:", 12)])  # history, scrambled
    assert recover(result, scorer) == 1


def test_a_page_header_repeating_the_heading_is_navigation() -> None:
    """Debian Reference ch. 5 (lynx -dump of DocBook HTML): the navigation header repeats the
    chapter heading; only the heading stays."""
    raw = (
        "   #[1]Debian Reference [2]Debian Reference [3]Chapter 4. Authentication\n"
        "   and access controls [4]Chapter 6. Network applications\n\n"
        "   Chapter 5. Network setup\n   [5]Prev         [6] Next\n\n"
        "Chapter 5. Network setup\n\n   Table of Contents\n\n   [7]5.1. The basic network infrastructure\n"
    )
    found = layout.analyse(raw)
    assert found.removed.get(4) == "layout: navigation" and 8 not in found.removed


def test_the_title_atop_the_second_page_of_two_is_a_running_header() -> None:
    """The Debian Manifesto (a two-page appendix, groff two columns, plain pdftotext): the title
    heads page 2 only, in the middle of a sentence cut by the page break."""
    raw = (
        "Anhang A. Das Debian-Manifest\n"
        "A.1. Was ist Debian Linux?\n"
        "dass viele es für ein kommerzielles Betriebssystem halten werden. Um dem Ganzen die Krone\n"
        "\n"
        "Seite 1\n"
        "\fAnhang A. Das Debian-Manifest\n"
        "aufzusetzen, erwirtschaften diese »Distributoren«\n"
        "mit ihren Leistungen genug Geld, um größere Anzeigen in mehr Zeitungen zu schalten.\n"
    )
    found = layout.analyse(raw)
    removed = {n: (reason, text) for n, reason, text in layout.removed_lines(raw, found)}
    assert removed[7] == ("layout: running header or footer", "Anhang A. Das Debian-Manifest")
    assert 1 not in removed


_ONE_NOTE = [  # apt_preferences(5), groff two-column PDF, plain pdftotext: the document's only note
    "sources.list(5) Bezüge zu mehr als einer Distribution enthält1 . APT weist jeder verfügbaren Version eine Priorität zu.",
    "Beachten Sie, dass die Dateien im Verzeichnis /etc/apt/preferences.d in alphanumerisch",
    "aufsteigender Reihenfolge ausgewertet werden",
    "1",
    "",
    "zum Beispiel stable und testing",
    "",
    "Debian-Dokumentation",
]


def test_a_lone_note_is_attested_by_its_number_opening_the_page_foot() -> None:
    """One note gives no numbering to `note_numbering` (1..N needs N >= 2); its mark glued to a
    word and the same number over note text at the page foot attest it."""
    assert layout.page_attested_notes(_ONE_NOTE, [], {7}) == {1}
    assert layout.note_areas(_ONE_NOTE, [], {7}, layout.page_attested_notes(_ONE_NOTE, [], {7})) == {3, 5}
    no_mark = [_ONE_NOTE[0].replace("enthält1 .", "enthält."), *_ONE_NOTE[1:]]
    assert layout.page_attested_notes(no_mark, [], {7}) == set()  # a bare '1' alone: a list or table cell
    no_text = [*_ONE_NOTE[:4], "", "Debian-Dokumentation"]
    assert layout.page_attested_notes(no_text, [], {5}) == set()  # no note text under the number
    above = [*_ONE_NOTE[3:7], *_ONE_NOTE[:3], "Debian-Dokumentation"]
    assert layout.page_attested_notes(above, [], {7}) == set()  # the number comes before its mark
    no_foot = [*_ONE_NOTE[:7], *["und der folgenden Namenskonvention unterliegen: Die Dateien haben"] * 9]
    assert layout.page_attested_notes(no_foot, [], set()) == set()  # no column foot within reach


def test_a_lone_note_mark_is_dropped_and_its_note_set_aside() -> None:
    head, body = ["apt_preferences - Voreinstellungssteuerdatei für APT", ""], ["Die APT-Einstellungen setzen die Prioritäten außer Kraft.", "", "Debian-Dokumentation"]
    raw = "\f".join("\n".join(page) for page in ([*head, *_ONE_NOTE], [*head, *body], [*head, *body]))  # footer and header on every page
    found = layout.analyse(raw)
    assert found.notes == {1}
    assert [n for n, reason in sorted(found.removed.items()) if reason == "layout: footnote area"] == [6, 8]


_LABEL_PAGE = [  # man(1), groff two-column PDF, plain pdftotext: 'pas-' joined with the label '1'
    "Die Befehls- oder Funktionsdarstellung ist",
    "ein Muster, das zu allen möglichen Aufrufen pas1",
    "",
    "siehe VOREINSTELLUNGEN",
    "",
    "Debian-Dokumentation",
    "",
    "sen sollte. In manchen Fällen ist es ratsam, wie im",
]


def test_a_note_label_glued_to_a_word_cut_at_the_column_foot() -> None:
    """pdftotext joins 'pas-' with the next line of its flow, the footnote area's '1'; the label
    counts only below a mark of the same number, over note text reaching the column foot."""
    marked = ["Zeigt die Handbuchseite für den Begriff1 an.", *_LABEL_PAGE]
    assert layout.glued_labels(marked, [], {6}) == {2: [4]}
    assert layout.glued_labels(_LABEL_PAGE, [], {5}) == {}  # no mark '1' above: a code ('bei IPv4')
    assert layout.glued_labels([*marked[:3], *marked[4:]], [], {5}) == {}  # text right under it: a mark, not a label
    bullet = [*marked[:4], "• über die explizite Option und den Gerätenamen", *marked[4:]]
    assert layout.glued_labels(bullet, [], {7}) == {}  # the other column's list runs on: no note area
    long_note = [*marked[:4], *["und der folgenden Namenskonvention"] * 4, *marked[4:]]
    assert layout.glued_labels(long_note, [], {10}) == {}  # more than LABEL_AREA_LINES of text
    over_number = ["… wie sie sind1 .", "und ncurses3.0 (und ldso) installiert sein, libread1", "2", "", "z.B. offline", "normale Abhängigkeiten", "", "Debian-Dokumentation"]
    assert layout.glued_labels(over_number, [], {7}) == {1: [2, 4, 5]}  # the next note's number under it


def test_a_glued_label_goes_and_its_hyphen_comes_back() -> None:
    head, body = ["man - eine Oberfläche für die System-Referenzhandbücher", ""], ["Zeigt alle Seiten an.", "", "Debian-Dokumentation"]
    first = [*head, "Zeigt die Handbuchseite für den Begriff1 an.", *_LABEL_PAGE]
    raw = "\f".join("\n".join(page) for page in (first, [*head, *body], [*head, *body]))
    found = layout.analyse(raw)
    assert found.lines[4] == "ein Muster, das zu allen möglichen Aufrufen pas-"
    assert found.removed[7] == "layout: footnote area"  # 'siehe VOREINSTELLUNGEN'
    assert found.bridged == {6, 7, 8, 9, 10}  # 'pas-' runs on to 'sen sollte.'


_SHORT_MARKS = [  # apt-cache(8), groff two-column PDF, plain pdftotext: notes 1 and 2 in sequence, 3 and 4 not
    "die konfigurierten Quellen verfügbar sind1 .",
    "Vorwärtsabhängigkeiten2",
    "und ncurses3.0 (und ldso) installiert sein, libread1",
    "2",
    "",
    "z.B. offline",
    "normale Abhängigkeiten",
    "",
    "Debian-Dokumentation",
    "könnten auftauchen, wenn nicht auf eine vollständige Distribution zugegriffen oder ein3",
    "Paket aus einer Distribution entfernt wurde.",
    "3",
    "",
    "echtes oder virtuelles",
    "",
    "Seite 1",
    "Distribution zugegriffen wird4 , kann dieser Wert",
    "die die Abhängigkeit erfüllen kön4",
    "",
    "zum Beispiel Stable und Unstable",
    "",
    "Debian-Dokumentation",
]


def test_the_page_carries_a_note_numbering_on_where_the_text_stops() -> None:
    """'ein3' (a short word) and 'wird4 ,' (after that gap) do not continue the numbering 1, 2 by
    the text alone; the number alone over note text below the mark ('3' / 'echtes oder
    virtuelles'), or a label glued at the column foot ('kön4'), does."""
    foot = {8, 15, 21}
    labels = layout.glued_labels(_SHORT_MARKS, [], foot)
    assert labels == {2: [3, 5, 6], 17: [19]}
    notes = layout.page_attested_notes(_SHORT_MARKS, [], foot, NoteNumbers({1, 2}), frozenset({(2, 1), (17, 4)}))
    assert notes == {1, 2, 3, 4} and notes.short == {("ein", 3)}
    assert layout.page_attested_notes(_SHORT_MARKS, [], foot, NoteNumbers({1, 2})) == {1, 2, 3}  # no label: 4 stays open
    assert layout.page_attested_notes(_SHORT_MARKS[:11], [], {8}, NoteNumbers({1, 2})) == set()  # '3' never opens a note
    two_carriers = [*_SHORT_MARKS[:10], "sda3 und sdb3", *_SHORT_MARKS[10:]]
    assert layout.page_attested_notes(two_carriers, [], {8, 16, 22}, NoteNumbers({1, 2})) == set()  # 'ein3' or 'sda3'?
