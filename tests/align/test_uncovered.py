"""A glued piece the translation does not cover (harness.align.uncovered). Inputs are pairs the
builder wrote on the PDF-like path of the held-out documents, with the few dictionary entries
their words need."""

from __future__ import annotations

from harness.align import uncovered as uc
from harness.align.dictionary import Dictionary
from harness.align.model import AlignedPair, Alignment, SetAside, Unit
from harness.align.pipeline import tracked_unit
from harness.align.similarity import LexicalScorer
from harness.align.tracked import Tracked

from tests.align.units import body

WORDS = {
    "grundsätzliche": ("basic",),
    "folgt": ("follows", "following"),
    "zusammengefasst": ("summarized",),
    "aktuellen": ("current",),
    "einstellungen": ("settings",),
    "verwendung": ("use",),
    "virtualisierten": ("virtualized",),
    "systems": ("system",),
    "ermöglicht": ("enables",),
    "instanzen": ("instances",),
    "gleichzeitig": ("simultaneously",),
    "mehrere": ("multiple", "several"),
    "laufen": ("run",),
}
COVERAGE = uc.Coverage(Dictionary(WORDS), "de", "en")



def _trim(src: Unit, tgt: str) -> Alignment:
    result = Alignment([AlignedPair((src,), (Unit(tgt, "5", "body"),), "body", 0.6)])
    uc.trim_uncovered(result, Dictionary(WORDS), ("de", "en"))
    return result


def test_a_clause_glued_after_a_colon_is_set_aside_with_its_own_lines() -> None:
    src = body(
        ("Die grundsätzliche Syntax von find(1) kann wie ", 10),
        ("folgt zusammengefasst werden: Seine bedingten ", 11),
        ("Argumente werden von links nach rechts ausgewertet.", 12),
    )
    result = _trim(src, "Basic syntax of find(1) can be summarized as the following.")
    [pair] = result.pairs
    assert [(u.text, u.lines) for u in pair.src] == [("Die grundsätzliche Syntax von find(1) kann wie folgt zusammengefasst werden:", "10-11")]
    assert [(a.side, a.unit.text, a.unit.lines) for a in result.unaligned] == [
        ("src", "Seine bedingten Argumente werden von links nach rechts ausgewertet.", "11-12")
    ]
    assert result.unaligned[0].reason.startswith("body: the translation does not cover it")
    assert not result.unaligned[0].whole  # a piece: raw_neighbours never places it


def test_a_piece_glued_at_a_seam_before_the_sentence_is_set_aside() -> None:
    # the builder joined the end of one block (line 40) to a sentence from elsewhere (line 71)
    src = body(
        ("Firmware-Pakete, die Daten enthalten, welche ", 40),
        ("Die Verwendung eines virtualisierten Systems ermöglicht es uns, mehrere Instanzen ", 71),
        ("gleichzeitig laufen zu lassen.", 72),
    )
    assert src.seams == (len("Firmware-Pakete, die Daten enthalten, welche "),)
    result = _trim(src, "Use of virtualized system enables us to run multiple instances simultaneously.")
    [pair] = result.pairs
    assert [(u.text, u.lines, u.seams) for u in pair.src] == [
        ("Die Verwendung eines virtualisierten Systems ermöglicht es uns, mehrere Instanzen gleichzeitig laufen zu lassen.", "71-72", ())
    ]
    assert [(a.unit.text, a.unit.lines) for a in result.unaligned] == [("Firmware-Pakete, die Daten enthalten, welche", "40")]


def test_a_loose_translation_keeps_its_clause() -> None:
    """The English renders 'Das soll hierzu genügen' as 'So far' and has words of its own the
    German does not cover ('serve well even'): the German clause may be their translation."""
    src = body(("Das soll hierzu genügen; die aktuellen Einstellungen funktionieren für mein LAN.", 3))
    tgt = "So far, the current settings serve well even for my LAN."
    keys = COVERAGE.keys(tgt, "tgt")
    left = len(COVERAGE.words(tgt, "tgt")) - COVERAGE.covered(tgt, "tgt", COVERAGE.keys(src.text, "src"))
    assert left == 5  # far, serve, well, even, my
    assert uc.uncovered_ends([src], "src", keys, left, COVERAGE, None) is None
    assert uc.uncovered_ends([src], "src", keys, 0, COVERAGE, None) == (len("Das soll hierzu genügen;"), len(src.text))
    assert _trim(src, tgt).pairs[0].src == (src,)


