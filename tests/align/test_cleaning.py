from __future__ import annotations

import pytest

from harness.align import cleaning
from harness.align.cleaning import evidence_from
from harness.align.tracked import Tracked, track


def ev(text: str, known: frozenset[str] = frozenset(), other: str = "") -> cleaning.Evidence:
    return evidence_from(text, known.__contains__, frozenset({"und", "die", "ohne", "diese", "darauf"}), other)


def joined(lines: list[str], evidence: cleaning.Evidence) -> str:
    return cleaning.join_lines([track(line, n) for n, line in enumerate(lines, 1)], evidence).text


def test_unicode_is_nfc_without_invisible_characters() -> None:
    assert cleaning.normalise_unicode("Bogota\u0301\u00a0D.\u00adC.\tx") == "Bogotá D.C. x"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("[NATO. The Indispensable Alliance](#)", "NATO. The Indispensable Alliance"),
        ("the first declaration of *casus foederis* (an alliance", "the first declaration of casus foederis (an alliance"),
        ("- 1 Adán García", "- 1 Adán García"),
        ("2 * 3 * 4", "2 * 3 * 4"),
    ],
)
def test_markdown_links_and_emphasis_become_text(raw: str, clean: str) -> None:
    assert cleaning.strip_markdown(raw) == clean


def test_editorial_note_lines() -> None:
    assert cleaning.is_note_line("- translated from German -")
    assert not cleaning.is_note_line("- 1 Adán García, Ángel José 2019")


def test_line_end_hyphen_joined_when_the_word_is_in_the_dictionary() -> None:
    assert joined(["ihre Verteidigungsausgaben signifi-", "kant zu erhöhen"], ev("", frozenset({"signifikant"}))) == (
        "ihre Verteidigungsausgaben signifikant zu erhöhen"
    )


def test_line_end_hyphen_joined_when_the_word_occurs_elsewhere() -> None:
    document = "Die Ausbildungskurse laufen."
    assert joined(["mehrere Ausbildungs-", "kurse"], ev(document)) == "mehrere Ausbildungskurse"


def test_real_hyphens_stay() -> None:
    evidence = ev("die Stabilisierung Mittel- und Osteuropas und und und")
    assert joined(["Stärkung der", "NATO-Ostflanke"], evidence) == "Stärkung der NATO-Ostflanke"
    assert joined(["Ende des Ost-West-", "Konflikts"], evidence) == "Ende des Ost-West-Konflikts"
    assert joined(["an einer NATO-", "geführten Mission"], evidence) == "an einer NATO-geführten Mission"
    assert joined(["im Sicherheits-", "und Verteidigungssektor"], evidence) == "im Sicherheits- und Verteidigungssektor"
    assert joined(["das Zwei-Prozent-Ziel zu"], evidence) == "das Zwei-Prozent-Ziel zu"


def test_a_rest_that_only_ever_follows_a_line_end_hyphen_is_no_word_of_a_suspended_compound() -> None:
    # maint-guide-start's PDF-like text: 'gen' opens three lines, each after a broken word
    document = "auf heuti-\ngen Unix-ähnlichen\nden Abhängigkei-\ngen Paketen\nmit dem Beten anzufan-\ngen. Warum?"
    evidence = ev(document)
    assert evidence.counts["gen"] == 3 and evidence.rests["gen"] == 3
    assert joined(["mit dem Beten anzufan-", "gen. Warum?"], evidence) == "mit dem Beten anzufangen. Warum?"
    # a word that also stands alone elsewhere keeps the suspended compound
    standing = ev(document + " und weitere und andere und mehr")
    assert joined(["im Sicherheits-", "und Verteidigungssektor"], standing) == "im Sicherheits- und Verteidigungssektor"


def test_joined_lines_keep_their_raw_line_numbers() -> None:
    t = cleaning.join_lines([track("signifi-", 13), track("kant zu", 14)], ev("", frozenset({"signifikant"})))
    assert t.text == "signifikant zu"
    assert t.lines == (13,) * 7 + (14,) * 7


def test_footnote_sequence_is_the_evidence() -> None:
    text = "Weiterentwicklung.1 Respekt“.2 könnten.3 Sicherheit.4 G7 2001 23.000"
    assert cleaning.footnote_numbers(cleaning.glued_number_candidates(text)) == frozenset({1, 2, 3, 4})
    assert cleaning.footnote_numbers([1, 3, 7]) == frozenset()


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("phasen einer strategischen Weiterentwicklung.1 Während der", "phasen einer strategischen Weiterentwicklung. Während der"),
        ("und gegenseitigem Respekt“.2 Jeder Partner", "und gegenseitigem Respekt“. Jeder Partner"),
        ("bei der Terrorismus bekämpfung7 von großem", "bei der Terrorismus bekämpfung von großem"),
        ("Beteiligungen an UN-Friedensmissionen13 über", "Beteiligungen an UN-Friedensmissionen über"),
        ("kritisch reflektierte,9 ist ein solches", "kritisch reflektierte, ist ein solches"),
        ("of strategic development.¹ During the 1950s", "of strategic development. During the 1950s"),
        ("UN peacekeeping missions¹³, Colombia's", "UN peacekeeping missions, Colombia's"),
        ("am 11. September 2001 und 23.000 Soldaten", "am 11. September 2001 und 23.000 Soldaten"),
        ("the G7 summit and an area of 5 km² here", "the G7 summit and an area of 5 km² here"),
        ("Artikel 5 des NATO-Vertrags", "Artikel 5 des NATO-Vertrags"),
    ],
)
def test_footnote_markers_removed_real_numbers_kept(raw: str, clean: str) -> None:
    numbers = frozenset(range(1, 15))
    assert cleaning.remove_footnote_markers(track(raw), numbers).text == clean


