"""Restore the reading order of shuffled source blocks and re-join sentences cut at block ends.

Two-column PDF extraction emits text boxes out of order. Each source block is placed at the
median target position of its confidently anchored sentences (a block without anchors stays
right after its raw predecessor). A block that ends mid-sentence then gets the block that
completes the sentence best (judged against the target) moved behind it, and `stitch` joins
the two halves where that evidence allows.

In shuffled text a sentence whose best counterpart has another role (a body line announcing a list,
'Elemente können wiederholt werden:', against the translation's heading 'Items can be repeated:')
is no anchor: the role check rules that counterpart out, and the best match left is a look-alike
('These basic items can be repeated.') that would move the block onto another's place
(`find_anchors`' `rival`).
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from harness.align.lang import ends_sentence
from harness.align import two_sides
from harness.align.similarity import KeySim, PairSim
from harness.align.tracked import Tracked

CANDIDATES = 8
NEAREST = 30  # blocks (in raw order) tried as the continuation of a cut sentence
STAY_SLACK = 0.2  # a block stays in place when it matches there within this of its best elsewhere
STAY_WINDOW = 12  # ... between raw neighbours at most this many target sentences apart


@dataclass(frozen=True)
class Block:
    text: Tracked
    kind: str


def best_match(ps: PairSim, i: int, n_tgt: int, compatible: Callable[[int, int], bool] = lambda _i, _j: True) -> list[tuple[float, int, int]]:
    """Scored target spans (one sentence, or two: translators split sentences) for source i, best first."""
    scored: list[tuple[float, int, int]] = []
    taken = 0
    for j in ps.candidates(i, 3 * CANDIDATES):
        if taken == CANDIDATES:
            break
        if not compatible(i, j):
            continue
        taken += 1
        scored.append((ps.sim(i, 1, j, 1), j, 1))
        scored += [(ps.sim(i, 1, k, 2), k, 2) for k in (j - 1, j) if 0 <= k and k + 1 < n_tgt]
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    return scored


def find_anchors(
    ps: PairSim,
    n_src: int,
    n_tgt: int,
    compatible: Callable[[int, int], bool] = lambda _i, _j: True,
    min_sim: float = 0.3,
    margin: float = 0.08,
    rival: Callable[[int, int], bool] | None = None,
) -> dict[int, int]:
    """Source sentence -> target sentence, where one target (or target pair: translators split
    sentences) is clearly the best match; the runner-up must not overlap the winner.
    `compatible` keeps headings anchoring to headings, body text to body text. A `rival` target
    may not be anchored to but still counts as a runner-up: a counterpart the role check cannot
    confirm may be the true one, so a look-alike matched no better elsewhere is no clear match."""
    clear = clear_matches(ps, n_src, n_tgt, compatible, min_sim, margin)
    if rival is not None:
        clear = unrivalled(ps, clear, n_tgt, compatible, rival)
    return {i: j for i, (j, _best) in clear.items()}


def clear_matches(
    ps: PairSim, n_src: int, n_tgt: int, compatible: Callable[[int, int], bool], min_sim: float = 0.3, margin: float = 0.08
) -> dict[int, tuple[int, float]]:
    """find_anchors without rivals, with each anchor's score: source -> (target, score). Each
    source sentence is judged alone, so a long document is judged in two halves, one on each core
    (two_sides.halves); the candidate lists the child ranked come back with its matches, as later
    passes ask for the same sentences' candidates again."""

    def part(items: range) -> dict[int, tuple[tuple[int, float] | None, list[int] | None]]:
        found: dict[int, tuple[tuple[int, float] | None, list[int] | None]] = {}
        for i in items:
            scored = best_match(ps, i, n_tgt, compatible)
            match = None
            if scored:
                best, j, d = scored[0]
                second = max((s for s, k, dk in scored if k + dk <= j or k >= j + d), default=0.0)
                match = (j, best) if best >= min_sim and best - second >= margin else None
            found[i] = (match, ps.known_candidates(i, 3 * CANDIDATES) if isinstance(ps, KeySim) else None)
        return found

    judged = two_sides.halves(part, n_src)
    if isinstance(ps, KeySim):
        ps.remember_candidates({i: ranked for i, (_match, ranked) in judged.items() if ranked is not None}, 3 * CANDIDATES)
    return {i: match for i, (match, _ranked) in judged.items() if match is not None}


