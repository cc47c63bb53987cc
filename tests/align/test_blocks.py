from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from harness.align.blocks import _unit_breaks, code_line, read_pieces, running_capitals
from harness.align.cleaning import evidence_from
from harness.align.glued import Casing, opens_line
from harness.align.semicolons import semicolon_item_starts
from harness.align.terms import colon_label_lines, parallel_lines, repeated_term_lines


def pieces(raw: str, lang: str) -> list[tuple[str, tuple[int, int], str]]:
    ev = evidence_from(raw, function_words=frozenset({"der", "die", "und", "the", "of"}))
    return [(p.kind, p.text.line_range(), p.text.text) for p in read_pieces(raw, lang, ev)]


def test_seed_title_area_headings_and_a_cut_block(seed_raw: tuple[Path, Path]) -> None:
    found = pieces(seed_raw[0].read_text(encoding="utf-8"), "de")
    assert found[:3] == [
        ("heading", (1, 1), "NATO. Die unverzichtbare Allianz"),
        ("heading", (3, 6), "Eine Sicherheitspartnerschaft mit Substanz"),  # over a blank line
        ("heading", (7, 7), "Kolumbien als globaler Partner der NATO"),  # same box as body text
    ]
    assert found[3][:2] == ("body", (8, 20)) and found[3][2].startswith("Allianz. Wichtige Wegmarken")
    assert ("heading", (71, 72), "Etappen der Zusammenarbeit zwischen NATO und Kolumbien") in found


def test_seed_caption_is_split_from_the_body_text_in_its_box(seed_raw: tuple[Path, Path]) -> None:
    found = pieces(seed_raw[0].read_text(encoding="utf-8"), "de")
    k = next(i for i, p in enumerate(found) if p[0] == "caption")
    assert found[k][1] == (222, 224) and found[k][2].endswith("Foto: © Dursun Aydemir, AA, picture alliance.")
    assert found[k + 1][:2] == ("body", (225, 244)) and found[k + 1][2].startswith("Themenkomplex als wichtig")


def test_seed_translation_markdown_title_note_and_footnote_list(seed_raw: tuple[Path, Path]) -> None:
    found = pieces(seed_raw[1].read_text(encoding="utf-8"), "en")
    assert found[0] == ("heading", (5, 5), "NATO. The Indispensable Alliance")
    assert ("note", (119, 119), "- translated from German -") in found
    notes = [p for p in found if p[0] == "footnote"]
    assert len(notes) == 14 and notes[-1] == ("footnote", (136, 136), "- 14 NATO 2022, n.7, p.10.")
    assert [p for p in found if p[0] == "caption"][0][1] == (73, 73)


def test_lowercase_headings_of_a_manual_are_not_merged() -> None:
    raw = "dselect-upgrade\n\nupdate\n\nupdate wird benutzt, um die Paketindexdatei zu synchronisieren.\n"
    assert [p[:1] + p[2:] for p in pieces(raw, "de")] == [
        ("heading", "dselect-upgrade"),
        ("heading", "update"),
        ("body", "update wird benutzt, um die Paketindexdatei zu synchronisieren."),
    ]


def test_footnote_marks_do_not_hide_a_sentence_end() -> None:
    raw = "reinstall\n\nreinstall is an alias for install --reinstall.⁴\n\nSee one.¹ Two.² Three.³\n"
    assert [p[0] for p in pieces(raw, "en")] == ["heading", "body", "body"]


def test_page_bottom_notes_run_over_lines_until_the_next_number() -> None:
    raw = (
        "Die NATO wuchs.1 Das Bündnis blieb.2 Es endet hier.\n\n"
        "1 Adán García, Ángel José 2019: 70 años de\nevolución estratégica, p. 1.\n"
        "2 NATO 2024: NATO's partnerships.\n"
    )
    assert [p[:2] for p in pieces(raw, "de")] == [("body", (1, 1)), ("footnote", (3, 4)), ("footnote", (5, 5))]


def test_a_list_item_opening_with_a_note_number_stays_an_item() -> None:
    """dref-data, held-out set 3, one-column layout: '• 1 Zyklus: …' under a list of quantities,
    in a document whose notes run 1, 2, 3: read as an item, as its translation's '* 1 cycles : …'
    is (a note on one side only is never paired with the other's item)."""
    raw = (
        "Die Medien halten lange.1 Bänder auch.2\n\n"
        "• 100 Jahre: Optische Speichermedien;\n• 30 Jahre: Magnetische Speichermedien;\n"
        "Optimistische Angabe von Schreibzyklen:\n• 1 Zyklus: CD-R/DVD-R, Papier.\n\n"
        "1 Laut Herstellern.\n2 Im Internet gefunden.\n"
    )
    assert [(kind, text) for kind, _, text in pieces(raw, "de")][-3:] == [
        ("item", "1 Zyklus: CD-R/DVD-R, Papier."),
        ("footnote", "1 Laut Herstellern."),
        ("footnote", "2 Im Internet gefunden."),
    ]


def test_a_block_opening_with_a_number_outside_the_sequence_is_body_text() -> None:
    raw = "Die NATO wuchs.1 Das Bündnis blieb.2\n\n33 Staaten traten bei und\nblieben.\n"
    assert [p[0] for p in pieces(raw, "de")] == ["body", "body"]


def test_heading_in_the_same_box_as_its_text() -> None:
    raw = (
        "Die Allianz ist seit Jahrzehnten ein wichtiger Partner der\nStaaten in Europa und Amerika.\n\n"
        "Fazit\nDie globale Partnerschaft zwischen Kolumbien und der\nNATO ist alles andere als ein Papiertiger.\n"
    )
    assert [p[:2] for p in pieces(raw, "de")] == [("body", (1, 2)), ("heading", (4, 4)), ("body", (5, 6))]


# lines that teach the builder how this document writes 'eine', 'das' and 'sobald': in lower case
_CASING = "Das ist eine Datei, das eine Programm und das andere, sobald es eine Zeile, sobald es das Ende und sobald es geht.\n\n"


def test_a_line_opening_with_a_lower_case_function_word_in_capitals_starts_a_unit() -> None:
    """'Yaml (wahrscheinlich ausgereift)' over 'Eine strikte Obermenge …' in one box: no blank line,
    no stop, but 'Eine' can only start a sentence here, so the term line is a unit of its own."""
    raw = _CASING + "Yaml (wahrscheinlich ausgereiftes Auswertprogramm)\nEine strikte Obermenge von JSON, die in vielen\nProjekten verwandt wird.\n"
    assert [p[0] for p in pieces(raw, "de")] == ["body", "heading", "body"]


def test_a_line_opener_needs_only_one_lower_case_use_after_a_line_break() -> None:
    """'sobald' and 'hier' occur once in lower case: at a raw line start that is evidence enough
    (no capitalised use mid-sentence), also under a line whose clause a colon closed ('sind:')."""
    once = "Das geht, sobald es spät ist, und hier steht es.\n\n"
    body = "Erstellen eines übersetzten Dokumentes für die Benutzer\nSobald Sie mit der Übersetzung fertig sind, möchten\nSie die Dokumentation an die Benutzer verteilen.\n"
    assert [p[2] for p in pieces(once + body, "de")][1:] == [
        "Erstellen eines übersetzten Dokumentes für die Benutzer",
        "Sobald Sie mit der Übersetzung fertig sind, möchten Sie die Dokumentation an die Benutzer verteilen.",
    ]
    raw = once + "Der gleiche Effekt wird mit den Kopfzeilen erreicht, die\näquivalent sind:\nHier sucht Po4a in der Übersetzung nach\nder ersten Zeile.\n"
    assert [p[2] for p in pieces(raw, "de")][1:] == [
        "Der gleiche Effekt wird mit den Kopfzeilen erreicht, die äquivalent sind:",
        "Hier sucht Po4a in der Übersetzung nach der ersten Zeile.",
    ]
    mid = "Das geht, sobald es spät ist.\n\nEr schreibt Sobald groß.\n\n"  # capitalised mid-sentence: no cut
    assert len(pieces(mid + body, "de")) == 3


def test_a_code_line_is_no_wrapped_line_of_a_narrow_box() -> None:
    """'Ein ausführlicheres Beispiel' / 'Originaldokument (POD-formatiert):' over a code line: the
    two short lines are no narrow box (pull quote, caption) wrapped onto the code, so the heading
    ends its unit."""
    long_line = "Dies ist eine lange Zeile aus dem Fließtext, die fast die ganze Breite füllt.\n"
    raw = long_line * 6 + "Ein ausführlicheres Beispiel\nOriginaldokument (POD-formatiert):\n|=head1 BESCHREIBUNG | |dummy - Ein\n"
    assert [p[2] for p in pieces(raw, "de")][-3:] == [
        "Ein ausführlicheres Beispiel", "Originaldokument (POD-formatiert):", "|=head1 BESCHREIBUNG | |dummy - Ein",
    ]


def test_a_capitalised_quantifier_after_a_line_break_starts_a_sentence() -> None:
    """'viele' is written in lower case mid-sentence; 'Viele Pakete …' under a list item's last
    line ('kFreeBSD-amd64', no stop) starts the paragraph after the list."""
    once = "Es gibt viele Pakete, und viele davon sind neu, weil viele Entwickler mithelfen.\n\n"
    raw = once + "• Linux-Kernel 2.6.32\n• zwei neue Portierungen, kFreeBSD-i386 und\nkFreeBSD-amd64\nViele Pakete begannen ein neues Quellpaketformat zu verwenden.\n"
    assert [p[2] for p in pieces(raw, "de")][2:] == [
        "zwei neue Portierungen, kFreeBSD-i386 und kFreeBSD-amd64",
        "Viele Pakete begannen ein neues Quellpaketformat zu verwenden.",
    ]


