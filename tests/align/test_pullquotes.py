from __future__ import annotations

from harness.align.dictionary import Dictionary
from harness.align.blocks import Piece, read_pieces
from harness.align.cleaning import evidence_from
from harness.align.pipeline import _pair_blocks, build
from harness.align.pullquotes import find_pull_quotes, quote_boxes, restatements
from harness.align.similarity import LexicalScorer
from harness.align.tracked import track

BODY_DE = [
    "Die Ursprünge der Zusammenarbeit datieren weiter zurück.",
    "2015 beteiligte sich Kolumbien erstmals erfolgreich an der NATO-geführten Mission Ocean Shield zur Bekämpfung der Piraterie.",
    "2017 unterzeichneten Kolumbien und die NATO ein Programm.",
]
BODY_EN = [
    "The global partnership between Colombia and NATO is far from being a paper tiger.",
    "On the contrary, the security cooperation is both substantial and concrete.",
    "Since 2013, the relationship has been steadily developing and deepening.",
]


def test_short_restatement_of_a_body_sentence_is_a_pull_quote() -> None:
    blocks = [BODY_DE, ["2015 beteiligte sich Kolumbien erstmals an einer NATO-geführten Mission."]]
    assert find_pull_quotes(blocks, "de") == {1: 0}


def test_identical_sentence_the_short_block_is_the_pull_quote() -> None:
    blocks = [["The global partnership between Colombia and NATO is far from being a paper tiger."], BODY_EN]
    assert find_pull_quotes(blocks, "en") == {0: 1}


def test_short_paragraph_with_new_content_is_not_a_pull_quote() -> None:
    blocks = [BODY_DE, ["Auf dem Papier liegt damit eine ambitionierte Agenda für die weitere Zusammenarbeit vor."]]
    assert find_pull_quotes(blocks, "de") == {}


def test_heading_and_fragment_are_not_pull_quotes() -> None:
    blocks = [BODY_EN, ["Global partnership between Colombia and NATO"], ["and deepening of the partnership between Colombia and NATO."]]
    assert find_pull_quotes(blocks, "en") == {}


# One side's layout flags a sentence as a pull quote (it restates the longer paragraph above), the
# other side's does not: a pull quote is part of the layout, so both sides would have it.
MANUAL_DE = """Die Katze schläft im Garten.

Der Komprimierer packt jedes Paket mit dem gewählten Typ, und die Option -Z wählt den Komprimiertyp für dpkg aus. Der Hund bellt am Abend laut.

Das Haus steht am Fluss.

Mit -Z wählt man den Komprimiertyp.

Der Garten hat viele Blumen."""
MANUAL_EN = """The cat sleeps in the garden.

The compressor packs every package with the chosen type, and the -Z option selects the compressor type for dpkg. The dog barks loudly in the evening.

The house stands by the river.

The -Z option selects the compressor type.

The garden has many flowers."""
MANUAL_WORDS = {"katze": ["cat"], "schläft": ["sleeps"], "garten": ["garden"], "hund": ["dog"], "bellt": ["barks"], "abend": ["evening"], "laut": ["loudly"], "haus": ["house"], "steht": ["stands"], "fluss": ["river"], "blumen": ["flowers"], "viele": ["many"], "komprimierer": ["compressor"], "paket": ["package"], "typ": ["type"], "option": ["option"], "wählt": ["selects"], "komprimiertyp": ["compressor type"], "gewählten": ["chosen"], "packt": ["packs"]}


def test_a_pull_quote_flagged_on_one_side_only_goes_back_to_the_main_text_and_pairs_in_place() -> None:
    assert find_pull_quotes([[s] for s in MANUAL_EN.split("\n\n")], "en") == {3: 0}
    assert find_pull_quotes([[s] for s in MANUAL_DE.split("\n\n")], "de") == {}
    ding = Dictionary({k: tuple(v) for k, v in MANUAL_WORDS.items()})
    result = build(MANUAL_DE, MANUAL_EN, "de", "en", LexicalScorer("de", "en", ding), ding)
    pairs = [(p.src[0].text, p.tgt[0].text, p.kind) for p in result.pairs]
    assert ("Mit -Z wählt man den Komprimiertyp.", "The -Z option selects the compressor type.", "pullquote") in pairs
    assert len(pairs) == 6 and not result.unaligned


def test_sentences_that_restate_each_other_or_one_passage_are_look_alikes_not_pull_quotes() -> None:
    # a manual's repeated phrasing: two short blocks "restating" the same passage are no layout quotes
    blocks = [[s] for s in MANUAL_EN.split("\n\n")] + [["The house by the river has a garden."], ["The -Z option selects the compressor type for dpkg."]]
    assert {b: passage for b, (_where, passage) in restatements(blocks, "en").items()} == {3: "", 6: ""}
    assert find_pull_quotes(blocks, "en") == {}