def unrivalled(
    ps: PairSim, clear: dict[int, tuple[int, float]], n_tgt: int, compatible: Callable[[int, int], bool], rival: Callable[[int, int], bool]
) -> dict[int, tuple[int, float]]:
    """The clear matches that no `rival` target (one `compatible` rules out) matches better (see
    find_anchors): only asked of a sentence that would be anchored, as the search is not free; so
    one set of clear matches serves with and without rivals."""
    outside = lambda a, b: rival(a, b) and not compatible(a, b)  # noqa: E731
    return {i: (j, best) for i, (j, best) in clear.items() if not any(s > best for s, _k, dk in best_match(ps, i, n_tgt, outside) if dk == 1)}


def cross_role_anchors(
    ps: PairSim,
    block_of: Sequence[int],
    anchors: dict[int, int],
    n_tgt: int,
    crossing: Callable[[int, int], bool],
    min_sim: float = 0.5,
    margin: float = 0.08,
) -> dict[int, int]:
    """Anchors for the sentences of blocks that have none, found without the role check.

    A block's role is read from its layout, and the two sides' layouts need not agree: a short
    line alone in a box of shuffled or extracted text reads as a heading where the translation
    has it as a list item ('Wie können Sie Debian helfen? (offiziell)' / '* How can you help
    Debian? (official)'), and a numbered heading glued into a box reads as body text. Left without
    an anchor, such a block would only follow its raw predecessor, which in shuffled text is
    anywhere; a clear match of any role places it better. It only orders blocks: pairing still
    goes through the alignment and its confidence rules, and `settled` keeps the block where it
    is when it reads as well there. A block anchored within its role moves to such a match too
    when it scores `margin` better there than at its anchor ('Samba 3.5.6;', a one-line box read
    as a heading, matches the item 'Samba 3.5.6' at 1.0, and among the headings only '4.5. The 4.x
    Releases' on its numbers).
    """
    placed = {block_of[i] for i in anchors}
    found: dict[int, int] = {}
    for i, b in enumerate(block_of):
        if b in placed and i not in anchors:
            continue  # a placed block's other sentences are not looked at: cheap first
        scored = best_match(ps, i, n_tgt)
        if not scored or not crossing(i, scored[0][1]):
            continue
        best, j, d = scored[0]
        second = max((s for s, k, dk in scored if k + dk <= j or k >= j + d), default=0.0)
        if b in placed and best - ps.sim(i, 1, anchors[i], 1) < margin:
            continue
        if best >= min_sim and best - second >= margin:
            found[i] = j
    return found


