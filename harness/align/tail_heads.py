"""A written pair whose source opens with a sentence's tail, and that sentence's head left over.

A PDF-like extraction cuts a sentence at a block's end and moves the block with its rest: the rest
opens another raw block in lower case ('soziale Dynamik. Die Darstellung ist mit der Hoffnung
verbunden, …'), and the alignment pairs it, with the sentences after it, with the translation of
the whole ('Here are some observations of Debian's social dynamics, presented in the hope …'),
while the head ('Es folgen einige Beobachtungen über Debians'), glued to a wrong rest or standing
alone, is left over. The pair is right as far as it goes; the head is the part of its source that
is missing, and the translation it is written with renders it.

A left-over head joins such a pair where:

- it ends a raw block without closing a sentence (lang.closes_block), of
  late_recovery.MIN_HEAD_WORDS words or more;
- the pair's source opens a raw block with a word in lower case that its translation does not
  copy (fragment_pairs.opens_in_lower_case: the source does not start a sentence there, the
  translation does), and its translation matches COVERED or more of its words (confidence.containment):
  a pair resting on a shared name or two ('offen im Geist von Linux und GNU entwickelt.' / 'Debian
  Linux is a brand-new kind of Linux distribution.') is no sentence's rest to complete;
- joined in front of the pair's source, the pair's translation matches MIN_GAIN or more of the
  head's content words that it did not match before (estimated from the scorer's Dice scores,
  confidence.matched_words), the pair is the only one the head does so with, and the head the
  only one that does so with the pair: the translation renders the head, and nothing else
  competes for either;
- the joined pair passes the checks every written pair gets (confidence.rejection and the
  length limit of a pair placed out of order, recovery.MAX_LENGTH_FACTOR).

A head ending on a word broken at a hyphen joins only a tail that completes the word into one the
documents write elsewhere (joins.hyphen_evidence), rejoined as the reader rejoins line-end
hyphenation: the pair is written already, and a made-up word would spoil it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from harness.align import confidence, recovery
from harness.align.cleaning import Evidence
from harness.align.fragment_pairs import opens_in_lower_case
from harness.align.lang import closes_block
from harness.align.hyphens import ends_on_broken_word
from harness.align.joins import hyphen_evidence
from harness.align.late_recovery import MIN_HEAD_WORDS, _join, _rejoined, ends_raw_block, opens_raw_block
from harness.align.model import AlignedPair, Alignment
from harness.align.similarity import Scorer
from harness.align.uncovered import joined

MIN_GAIN = 0.5  # the share of the head's content words the translation newly matches once it is joined
CANDIDATES = 8  # the pairs a head is tried with: those whose translations it matches best
COVERED = 0.5  # the share of the pair's own source words its translation matches: the pair is right as far as it goes
KINDS = frozenset({"body", "item"})


def give_heads_to_tails(result: Alignment, scorer: Scorer, ev: Evidence | None, raw: Sequence[str]) -> int:
    """Join left-over heads to the written pairs whose source opens with their tail (see the
    module); returns how many joined."""
    heads = [
        k
        for k in recovery.leftovers(result, "src")
        if (u := result.unaligned[k].unit).kind == "body" and len(u.text.split()) >= MIN_HEAD_WORDS
        and not closes_block(u.text) and ends_raw_block(u, raw)
    ]
    tails = [
        p
        for p, pair in enumerate(result.pairs)
        if pair.kind in KINDS and opens_in_lower_case(pair.src[0].text, joined(pair.tgt)[0]) and opens_raw_block(pair.src[0], raw)
    ]
    if not heads or not tails:
        return 0
    near = scorer.fit([result.unaligned[h].unit.text for h in heads], [joined(result.pairs[p].tgt)[0] for p in tails])
    tries = []
    for i, h in enumerate(heads):
        head = result.unaligned[h].unit.text
        if ends_on_broken_word(head):  # shares nothing before the word is whole: every tail that completes it
            tries += [(h, p) for p in tails if ev is not None and hyphen_evidence(head, result.pairs[p].src[0].text, ev) > 0]
        else:
            tries += [(h, tails[j]) for j in near.candidates(i, CANDIDATES)]
    if not tries:
        return 0
    with_head = {(h, p): _join(result.unaligned[h].unit.text, joined(result.pairs[p].src)[0], ev) for h, p in tries}
    targets = [joined(result.pairs[p].tgt)[0] for _, p in tries]
    before = scorer.fit([joined(result.pairs[p].src)[0] for _, p in tries], targets)
    after = scorer.fit([with_head[t] for t in tries], targets)
    gains = {}
    for k, (h, p) in enumerate(tries):
        src, tgt, head = joined(result.pairs[p].src)[0], targets[k], result.unaligned[h].unit.text
        new = confidence.matched_words(after.sim(k, 1, k, 1), with_head[h, p], tgt) - confidence.matched_words(before.sim(k, 1, k, 1), src, tgt)
        gains[h, p] = new / max(1, confidence.content_count(head))
    rendered = {p: confidence.containment(before.sim(k, 1, k, 1), joined(result.pairs[p].src)[0], targets[k]) >= COVERED for k, (_h, p) in enumerate(tries)}
    good = [(k, (h, p)) for k, (h, p) in enumerate(tries) if gains[h, p] >= MIN_GAIN and rendered[p]]
    per_head, per_pair = Counter(h for _, (h, _p) in good), Counter(p for _, (_h, p) in good)
    ratio = confidence.written_ratio(result.pairs)
    made: dict[int, AlignedPair] = {}
    used: set[int] = set()
    for k, (h, p) in good:
        if per_head[h] != 1 or per_pair[p] != 1:
            continue
        pair, head, text = result.pairs[p], result.unaligned[h].unit, with_head[h, p]
        tgt, score = joined(pair.tgt)[0], after.sim(k, 1, k, 1)
        if confidence.rejection(text, tgt, score, ratio) or confidence.length_factor(text, tgt, ratio) > recovery.MAX_LENGTH_FACTOR:
            continue
        first = pair.src[0]
        tail_text = _join(head.text, first.text, ev)
        front = (head, first) if tail_text == f"{head.text} {first.text}" else (_rejoined(head, first, tail_text),)
        made[p] = AlignedPair((*front, *pair.src[1:]), pair.tgt, pair.kind, score)
        used.add(h)
    result.pairs = [made.get(p, pair) for p, pair in enumerate(result.pairs)]
    result.unaligned = [a for k, a in enumerate(result.unaligned) if k not in used]
    return len(made)