def test_an_option_term_ends_the_sentence_above_though_it_ends_like_an_abbreviation() -> None:
    """'… und extreme für Xz.' reads like an abbreviation ('Nr.'), but an option term alone on the
    next line ('-ZKomprimierart') cannot go on with that sentence."""
    raw = (
        "-SKomprimierstrategie\nGibt die Strategie an. Erlaubte Werte sind none\nund extreme für Xz.\n"
        "-ZKomprimierart\nGibt die Art der Komprimierung beim Bau\neines Pakets an.\n"
    )
    assert [p[2] for p in pieces(raw, "de")] == [
        "-SKomprimierstrategie", "Gibt die Strategie an. Erlaubte Werte sind none und extreme für Xz.",
        "-ZKomprimierart", "Gibt die Art der Komprimierung beim Bau eines Pakets an.",
    ]


def test_code_under_a_colon_is_a_unit_and_the_sentence_after_it_too() -> None:
    """A diagram or code line ('|', '\\', '<', '>', '=' …) under a line ending with a colon is a
    unit of its own, as a web page's <pre> is; an opener after a code line starts a sentence even
    when the code ends on a function word ('| |ich' / 'Dann wird …')."""
    once = "Das geht gut, und dann steht es hier.\n\n"
    raw = once + (
        "Hier eine grafische Darstellung davon:\nEingabedokument -- \\ /---> Ausgabedokument \\ TransTractor:: /\n\n"
        "Originaldokument (POD-formatiert):\n|=head1 BESCHREIBUNG | |dummy - Ein\nPlatzhalterprogramm | |=head1 AUTOR | |ich\n"
        "Dann wird das folgende Addendum sicherstellen, dass ein Abschnitt hinzugefügt wird.\n"
    )
    assert [p[2] for p in pieces(raw, "de")][1:] == [
        "Hier eine grafische Darstellung davon:",
        "Eingabedokument -- \\ /---> Ausgabedokument \\ TransTractor:: /",
        "Originaldokument (POD-formatiert):",
        "|=head1 BESCHREIBUNG | |dummy - Ein Platzhalterprogramm | |=head1 AUTOR | |ich",
        "Dann wird das folgende Addendum sicherstellen, dass ein Abschnitt hinzugefügt wird.",
    ]
    assert not code_line("Auf der Kommandozeile ist der Aufruf pl_editor <*.kicad_wks Datei>.")  # two marks: prose


def test_a_bulleted_line_is_no_wrapped_line_of_a_narrow_box() -> None:
    """'… "Option Seite 1" möglich:' / 'Option Seite 1' / '• Keine: …': the bullet opens an item,
    so the two short lines above it are no narrow box wrapped over three lines; the short line
    after the colon is a unit of its own."""
    long_line = "Dies ist eine lange Zeile aus dem Fließtext, die fast die Breite füllt.\n"
    raw = long_line * 6 + (
        "Wenn ein Benutzer Elemente nur auf der Seite 1 sehen soll, ist dies durch die\n\"Option Seite 1\" möglich:\n"
        "Option Seite 1\n• Keine: keine Beschränkungen\n• Nur Seite 1: Das Element ist nur auf Seite 1 sichtbar.\n"
    )
    assert [p[2] for p in pieces(raw, "de")][-4:] == [
        "Wenn ein Benutzer Elemente nur auf der Seite 1 sehen soll, ist dies durch die \"Option Seite 1\" möglich:",
        "Option Seite 1",
        "Keine: keine Beschränkungen",
        "Nur Seite 1: Das Element ist nur auf Seite 1 sichtbar.",
    ]


def test_a_heading_in_capitals_ends_before_the_command_under_it() -> None:
    raw = _CASING + "ÜBERSICHT\ndpkg-deb [Option …] Befehl\n"
    assert [p[:1] + p[2:] for p in pieces(raw, "de")][1:] == [("heading", "ÜBERSICHT"), ("heading", "dpkg-deb [Option …] Befehl")]


def test_a_heading_glued_onto_the_first_line_of_its_text_is_cut_off() -> None:
    raw = _CASING + "Erstellen eines übersetzten Dokumentes Sobald Sie mit der Übersetzung fertig sind, möchten\nSie das Dokument verteilen.\n"
    assert [p[:1] + p[2:] for p in pieces(raw, "de")][1:] == [
        ("heading", "Erstellen eines übersetzten Dokumentes"),
        ("body", "Sobald Sie mit der Übersetzung fertig sind, möchten Sie das Dokument verteilen."),
    ]


def test_a_short_term_line_ends_its_unit_even_among_short_lines() -> None:
    """In a list of formats every line is short, which otherwise marks a narrow box (one block)."""
    long_line = "Dies ist eine lange Zeile aus dem Fließtext, die fast die ganze Breite füllt.\n"
    raw = long_line * 6 + "\nIni (wahrscheinlich experimentelles Auswertprogramm)\nKonfigurationsdateiformat, durch MS-DOS\nbeliebt geworden.\n"
    assert [p[:1] + p[2:] for p in pieces(raw, "de")][-2:] == [
        ("heading", "Ini (wahrscheinlich experimentelles Auswertprogramm)"),
        ("body", "Konfigurationsdateiformat, durch MS-DOS beliebt geworden."),
    ]


def test_an_option_term_of_a_manual_ends_its_unit() -> None:
    """Among lines short enough to look like a narrow box, an option term still ends its unit."""
    long_line = "Dies ist eine sehr lange Zeile aus dem Fließtext einer Handbuchseite, die fast die ganze Breite der Seite füllt.\n"
    raw = long_line * 6 + (
        "\n-b, --build Programmverzeichnis [Archiv|Verzeichnis]\n"
        "Legt ein Debian-Archiv aus dem Dateisystembaum an, der in Programmverzeichnis\n"
        "gespeichert ist, und prüft dabei die Steuerdatei des Pakets auf Fehler.\n"
    )
    assert [p[:1] + p[2:] for p in pieces(raw, "de")][-2:] == [
        ("heading", "-b, --build Programmverzeichnis [Archiv|Verzeichnis]"),
        ("body", "Legt ein Debian-Archiv aus dem Dateisystembaum an, der in Programmverzeichnis gespeichert ist, und prüft dabei die Steuerdatei des Pakets auf Fehler."),
    ]


def test_a_numbered_heading_alone_on_its_line_is_not_a_footnote_of_the_sequence() -> None:
    raw = "Die NATO wuchs.1 Das Bündnis blieb.2 Es gab drei.3\n\n3. Architektur\n\nDer Server steht hier.\n\n3 Siehe NATO 2024.\n"
    assert [p[:2] for p in pieces(raw, "de")] == [("body", (1, 1)), ("heading", (3, 3)), ("body", (5, 5)), ("footnote", (7, 7))]


def test_an_unbulleted_definition_list_is_one_unit_per_term() -> None:
    """Three or more lines of a block opening with a symbol-led term the same way are items, a
    wrapped line staying with its item; two such lines are not yet a list."""
    long_line = "Dies ist eine lange Zeile aus dem Fließtext, die fast die ganze Breite füllt.\n"
    listing = "Umwandlungselemente sind:\n%Z = Typ des Papierformats (A4\noder A3)\n%Y = Name der Firma\n%D = Datum\n"
    assert [p[2] for p in pieces(long_line * 6 + "\n" + listing, "de")][-4:] == [
        "Umwandlungselemente sind:", "%Z = Typ des Papierformats (A4 oder A3)", "%Y = Name der Firma", "%D = Datum",
    ]
    assert parallel_lines(listing.splitlines()) == {2, 4, 5}
    assert parallel_lines(listing.splitlines()[:4]) == frozenset()


def test_a_symbol_only_term_escaping_the_list_symbol_is_an_item_of_the_list() -> None:
    """'%% = wird ersetzt durch %' heads the list of '%K = …' terms: the symbol alone, doubled,
    with a separator and a description, is a term of the same list, not the end of the line
    introducing it."""
    long_line = "Dies ist eine lange Zeile aus dem Fließtext, die fast die ganze Breite füllt.\n"
    listing = "Umwandlungselemente sind:\n%% = wird ersetzt durch %\n%K = KiCad Version\n%Z = Typ des Papierformats\n"
    assert [p[2] for p in pieces(long_line * 6 + "\n" + listing, "de")][-4:] == [
        "Umwandlungselemente sind:", "%% = wird ersetzt durch %", "%K = KiCad Version", "%Z = Typ des Papierformats",
    ]
    assert parallel_lines(listing.splitlines()) == {2, 3, 4}
    assert parallel_lines(["Text:", "-- = Ende", "* Punkt eins", "= = gleich"]) == frozenset()  # no common symbol


def test_a_single_definition_under_a_colon_is_a_unit_of_its_own() -> None:
    """Two-column extraction scatters a definition list: one '%% = …' line under the line that
    introduces the list is no list of three, but a term and separator still open no prose."""
    long_line = "Dies ist eine lange Zeile aus dem Fließtext, die fast die ganze Breite füllt.\n"
    raw = long_line * 6 + "\nUmwandlungselemente sind:\n%% = wird ersetzt durch %\n\n5.1. Beschränkung auf Seite 1\n"
    assert [p[2] for p in pieces(raw, "de")][-3:] == ["Umwandlungselemente sind:", "%% = wird ersetzt durch %", "5.1. Beschränkung auf Seite 1"]


