from __future__ import annotations

import pytest

from harness.align.segment import split_sentences
from harness.align.tracked import track


def sentences(text: str, lang: str) -> list[str]:
    return [s.text for s in split_sentences(track(text), lang)]


@pytest.mark.parametrize(
    "text",
    [
        "Spätestens mit den Anschlägen am 11. September 2001 rückten neue Bedrohungen in den Fokus.",
        "Das Zentrum wurde 2019 als 33. Mitglied in das Netzwerk aufgenommen.",
        "So fand im Mai 2023 das 22. Jahrestreffen in Bogotá statt.",
        "Gleiches gilt für den Terrorangriff am 7. Oktober 2023 und die Reaktion.",
        "Das gilt z. B. für Minenräumung und Cybersicherheit.",
        "Siehe Nr. 5 der Liste und Art. 5 des Vertrags.",
        "Die Zahl stieg von 3. bis 4. Quartal.",
    ],
)
def test_german_sentence_survives_ordinals_dates_abbreviations(text: str) -> None:
    assert sentences(text, "de") == [text]


def test_german_text_split_into_sentences() -> None:
    text = "Das ist z. B. gut. Am 11. September 2001 geschah es. Nr. 5 folgt."
    assert sentences(text, "de") == ["Das ist z. B. gut.", "Am 11. September 2001 geschah es.", "Nr. 5 folgt."]


def test_english_abbreviations() -> None:
    text = "Mr. Smith met Dr. Jones in the U.S. on 11 Sept. 2001. They agreed."
    assert sentences(text, "en") == ["Mr. Smith met Dr. Jones in the U.S. on 11 Sept. 2001.", "They agreed."]


def test_questions_inside_a_quote_are_sentences() -> None:
    text = "Petro said: “Why wage war when we need to save the species? What use are empires?” Then he left."
    assert sentences(text, "en") == [
        "Petro said: “Why wage war when we need to save the species?",
        "What use are empires?”",
        "Then he left.",
    ]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = "Er fragte: „Wozu Krieg, wenn wir retten müssen?“ Danach schwieg er."
    assert sentences(text, "de") == ["Er fragte: „Wozu Krieg, wenn wir retten müssen?“", "Danach schwieg er."]


def test_language_without_pysbd_rules_falls_back() -> None:
    assert sentences("Tämä on lause. Toinen lause tässä.", "xx") == ["Tämä on lause.", "Toinen lause tässä."]


def test_sentences_keep_raw_lines() -> None:
    first, second = split_sentences(track("Erster Satz.", 3) + track(" Zweiter Satz.", 4), "de")
    assert (first.line_range(), second.line_range()) == ((3, 3), (4, 4))


def test_footnote_number_glued_after_a_full_stop_ends_the_sentence() -> None:
    """PDF extraction glues footnote numbers onto the stop ('never.11 Falls'); the sentence
    still ends there, and a Version number is not a footnote ('Linux 2.6 Der')."""
    assert sentences("Werte sind auto, always und never.11 Falls gesetzt, wird es verwendet.", "de") == [
        "Werte sind auto, always und never.11",
        "Falls gesetzt, wird es verwendet.",
    ]
    assert sentences("Wir werden keine Probleme verheimlichen«.7 Auch hinter yelp steht eine Idee.", "de") == [
        "Wir werden keine Probleme verheimlichen«.7",
        "Auch hinter yelp steht eine Idee.",
    ]
    assert len(sentences("Er nutzt Linux 2.6 Der Kern ist neu.", "de")) == 1


def test_no_sentence_cut_inside_a_path() -> None:
    # pdftotext of Debian Reference ch. 6: pysbd cuts after the '.' of '~/.ssh'
    text = "Sogar wenn Sie unterschiedliche Benutzernamen nutzen, können Sie sie weglassen, sofern Sie ”~/.ssh/config” verwenden. Für den Debian Salsa-Service muss ”~/.ssh/config” z.B. folgendes enthalten:"
    assert [s.text for s in split_sentences(track(text, 1), "de")] == [
        "Sogar wenn Sie unterschiedliche Benutzernamen nutzen, können Sie sie weglassen, sofern Sie ”~/.ssh/config” verwenden.",
        "Für den Debian Salsa-Service muss ”~/.ssh/config” z.B. folgendes enthalten:",
    ]