def test_a_rest_that_cannot_stand_alone_sets_the_whole_pair_aside() -> None:
    # cut after the colon, the covered rest opens in lower case where the English opens a sentence
    src = body(("Tabellen und Listen werden gezeigt: die aktuellen Einstellungen für das LAN.", 8))
    result = _trim(src, "The current settings for the LAN.")
    assert result.pairs == []
    assert [(a.side, a.unit.text, a.reason) for a in result.unaligned] == [
        ("src", src.text, "body: a piece the other side does not cover, and the rest cannot stand alone"),
        ("tgt", "The current settings for the LAN.", "body: a piece the other side does not cover, and the rest cannot stand alone"),
    ]


def test_no_dictionary_no_trimming() -> None:
    src = body(("Die Syntax kann so zusammengefasst werden: Seine bedingten Argumente werden ausgewertet.", 1))
    result = Alignment([AlignedPair((src,), (Unit("Basic syntax of find(1).", "5", "body"),), "body", 0.6)])
    uc.trim_uncovered(result, None, ("de", "en"))
    assert result.pairs[0].src == (src,) and result.unaligned == []


def test_the_translation_side_is_trimmed_too() -> None:
    """apt-cache(8) on the PDF-like path: the English item label carries the option name that
    follows it in the manual; the German label is alone."""
    src = body(("Konfigurationselement:", 12))
    tgt = tracked_unit(Tracked("Configuration Item: APT::Cache::Installed.", (30,) * 20 + (31,) * 22), "body")
    result = Alignment([AlignedPair((src,), (tgt,), "body", 0.67)])
    uc.trim_uncovered(result, Dictionary({**WORDS, "konfigurationselement": ("configuration item",)}), ("de", "en"))
    [pair] = result.pairs
    assert (pair.src, [(u.text, u.lines) for u in pair.tgt]) == ((src,), [("Configuration Item:", "30")])
    assert [(a.side, a.unit.text, a.unit.lines) for a in result.unaligned] == [("tgt", "APT::Cache::Installed.", "31")]
    assert result.unaligned[0].reason.startswith("body: the source does not cover it")


# apt_preferences(5) on the PDF-like path: the next list item is glued to the sentence that
# introduces it; the English item is left over. The piece shares 'line' with the pair's English.
HOME_WORDS = {
    "wert": ("value",),
    "einstellungsdatei": ("preferences file",),
    "anzugeben": ("specify", "specifying"),
    "zeile": ("line",),
    "folgende": ("following",),
    "benötigen": ("require", "need"),
}
INTRO = "Specifying this value in the APT preferences file would require the line:"


def _rehome(src: Unit) -> Alignment:
    tgt, home = Unit(INTRO, "273", "body"), Unit("the Codename: line", "275", "body")
    result = Alignment([AlignedPair((src,), (tgt,), "body", 0.533)], [SetAside("tgt", home, "body: no counterpart")])
    uc.rehome_pieces(result, LexicalScorer("de", "en", Dictionary(HOME_WORDS)), ("de", "en"))
    return result


def test_a_glued_item_goes_to_its_left_over_translation() -> None:
    src = body(
        ("Diesen Wert in der ", 421),
        ("APT-Einstellungsdatei anzugeben würde die ", 422),
        ("folgende Zeile benötigen: ", 423),
        ("die Codename:-Zeile", 424),
    )
    result = _rehome(src)
    assert [([(u.text, u.lines) for u in p.src], [u.text for u in p.tgt], p.score) for p in result.pairs] == [
        ([("Diesen Wert in der APT-Einstellungsdatei anzugeben würde die folgende Zeile benötigen:", "421-423")], [INTRO], 0.533),
        ([("die Codename:-Zeile", "424")], ["the Codename: line"], 1.0),
    ]
    assert result.unaligned == []


def test_a_piece_on_the_same_raw_line_is_not_cut() -> None:
    """The same words with the item written on the line of the sentence: the document put them
    together, so they stay one unit whatever the translation made of them."""
    src = body(
        ("Diesen Wert in der ", 421),
        ("APT-Einstellungsdatei anzugeben würde die ", 422),
        ("folgende Zeile benötigen: die Codename:-Zeile", 423),
    )
    assert not uc.between_lines([src], len("Diesen Wert in der APT-Einstellungsdatei anzugeben würde die folgende Zeile benötigen:"))
    assert uc.between_lines([src], len("Diesen Wert in der"))
    result = _rehome(src)
    assert [p.src for p in result.pairs] == [(src,)] and [a.unit.text for a in result.unaligned] == ["the Codename: line"]


