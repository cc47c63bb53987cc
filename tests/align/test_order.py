from __future__ import annotations

from harness.align.cleaning import evidence_from
from harness.align.joins import cut_glue
from harness.align.order import (
    Block,
    block_order,
    clear_matches,
    cross_role_anchors,
    find_anchors,
    monotone_anchors,
    raw_order_holds,
    reattach_continuations,
    separate_sentences,
    stitch,
    unrivalled,
)
from harness.align.tracked import track


class TableSim:
    """A PairSim from a table of 1-1 similarities (2-spans score 0)."""

    def __init__(self, table: dict[tuple[int, int], float]) -> None:
        self.table = table

    def sim(self, i: int, di: int, j: int, dj: int) -> float:
        return self.table.get((i, j), 0.0) if di == dj == 1 else 0.0

    def candidates(self, i: int, k: int) -> list[int]:
        return sorted({j for (ii, j) in self.table if ii == i})[:k]


def test_anchor_needs_a_clear_winner() -> None:
    ps = TableSim({(0, 5): 0.9, (0, 6): 0.2, (1, 2): 0.5, (1, 7): 0.48, (2, 1): 0.1})
    assert find_anchors(ps, 3, 10) == {0: 5}


def test_anchor_respects_compatibility() -> None:
    ps = TableSim({(0, 5): 0.9, (0, 6): 0.6})
    assert find_anchors(ps, 1, 10, compatible=lambda i, j: j != 5) == {0: 6}


def test_monotone_chain_drops_stray_anchors() -> None:
    assert monotone_anchors({0: 0, 1: 1, 2: 9, 3: 3, 4: 4}) == [(0, 0), (1, 1), (3, 3), (4, 4)]


def test_blocks_reordered_by_anchor_median_unanchored_blocks_follow_their_predecessor() -> None:
    # block 0 -> targets 10, 11; block 1 -> 0, 1; block 2 has no anchor; block 3 -> 5
    block_of = [0, 0, 1, 1, 2, 3]
    anchors = {0: 10, 1: 11, 2: 0, 3: 1, 5: 5}
    assert block_order(block_of, 4, anchors) == [1, 2, 3, 0]


def test_sentence_cut_at_a_block_end_is_rejoined() -> None:
    blocks = [
        Block(track("Die Ursprünge datieren allerdings weiter", 187), "body"),
        Block(track("Etappen der Zusammenarbeit", 71), "heading"),
        Block(track("zurück. Bereits 2013 unterzeichneten beide.", 92), "body"),
        Block(track("Kolumbien hat den", 320), "body"),
        Block(track("Themenkomplex definiert.", 225), "body"),
    ]
    out = stitch(blocks)
    assert [(b.text.text, b.kind) for b in out] == [
        ("Die Ursprünge datieren allerdings weiter zurück. Bereits 2013 unterzeichneten beide.", "body"),
        ("Etappen der Zusammenarbeit", "heading"),
        ("Kolumbien hat den Themenkomplex definiert.", "body"),
    ]
    assert out[0].text.line_range() == (92, 187)


def test_english_paragraph_broken_at_a_page_break_is_rejoined() -> None:
    blocks = [
        Block(track("… and agree on the two per cent", 19), "body"),
        Block(track("target. The Russian invasion …", 21), "body"),
    ]
    assert [b.text.text for b in stitch(blocks)] == ["… and agree on the two per cent target. The Russian invasion …"]


def test_continuation_moves_behind_the_block_it_completes() -> None:
    # blocks 0 and 2 end mid-sentence; block 3 (placed by guess) completes 0 better than it does 2
    gain = {(0, 3): 0.3, (0, 1): -0.2, (2, 3): -0.1}
    order, joins = reattach_continuations([0, 1, 2, 3], {0, 2}, {3}, lambda pairs: [gain.get(p, -1.0) for p in pairs])
    assert order == [0, 3, 1, 2]
    assert joins == {(0, 3)}  # 2 keeps its cut sentence unjoined


def test_the_anchors_successor_wins_ties() -> None:
    order, joins = reattach_continuations([0, 1, 2], {0}, {2}, lambda pairs: [0.0 for _ in pairs])
    assert (order, joins) == ([0, 1, 2], {(0, 1)})