def test_a_definition_list_with_gaps_between_its_items_is_one_list() -> None:
    """A PDF's paragraph spacing sets the list in blocks of one or two items; each block opening
    with the same kind of term continues the list, so no two items merge into one unit."""
    listing = ["Umwandlungselemente sind:", "", "%% = wird ersetzt durch %", "%K = KiCad Version", "", "%Z = Typ des Papierformats (A4,", "USLetter …)", "", "%Y = Name der Firma", "%D = Datum", "", "Danach folgt Text."]
    assert parallel_lines(listing) == {3, 4, 6, 9, 10}
    long_line = "Dies ist eine lange Zeile aus dem Fließtext, die fast die ganze Breite füllt.\n"
    texts = [p[2] for p in pieces(long_line * 6 + "\n" + "\n".join(listing) + "\n", "de")]
    assert texts[-6:] == [
        "%% = wird ersetzt durch %", "%K = KiCad Version", "%Z = Typ des Papierformats (A4, USLetter …)",
        "%Y = Name der Firma", "%D = Datum", "Danach folgt Text.",
    ]
    assert parallel_lines(["%% = a", "%K = b", "", "Prosa dazwischen.", "", "%Y = c"]) == frozenset()  # prose ends the list


# dpkg-query(1), German, groff -ms two columns -> pdftotext (held-out set 2)
DPKG_QUERY_LEGEND = [
    "Die ersten drei Spalten der Ausgabe zeigen",
    "die gewünschte Aktion, den Paketstatus und Fehler, in dieser Reihenfolge.",
    "Gewünschte Aktion: u= unbekannt i = Installieren h = halten r = entfernen p = endgültig",
    "löschen",
    "Paketstatus: n = nicht-installiert c = ConfigDateien H = halb-installiert U = entpackt F =",
    "halb-konfiguriert W = Trigger-erwartend t = Trigger-anhängig i = installiert",
    "Fehler-Schalter: <leer> = (kein) R = Neuinstallation notwendig",
]


def test_a_labelled_list_is_one_unit_per_label_never_a_cut_sentence() -> None:
    """Three lines in a row opening with a capitalised label and a colon are items: the legend
    line ending without a stop ('… endgültig' / 'löschen') is no sentence going on into the next
    label ('Paketstatus: …')."""
    assert colon_label_lines(DPKG_QUERY_LEGEND) == {3, 5, 7}
    assert colon_label_lines(DPKG_QUERY_LEGEND[:5]) == frozenset()  # two labels are no list yet
    assert [p[:2] + p[2:] for p in pieces("\n".join(DPKG_QUERY_LEGEND) + "\n", "de")] == [
        ("body", (1, 2), "Die ersten drei Spalten der Ausgabe zeigen die gewünschte Aktion, den Paketstatus und Fehler, in dieser Reihenfolge."),
        ("item", (3, 4), "Gewünschte Aktion: u= unbekannt i = Installieren h = halten r = entfernen p = endgültig löschen"),
        ("item", (5, 6), "Paketstatus: n = nicht-installiert c = ConfigDateien H = halb-installiert U = entpackt F = halb-konfiguriert W = Trigger-erwartend t = Trigger-anhängig i = installiert"),
        ("item", (7, 7), "Fehler-Schalter: <leer> = (kein) R = Neuinstallation notwendig"),
    ]


def test_field_names_of_recurring_records_make_no_labelled_list() -> None:
    """apt_preferences(5): a file format's fields recur record after record (and 'Explanation:'
    goes on under its own name): a listing, not a legend of labels used once."""
    records = [
        "Explanation: Deinstallieren oder nicht installieren von anderen von Debian",
        "Explanation: stammenden Paketversionen als denen der Stable-Distribution",
        "Package: *", "Pin: release a=stable", "Pin-Priority: 900", "",
        "Package: *", "Pin: release o=Debian", "Pin-Priority: -10",
    ]
    assert colon_label_lines(records) == frozenset()


# apt_preferences(5), German, groff -ms one column -> pdftotext -layout (held-out set 3), page foot left out
APT_PRIORITIES = """\
       Wenn das Ziel-Release angegeben wurde, dann benutzt APT den folgenden Algorithmus, um die
Prioritäten der Versionen eines Paketes zu setzen. Zuweisung:
         Priorität 1
         Priorität 100
      zu der Version, die bereits installiert ist
 und zu Versionen, die von Archiven kommen, die in deren Release-Dateien als »NotAutomatic: yes« und
»ButAutomaticUpgrades: yes« markiert sind, wie das Debian-Backports-Archiv seit squeeze-backports.

         Priorität 500
         zu den Versionen, die nicht zum Ziel-Release gehören.
         Priorität 990
         zu den Versionen, die zum Ziel-Release gehören.
"""


def test_short_term_lines_sharing_their_first_word_are_units_over_their_descriptions() -> None:
    """'Priorität 990' over 'zu den Versionen, …': a short line that left room for the next
    line's first word and opens like two other such lines is a definition term, not the head of
    a sentence going on in lower case; a term stacked over another shares its description."""
    lines = APT_PRIORITIES.splitlines()
    assert repeated_term_lines(lines) == {3, 4, 9, 11}
    assert repeated_term_lines(lines[:8]) == frozenset()  # two such lines are no list yet
    assert [p[0::2] for p in pieces(APT_PRIORITIES, "de")][1:] == [
        ("item", "Priorität 1"),
        ("item", "Priorität 100"),
        ("body", "zu der Version, die bereits installiert ist"),
        ("body", "und zu Versionen, die von Archiven kommen, die in deren Release-Dateien als »NotAutomatic: yes« und »ButAutomaticUpgrades: yes« markiert sind, wie das Debian-Backports-Archiv seit squeeze-backports."),
        ("item", "Priorität 500"),
        ("body", "zu den Versionen, die nicht zum Ziel-Release gehören."),
        ("item", "Priorität 990"),
        ("body", "zu den Versionen, die zum Ziel-Release gehören."),
    ]
    # under a capitalised line the existing rules part the lines; a line ending a sentence is no term
    assert repeated_term_lines([x.replace("zu den Versionen", "Zu den Versionen") for x in lines]) == frozenset()
    assert repeated_term_lines([x + "." if x.strip() in ("Priorität 500", "Priorität 990") else x for x in lines]) == frozenset()


# apt_preferences(5), German, groff -ms one column -> pdftotext -layout (held-out set 3)
APT_RELEASE_FIELDS = """\
lungsdatei anzugeben würde die folgende Zeile benötigen:
      die Codename:-Zeile
      benennt die Release-Version. Die Pakete im Baum könnten zum Beispiel zur Debian-Release-Version
12 gehören. Diese in der APT-Einstellungsdatei anzugeben würde
eine der folgenden Zeilen benötigen:
      die Component:-Zeile
      benennt den Lizenzierungsbestandteil, die den Paketen im Verzeichnisbaum der Release-Datei zuge-
ordnet ist.
      die Origin:-Zeile
      benennt den Urheber des Pakets im Verzeichnisbaum der Release-Datei.
"""


def test_term_lines_opening_with_an_article_share_their_last_word() -> None:
    """'die Codename:-Zeile', 'die Component:-Zeile', 'die Origin:-Zeile': terms opening with an
    article are alike by the article and their last word; each is a unit over its description."""
    assert repeated_term_lines(APT_RELEASE_FIELDS.splitlines()) == {2, 6, 9}
    assert [p[0::2] for p in pieces(APT_RELEASE_FIELDS, "de")][1:3] == [
        ("item", "die Codename:-Zeile"),
        ("body", "benennt die Release-Version. Die Pakete im Baum könnten zum Beispiel zur Debian-Release-Version 12 gehören. Diese in der APT-Einstellungsdatei anzugeben würde eine der folgenden Zeilen benötigen:"),
    ]
    # an article and a function word share nothing: 'die Pakete' / 'die sie' lines are no terms
    assert repeated_term_lines(["die von", "benennt a.", "die von", "benennt b.", "die von", "benennt c."]) == frozenset()


def test_a_numbered_title_wrapped_over_two_lines_is_one_heading() -> None:
    """Debian Reference ch. 10 (German, groff -ms two columns -> pdftotext): the lower-case rest of a numbered title on a line of its own belongs to the
    title, not a unit of its own; a code-like rest does not ('3.1. Pakete' + 'apt-get update')."""
    long_line = "Dies ist eine lange Zeile aus dem Fließtext, die fast die ganze Breite füllt.\n"
    raw = long_line * 6 + (
        "\n10.1. Austauschen, kopieren und archivieren\nvon Dateien\n"
        "Die Sicherheit der Daten und deren kontrolliertes Austauschen mit anderen hat verschiedene\nAspekte.\n"
    )
    assert [p[0::2] for p in pieces(raw, "de")][-2:] == [
        ("heading", "10.1. Austauschen, kopieren und archivieren von Dateien"),
        ("body", "Die Sicherheit der Daten und deren kontrolliertes Austauschen mit anderen hat verschiedene Aspekte."),
    ]
    # after a blank line, a lower-case line is a fragment of a shuffled block (kicad-pl-editor, scrambled)
    shuffled = long_line * 6 + "\n2.1. Eingabedatei und Standard Titleblock\n\ndie maximale X-Größe\n"
    assert [p[2] for p in pieces(shuffled, "de")][-2:] == ["2.1. Eingabedatei und Standard Titleblock", "die maximale X-Größe"]
    from harness.align.blocks import _TITLE_TAIL

    assert _TITLE_TAIL.match("von Dateien") and _TITLE_TAIL.match("mount-Optionen")
    assert not _TITLE_TAIL.match("apt-get update /etc/apt") and not _TITLE_TAIL.match("Von Dateien")
    assert not _TITLE_TAIL.match("dpkg_1.21 paket") and not _TITLE_TAIL.match("ext4 verwenden")


