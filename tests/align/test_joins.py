from __future__ import annotations

from harness.align.cleaning import evidence_from
from harness.align.joins import capitals_evidence, hyphen_evidence, hyphen_partners, join_cut, page_break, partner_evidence, term_evidence
from harness.align.order import Block
from harness.align.tracked import track

EV = evidence_from("das Installieren und das durchgeführte Upgrade")


def test_hyphen_across_blocks_is_evidence_for_and_against_a_pair() -> None:
    assert hyphen_evidence("das Entfernen und Instal-", "lieren von Paketen).", EV) == 0.3
    assert hyphen_evidence("Zuerst muss ein update durchg-", "lieren von Paketen).", EV) == -0.3
    assert hyphen_evidence("in den Fokus der", "Allianz. Wichtige", EV) == 0.0


def test_cut_sentence_joined_with_its_hyphen_resolved() -> None:
    assert join_cut("das Entfernen und Instal-", "lieren von Paketen).", EV) == "das Entfernen und Installieren von Paketen)."
    assert join_cut("in den Fokus der", "Allianz.", EV) == "in den Fokus der Allianz."


def test_page_break_in_ordered_text() -> None:
    block = lambda text: Block(track(text), "body")  # noqa: E731
    assert page_break(block("agree on the two per cent"), block("target. The Russian"), "en")
    assert page_break(block("Colombia's withdrawal from"), block("NATO networks is considered"), "en")
    assert not page_break(block('"baz (>> 1.0) | bar (= 2.0), moo"'), block("The legacy operator"), "en")


def test_no_page_break_join_after_a_colon_or_a_sentence_end() -> None:
    """'… a graphical representation of this:' ends with a function word, but what follows a
    colon (a diagram, a list, the next paragraph) is not the rest of its sentence."""
    block = lambda text: Block(track(text), "body")  # noqa: E731
    assert not page_break(block("Here is a graphical representation of this:"), block("This little bone is the core"), "en")
    assert not page_break(block("you need these packages:"), block("man-db, which contains man"), "en")
    assert not page_break(block("We will not hide problems.7"), block("the yelp browser"), "en")
    assert not page_break(block("SEE ALSO"), block("See also the manual"), "en")  # a heading in capitals
    # a parenthetical standing after a finished sentence ends its item: the next item is no continuation
    assert not page_break(block("avoids FTBFS bugs. (see pbuilder(8) and pdebuild(1))"), block("perl - Perl is one of"), "en")
    assert page_break(block("the value set by the option (see below) and"), block("the default"), "en")
    # the function word must end the block: '… replaced by %' is a finished table row, not 'withdrawal from'
    assert not page_break(block("%% = replaced by %"), block("%Z = paper format name"), "en")


def test_a_block_opening_with_a_sentence_opener_does_not_complete_a_cut_sentence() -> None:
    """'Ein' is written in lower case but at sentence starts, so 'Ein XML-Dokumentationsformat.'
    opens a sentence: it does not continue the term line 'Anleitungs-XML (…)' cut at a page."""
    from harness.align.glued import Casing
    from harness.align.joins import opener_evidence

    casing = Casing.learn(["Das ist ein Format, ein Werkzeug und ein Modul.", "Es gibt ein Programm."])
    head = "Anleitungs-XML (wahrscheinlich ausgereiftes Auswertprogramm)"
    assert opener_evidence(head, "Ein XML-Dokumentationsformat.", casing, "de") == -1.0
    assert opener_evidence(head, "XML-Dokumentationsformat.", casing, "de") == 0.0  # a noun may go on
    assert opener_evidence("Dies ist ein", "Ein Format.", casing, "de") == 0.0  # after a function word: not judged
    assert opener_evidence("'before'|'beginboundary' | 'after'", "Wie funktioniert es?", Casing.learn(["wie"] * 3), "de") == -1.0