def test_a_join_the_evidence_rejects_is_not_made() -> None:
    blocks = [Block(track("… den eigenen Militär- und Sicherheitsapparat", 220), "body"),
              Block(track("Themenkomplex als wichtig definiert.", 225), "body")]
    assert [b.text.text for b in stitch(blocks, lambda a, b: False)] == [
        "… den eigenen Militär- und Sicherheitsapparat",
        "Themenkomplex als wichtig definiert.",
    ]


def test_a_block_without_anchor_is_placed_by_a_clear_match_of_another_role() -> None:
    # sentence 0 (block 0) has an anchor; sentence 1 (block 1) none within its role, but its
    # best match of any role (target 7) is clear; sentence 2's best is not clear (0.6 vs 0.58)
    ps = TableSim({(0, 2): 0.9, (1, 7): 0.8, (1, 3): 0.3, (2, 4): 0.6, (2, 9): 0.58})
    anywhere = lambda _i, _j: True  # noqa: E731
    assert cross_role_anchors(ps, [0, 1, 2], {0: 2}, 10, anywhere) == {1: 7}
    assert cross_role_anchors(ps, [0, 1, 2], {0: 2}, 10, lambda _i, j: j != 7) == {}


def test_an_anchor_within_its_role_gives_way_to_a_clearly_better_match_of_another_role() -> None:
    # 'Samba 3.5.6;' anchored among the headings to '4.5. The 4.x Releases' (0.3) on its numbers,
    # matching the list item 'Samba 3.5.6' (1.0): it moves; an anchor at 0.75 against 0.8 stays
    ps = TableSim({(0, 3): 0.3, (0, 8): 1.0, (1, 4): 0.75, (1, 9): 0.8})
    assert cross_role_anchors(ps, [0, 1], {0: 3, 1: 4}, 10, lambda _i, _j: True) == {0: 8}


def test_section_numbers_must_agree_when_both_units_have_one() -> None:
    from harness.align.pipeline import _numbers_agree
    from harness.align.recovery import section_number

    def agree(a: str, b: str) -> bool:
        return _numbers_agree(section_number(a), section_number(b))

    assert agree("3.1.3. Dienste des Hauptservers", "3.1.3. Services running on the main server")
    assert not agree("3.1.3. Dienste des Hauptservers", "3.1. Network")
    assert not agree("4.5. Die 4.x-Versionen", "4.6. The 5.x Releases")
    assert agree("Dienste des Hauptservers", "3.1.3. Services running on the main server")  # one side unnumbered


def test_a_footnote_number_after_a_closing_bracket_ends_the_block() -> None:
    """dpkg-deb(1), shuffled boxes: '… (seit Dpkg 1.21.9).9' ends its sentence (note 9 glued on
    after the bracket and the stop), so the next block is not stitched onto it."""
    blocks = [
        Block(track("Setzt die maximale Anzahl an Threads, die für Komprimierer erlaubt sind, die multi-threaded Aktionen erlauben (seit Dpkg 1.21.9).9", 177), "body"),
        Block(track("Setzt für jeden Eintrag in den Dateisystembaumdaten den Eigentümer und die Gruppe auf Kennung 0 (seit Dpkg 1.19.0).", 52), "body"),
    ]
    assert [b.text.text for b in stitch(blocks)] == [b.text.text for b in blocks]


def test_the_successor_of_a_block_adrift_gets_no_margin() -> None:
    """maint-guide, shuffled: '… (eine Mailingliste für Experten),' (block 85, no anchor) sits
    behind its raw predecessor in text whose raw order says nothing, so its successor (block 110,
    '…igste für Sie ist, …', the tail of block 84) is chance; joined, they read worse (-0.09) and
    are not joined. Where raw order holds, the successor keeps the margin."""
    gains = lambda pairs: [-0.09 if p == (85, 110) else -1.0 for p in pairs]  # noqa: E731
    assert reattach_continuations([84, 85, 110], {85}, {85}, gains, adrift=frozenset({85})) == ([84, 85, 110], set())
    assert reattach_continuations([84, 85, 110], {85}, {85}, gains) == ([84, 85, 110], {(85, 110)})