def test_a_wrapped_block_ending_with_a_colon_is_one_unit_not_two_titles() -> None:
    """'Die obere Toolbar erlaubt einen einfachen' / 'Zugriff auf die folgenden Kommandos:' set off
    by blank lines reads like a heading block, but two titles would not share one colon; a
    numbered line still starts a heading of its own."""
    raw = "7.2. Hauptfenster Toolbar\n\nDie obere Toolbar erlaubt einen einfachen\nZugriff auf die folgenden Kommandos:\n\n7.3. Kommandos\n"
    assert [p[2] for p in pieces(raw, "de")] == [
        "7.2. Hauptfenster Toolbar", "Die obere Toolbar erlaubt einen einfachen Zugriff auf die folgenden Kommandos:", "7.3. Kommandos",
    ]
    raw = "Die Einleitung\n4.2. Mehrzeilige Texte:\n\nTexte können mehrzeilig sein.\n"
    assert [p[2] for p in pieces(raw, "de")][:2] == ["Die Einleitung", "4.2. Mehrzeilige Texte:"]


def test_a_section_number_set_apart_from_its_title_is_part_of_the_heading() -> None:
    """Typeset PDFs leave a gap between '4.1' and its title; pdftotext makes two blocks of them."""
    long_line = "Dies ist eine lange Zeile aus dem Fließtext, die fast die ganze Breite füllt.\n"
    raw = "Kapitel 4\n\nAuthentifizierung\n" + long_line * 4 + "\n4.1\n\nNormale Unix-Authentifizierung\n\n" + long_line * 4
    texts = [p[2] for p in pieces(raw, "de") if p[0] in ("heading", "title")]
    assert texts == ["Kapitel 4 Authentifizierung", "4.1 Normale Unix-Authentifizierung"]


def test_labels_of_one_form_in_a_row_are_headings_of_their_own() -> None:
    """apt_preferences(5), w3m: the values a list explains, each a line of its own ('Priorität 1',
    'Priorität 100'), are two headings; the first is not the second's label."""
    raw = "Zuweisung:\n\nPriorität 1\n\nPriorität 100\n\nzu der Version, die bereits installiert ist.\n"
    assert [p[2] for p in pieces(raw, "de")][1:3] == ["Priorität 1", "Priorität 100"]


def _layout_pieces(path: Path, last_line: int) -> list[tuple[str, tuple[int, int], str]]:
    """The pieces of a real extraction's first lines, read as the builder reads them (layout first)."""
    from harness.align import layout

    raw = "\n".join(path.read_text(encoding="utf-8").split("\n")[:last_line]) + "\n"
    found = layout.analyse(raw)
    ev = evidence_from(raw, function_words=frozenset({"der", "die", "und"}))
    return [(p.kind, p.text.line_range(), p.text.text) for p in read_pieces("\n".join(found.lines), "de", ev, found.page_foot, found.bridged)]


CORPUS = Path(__file__).parent / "corpus"


def test_a_paragraph_indent_of_a_layout_extraction_ends_the_text_above() -> None:
    """`pdftotext -layout` steps in each paragraph's first line: 'Ian Mur-' / 'dock schreibt:' ends
    there though its line is the lower-case tail of a sentence; a raised note mark's one-space
    push ('Jahr1' / ' vom GNU-Projekt') is no new box."""
    found = _layout_pieces(CORPUS / "history" / "de.1col.layout.txt", 62)
    assert [p[:2] for p in found[:6]] == [
        ("heading", (1, 1)),
        ("heading", (5, 5)),
        ("body", (6, 9)),
        ("body", (10, 11)),
        ("body", (12, 15)),
        ("body", (16, 19)),
    ]
    assert "für ein Jahr vom GNU-Projekt" in found[2][2]
    assert found[3][2].endswith("Ian Murdock schreibt:") and found[4][2].startswith("»Debian 0.91 wurde")
    one_line = next(k for k, p in enumerate(found) if p[2].startswith("Ein frühes Mitglied"))
    assert found[one_line][2].endswith("dass der Linux-Kernel")  # a paragraph of one line, indented
    assert found[one_line + 1][2].startswith("»… zwischen 0.99R8 und 0.99R15 war")


def test_lines_of_an_indented_block_stay_together() -> None:
    from harness.align.blocks import _indent_starts

    lines = [
        "Ein Satz endet hier.",
        "      Zitat beginnt hier mit einem Satz, der über",
        "      Zeilen geht und nicht endet, weil das Zitat",
        "      Absätze hat.",
        "Danach geht der Text weiter.",
    ]
    assert _indent_starts(lines, 5) == frozenset({2})


def test_note_numbers_on_lines_of_their_own_open_the_notes_of_a_page_foot() -> None:
    """'  1' / '    November 1994 bis November 1995' at the page foot: notes of the document's
    sequence (marks 'Jahr1', 'konnte2', …), set aside; the sentence cut by the notes and the page
    break ('… oder kam' / 'kurz danach dazu …') does not run on into the last note."""
    found = _layout_pieces(CORPUS / "history" / "de.1col.layout.txt", 62)
    notes = [p for p in found if p[0] == "footnote"]
    assert notes == [
        ("footnote", (48, 48), "1 November 1994 bis November 1995"),
        ("footnote", (50, 50), "2 es hatte keine Unterstützung für Abhängigkeiten oder etwas in der Art"),
        ("footnote", (52, 52), "3 dafür war hauptsächlich Ian Jackson verantwortlich"),
        ("footnote", (54, 54), "4 ich kann mich aber nicht mehr genau erinnern, wie viele genau"),
    ]
    body = [p for p in found if p[0] == "body"]
    assert body[-3][1] == (44, 46) and body[-3][2].endswith("Matt Welsh war entweder Teil der ursprünglichen Gruppe oder kam")
    assert body[-2][1] == (61, 62) and body[-2][2].startswith("kurz danach dazu")


def test_note_numbers_over_text_away_from_a_page_foot_are_not_notes() -> None:
    from harness.align.notes import bare_note_numbers

    lines = ["Ein Satz mit Marke1 und noch einer2.", "1", "Schritt eins", "2", "Schritt zwei", "", "Weiter geht es hier."]
    assert bare_note_numbers(lines, frozenset(), frozenset({1, 2})) == frozenset()
    assert bare_note_numbers(lines, frozenset({5}), frozenset({1, 2})) == frozenset({2, 4})
    assert bare_note_numbers(lines[:5], frozenset(), frozenset({1, 2})) == frozenset({2, 4})  # the end of the document
    assert bare_note_numbers(lines, frozenset({5}), frozenset()) == frozenset()  # no marks in the text: no sequence


def test_paragraph_indent_needs_the_document_to_open_paragraphs_so() -> None:
    from harness.align.blocks import paragraph_indent

    flush = ["Ein Satz endet hier.", "Noch ein Satz beginnt", "und endet hier."] * 4
    assert paragraph_indent(flush) == 0
    indented = ["Ein Satz endet hier.", "      Noch ein Satz beginnt", "und endet hier."] * 4
    assert paragraph_indent(indented) == 5
    quoted = ["Ein Satz endet hier.", "   > Zitat", "   > geht weiter."] * 4  # an indented block is no paragraph indent
    assert paragraph_indent(quoted) == 0


def test_two_headings_in_capitals_on_consecutive_lines_are_two_headings() -> None:
    long_line = "Dies ist eine lange Zeile aus dem Fließtext, die fast die ganze Breite füllt.\n"
    raw = long_line * 6 + "zu erstellen, können es sogar professionelle Übersetzer nutzen.\nSIEHE AUCH\nAUTOREN\n\nDenis Barbier\n"
    assert [p[:1] + p[2:] for p in pieces(raw, "de")][-3:-1] == [("heading", "SIEHE AUCH"), ("heading", "AUTOREN")]


def test_a_short_line_holding_a_finished_sentence_is_no_heading() -> None:
    """'User display mode: activated. Title block displayed like in Eeschema' has no final stop, but
    a heading holds no finished sentence: it is text, cut into its two sentences."""
    long_line = "This is a long line of running text that fills nearly the whole width of the column.\n"
    raw = long_line * 6 + "\nUser display mode: activated. Title block displayed like in Eeschema\n\n" + long_line * 2
    assert ("body", (8, 8), "User display mode: activated. Title block displayed like in Eeschema") in pieces(raw, "en")
    assert ("heading", (8, 8), "4.1. Normal Unix authentication") in pieces(raw.replace("User display mode: activated. Title block displayed like in Eeschema", "4.1. Normal Unix authentication"), "en")


