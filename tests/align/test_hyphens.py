from __future__ import annotations

from harness.align.cleaning import evidence_from
from harness.align.hyphens import broken_stub, cannot_go_on, hyphen_cuts, orphaned_rests

# edu-architecture, pdflike: a block ends on 'wer-' and the next block, no blank line between,
# opens 'Alle …'; the rest 'den, um …' heads another block further on ('werden' is a word)
EDU = [
    "Home-Verzeichnisse angelegt werden. Weitere",
    "Verzeichnisse können bei Bedarf erstellt wer-",
    "Alle Benutzerinformationen werden in einem",
    "LDAP-Verzeichnis gespeichert. Aktualisierun-",
    "gen von Benutzerkonten werden in dieser",
    "Datenbank durchgeführt.",
    "",
    "den, um bestimmte Benutzergruppen oder Nut-",
    "zungsmuster abzubilden.",
]


def test_broken_stub_is_the_syllable_before_a_line_end_hyphen() -> None:
    assert broken_stub("Verzeichnisse können bei Bedarf erstellt wer-") == "wer"
    assert broken_stub("über die E-Mail-Adres-") == "Adres"
    assert broken_stub("… mit dem Paket debian-") == "debian"
    assert broken_stub("zwei Wörter - ") == ""
    assert broken_stub("Version 2-") == ""
    assert broken_stub("ab-") == ""  # too short a stub to say anything


def test_a_capital_after_a_broken_syllable_opens_another_block() -> None:
    ev = evidence_from("\n".join(EDU))
    assert hyphen_cuts(EDU, ev) == frozenset({3})  # 'Alle …' (line 3) cannot go on 'wer-'; 'gen von' goes on 'Aktualisierun-'


def test_no_cut_without_a_rest_elsewhere_nor_before_a_compound() -> None:
    """Without the orphaned rest 'den, um …' the capital may be a compound the document does not
    attest: nothing is cut. 'Debian-' / 'Paket' is a compound ('Debian' is a word of its own), and
    a rest in place ('Nut-' / 'zungsmuster') is no orphan."""
    ev = evidence_from("\n".join(EDU[:6]))
    assert hyphen_cuts(EDU[:6], ev) == frozenset()
    lines = ["Installieren Sie Debian auf dem Rechner.", "Erstellen Sie das Debian-", "Paket mit dpkg-deb.", "", *EDU[7:]]
    assert hyphen_cuts(lines, evidence_from("\n".join(lines))) == frozenset()


def test_a_capitalised_stub_that_is_no_word_is_no_compound() -> None:
    """man-po4a, pdflike: '… Verhalten des Prog-' / 'Personen nutzlos.' ('Prog' occurs only here,
    broken), while 'ramms beschreibt, …' opens a block elsewhere ('Programms' is a word)."""
    lines = [
        "mentation, die veraltetes Verhalten des Prog-",
        "Personen nutzlos. Daher haben wir noch eini-",
        "ges zu tun.",
        "",
        "ramms beschreibt, verwirrt werden.",
        "Die Dokumentation des Programms ist gut.",
    ]
    ev = evidence_from("\n".join(lines))
    assert hyphen_cuts(lines, ev) == frozenset({2})
    # a passed-over line is no neighbour; the next one, across it, makes no word ('Progges') while 'ramms' does
    assert hyphen_cuts(lines, ev, passed=frozenset({2})) == frozenset({3})


def test_what_cannot_go_on_a_broken_word() -> None:
    ev = evidence_from("Debian ist frei. das Debian- Werkzeug der Kernel- 2.6 Kernel")  # the heads themselves count
    assert cannot_go_on("erstellt wer-", "LTSP-Server aus.", ev)
    assert cannot_go_on("des Prog-", "|=head1 BESCHREIBUNG", ev)
    assert not cannot_go_on("erstellt wer-", "den, um …", ev)  # a rest in lower case: hyphen_evidence weighs it
    assert not cannot_go_on("das Debian-", "Werkzeug", ev)  # a compound: 'Debian' is a word of its own
    assert not cannot_go_on("der Kernel-", "2.6", ev)
    assert not cannot_go_on("bis hier.", "Alle", ev)