def test_raw_order_holds_when_most_anchored_raw_neighbours_sit_in_order_close_together() -> None:
    block_of = [0, 1, 2, 3, 4]
    assert raw_order_holds(block_of, {0: 1, 1: 3, 2: 4, 3: 40, 4: 41})  # one box out of place
    assert not raw_order_holds(block_of, {0: 30, 1: 3, 2: 70, 3: 12, 4: 51})  # shuffled boxes


def test_two_lines_announcing_what_follows_anchor_whatever_their_roles() -> None:
    """'Items can be repeated:' (a heading of the web dump) and 'Elemente können wiederholt
    werden:' (body text of the PDF, kicad-pl-editor) are counterparts; a colon on one side only,
    or a numbered heading, is no such pair."""
    from harness.align.model import Unit
    from harness.align.pipeline import _role_agrees, announcing_pair

    assert announcing_pair("Elemente können wiederholt werden:", "Items can be repeated:")
    assert not announcing_pair("Diese Basis Elemente können wiederholt werden.", "Items can be repeated:")
    assert not announcing_pair("4.1. Umwandlungselemente:", "4.1. Format symbols:")
    src = [Unit("Elemente können wiederholt werden:", "75", "body"), Unit("Diese Basis Elemente können wiederholt werden.", "40", "body")]
    tgt = [Unit("Items can be repeated:", "88", "heading"), Unit("These basic items can be repeated.", "54", "body")]
    agrees = _role_agrees(src, tgt)
    assert [[agrees(i, j) for j in range(2)] for i in range(2)] == [[True, True], [False, True]]


def test_a_successor_whose_first_sentence_anchors_apart_gets_no_margin() -> None:
    """history, shuffled: '… nur einige interne' (block 0, anchored to target 11) is followed by
    'Debian 0.93 Version 5 wurde …' (block 1, anchored to target 12): joined they read a little
    worse than apart (-0.04), and the true tail (block 3) no better; nothing is joined."""
    gains = {(0, 1): -0.039, (0, 3): -0.033}
    run = lambda apart: reattach_continuations([0, 1, 2, 3], {0}, {3}, lambda pairs: [gains.get(p, -1.0) for p in pairs], apart=apart)  # noqa: E731
    assert run(lambda e, s: False) == ([0, 1, 2, 3], {(0, 1)})
    assert run(lambda e, s: (e, s) == (0, 1)) == ([0, 1, 2, 3], set())


def test_facing_sentences_are_separate_when_both_anchor_to_target_spans_that_do_not_overlap() -> None:
    assert separate_sentences((11, 1), (12, 1))
    assert separate_sentences((12, 2), (10, 2))
    assert not separate_sentences((11, 2), (12, 1))  # the head's two-sentence span holds the tail's
    assert not separate_sentences((11, 1), (11, 1))  # halves of one sentence
    assert not separate_sentences(None, (12, 1)) and not separate_sentences((11, 1), None)


def test_a_lower_case_tail_placed_before_the_block_it_completes_moves_behind_it() -> None:
    """Block 1 ('wurden gewählt: Martin Schulze …', lower case: it opens no sentence) was anchored
    to the same target sentence as block 2 ('Nach dem Rückzug … und drei neue Mitglieder', cut) and
    placed before it; offered as 2's successor, it moves behind it and the sentence is re-joined."""
    gains = {(2, 1): 0.2, (2, 3): -0.3}
    run = lambda tails: reattach_continuations([0, 1, 2, 3], {2}, set(), lambda pairs: [gains.get(p, -1.0) for p in pairs], tails=tails)  # noqa: E731
    assert run(frozenset({1})) == ([0, 2, 1, 3], {(2, 1)})
    assert run(frozenset()) == ([0, 1, 2, 3], set())