# lynx -dump of Debian Reference ch. 8 (English): paragraphs and list items indented, items hang
LYNX_LIST = (
    "   This process involves 2 steps.\n"
    "    1. Select all required locale data to be compiled into the binary\n"
    "       form. (Please make sure to include at least one UTF-8 locale)\n"
    "    2. Set the system wide default locale value by creating\n"
    '       "/etc/default/locale" for use by PAM (see Section 4.5, “PAM and\n'
    "       NSS”).\n"
    "\n"
    '   The system wide default locale value set in "/etc/default/locale" may\n'
    "   be overridden by the GUI configuration for GUI applications.\n"
    "\n"
    "     * gnome-terminal: Preferences → Profiles → Profile name →\n"
    "       Compatibility → Ambiguous-wide characters → Narrow\n"
    "     * ncurses: Set environment export NCURSES_NO_UTF8_ACS=0.\n"
)


def test_web_dump_list_items_hang_and_paragraph_lines_share_one_edge() -> None:
    assert pieces(LYNX_LIST, "en") == [
        ("body", (1, 1), "This process involves 2 steps."),
        ("item", (2, 3), "1. Select all required locale data to be compiled into the binary form. (Please make sure to include at least one UTF-8 locale)"),
        ("item", (4, 6), '2. Set the system wide default locale value by creating "/etc/default/locale" for use by PAM (see Section 4.5, “PAM and NSS”).'),
        ("body", (8, 9), 'The system wide default locale value set in "/etc/default/locale" may be overridden by the GUI configuration for GUI applications.'),
        ("item", (11, 12), "gnome-terminal: Preferences → Profiles → Profile name → Compatibility → Ambiguous-wide characters → Narrow"),
        ("item", (13, 13), "ncurses: Set environment export NCURSES_NO_UTF8_ACS=0."),
    ]


def test_a_table_of_key_value_columns_gives_no_footnote_sequence() -> None:
    # pdftotext of a popcon table ('V:2, I:3'), then a numbered list: items, not footnotes 1-3
    raw = (
        "Popcon\nV:161, I:204\nV:2, I:3\nV:0, I:1\nV:0, I:2\n\n"
        "Hier ein Beispiel, wie ich dies mit IBus eingerichtet habe:\n"
        "1. Installieren Sie das japanische Eingabewerkzeug über ibus-mozc.\n"
        "2. Sie können weitere Eingabequellen wählen.\n"
        "3. Melden Sie sich am Benutzerkonto neu an.\n"
    )
    found = pieces(raw, "de")
    assert [p for p in found if p[1][0] >= 8] == [
        ("item", (8, 8), "1. Installieren Sie das japanische Eingabewerkzeug über ibus-mozc."),
        ("item", (9, 9), "2. Sie können weitere Eingabequellen wählen."),
        ("item", (10, 10), "3. Melden Sie sich am Benutzerkonto neu an."),
    ]


def test_a_command_under_a_prompt_after_a_colon_is_a_unit_of_its_own() -> None:
    # pdftotext of Debian Reference ch. 6
    raw = "Starten Sie exim4 mit folgendem Befehl:\n$ sudo systemctl start exim4\n"
    assert [p[1:] for p in pieces(raw, "de")] == [
        ((1, 1), "Starten Sie exim4 mit folgendem Befehl:"),
        ((2, 2), "$ sudo systemctl start exim4"),
    ]


def test_a_line_with_room_for_the_next_word_ended_its_paragraph() -> None:
    """Greedy wrapping: 'Elemente können wiederholt werden:' leaves room for 'Dies', so it was not
    wrapped but ended its paragraph (kicad-pl-editor, `pdftotext -layout`); a line of a
    43-character column stays joined to a long line that plain pdftotext glued from two columns."""
    from harness.align.wrapping import word_would_fit

    raw = (
        "3.5. Wiederholungsfunktion\n"
        "         Elemente können wiederholt werden:\n"
        "         Dies ist hilfreich um ein Raster und Rasterbeschriftungen anzulegen.\n"
    )
    assert [p[1:] for p in pieces(raw, "de")] == [
        ((1, 1), "3.5. Wiederholungsfunktion"),
        ((2, 2), "Elemente können wiederholt werden:"),
        ((3, 3), "Dies ist hilfreich um ein Raster und Rasterbeschriftungen anzulegen."),
    ]
    glued = "Beschreibung kann in eine Datei *.kicad_wks geschrieben werden, dies geschieht unter Verwendung des S-Expressions Format, welches sehr oft"
    assert word_would_fit("Die aktuelle Konfiguration der Seitenlayout", glued)
    assert not word_would_fit("Die aktuelle Konfiguration der Seitenlayout", glued, width=43.0)
    assert not word_would_fit("Der Pl_Editor liest oder schreibt Seiten-", "beschreibungsdateien und mehr Text als hier")


# Debian Reference, chapter 5 (German PDF, pdftotext): admonition labels with no blank line around them
ADMONITIONS = """Tipp
Unter systemd kann networkd für die Netzwerkverwaltung genutzt werden; lesen Sie dazu systemd-networkd(8).
Anmerkung
Um Konflikte mit ifupdown zu vermeiden, werden nur Schnittstellen von NM verwaltet.
Tabelle 5.2: Liste der Netzwerkadressbereiche
Anmerkung
Wenn eine dieser Adressen einem Rechner zugewiesen ist, kann dieser Rechner das Internet nicht direkt erreichen.
Sie können die folgenden Netzwerkbefehle der untersten Ebene problemlos verwenden, da sie die
Netzwerkkonfiguration nicht verändern:
Tipp
Einige dieser Netzwerkwerkzeuge befinden sich in ”/sbin/”.
MSS = ”MTU - 60” bei IPv6
Anmerkung
Bei Netzwerkoptimierung mittels iptables(8) kann die Paketgröße über die MSS begrenzt werden.
Linux 2.4 NAT HOWTO
Tipp
Konfigurations-Hilfsskripte wie shorewall vereinfachen diesen Prozess.
"""


def test_a_repeated_one_word_line_is_a_label_of_its_own() -> None:
    found = [(kind, text) for kind, _, text in pieces(ADMONITIONS, "de")]
    assert [text for _, text in found][4:] == [
        "Tabelle 5.2: Liste der Netzwerkadressbereiche",
        "Anmerkung",
        "Wenn eine dieser Adressen einem Rechner zugewiesen ist, kann dieser Rechner das Internet nicht direkt erreichen.",
        "Sie können die folgenden Netzwerkbefehle der untersten Ebene problemlos verwenden, da sie die Netzwerkkonfiguration nicht verändern:",
        "Tipp",
        "Einige dieser Netzwerkwerkzeuge befinden sich in ”/sbin/”.",
        "MSS = ”MTU - 60” bei IPv6",
        "Anmerkung",
        "Bei Netzwerkoptimierung mittels iptables(8) kann die Paketgröße über die MSS begrenzt werden.",
        "Linux 2.4 NAT HOWTO",
        "Tipp",
        "Konfigurations-Hilfsskripte wie shorewall vereinfachen diesen Prozess.",
    ]
    assert found[5] == ("heading", "Anmerkung") and found[8] == ("heading", "Tipp")


def test_a_word_wrapped_alone_twice_is_no_label() -> None:
    """maint-guide (two-column PDF): 'Pakete' closes two list items; it stays their last word."""
    raw = "• Inhalte von man Befehl für alle einschlägigen\nPakete\n• Inhalte von info Befehl für alle einschlägigen\nPakete\n"
    assert [text for _, _, text in pieces(raw, "de")] == [
        "Inhalte von man Befehl für alle einschlägigen Pakete",
        "Inhalte von info Befehl für alle einschlägigen Pakete",
    ]


# Debian Reference, chapter 5: the English web page (lynx -dump) and the German PDF (pdftotext)
CAPTIONS_EN = """   Let's review the basic network infrastructure on the modern Debian system.

   Table 5.1. List of network configuration tools
   packages popcon size type description
   [25]network-manager [26]V:363, I:428 [27]14803 config::NM

   Table 5.5. List of network optimization tools
   packages popcon size description
"""
CAPTIONS_DE = """Netzwerkumgebung
Einwahlverbindung (IP: PPP)
Ethernet-Verbindung (IP: DHCP oder fest)

Standard und vorgegeben

Tabelle 5.6: Wesentliche Grundregeln für den optimalen MTU-Wert
Zusätzlich zu diesen Grundregeln sollten Sie folgendes wissen:
Konfigurations-Hilfsskripte wie shorewall vereinfachen diesen Prozess.

Tabelle 5.7: Liste von Firewall-Werkzeugen
Das vorherrschende Nutzerprogramm für netfilter ist iptables(8).
"""


def test_a_numbered_caption_is_a_unit_of_its_own() -> None:
    en = [text for _, _, text in pieces(CAPTIONS_EN, "en")]
    assert "Table 5.1. List of network configuration tools" in en and "Table 5.5. List of network optimization tools" in en
    assert en[en.index("Table 5.1. List of network configuration tools") + 1].startswith("packages popcon size type description")
    de = [text for _, _, text in pieces(CAPTIONS_DE, "de")]
    assert "Tabelle 5.6: Wesentliche Grundregeln für den optimalen MTU-Wert" in de
    assert "Tabelle 5.7: Liste von Firewall-Werkzeugen" in de
    assert "Das vorherrschende Nutzerprogramm für netfilter ist iptables(8)." in de


