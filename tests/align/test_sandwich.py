"""Order as evidence: sentences held in place by confident neighbours (harness.align.sandwich,
order.settled) and what they must not pair."""

from __future__ import annotations

from harness.align import blockmates, confidence, gaps, recovery, sandwich
from harness.align.dictionary import Dictionary
from harness.align.dp import Bead
from harness.align.model import AlignedPair, Alignment, SetAside, Unit
from harness.align.order import settled
from harness.align.pipeline import build
from harness.align.similarity import LexicalScorer
from tests.align.test_order import TableSim


def _any(_i: int, _j: int) -> bool:
    return True


def test_a_lone_leftover_on_each_side_between_two_pairs_becomes_one_bead() -> None:
    beads = [Bead(0, 1, 0, 1, 0.9), Bead(1, 1, 1, 0, 0.0), Bead(2, 0, 1, 1, 0.0), Bead(2, 1, 2, 1, 0.8)]
    out = sandwich.fill_gaps(beads, TableSim({(1, 1): 0.2}), _any)
    assert out == [Bead(0, 1, 0, 1, 0.9), Bead(1, 1, 1, 1, 0.2), Bead(2, 1, 2, 1, 0.8)]


def test_two_on_each_side_pair_in_order_and_uneven_gaps_stay() -> None:
    even = [Bead(0, 1, 0, 1, 0.9), Bead(1, 0, 1, 1, 0.0), Bead(1, 1, 2, 0, 0.0), Bead(2, 1, 2, 0, 0.0),
            Bead(3, 0, 2, 1, 0.0), Bead(3, 1, 3, 1, 0.8)]
    assert sandwich.fill_gaps(even, TableSim({}), _any)[1:3] == [Bead(1, 1, 1, 1, 0.0), Bead(2, 1, 2, 1, 0.0)]
    uneven = [Bead(0, 1, 0, 1, 0.9), Bead(1, 1, 1, 0, 0.0), Bead(2, 1, 1, 0, 0.0), Bead(3, 0, 1, 1, 0.0), Bead(3, 1, 2, 1, 0.8)]
    assert sandwich.fill_gaps(uneven, TableSim({}), _any) == uneven


def test_gaps_at_the_ends_or_across_roles_are_not_filled() -> None:
    start = [Bead(0, 1, 0, 0, 0.0), Bead(1, 0, 0, 1, 0.0), Bead(1, 1, 1, 1, 0.9)]
    assert sandwich.fill_gaps(start, TableSim({}), _any) == start
    middle = [Bead(0, 1, 0, 1, 0.9), Bead(1, 1, 1, 0, 0.0), Bead(2, 0, 1, 1, 0.0), Bead(2, 1, 2, 1, 0.8)]
    assert sandwich.fill_gaps(middle, TableSim({}), lambda i, j: False) == middle


def test_runs_are_numbered_only_between_accepted_pairs() -> None:
    beads = [Bead(0, 1, 0, 1, 0.9), Bead(1, 1, 1, 1, 0.1), Bead(2, 1, 2, 1, 0.9), Bead(3, 1, 3, 1, 0.1),
             Bead(4, 1, 4, 1, 0.1), Bead(5, 1, 5, 0, 0.0), Bead(6, 1, 5, 1, 0.9)]
    accepted = [True, False, True, False, False, False, True]
    # the second run ends at a one-sided bead, not at an accepted pair
    assert sandwich.sandwiched(beads, accepted) == [-1, 0, -1, -1, -1, -1, -1]
    beads[5] = Bead(5, 1, 5, 1, 0.1)
    beads[6] = Bead(6, 1, 6, 1, 0.9)
    assert sandwich.sandwiched(beads, accepted) == [-1, 0, -1, 1, 1, 1, -1]
    assert sandwich.sandwiched(beads, [True, False, True, False, False, False, False]) == [-1, 0, -1, -1, -1, -1, -1]


DE = """Die Katze schläft im Garten.

Es gibt eine Reihe von Debian betreffenden Listen.

Der Hund bellt am Abend laut.

Das Haus steht am Fluss.

Morgen kommt der Zug nicht.

Der Garten hat viele Blumen."""

EN = """The cat sleeps in the garden.

There are a lot of Debian-related forums.

The dog barks loudly in the evening.

The house stands by the river.

Please report problems to the maintainer.

The garden has many flowers."""

WORDS = {"katze": ["cat"], "schläft": ["sleeps"], "garten": ["garden"], "hund": ["dog"], "bellt": ["barks"],
         "abend": ["evening"], "laut": ["loudly"], "haus": ["house"], "steht": ["stands"], "fluss": ["river"],
         "blumen": ["flowers"], "viele": ["many"], "morgen": ["tomorrow"], "zug": ["train"], "kommt": ["comes"]}


def test_a_thinly_matched_sentence_in_its_place_is_paired_an_unrelated_one_is_not() -> None:
    ding = Dictionary({k: tuple(v) for k, v in WORDS.items()})
    result = build(DE, EN, "de", "en", LexicalScorer("de", "en", ding), ding)
    pairs = [(" ".join(u.text for u in p.src), " ".join(u.text for u in p.tgt)) for p in result.pairs]
    assert ("Es gibt eine Reihe von Debian betreffenden Listen.", "There are a lot of Debian-related forums.") in pairs  # similarity 0.25
    # same place, nothing shared: a translation of another version of the text; never paired
    assert not [p for p in pairs if p[0].startswith("Morgen")]
    assert {(a.side, a.unit.text) for a in result.unaligned if a.unit.text.startswith(("Morgen", "Please"))} == {
        ("src", "Morgen kommt der Zug nicht."), ("tgt", "Please report problems to the maintainer.")}
    assert len(pairs) == 5