def test_two_pull_quotes_pair_only_when_the_passages_they_restate_match() -> None:
    ding = Dictionary({k: tuple(v) for k, v in MANUAL_WORDS.items()})
    scorer = LexicalScorer("de", "en", ding)
    quote_de = Piece(0, track("Mit -Z wählt man den Komprimiertyp."), "body", "Der Hund bellt am Abend laut.")
    in_place = Piece(0, track("The -Z option selects the compressor type."), "body", "The dog barks loudly in the evening.")
    elsewhere = Piece(0, track("The -Z option selects the compressor type."), "body", "The house stands by the river.")
    assert _pair_blocks([quote_de], [in_place], scorer) == [(0, 0)]
    assert _pair_blocks([quote_de], [elsewhere], scorer) == []
    # out of order, a quote asks for similarity 0.4 (0.29 here), a caption 0.2
    weak = Piece(0, track("The compressor type is set here."), "body", "The dog barks loudly in the evening.")
    assert _pair_blocks([quote_de], [weak], scorer) == []
    assert _pair_blocks([Piece(0, quote_de.text, "caption")], [Piece(0, weak.text, "caption")], scorer) == [(0, 0)]
    # captions restate nothing: similarity alone decides
    caption = Piece(0, track("Mit -Z wählt man den Komprimiertyp."), "caption")
    assert _pair_blocks([caption], [Piece(0, track("The -Z option selects the compressor type."), "caption")], scorer) == [(0, 0)]


# apt-cache(8) as PDF-like text: the pull quote (lines 3-5) sits between a sentence cut after
# 'dpkg' and a block from elsewhere, with no blank line around it; it repeats lines 14-15.
APT_CACHE = [
    "show Paket...",
    "show führt eine Funktion aus, die dpkg",
    "„rdepends zeigt eine Liste von",
    "jeder Rückwärtsabhängigkeit, die",
    "ein Paket hat.“",
    "mehrere Suchmuster anzugeben, die",
    "»und«-verknüpft werden.",
    "depends Paket...",
    "depends zeigt eine Liste von jeder Abhängig-",
    "keit, die ein Paket hat und alle möglichen",
    "anderen Pakete, die die Abhängigkeit erfüllen",
    "können.",
    "rdepends Paket...",
    "rdepends zeigt eine Liste von jeder Rückwärt-",
    "sabhängigkeit, die ein Paket hat.",
]


def test_a_narrow_quoted_run_repeating_the_text_is_a_box_of_its_own() -> None:
    assert quote_boxes(APT_CACHE) == {3: 5}
    # the passage it repeats cut in two by a line from elsewhere (shuffled blocks): two runs of its words
    split = [*APT_CACHE[:13], "rdepends zeigt eine Liste von jeder", "Die Verwaltung ist einfach.", "Rückwärtsabhängigkeit, die ein Paket hat."]
    assert quote_boxes(split) == {3: 5}
    # a quotation the text does not repeat is running text
    assert quote_boxes([*APT_CACHE[:13], "„Ich habe das Projekt 1993 gegründet.“", "Die Verwaltung"]) == {}
    # nor is one set as wide as the text: a pull quote is set in larger type, so in narrower lines
    wide = [*APT_CACHE[:2], "„rdepends zeigt eine Liste von jeder Rückwärtsabhängigkeit, die ein", "Paket hat.“", *APT_CACHE[5:]]
    assert quote_boxes(wide) == {}


def test_a_glued_pull_quote_is_a_piece_of_its_own_kind_even_across_a_running_header() -> None:
    """The line after the quote opens the next piece; where the lines after it are passed over
    (a running header and the blank lines round it, `bridged`), the first line of text does."""
    lines = [*APT_CACHE[:5], "", "Debian-Referenz 7", "", *APT_CACHE[5:]]
    pieces = read_pieces("\n".join(lines), "de", evidence_from("\n".join(lines)), bridged=frozenset({6, 7, 8}))
    assert [(p.kind, p.text.line_range()) for p in pieces[:4]] == [
        ("body", (1, 1)), ("body", (2, 2)), ("pullquote", (3, 5)), ("body", (9, 10))
    ]


POLICY_DE = """Das Paket debian-policy enthält das technische Handbuch, welches die System-Hand-
buchseiten selbst beinhaltet. Es beschreibt auch die
„welches die System-Handbuchseiten
selbst beinhaltet.“
technischen Anforderungen, die jedes Paket erfüllen muss.
Die Pakete werden von Freiwilligen gepflegt."""
POLICY_EN = """The debian-policy package contains the technical manual, which holds the system manual pages themselves. It also describes the technical requirements that each package must meet.
The packages are maintained by volunteers."""
POLICY_WORDS = {"paket": ["package"], "pakete": ["packages"], "enthält": ["contains"], "technische": ["technical"], "handbuch": ["manual"], "beinhaltet": ["holds"], "selbst": ["themselves"], "beschreibt": ["describes"], "technischen": ["technical"], "anforderungen": ["requirements"], "erfüllen": ["meet"], "jedes": ["each"], "freiwilligen": ["volunteers"], "gepflegt": ["maintained"]}


def test_the_text_around_a_glued_pull_quote_joins_across_it() -> None:
    """A pull quote interrupts the column: the sentence cut before it goes on after it, and the
    quote itself is joined to nothing (here one-sided, so set aside)."""
    ding = Dictionary({k: tuple(v) for k, v in POLICY_WORDS.items()})
    result = build(POLICY_DE, POLICY_EN, "de", "en", LexicalScorer("de", "en", ding), ding)
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs][1] == (
        "Es beschreibt auch die technischen Anforderungen, die jedes Paket erfüllen muss.",
        "It also describes the technical requirements that each package must meet.",
    )
    assert len(result.pairs) == 3
    assert [(u.reason, u.unit.text) for u in result.unaligned] == [("pullquote without counterpart", "„welches die System-Handbuchseiten selbst beinhaltet.“")]