def test_one_numbered_line_is_no_caption() -> None:
    """Only a label word the document numbers twice or more marks captions."""
    raw = "Die Werte stehen in der folgenden Liste:\nVersion 2.1: eine neue Oberfläche\nund bessere Übersetzungen.\n"
    assert [text for _, _, text in pieces(raw, "de")] == [
        "Die Werte stehen in der folgenden Liste: Version 2.1: eine neue Oberfläche und bessere Übersetzungen."
    ]


def test_a_heading_in_capitals_under_unfinished_text_is_a_unit() -> None:
    """man(1) in two columns (pdftotext): option descriptions end without a stop."""
    raw = (
        "zeigt eine kurze Anwendungszusammenfassung an und beendet das Programm.\n"
        "Versionsinformation anzeigen und beenden\nEXIT-STATUS\nUMGEBUNGSVARIABLEN\n"
        "Wenn $MANPATH gesetzt ist, wird ihr\nWert als Suchpfad für die Handbuchseiten benutzt.\n"
        "Zu den gebräuchlichen Abschnittsnamen\ngehören BEZEICHNUNG, ÜBERSICHT, OPTIONEN,\nEXIT-STATUS, RÜCKGABEWERT, FEHLER,\n"
        "UMGEBUNGSVARIABLEN und SIEHE AUCH.\n"
    )
    found = [text for _, _, text in pieces(raw, "de")]
    assert found[1:4] == ["Versionsinformation anzeigen und beenden", "EXIT-STATUS", "UMGEBUNGSVARIABLEN"]
    assert found[-1] == (
        "Zu den gebräuchlichen Abschnittsnamen gehören BEZEICHNUNG, ÜBERSICHT, OPTIONEN, EXIT-STATUS, RÜCKGABEWERT, "
        "FEHLER, UMGEBUNGSVARIABLEN und SIEHE AUCH."
    )


def test_a_caption_wraps_after_a_function_word() -> None:
    """Debian Reference ch. 5 set in two columns: 'zur' cannot end the caption."""
    raw = (
        "Tabelle 5.4. Liste von Basis-Netzwerkbefehlen\nIch erwähne hier nur Dinge, die passend sind.\n"
        "Tabelle 5.5. Liste von Werkzeugen zur\nNetzwerkoptimierung\n5.5.1. Die optimale MTU finden\n"
    )
    found = [text for _, _, text in pieces(raw, "de")]
    assert "Tabelle 5.5. Liste von Werkzeugen zur Netzwerkoptimierung" in found


# apt-cache(8) in two columns (pdftotext): command terms over their lower-case descriptions
TERMS = (
    "Paketquellen-Metadaten abzufragen.\n"
    "showpkg Paket...\nshowpkg zeigt Informationen über die auf\nder Befehlszeile aufgelisteten Pakete.\n"
    "policy [Paket...]\npolicy ist dazu gedacht, bei Fragen der Fehlersuche\nzu helfen.\n"
)
# Debian Reference ch. 5, German PDF (pdftotext): file contents under the sentence introducing them
LISTINGS = (
    "Die ”/etc/hosts”-Datei sieht zum Beispiel so aus:\n127.0.0.1 localhost\n127.0.1.1 host_name\n\n"
    "Eine DHCP-Client-Konfiguration kann eingerichtet werden, z.B. mit:\n[Match]\nName=en*\n\n"
    "Die Auflösung läuft wie folgt ab:\n1. Die ”/etc/nsswitch.conf”-Datei bestimmt die Reihenfolge.\n"
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            TERMS,
            [
                "Paketquellen-Metadaten abzufragen.",
                "showpkg Paket...",
                "showpkg zeigt Informationen über die auf der Befehlszeile aufgelisteten Pakete.",
                "policy [Paket...]",
                "policy ist dazu gedacht, bei Fragen der Fehlersuche zu helfen.",
            ],
        ),
        (
            LISTINGS,
            [
                "Die ”/etc/hosts”-Datei sieht zum Beispiel so aus:",
                "127.0.0.1 localhost 127.0.1.1 host_name",
                "Eine DHCP-Client-Konfiguration kann eingerichtet werden, z.B. mit:",
                "[Match]",
                "Name=en*",
                "Die Auflösung läuft wie folgt ab:",
                "1. Die ”/etc/nsswitch.conf”-Datei bestimmt die Reihenfolge.",
            ],
        ),
    ],
    ids=["a term line named again by its description", "a listing after a colon"],
)
def test_manual_terms_and_listings_are_units_of_their_own(raw: str, expected: list[str]) -> None:
    assert [text for _, _, text in pieces(raw, "de")] == expected


def test_a_table_under_its_caption_is_set_apart_and_prose_under_a_caption_is_not() -> None:
    """Debian Reference ch. 5: lynx prints the table under its caption (rows of links set aside by
    the layout leave blank lines); the German PDF sets the caption under the table, prose after it."""
    en = (
        "   Table 5.1. List of network configuration tools\n   packages popcon size type description\n\n"
        "   NetworkManager (daemon): manage the network automatically\n\n"
        "   Table 5.2. List of network address ranges\n   Class      network addresses        net mask\n\n"
        "  5.1.4. The network device support\n"
    )
    ev = evidence_from(en, function_words=frozenset({"the", "of"}))
    found = [(p.kind, p.text.text) for p in read_pieces(en, "en", ev, removed=frozenset({3}))]
    assert found == [
        ("heading", "Table 5.1. List of network configuration tools"),
        ("table", "packages popcon size type description"),
        ("table", "NetworkManager (daemon): manage the network automatically"),
        ("heading", "Table 5.2. List of network address ranges"),
        ("table", "Class network addresses net mask"),
        ("heading", "5.1.4. The network device support"),
    ]
    de = [kind for kind, _, _ in pieces(CAPTIONS_DE, "de")]
    assert "table" not in de


def test_a_command_line_after_a_sentence_is_a_unit_of_its_own() -> None:
    """Debian Reference ch. 6, English web page (lynx): 'Start exim4 by the following.' over the command."""
    raw = "   Start exim4 by the following.\n$ sudo systemctl start exim4\n\n   The host name should not be the alias.\n"
    assert [text for _, _, text in pieces(raw, "en")][:2] == ["Start exim4 by the following.", "$ sudo systemctl start exim4"]


def test_a_line_whose_next_word_would_not_have_fitted_runs_on_though_it_is_short() -> None:
    """Shuffled PDF text wrapped at 45 characters: 'Zur gleichen Zeit wurde eine neue' (33
    characters) is shorter than the lines known to run on (they go on in lower case), but
    'Testing-Distribution' would not have fitted after it, so the line may have been wrapped:
    it is no heading, and the sentence runs on ('für ernsthafte, technisch kompetente' /
    'Linux-Nutzer zu sein.' likewise)."""
    raw = (Path(__file__).parent / "corpus" / "history" / "de.scrambled.txt").read_text(encoding="utf-8")
    found = pieces(raw, "de")
    assert found[0][:2] == ("body", (1, 7))
    assert found[0][2].startswith("Zur gleichen Zeit wurde eine neue Testing-Distribution eingeführt. Pakete aus Unstable,")
    assert ("body", (52, 53), "für ernsthafte, technisch kompetente Linux-Nutzer zu sein.") in found


def test_a_short_heading_still_ends_before_a_long_word() -> None:
    """A line shorter than SHORT_LINE of the median ends its text whatever word follows."""
    long_line = "Dies ist eine lange Zeile aus dem Fließtext, die fast die ganze Breite füllt.\n"
    raw = long_line * 6 + "\nEinleitung\nDokumentationsverwaltungssysteme sind seit langem bekannt und verbreitet.\n"
    assert [p[2] for p in pieces(raw, "de")][-2:] == [
        "Einleitung", "Dokumentationsverwaltungssysteme sind seit langem bekannt und verbreitet.",
    ]


def test_a_lower_case_last_line_ending_on_a_colon_ended_its_paragraph() -> None:
    """Debian Reference ch. 9, plain pdftotext of two columns: '… wie folgt' / 'beheben:' leaves room
    for 'Machen', so the colon's sentence ended its paragraph (a listing stood under it); before,
    the lower-case tail line was kept with the next paragraph as if it were a heading's tail."""
    raw = (
        "Die schlichte Verwendung von script(1) wie\n"
        "in Abschnitt 1.4.9, „Aufzeichnen der Shell-Aktivitäten“ erzeugt eine Datei mit Steuerzeichen. Sie\n"
        "können dies durch Nutzung von col(1) wie folgt\n"
        "beheben:\n"
        "Machen Sie irgendetwas … und drücken\n"
        "Sie Strg-D, um script zu beenden.\n"
    )
    assert [p[1:] for p in pieces(raw, "de")] == [
        (
            (1, 4),
            "Die schlichte Verwendung von script(1) wie in Abschnitt 1.4.9, „Aufzeichnen der Shell-Aktivitäten“ erzeugt "
            "eine Datei mit Steuerzeichen. Sie können dies durch Nutzung von col(1) wie folgt beheben:",
        ),
        ((5, 6), "Machen Sie irgendetwas … und drücken Sie Strg-D, um script zu beenden."),
    ]