def test_no_sentence_cut_inside_a_relative_path() -> None:
    # pdftotext of the LilyPond Usage manual, 'Common errors'
    text = "Verschiedene seltsame Fehlermeldungen können über Syntax-Fehler in ../ly/init.ly auftauchen, wenn die Eingabedatei nicht richtig formuliert ist. Der übliche Fehler."
    assert [s.text for s in split_sentences(track(text, 1), "de")] == [
        "Verschiedene seltsame Fehlermeldungen können über Syntax-Fehler in ../ly/init.ly auftauchen, wenn die Eingabedatei nicht richtig formuliert ist.",
        "Der übliche Fehler.",
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Tabelle 5.1. Liste von Werkzeugen zur Netzwerkkonfiguration", "de"),
        ("Table 5.3. Translation table from obsolete net-tools commands to new iproute2 commands", "en"),
        ("Abbildung 3. Aufbau des Netzwerks", "de"),
    ],
)
def test_a_label_opens_its_caption(text: str, lang: str) -> None:
    """Debian Reference captions: one word and a number is a label, never a sentence of its own."""
    assert sentences(text, lang) == [text]


def test_a_sentence_that_only_names_a_table_still_ends() -> None:
    text = "Die Werte stehen in Tabelle 5.1. Lesen Sie sie sorgfältig."
    assert sentences(text, "de") == ["Die Werte stehen in Tabelle 5.1.", "Lesen Sie sie sorgfältig."]


def test_no_sentence_starts_with_a_comma() -> None:
    """man(1): the option '-?' is no question; the heading goes on after it."""
    assert sentences("Getting help -?, --help", "en") == ["Getting help -?, --help"]


def test_no_sentence_cut_inside_a_hidden_file_name() -> None:
    """Debian Reference ch. 6 (German PDF): a command line copying a key into '.ssh/'."""
    text = "$ cat .ssh/id_rsa.pub | ssh user1@remote ”cat - >>.ssh/authorized_keys”"
    assert sentences(text, "de") == [text]


def test_no_sentence_cut_at_a_dot_that_opens_a_name() -> None:
    """Debian Reference ch. 10 and dpkg-deb(1): a quoted file extension ('".tgz"'), a relative
    path ('"./source"', 'cd ./source;') and a name starting with a dot after a space ('.deb-Dateien')
    hold no sentence end; a stop before a space and a capital still ends one."""
    for text, lang in (
        ('Ein gezipptes tar(1)-Archiv verwendet die Dateierweiterung ".tgz" oder ".tar.gz".', "de"),
        ('Kopie auf einen fernen Rechner: "./source"-Verzeichnis auf dem lokalen Rechner.', "de"),
        ("(Higher level tools like APT support authenticating .deb packages retrieved from a given repository.", "en"),
        ('The gnupg plugin let you run GnuPG transparently for files with extension ".gpg", ".asc", and ".ppg".', "en"),
        ("Bei einer GUI enthalten die *.desktop-Dateien in /usr/share/applications/ alle nötigen Attribute.", "de"),  # a glob
    ):
        assert sentences(text, lang) == [text]
    assert sentences('Er nutzt ".tgz". Das ist gut.', "de") == ['Er nutzt ".tgz".', "Das ist gut."]


def test_a_translators_note_abbreviation_does_not_end_the_sentence() -> None:
    """'(Anm. d. Ü.: …)', the translator's note of German translations: neither 'Anm.' after a
    bracket nor 'Ü.' before a colon ends a sentence (no sentence opens with a colon)."""
    text = "Pakete wanderten weiter. Dieses Konzept wurde eingeführt, um die Freeze-Zeit (Anm. d. Ü.: das ist die Zeit kurz vor Freigabe"
    assert sentences(text, "de") == [
        "Pakete wanderten weiter.",
        "Dieses Konzept wurde eingeführt, um die Freeze-Zeit (Anm. d. Ü.: das ist die Zeit kurz vor Freigabe",
    ]


@pytest.mark.parametrize(
    "text, lang",
    [("A.1. Was ist Debian Linux?", "de"), ("B.2.3. How will Debian attempt to put an end to these problems?", "en")],
)
def test_an_appendix_section_number_opens_its_heading(text: str, lang: str) -> None:
    """The Debian Manifesto (an appendix of debian-history): 'A.1.' numbers a section, no sentence."""
    assert sentences(text, lang) == [text]