# history, pdflike: a block ends on 'Bill Mit-'; its rest 'chell, erinnert sich, …' heads a block
# further on, after a short block the shuffle put there; only the translation spells 'Mitchell'
HISTORY = [
    "eine Art von BSD-Kernel.",
    "Ein frühes Mitglied des Projekts, Bill Mit-",
    "",
    "dazu beitragen konnten; außerdem wurde viel",
    "",
    "Ian Jackson übernahm bald die weitere Ent-",
    "wicklung der Paketverwaltung; das eigentliche",
    "",
    "chell, erinnert sich, dass der Linux-Kernel",
    "",
]
HISTORY_EN = "An early member of the project, Bill Mitchell, remembers the Linux kernel"


def test_a_broken_words_rest_heading_another_block_is_found() -> None:
    ev = evidence_from("\n".join(HISTORY), other=HISTORY_EN)
    assert orphaned_rests(HISTORY, ev) == frozenset({9})  # 'chell, …' completes 'Mit-' ('Mitchell'); 'wicklung' is a rest in place
    assert orphaned_rests(HISTORY, evidence_from("\n".join(HISTORY))) == frozenset()  # 'Mitchell' attested nowhere
    assert orphaned_rests(HISTORY, ev, passed=frozenset({8})) == frozenset()  # read as going on 'das eigentliche', it opens no block


def test_of_two_blocks_completing_a_broken_word_neither_is_its_rest() -> None:
    lines = [*HISTORY, "chell, erinnert sich noch", ""]
    assert orphaned_rests(lines, evidence_from("\n".join(lines), other=HISTORY_EN)) == frozenset()


def test_a_lower_case_line_across_a_running_header_that_makes_no_word_is_cut() -> None:
    """man-po4a, pdflike: '… Code zu hal-' / running header (passed over) / 'zung durch Po4a …':
    'halzung' is no word, while 'ten, indem beide …' opens another line ('halten' is a word): the
    blocks were not consecutive. Without the passed-over line a lower-case rest is read as in
    place (see _completes), and without a rest elsewhere nothing is cut."""
    lines = [
        "mentation nahe beim eigentlichen Code zu hal-",
        "",
        "4 Debian-Dokumentation",
        "",
        "zung durch Po4a wird hier sehr begrüßt, da",
        "",
        "ten, indem beide in die gleiche Datei einge-",
        "bettet werden.",
    ]
    ev = evidence_from("\n".join(lines), known=lambda w: w == "halten")
    assert hyphen_cuts(lines, ev, passed=frozenset({2, 3, 4})) == frozenset({5})
    assert hyphen_cuts(lines, ev) == frozenset()  # a block ends at the blank line: nothing to cut
    assert hyphen_cuts(lines[:6], ev, passed=frozenset({2, 3, 4})) == frozenset()  # no rest elsewhere


# man-dpkg-query (held-out set 2), pdflike: a block ends on 'Maskier-' and the next block, no blank
# line between, opens with 'werden' (the rest, 'sequenzen ein: …', heads a block 38 lines before)
DPKG_QUERY = [
    "aufgeführte Paket ausgegeben wird.5",
    "In der Formatzeichenkette leitet „\\“ Maskier-",
    "werden von dpkg-query aus Werten aus anderen",
    "Feldern erstellt (beachten Sie, dass diese",
]


def test_a_function_word_after_a_broken_word_opens_another_block() -> None:
    from harness.align.hyphens import function_word_after
    from harness.align.lang import stopwords

    function = stopwords("de") | stopwords("en")
    ev = evidence_from("\n".join(DPKG_QUERY), function_words=function)
    assert function_word_after("Maskier", "werden", ev)
    assert hyphen_cuts(DPKG_QUERY, ev) == frozenset({3})
    # a rest in place that is a function word makes a word of the document ('dar-' / 'unter'), a
    # suspended compound goes on with a conjunction ('Ein-' / 'oder Ausgabe'), and a short
    # function word may be a rest ('Bo-' / 'den')
    ev = evidence_from("Pakete, darunter dpkg.\nEin- oder Ausgabe", function_words=function)
    assert not function_word_after("dar", "unter", ev)
    assert not function_word_after("Ein", "oder", ev)
    assert not function_word_after("Bo", "den", ev)
    # a zu-infinitive goes on with a verb (dref-tips, one-column layout: 'um jegliche Pieptöne loszu-' / 'werden, aber …')
    assert not function_word_after("loszu", "werden", ev)
