"""Numbered headings glued to the sentence under them (harness.align.numbered_headings). Inputs are
raw lines of the PDF-like German of the held-out dref-tips (Debian Reference, chapter 9) and the
lines of its English web page, as the builder left them over on both sides."""

from __future__ import annotations

from harness.align import numbered_headings
from harness.align.dictionary import Dictionary
from harness.align.model import AlignedPair, Alignment, SetAside, Unit
from harness.align.similarity import LexicalScorer

# 9.4.5: a heading of two lines, glued to the paragraph under it (no blank line between)
LISTING = [
    (535, "9.4.5. Dateien auflisten, die von einem Pro-"),
    (536, "zess geöffnet wurden"),
    (537, "Sie können wie folgt alle Dateien auflisten,"),
    (538, "die von einem Prozess mit einer bestimmten"),
    (539, "Prozess-ID (PID), z.B. 1, geöffnet wurden:"),
]
LISTING_EN = ("9.4.5. Listing files opened by a process", "You can list all files opened by a process with a process ID (PID), e.g. 1, by the following.")
# 9.9.1: the heading's second line opens with a capital (a German noun) too
LUKS = [
    (1657, "9.9.1. Verschlüsselung von Wechseldatenträ-"),
    (1658, "gern mit dm-crypt/LUKS"),
    (1659, "Sie können die Inhalte eines Wechseldatenträ-"),
    (1660, 'gers, wie z.B. eines USB-Sticks auf'),
    (1661, '"/dev/sdx", mit dm-crypt/LUKS verschlüsseln.'),
]
LUKS_EN = ("9.9.1. Removable disk encryption with dm-crypt/LUKS", 'You can encrypt contents of removable mass devices, e.g. USB memory stick on "/dev/sdx", using dm-crypt/LUKS.')
# 9.6.11: the paragraph's first sentence is cut at the block's end (the page ends there)
SMART = [
    (1192, "9.6.11. SMART verwenden, um Festplattenaus-"),
    (1193, "fälle vorherzusehen"),
    (1194, "Sie können Ihre Festplatte mit dem"),
    (1195, "smartd(8)-Daemon überwachen und"),
    (1196, "protokollieren, sofern diese mit dem"),
]
SMART_EN = ("9.6.11. Using SMART to predict hard disk failure", "You can monitor and log your hard disk which is compliant to SMART with the smartd(8) daemon.")
WORDS = Dictionary(
    {
        "dateien": ("files",),
        "auflisten": ("list", "listing"),
        "geöffnet": ("opened",),
        "verschlüsselung": ("encryption",),
        "verschlüsseln": ("encrypt",),
        "wechseldatenträger": ("removable disk",),
        "wechseldatenträgers": ("removable disk",),
        "inhalte": ("contents",),
        "verwenden": ("use", "using"),
        "festplatte": ("hard disk",),
        "festplattenausfälle": ("disk failure",),
        "vorherzusehen": ("predict",),
        "überwachen": ("monitor",),
        "protokollieren": ("log",),
    }
)


def _unit(lines: list[tuple[int, str]]) -> Unit:
    """The lines as the builder reads them: joined by a space, a broken word rejoined, with each
    character's raw line."""
    text, owners = "", []
    for n, line in lines:
        if text.endswith("-") and line[:1].islower():
            text, owners = text[:-1], owners[:-1]
        elif text:
            text, owners = text + " ", owners + [n]
        text, owners = text + line, owners + [n] * len(line)
    return Unit(text, f"{lines[0][0]}-{lines[-1][0]}", "body", 0, (), tuple(owners))


def _left_over(de: Unit, en: tuple[str, str]) -> Alignment:
    """A written pair, the glued unit set aside, the translation's heading and next sentence set aside."""
    written = AlignedPair((Unit("Debian ist ein freies Betriebssystem.", "1", "body"),), (Unit("Debian is a free operating system.", "1", "body"),), "body", 0.8)
    return Alignment(
        [written],
        [
            SetAside("src", de, "body: low confidence: the source opens with section 9.4.5, which its counterpart lacks"),
            SetAside("tgt", Unit(en[0], "300", "heading"), "body: no counterpart in the source"),
            SetAside("tgt", Unit(en[1], "302-303", "body"), "body: low confidence: the source opens with section 9.4.5, which its counterpart lacks"),
        ],
    )