def test_the_rest_may_lose_the_one_word_the_piece_shared() -> None:
    """apt_preferences(5): the glued item 'die Origin:-Zeile' shares 'line' with the English
    sentence; the rest says 'Zeilen' ('rows' in this dictionary), so it loses that word: 0.533 for
    the whole, 0.462 for the rest, within ONE_WORD."""
    src = body(
        ("APT-Einstellungsdatei anzugeben würde die ", 489),
        ("folgende Zeilen benötigen: ", 490),
        ("die Origin:-Zeile", 492),
    )
    tgt, home = Unit("Specifying this component in the APT preferences file would require the line:", "283", "body"), Unit("the Origin: line", "279", "body")
    result = Alignment([AlignedPair((src,), (tgt,), "body", 0.4)], [SetAside("tgt", home, "body: no counterpart")])
    assert uc.rehome_pieces(result, LexicalScorer("de", "en", Dictionary({**HOME_WORDS, "zeilen": ("rows",)})), ("de", "en")) == 1
    assert [([(u.text, u.lines) for u in p.src], p.tgt) for p in result.pairs] == [
        ([("die Origin:-Zeile", "492")], (home,)),
        ([("APT-Einstellungsdatei anzugeben würde die folgende Zeilen benötigen:", "489-490")], (tgt,)),
    ]


def test_no_cut_inside_a_quotation_or_parenthesis() -> None:
    assert uc.inside_quote("benennt das Archiv, zu dem alle Pakete im Verzeichnisbaum gehören. Die Zeile »Archive:")
    assert not uc.inside_quote("Die Zeile »Archive: stable« oder »Suite: stable« gibt zum Beispiel an:")
    assert uc.inside_quote('Löschen Sie alles (siehe "Datei:')
    assert uc.inside_quote("Sie sollten „Folgendes:")
    assert not uc.inside_quote("see Section 9.7.3, “Mounting the disk image”:")
    assert not uc.inside_quote("die Datei \"/etc/terminfo//\" (terminfo(5));")


def test_a_caption_keeps_its_pair_when_the_sentence_after_it_has_a_home() -> None:
    """Debian Reference ch. 5 on the PDF-like path: a table caption (lines 229-230) is joined to
    the sentence after the table (232-233); the rest is a caption without a stop, as the English
    it pairs with is."""
    src = body(
        ("Tabelle 5.3. Gegenüberstellung von net-tools- und ", 229),
        ("iproute2-Befehlen ", 230),
        ("Lesen Sie ip(8) und das IPROUTE2 ", 232),
        ("Utility Suite Howto.", 233),
    )
    caption = Unit("Table 5.3. Translation table from obsolete net-tools commands to new iproute2 commands", "160-161", "body")
    home = Unit("See ip(8) and IPROUTE2 Utility Suite Howto.", "163", "body")
    result = Alignment([AlignedPair((src,), (caption,), "body", 0.545)], [SetAside("tgt", home, "body: no counterpart")])
    words = {"tabelle": ("table",), "befehlen": ("commands",), "lesen": ("read", "see"), "gegenüberstellung": ("comparison",)}
    assert uc.rehome_pieces(result, LexicalScorer("de", "en", Dictionary(words)), ("de", "en")) == 1
    assert [([(u.text, u.lines) for u in p.src], p.tgt) for p in result.pairs] == [
        ([("Tabelle 5.3. Gegenüberstellung von net-tools- und iproute2-Befehlen", "229-230")], (caption,)),
        ([("Lesen Sie ip(8) und das IPROUTE2 Utility Suite Howto.", "232-233")], (home,)),
    ]


def _rehome_one(src: Unit, tgt: Unit, home: Unit, words: dict[str, tuple[str, ...]], score: float) -> tuple[Alignment, int]:
    """One written pair and one left-over target unit, after rehome_pieces (and its count)."""
    result = Alignment([AlignedPair((src,), (tgt,), "body", score)], [SetAside("tgt", home, "body: no counterpart")])
    return result, uc.rehome_pieces(result, LexicalScorer("de", "en", Dictionary(words)), ("de", "en"))


LINE_WORDS = {
    "zeile": ("line",),
    "benennt": ("names",),
    "lizenzierungsbestandteil": ("licensing component",),
    "paketen": ("packages",),
    "verzeichnisbaum": ("directory tree",),
    "zugeordnet": ("associated",),
    "tabelle": ("table",),
    "liste": ("list",),
    "datensicherungsprogrammen": ("backup utilities",),
    "datensicherungs-werkzeuge": ("backup tools",),
    "fokus": ("focus",),
}