def test_a_block_stays_where_it_reads_as_well_as_at_a_look_alike_elsewhere() -> None:
    # blocks 0..3 in raw order, one sentence each; block 2's anchor (target 9) is a look-alike
    # while its raw neighbours sit at targets 4 and 6, and target 5 matches it nearly as well
    block_of = [0, 1, 2, 3]
    anchors = {0: 3, 1: 4, 2: 9, 3: 6}
    near = TableSim({(2, 9): 0.5, (2, 5): 0.4})
    assert settled(block_of, anchors, near, 12) == {0: 3, 1: 4, 3: 6}
    clearly_elsewhere = TableSim({(2, 9): 0.8, (2, 5): 0.4})
    assert settled(block_of, anchors, clearly_elsewhere, 12) == anchors
    # neighbours out of order (a scrambled page): raw order says nothing, the anchor decides
    assert settled(block_of, {0: 3, 1: 6, 2: 9, 3: 4}, near, 12) == {0: 3, 1: 6, 2: 9, 3: 4}


def test_a_sandwiched_pair_with_one_word_on_one_side_stands_when_it_shares_all() -> None:
    """'filename' has one letter-word against three: a free pair like that is refused as a
    fragment ('1' / 'Page 1 option:'); held in place and similar (0.8), it is written. (With the
    same code before it, '%F = Name der Datei' / '%F = filename', it is no fragment anyway: see
    confidence.same_code.)"""
    de = DE.replace("Es gibt eine Reihe von Debian betreffenden Listen.", "Name der Datei")
    en = EN.replace("There are a lot of Debian-related forums.", "filename")
    ding = Dictionary({k: tuple(v) for k, v in {**WORDS, "datei": ["filename"]}.items()})
    result = build(de, en, "de", "en", LexicalScorer("de", "en", ding), ding)
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs][1] == ("Name der Datei", "filename")
    assert confidence.rejection("Name der Datei", "filename", 0.8, 1.0) == "low confidence: one side is a fragment of the other"


def _mates(src_texts: list[tuple[str, int, tuple[int, ...]]], tgt_texts: list[tuple[str, int]]) -> tuple[Alignment, list[Unit], list[Unit]]:
    """Units (text, block[, seams]) on each side; the first sentence of each side is a written pair,
    the rest left over."""
    src = [Unit(t, str(10 + k), "body", b, seams) for k, (t, b, seams) in enumerate(src_texts)]
    tgt = [Unit(t, str(20 + k), "body", b) for k, (t, b) in enumerate(tgt_texts)]
    result = Alignment([AlignedPair((src[0],), (tgt[0],), "body", 0.5)])
    result.unaligned = [SetAside("src", u, "body: no counterpart in the translation") for u in src[1:]]
    result.unaligned += [SetAside("tgt", u, "body: no counterpart in the source") for u in tgt[1:]]
    return result, src, tgt


DH_MAKE = ("Es verwendet einige der debhelper-Werkzeuge für die Paketerstellung.",
           "debhelper and dh-make - dh-make is necessary to create the skeleton of our example package, and it will use some of the debhelper tools for creating packages.")
MATES = Dictionary({"zwingend": ("essential",), "neue": ("new",), "betreuer": ("maintainers",), "empfohlen": ("recommended",),
                    "vorfall": ("incident",), "konzepts": ("concept",), "fehler": ("mistake",), "distributoren": ("vendors",)})
NOT_ESSENTIAL = ("Sie sind nicht zwingend erforderlich, um Pakete zu erstellen, aber für neue Betreuer sehr empfohlen.",
                 "They are not essential for this purpose, but are highly recommended for new maintainers.")


def test_a_leftover_after_a_pair_in_the_same_block_on_both_sides_is_paired() -> None:
    result, src, tgt = _mates([(DH_MAKE[0], 5, ()), (NOT_ESSENTIAL[0], 5, ())], [(DH_MAKE[1], 3), (NOT_ESSENTIAL[1], 3)])
    assert blockmates.pair_block_mates(result, src, tgt, LexicalScorer("de", "en", MATES), 1.0) == 1
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs] == [(DH_MAKE[0], DH_MAKE[1]), NOT_ESSENTIAL]
    assert result.unaligned == []


