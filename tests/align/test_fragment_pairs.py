"""The last check before writing (harness.align.fragment_pairs): a piece of a sentence against a
whole one, and a section number on one side only. Inputs are pairs the builder wrote on the
PDF-like path of the test corpus."""

from __future__ import annotations

from harness.align import fragment_pairs as fp
from harness.align.model import AlignedPair, Alignment, SetAside, Unit


def test_fragment_evidence_lower_case_start_cut_word_and_unopened_parenthesis() -> None:
    assert fp.fragment_evidence("empfängt und an den zentralen Dienst weiterleitet.", "With the exception of …") == "opens in lower case"
    assert fp.fragment_evidence("Ein frühes Mitglied des Projekts, Bill Mit-", "An early member, Bill Mitchell, remembers") == "ends in a cut word"
    assert fp.fragment_evidence("Pakete, 200 Entwickler).", "1.3 Bo released July 1997 (974 packages, 200 developers)") == (
        "closes a parenthesis it never opened"
    )
    assert fp.fragment_evidence("Jegliche Nutzung von Tunneling-Methoden (VPN", "Any use of tunneling methods (VPN etc.) may reduce MTU.") == (
        "leaves a parenthesis open"
    )


def test_no_fragment_evidence_for_copied_words_items_or_both_sides_alike() -> None:
    # a command name opens both sides (the translation capitalised it as a sentence start)
    assert fp.fragment_evidence("dm-crypt ermöglicht eine automatische Datenverschlüsselung.", "Dm-crypt facilitates encryption.") is None
    assert fp.fragment_evidence("»root« muss vorher kinit ausführen.", "As root one needs to run kinit first.") is None
    # a letter glued to a digit is an ordinal or unit suffix, not a lower-case word opening the unit
    assert fp.fragment_evidence("31st March 2001 Colin Watson", "Colin Watson, 31. März 2001") is None
    assert fp.fragment_evidence("2nd edition of the guide.", "Zweite Ausgabe des Handbuchs.") == "opens in lower case"
    assert fp.fragment_evidence("a) Pakete installieren", "a) Install packages") is None  # an item mark
    assert fp.fragment_evidence("mentor: eine Person, die hilft.", "mentor: a person who helps.") is None
    assert fp.fragment_evidence("Tabelle 9.8. Liste von Werkzeugen zur Steuerung von Programmaktivi-", "Table 9.8. List-") is None


def test_a_fragment_pairs_only_when_it_matches_the_other_sides_length() -> None:
    whole = "Use dpkg to install and remove packages from your system."
    assert fp.fragment_rejection("System hinzuzufügen oder zu entfernen.", whole, 1.0) is None  # no evidence: a noun opens it
    short = fp.fragment_rejection("verfügbaren Versionen aus.", "Print full records for all available versions.", 0.9)
    assert short == "low confidence: the source opens in lower case, a fragment 1.6x off the other side's length"
    # the same evidence, but the fragment holds its counterpart: written
    assert fp.fragment_rejection("auch von einem USB-Stick gebootet werden.", "Both images can also be booted from USB sticks.", 0.9) is None
    # a side opening in lower case glued to more text than its counterpart says
    glued = fp.fragment_rejection(
        "dem chkrootkit-Paket, lesen Sie dazu chkrootkit(1); der clamav-Paketfamilie, lesen Sie dazu clamscan(1) und freshclam(1).",
        "The clamav package family, see clamscan(1) and freshclam(1).",
        0.9,
    )
    assert glued is not None and glued.startswith("low confidence: the source opens in lower case")


def test_a_section_number_the_counterpart_lacks_although_its_document_has_it() -> None:
    de = "9.6.11. SMART verwenden, um Festplattenausfälle vorherzusehen Sie können Ihre Festplatte mit smartd(8) überwachen."
    en = "You can monitor and log your hard disk which is compliant to SMART with the smartd(8) daemon."
    numbers = (frozenset({"9.6.11"}), frozenset({"9.6.11", "9.6.12"}))
    assert fp.one_sided_number(de, en, numbers) == "low confidence: the source opens with section 9.6.11, which its counterpart lacks"
    assert fp.one_sided_number(de, en, (numbers[0], frozenset())) is None  # the translation numbers nothing
    assert fp.one_sided_number(de, "9.6.11. Using SMART to predict hard disk failure", numbers) is None
    assert fp.one_sided_number("3. Architektur", "Architecture", (frozenset({"3"}), frozenset({"3"}))) is None  # one level: maybe an item


