"""A second chance for sentences the monotonic alignment left over.

A text box whose reading order could not be restored (a heading or a one-line box with no
anchor of its own) lands in the wrong place, and the monotonic DP then leaves it unaligned
although its counterpart is plainly there. Left-over units of the main text are paired here
without regard to order, but only where both are each other's clear best match, similar well
above the usual floor, and any section numbers agree: order is the evidence this pass gives up,
so it asks for more of the rest.

Look-alike lines of a list ('Inhalte des Mailinglistenarchivs von debian-devel@lists.debian.org' /
'… von debian-mentors@…') match each other's counterparts equally well: their similarity rests on
5-letter keys ('debia') and dictionary senses, and saturates. Between such twins the names copied
verbatim decide (`clear_best`'s `names`): of the candidates that tie at the top, the one sharing
strictly the most exact words with the unit is its best, still only where that holds both ways.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from harness.align import confidence
from harness.align.lang import ALL_STOPWORDS, words
from harness.align.model import AlignedPair, Alignment, SetAside, Unit, first_line
from harness.align.similarity import Scorer

MIN_SCORE = 0.6
# units of at most confidence.SHORT_WORDS words with a single content word on a side: their one shared
# word (a dictionary sense, 'Grundlegender' -> 'changing' against 'How to Change') scores 0.67, and
# out of order nothing else speaks for it ('Ian Murdock merkt an:' / 'Ian Murdock states:' shares two)
MIN_SHORT_SCORE = 0.8
MARGIN = 0.15
MAX_LENGTH_FACTOR = 1.5  # tighter than the main text's: a left-over fragment is often half a sentence
KINDS = frozenset({"body", "heading", "item", "title", "lead"})
PULL_QUOTE_LEFT = "pullquote without counterpart"  # why pipeline._alone sets a one-sided pull quote aside (gaps and late recovery read it)
_SECTION = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s")


@lru_cache(maxsize=1 << 16)
def section_number(text: str) -> str | None:
    m = _SECTION.match(text)
    return m.group(1) if m else None


def numbers_agree(a: str, b: str) -> bool:
    na, nb = section_number(a), section_number(b)
    return na is None or nb is None or na == nb


def leftovers(result: Alignment, side: str, quotes: bool = False) -> list[int]:
    """Indices of the set-aside units of `side` that are left-overs of the main text; with
    `quotes`, also the one-sided pull quotes (:func:`one_sided_quote`)."""
    return [
        k
        for k, a in enumerate(result.unaligned)
        if a.side == side and (a.unit.kind in KINDS and a.reason.startswith("body:") or quotes and one_sided_quote(a))
    ]


def one_sided_quote(aside: SetAside) -> bool:
    """A unit read as a pull quote that found no pull quote to pair with on the other side
    (pipeline._one_sided_quotes_back sent it back to the main text, whole, of its own kind) and no
    place there either. What the reader takes for a restatement is often a body sentence whose rare
    words two sentences before it repeat ('Here is an example of a crontab(5) file.' after 'See
    crontab(1) and crontab(5). You can schedule … a crontab(5) file …'), or a look-alike of a
    repetitive text ('Here is a summary of archive and compression tools …' / '… of simple copy and
    backup tools …'), while its translation, worded otherwise ('Hier ein Beispiel einer
    crontab(5)-Datei:'), stayed body text: the two are left over on different lists. Only the late
    recovery takes them (at recover's own floor, see late_recovery.recover_set_aside): a real
    one-sided pull quote must not be paired while the alignment still places units."""
    return aside.unit.kind == "pullquote" and (aside.reason == PULL_QUOTE_LEFT or aside.reason.startswith("body:"))


def recover(
    result: Alignment,
    scorer: Scorer,
    ratio: float = 1.0,
    floor: float = MIN_SCORE,
    accept: Callable[[Unit, Unit, float], bool] | None = None,
    quotes: bool = False,
    more: dict[str, set[int]] | None = None,
    rounds: bool = False,
) -> int:
    """Pair mutually best left-over units of the main text; returns how many pairs it made.
    `floor`: the least similarity; `accept` (source unit, target unit, similarity): a further
    check a candidate pair must pass; `quotes`: one-sided pull quotes take part (leftovers);
    `more`: side -> further indices in result.unaligned that take part. With `rounds`, pairs are
    made in rounds, each among the units the rounds before left (a unit whose rival was just paired
    may be clearly best now), and twins are told apart (:func:`twin_choice`)."""
    more = more or {}
    src_at = sorted({*leftovers(result, "src", quotes), *more.get("src", ())})
    tgt_at = sorted({*leftovers(result, "tgt", quotes), *more.get("tgt", ())})
    if not src_at or not tgt_at:
        return 0
    src = [result.unaligned[k].unit for k in src_at]
    tgt = [result.unaligned[k].unit for k in tgt_at]
    ps = scorer.fit([u.text for u in src], [u.text for u in tgt])
    sims = {(i, j): ps.sim(i, 1, j, 1) for i in range(len(src)) for j in ps.candidates(i, 8)}
    by_src: dict[int, list[tuple[float, int]]] = {}
    by_tgt: dict[int, list[tuple[float, int]]] = {}
    for (i, j), s in sims.items():
        by_src.setdefault(i, []).append((s, j))
        by_tgt.setdefault(j, []).append((s, i))
    src_names = [verbatim(u.text) for u in src]
    tgt_names = [verbatim(u.text) for u in tgt]

    def column_best(j: int, taken: set[int]) -> int:
        return clear_best([(x, k) for x, k in by_tgt[j] if k not in taken], names=lambda k: len(src_names[k] & tgt_names[j]))[1]

    made: list[tuple[int, int, float]] = []
    refused: set[tuple[int, int]] = set()
    while True:  # rounds: a unit whose rival was just paired may be clearly best now
        taken = {i for i, _, _ in made}, {j for _, j, _ in made}
        found = []
        for i, row in sorted(by_src.items()):
            if i in taken[0]:
                continue
            free = [(x, j) for x, j in row if j not in taken[1]]
            if not free:
                continue
            s, j = clear_best(free, names=lambda j, i=i: len(src_names[i] & tgt_names[j]))
            if j < 0 and rounds:
                s, j = twin_choice(i, free, lambda j: column_best(j, taken[0]), lambda j, i=i: len(src_names[i] & tgt_names[j]))
            if j < 0 or s < floor or (i, j) in refused or column_best(j, taken[0]) != i:
                continue
            if not out_of_order_pair(src[i].text, tgt[j].text, s, ratio) or (accept is not None and not accept(src[i], tgt[j], s)):
                refused.add((i, j))
                continue
            found.append((i, j, s))
        made += found
        if not found or not rounds:
            break
    if not made:
        return 0
    drop = {src_at[i] for i, _, _ in made} | {tgt_at[j] for _, j, _ in made}
    _insert(result.pairs, [AlignedPair((src[i],), (tgt[j],), tgt[j].kind, s) for i, j, s in made])
    result.unaligned = [a for k, a in enumerate(result.unaligned) if k not in drop]
    return len(made)


def out_of_order_pair(src: str, tgt: str, score: float, ratio: float) -> bool:
    """What a pair of left-over units placed without regard to order needs beyond the floor: short
    units resting on one word score MIN_SHORT_SCORE, section numbers agree, the main text's checks
    (confidence.rejection) pass and the lengths agree within MAX_LENGTH_FACTOR."""
    if score < MIN_SHORT_SCORE and one_word_evidence(src, tgt):
        return False
    return numbers_agree(src, tgt) and confidence.rejection(src, tgt, score, ratio) is None and confidence.length_factor(src, tgt, ratio) <= MAX_LENGTH_FACTOR


def one_word_evidence(src: str, tgt: str) -> bool:
    """Short units (at most confidence.SHORT_WORDS words) where a side has a single content word:
    whatever they share is one word."""
    if min(len(src.split()), len(tgt.split())) > confidence.SHORT_WORDS:
        return False
    return min(sum(w.lower() not in ALL_STOPWORDS for w in words(text)) for text in (src, tgt)) < 2


def verbatim(text: str) -> frozenset[str]:
    """The words of a unit a translation would copy as they are: exact case, no function word."""
    return frozenset(w for w in words(text) if len(w) >= 3 and w.lower() not in ALL_STOPWORDS)


def twin_choice(i: int, row: list[tuple[float, int]], column_best: Callable[[int], int], names: Callable[[int], int] = lambda j: 0) -> tuple[float, int]:
    """Source i's better target where its row is no clear choice between its top two but i is the
    clear best of both their columns (twin sentences on each side, 'Es folgen sehr wichtige
    Dokumente, …' / 'Hier einige wichtige Dokumente, …' against 'The following is the very important
    documentation …' / 'The following is the important documentation …'): the one that matches i
    better is i's, and the other is left to the next round, unless the other shares more names
    with i (`names`: index -> exact words shared): look-alike list lines differ in the name they
    copy ('… von debian-devel@lists.debian.org' / '… von debian-mentors@…'), and the name, not a
    small difference of score, says which is which. (score, index), or (0, -1)."""
    ranked = sorted(row, key=lambda x: (-x[0], x[1]))
    if len(ranked) < 2 or ranked[0][0] <= ranked[1][0] or any(column_best(j) != i for _, j in ranked[:2]):
        return 0.0, -1
    if names(ranked[1][1]) > names(ranked[0][1]):
        return 0.0, -1
    return ranked[0]


def clear_best(row: list[tuple[float, int]], margin: float = MARGIN, names: Callable[[int], int] | None = None) -> tuple[float, int]:
    """The best (score, index) when it beats the runner-up by `margin`, else (0, -1). With
    `names` (index -> exact words shared), a tie at the top score, at MIN_SCORE or above, goes to
    the one of the tied sharing strictly the most names, unless a candidate within the margin
    below shares more (look-alike lines: see the module). A tie below MIN_SCORE is left alone: a
    stitched piece ('start-stop-daemon wird Gibt eine Meldung …') ties at 0.5 with two sentences
    that name the same command, and the name says nothing of which one it is."""
    ranked = sorted(row, key=lambda x: (-x[0], x[1]))
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < margin:
        top = ranked[0][0]
        if names is None or ranked[1][0] < top or top < MIN_SCORE:  # twins match well; a weak tie is no evidence
            return 0.0, -1
        near = [(names(j), s, j) for s, j in ranked if top - s < margin]
        most = max(n for n, s, _ in near if s == top)
        winners = [j for n, s, j in near if s == top and n == most]
        rivals = [(n, s) for n, s, j in near if j not in winners]
        if len(winners) == 1 and all(n < most or (n == most and s < top) for n, s in rivals):
            return top, winners[0]
        return 0.0, -1
    return ranked[0]


def _insert(pairs: list[AlignedPair], new: list[AlignedPair]) -> None:
    """Keep the written set in the translation's order: each new pair goes after the last
    main-text pair whose target starts earlier."""
    keys = [first_line(p.tgt[0].lines) if p.kind in KINDS else None for p in pairs]
    for pair in sorted(new, key=lambda p: first_line(p.tgt[0].lines)):
        line = first_line(pair.tgt[0].lines)
        at = 1 + max((k for k, key in enumerate(keys) if key is not None and key < line), default=-1)
        pairs.insert(at, pair)
        keys.insert(at, line)


insert_pairs = _insert  # used by harness.align.blockmates as well
