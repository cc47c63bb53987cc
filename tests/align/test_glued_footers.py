"""A running footer glued to a word cut at a column foot (plain pdftotext of a groff two-column PDF)."""

from __future__ import annotations

from harness.align import layout
from harness.align.glued_footers import footer_texts, glued_footer, glued_footers

FOOTERS = ["Debian-Dokumentation"]


def test_the_footer_goes_from_a_word_cut_at_the_column_foot() -> None:
    """man(1) and apt_preferences(5): the word's head and the footer became one line."""
    assert glued_footer("nicht findet, nimmt man diese Option als angegeDebian-Dokumentation", FOOTERS) == "nicht findet, nimmt man diese Option als angege"
    assert glued_footer("von Orten heruntergeladen werden, die in der DaDebian-Dokumentation", FOOTERS) == "von Orten heruntergeladen werden, die in der Da"


def test_a_footer_after_a_space_a_capital_or_a_hyphen_is_no_glue() -> None:
    assert glued_footer("Weitere Hinweise gibt die Debian-Dokumentation", FOOTERS) is None  # a word of the sentence
    assert glued_footer("siehe die Dokumentation des Debian-Dokumentation", ["Dokumentation"]) is None  # a hyphen before it: a compound
    assert glued_footer("das Projekt LibreOfficeDebian-Dokumentation", FOOTERS) == "das Projekt LibreOffice"
    assert glued_footer("im Paket XDebian-Dokumentation", FOOTERS) is None  # a capital before it: a name, not a cut word


def test_footer_texts_are_long_capitalised_running_lines() -> None:
    lines = ["Debian-Dokumentation", "Seite 4", "man-db 2.11.2-2", "Text."]
    assert footer_texts(lines, {0, 1, 2}) == ["Debian-Dokumentation", "Seite 4"]  # 'man-db …' opens in lower case


_FOOT = [  # man(1), groff two-column PDF, plain pdftotext
    "verwendet wird und man die gewünschte Seite",
    "nicht findet, nimmt man diese Option als angegeDebian-Dokumentation",
    "",
    "man-db 2.11.2-2",
    "",
    "ben an, betrachtet den Namen als Dateinamen und",
]


def test_only_a_line_at_the_column_foot_counts() -> None:
    assert glued_footers(_FOOT, {3}, {3}) == {}  # 'man-db …' is no footer text to look for
    lines = [*_FOOT, "Debian-Dokumentation"]  # the footer standing alone on another page
    assert glued_footers(lines, {3, 6}, {3, 6}) == {1: "nicht findet, nimmt man diese Option als angege"}
    under = [*lines[:2], "ben an, betrachtet den Namen", *lines[2:]]  # text right under it: the line runs on, no column foot
    assert glued_footers(under, {4, 7}, {4, 7}) == {}


def test_the_hyphen_comes_back_where_the_word_goes_on_after_the_footer() -> None:
    """The footer goes; the rest right after the page furniture ('ben an, …') meets its head."""
    head = ["man - eine Oberfläche für die System-Referenzhandbücher", ""]
    body = ["Zeigt alle Seiten an.", "", "Debian-Dokumentation", "", "man-db 2.11.2-2"]
    raw = "\f".join("\n".join(page) for page in ([*head, *_FOOT], [*head, *body], [*head, *body]))
    found = layout.analyse(raw)
    assert found.lines[3] == "nicht findet, nimmt man diese Option als angege-"
    assert found.cut == {4: "Debian-Dokumentation"}  # listed in unaligned.tsv like a removed line
    assert (4, "layout: running footer glued to a cut word", "Debian-Dokumentation") in layout.removed_lines(raw, found)
    other = [*_FOOT[:2], "", "", "Einige Programme starten automatisch"]  # the other column goes on: the rest is elsewhere
    raw = "\f".join("\n".join(page) for page in ([*head, *other], [*head, *body], [*head, *body]))
    assert layout.analyse(raw).lines[3] == "nicht findet, nimmt man diese Option als angege"