def test_a_colon_then_a_word_the_document_writes_in_lower_case_opens_a_unit() -> None:
    """Debian Reference ch. 9, plain pdftotext of two columns: the listing under '… zurückgesetzt
    werden:' is gone, and 'Jetzt' (written 'jetzt' elsewhere) starts the next paragraph; 'Jede'
    (written 'jede' nowhere here) after 'vereinfacht werden:' may go on the colon's sentence."""
    raw = (
        "Standardmäßig gibt es jetzt auf Debian-Systemen nach der Erzeugung des Dateisystems keinen periodischen Dateisystem-Check (fsck) mehr.\n"
        "\n"
        "Das kann noch weiter vereinfacht werden:\n"
        "Jede Partition des Festplatten-Abbilds\n"
        '"disk.img", das mehrere Partitionen enthält, kann\n'
        "mittels loop device eingebunden werden. Da das\n"
        "loop device standardmäßig keine Partitionen verwaltet, muss es wie folgt zurückgesetzt werden:\n"
        "Jetzt kann das loop device bis zu 16 Partitionen verwalten.\n"
    )
    assert [p[1] for p in pieces(raw, "de")] == [(1, 1), (3, 7), (8, 8)]


def test_a_lower_case_line_after_a_sentence_end_opens_a_piece() -> None:
    """PDF-like text, shuffled blocks with no blank line between: 'ging dem WWW voraus.' is the
    tail of a sentence cut elsewhere, not part of 'Auch zum Abmelden gibt es ein Formular.'; after
    an abbreviation ('(d.h.' / 'innerhalb …') and before a definition-list term ('pod (…)') the
    line goes on as before."""
    raw = (
        "Sie können die Mailingliste auch abonnieren,\n"
        "indem Sie das Web-Formular benutzen. Auch zum\n"
        "Abmelden gibt es ein Formular.\n"
        "ging dem WWW voraus. Die Softwarepakete\n"
        "erfassen eine Menge Dokumentation.\n"
        "\n"
        "Das E-Mail-System ist nur lokal vorkonfiguriert (d.h.\n"
        "innerhalb der Schule). Die Zustellung kann aber so\n"
        "konfiguriert werden, dass E-Mails auch in das Internet gehen.\n"
    )
    assert [p[1] for p in pieces(raw, "de")] == [(1, 3), (4, 5), (7, 9)]


def test_a_block_ending_on_a_broken_word_is_cut_from_the_next_block() -> None:
    """edu-architecture, pdflike: no blank line parts the block ending '… erstellt wer-' from the
    block 'Alle Benutzerinformationen …'; its rest 'den, um …' heads a block further on."""
    raw = "\n".join([
        "Home-Verzeichnisse angelegt werden. Weitere",
        "Verzeichnisse können bei Bedarf erstellt wer-",
        "Alle Benutzerinformationen werden in einem",
        "LDAP-Verzeichnis gespeichert.",
        "",
        "den, um bestimmte Benutzergruppen oder Nut-",
        "zungsmuster abzubilden.",
    ])
    assert [text for _kind, _lines, text in pieces(raw, "de")] == [
        "Home-Verzeichnisse angelegt werden. Weitere Verzeichnisse können bei Bedarf erstellt wer-",
        "Alle Benutzerinformationen werden in einem LDAP-Verzeichnis gespeichert.",
        "den, um bestimmte Benutzergruppen oder Nutzungsmuster abzubilden.",
    ]


def test_a_definition_term_under_a_sentence_end_opens_a_piece() -> None:
    """man-po4a, pdflike: the tail of a sentence cut elsewhere ('paar Präsentationen ausprobiert.')
    and the next list's term line ('text (ausgereiftes Auswertprogramm)'), no blank line between,
    were read as one heading; a term line opens a unit of its own whatever its case."""
    raw = (Path(__file__).parent / "corpus" / "man-po4a" / "de.pdflike.txt").read_text(encoding="utf-8")
    found = [(lines, text[:32]) for _kind, lines, text in pieces(raw, "de") if 216 <= lines[0] <= 220]
    assert found == [
        ((217, 217), "paar Präsentationen ausprobiert."),
        ((218, 218), "text (ausgereiftes Auswertprogra"),
        ((220, 224), "Das Text-Format ist das Grundlag"),
    ]


_PROSE = textwrap.wrap(
    "Hier werden Werkzeuge und Tipps zur Verwaltung von Binär- und Textdateien auf einem Debian-System beschrieben, "
    "die Sie beim täglichen Umgang mit Ihren Daten unterstützen und die Ihnen helfen, den Überblick zu behalten. " * 9,
    42,
)


def test_an_enumeration_of_items_ending_with_semicolons_is_one_unit_per_item() -> None:
    """An enumeration set one item per line, each ending with ';' (the bullets lost in a PDF): a
    line ending with ';' among three or more such lines ends an item unless it filled the wrap
    width; two semicolons at line ends are no list yet."""
    listing = ["Die Sicherheit der Daten und deren kontrol-", "liertes Austauschen mit anderen hat verschie-", "dene Aspekte:", "",
               "Erzeugung von Datenarchiven;", "Fern-Speicherzugriff;", "Vervielfältigung;", "Nachverfolgung der Änderungshistorie;"]
    texts = [p[2] for p in pieces("\n".join([*_PROSE, "", *listing]) + "\n", "de")]
    assert texts[-4:] == ["Erzeugung von Datenarchiven;", "Fern-Speicherzugriff;", "Vervielfältigung;", "Nachverfolgung der Änderungshistorie;"]
    n = len(_PROSE) + 1
    assert semicolon_item_starts([*_PROSE, "", *listing]) == {n + 6, n + 7, n + 8}
    assert semicolon_item_starts([*_PROSE, "", *listing[:6]]) == frozenset()  # two ';' lines: a sentence may have them


def test_a_semicolon_line_that_filled_the_width_may_go_on_with_its_item() -> None:
    """Items wrapped over lines (the rsync list of a manual): a short line ending with ';' ends
    its item, one that filled the width and left no room for the next word may not."""
    listing = ["Delta-Transfer-Algorithmus, der nur die", "Unterschiede zwischen Quelle und Ziel übert-", "rägt;",
               "schneller Prüf-Algorithmus, der (standardmä-", "ßig) nach Dateien sucht, die sich in Größe",
               "oder Änderungs-Zeitstempel verändert haben;", "die Optionen \"--exclude\" und",
               "\"--exclude-from\", vergleichbar mit denen von", "tar(1);", "die Syntax des Schrägstrichs hinter dem"]
    n = len(_PROSE) + 1
    assert semicolon_item_starts([*_PROSE, "", *listing]) == {n + 4, n + 10}


def test_the_first_semicolon_item_under_a_colon_is_an_item_of_its_own() -> None:
    """A colon ends the introduction of the enumeration: its first item is a unit like the
    others, and every item is typed 'item' (never a cut sentence's head or tail)."""
    listing = ["Für das ext4-Dateisystem enthält das", "e2fsprogs-Paket folgendes:", "mkfs.ext4(8) zur Erzeugung neuer",
               "ext4-Dateisysteme;", "fsck.ext4(8) zur Überprüfung und Reparatur", "vorhandener ext4-Dateisysteme;",
               "tune2fs(8) zur Konfiguration des Superblocks", "von ext4-Dateisystemen;"]
    n = len(_PROSE) + 1
    assert semicolon_item_starts([*_PROSE, "", *listing]) == {n + 3, n + 5, n + 7}
    assert pieces("\n".join([*_PROSE, "", *listing]) + "\n", "de")[-4:] == [
        ("body", (n + 1, n + 2), "Für das ext4-Dateisystem enthält das e2fsprogs-Paket folgendes:"),
        ("item", (n + 3, n + 4), "mkfs.ext4(8) zur Erzeugung neuer ext4-Dateisysteme;"),
        ("item", (n + 5, n + 6), "fsck.ext4(8) zur Überprüfung und Reparatur vorhandener ext4-Dateisysteme;"),
        ("item", (n + 7, n + 8), "tune2fs(8) zur Konfiguration des Superblocks von ext4-Dateisystemen;"),
    ]


def test_a_clause_ending_on_a_verb_particle_ends_before_a_capitalised_article() -> None:
    """apt_preferences(5), two columns, plain pdftotext: 'gibt … Paket an' ends its description
    ('an' is the particle of 'angeben'); 'Die', written in lower case throughout the text, opens the
    next sentence. After a function word the opener needs the full evidence (MIN_LOWER uses)."""
    lines = [
        "die Package:-Zeile",
        "gibt den Paketnamen an",
        "die Version:-Zeile",
        "gibt die Versionsnummer für das genannte",
        "Paket an",
        "Die Release-Datei ist normalerweise im",
        "Verzeichnis .../dists/Distributionsname zu finden,",
        "zum",
        "Beispiel",
        ".../dists/stable/Release",
        "oder",
        ".../dists/bookworm/Release. Sie besteht aus einem",
    ]
    assert 6 in _unit_breaks(lines, 20.0, Casing.of("\n".join(lines)), "de")


def test_a_suspended_compound_opens_no_sentence() -> None:
    """'… eine komplette Liste der' / 'Vor- und Nachteile dieser Vorgehensweise.' (po4a(7), scrambled):
    'Vor-' is half of 'Vorteile', a noun, not the preposition 'vor' the document writes in lower case."""
    casing = Casing.of((Path(__file__).parent / "corpus" / "man-po4a" / "de.scrambled.txt").read_text(encoding="utf-8"))
    assert opens_line("Vor allem …", casing, "de", line_start=True)
    assert not opens_line("Vor- und Nachteile dieser Vorgehensweise.", casing, "de", line_start=True)


