"""Left-over sentences next to a pair inside the same block: the block keeps their order.

Shuffled or badly extracted text loses the order of its blocks, never the order of the
sentences inside one block (a paragraph is moved whole). When a block lands in the wrong place
the monotonic alignment keeps only part of it, and recovery (:mod:`harness.align.recovery`)
asks for a strong word match because it gives up order. But a left-over sentence that directly
follows (or precedes) a written pair's source sentence in the same block, where the translation
likewise has a left-over sentence directly after (or before) that pair's target sentence in the
same paragraph, sits exactly where its counterpart sits: order within the two blocks holds it in
place, as the pairs around a sandwiched sentence do (:mod:`harness.align.sandwich`). It is
judged with the sandwich floors and length limit ("Es gibt eine Reihe von Debian betreffenden
Mailinglisten." / "There are a lot of Debian-related mailing lists.", after the pair of the
sentence before it). A sentence stitched from pieces of different blocks (a cut sentence
re-joined, maybe with the wrong continuation) is not one the block holds in place: it is left
to the alignment's own checks; nor is a pair or a sentence the document repeats word for word
(a manual's recurring paragraph): which copy the pair took is a guess, and its neighbour would
inherit it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from harness.align import confidence, recovery, sandwich
from harness.align.model import AlignedPair, Alignment, SetAside, Unit
from harness.align.similarity import Scorer

KINDS = frozenset({"body", "item"})
CANDIDATES = 8
ROUNDS = 3  # a run of left-over sentences is paired from its written neighbour outwards


def pair_block_mates(result: Alignment, src: Sequence[Unit], tgt: Sequence[Unit], scorer: Scorer, ratio: float) -> int:
    """Pair left-over main-text units (src, tgt: all units in order) that neighbour a written
    pair inside the same source block and the same target block; returns how many it made."""
    made = 0
    for _ in range(ROUNDS):
        new = _one_round(result, src, tgt, scorer, ratio)
        if not new:
            break
        made += new
    return made


def _one_round(result: Alignment, src: Sequence[Unit], tgt: Sequence[Unit], scorer: Scorer, ratio: float) -> int:
    src_at = {id(u): k for k, u in enumerate(src)}
    src_seen, tgt_seen = Counter(u.text for u in src), Counter(u.text for u in tgt)
    tgt_at = {id(u): k for k, u in enumerate(tgt)}
    left = {
        (a.side, a.unit.lines, a.unit.text): n
        for n, a in enumerate(result.unaligned)
        if a.reason.startswith("body:") and a.unit.kind in KINDS
    }

    def free(side: str, unit: Unit) -> int | None:
        return left.get((side, unit.lines, unit.text))

    offers: list[tuple[int, int]] = []
    for pair in result.pairs:
        if pair.src[0].kind not in KINDS or id(pair.src[0]) not in src_at or id(pair.tgt[0]) not in tgt_at:
            continue
        ends = ((src_at[id(pair.src[-1])], tgt_at[id(pair.tgt[-1])], 1), (src_at[id(pair.src[0])], tgt_at[id(pair.tgt[0])], -1))
        for i, j, step in ends:
            a, b = i + step, j + step
            if not (0 <= a < len(src) and 0 <= b < len(tgt)):
                continue
            if src[a].block != src[i].block or tgt[b].block != tgt[j].block:
                continue
            if max(src_seen[src[i].text], src_seen[src[a].text], tgt_seen[tgt[j].text], tgt_seen[tgt[b].text]) > 1:
                continue  # a sentence the document repeats: which copy a pair took is a guess its neighbour inherits
            if free("src", src[a]) is not None and free("tgt", tgt[b]) is not None:
                offers.append((a, b))
    offers = list(dict.fromkeys(offers))
    src_uses, tgt_uses = Counter(a for a, _ in offers), Counter(b for _, b in offers)
    offers = [(a, b) for a, b in offers if src_uses[a] == 1 and tgt_uses[b] == 1]  # claimed from two sides: no evidence
    if not offers:
        return 0
    ps = scorer.fit([src[a].text for a, _ in offers], [tgt[b].text for _, b in offers])
    new: list[AlignedPair] = []
    drop: set[int] = set()
    for k, (a, b) in enumerate(offers):
        s, t, score = src[a].text, tgt[b].text, ps.sim(k, 1, k, 1)
        if confidence.rejection(s, t, score, ratio, sandwich.FLOORS) or confidence.length_factor(s, t, ratio) > sandwich.MAX_LENGTH_FACTOR:
            continue
        if stray_piece(src[a], t, scorer) or stray_piece(tgt[b], s, scorer, confidence.TARGET_PIECE_WORDS):
            continue
        new.append(AlignedPair((src[a],), (tgt[b],), tgt[b].kind, score))
        drop |= {left[("src", src[a].lines, s)], left[("tgt", tgt[b].lines, t)]}
    if new:
        recovery.insert_pairs(result.pairs, new)
        result.unaligned = [x for n, x in enumerate(result.unaligned) if n not in drop]
    return len(new)


def stray_piece(unit: Unit, other: str, scorer: Scorer, least: int = confidence.PIECE_WORDS) -> bool:
    """Whether a sentence stitched from pieces of different blocks has a piece (of `least` words
    or more) that shares nothing with the other side: a cut sentence completed with the wrong
    continuation, which its block neighbour does not vouch for (the check the alignment makes,
    see pipeline._stray_pieces)."""
    pieces = [p for p in unit.pieces() if len(p.split()) >= least] if unit.seams else []
    if not pieces:
        return False
    ps = scorer.fit(pieces, [other] * len(pieces))
    return any(confidence.containment(ps.sim(k, 1, k, 1), p, other) < confidence.MIN_PIECE_SCORE for k, p in enumerate(pieces))


def shuffled(order: Sequence[int]) -> bool:
    """Whether restoring the reading order moved most blocks away from their raw neighbours
    (shuffled boxes), rather than a box or a column out of place: only then is a block's place
    lost and the order inside it the evidence left. Where raw order holds, the alignment saw a
    left-over sentence in place and rejected it with reason."""
    return sum(b == a + 1 for a, b in zip(order, order[1:])) < (len(order) - 1) / 2


SWAP_MARGIN = 0.15  # recovery's margin: order is the evidence given up


def better_partners(result: Alignment, scorer: Scorer, ratio: float) -> int:
    """In shuffled text, re-pair a written 1-1 pair's source sentence with a left-over target
    sentence it matches clearly better (by SWAP_MARGIN, above recovery's floor) and that matches
    no other written source sentence as well; the old target is set aside. The alignment pairs
    by position, and in shuffled text a block's position is a guess: a block placed in the wrong
    spot gets its sentences paired with whatever sits there ('Der DNS-Server ist als
    zwischenspeichernder DNS-Server konfiguriert …' / 'Below is a table of the services …')
    while the counterpart ('The DNS server is set up as caching DNS server …') is left over.
    Returns how many pairs it changed."""
    left = [n for n, a in enumerate(result.unaligned) if a.side == "tgt" and a.reason.startswith("body:") and a.unit.kind in KINDS]
    cand = [k for k, p in enumerate(result.pairs) if len(p.src) == 1 and len(p.tgt) == 1 and p.src[0].kind in KINDS]
    if not left or not cand:
        return 0
    targets = [result.unaligned[n].unit.text for n in left] + [result.pairs[k].tgt[0].text for k in cand]
    ps = scorer.fit([result.pairs[k].src[0].text for k in cand], targets)
    best: dict[int, tuple[float, int]] = {}  # left-over target -> (score, candidate) of its best written source
    offers: list[tuple[float, int, int]] = []
    for c in range(len(cand)):
        row = sorted(((ps.sim(c, 1, j, 1), j) for j in ps.candidates(c, CANDIDATES) if j < len(left)), key=lambda x: (-x[0], x[1]))
        if not row:
            continue
        old = ps.sim(c, 1, len(left) + c, 1)
        for s, j in row:
            if s > best.get(j, (-1.0, -1))[0]:
                best[j] = (s, c)
        if row and row[0][0] >= recovery.MIN_SCORE and row[0][0] - old >= SWAP_MARGIN:
            offers.append((row[0][0], c, row[0][1]))
    return _re_pair(result, "tgt", cand, left, offers, best, ratio)


def better_sources(result: Alignment, scorer: Scorer, ratio: float) -> int:
    """In shuffled text, re-pair a written 1-1 pair's target sentence with a left-over source
    sentence that matches it clearly better (by SWAP_MARGIN, above recovery's floor) and matches no
    other written target sentence as well; the old source is set aside. better_partners' mirror:
    the translation is read in order, but a source block placed in the wrong spot takes the place
    of the one that belongs there ('Ich erwähne hier nur Dinge, die für Anwender-typische
    Verbindungen passend sind.' / 'These addresses are guaranteed not to conflict with any
    addresses on the Internet proper.'), while that one is left over ('Diese Adressen werden
    bestimmt nicht mit irgendwelchen Adressen im Internet kollidieren.'). Returns how many pairs
    it changed."""
    left = [n for n, a in enumerate(result.unaligned) if a.side == "src" and a.reason.startswith("body:") and a.unit.kind in KINDS]
    cand = [k for k, p in enumerate(result.pairs) if len(p.src) == 1 and len(p.tgt) == 1 and p.tgt[0].kind in KINDS]
    if not left or not cand:
        return 0
    sources = [result.unaligned[n].unit.text for n in left] + [result.pairs[k].src[0].text for k in cand]
    ps = scorer.fit(sources, [result.pairs[k].tgt[0].text for k in cand])
    best: dict[int, tuple[float, int]] = {}  # left-over source -> (score, candidate) of its best written target
    column: dict[int, list[tuple[float, int]]] = {}  # written target -> (score, left-over source) of the left-overs that match it
    for i in range(len(left)):  # row by row: the left-overs are few, the written pairs many
        for c in ps.candidates(i, CANDIDATES):
            s = ps.sim(i, 1, c, 1)
            column.setdefault(c, []).append((s, i))
            if s > best.get(i, (-1.0, -1))[0]:
                best[i] = (s, c)
    offers: list[tuple[float, int, int]] = []
    for c, found in column.items():
        top, i = max(found, key=lambda x: (x[0], -x[1]))
        if top >= recovery.MIN_SCORE and top - ps.sim(len(left) + c, 1, c, 1) >= SWAP_MARGIN:
            offers.append((top, c, i))
    return _re_pair(result, "src", cand, left, offers, best, ratio)


def _re_pair(
    result: Alignment, side: str, cand: list[int], left: list[int], offers: list[tuple[float, int, int]],
    best: dict[int, tuple[float, int]], ratio: float,
) -> int:
    """better_partners' and better_sources' re-pairing: each offer (score, candidate, left-over)
    puts the left-over unit (indices into `left`, of result.unaligned) on `side` of the written
    pair (indices into `cand`, of result.pairs) where that pair is the left-over's own best and the
    new pair passes confidence.rejection; the unit it replaces is set aside. Returns how many."""
    new: list[AlignedPair] = []
    dropped: set[int] = set()
    taken: set[int] = set()
    freed: list[SetAside] = []
    other = "source" if side == "tgt" else "translation"
    for s, c, j in offers:
        pair, unit = result.pairs[cand[c]], result.unaligned[left[j]].unit
        src, tgt = (pair.src, (unit,)) if side == "tgt" else ((unit,), pair.tgt)
        if best[j][1] != c or confidence.rejection(src[0].text, tgt[0].text, s, ratio):
            continue
        new.append(AlignedPair(src, tgt, tgt[0].kind, s))
        dropped.add(cand[c])
        taken.add(left[j])
        freed.append(SetAside(side, (pair.tgt if side == "tgt" else pair.src)[0], f"body: its {other} matched another sentence better"))
    if not new:
        return 0
    result.unaligned = [a for n, a in enumerate(result.unaligned) if n not in taken] + freed
    result.pairs = [p for k, p in enumerate(result.pairs) if k not in dropped]
    recovery.insert_pairs(result.pairs, new)
    return len(new)