def test_a_term_run_into_its_definition_at_a_line_break_goes_to_its_translation() -> None:
    """apt_preferences(5) on the PDF-like path: the term line 'die Component:-Zeile' (479) and its
    definition (480-482) run together with no blank line and no stop between them, so only the
    raw line break parts them; the left-over 'the Component: line' is the term's clear home."""
    src = body(
        ("die Component:-Zeile ", 479),
        ("benennt den Lizenzierungsbestandteil, die den ", 480),
        ("Paketen im Verzeichnisbaum der Release-Datei ", 481),
        ("zugeordnet ist.", 482),
    )
    tgt = Unit("names the licensing component associated with the packages in the directory tree of the Release file.", "285-286", "body")
    home = Unit("the Component: line", "284", "body")
    result, cut = _rehome_one(src, tgt, home, LINE_WORDS, 0.941)
    assert cut == 1
    assert uc.line_breaks([src]) == [len(t) for t in ("die Component:-Zeile ", "die Component:-Zeile benennt den Lizenzierungsbestandteil, die den ",
                                                       "die Component:-Zeile benennt den Lizenzierungsbestandteil, die den Paketen im Verzeichnisbaum der Release-Datei ")]
    assert [([(u.text, u.lines) for u in p.src], p.tgt) for p in result.pairs] == [
        ([("die Component:-Zeile", "479")], (home,)),
        ([("benennt den Lizenzierungsbestandteil, die den Paketen im Verzeichnisbaum der Release-Datei zugeordnet ist.", "480-482")], (tgt,)),
    ]
    assert result.unaligned == []


def test_a_caption_run_into_the_sentence_below_it_goes_to_its_translation() -> None:
    """Debian Reference ch. 10 on the PDF-like path: a table caption (535-536, its last word broken
    at a hyphen) runs into the sentence below it (537-538); the caption's translation is left over."""
    src = body(
        ("Tabelle 10.5. Liste von Datensicherungsprog", 535),
        ("rammen ", 536),
        ("Datensicherungs-Werkzeuge haben alle ihren ", 537),
        ("speziellen Fokus:", 538),
    )
    tgt = Unit("Backup tools have their specialized focuses.", "311", "body")
    home = Unit("Table 10.5. List of backup suite utilities", "307", "body")
    assert uc.line_breaks([src])[0] == len("Tabelle 10.5. Liste von Datensicherungsprogrammen ")  # not inside the broken word
    result, cut = _rehome_one(src, tgt, home, LINE_WORDS, 0.615)
    assert cut == 1
    assert [([(u.text, u.lines) for u in p.src], p.tgt) for p in result.pairs] == [
        ([("Datensicherungs-Werkzeuge haben alle ihren speziellen Fokus:", "537-538")], (tgt,)),
    ]
    # the one written pair, glued piece and all, is this test's whole length ratio, and the caption's
    # lengths do not fit it (recovery.out_of_order_pair): set aside; in a build late_recovery pairs it
    assert [(a.side, a.unit.text, a.unit.lines) for a in result.unaligned] == [
        ("tgt", "Table 10.5. List of backup suite utilities", "307"),
        ("src", "Tabelle 10.5. Liste von Datensicherungsprogrammen", "535-536"),
    ]


def test_glued_sentence_pieces_are_not_cut_at_line_breaks() -> None:
    """Only rehome_pieces cuts at any raw line break: its evidence is a home elsewhere. A German
    noun capitalised at a line start reads as a sentence opening, so glued_sentence's test of a
    whole sentence would take the lines of one sentence for a sentence glued on."""
    src = body(("Bedürfnissen des Erstellers. Es ist für einen ", 97), ("Einzelnen oder eine kleine Gruppe sehr ", 98), ("schwierig.", 99))
    pair = AlignedPair((src,), (Unit("It is very difficult.", "90", "body"),), "body", 0.4)
    starts = {piece[0] for piece, _ in uc.piece_cuts(pair, "src", None, "de")}
    assert len("Bedürfnissen des Erstellers. Es ist für einen ") not in starts
    assert len("Bedürfnissen des Erstellers. Es ist für einen ") in {piece[0] for piece, _ in uc.piece_cuts(pair, "src", None, "de", at_lines=True)}


MANIFESTO_WORDS = {
    "anstatt": ("rather than", "instead"),
    "andere": ("other",),
    "linux-distributionen": ("linux distributions",),
    "vergangenheit": ("past",),
    "einzelnen": ("individual", "single"),
    "isolierten": ("isolated",),
    "person": ("person", "individual"),
    "gruppe": ("group",),
    "entwickelt": ("developed",),
    "wertvolle": ("valuable",),
    "vorschläge": ("suggestions",),
    "verbesserungen": ("improvements", "improvement"),
    "entwicklung": ("development",),
    "distribution": ("distribution",),
    "aufgenommen": ("incorporated",),
    "wünschen": ("wants",),
    "bedürfnissen": ("needs",),
    "nutzer": ("users",),
    "erstellers": ("constructor",),
}