def _pairs(result: Alignment) -> list[tuple[str, str, str]]:
    return [(p.src[0].text, p.tgt[0].text, p.kind) for p in result.pairs[1:]]


def test_section_numbers_are_multi_level_with_their_closing_dot() -> None:
    assert numbered_headings.section("9.4.5. Dateien auflisten") == "9.4.5"
    assert numbered_headings.section("10.1.7. Wechseldatenträger") == "10.1.7"
    assert numbered_headings.section("1.1 Buzz, veröffentlicht im Juni 1996 (474") is None  # a release, not a section
    assert numbered_headings.section("3. Konfiguration") is None  # a numbered list item as much as a chapter


def test_a_glued_heading_is_cut_at_its_line_end_and_both_halves_are_written() -> None:
    unit = _unit(LISTING)
    assert unit.text.startswith("9.4.5. Dateien auflisten, die von einem Prozess geöffnet wurden Sie können")
    heading = "9.4.5. Dateien auflisten, die von einem Prozess geöffnet wurden"
    # two line starts with a capital: 'Sie können …' and 'Prozess-ID (PID), …'; the translation's heading chooses
    assert numbered_headings.heading_cuts(unit) == [len(heading), len(unit.text) - len("Prozess-ID (PID), z.B. 1, geöffnet wurden:") - 1]
    result = _left_over(unit, LISTING_EN)
    assert numbered_headings.split_glued_headings(result, LexicalScorer("de", "en", WORDS)) == 2
    assert _pairs(result) == [
        (heading, LISTING_EN[0], "heading"),
        ("Sie können wie folgt alle Dateien auflisten, die von einem Prozess mit einer bestimmten Prozess-ID (PID), z.B. 1, geöffnet wurden:", LISTING_EN[1], "body"),
    ]
    assert [(p.src[0].lines, p.src[0].kind) for p in result.pairs[1:]] == [("535-536", "heading"), ("537-539", "body")]
    assert result.unaligned == []


def test_the_translation_chooses_among_capitalised_line_starts() -> None:
    unit = _unit(LUKS)
    heading = "9.9.1. Verschlüsselung von Wechseldatenträgern mit dm-crypt/LUKS"
    assert len(numbered_headings.heading_cuts(unit)) == 1  # 'Wechseldatenträgern' opens no line: the broken word joins two
    assert numbered_headings.heading_cuts(unit) == [len(heading)]
    result = _left_over(unit, LUKS_EN)
    assert numbered_headings.split_glued_headings(result, LexicalScorer("de", "en", WORDS)) == 2
    assert [p[0] for p in _pairs(result)] == [heading, 'Sie können die Inhalte eines Wechseldatenträgers, wie z.B. eines USB-Sticks auf "/dev/sdx", mit dm-crypt/LUKS verschlüsseln.']
    # the heading on lines of its own, its second line opening with a capital: no sentence follows, no cut
    two_lines = _unit([(1, "9.9.1. Verschlüsselung von"), (2, "Wechseldatenträgern mit dm-crypt/LUKS")])
    assert numbered_headings.heading_cuts(two_lines) == []


def test_a_rest_cut_at_its_blocks_end_is_set_aside_for_the_later_passes() -> None:
    result = _left_over(_unit(SMART), SMART_EN)
    assert numbered_headings.split_glued_headings(result, LexicalScorer("de", "en", WORDS)) == 1
    assert _pairs(result) == [("9.6.11. SMART verwenden, um Festplattenausfälle vorherzusehen", SMART_EN[0], "heading")]
    rest = [(a.side, a.unit.text, a.unit.lines, a.reason) for a in result.unaligned if a.side == "src"]
    assert rest == [("src", "Sie können Ihre Festplatte mit dem smartd(8)-Daemon überwachen und protokollieren, sofern diese mit dem", "1194-1196", numbered_headings.REST_REASON)]
    assert [a.unit.text for a in result.unaligned if a.side == "tgt"] == [SMART_EN[1]]