def test_a_heading_in_capitals_neither_completes_nor_is_a_cut_sentence() -> None:
    """man-po4a, shuffled: 'SIEHE AUCH' is a block of its own that ends without a stop."""
    assert capitals_evidence("Eine solche manuelle Umwandlung", "SIEHE AUCH") == -1.0
    assert capitals_evidence("SIEHE AUCH", "Das BibTex-Format wird zusammen mit LaTex zur Formatierung von Fundstellen verwandt.") == -1.0
    assert capitals_evidence("Eine solche manuelle Umwandlung", "ist recht beschwerlich (lesen Sie die Dokumentation") == 0.0
    assert capitals_evidence("wie bei der", "NATO. Wichtige") == 0.0  # an acronym ending a sentence is prose


def test_one_lower_case_use_of_an_opener_is_enough_at_a_block_start() -> None:
    """A block starts a raw line: 'obwohl', written once in lower case and never capitalised
    mid-sentence, opens a sentence there ('sgml (…)' / 'Obwohl dieses Format …')."""
    from harness.align.glued import Casing
    from harness.align.joins import opener_evidence

    head = "sgml (ausgereiftes Auswertprogramm)"
    assert opener_evidence(head, "Obwohl dieses Format verdrängt wurde.", Casing.learn(["Das geht, obwohl es spät ist."]), "de") == -1.0
    assert opener_evidence(head, "Obwohl dieses Format verdrängt wurde.", Casing.learn(["Das geht gut."]), "de") == 0.0  # never seen in lower case


def test_a_code_line_ending_on_a_function_word_does_not_take_the_next_sentence() -> None:
    """'| |=head1 AUTOR | |ich' ends on 'ich', but as code, not as a clause that runs on: 'Dann
    wird …' opens a sentence and does not complete it."""
    from harness.align.glued import Casing
    from harness.align.joins import opener_evidence

    casing = Casing.learn(["Es geht, dann ist es gut.", "Er kam, dann ging er, dann blieb er."])
    code = "|=head1 BESCHREIBUNG | |dummy - Ein Platzhalterprogramm | |=head1 AUTOR | |ich"
    assert opener_evidence(code, "Dann wird das folgende Addendum sicherstellen.", casing, "de") == -1.0
    assert opener_evidence("Das sagte ich", "Dann wird das folgende Addendum sicherstellen.", casing, "de") == 0.0  # prose: not judged
def test_no_page_break_join_after_a_caption() -> None:
    """Debian Reference (lynx -dump): a table's header row goes on in lower case under its caption."""
    head, tail = Block(track("Table 5.1. List of network configuration tools"), "body"), Block(track("packages popcon size"), "body")
    assert not page_break(head, tail, "en")


def test_a_heading_in_capitals_neither_completes_nor_opens_a_cut_sentence() -> None:
    """apt-cache(8) and man(1) rendered to the web and to PDF: the section headings 'SIEHE AUCH'."""
    from harness.align.glued import Casing
    from harness.align.joins import opener_evidence

    casing = Casing.learn(["Das ist ein Format, ein Werkzeug und ein Modul."])
    head = "Konfigurationselement: Dir::State::Lists (partial wird implizit angehängt)"
    assert capitals_evidence(head, "SIEHE AUCH") == -1.0
    assert capitals_evidence("SIEHE AUCH", "Für einige Pakete kann die Dokumentation verfügbar sein.") == -1.0
    assert capitals_evidence(head, "Dir::State::Lists") == 0.0
    assert opener_evidence(head, "Dir::State::Lists", casing, "de") == 0.0


def test_no_sentence_goes_on_after_a_command_line() -> None:
    from harness.align.glued import Casing
    from harness.align.joins import opener_evidence

    head = "$ cat .ssh/id_rsa.pub | ssh user1@remote ”cat - >>.ssh/authorized_keys”"
    assert opener_evidence(head, "Sie können weitere Optionen hinzufügen.", Casing.learn(["ein"]), "de") == -1.0