def test_a_raw_successor_in_raw_rests_gets_the_successors_margin() -> None:
    """Block 2 follows cut block 1 in raw order but an anchor placed it after block 3: offered as
    1's continuation with the margin, a slight loss on its own (-0.05) is forgiven; without it,
    or with a loss beyond the margin, the order stands."""
    gains = {(1, 2): -0.05}
    run = lambda raw_next, g=gains: reattach_continuations([0, 1, 3, 2], {1}, set(), lambda pairs: [g.get(p, -1.0) for p in pairs], raw_next=raw_next)  # noqa: E731
    assert run(frozenset({2})) == ([0, 1, 2, 3], {(1, 2)})
    assert run(frozenset()) == ([0, 1, 3, 2], set())
    assert run(frozenset({2}), {(1, 2): -0.15}) == ([0, 1, 3, 2], set())


def test_a_raw_rest_taken_by_its_margin_alone_yields_to_a_join_that_reads_better() -> None:
    """The seed article without a dictionary: '… in den Fokus der' + its raw successor 'zurück.'
    (placed after block 3 by an anchor) loses only 0.009 (the short rest adds nothing to the
    head's match), while a guessed block (4)
    gains 0.05 on its own evidence. Ranked by value, the margin would put the raw rest first
    (0.091); as a fallback it comes after, and block 4 completes the sentence."""
    gains = {(1, 2): -0.009, (1, 4): 0.05}
    run = lambda g: reattach_continuations([0, 1, 3, 2, 4], {1}, {4}, lambda pairs: [g.get(p, -1.0) for p in pairs], raw_next=frozenset({2}))  # noqa: E731
    assert run(gains) == ([0, 1, 4, 3, 2], {(1, 4)})
    assert run({(1, 2): -0.009}) == ([0, 1, 2, 3, 4], {(1, 2)})  # no better join: the fallback is taken


def test_raw_rests_keeps_a_page_broken_sentence_and_parts_a_heading_from_its_paragraph(ding) -> None:
    """KiCad's Pl_Editor manual, two-column PDF: a sentence cut at a page foot ('… wenn der Maus' /
    'Cursor sich …') matches joined the one target sentence its head matches; a numbered heading
    and the paragraph under it joined match two target sentences."""
    from harness.align.cleaning import evidence_from
    from harness.align.pipeline import _raw_rests
    from harness.align.similarity import LexicalScorer
    from harness.align.tracked import track

    pieces = [
        "Um eine neues Element hinzuzufügen benutzen Sie die rechte Maustaste wenn der Maus",
        "Cursor sich entweder in der Baumansicht der Elemente (linkes Fenster) oder im Layout Editorfenster (mittleres Fenster) befindet.",
        "10.3. Hinzufügen von Linien, Rechtecken und Texten",
        "Wenn diese Option angewählt wird öffnet sich ein Dialog:",
    ]
    texts = [
        "The left windows shows the list of layout items.",
        "To add a new item, right click the mouse button when the cursor is on the left window or the draw area.",
        "10.3. Adding lines, rectangles and texts",
        "When clicking on the option, a dialog is opened:",
    ]
    fragments = [(k, track(p)) for k, p in enumerate(pieces)]
    index = {k: k for k in range(len(pieces))}
    scorer = LexicalScorer("de", "en", ding)
    rests = _raw_rests({0, 2}, fragments, index, index, scorer, texts, evidence_from(" ".join(pieces)))
    assert rests == frozenset({1})


def test_a_hyphen_partner_far_off_is_offered_to_the_block_it_completes() -> None:
    """Block 1 ends on a broken word; block 9, anchored elsewhere and beyond the nearest guessed
    blocks, opens with its rest: offered through `partners`, it moves behind block 1."""
    gains = {(1, 9): 0.3}
    run = lambda partners: reattach_continuations(list(range(10)), {1}, {2}, lambda pairs: [gains.get(p, -1.0) for p in pairs], partners=partners)  # noqa: E731
    assert run({1: [9]}) == ([0, 1, 9, 2, 3, 4, 5, 6, 7, 8], {(1, 9)})
    assert run(None) == (list(range(10)), set())


def test_only_an_item_ending_on_a_broken_word_reads_as_cut() -> None:
    from harness.align.hyphens import ends_on_broken_word

    assert ends_on_broken_word("debian-policy - Das Debian Policy Manual … sein sollte) usw. Das Wicht-")
    assert not ends_on_broken_word("Linien")
    assert not ends_on_broken_word("pbuilder - Dieses Paket enthält Programme, um eine chroot-Umgebung aufzubauen und zu betreuen")
    assert not ends_on_broken_word("-b, --build -")