def test_a_number_that_is_not_unique_among_left_overs_and_written_pairs_is_left_alone() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    result = _left_over(_unit(LISTING), LISTING_EN)
    result.unaligned.append(SetAside("tgt", Unit("9.4.5. Listing files", "500", "heading"), "body: no counterpart in the source"))
    assert numbered_headings.split_glued_headings(result, scorer) == 0
    result = _left_over(_unit(LISTING), LISTING_EN)
    result.pairs.append(AlignedPair((Unit("9.4.5. Dateien", "9", "heading"),), (Unit("9.4.5. Files", "9", "heading"),), "heading", 0.9))
    assert numbered_headings.split_glued_headings(result, scorer) == 0
    # the same unit without its line owners (a reader that does not track them): no cut to make,
    # and as a whole it is far longer than the heading
    bare = _unit(LISTING)
    result = _left_over(Unit(bare.text, bare.lines, "body"), LISTING_EN)
    assert numbered_headings.split_glued_headings(result, scorer) == 0


def _lines(lines: list[tuple[int, str]], kind: str = "body") -> Unit:
    unit = _unit(lines)
    return Unit(unit.text, unit.lines, kind, 0, (), unit.owners)


def _heading_left_over(pieces: list[Unit], en: str, below: Unit | None) -> Alignment:
    """The heading's pieces set aside on the source side, the translation's heading set aside, and
    the unit under the heading (None: a blank line) written."""
    next_en = Unit("If you have an empty partition, you can mount it there.", "775", "body")
    written = AlignedPair((below,), (next_en,), "body", 0.8) if below is not None else None
    result = Alignment([written] if written else [], [])
    result.unaligned += [SetAside("src", u, "body: no counterpart in the translation") for u in pieces]
    result.unaligned.append(SetAside("tgt", Unit(en, "773", "heading"), "body: no counterpart in the source"))
    return result


EXPANSION = "9.6.14. Expansion of usable storage space by mounting another partition"
PIECES = [[(1220, "9.6.14. Vergrößerung des nutzbaren")], [(1221, "Speicherplatzes über das Einbinden anderer")], [(1222, "Partitionen")]]
SPACE = Dictionary({"vergrößerung": ("expansion",), "nutzbaren": ("usable",), "speicherplatzes": ("storage space",), "einbinden": ("mounting",), "anderer": ("another",)})


def test_a_heading_set_on_three_lines_and_left_over_line_by_line_is_joined_again() -> None:
    pieces = [_lines(p) for p in PIECES]
    result = _heading_left_over(pieces, EXPANSION, None)  # a blank line under the heading (line 1223)
    assert numbered_headings.split_glued_headings(result, LexicalScorer("de", "en", SPACE)) == 1
    assert [(p.src[0].text, p.src[0].lines, p.tgt[0].text) for p in result.pairs] == [
        ("9.6.14. Vergrößerung des nutzbaren Speicherplatzes über das Einbinden anderer Partitionen", "1220-1222", EXPANSION)
    ]
    assert result.unaligned == []
    # the heading ends where the paragraph under it begins, written or not
    paragraph = _lines([(1223, "Wenn Sie eine leere Partition haben, binden Sie sie ein.")])
    result = _heading_left_over(pieces, EXPANSION, paragraph)
    assert numbered_headings.split_glued_headings(result, LexicalScorer("de", "en", SPACE)) == 1


def test_a_heading_whose_end_is_not_known_is_left_alone() -> None:
    scorer = LexicalScorer("de", "en", SPACE)
    first = _lines(PIECES[0])
    # its next line is written in a pair and ends no sentence: the heading's other half went there
    result = _heading_left_over([first], EXPANSION, _lines(PIECES[1]))
    assert numbered_headings.split_glued_headings(result, scorer) == 0
    # alone, with a blank line under it (a block cut after its first line), it is half the heading:
    # its section number makes it match well, but it is far shorter than its translation predicts
    result = _heading_left_over([first], EXPANSION, None)
    assert scorer.fit([first.text], [EXPANSION]).sim(0, 1, 0, 1) >= 0.6
    assert not numbered_headings.lengths_agree(first.text, EXPANSION, 1.0)
    assert numbered_headings.split_glued_headings(result, scorer) == 0
    assert numbered_headings.lengths_agree("9.11.5. System mit mehreren Arbeitsplatzumgebungen", "9.11.5. Multiple desktop systems", 1.0)
