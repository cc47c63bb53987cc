"""Short units on lines of their own under which a lower-case line opens a unit
(harness.align.roomy_lines). Lines are the German text of held-out manuals as the corpus paths
extract them (plain pdftotext of the two-column PDF, pdftotext -layout, the builder's PDF reader,
the PDF-like text), with the wrap widths those documents show."""

from __future__ import annotations

from harness.align.blocks import _groups
from harness.align.roomy_lines import could_end, lower_case_breaks

WIDTH_2COL = 46.0  # man(1), two columns, plain pdftotext
WIDTH_LAYOUT = 98.0


def test_a_description_without_a_stop_ends_on_its_own_line() -> None:
    lines = [
        "Hilfe bekommen -?, --help",
        "Hilfetext anzeigen und beenden",
        "zeigt eine kurze Anwendungszusammenfassung an und beendet das Programm.",
        "Versionsinformation anzeigen und beenden",
        "EXIT-STATUS",
    ]
    assert lower_case_breaks(lines, width=WIDTH_2COL) == {3}


def test_two_descriptions_whose_terms_the_layout_set_apart() -> None:
    lines = ["DATEIEN", "Konfigurationsdatei für Man-db", "globale Handbuchhierarchie.", "SIEHE AUCH"]
    assert lower_case_breaks(lines, width=WIDTH_2COL) == {3}


def test_a_term_and_its_description_in_a_layout_extraction() -> None:
    lines = [
        "mehrzeiliger Datensätze, einem für jedes verfügbare Paket in diesem Verzeichnis. In jedem Datensatz sind",
        "nur zwei Zeilen zum Setzen der APT-Prioritäten relevant:",
        "      die Package:-Zeile",
        "      gibt den Paketnamen an",
        "      die Version:-Zeile",
        "      gibt die Versionsnummer für das genannte Paket an",
        "       Die Release-Datei ist normalerweise im Verzeichnis .../dists/Distributionsname zu finden, zum Bei-",
    ]
    # each term leaves room for its description's first word; 'die Version:-Zeile' stays under 'gibt
    # den Paketnamen an' ('an' may go on: 'an die …'), and 'die Package:-Zeile' under a line of more
    # than a term's words (the layout indent opens it elsewhere: blocks._indent_starts)
    assert lower_case_breaks(lines, width=WIDTH_LAYOUT) == {4, 6}


def test_a_label_ending_with_a_colon_and_the_listing_it_announces() -> None:
    lines = [
        "Umleitung durch Paketname von: umgeleitet-von Umleitung durch Paketname zu: umgeleitet-zu",
        "oder für lokale Umleitungen:",
        "lokale Umleitung von: umgeleitet-von lokale Umleitung zu: umgeleitet-zu",
        "-p, --print-avail [Paketname …]",
    ]
    assert lower_case_breaks(lines, width=WIDTH_2COL) == {3}


def test_a_first_line_set_in_by_an_indent_runs_on() -> None:
    lines = [
        "7«, es sei denn, dies wird durch die SECTIONAnweisung in /etc/manpath.config außer Kraft gesetzt.",
        "Wenn $MANPAGER oder $PAGER gesetzt",
        "ist ($MANPAGER wird bevorzugt verwendet),",
        "legt dieser Wert das Anzeigeprogramm für die",
    ]
    assert lower_case_breaks(lines, width=WIDTH_2COL) == frozenset()


def test_a_line_broken_at_a_dropped_footnote_mark_runs_on() -> None:
    reader = ["Der Unicode-Zeichensatz kann nahezu alle dem Menschen bekannten Zeichen mit Codepunkten aus", "einem Bereich von 21 Bits", "abbilden.", ""]
    assert lower_case_breaks(reader, width=95.0) == frozenset()  # the tail of a paragraph hangs under a full line
    two_col = ["den alle verfügbaren Abschnitte in einer festge-", "legten Reihenfolge durchsucht", "und nur die jeweils zuerst gefundene Seite ange-"]
    assert lower_case_breaks(two_col, width=WIDTH_2COL) == frozenset()  # 'und' goes on a clause
    glued = ["In einer typischen Situation ist die Version", "eines Paketes4", "nicht so aktuell, wie eine der verfügbaren Versionen"]
    assert lower_case_breaks(glued, width=47.0) == frozenset()  # the mark is still there


def test_a_pull_quote_s_narrow_lines_and_a_justified_line_split_at_gaps_run_on() -> None:
    quote = ["", "„Keine schmutzige Sprache", "verwenden; außerdem erhalten", "einige Leute diese Listen über", "Funk, wo Fluchen illegal ist.“", ""]
    assert lower_case_breaks(quote, width=45.0) == frozenset()
    assert lower_case_breaks(["Es", "gab", "verschiedene", "vorläufige"], width=47.0) == frozenset()


def test_a_running_footer_passed_over_is_not_the_line_above() -> None:
    lines = [
        "Um weitere Informationen über die Datenbank zu erhalten, lesen Sie bitte Die EntwicklerDebian-Dokumentation",
        "",
        "developers-reference-de 12.18",
        "datenbank.",
        "3.2.2. Verwalten Ihres öffentlichen Schlüssels",
    ]
    assert lower_case_breaks(lines, width=49.0) == {4}  # under the footer, read as a line of its own
    assert lower_case_breaks(lines, skip=frozenset({2, 3}), width=49.0) == frozenset()  # the footer bridged


def test_could_end() -> None:
    assert could_end("die Package:-Zeile")
    assert could_end("oder für lokale Umleitungen:")
    assert not could_end("gibt den Paketnamen an")  # 'an' may go on ('an die Version:-Zeile')
    assert not could_end("Handbuchseiten-Suche unter")
    assert not could_end("Beispielsweise")  # one word: a justified line split at a gap
    assert not could_end("Bitte beachten Sie, dass Sie nicht über Nacht offizieller Debian-Entwickler")  # more than a term


def test_a_soft_start_does_not_mark_the_group_above_as_cut() -> None:
    lines = ["Hilfetext anzeigen und beenden", "zeigt eine kurze Anwendungszusammenfassung an und beendet das Programm."]
    hard = _groups(lines, frozenset({2}))
    soft = _groups(lines, frozenset({2}), soft=frozenset({2}))
    assert [(g.lines, g.cut_after) for g in hard] == [([(1, lines[0])], True), ([(2, lines[1])], False)]
    assert [(g.lines, g.cut_after) for g in soft] == [([(1, lines[0])], False), ([(2, lines[1])], False)]
