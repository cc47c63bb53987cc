"""Left-over sentences placed by their raw neighbours' pairs (harness.align.raw_neighbours). Inputs
are units the builder left over on the PDF-like path of the corpus and a held-out set
(faq-support, man-man), with the raw line numbers they had there."""

from __future__ import annotations

from harness.align import raw_neighbours, recovery
from harness.align.dictionary import Dictionary
from harness.align.model import AlignedPair, Alignment, SetAside, Unit, set_aside, swapped
from harness.align.similarity import LexicalScorer

SCORER = LexicalScorer("de", "en", Dictionary({"reihe": ("lot",), "gibt": ("are",), "zeichenkette": ("string",), "vorgabe": ("default",)}))

LESS = (Unit("Diese Anzeige wird durch Verwendung der Umgebungsvariable $LESS erreicht.", "575-577", "body"), Unit("This is achieved by using the $LESS environment variable.", "339-340", "body"))
OPTION = (Unit("Die Option -r in Verbindung mit einer Zeichenkette setzt diese Vorgabe außer Kraft.", "579-580", "body"), Unit("Supplying -r with a string will override this default.", "341", "body"))
MAN_PN = (
    Unit("Wenn diese Zeichenkette $MAN_PN enthält, wird dieser Text durch den Namen der Handbuchseite gefolgt von der Abschnittsnummer ersetzt.", "582-585", "body"),
    Unit("The string may contain the text $MAN_PN which will be expanded to the name of the current manual page and its section name.", "342-344", "body"),
)
FLAME = (Unit("Nicht beleidigend werden, das ist unhöflich.", "581", "body"), Unit("Do not flame; it is not polite.", "341", "body"))
HEADING = (Unit("12.2.1. Mailinglisten", "166", "heading"), Unit("12.2.1. Mailing lists", "66", "heading"))
LISTS = (Unit("Es gibt eine Reihe von Debian betreffenden Mailinglisten.", "168-169", "body"), Unit("There are a lot of Debian-related mailing lists.", "68", "body"))


def _pair(pair: tuple[Unit, Unit]) -> AlignedPair:
    return AlignedPair((pair[0],), (pair[1],), pair[1].kind, 0.8)


def _result(written: list[tuple[Unit, Unit]], left: list[Unit], left_tgt: list[Unit]) -> Alignment:
    return Alignment(
        [_pair(p) for p in written],
        [SetAside("src", u, "body: no counterpart in the translation") for u in left] + [SetAside("tgt", u, "body: no counterpart in the source") for u in left_tgt],
    )


