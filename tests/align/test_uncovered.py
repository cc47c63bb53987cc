"""A glued piece the translation does not cover (harness.align.uncovered). Inputs are pairs the
builder wrote on the PDF-like path of the held-out documents, with the few dictionary entries
their words need."""

from __future__ import annotations

from harness.align import uncovered as uc
from harness.align.dictionary import Dictionary
from harness.align.model import AlignedPair, Alignment, SetAside, Unit
from harness.align.pipeline import _unit
from harness.align.similarity import LexicalScorer
from harness.align.tracked import Tracked

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


def _body(*parts: tuple[str, int]) -> Unit:
    """A body unit whose text parts come from the given raw lines, built as the pipeline builds it."""
    return _unit(Tracked("".join(t for t, _ in parts), tuple(n for t, n in parts for _ in t)), "body")


def _trim(src: Unit, tgt: str) -> Alignment:
    result = Alignment([AlignedPair((src,), (Unit(tgt, "5", "body"),), "body", 0.6)])
    uc.trim_uncovered(result, Dictionary(WORDS), ("de", "en"))
    return result


def test_a_clause_glued_after_a_colon_is_set_aside_with_its_own_lines() -> None:
    src = _body(
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


def test_a_piece_glued_at_a_seam_before_the_sentence_is_set_aside() -> None:
    # the builder joined the end of one block (line 40) to a sentence from elsewhere (line 71)
    src = _body(
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
    src = _body(("Das soll hierzu genügen; die aktuellen Einstellungen funktionieren für mein LAN.", 3))
    tgt = "So far, the current settings serve well even for my LAN."
    keys = COVERAGE.keys(tgt, "tgt")
    left = len(COVERAGE.words(tgt, "tgt")) - COVERAGE.covered(tgt, "tgt", COVERAGE.keys(src.text, "src"))
    assert left == 5  # far, serve, well, even, my
    assert uc.uncovered_ends([src], "src", keys, left, COVERAGE, None) is None
    assert uc.uncovered_ends([src], "src", keys, 0, COVERAGE, None) == (len("Das soll hierzu genügen;"), len(src.text))
    assert _trim(src, tgt).pairs[0].src == (src,)


def test_a_rest_that_cannot_stand_alone_sets_the_whole_pair_aside() -> None:
    # cut after the colon, the covered rest opens in lower case where the English opens a sentence
    src = _body(("Tabellen und Listen werden gezeigt: die aktuellen Einstellungen für das LAN.", 8))
    result = _trim(src, "The current settings for the LAN.")
    assert result.pairs == []
    assert [(a.side, a.unit.text, a.reason) for a in result.unaligned] == [
        ("src", src.text, "body: a piece the other side does not cover, and the rest cannot stand alone"),
        ("tgt", "The current settings for the LAN.", "body: a piece the other side does not cover, and the rest cannot stand alone"),
    ]


def test_no_dictionary_no_trimming() -> None:
    src = _body(("Die Syntax kann so zusammengefasst werden: Seine bedingten Argumente werden ausgewertet.", 1))
    result = Alignment([AlignedPair((src,), (Unit("Basic syntax of find(1).", "5", "body"),), "body", 0.6)])
    uc.trim_uncovered(result, None, ("de", "en"))
    assert result.pairs[0].src == (src,) and result.unaligned == []


def test_the_translation_side_is_trimmed_too() -> None:
    """apt-cache(8) on the PDF-like path: the English item label carries the option name that
    follows it in the manual; the German label is alone."""
    src = _body(("Konfigurationselement:", 12))
    tgt = _unit(Tracked("Configuration Item: APT::Cache::Installed.", (30,) * 20 + (31,) * 22), "body")
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
    src = _body(
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
    src = _body(
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
    src = _body(
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
    src = _body(
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


def test_a_line_glued_after_an_example_line_without_a_stop_is_cut_at_its_line_opening() -> None:
    """KiCad Pl_Editor on the two-column PDF path: an example line (148, no stop, as in the
    translation) and the next paragraph's first line (149) were read as one unit; no stop, colon
    or sentence opener parts them ('Benutzer' is a noun), only the line break."""
    src = _body(('"Größe: %Z" zeigt "Größe: A4" oder "Größe: USLetter" ', 148), ("Benutzer Ansichtsmodus: Button aktiviert.", 149))
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
    src = _body(("Es werden Ihnen jetzt die in Frage kommenden ", 989), ("Pfade angezeigt.", 990))
    result = _trim(src, "Then you will be prompted with candidate paths.")
    assert [(u.text, u.lines) for u in result.pairs[0].src] == [("Es werden Ihnen jetzt die in Frage kommenden Pfade angezeigt.", "989-990")]
    assert result.unaligned == []


def test_line_openings_and_the_places_a_glued_piece_may_end() -> None:
    src = _body(('"Größe: %Z" zeigt "Größe: A4" oder ', 148), ('"Größe: USLetter" ', 149), ("Benutzer Ansichtsmodus: (Button ", 150), ("Aktiviert).", 151))
    text = src.text
    # a line opening in a quotation mark or inside a parenthesis is none
    assert [text[k:] for k in uc.line_openings((src,))] == ["Benutzer Ansichtsmodus: (Button Aktiviert)."]
    k = text.index("Benutzer")
    heads, tails = uc.glued_piece_places(text, [3], [k])
    assert (heads, tails) == ([3], [3, k])  # 9 words before it, 4 after: only a tail may end there
    assert uc.glued_piece_places(text, [], [text.index("Ansichtsmodus")]) == ([], [text.index("Ansichtsmodus")])