def test_set_aside_fragments_moves_only_the_failing_pair() -> None:
    def unit(text: str) -> Unit:
        return Unit(text, "1", "body")

    good = AlignedPair((unit("Debian ist ein freies Betriebssystem."),), (unit("Debian is a free operating system."),), "body", 0.8)
    bad = AlignedPair((unit("Pakete, 200 Entwickler)."),), (unit("1.3 Bo released July 1997 (974 packages, 200 developers)"),), "item", 0.46)
    result = Alignment([good, bad], [])
    fp.set_aside_fragments(result)
    assert result.pairs == [good]
    assert [(a.side, a.unit.text) for a in result.unaligned] == [
        ("src", "Pakete, 200 Entwickler)."),
        ("tgt", "1.3 Bo released July 1997 (974 packages, 200 developers)"),
    ]
    assert all(isinstance(a, SetAside) and a.reason.startswith("item: low confidence: the source closes a parenthesis") for a in result.unaligned)


def test_only_one_side_ending_a_sentence_allows_less_length_difference() -> None:
    whole = "Many packages started using a new source package format based on quilt."
    assert fp.fragment_rejection("Viele Pakete begannen ein neues", whole, 1.0) == (
        "low confidence: only the source ends without a stop, 1.9x off the other side's length"
    )
    # a heading and its translation: neither ends a sentence
    assert fp.fragment_rejection("9.3.7. Aufzeichnen von Editor-Aktivitäten", "9.3.7. Recording the editor activities for complex repeats", 1.0) is None
    # a shorter item that ends differently, within 1.7x: written
    assert fp.fragment_rejection("Keine: keine Beschränkungen", "None: no constraint.", 1.0) is None


def test_a_unit_ending_on_a_word_no_sentence_ends_on_never_pairs_with_a_whole_sentence() -> None:
    # pairs written on the held-out documents before this rule: the German is cut mid-sentence, and
    # the lengths still fit, so no length limit could tell
    cut = fp.fragment_rejection(
        "Hier eine Tabelle zur Gegenüberstellung von veralteten net-tools-Befehlen und neuen iproute2- und",
        "Here is a translation table from obsolete net-tools commands to new iproute2 etc. commands.",
        1.0,
    )
    assert cut == "low confidence: the source ends mid-sentence ('und'), the other side ends its sentence"
    assert fp.fragment_rejection("Falls sie bereits existierte, wurde ihr mtime-Attribut aktualisiert und der",
                                 "If it existed, its mtime is updated and its content is reset.", 1.0) == (
        "low confidence: the source ends mid-sentence ('der'), the other side ends its sentence")
    # a clause may end on a preposition that is a verb particle or a pronoun; headings end on anything
    assert not fp.cut_mid_sentence("Gehen Sie dabei wie folgt vor")
    assert not fp.cut_mid_sentence("What the option is for")
    assert fp.fragment_rejection("Über uns", "About us", 1.0) is None
    # both sides cut alike (a heading's wrapped line, a list item's lead-in): no evidence
    assert fp.fragment_rejection("Liste der Werkzeuge und", "List of the tools and", 1.0) is None


def test_sections_numbered_differently() -> None:
    """Debian Reference ch. 9, two-column PDF path: a heading (with the next heading's number
    glued on) paired with the next section's heading."""
    de = '9.6.15. Vergrößerung des nutzbaren Speicherplatzes, indem ein anderes Verzeichnis mit "mount --bind" eingebunden wird 9.6.16.'
    en = "9.6.16. Expansion of usable storage space by overlay-mounting another directory"
    assert fp.numbered_differently(de, en) == "low confidence: sections numbered differently (9.6.15 / 9.6.16)"
    assert fp.numbered_differently(de, "9.6.15. Expansion of usable storage space by bind-mounting another directory") is None
    assert fp.numbered_differently(de, "Expansion of usable storage space") is None  # one_sided_number's case
    assert fp.numbered_differently("3 Architektur", "4 Architecture") is None  # one level: maybe an item


def test_a_heading_never_pairs_with_one_that_ends_mid_sentence() -> None:
    """man-po4a, pdflike: a heading with the head of a sentence glued on across a seam, against the
    translation's heading alone. Both are headings, neither ends a sentence, and the lengths fit."""
    glued = "Graphischer Überblick über die Po4a-Skripte Po4a kann auch mit einigen selteneren oder"
    assert fp.fragment_rejection(glued, "Graphical overview of the po4a scripts", 1.0, heading=True) == (
        "low confidence: the source ends mid-sentence ('oder'), the other side ends its heading"
    )
    assert fp.fragment_rejection(glued, "Graphical overview of the po4a scripts", 1.0) is None  # not headings: no evidence
    # a heading cut at its line end (Debian Reference ch. 10) is the shorter side: it holds less of
    # its heading, no other sentence
    assert fp.fragment_rejection("Tabelle 10.6. Liste von Werkzeugen für die", "Table 10.6. List of data security infrastructure tools", 1.0, heading=True) is None
    # 'an' ends a German clause as a verb particle (man-apt-preferences)
    assert fp.fragment_rejection("gibt den Paketnamen an", "gives the package name", 1.0, heading=True) is None
    # the last word is a whole word: 'po4a' does not end on the article 'a'
    assert not fp.cut_mid_sentence("Open-source projects using po4a")
    assert fp.fragment_rejection("Open-Source-Projekte, die Po4a verwenden", "Open-source projects using po4a", 1.0, heading=True) is None