def test_a_pair_whose_glued_head_has_a_better_home_is_set_aside_when_the_rest_is_a_fragment() -> None:
    """The Debian manifesto on the PDF-like path: a block cut after 'wird Debian vielmehr' (line 90)
    runs into another block's cut sentence ('wertvolle Vorschläge …', line 91) with no blank line
    between them. The written pair is the second sentence's translation; the head's translation is
    left over and is its clear home. The rest opens in lower case against a whole English sentence,
    so it cannot be written alone: the pair is set aside, the home stays left over."""
    src = body(
        ("Anstatt wie andere ", 87),
        ("Linux-Distributionen in der Vergangenheit von ", 88),
        ("einer einzelnen isolierten Person oder Gruppe ", 89),
        ("entwickelt zu werden, wird Debian vielmehr ", 90),
        ("wertvolle Vorschläge für Verbesserungen während ", 91),
        ("der Entwicklung der Distribution aufgenommen ", 92),
        ("und umgesetzt werden können; dadurch ", 93),
        ("wird eine Distribution erstellt, die sich an ", 94),
        ("den Wünschen und Bedürfnissen ihrer Nutzer ", 95),
        ("orientiert anstatt an den Wünschen und ", 96),
        ("Bedürfnissen des Erstellers.", 97),
    )
    tgt = Unit(
        "Involving others also ensures that valuable suggestions for improvement can be incorporated into the distribution during its "
        "development; thus, a distribution is created based on the needs and wants of the users rather than the needs and wants of the constructor.",
        "79-83", "body",
    )
    home = Unit(
        "Rather than being developed by one isolated individual or group, as other distributions of Linux have been developed in the "
        "past, Debian is being developed openly in the spirit of Linux and GNU.",
        "9-12", "body",
    )
    result, _ = _rehome_one(src, tgt, home, MANIFESTO_WORDS, 0.591)
    assert result.pairs == []
    assert [(a.side, a.unit.lines) for a in result.unaligned] == [("tgt", "9-12"), ("src", "87-97"), ("tgt", "79-83")]
    assert result.unaligned[1].reason.startswith("body: a piece of it has a clearly better home ('Rather than being developed")
    assert [a.whole for a in result.unaligned] == [True, False, False]


def test_a_right_pair_keeps_its_lines_when_no_piece_has_a_home() -> None:
    """The same pair with the head's translation written elsewhere (nothing left over to be a
    home): no cut at any line break."""
    src = body(("wertvolle Vorschläge für Verbesserungen während ", 91), ("der Entwicklung der Distribution aufgenommen.", 92))
    tgt = Unit("valuable suggestions for improvement can be incorporated into the distribution during its development.", "80-81", "body")
    result = Alignment([AlignedPair((src,), (tgt,), "body", 0.8)])
    assert uc.rehome_pieces(result, LexicalScorer("de", "en", Dictionary(MANIFESTO_WORDS)), ("de", "en")) == 0
    assert [p.src for p in result.pairs] == [(src,)] and result.unaligned == []


POLICY_WORDS = {
    "wichtigste": ("most important",),
    "anforderungen": ("requirements",),
    "beschreibt": ("describes",),
    "paket": ("package",),
    "erfüllen": ("satisfy", "fulfil"),
    "distribution": ("distribution",),
    "aufgenommen": ("included",),
    "lesen": ("read", "see"),
    "lokalen": ("local",),
    "kopien": ("copies",),
}


def _policy(home_lines: str) -> Alignment:
    """maint-guide on the web path: the translator made the German closing parenthesis a sentence
    of its own, which the alignment left over (at `home_lines`)."""
    src = body(
        ("Das Wichtigste für Sie ist, dass es die Anforderungen beschreibt, die ", 216),
        ("ein Paket erfüllen muss, um in die Distribution aufgenommen zu werden ", 217),
        ("(lesen Sie die lokalen Kopien /usr/share/doc/debian-policy/policy.pdf.gz ", 218),
        ("und /usr/share/doc/debian-policy/fhs/fhs-3.0.pdf.gz).", 219),
    )
    tgt = Unit("For you, the most important thing is that it describes requirements that each package must satisfy to be included in the distribution.", "206-208", "item")
    home = Unit("(See the local copies of /usr/share/doc/debian-policy/policy.pdf.gz and /usr/share/doc/debian-policy/fhs/fhs-3.0.pdf.gz.)", home_lines, "item")
    result, _ = _rehome_one(src, tgt, home, POLICY_WORDS, 0.6)
    return result


def test_a_home_next_to_the_translation_is_a_sentence_the_translator_split_off() -> None:
    """The rest ('… aufgenommen zu werden') ends no sentence where the English does, so it cannot be
    written alone; the home lies right below the English side of the pair: the translation split
    the sentence, the pair is right as a whole and stays."""
    result = _policy("208-210")
    assert [(p.src[0].lines, p.tgt[0].lines) for p in result.pairs] == [("216-219", "206-208")]
    assert [a.unit.lines for a in result.unaligned] == ["208-210"]