def test_hyphen_partners_finds_the_far_block_that_completes_a_broken_word() -> None:
    """maint-guide 'start', shuffled: the debian-policy item ends '… usw. Das Wicht-'; of the
    lower-case blocks only 'igste für Sie ist, …' completes a word of the documents ('Das
    wichtigste Paket …'), and 'igsten …' ('wichtigsten') too, by an inflection ending: with two
    candidates none is offered; alone, 'igste …' is. A block whose first word makes no word
    ('isch …') and a capitalised block never are."""
    ev = evidence_from("Das wichtigste Paket, dass auf Ihrem Entwicklungssystem installiert werden sollte.")
    heads = {3: "jedes Verzeichnis sein sollte) usw. Das Wicht-", 4: "Der Text endet hier.", 5: "kurz ab-"}
    tails = {
        7: "isch und praktisch.",
        9: "igste für Sie ist, dass es die Anforderungen beschreibt.",
        12: "Igste groß.",
        20: "igsten Dokumente.",
    }
    assert hyphen_partners(heads, tails, ev) == {}  # two rests ('igste', 'igsten'): which one, the hyphen does not say
    del tails[20]
    assert hyphen_partners(heads, tails, ev) == {3: [9]}


def test_a_capital_cannot_go_on_a_broken_syllable() -> None:
    """edu-architecture, pdflike: '… erstellt wer-' was joined with the block 'LTSP-Server aus.'
    (hyphen_evidence weighed only lower-case tails); a broken word's rest opens in lower case."""
    assert hyphen_evidence("Weitere Verzeichnisse können bei Bedarf erstellt wer-", "LTSP-Server aus.", EV) == -1.0
    assert hyphen_evidence("Weitere Verzeichnisse können bei Bedarf erstellt wer-", "den, um bestimmte Benutzergruppen", EV) == -0.3


def test_a_bare_inflection_ending_is_no_broken_words_rest() -> None:
    """man-po4a, pdflike: 'kryp' is a token of the document (its broken form), so 'kryp' + 'es'
    reads as attested by the ending 'es'; the block 'es zwei getrennte Ausgaben …' then passed for
    the rest of every broken word, and of 'Die Unterstüt-' too, whose one rest is 'zung durch …'."""
    ev = evidence_from("mit einer unglücklicherweise kryp- tischen Syntax. Die Unterstützung durch Po4a")
    heads = {141: "(mit einer unglücklicherweise kryp-", 21: "verwandt von vielen Programmen da draußen. Die Unterstüt-"}
    tails = {179: "es zwei getrennte Ausgaben erzeugt: Eine weitere PO-Datei", 37: "zung durch Po4a wird hier sehr begrüßt, da"}
    assert hyphen_partners(heads, tails, ev) == {21: [37]}


def test_a_broken_words_one_rest_goes_on_no_other_block() -> None:
    """man-po4a, pdflike: 'zung durch Po4a …' is the one rest of 'Die Unterstüt-' (block 21): it goes
    on no other block ('… Code zu hal-', 36: 'halzung' is no word), unless it completes that
    block's broken word too; block 21 takes no other block ('es zwei getrennte …', 179)."""
    partners = {21: [37]}
    assert partner_evidence(21, 37, partners) == 0.0
    assert partner_evidence(21, 179, partners) == -1.0
    assert partner_evidence(36, 37, partners) == -1.0
    assert partner_evidence(36, 37, partners, completes=True) == 0.0
    assert partner_evidence(36, 100, partners) == 0.0  # neither side has a partner: hyphen_evidence judges


def test_a_manuals_term_line_completes_no_cut_sentence() -> None:
    """'search regulärer_Ausdruck...' is a block of its own (blocks.term_named_again cut it off
    the description under it, which names the term again): a term, not the rest of '… wird der'."""
    term, description = "search regulärer_Ausdruck...", "search führt eine Volltextsuche in der Liste aller verfügbaren Pakete durch."
    assert term_evidence(term, description) == -1.0
    assert term_evidence(term) == 0.0  # nothing after it: no evidence
    assert term_evidence("Quellenzwischenspeicher benutzt, um ein erneutes Auswerten zu vermeiden.", description) == 0.0
    assert term_evidence("die Pakete", "die Pakete werden geladen.") == 0.0  # a function word names no term