def test_block_mates_need_the_same_block_on_both_sides_and_no_stray_piece() -> None:
    other_paragraph = _mates([(DH_MAKE[0], 5, ()), (NOT_ESSENTIAL[0], 5, ())], [(DH_MAKE[1], 3), (NOT_ESSENTIAL[1], 4)])
    assert blockmates.pair_block_mates(*other_paragraph, LexicalScorer("de", "en", MATES), 1.0) == 0
    cut = "Diese Version wurde schließlich als Debian 1.1 veröffentlicht, "  # completed with the wrong continuation
    stitched = cut + "Dieser Vorfall führte zur Einführung des Konzepts »offizieller« CD-Images, um es Distributoren von Debian zu erleichtern, solche Fehler zu vermeiden."
    incident = "That incident led to the concept of \"official\" CD-ROM images, as a way for the project to help vendors avoid this kind of mistake."
    wrong = _mates([(DH_MAKE[0], 5, ()), (stitched, 5, (len(cut),))], [(DH_MAKE[1], 3), (incident, 3)])
    assert blockmates.pair_block_mates(*wrong, LexicalScorer("de", "en", MATES), 1.0) == 0
    assert len(wrong[0].pairs) == 1
    whole = _mates([(DH_MAKE[0], 5, ()), (stitched, 5, ())], [(DH_MAKE[1], 3), (incident, 3)])  # the same, read as one sentence
    assert blockmates.pair_block_mates(*whole, LexicalScorer("de", "en", MATES), 1.0) == 1


def test_only_a_restored_order_that_parts_most_raw_neighbours_is_shuffled() -> None:
    assert blockmates.shuffled([3, 0, 5, 1, 4, 2])
    assert not blockmates.shuffled([0, 1, 4, 5, 2, 3, 6])  # a column out of place


DNS = ("Der DNS-Server ist als zwischenspeichernder DNS-Server konfiguriert, so dass alle Maschinen des Netzwerks ihn als Haupt-DNS-Server benutzen können.",
       "The DNS server is set up as caching DNS server so that all machines on the network can use it as the main DNS Server.")
DNS_WORDS = Dictionary({"maschinen": ("machines",), "netzwerks": ("network",), "benutzen": ("use",), "alle": ("all",), "zwischenspeichernder": ("caching",),
                        "konfiguriert": ("set",), "können": ("can",), "haupt": ("main",), "server": ("server",), "dns": ("dns",)})
TABLE = "Below is a table of the services that are set up by default in a Skolelinux network and the DNS name of each service."


def _misplaced(sources: list[str]) -> Alignment:
    """Each source paired with TABLE or a stand-in by position, DNS[1] left over."""
    result = Alignment([AlignedPair((Unit(s, str(k), "body"),), (Unit(TABLE if k == 0 else "Other text.", str(10 + k), "body"),), "body", 0.3)
                        for k, s in enumerate(sources)])
    result.unaligned = [SetAside("tgt", Unit(DNS[1], "30", "body"), "body: no counterpart in the source")]
    return result


def test_a_written_source_takes_the_leftover_target_it_matches_clearly_better() -> None:
    result = _misplaced([DNS[0]])
    assert blockmates.better_partners(result, LexicalScorer("de", "en", DNS_WORDS), 1.0) == 1
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs] == [DNS]
    assert [(a.unit.text, a.reason) for a in result.unaligned] == [(TABLE, "body: its source matched another sentence better")]


def test_no_re_pairing_when_another_written_source_matches_the_leftover_as_well() -> None:
    result = _misplaced([DNS[0], DNS[0].replace("können", "sollen")])
    assert blockmates.better_partners(result, LexicalScorer("de", "en", DNS_WORDS), 1.0) == 1  # only the first, its best source
    assert [p.tgt[0].text for p in result.pairs].count(DNS[1]) == 1


TABLE_DE = "Unten steht eine Tabelle der Dienste, die in einem Skolelinux-Netzwerk vorgegeben sind."


def _misplaced_sources(targets: list[str]) -> Alignment:
    """Each target paired with TABLE_DE or a stand-in by position, DNS[0] left over: the source
    block placed in the wrong spot, the translation in order."""
    result = Alignment([AlignedPair((Unit(TABLE_DE if k == 0 else "Anderer Text.", str(k), "body"),), (Unit(t, str(10 + k), "body"),), "body", 0.3)
                        for k, t in enumerate(targets)])
    result.unaligned = [SetAside("src", Unit(DNS[0], "30", "body"), "body: no counterpart in the translation")]
    return result


def test_a_written_target_takes_the_leftover_source_that_matches_it_clearly_better() -> None:
    result = _misplaced_sources([DNS[1]])
    assert blockmates.better_sources(result, LexicalScorer("de", "en", DNS_WORDS), 1.0) == 1
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs] == [DNS]
    assert [(a.side, a.unit.text, a.reason) for a in result.unaligned] == [("src", TABLE_DE, "body: its translation matched another sentence better")]


def test_no_re_pairing_when_another_written_target_matches_the_leftover_source_as_well() -> None:
    result = _misplaced_sources([DNS[1], DNS[1].replace("can use", "may use")])
    assert blockmates.better_sources(result, LexicalScorer("de", "en", DNS_WORDS), 1.0) == 1  # only the first, its best target
    assert [p.src[0].text for p in result.pairs].count(DNS[0]) == 1
    # a left-over source no better than the written one by the margin: nothing changes
    result = _misplaced_sources([DNS[1]])
    result.pairs[0] = AlignedPair((Unit(DNS[0].replace("zwischenspeichernder ", ""), "0", "body"),), result.pairs[0].tgt, "body", 0.6)
    assert blockmates.better_sources(result, LexicalScorer("de", "en", DNS_WORDS), 1.0) == 0