def test_footnote_digits_outside_the_sequence_stay() -> None:
    assert cleaning.remove_footnote_markers(track("Weiterentwicklung.1 x"), frozenset()).text == "Weiterentwicklung.1 x"


def test_stray_spaces_inside_words_closed_on_evidence() -> None:
    evidence = ev("gemeinsamen Sicherheitspartnerschaft Terrorismusbekämpfung", other="Desminado")
    fix = lambda s: cleaning.join_split_words(track(s), evidence).text  # noqa: E731
    assert fix("einem gemein samen Nutzen") == "einem gemeinsamen Nutzen"
    assert fix("für Sicherheits partnerschaften über") == "für Sicherheitspartnerschaften über"
    assert fix("der Terrorismus bekämpfung von") == "der Terrorismusbekämpfung von"
    assert fix("Centro Internacional de Desmi nado") == "Centro Internacional de Desminado"


def test_two_real_words_are_not_glued() -> None:
    evidence = ev("ohnedies daraufhin", other="Nationalparks")
    fix = lambda s: cleaning.join_split_words(track(s), evidence).text  # noqa: E731
    assert fix("Ohne diese Hilfen") == "Ohne diese Hilfen"  # function words
    assert fix("weisen darauf hin") == "weisen darauf hin"
    assert fix("protect the national parks") == "protect the national parks"  # only the other document, other case


def test_space_after_a_hyphen_before_a_capital_is_closed() -> None:
    assert cleaning.close_hyphen_space(track("das PTEC- Netzwerk und die „Amazonas- NATO“")).text == (
        "das PTEC-Netzwerk und die „Amazonas-NATO“"
    )
    assert cleaning.close_hyphen_space(track("Mittel- und Osteuropas")).text == "Mittel- und Osteuropas"


def test_spaces_normalised_quotes_keep_their_space() -> None:
    text = "  Die  NATO ,  das „ Bündnis“ ; setting up an “Amazon NATO” ."
    t = Tracked(text, tuple(range(len(text))))
    assert cleaning.normalise_spaces(t).lines[:3] == (2, 3, 4)
    assert cleaning.normalise_spaces(t).text == "Die NATO, das „Bündnis“; setting up an “Amazon NATO”."


def test_space_before_a_file_extension_stays() -> None:
    t = Tracked("zu einem binären .deb kompiliert .", tuple(range(34)))
    assert cleaning.normalise_spaces(t).text == "zu einem binären .deb kompiliert."


def test_last_word_before_a_note_mark_reads_a_window_yet_agrees_with_a_full_scan() -> None:
    from harness.align.cleaning import _last_word
    from harness.align.lang import WORD

    text = ("Ein Satz mit 23.000 Wörtern und Bindestrich-Wörtern. " * 40) + "Entwicklung" + " ." * 200
    for end in (0, 5, 61, len(text) - 400, len(text) - 1, len(text)):
        found = WORD.findall(text[:end])
        assert _last_word(text, end) == (found[-1] if found else "")


def test_short_word_mark_opens_a_numbering_the_plausible_marks_carry_on() -> None:
    # kicad-pl-editor (pdftotext of the 2-column PDF): note 1 follows 'wks', notes 2-4 real words
    text = (
        "Der Pl_Editor liest oder schreibt Seitenbeschreibungsdateien *.kicad_wks1 .\n"
        "einen Inkrement für eine Beschriftung enthalten2 .\n"
        "Elemente deren Position durch einen einzelnen Punkt definiert wird3\n"
        "Zahl4 ."
    )
    numbers = cleaning.note_numbering(text)
    assert numbers == frozenset({1, 2, 3, 4}) and numbers.short == frozenset({("wks", 1)})
    assert cleaning.remove_footnote_markers(track("Seitenbeschreibungsdateien *.kicad_wks1 ."), numbers).text == (
        "Seitenbeschreibungsdateien *.kicad_wks ."
    )
    # only the short word that opens the run loses its number: 'sda1' stays
    assert cleaning.remove_footnote_markers(track("auf sda2 und sda1 liegt"), numbers).text == "auf sda2 und sda1 liegt"
    # nor does it evidence a numbering on its own, or fill a gap inside one
    assert cleaning.note_numbering("Partition sda1 und sda2 und mp3") == frozenset()
    assert cleaning.note_numbering("auf sda1 enthalten2 wird3 und abc4 Zahl5") == frozenset({1, 2, 3})
    # a number several short words carry is ambiguous
    assert cleaning.note_numbering("auf sda1 und sdb1 enthalten2 wird3") == frozenset()