def test_a_look_alike_is_no_anchor_where_a_counterpart_of_another_role_matches_better(ding) -> None:
    from harness.align.pipeline import announcing_pair
    from harness.align.similarity import LexicalScorer

    # kicad-pl-editor, shuffled boxes: the body line 'Elemente können wiederholt werden:' matches
    # the heading 'Items can be repeated:' best, which the role check rules out; the body sentence
    # it would then anchor to is the look-alike 'These basic items can be repeated.'
    src = ["Elemente können wiederholt werden:", "Diese Basis Elemente können wiederholt werden."]
    tgt = ["These basic items can be repeated.", "Texts which are repeated accept also an increment value for labels.", "Items can be repeated:"]
    ps = LexicalScorer("de", "en", ding).fit(src, tgt)
    body = lambda _i, j: j != 2  # noqa: E731
    assert find_anchors(ps, 2, 3, body) == {0: 0, 1: 0}
    rival = lambda i, j: announcing_pair(src[i], tgt[j])  # noqa: E731
    # the sentence without a colon has no rival and keeps its anchor
    assert find_anchors(ps, 2, 3, body, rival=rival) == {1: 0}


def test_a_rival_that_matches_worse_leaves_the_anchor() -> None:
    ps = TableSim({(0, 5): 0.9, (0, 6): 0.5})
    assert find_anchors(ps, 1, 10, compatible=lambda _i, j: j != 6, rival=lambda _i, j: j == 6) == {0: 5}


def test_clear_matches_serve_with_and_without_rivals() -> None:
    """_restore_order finds its clear matches once and asks the rival check of them alone: the
    same anchors as find_anchors with the rival, each with the score that won it."""
    ps = TableSim({(0, 5): 0.9, (0, 6): 0.95, (1, 2): 0.7, (2, 3): 0.5, (2, 4): 0.48})
    compatible = lambda _i, j: j != 6  # noqa: E731
    clear = clear_matches(ps, 3, 10, compatible)
    assert clear == {0: (5, 0.9), 1: (2, 0.7)}  # source 2's runner-up is within the margin
    rival = lambda _i, j: j == 6  # noqa: E731
    assert unrivalled(ps, clear, 10, compatible, rival) == {1: (2, 0.7)}  # target 6 beats source 0's anchor
    assert find_anchors(ps, 3, 10, compatible, rival=rival) == {1: 2}
    assert find_anchors(ps, 3, 10, compatible) == {0: 5, 1: 2}


def test_a_word_broken_at_the_cut_is_written_whole() -> None:
    """history, pdflike: 'Bill Mit-' + 'chell, erinnert sich, …' is stitched as the reader rejoins
    the line-end hyphen (joins.cut_glue: 'Mitchell' is a word of the translation); a real hyphen
    stays ('Sicherheits-' + 'und Verteidigung'); without `glue` the hyphen is kept as before."""
    ev = evidence_from("Sicherheits- und Verteidigungspolitik und Verteidigung und Verteidigung", other="Bill Mitchell")
    blocks = [Block(track("Ein frühes Mitglied des Projekts, Bill Mit-"), "body"), Block(track("chell, erinnert sich, dass der Linux-Kernel"), "body")]
    glued = stitch(blocks, glue=lambda h, t: cut_glue(h, t, ev))
    assert [b.text.text for b in glued] == ["Ein frühes Mitglied des Projekts, Bill Mitchell, erinnert sich, dass der Linux-Kernel"]
    assert len(glued[0].text.lines) == len(glued[0].text.text)
    assert [b.text.text for b in stitch(blocks)] == ["Ein frühes Mitglied des Projekts, Bill Mit-chell, erinnert sich, dass der Linux-Kernel"]
    blocks = [Block(track("die gemeinsame Sicherheits-"), "body"), Block(track("und Verteidigung der Union."), "body")]
    assert [b.text.text for b in stitch(blocks, glue=lambda h, t: cut_glue(h, t, ev))] == ["die gemeinsame Sicherheits- und Verteidigung der Union."]