def test_a_sentence_between_its_raw_neighbours_pairs_fills_the_target_gap_they_leave() -> None:
    assert 0.15 <= SCORER.fit([OPTION[0].text], [OPTION[1].text]).sim(0, 1, 0, 1) < recovery.MIN_SCORE  # order, not words, places it
    result = _result([LESS, MAN_PN], [OPTION[0]], [OPTION[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [LESS[1], OPTION[1], MAN_PN[1]], SCORER) == 1
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs] == [(u.text, v.text) for u, v in (LESS, OPTION, MAN_PN)]
    assert result.unaligned == []


def test_no_pair_where_the_neighbours_pairs_leave_no_gap_of_that_size_or_a_left_over_unit_lies_between() -> None:
    other = Unit("Archives of the Debian mailing lists are available via WWW.", "342", "body")
    result = _result([LESS, MAN_PN], [OPTION[0]], [OPTION[1], other])
    assert raw_neighbours.pair_raw_sandwiches(result, [LESS[1], OPTION[1], other, MAN_PN[1]], SCORER) == 0
    # a left-over unit on raw line 581 is the sentence's successor: the pair after it is not
    result = _result([LESS, MAN_PN], [OPTION[0], FLAME[0]], [OPTION[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [LESS[1], OPTION[1], MAN_PN[1]], SCORER) == 0
    # three lines apart (a blank line and more) is no raw neighbour
    far = Unit(MAN_PN[0].text, "584-587", "body")
    assert raw_neighbours.raw_neighbours(OPTION[0], [LESS[0], OPTION[0], far]) == (0, None)


def test_no_pair_that_shares_nothing_whatever_its_place_nor_of_lengths_that_disagree() -> None:
    # faq-support: right, but nothing the scorer sees tells it from a sentence of another version
    flame = Unit(FLAME[0].text, "579-580", "body")
    assert SCORER.fit([flame.text], [FLAME[1].text]).sim(0, 1, 0, 1) == 0.0
    result = _result([LESS, MAN_PN], [flame], [FLAME[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [LESS[1], FLAME[1], MAN_PN[1]], SCORER) == 0
    short = Unit("Die Option -r.", "579-580", "body")
    result = _result([LESS, MAN_PN], [short], [OPTION[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [LESS[1], OPTION[1], MAN_PN[1]], SCORER) == 0


def test_one_paired_raw_neighbour_places_a_sentence_that_shares_words_with_the_gap() -> None:
    assert 0.25 <= SCORER.fit([LISTS[0].text], [LISTS[1].text]).sim(0, 1, 0, 1)
    result = _result([HEADING], [LISTS[0]], [LISTS[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [HEADING[1], LISTS[1]], SCORER) == 1
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs] == [(HEADING[0].text, HEADING[1].text), (LISTS[0].text, LISTS[1].text)]
    # a second left-over target sentence after the heading's: the sentence is one of a run, unplaced
    result = _result([HEADING], [LISTS[0]], [LISTS[1], FLAME[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [HEADING[1], LISTS[1], FLAME[1]], SCORER) == 1


def test_raw_neighbours_are_the_nearest_units_ending_before_and_starting_after() -> None:
    units = [LESS[0], OPTION[0], MAN_PN[0], HEADING[0]]
    assert raw_neighbours.raw_neighbours(OPTION[0], units) == (0, 2)
    assert raw_neighbours.raw_neighbours(HEADING[0], units) == (None, None)
    # a unit starting on the sentence's last raw line comes after it
    after = Unit("Sei höflich.", "580", "body")
    assert raw_neighbours.raw_neighbours(OPTION[0], [*units, after]) == (0, 4)
    # a unit sharing the sentence's one raw line may come before or after it: no neighbour
    assert raw_neighbours.raw_neighbours(FLAME[0], [*units, Unit("Sei höflich.", "581", "body")]) == (None, None)
    assert raw_neighbours.raw_neighbours(Unit("stitched", "171-173,107-108", "body"), units) == (None, None)


def test_a_unit_stitched_from_several_places_neighbours_what_follows_its_last_piece_and_precedes_its_first() -> None:
    # man-apt-cache, PDF-like: 'Separate Argumente können benutzt werden, um' (raw line 222) was
    # rejoined with its block-opening tail 'mehrere Suchmuster anzugeben, die »und«-verknüpft
    # werden.' (182-183); a blank line, then 'depends Paket...' (185): the stitched sentence comes
    # before it in the raw text, as its last piece does
    stitched = Unit("Separate Argumente können benutzt werden, um mehrere Suchmuster anzugeben, die »und«-verknüpft werden.", "222,182-183", "body")
    depends = Unit("depends Paket...", "185", "body")
    assert raw_neighbours.raw_neighbours(depends, [stitched, depends]) == (0, None)
    # and one whose first piece starts after a blank line below a unit comes after that unit
    head = Unit("Für depends zeigt eine Liste von jeder Abhängigkeit.", "186-187,90-91", "body")
    assert raw_neighbours.raw_neighbours(depends, [stitched, depends, head]) == (0, 2)
    # on the unit's own raw line, the stitched unit's order against it is unknown, as before: a
    # stitch that reads on from a later line is not taken for what comes before
    glued = Unit("Begrenzung 'before' Personen nutzlos.", "627-634,33", "body")
    daher = Unit("Daher haben wir noch einiges zu tun.", "33-35", "body")
    assert raw_neighbours.raw_neighbours(daher, [glued, daher]) == (None, None)


def test_a_word_broken_at_a_line_end_is_no_whole_unit_but_a_suspended_compound_is() -> None:
    # maint-guide-start, the two-column PDF read directly: 'Warum?' broken across a column's lines
    assert not raw_neighbours.alike_whole("War- um?", "Why?")
    assert raw_neighbours.alike_whole("Warum?", "Why?")
    assert raw_neighbours.alike_whole("Datei- und Verzeichnisnamen werden geprüft.", "File and directory names are checked.")


def test_a_lead_in_and_a_sentence_are_not_alike() -> None:
    """Debian Reference ch. 8 (scrambled): a German-only list item sat where the English has its own
    lead-in; both were left over between the same two pairs, and the item shares 'Eingabe'/'input'."""
    assert not raw_neighbours.alike_whole("Sie können weitere Eingabequellen wählen.", "Multilingual input to the application is processed as:")
    assert raw_neighbours.alike_whole("Die Eingabe wird wie folgt verarbeitet:", "Multilingual input to the application is processed as:")


def test_a_unit_taken_out_of_a_pair_for_a_glued_piece_is_not_placed_again() -> None:
    # maint-guide-start, two-column PDF: an item run on into the next sentence with no stop between
    glued = Unit(
        "Inhalte des Mailinglistenarchivs von debian-devel@lists.debian.org Sie können Websuchmaschinen effizienter nutzen, indem Sie Suchbegriffe wie site:lists.debian.org angeben.",
        "286-289", "item",
    )
    search = Unit("You can use web search engines more effectively by including search strings such as site:lists.debian.org.", "120", "item")
    before = (Unit("Inhalte des Mailinglistenarchivs von debian-mentors@lists.debian.org", "285", "item"), Unit("contents of debian-mentors@lists.debian.org mailing list archive", "119", "item"))
    after = (Unit("Weitere Informationen finden Sie im Wiki.", "290", "body"), Unit("See the wiki for more.", "121", "body"))
    reason = "body: a piece of it has a clearly better home ('contents of debian-devel@lists.debian…'), and the rest cannot stand alone"
    for aside, made in ((SetAside("src", glued, reason, whole=False), 0), (SetAside("src", glued, "body: no counterpart in the translation"), 1)):
        result = Alignment([_pair(before), _pair(after)], [aside, SetAside("tgt", search, "body: no counterpart in the source")])
        assert raw_neighbours.pair_raw_sandwiches(result, [before[1], search, after[1]], SCORER) == made


def test_the_passes_that_set_aside_over_a_glued_piece_mark_the_units_no_whole_ones() -> None:
    # what raw_neighbours reads: the flag, whatever the reason's words (a quoted text may say 'piece')
    src, tgt = Unit("Ein Satz mit einem Stück.", "3", "body"), Unit("A sentence about a glued piece.", "7", "body")
    pair = _pair((src, tgt))
    assert [a.whole for a in set_aside(pair, "body: no counterpart")] == [True, True]
    assert [(a.side, a.unit, a.whole) for a in set_aside(pair, "body: a piece …", whole=False)] == [("src", src, False), ("tgt", tgt, False)]
    flipped = swapped(Alignment([], set_aside(pair, "x", whole=False)))
    assert [(a.side, a.whole) for a in flipped.unaligned] == [("tgt", False), ("src", False)]


# PDF-like path, left over between two pairs on both sides and sharing no word the scorer knows:
# man-po4a (a lead-in), man-dpkg-deb (a section heading), kicad-pl-editor (a run of a lead-in and
# a heading, both sides' layouts reading them as headings)
SAY = (Unit("Mit anderen Worten:", "579-580", "body"), Unit("That is to say:", "341", "body"))
NOTES = (Unit("RÜCKGABEWERT", "579-580", "heading"), Unit("EXIT STATUS", "341", "heading"))
EXAMPLE = (Unit("Hierzu ein Beispiel:", "579", "heading"), Unit("Here is an example:", "341", "heading"))
SETUP = (Unit("Einstellung", "580", "heading"), Unit("Setup", "342", "heading"))


def test_units_of_one_form_a_plain_sentence_lacks_need_no_shared_word_between_pairs_on_both_sides() -> None:
    for pair in (SAY, NOTES):
        assert SCORER.fit([pair[0].text], [pair[1].text]).sim(0, 1, 0, 1) == 0.0
        result = _result([LESS, MAN_PN], [pair[0]], [pair[1]])
        assert raw_neighbours.pair_raw_sandwiches(result, [LESS[1], pair[1], MAN_PN[1]], SCORER) == 1
        assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs][1] == (pair[0].text, pair[1].text)
    # a run of two between the pairs, each of one form
    result = _result([LESS, MAN_PN], [EXAMPLE[0], SETUP[0]], [EXAMPLE[1], SETUP[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [LESS[1], EXAMPLE[1], SETUP[1], MAN_PN[1]], SCORER) == 2


def test_a_shared_form_does_not_replace_words_where_one_neighbour_places_the_unit() -> None:
    # the pair after the hole is elsewhere in the translation: one-sided, the floor holds
    result = _result([LESS, MAN_PN], [SAY[0]], [SAY[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [LESS[1], SAY[1], HEADING[1], MAN_PN[1]], SCORER) == 0


def test_same_form_is_a_colon_a_question_parentheses_or_two_headings() -> None:
    assert raw_neighbours.same_form(*SAY) and raw_neighbours.same_form(*NOTES)
    assert raw_neighbours.same_form(Unit("Warum?", "1", "body"), Unit("Why?", "1", "body"))
    assert raw_neighbours.same_form(
        Unit("(Führen Sie dies nur bei einem nicht eingebundenen Dateisystem durch.)", "1", "body"), Unit("(Do this on the unmounted filesystem.)", "1", "item")
    )
    assert not raw_neighbours.same_form(*FLAME)  # a plain sentence: see test_no_pair_that_shares_nothing_whatever_its_place
    assert not raw_neighbours.same_form(Unit("Mit anderen Worten:", "1", "body"), Unit("That is it.", "1", "body"))
    assert not raw_neighbours.same_form(Unit("RÜCKGABEWERT", "1", "heading"), Unit("EXIT STATUS", "1", "body"))


def test_a_word_shared_up_to_an_english_ending_counts_where_pairs_on_both_sides_hold_the_unit() -> None:
    """man-man, PDF-like: 'Cat-Dateien' has the sense 'files', the translation says 'file'; the
    scorer's keys ('files' / 'file') miss it."""
    ding = Dictionary({"cat-dateien": ("files",), "erstellt": ("created",), "vorgabe": ("default",)})
    scorer = LexicalScorer("de", "en", ding)
    cat = (Unit("Es werden keine Cat-Dateien erstellt.", "579-580", "body"), Unit("No cat file is produced.", "341", "body"))
    assert scorer.fit([cat[0].text], [cat[1].text]).sim(0, 1, 0, 1) == 0.0
    assert raw_neighbours.inflected_share(cat[0].text, cat[1].text, scorer)
    assert not raw_neighbours.inflected_share(cat[0].text, "No page is shown.", scorer)
    result = _result([LESS, MAN_PN], [cat[0]], [cat[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [LESS[1], cat[1], MAN_PN[1]], scorer) == 1
    # one neighbour alone: the floor holds
    result = _result([LESS, MAN_PN], [cat[0]], [cat[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [LESS[1], cat[1], HEADING[1], MAN_PN[1]], scorer) == 0


def test_a_left_over_neighbour_across_a_block_seam_does_not_block_a_one_sided_offer(ding) -> None:  # noqa: ANN001
    # faq-support, PDF-like: a block ends on 'Auch zum Abmelden gibt es ein Formular.' (raw 144-145);
    # after a blank line the next raw block opens with the tail of a sentence cut elsewhere ('ging
    # dem WWW voraus.', left over): no sentence runs on from one to the other, so the written pair
    # before it places the sentence alone
    subscribe = (Unit("Sie können die Mailingliste auch abonnieren, indem Sie das Web-Formular benutzen.", "143-144", "body"), Unit("You can subscribe to mailing lists using the WWW form.", "82", "body"))
    unsubscribe = (Unit("Auch zum Abmelden gibt es ein Formular.", "144-145", "body"), Unit("You can also un-subscribe using a WWW form.", "82-83", "body"))
    tail = Unit("ging dem WWW voraus.", "147", "body")
    scorer = LexicalScorer("de", "en", ding)
    assert raw_neighbours.raw_neighbours(unsubscribe[0], [subscribe[0], unsubscribe[0], tail]) == (0, 2)
    result = _result([subscribe], [unsubscribe[0], tail], [unsubscribe[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [subscribe[1], unsubscribe[1]], scorer) == 1
    assert (unsubscribe[0].text, unsubscribe[1].text) in [(p.src[0].text, p.tgt[0].text) for p in result.pairs]
    # a left-over successor that may go on the sentence (capitalised, after a closed one) still blocks
    other = Unit("Die Softwarepakete »dwww« und »dhelp« erfassen eine Menge Dokumentation.", "147", "body")
    result = _result([subscribe], [unsubscribe[0], other], [unsubscribe[1]])
    assert raw_neighbours.pair_raw_sandwiches(result, [subscribe[1], unsubscribe[1]], scorer) == 0
    assert raw_neighbours._seam(unsubscribe[0], tail) and not raw_neighbours._seam(unsubscribe[0], other)
    assert raw_neighbours._seam(Unit("Es wurde von Richard Stallman entworfen und", "98", "body"), unsubscribe[0])


def test_a_run_held_on_both_sides_outranks_a_one_sided_offer_of_the_same_unit(monkeypatch) -> None:  # noqa: ANN001
    """apt-cache(8), PDF-like: once a left-over neighbour across a block seam no longer blocks one-
    sided offers, one such offer named a target unit of a run of three held on both sides, and the
    two competing dropped both; the run stands, the offer goes."""
    result = _result([LESS, MAN_PN], [OPTION[0], FLAME[0]], [OPTION[1]])
    monkeypatch.setattr(raw_neighbours, "_runs", lambda place: [[(OPTION[0], OPTION[1])]])
    monkeypatch.setattr(raw_neighbours, "_one_sided", lambda place: [(FLAME[0], OPTION[1])])
    assert raw_neighbours.pair_raw_sandwiches(result, [LESS[1], OPTION[1], MAN_PN[1]], SCORER) == 1
    assert (OPTION[0].text, OPTION[1].text) in [(p.src[0].text, p.tgt[0].text) for p in result.pairs]