def test_no_block_mate_next_to_a_sentence_the_document_repeats() -> None:
    result, src, tgt = _mates([(DH_MAKE[0], 5, ()), (NOT_ESSENTIAL[0], 5, ()), (DH_MAKE[0], 9, ())], [(DH_MAKE[1], 3), (NOT_ESSENTIAL[1], 3)])
    assert blockmates.pair_block_mates(result, src, tgt, LexicalScorer("de", "en", MATES), 1.0) == 0


DIRS = ("Weitere Verzeichnisse können bei Bedarf erstellt werden, um bestimmte Benutzergruppen oder Nutzungsmuster abzubilden.",
        "More directories may then be created when needed to accommodate particular user groups or particular patterns of usage.")
DIR_WORDS = Dictionary({"verzeichnisse": ("directories",), "weitere": ("more",), "erstellt": ("created",), "bestimmte": ("particular",),
                        "benutzergruppen": ("user groups",), "bedarf": ("need",)})


def _hole(src_text: str, tgt_texts: tuple[str, ...] = (DIRS[1],), after: bool = True) -> tuple[Alignment, list[Unit], list[Unit]]:
    """The translation: a written pair, the left-over `tgt_texts`, (with `after`) another written
    pair; the source's left-over `src_text` sits in a block of its own elsewhere."""
    s_pairs = [Unit(DNS[0], "1", "body", 0), Unit("Die Konfiguration aller Subnetze ist in LDAP gespeichert.", "3", "body", 1)]
    t_pairs = [Unit(DNS[1], "10", "body", 0), Unit("The configuration of all subnets is stored in LDAP.", "20", "body", 2)]
    left_src = Unit(src_text, "40", "body", 7)
    left_tgt = [Unit(t, str(11 + k), "body", 1) for k, t in enumerate(tgt_texts)]
    tgt = [t_pairs[0], *left_tgt, *([t_pairs[1]] if after else [])]
    result = Alignment([AlignedPair((s,), (t,), "body", 0.8) for s, t in zip(s_pairs, t_pairs[: 1 + after])])
    result.unaligned = [SetAside("src", left_src, "body: no counterpart in the translation")]
    result.unaligned += [SetAside("tgt", u, "body: no counterpart in the source") for u in left_tgt]
    return result, [s_pairs[0], left_src, s_pairs[1]], tgt


def test_a_hole_between_written_pairs_takes_the_leftover_source_sentence_that_matches_it() -> None:
    scorer = LexicalScorer("de", "en", DIR_WORDS)
    assert 0.3 <= scorer.fit([DIRS[0]], [DIRS[1]]).sim(0, 1, 0, 1) < recovery.MIN_SCORE  # too weak for a free pair
    result, src, tgt = _hole(DIRS[0])
    assert gaps.fill_holes(result, src, tgt, scorer, 1.0) == 1
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs][1] == DIRS
    assert result.unaligned == []


def test_no_hole_without_a_pair_after_it_nor_for_a_piece_of_a_cut_sentence_or_a_repeated_one() -> None:
    scorer = LexicalScorer("de", "en", DIR_WORDS)
    open_end = _hole(DIRS[0], after=False)  # nothing after the left-over: not held in place
    assert gaps.fill_holes(*open_end, scorer, 1.0) == 0
    tail = _hole("bei Bedarf erstellt werden, um bestimmte Benutzergruppen oder Nutzungsmuster abzubilden.")  # a cut sentence's tail
    assert gaps.fill_holes(*tail, scorer, 1.0) == 0
    head = _hole("Weitere Verzeichnisse können bei Bedarf erstellt werden, um bestimmte Benutzergruppen")  # its head
    assert gaps.fill_holes(*head, scorer, 1.0) == 0
    result, src, tgt = _hole(DIRS[0])
    assert gaps.fill_holes(result, [*src, src[1]], tgt, scorer, 1.0) == 0  # the document has it twice: which copy is a guess
    assert not gaps.whole_sentence(Unit("bei Bedarf erstellt werden.", "1", "body")) and gaps.whole_sentence(Unit(DIRS[0], "1", "body"))


def test_a_short_hole_needs_recoverys_floor() -> None:
    """'Welche eine Begrenzungsbox bilden.' / 'Formats symbols are:': short units match by chance."""
    words = Dictionary({"bilden": ("formats",), "welche": ("symbols",)})
    scorer = LexicalScorer("de", "en", words)
    score = scorer.fit(["Welche eine Begrenzungsbox bilden."], ["Formats symbols are:"]).sim(0, 1, 0, 1)
    assert confidence.MIN_SHORT_SCORE <= score < recovery.MIN_SCORE
    result, src, tgt = _hole("Welche eine Begrenzungsbox bilden.", ("Formats symbols are:",))
    assert gaps.fill_holes(result, src, tgt, scorer, 1.0) == 0


def test_the_gap_units_are_short_runs_of_leftovers_between_written_pairs() -> None:
    units = [Unit(str(k), str(k), "body") for k in range(9)]
    assert gaps.gap_units(units, {0, 2, 6, 8}, {1, 3, 4, 5, 7}) == {1, 3, 4, 5, 7}
    assert gaps.gap_units(units, {0, 5}, {1, 2, 3, 4, 6, 7, 8}) == set()  # a run of 4; the run at the end has no pair after it