def test_a_home_far_from_the_translation_sets_the_pair_aside() -> None:
    """The same piece with its home elsewhere in the document: the piece belongs there, the rest
    cannot stand alone, and the pair is set aside."""
    result = _policy("30-32")
    assert result.pairs == []
    assert [(a.side, a.unit.lines) for a in result.unaligned] == [("tgt", "30-32"), ("src", "216-219"), ("tgt", "206-208")]


STATUS_WORDS = {
    "gewünschte": ("desired",),
    "aktion": ("action",),
    "unbekannt": ("unknown",),
    "installieren": ("install",),
    "halten": ("hold",),
    "entfernen": ("remove",),  # no entry for 'endgültig löschen': the first line alone matches 'Desired action …' best
    "paketstatus": ("package status",),
    "entpackt": ("unpacked",),
    "halb-konfiguriert": ("half-configured",),
}


def test_of_a_pairs_cuts_one_whose_rest_stands_alone_goes_first() -> None:
    """dpkg-query(1) on the web path: two list items (35-36, 38-40) in one 2-1 bead against the
    second item's translation. The piece 'Gewünschte Aktion: … p =' cut at the line break inside
    the first item matches its home best, but leaves the rest 'endgültig löschen Paketstatus: …',
    which opens in lower case; the cut between the items leaves a rest that stands alone."""
    first = body(("Gewünschte Aktion: u= unbekannt i = Installieren h = halten r = entfernen p = ", 35), ("endgültig löschen", 36))
    second = body(
        ("Paketstatus: n = nicht-installiert c = Config-Dateien H = halb-installiert U = ", 38),
        ("entpackt F = halb-konfiguriert W = Trigger-erwartend t = Trigger-anhängig i = ", 39),
        ("installiert", 40),
    )
    tgt = Unit(
        "Package status: n = Not-installed c = Config-files H = Half-installed U = Unpacked F = Half-configured W = Triggers-awaiting "
        "t = Triggers-pending i = Installed", "36-38", "body",
    )
    home = Unit("Desired action: u = Unknown i = Install h = Hold r = Remove p = Purge", "34", "body")
    result = Alignment([AlignedPair((first, second), (tgt,), "body", 0.7)], [SetAside("tgt", home, "body: no counterpart")])
    assert uc.rehome_pieces(result, LexicalScorer("de", "en", Dictionary(STATUS_WORDS)), ("de", "en")) == 1
    assert sorted((p.src[0].lines, p.tgt[0].lines) for p in result.pairs) == [("35-36", "34"), ("38-40", "36-38")]


def test_a_line_glued_after_an_example_line_without_a_stop_is_cut_at_its_line_opening() -> None:
    """KiCad Pl_Editor on the two-column PDF path: an example line (148, no stop, as in the
    translation) and the next paragraph's first line (149) were read as one unit; no stop, colon
    or sentence opener parts them ('Benutzer' is a noun), only the line break."""
    src = body(('"Größe: %Z" zeigt "Größe: A4" oder "Größe: USLetter" ', 148), ("Benutzer Ansichtsmodus: Button aktiviert.", 149))
    words = {"größe": ("size",), "zeigt": ("displays", "shows")}
    result = Alignment([AlignedPair((src,), (Unit('"Size: %Z" displays "Size: A4" or "Size: USLetter"', "132", "heading"),), "heading", 0.714)])
    uc.trim_uncovered(result, Dictionary(words), ("de", "en"))
    [pair] = result.pairs
    assert [(u.text, u.lines) for u in pair.src] == [('"Größe: %Z" zeigt "Größe: A4" oder "Größe: USLetter"', "148")]
    assert [(a.side, a.unit.text, a.unit.lines) for a in result.unaligned] == [("src", "Benutzer Ansichtsmodus: Button aktiviert.", "149")]


def test_no_cut_at_a_line_opening_that_leaves_the_smaller_part() -> None:
    """Debian Reference ch. 9 (scrambled path): 'Pfade' opens line 990 in upper case as any
    German noun does; the words before it are most of the sentence, rendered in other terms
    ('prompted'), not a glued line."""
    src = body(("Es werden Ihnen jetzt die in Frage kommenden ", 989), ("Pfade angezeigt.", 990))
    result = _trim(src, "Then you will be prompted with candidate paths.")
    assert [(u.text, u.lines) for u in result.pairs[0].src] == [("Es werden Ihnen jetzt die in Frage kommenden Pfade angezeigt.", "989-990")]
    assert result.unaligned == []


