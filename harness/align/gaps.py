"""Holes in the translation filled from the source's unplaced sentences (shuffled text only).

The translation is read in order. Where a left-over target sentence sits in a short gap between
written pairs (the pairs before and after it vouch that the text around it is in place), its
counterpart, if the source has one, cannot be a sentence already paired: it is one of the source
sentences the alignment left over, most often one of a block whose place in shuffled text was
never found ('Es folgt eine Liste von Diensten …', a block without an anchor, left behind its raw
predecessor). Choosing among the left-overs is a far smaller choice than choosing among all
sentences of the document, so such a pair needs less word evidence than recovery's free pairs
(:mod:`harness.align.recovery`, which looks past order entirely): the normal similarity floor,
no rival left-over on either side that could take its place (see `settled`), and lengths that
agree as a sandwiched pair's must. A short unit (confidence.SHORT_WORDS words or fewer) matches by chance more easily
('Welche eine Begrenzungsbox bilden.' / 'Formats symbols are:' at 0.5): it needs recovery's floor. A sentence stitched from pieces of different blocks must have every piece match
(the check of :func:`harness.align.blockmates.stray_piece`), and the source sentence must read
as a whole one (see `whole_sentence`): a left-over piece of a cut sentence ('mehrere
Zeichenketten desselben Typs angegeben werden.', its head left in another block) would pair with
the whole target sentence, half a pair. A sentence the document repeats word for word (a manual's
recurring 'Falls Sie dies ändern möchten, …') is left alone on either side: which copy fills which
hole is a guess (as in :mod:`harness.align.blockmates`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from harness.align import blockmates, confidence, recovery, sandwich
from harness.align.lang import closes_block
from harness.align.model import AlignedPair, Alignment, SetAside, Unit
from harness.align.similarity import Scorer

KINDS = frozenset({"body", "item"})
MAX_GAP = sandwich.MAX_RUN  # longest run of left-over target sentences that counts as a hole
MARGIN = 0.1  # between the anchors' 0.08 and recovery's 0.15: the target side's place is vouched for
CANDIDATES = 8
# a contested pair (see settled) needs the similarity from which the calibration table
# (confidence.CALIBRATION) puts pairs at 0.88 precision rather than 0.78
CONTESTED_FLOOR = 0.4


def gap_units(tgt: Sequence[Unit], paired: set[int], left: set[int]) -> set[int]:
    """Indices of left-over target units (in `left`) in runs of at most MAX_GAP between two units
    of written pairs (in `paired`); indices into `tgt` (the translation's units in order)."""
    out: set[int] = set()
    k = 0
    while k < len(tgt):
        if k not in left:
            k += 1
            continue
        end = k
        while end < len(tgt) and end in left:
            end += 1
        if end - k <= MAX_GAP and k > 0 and end < len(tgt) and k - 1 in paired and end in paired:
            out |= set(range(k, end))
        k = end
    return out


def leftover(a: SetAside) -> bool:
    """A main-text unit the alignment left over: body text or a list item, or a block taken for a
    pull quote on one side only and sent back to the main text (pipeline._one_sided_quotes_back:
    'Die Option --threads-max erlaubt das Hinwegsetzen über diesen Wert.', a manual's sentence
    that resembles another); in shuffled text its place is as lost as any block's."""
    return (a.reason.startswith("body:") and a.unit.kind in KINDS) or (a.unit.kind == "pullquote" and a.reason == recovery.PULL_QUOTE_LEFT)


def whole_sentence(unit: Unit) -> bool:
    """A unit that opens as a sentence does (not with a lower-case letter: the tail of a sentence
    cut at a block end mostly opens mid-clause, 'ist recht beschwerlich (lesen Sie …') and, as
    body text, ends as a block may (lang.closes_block: a sentence end or a colon announcing what
    follows), not as the head of a cut sentence ('Alle Clients sind so konfiguriert, dass sie
    ihre E-Mails an den')."""
    first = next((c for c in unit.text if c.isalpha()), "")
    return not first.islower() and (unit.kind != "body" or closes_block(unit.text))


def fill_holes(result: Alignment, src: Sequence[Unit], tgt: Sequence[Unit], scorer: Scorer, ratio: float) -> int:
    """Pair left-over source sentences with the target sentences of holes (see the module
    docstring; src, tgt: all main-text units, the translation's in order); returns how many
    pairs it made."""
    src_seen, tgt_seen = Counter(u.text for u in src), Counter(u.text for u in tgt)
    tgt_at = {id(u): k for k, u in enumerate(tgt)}
    paired = {tgt_at[id(u)] for p in result.pairs for u in p.tgt if id(u) in tgt_at}
    src_at = {id(u) for u in src}
    left = [(n, a) for n, a in enumerate(result.unaligned) if leftover(a)]
    src_left = [n for n, a in left if a.side == "src" and id(a.unit) in src_at and whole_sentence(a.unit) and src_seen[a.unit.text] == 1]
    tgt_left = [n for n, a in left if a.side == "tgt" and id(a.unit) in tgt_at and tgt_seen[a.unit.text] == 1]
    if not src_left or not tgt_left:
        return 0
    holes = gap_units(tgt, paired, {tgt_at[id(result.unaligned[n].unit)] for n in tgt_left})
    srcs = [result.unaligned[n].unit for n in src_left]
    tgts = [result.unaligned[n].unit for n in tgt_left]
    ps = scorer.fit([u.text for u in srcs], [u.text for u in tgts])
    by_src: dict[int, list[tuple[float, int]]] = {}
    by_tgt: dict[int, list[tuple[float, int]]] = {}
    for i in range(len(srcs)):
        for j in ps.candidates(i, CANDIDATES):
            s = ps.sim(i, 1, j, 1)
            by_src.setdefault(i, []).append((s, j))
            by_tgt.setdefault(j, []).append((s, i))
    src_ids = {id(u) for u in src}
    placed: dict[int, list[int]] = {}  # source block -> target positions of its written pairs
    for p in result.pairs:
        for u in p.src:
            if id(u) in src_ids:
                placed.setdefault(u.block, []).extend(tgt_at[id(t)] for t in p.tgt if id(t) in tgt_at)
    new: list[AlignedPair] = []
    drop: set[int] = set()
    taken_src: set[int] = set()
    taken_tgt: set[int] = set()
    tops = {i: min(row, key=lambda x: (-x[0], x[1])) for i, row in by_src.items()}  # each source's best target
    offers = sorted(((s, i, j) for i, (s, j) in tops.items()), key=lambda x: (-x[0], x[1]))
    for s, i, j in offers:
        if i in taken_src or j in taken_tgt or tgt_at[id(tgts[j])] not in holes or not settled(i, j, by_src, by_tgt, taken_src, taken_tgt):
            continue
        a, b = srcs[i].text, tgts[j].text
        if _mates_elsewhere(placed.get(srcs[i].block, ()), tgt_at[id(tgts[j])]):
            continue
        if not recovery.numbers_agree(a, b) or confidence.rejection(a, b, s, ratio):
            continue
        if min(len(a.split()), len(b.split())) <= confidence.SHORT_WORDS and s < recovery.MIN_SCORE:
            continue
        if confidence.length_factor(a, b, ratio) > sandwich.MAX_LENGTH_FACTOR or blockmates.stray_piece(srcs[i], b, scorer):
            continue
        new.append(AlignedPair((srcs[i],), (tgts[j],), tgts[j].kind, s))
        drop |= {src_left[i], tgt_left[j]}
        taken_src.add(i)
        taken_tgt.add(j)
    if new:
        recovery.insert_pairs(result.pairs, new)
        result.unaligned = [x for n, x in enumerate(result.unaligned) if n not in drop]
    return len(new)


def fill_holes_with_mates(result: Alignment, src: Sequence[Unit], tgt: Sequence[Unit], scorer: Scorer, ratio: float) -> int:
    """Fill holes, then pair the block mates of the new pairs: a hole's pair holds the sentences
    next to it in its two blocks in place as any written pair does (blockmates.pair_block_mates:
    'Auch zum Abmelden gibt es ein Formular.' / 'You can also un-subscribe using a WWW form.', at
    0.29 too weak for a hole, after 'Sie können die Mailingliste auch abonnieren, …'). Returns how
    many pairs both made."""
    made = fill_holes(result, src, tgt, scorer, ratio)
    return made + blockmates.pair_block_mates(result, src, tgt, scorer, ratio) if made else 0


def _mates_elsewhere(mates: Sequence[int], hole: int) -> bool:
    """A source block moves as a whole in shuffled text: where sentences of the block are paired
    already, their targets say where the block went. A left-over sentence of a placed block
    belongs next to its mates' targets, not in a hole farther away than a hole is long (a man
    page's 'Gefunden und angezeigt wird die Handbuchseite, …' matched 'By default, man will exit
    after displaying the most suitable manual page …' in a hole far from where its block's other
    sentences were paired). `mates`: target positions of the block's written pairs."""
    return bool(mates) and min(abs(m - hole) for m in mates) > MAX_GAP + 1


def settled(
    i: int,
    j: int,
    by_src: dict[int, list[tuple[float, int]]],
    by_tgt: dict[int, list[tuple[float, int]]],
    taken_src: set[int],
    taken_tgt: set[int],
    margin: float = MARGIN,
) -> bool:
    """Whether pairing source i with target j beats, by `margin`, every swap with a rival: another
    free target that i matches nearly as well (within `margin`), or another free source that
    matches j nearly as well or better. A sentence has one counterpart, so a rival is weighed
    together with what the one it would displace is left with among the free sentences (those
    not `taken` by a surer pair, decided first): 'Es gibt eine Reihe von Debian betreffenden
    Mailinglisten.' matches 'There are a lot of Debian-related mailing lists.' at 0.44 and, on
    the name alone, 'If you add Debian to those search strings, …' at 0.43, the counterpart of
    'Wenn Debian dieser Suchanfrage hinzugefügt wird, …' (0.40), which has no other: the two
    pairs together beat the swap clearly. A rival whose fallback a surer pair has taken keeps
    its claim. Where the best is clearly best on both sides there is no rival: the mutual clear
    best of recovery. A pair that had rivals rests on their scores as much as on its own, so its
    own must reach CONTESTED_FLOOR ('Dies kann immer nur eine Maschine in einem Netzwerk machen.',
    whose counterpart the translation merged into a sentence paired elsewhere, matches a
    left-over on 'machines' at 0.33 and beat its one rival only because that had another home)."""

    def fallback(row: list[tuple[float, int]], without: int, taken: set[int]) -> float:
        return max((sc for sc, k in row if k != without and k not in taken), default=0.0)

    s = next(sc for sc, k in by_src[i] if k == j)
    rivals = 0
    for sc, j2 in by_src[i]:  # j2 kept by its best other source, j left to its own: against i taking j2
        if j2 != j and j2 not in taken_tgt and sc > s - margin:
            rivals += 1
            if s + fallback(by_tgt[j2], i, taken_src) < sc + fallback(by_tgt[j], i, taken_src) + margin:
                return False
    for sc, k in by_tgt[j]:
        if k != i and k not in taken_src and sc > s - margin:
            rivals += 1
            if s + fallback(by_src[k], j, taken_tgt) < sc + fallback(by_src[i], j, taken_tgt) + margin:
                return False
    return not rivals or s >= CONTESTED_FLOOR