def test_a_rival_is_weighed_with_what_the_one_it_displaces_is_left_with() -> None:
    """faq-support: 'Es gibt eine Reihe von Debian betreffenden Mailinglisten.' (source 0) matches
    'There are a lot of Debian-related mailing lists.' (target 0) at 0.44 and, on the name alone,
    'If you add Debian to those search strings, …' (target 1) at 0.43, the only good match of
    'Wenn Debian dieser Suchanfrage hinzugefügt wird, …' (source 1)."""
    by_src = {0: [(0.44, 0), (0.43, 1)], 1: [(0.40, 1), (0.2, 0)]}
    by_tgt = {0: [(0.44, 0), (0.2, 1)], 1: [(0.43, 0), (0.40, 1)]}
    assert gaps.settled(0, 0, by_src, by_tgt, set(), set())
    assert gaps.settled(1, 1, by_src, by_tgt, {0}, {0})
    assert not gaps.settled(0, 0, {0: [(0.44, 0), (0.43, 1)]}, {0: [(0.44, 0)], 1: [(0.43, 0)]}, set(), set())  # no one else for target 1


def test_a_contested_pair_needs_the_contested_floor_and_taken_fallbacks_do_not_count() -> None:
    """edu-architecture: 'Dies kann immer nur eine Maschine in einem Netzwerk machen.' (source 0,
    its counterpart merged into a sentence paired elsewhere) against 'Centralised logging …'
    (target 2), with a rival (source 8) whose other matches surer pairs have taken or are weak."""
    by_src = {0: [(0.33, 2), (0.14, 5)], 8: [(0.25, 2), (0.22, 4), (0.10, 3)]}
    by_tgt = {2: [(0.33, 0), (0.25, 8)], 3: [(0.10, 8)], 4: [(0.22, 8)], 5: [(0.14, 0)]}
    assert not gaps.settled(0, 2, by_src, by_tgt, set(), {4, 5})  # contested, 0.33 < CONTESTED_FLOOR
    stronger = {0: [(0.45, 2), (0.14, 5)], 8: [(0.40, 2), (0.22, 4), (0.10, 3)]}
    column = {**by_tgt, 2: [(0.45, 0), (0.40, 8)]}
    assert gaps.settled(0, 2, stronger, column, set(), set())  # 0.45 + the rival's 0.22 elsewhere beat 0.40 + 0.14
    assert not gaps.settled(0, 2, stronger, column, set(), {4})  # ... unless a surer pair took that 0.22


def test_a_filled_hole_holds_its_block_mates_in_place() -> None:
    """faq-support: the block 'Sie können die Mailingliste auch abonnieren, … Auch zum Abmelden
    gibt es ein Formular.' fills a two-sentence hole; its second sentence matches too thinly for a
    hole of its own and is paired as the block mate of the first."""
    subscribe = ("Sie können die Mailingliste auch abonnieren, indem Sie das Web-Formular benutzen.", "You can subscribe to mailing lists using the WWW form.")
    unsubscribe = ("Auch zum Abmelden gibt es ein Formular.", "You can also un-subscribe using a WWW form.")
    words = Dictionary({"mailingliste": ("mailing list",), "abonnieren": ("subscribe",), "formular": ("form",), "benutzen": ("use",), "können": ("can",)})
    scorer = LexicalScorer("de", "en", words)
    assert scorer.fit([unsubscribe[0]], [unsubscribe[1]]).sim(0, 1, 0, 1) < confidence.MIN_SCORE
    result, src, tgt = _hole(subscribe[0], (subscribe[1], unsubscribe[1]))
    mate = Unit(unsubscribe[0], "41", "body", 7)
    result.unaligned.append(SetAside("src", mate, "body: no counterpart in the translation"))
    src = [*src[:2], mate, src[2]]
    assert gaps.fill_holes_with_mates(result, src, tgt, scorer, 1.0) == 2
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs][1:3] == [subscribe, unsubscribe]


def test_a_one_sided_pull_quote_sent_back_to_the_main_text_fills_a_hole() -> None:
    """man-dpkg-deb, shuffled: a manual's sentence taken for a pull quote on one side only goes back
    to the main text as a whole unit; left over there, its place is as lost as any block's."""
    threads = ("Die Option --threads-max erlaubt das Hinwegsetzen über diesen Wert.", "The --threads-max option overrides this value.")
    scorer = LexicalScorer("de", "en", Dictionary({"option": ("option",), "wert": ("value",), "diesen": ("this",)}))
    result, src, tgt = _hole(threads[0], (threads[1],))
    quote = Unit(threads[0], "40", "pullquote", 7)
    result.unaligned[0] = SetAside("src", quote, "pullquote without counterpart")
    src[1] = quote
    assert gaps.fill_holes(result, src, tgt, scorer, 1.0) == 1
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs][1] == threads
    elsewhere = _hole(threads[0], (threads[1],))  # a side-stream pull quote (not among the main-text units) is not taken
    elsewhere[0].unaligned[0] = SetAside("src", quote, "pullquote without counterpart")
    assert gaps.fill_holes(*elsewhere, scorer, 1.0) == 0