def test_line_openings_and_the_places_a_glued_piece_may_end() -> None:
    src = body(('"Größe: %Z" zeigt "Größe: A4" oder ', 148), ('"Größe: USLetter" ', 149), ("Benutzer Ansichtsmodus: (Button ", 150), ("Aktiviert).", 151))
    text = src.text
    # a line opening in a quotation mark or inside a parenthesis is none
    assert [text[k:] for k in uc.line_openings((src,))] == ["Benutzer Ansichtsmodus: (Button Aktiviert)."]
    k = text.index("Benutzer")
    heads, tails = uc.glued_piece_places(text, [3], [k])
    assert (heads, tails) == ([3], [3, k])  # 9 words before it, 4 after: only a tail may end there
    assert uc.glued_piece_places(text, [], [text.index("Ansichtsmodus")]) == ([], [text.index("Ansichtsmodus")])


DAEMON_WORDS = {
    "falls": ("if",),
    "solcher": ("such",),
    "prozess": ("process",),
    "existiert": ("exists", "exist"),
    "sendet": ("sends",),
    "angegebene": ("specified",),
    "angegeben": ("specified",),
    "signal": ("signal",),
    "beendet": ("exits", "terminated"),
    "fehlerstatus": ("error status",),
    "kein": ("not",),
    "überprüfen": ("check",),
}


def test_a_glued_sentence_is_cut_at_its_stop_and_a_piece_ending_mid_sentence_is_no_whole() -> None:
    """start-stop-daemon(8) on the PDF-like path: the German of two English sentences, with the
    sentence before them glued on (30-33). The cut goes at that sentence's stop, not at a bare line
    break inside the next sentence. In the whole document (its scorer fitted on all its pairs) the
    line break after '… dann beendet sich' gave the piece that matched the left-over 'If such a
    process exists, …' best, and two pairs each wrong in half were written; a piece cut at a bare
    line break must now end its sentence where its home ends one, and this one ends mid-sentence."""
    first = body(("Falls ein solcher Prozess existiert, ", 30), ("dann sendet start-stop-daemon das durch ", 31),
                  ("--signal angegebene Signal und beendet sich ", 32), ("mit Fehlerstatus 0.", 33))
    second = body(("Falls kein solcher Prozess existiert, dann beendet sich ", 34), ("start-stop-daemon mit Fehlerstatus 1.", 35))
    third = body(("Falls --retry angegeben wurde, wird ", 1), ("start-stop-daemon überprüfen, ob der/die ", 2),
                  ("Prozess(e) beendet wurden.", 3))
    tgt = Unit("If such a process does not exist, start-stop-daemon exits with error status 1 (0 if --oknodo is specified). "
               "If --retry is specified, then start-stop-daemon will check that the process(es) have terminated.", "41-44", "body")
    home = Unit("If such a process exists, start-stop-daemon sends it the signal specified by --signal, and exits with error status 0.",
                "39-41", "body")
    result = Alignment([AlignedPair((first, second, third), (tgt,), "body", 0.6)], [SetAside("tgt", home, "body: no counterpart")])
    assert uc.rehome_pieces(result, LexicalScorer("de", "en", Dictionary(DAEMON_WORDS)), ("de", "en")) == 1
    assert sorted(([u.lines for u in p.src], p.tgt[0].lines) for p in result.pairs) == [(["30-33"], "39-41"), (["34-35", "1-3"], "41-44")]
    line_piece = first.text + " Falls kein solcher Prozess existiert, dann beendet sich"
    assert uc.closes_block(home.text) and not uc.closes_block(line_piece) and uc.closes_block(first.text)


# kicad-pl-editor on the PDF-like path: a list item without a stop ('Multi-Polygone (…)') runs into
# the next item's block ('Bitmap Grafiken.', after a blank line); the English items stand apart.
# Eleven written sentences name bitmaps or graphics, so the candidate index ranks the left-over
# 'Bitmaps.' below its first eight proposals.
BITMAP_PAIRS = (
    ("Der Titelblock und andere grafische Elemente werden hier Seitenlayout genannt.", "The title block and other graphic items are called the page layout."),
    ("Bitmap Grafiken um Logos zu platzieren.", "Bitmaps to place logos."),
    ("Texte, Multi-Polygone und Bitmap Grafiken werden durch eine Position definiert.", "Texts, poly-polygons and bitmaps are defined by a position."),
    ("Logos müssen zuerst mit Bitmap2Component umgewandelt werden.", "Logos must first be created by Bitmap2component."),
    ("Logos werden zuerst durch Bitmap2component erstellt.", "Logos are first created using Bitmap2component."),
    ("Bitmap2component erstellt eine Seitenlayoutbeschreibung.", "Bitmap2component creates a page layout description file."),
    ("Bitmap2component erstellt eine Datei mit einem Multi-Polygon.", "Bitmap2component creates a file which contains a poly-polygon."),
    ("10.5. Hinzufügen von Bitmap Grafiken", "10.5. Adding image bitmaps"),
    ("Sie können eine Bitmap Grafik hinzufügen.", "You can add an image bitmap."),
    ("Wenn eine Bitmap Grafik importiert wird, wird ihre Auflösung benutzt.", "When a bitmap is imported, its PPI definition is used."),
    ("Eine Bitmap Grafik kann wiederholt werden.", "A bitmap can be repeated."),
)
BITMAP_WORDS = {"grafiken": ("graphics", "graphic"), "grafik": ("graphic", "image"), "logos": ("logos",), "spezielle": ("special",)}