def test_a_unit_opening_inside_a_quotation_is_a_fragment() -> None:
    """man-po4a, pdflike: 'Das ist das »Perl Online' ended a block; its tail, paired alone with
    the whole translation. A closing mark leans on the word before it, whatever the language's
    marks; a quotation of several sentences leaves the other side's marks unpaired too."""
    assert fp.fragment_evidence("Documentation«-Format.", "This is the Perl Online Documentation format.") == (
        "closes a quotation it never opened"
    )
    assert fp.fragment_rejection("Documentation«-Format.", "This is the Perl Online Documentation format.", 1.0) is not None
    assert fp.fragment_evidence("Das ist das »Perl Online Documentation«-Format.", "This is the Perl Online Documentation format.") is None
    assert fp.fragment_evidence("gut.“ Dann ging er.", 'good." Then he left.') is None  # both sides inside the quotation
    # a sentence opening a quotation of several (history, two-column path): no evidence
    assert fp.fragment_evidence("»… zwischen 0.99R8 und 0.99R15 war, als wir begannen.", '"... being between 0.99r8 and 0.99r15.') is None


def test_a_joined_source_whose_last_sentence_ends_open() -> None:
    """Debian Reference ch. 9, PDF-like path (held-out set 2): a 2-1 pair of a sentence's tail and
    the head it belongs to, in that order; the head ends open, the translation is whole."""
    tail = Unit("Mapper-Geräte (Näheres in Abschnitt 9.7.3, „Einbinden der Festplatten-Abbild-Datei“).", "1851-1852", "item")
    head = Unit("Bei einer rohen Image-Datei verwenden Sie zum Einbinden ein loop device oder Device", "1900-1901", "item")
    en = Unit("For the raw disk image file, mount it as loop device or device mapper devices (see Section 9.7.3, “Mounting the disk image file”).", "1179-1180", "item")
    assert fp.open_last_sentence(AlignedPair((tail, head), (en,), "item", 0.74)) == (
        "low confidence: the source's last sentence ends open ('Device'), the translation ends its sentence"
    )
    assert fp.open_last_sentence(AlignedPair((head,), (en,), "item", 0.74)) is None  # one unit: the length rules' case
    assert fp.open_last_sentence(AlignedPair((head, tail), (en,), "item", 0.74)) is None  # the last unit ends its sentence
    # a word cut at a hyphen may have its rest on the next line: not this rule's evidence
    cut = Unit("So hohe Prioritäten können nur durch die Einstell-", "582-583", "body")
    assert fp.open_last_sentence(AlignedPair((tail, cut), (en,), "body", 0.6)) is None


def test_cut_word_end_one_line_cut_mid_word_against_a_whole_sentence() -> None:
    """faq-support, PDF-like: a block of one line ending in 'Erfah-', its rest ('rungen Leute …')
    in a block further on, paired with a whole sentence of the translation."""
    cut = Unit("Um zum Beispiel herauszufinden, welche Erfah-", "191", "body")
    en = Unit("Examples are debian-announce, debian-user, debian-news.", "74-75", "body")
    assert fp.cut_word_end(AlignedPair((cut,), (en,), "body", 0.4)) == (
        "low confidence: the source ends in a word cut at a hyphen ('Erfah-'), the other side ends its sentence"
    )
    # several lines cut in their last word hold most of the sentence: the translation renders it
    most = Unit("Die Installation sollte keine Fragen mit Ausnahme von gewünschter Sprache, Standort, Tastaturlayout und Maschinenprofil (Hauptser-", "355-357", "body")
    whole = Unit("The installation should not ask any questions, with the exception of desired language, location, keyboard layout and machine profile (Main Server, Workstation, LTSP Server, …).", "225-227", "body")
    assert fp.cut_word_end(AlignedPair((most,), (whole,), "body", 0.85)) is None
    # both sides open: no evidence
    assert fp.cut_word_end(AlignedPair((cut,), (Unit("For example, to find out what experi-", "142", "body"),), "body", 0.4)) is None


def test_set_aside_cut_word_ends_moves_the_pair_aside() -> None:
    cut = Unit("Um zum Beispiel herauszufinden, welche Erfah-", "191", "body")
    en = Unit("Examples are debian-announce, debian-user, debian-news.", "74-75", "body")
    kept = AlignedPair((Unit("Auch zum Abmelden gibt es ein Formular.", "120", "body"),), (Unit("You can also un-subscribe using a WWW form.", "60", "body"),), "body", 0.7)
    result = Alignment([AlignedPair((cut,), (en,), "body", 0.4), kept], [])
    assert fp.set_aside_cut_word_ends(result) == 1
    assert result.pairs == [kept] and {a.unit.text for a in result.unaligned} == {cut.text, en.text}