def test_captions_numbered_differently_are_never_a_pair() -> None:
    """Debian Reference ch. 6, German PDF against the English web page: two table captions."""
    de, en = "Tabelle 6.5: Liste von Konfigurationsdateien für Mail-Adressen", "Table 6.8. List of SSH configuration files"
    assert confidence.rejection(de, en, 0.77, 1.0) == "low confidence: captions numbered differently"
    assert confidence.rejection("Tabelle 6.8: Liste von SSH-Konfigurationsdateien", en, 0.77, 1.0) is None


def test_a_command_line_pairs_only_with_a_command_line() -> None:
    """Debian Reference ch. 6: the command under '… wie folgt:' and the English sentence introducing it."""
    de = "$ ssh-keygen -t rsa $ cat .ssh/id_rsa.pub | ssh user1@remote ”cat - >>.ssh/authorized_keys”"
    en = "Generate authentication keys locally and install the public key on the remote system by the following."
    assert confidence.rejection(de, en, 0.5, 1.0) == "low confidence: a command line against a sentence"
    assert confidence.rejection(de, "$ ssh-keygen -t rsa $ cat .ssh/id_rsa.pub | ssh user1@remote \"cat - >>.ssh/authorized_keys\"", 0.9, 1.0) is None


def test_two_command_lines_pair_only_when_they_are_the_same_command() -> None:
    """Debian Reference ch. 6: the exim4 and the postfix listings sit next to each other."""
    assert confidence.rejection("$ cat /etc/exim4/passwd.client ^smtp.", "$ cat /etc/postfix/sasl_passwd", 0.6, 1.0) == (
        "low confidence: different command lines"
    )
    assert confidence.rejection("$ sudo systemctl start exim4", "$ sudo systemctl start exim4", 0.9, 1.0) is None


def test_look_alike_items_naming_different_identifiers_are_never_a_pair() -> None:
    """apt-cache(8): 'Configuration Item: …' lines differ only in the item they name."""
    de, en = "Konfigurationselement: Dir::Etc::SourceList.", "Configuration Item: Dir::Etc::SourceParts."
    assert confidence.rejection(de, en, 1.0, 1.0) == "low confidence: different identifiers"
    assert confidence.rejection(de, "Configuration Item: Dir::Etc::SourceList.", 1.0, 1.0) is None


def test_look_alike_field_descriptions_naming_different_versions_are_never_a_pair() -> None:
    """dpkg-query(1) on the two-column PDF path: two descriptions of format fields crossed; a
    heading's section number is no version."""
    de = "Es enthält den Quellpaketnamen für dieses Binärpaket (seit Dpkg 1.16.2)."
    en = "It contains the package wanted status, part of the Status field (since dpkg 1.17.11)."
    assert confidence.rejection(de, en, 1.0, 1.0) == "low confidence: different version numbers"
    assert confidence.rejection(de, "It contains the source package name for this binary package (since dpkg 1.16.2).", 1.0, 1.0) is None
    assert confidence.rejection("9.4.5. Dateien auflisten", "9.4.6. Listing files", 1.0, 1.0) is None


def test_look_alike_option_headings_naming_different_options_are_never_a_pair() -> None:
    """dpkg-query(1) on the PDF-like path: the two option headings were crossed."""
    assert confidence.rejection("-c, --control-path Paketname [Steuerdatei]", "--control-list package-name", 1.0, 1.0) == (
        "low confidence: different options"
    )
    assert confidence.rejection("--control-list Paketname", "-c, --control-path package-name [control-file]", 1.0, 1.0) == (
        "low confidence: different options"
    )
    assert confidence.rejection("--control-list Paketname", "--control-list package-name", 1.0, 1.0) is None


def test_an_option_name_matches_across_hyphens_and_german_compounds() -> None:
    """apt-cache(8), man(1), Debian Reference: the same option as extraction and German write it."""
    assert confidence.options_agree("Sofern nicht die -h-, oder --help-Option angegeben ist", "Unless the -h, or --help option is given")
    assert confidence.options_agree("Allgemeine Optionen -C Datei, --configfile=Datei", "General options -C file, --config-file=file")
    assert confidence.options_agree('zur Option "--repair-pks-subkeybug".', 'under "--repair-pks-subkey-bug" option.')
    assert confidence.options_agree("Setzt den Komprimiertyp.", "--compress-type sets the compressor type.")  # one side names none


def test_an_option_term_on_one_side_only_is_never_a_pair() -> None:
    """man(1) on the two-column PDF path: a line of the other column paired with an option heading;
    an option named in running text may be rendered without its name (Debian Reference ch. 9)."""
    de, en = "bei der Suche nach Handbuchseiten Großund Kleinschreibung ignorieren (Voreinstellung)", "Finding manual pages -L locale, --locale=locale"
    assert confidence.rejection(de, en, 1.0, 1.0) == "low confidence: different options"
    assert confidence.rejection("Handbuchseiten finden -L Locale, --locale=Locale man wird in der Regel Ihre aktuelle Locale bestimmen.", "man will normally determine your current locale.", 1.0, 1.0) == (
        "low confidence: different options"
    )
    assert confidence.options_agree('Vergrößerung des nutzbaren Speicherplatzes, indem ein anderes Verzeichnis mit "mount --bind" eingebunden wird', "Expansion of usable storage space by bind-mounting another directory")