def _bitmap_items(last: tuple[str, int]) -> Alignment:
    glued = body(("Multi-Polygone (hauptsächlich um Logos und ", 34), ("spezielle Grafikformen platzieren zu können) ", 35), last)
    polygons = Unit("Poly-polygons (mainly to place logos and special graphic shapes)", "19", "item")
    others = [AlignedPair((Unit(de, str(60 + k), "body"),), (Unit(en, str(40 + k), "body"),), "body", 0.7) for k, (de, en) in enumerate(BITMAP_PAIRS)]
    home = Unit("Bitmaps.", "20", "item")
    return Alignment([AlignedPair((glued,), (polygons,), "item", 0.67), *others], [SetAside("tgt", home, "body: no counterpart in the source")])


def test_a_whole_glued_item_finds_its_home_past_the_sentences_that_share_its_words() -> None:
    result = _bitmap_items(("Bitmap Grafiken.", 37))
    scorer = LexicalScorer("de", "en", Dictionary(BITMAP_WORDS))
    assert uc.rehome_pieces(result, scorer, ("de", "en")) == 1
    first = result.pairs[0]
    assert ([(u.text, u.lines) for u in first.src], [u.text for u in first.tgt]) == (
        [("Multi-Polygone (hauptsächlich um Logos und spezielle Grafikformen platzieren zu können)", "34-35")],
        ["Poly-polygons (mainly to place logos and special graphic shapes)"],
    )
    # 'Bitmaps.' rests on one word: recover's terms leave it unpaired, the piece set aside
    assert [(a.side, a.unit.text) for a in result.unaligned] == [("tgt", "Bitmaps."), ("src", "Bitmap Grafiken.")]


def test_a_piece_cut_at_a_bare_line_break_keeps_the_first_proposals() -> None:
    """The same item on the line after the last one, no blank line between: a clause of a sentence
    as far as the cut knows, so the crowded index proposes no home and the pair stays."""
    result = _bitmap_items(("Bitmap Grafiken.", 36))
    assert uc.rehome_pieces(result, LexicalScorer("de", "en", Dictionary(BITMAP_WORDS)), ("de", "en")) == 0
    assert len(result.pairs) == len(BITMAP_PAIRS) + 1 and [a.unit.text for a in result.unaligned] == ["Bitmaps."]


MAN_DB_WORDS = {
    "konfigurationsdatei": ("configuration file",),
    "globale": ("global",),
    "handbuchhierarchie": ("manual page hierarchy",),
}


def _man_db(src: Unit) -> Alignment:
    """man(1)'s FILES table on the PDF-like path: two description cells run together, no blank line
    and no stop between them; the translation of the second (one raw line below the pair's English)
    was left over."""
    tgt = Unit("man-db configuration file.", "523", "body")
    home = Unit("A global manual page hierarchy.", "525", "body")
    result, _ = _rehome_one(src, tgt, home, MAN_DB_WORDS, 0.857)
    return result


def test_two_cells_run_together_next_to_their_translations_are_cut_apart() -> None:
    """The home lies next to the pair's English, as a sentence a translator split off would; but the
    piece shares no key with 'man-db configuration file.', and the rest is a whole unit but for a
    stop: two cells. The first keeps its translation; the second, opening in lower case against a
    capitalised home, is set aside here as a piece (the late recovery pairs it in a build)."""
    result = _man_db(body(("Konfigurationsdatei für Man-db ", 813), ("globale Handbuchhierarchie.", 814)))
    assert [([u.text for u in p.src], [u.text for u in p.tgt]) for p in result.pairs] == [(["Konfigurationsdatei für Man-db"], ["man-db configuration file."])]
    assert [(a.side, a.unit.text, a.whole) for a in result.unaligned] == [
        ("tgt", "A global manual page hierarchy.", True),
        ("src", "globale Handbuchhierarchie.", False),
    ]


def test_cells_run_together_only_where_the_piece_shares_no_key_and_the_rest_is_whole() -> None:
    """The parts of a sentence a translator split share a word with both halves (the policy case
    above: Dice 0.14 against its own English), and a rest that reads as a fragment is no cell."""
    assert uc._cells_run_together(0.0, True)
    assert not uc._cells_run_together(0.14, True)
    assert not uc._cells_run_together(0.0, False)
