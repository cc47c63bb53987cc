"""A running footer glued to a word cut at a column foot (plain pdftotext of a groff two-column PDF)."""

from __future__ import annotations

from harness.align import layout
from harness.align.glued_footers import footer_texts, glued_footer, glued_footers, page_forms

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
    assert (4, "layout: running footer or page number glued to a cut word", "Debian-Dokumentation") in layout.removed_lines(raw, found)
    other = [*_FOOT[:2], "", "", "Einige Programme starten automatisch"]  # the other column goes on: the rest is elsewhere
    raw = "\f".join("\n".join(page) for page in ([*head, *other], [*head, *body], [*head, *body]))
    assert layout.analyse(raw).lines[3] == "nicht findet, nimmt man diese Option als angege"


def test_a_page_number_glued_to_a_cut_word_goes_too() -> None:
    """developers-reference ch. 4 and history, plain pdftotext of the two-column PDF: the page's
    number, set on the footer's line, glued to the word cut at the column foot."""
    forms = page_forms(["Seite 4", "Text", "- 5 -"], {0, 2})
    assert [f.pattern for f in forms] == [r"(?:Seite\ \d{1,4})$"]  # '- 5 -' holds no word
    assert glued_footer("zu kontaktieren, verwenden Sie für alles, was priSeite 2", [], forms) == "zu kontaktieren, verwenden Sie für alles, was pri"
    assert glued_footer("Plan und wir begannen auch nicht damit, in geSeite 11", [], forms) == "Plan und wir begannen auch nicht damit, in ge"
    assert glued_footer("Die Tabelle steht auf Seite 12", [], forms) is None  # a page named in the text
    assert glued_footer("Die Tabelle steht auf der Seite 12", [], []) is None
    page = ["Einleitung", "", "Um das DSA-Team per E-Mail", "zu kontaktieren, verwenden Sie für alles, was priSeite 2", "", "Seite 3", ""]
    raw = "\f".join("\n".join([*page[:5], f"Seite {n}", ""]) if n == 2 else "\n".join([f"Kapitel {n}", "", "Text der Seite.", "", f"Seite {n}", ""]) for n in (1, 2, 3))
    found = layout.analyse(raw)
    line = next(k for k, text in enumerate(raw.splitlines()) if "priSeite" in text)
    assert found.lines[line] == "zu kontaktieren, verwenden Sie für alles, was pri"
    assert found.cut == {line + 1: "Seite 2"}