def test_look_alike_listing_lines_naming_different_manual_pages_are_never_a_pair() -> None:
    """Debian Reference ch. 10 on the PDF-like path: two rows of a listing of copy tools."""
    de, en = 'bei GNU tar(1) und cpio(1): nach "/dest/pfad/zu/source/foo".', '"/dest/foo": rsync(8), GNU cp(1), and scp(1)'
    assert confidence.rejection(de, en, 1.0, 1.0) == "low confidence: different manual pages named"
    assert confidence.rejection(de, '"/dest/path/to/source/foo": GNU tar(1), and cpio(1)', 1.0, 1.0) is None


def test_a_manual_page_name_matches_across_a_line_break_and_hyphens() -> None:
    """apt-cache(8) and po4a(7) from two-column PDFs: the name as the extraction wrote it."""
    assert confidence.references_agree("(siehe apt-secu- re(8)).", "(see apt-secure(8)).")
    assert confidence.references_agree("sollten Sie po4agettextize(1) wie folgt verwenden", "you should use po4a-gettextize(1) as follows")
    assert confidence.references_agree("Lesen Sie die Handbuchseite.", "See tar(1).")  # one side names none
    # Debian Reference ch. 8 (held-out set 4): a German compound runs into the name
    assert confidence.references_agree(
        "Für die meisten Übersetzungsaktivitäten werden die GNU-gettext(1)-Werkzeuge als Backend-Programme verwendet.",
        "GNU gettext(1) command tool chain is used as the backend tool for most translation activities.",
    )
    assert not confidence.references_agree("die GNU-gettext(1)-Werkzeuge", "see msgfmt(1)")


def test_a_translated_manual_page_name_is_a_cognate_in_the_same_section() -> None:
    """Debian Reference ch. 4 in Spanish: the page's name is translated."""
    assert confidence.references_agree("known as capabilities(7), which", "conocidas como capacidades(7), que")
    assert not confidence.references_agree("known as capabilities(7), which", "conocidas como capacidades(8), que")


def test_a_placed_blocks_left_over_sentence_fills_no_hole_far_from_its_mates() -> None:
    """A block moves as a whole in shuffled text: its paired sentences' targets say where it went.
    A hole within a hole's length (MAX_GAP + 1) of them may take its left-over sentence; one far
    away may not; a block with nothing paired yet (never placed) may fill any hole."""
    assert gaps._mates_elsewhere([], 40) is False
    assert gaps._mates_elsewhere([36, 37], 40) is False  # 3 after its last mate: next to it
    assert gaps._mates_elsewhere([36, 37], 41) is False  # 4 = MAX_GAP + 1
    assert gaps._mates_elsewhere([36, 37], 42) is True
    assert gaps._mates_elsewhere([120], 18) is True


def test_a_hole_far_from_where_the_sentences_block_went_stays_empty() -> None:
    """The left-over DIRS sentence's block (7) has another sentence paired: next to the hole, the
    hole takes DIRS as before; eight target sentences away, the block went there and the hole
    is not its place."""
    scorer = LexicalScorer("de", "en", DIR_WORDS)
    for gap, filled in ((0, 1), (6, 0)):
        result, src, tgt = _hole(DIRS[0])
        fillers = [Unit(f"Filler sentence number {k}.", str(30 + k), "body", 3) for k in range(gap)]
        mate = (Unit("Alle Benutzer haben ein Heimatverzeichnis.", "41", "body", 7), Unit("All users have a home directory.", "40", "body", 4))
        tgt = [*tgt, *fillers, mate[1]]
        result.pairs.append(AlignedPair((mate[0],), (mate[1],), "body", 0.8))
        assert gaps.fill_holes(result, [*src, mate[0]], tgt, scorer, 1.0) == filled, gap


def test_a_code_literal_on_one_side_only_is_never_a_pair() -> None:
    """man(1) on the two-column PDF path: the display line '’\\" <Zeichenkette>' stays inside the
    German sentence, while the English web page sets '’\\" <string>' apart; a code quoted in running
    text (man(1)'s '»\\%«', a sentence translated as two) and quotes one side lacks (KiCad's '\\n' /
    '"\\n"') do not count."""
    de = "Um eine gültige Präprozessor-Zeichenkette zu enthalten, muss die erste Zeile ’\\\" <Zeichenkette> ähneln, wobei Zeichenkette jede weiter unten unter -p beschriebene Buchstabenkombination sein kann."
    en = "To contain a valid preprocessor string, the first line must resemble where string can be any combination of letters described by option -p below."
    assert confidence.rejection(de, en, 1.0, 1.0) == "low confidence: a code literal one side lacks"
    assert confidence.escapes_agree(
        "Die Zeichenkette für die Erzeugung der Voreinstellung könnte als \\ Manual\\ page\\ \\$MAN_PN\\ ?",
        "The string used to produce the default could be expressed as \\ Manual\\ page\\ \\$MAN_PN\\ ?",
    )
    assert confidence.escapes_agree(
        "Wenn Sie eine Handbuchseite schreiben und einfach nur Nroff von der falschen Trennung eines Wortes abhalten wollen, verwenden Sie nicht diese Option.",
        "If you are writing a manual page and simply want to prevent nroff from hyphenating a word at an inappropriate point, do not use this option, "
        'but consult the nroff documentation instead; for instance, you can put "\\%" inside a word to indicate that it may be hyphenated at that point.',
    )
    assert confidence.escapes_agree("Wenn Sie wirklich \\n innerhalb des Textes benutzen wollen benutzen Sie \"\\\\n\".", 'However, if you really want the "\\n" inside the text, enter "\\\\n".')