def monotone_anchors(anchors: dict[int, int]) -> list[tuple[int, int]]:
    """The longest chain of anchors increasing on both sides (drops stray matches)."""
    pairs = sorted(anchors.items())
    tails: list[int] = []
    tail_idx: list[int] = []
    prev: list[int] = [-1] * len(pairs)


    for k, (_i, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos > 0 else -1
    chain: list[tuple[int, int]] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(pairs[k])
        k = prev[k]
    return chain[::-1]


def settled(
    block_of: Sequence[int],
    anchors: dict[int, int],
    ps: PairSim,
    n_tgt: int,
    compatible: Callable[[int, int], bool] = lambda _i, _j: True,
    slack: float = STAY_SLACK,
    window: int = STAY_WINDOW,
) -> dict[int, int]:
    """The anchors without those of blocks that read as well where they already are.

    Raw order is evidence too: where a block's raw neighbours (the nearest blocks before and after
    it that have anchors) sit in order and close together in the translation, the block is most
    likely in place (clean text, or a box the extraction kept in order). It moves away only when
    its anchors match clearly better than anything between those neighbours; a one-sentence
    block whose lone anchor is a look-alike elsewhere ("Texte können mehrzeilig sein." near
    "Texts can be simple strings") then stays.
    """
    by_block: dict[int, list[int]] = {}
    for sentence in sorted(anchors):
        by_block.setdefault(block_of[sentence], []).append(sentence)
    keys = {b: statistics.median(anchors[i] for i in sentences) for b, sentences in by_block.items()}
    placed = sorted(by_block)
    kept = dict(anchors)
    for k in range(1, len(placed) - 1):
        b, lo, hi = placed[k], keys[placed[k - 1]], keys[placed[k + 1]]
        if not (lo <= hi <= lo + window) or lo <= keys[b] <= hi:
            continue
        between = range(int(lo), int(hi) + 1)

        def here(i: int) -> float:
            return max((ps.sim(i, 1, j, 1) for j in between if compatible(i, j)), default=0.0)

        def there(i: int) -> float:
            j = anchors[i]
            return max(ps.sim(i, 1, j, 1), ps.sim(i, 1, j, 2) if j + 1 < n_tgt else 0.0)

        if all(here(i) >= there(i) - slack for i in by_block[b]):
            for i in by_block[b]:
                del kept[i]
    return kept


def raw_order_holds(block_of: Sequence[int], anchors: dict[int, int], window: int = STAY_WINDOW) -> bool:
    """Whether the raw order of the blocks is reading order: most raw neighbours that both have
    anchors sit in order, close together, in the translation (extracted text with a box or a
    column out of place), not scattered over it (shuffled boxes)."""
    by_block: dict[int, list[int]] = {}
    for i, j in anchors.items():
        by_block.setdefault(block_of[i], []).append(j)
    keys = {b: statistics.median(js) for b, js in by_block.items()}
    placed = sorted(keys)
    steps = [keys[b] - keys[a] for a, b in zip(placed, placed[1:])]
    return not steps or sum(0 <= d <= window for d in steps) >= len(steps) / 2


def block_order(block_of: Sequence[int], n_blocks: int, anchors: dict[int, int]) -> list[int]:
    """Block indices in restored reading order."""
    positions: list[list[int]] = [[] for _ in range(n_blocks)]
    for sentence, target in anchors.items():
        positions[block_of[sentence]].append(target)
    keys: list[float] = []
    for b in range(n_blocks):
        if positions[b]:
            keys.append(float(statistics.median(positions[b])))
        else:
            keys.append(keys[-1] if keys else -1.0)
    return sorted(range(n_blocks), key=lambda b: (keys[b], b))


def reattach_continuations(
    order: list[int],
    open_end: set[int],
    guessed: set[int],
    gains: Callable[[list[tuple[int, int]]], list[float]],
    nearest: int = NEAREST,
    margin: float = 0.1,
    transparent: frozenset[int] = frozenset(),
    adrift: frozenset[int] = frozenset(),
    apart: Callable[[int, int], bool] = lambda _e, _s: False,
    tails: frozenset[int] = frozenset(),
    raw_next: frozenset[int] = frozenset(),
    partners: dict[int, list[int]] | None = None,
) -> tuple[list[int], set[tuple[int, int]]]:
    """Find, for each block e that ends mid-sentence, the block s that completes it: e's
    current successor (the anchors' choice, given a margin unless e is `adrift`: placed only
    behind its raw predecessor in text whose raw order says little) or one of the nearest blocks
    (in raw order) whose place was only guessed, which then moves right behind e. `gains` says
    for (e, s) pairs how much better the end of e reads joined with the start of s (against
    the target) than apart. Blocks in `transparent` (a whole sentence standing between the two
    halves, such as a pull quote) are looked past when finding e's successor; nor does the
    successor get the margin where `apart(e, s)` says the two read as separate sentences. Returns
    the new order and the accepted (e, s) joins: a cut sentence is re-joined only where the
    evidence does not speak against it. A block in `tails` (it opens in lower case, so it opens
    no sentence) placed right before e is offered as e's successor too: the two halves of a cut
    sentence mostly match the same target sentence, so the anchors cannot tell their order, and a
    tail that cannot open a sentence completes a cut one rather than precedes it; `gains` still
    decides ('… den Ruf, eine Plattform' /
    'für ernsthafte, technisch kompetente Linux-Nutzer zu sein.'). A block in `raw_next` is
    offered as the continuation of its raw predecessor (e + 1 for e), with the margin, even where
    an anchor placed it elsewhere (see pipeline._raw_rests); accepted only by that margin, it is a
    fallback, taken after every join that reads better on its own evidence (a short rest such as
    'zurück.' adds too little to the head's match to outweigh a block completing it better). The
    blocks in `partners[e]` (see joins.hyphen_partners) are offered to e too, wherever they lie."""
    position = {b: k for k, b in enumerate(order)}
    pairs: list[tuple[int, int]] = []
    followers: dict[int, int] = {}
    for e in sorted(open_end):
        after = position[e] + 1
        while after < len(order) and order[after] in transparent:
            after += 1
        if after < len(order):
            followers[e] = order[after]
        near = sorted(guessed - {e}, key=lambda s: (abs(s - e), s))[:nearest]
        before = [order[position[e] - 1]] if position[e] and order[position[e] - 1] in tails else []
        raw = [e + 1] if e + 1 in raw_next else []
        linked = (partners or {}).get(e, [])
        pairs += [(e, s) for s in dict.fromkeys([*near, *before, *raw, *linked, *([followers[e]] if e in followers else [])])]
    offers = []
    for gain, (e, s) in zip(gains(pairs), pairs):
        if s == followers.get(e) and e not in adrift and not apart(e, s):
            offers.append((gain + margin, e, s, False))
        else:  # a raw rest's margin makes it a fallback: any block that reads better joined comes first
            fallback = s == e + 1 and s in raw_next and gain <= 0
            offers.append((gain + margin if fallback else gain, e, s, fallback))
    offers.sort(key=lambda x: (x[3], -x[0], x[1], x[2]))
    taken_e: set[int] = set()
    taken_s: set[int] = set()
    joins: set[tuple[int, int]] = set()
    next_of: dict[int, int] = {}
    for value, e, s, _ in offers:
        if value <= 0 or e in taken_e or s in taken_s:
            continue
        taken_e.add(e)
        taken_s.add(s)
        joins.add((e, s))
        if s != followers.get(e):
            next_of[e] = s
    moved = set(next_of.values())
    result: list[int] = []
    for b in order:
        if b in moved:
            continue
        result.append(b)
        seen = {b}
        while result[-1] in next_of and next_of[result[-1]] not in seen:  # chains: e -> s -> s2
            seen.add(next_of[result[-1]])
            result.append(next_of[result[-1]])
    placed = set(result)
    missing = [b for b in order if b not in placed]  # a cycle of moves: keep them
    return result + missing, joins


def separate_sentences(head: tuple[int, int] | None, tail: tuple[int, int] | None) -> bool:
    """Whether the facing sentences of two blocks (the first's last, the second's first) read as
    two sentences: both are anchors (`head`, `tail`: the target span, first sentence and how
    many, each matches clearly best; None: no anchor) and the spans do not overlap ('… nur
    einige interne' / 'There were no releases to the public in 1994 …' against 'Debian 0.93
    Version 5 wurde im März 1995 veröffentlicht …' / 'Debian 0.93 Release 5 happened …'). Then
    anchors placing the second right after the first say nothing of a join (see
    reattach_continuations); a cut sentence's halves mostly match the same target sentence, or
    one of them too little to anchor. A translator may split a sentence where it was cut, so
    pipeline._restore_order asks this only of a successor that is not e's raw successor."""
    return head is not None and tail is not None and (head[0] + head[1] <= tail[0] or tail[0] + tail[1] <= head[0])


def stitch(
    blocks: Sequence[Block],
    may_join: Callable[[int, int], bool] = lambda _a, _b: True,
    glue: Callable[[str, str], tuple[int, str]] | None = None,
) -> list[Block]:
    """Join each body block that ends mid-sentence with the next body block (where `may_join`
    of their positions allows it). `glue` (head, tail) says how many characters to drop from the
    head's end and what goes between (joins.cut_glue: a word broken at the cut is written whole,
    'Bill Mitchell', not 'Bill Mit-chell'); without it a hyphen at the cut stays."""
    out: list[Block] = []
    pending: int | None = None
    pending_at = -1
    for at, block in enumerate(blocks):
        if block.kind == "body" and pending is not None and not may_join(pending_at, at):
            pending = None
        if block.kind == "body" and pending is not None:
            head = out[pending].text
            drop, sep = glue(head.text, block.text.text) if glue is not None else (0, "" if head.text.endswith("-") else " ")
            merged = head[: len(head.text) - drop] + Tracked(sep, (head.lines[-1],) * len(sep)) + block.text
            out[pending] = Block(merged, out[pending].kind)
            pending, pending_at = (None, -1) if ends_sentence(merged.text) else (pending, at)
            continue
        out.append(block)
        if block.kind == "body" and not ends_sentence(block.text.text):
            pending, pending_at = len(out) - 1, at
    return out