def test_a_broken_words_rest_is_no_heading_nor_goes_on_one() -> None:
    """history, pdflike: 'chell, …' completes 'Bill Mit-' (the translation has 'Mitchell'); the
    short block before it, read as a heading, does not take it as its wrapped rest."""
    raw = textwrap.dedent("""\
        Ein frühes Mitglied des Projekts, Bill Mit-

        Ian Jackson übernahm bald die weitere Ent-
        wicklung der Paketverwaltung; das eigentliche

        chell, erinnert sich, dass der Linux-Kernel
        """)
    ev = evidence_from(raw, function_words=frozenset({"der", "die", "das", "und"}), other="Bill Mitchell remembers")
    found = [(p.kind, p.text.line_range(), p.text.text) for p in read_pieces(raw, "de", ev)]
    assert found == [
        ("body", (1, 1), "Ein frühes Mitglied des Projekts, Bill Mit-"),
        ("heading", (3, 4), "Ian Jackson übernahm bald die weitere Entwicklung der Paketverwaltung; das eigentliche"),
        ("body", (6, 6), "chell, erinnert sich, dass der Linux-Kernel"),
    ]


def test_a_lone_note_mark_the_page_attests_is_dropped_from_its_sentence() -> None:
    """apt_preferences(5), the document's only note: its mark 'enthält1 .' goes once the layout
    found the number over note text at the page foot (`layout.page_attested_notes`), and the note
    text is set aside."""
    from harness.align import layout

    raw = (
        "apt_preferences - Voreinstellungssteuerdatei für APT\n\n"
        "Es könnten mehrere Versionen eines Pakets zur Installation verfügbar sein, wenn die Datei\n"
        "sources.list(5) Bezüge zu mehr als einer Distribution enthält1 . APT weist jeder verfügbaren Version eine Priorität zu.\n"
        "1\n\nzum Beispiel stable und testing\n\nDebian-Dokumentation\f"
        "apt_preferences - Voreinstellungssteuerdatei für APT\n\nDie Einstellungen setzen die Prioritäten außer Kraft.\n\nDebian-Dokumentation\f"
        "apt_preferences - Voreinstellungssteuerdatei für APT\n\nSie wurden gewarnt.\n\nDebian-Dokumentation"
    )
    found = layout.analyse(raw)
    ev = evidence_from(raw, function_words=frozenset({"der", "die", "und"}))
    pieces = read_pieces("\n".join(found.lines), "de", ev, found.page_foot, found.bridged, frozenset(found.removed), found.notes)
    assert [p.text.text for p in pieces if p.kind == "body"][0] == (
        "Es könnten mehrere Versionen eines Pakets zur Installation verfügbar sein, wenn die Datei "
        "sources.list(5) Bezüge zu mehr als einer Distribution enthält. APT weist jeder verfügbaren Version eine Priorität zu."
    )
    assert not any("stable und testing" in p.text.text for p in pieces)


def test_a_word_cut_at_the_column_foot_is_mended_across_its_glued_note_label() -> None:
    """man(1), plain pdftotext of a two-column PDF: 'pas-' was joined with the footnote area's
    label ('pas1'); with the label gone and its hyphen back, the sentence runs on past the note
    and the running footer to its rest ('sen sollte.')."""
    from harness.align import layout

    head, body = "man - eine Oberfläche für die System-Referenzhandbücher\n\n", "Zeigt alle Seiten an.\n\nDebian-Dokumentation"
    raw = "\f".join(
        [
            head + "Zeigt die Handbuchseite für den Begriff1 an.\nDie Befehls- oder Funktionsdarstellung ist\n"
            "ein Muster, das zu allen möglichen Aufrufen pas1\n\nsiehe VOREINSTELLUNGEN\n\nDebian-Dokumentation\n\n"
            "sen sollte. In manchen Fällen ist es ratsam, wie im\nAbschnitt ÜBERSICHT die Aufrufe anzugeben.",
            head + body,
            head + body,
        ]
    )
    found = layout.analyse(raw)
    ev = evidence_from(raw, function_words=frozenset({"der", "die", "und"}))
    pieces = read_pieces("\n".join(found.lines), "de", ev, found.page_foot, found.bridged, frozenset(found.removed), found.notes)
    assert [p.text.text for p in pieces if "Muster" in p.text.text] == [
        "Die Befehls- oder Funktionsdarstellung ist ein Muster, das zu allen möglichen Aufrufen passen sollte. "
        "In manchen Fällen ist es ratsam, wie im Abschnitt ÜBERSICHT die Aufrufe anzugeben."
    ]
    assert not any("VOREINSTELLUNGEN" in p.text.text for p in pieces)


def test_a_short_word_mark_the_page_attests_is_dropped() -> None:
    """apt-cache(8): 'ein3' is a note mark only by the page's evidence (its number over note text
    at the column foot below it); the block reader drops it as it drops 'sind1 .'."""
    from harness.align import layout

    raw = "\n".join(
        [
            "Die Metadaten funktionieren, wenn die konfigurierten Quellen verfügbar sind1 .",
            "Vorwärtsabhängigkeiten2",
            "sind jene Pakete, von denen das betreffende Paket abhängt.",
            "2",
            "",
            "z.B. offline",
            "",
            "Debian-Dokumentation\fFehlende Pakete könnten auftauchen, wenn nicht auf eine vollständige Distribution zugegriffen oder ein3",
            "Paket aus einer Distribution entfernt wurde.",
            "3",
            "",
            "echtes oder virtuelles",
            "",
            "Debian-Dokumentation\fDie Ausgabe wird extrem schnell generiert.\n\nDebian-Dokumentation\fDer Befehl endet.\n\nDebian-Dokumentation",
        ]
    )
    found = layout.analyse(raw)
    ev = evidence_from(raw, function_words=frozenset({"der", "die", "und"}))
    pieces = read_pieces("\n".join(found.lines), "de", ev, found.page_foot, found.bridged, frozenset(found.removed), found.notes)
    assert [p.text.text for p in pieces if "Fehlende" in p.text.text] == [
        "Fehlende Pakete könnten auftauchen, wenn nicht auf eine vollständige Distribution zugegriffen oder ein Paket aus einer Distribution entfernt wurde."
    ]
    assert not any("virtuelles" in p.text.text for p in pieces)


def test_a_configuration_item_naming_sources_is_no_picture_credit() -> None:
    """apt-cache(8), PDF-like: 'Konfigurationselement: APT::Sources::With.' closes a paragraph;
    'Sources' before '::' is a name of code, not a credit line ('Quelle: …') under a picture."""
    raw = "Beachten Sie, dass diese Quellen als vertrauenswürdig angesehen werden (siehe\napt-secure(8)). Konfigurationselement:\nAPT::Sources::With.\n"
    assert [p[0] for p in pieces(raw, "de")] == ["body"]
    assert [p[0] for p in pieces("Der Hafen von Cartagena im Abendlicht.\nFoto: Archiv\n", "de")] == ["caption"]


def test_a_heading_in_capitals_after_a_line_that_cannot_end_is_a_unit_unless_the_text_writes_it_so() -> None:
    """apt-cache(8), PDF-like: a block cut after '… wird der' runs on into the next block, a
    section heading, with no blank line. A name in capitals after such a line goes on the
    sentence ('… Partner der' / 'NATO'): the document writes it so in its running text too."""
    raw = (
        "Die Quelle speichert eine ausgewertete Version. Wenn der\nPaketzwischenspeicher gebildet wird, wird der\nOPTIONEN\n\n"
        "Alle Befehlszeilenoptionen können durch die Konfigurationsdatei gesetzt werden.\n"
    )
    assert running_capitals(raw.splitlines()) == frozenset()
    assert [text for _, _, text in pieces(raw, "de")][-2:] == ["OPTIONEN", "Alle Befehlszeilenoptionen können durch die Konfigurationsdatei gesetzt werden."]
    named = "Die NATO wuchs. Kolumbien ist seit 2017 ein globaler Partner der\nNATO\n\nDas Bündnis blieb.\n"
    assert running_capitals(named.splitlines()) == frozenset({"NATO"})
    assert [text for _, _, text in pieces(named, "de")][0] == "Die NATO wuchs. Kolumbien ist seit 2017 ein globaler Partner der NATO"


def test_a_numbered_heading_wrapped_after_an_adjective_stays_one_heading() -> None:
    """Debian Reference ch. 5, PDF-like: '5.2.1. Grafische' / 'Netzwerkkonfigurations-Werkzeuge'.
    The document writes 'grafische' in lower case in its text: an adjective, whose noun is on the
    next line. A heading ending on a verb ('3.2.4. Elegant Urlaub machen', 'machen' in lower case
    too) is whole, and the sentence under it a unit of its own."""
    text = "Konfigurieren Sie Ihr Netzwerk über die grafische Oberfläche. Sie können Urlaub machen.\n\n"
    wrapped = text + "5.2.1. Grafische\nNetzwerkkonfigurations-Werkzeuge\n\nOffizielle Dokumentation für NM gibt es.\n"
    assert [p[:1] + p[2:] for p in pieces(wrapped, "de")][1:3] == [
        ("heading", "5.2.1. Grafische Netzwerkkonfigurations-Werkzeuge"), ("body", "Offizielle Dokumentation für NM gibt es.")
    ]
    verb = text + "3.2.4. Elegant Urlaub machen\nDurchlaufen Sie den verkürzten Prozess erneut.\n"
    assert [p[:1] + p[2:] for p in pieces(verb, "de")][1:3] == [
        ("heading", "3.2.4. Elegant Urlaub machen"), ("body", "Durchlaufen Sie den verkürzten Prozess erneut.")
    ]