# kicad-pl-editor, scrambled: the DP merged 'Mit einem Rechtsklick …' with a block of another
# place ('Die linke Seite …'), split_weak_merge took that apart and left 'Man kann …' alone
SHORT_DE = ["Das Fenster ganz links zeigt ein Liste der Elemente des Layouts.",
            "Man kann einen Eintrag wählen indem man diesen in dieser Liste anwählt, oder im Layout Fenster die Linie oder den Text durch Linksklick auswählt.",
            "Mit einem Rechtsklick öffnet sich ein Popup Menü.",
            "Die linke Seite des Fensters enthält die Liste der Basis Elemente."]
SHORT_EN = ["The left windows shows the list of layout items.",
            "One can select a given item (left clicking on the line) or, when right clicking on the line, display a pop up menu."]
SHORT_BEADS = [Bead(0, 1, 0, 1, 0.77), Bead(1, 1, 1, 0, 0.0), Bead(2, 1, 1, 1, 0.4), Bead(3, 1, 2, 0, 0.0)]
SHORT_LENGTHS = ([len(s) for s in SHORT_DE], [len(t) for t in SHORT_EN])


def _joinable(_i: int) -> bool:
    return True


def _parted(_i: int) -> bool:
    return False


def test_a_short_sided_pair_takes_in_the_leftover_that_completes_it(ding: Dictionary) -> None:
    ps = LexicalScorer("de", "en", ding).fit(SHORT_DE, SHORT_EN)
    beads = SHORT_BEADS[:2] + [Bead(2, 1, 1, 1, ps.sim(2, 1, 1, 1))] + SHORT_BEADS[3:]
    assert confidence.length_factor(SHORT_DE[2], SHORT_EN[1], 0.82) > confidence.MAX_LENGTH_FACTOR  # set aside alone
    out = sandwich.join_short_sources(beads, ps, SHORT_LENGTHS, 0.82, _joinable)
    assert [(b.i, b.di, b.j, b.dj) for b in out] == [(0, 1, 0, 1), (1, 2, 1, 1), (3, 1, 2, 0)]
    assert confidence.rejection(" ".join(SHORT_DE[1:3]), SHORT_EN[1], out[1].score, 0.82) is None
    # not from two places of the document (or two items of a list), nor at a ratio the merge does not fit
    assert sandwich.join_short_sources(beads, ps, SHORT_LENGTHS, 0.82, _parted) == beads
    assert sandwich.join_short_sources(beads, ps, SHORT_LENGTHS, 3.0, _joinable) == beads


class SpanSim(TableSim):
    """TableSim with the 2-1 span of source units 1-2 against target 1 scoring `merged`."""

    def __init__(self, table: dict[tuple[int, int], float], merged: float) -> None:
        super().__init__(table)
        self.merged = merged

    def sim(self, i: int, di: int, j: int, dj: int) -> float:
        return self.merged if (i, di, j, dj) == (1, 2, 1, 1) else super().sim(i, di, j, dj)


def test_a_leftover_is_not_taken_in_when_a_half_shares_nothing_or_matches_elsewhere() -> None:
    joined = sandwich.join_short_sources(SHORT_BEADS, SpanSim({(1, 1): 0.38, (2, 1): 0.4}, 0.46), SHORT_LENGTHS, 0.82, _joinable)
    assert joined[1] == Bead(1, 2, 1, 1, 0.46)
    for table, merged in (({(1, 1): 0.1, (2, 1): 0.4}, 0.46),  # a half shares (almost) nothing
                          ({(1, 1): 0.38, (2, 1): 0.4}, 0.39),  # the merge scores below a half alone
                          ({(1, 1): 0.38, (1, 0): 0.9, (2, 1): 0.4}, 0.46)):  # the leftover's pair is elsewhere
        assert sandwich.join_short_sources(SHORT_BEADS, SpanSim(table, merged), SHORT_LENGTHS, 0.82, _joinable) == SHORT_BEADS


def test_two_list_items_are_never_one_sentence_and_a_short_translation_takes_in_nothing() -> None:
    assert sandwich.list_items("• 100 Jahre: Optische Speichermedien (CD/DVD, CD-R/DVD-R);", "• 30 Jahre: Magnetische Speichermedien (Bänder, Disketten);")
    assert not sandwich.list_items("Man kann einen Eintrag wählen …", "Mit einem Rechtsklick öffnet sich ein Popup Menü.")
    # the mirror case: a long source (a list its extraction glued) and a short translation item
    # next to a left-over translation item is left alone
    de = ["Lies die Datei; schreibe die Datei; lösche die Datei; kopiere die Datei nach oben."]
    en = ["read the file", "write the file"]
    beads = [Bead(0, 1, 0, 1, 0.5), Bead(1, 0, 1, 1, 0.0)]
    lengths = ([len(t) for t in de], [len(t) for t in en])
    assert sandwich.join_short_sources(beads, SpanSim({(0, 0): 0.5, (0, 1): 0.5}, 0.9), lengths, 1.0, _joinable) == beads
