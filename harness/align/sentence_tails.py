"""A written pair whose source opens with the tail of another sentence, glued to a whole one.

A PDF-like extraction cuts sentences at block edges and re-orders the blocks; a block that opens
mid-sentence ('für Arbeitsplatzsysteme wie folgt ab:') holds the tail of a sentence whose head is
elsewhere, and the builder pairs it, together with the whole sentence that follows it ('Fügen Sie
den Benutzer … zur Gruppe "netdev" hinzu …:'), with that sentence's translation ('Make desktop
user, e.g. foo, belong to group "netdev" …'). Three marks show it:

- the source opens in lower case where the translation opens capitalised
  (fragment_pairs.opens_in_lower_case): the translation starts a sentence, the source does not;
- the source ends that tail with a stop or a colon at a place a unit can end, between raw lines
  (uncovered.cut_places, between_lines), and a capitalised word follows;
- the tail alone shares less with the translation than a half of a 2-1 bead must
  (confidence.MIN_PART_SCORE): the translation does not render it. A German manual page writes an
  option's description in lower case ('nur wichtige Abhängigkeiten ausgeben. Zur Benutzung mit
  unmet und depends.' / 'Print only important dependencies; for use with unmet and depends.'),
  and a translation that renders such a 'tail' shares its words.

Then the tail is cut off and set aside: it is no part of the translation's sentence, and half of
another sentence is no reference. The rest is written when it stands alone (uncovered.stands_alone,
fragment_rejection), else the pair is set aside whole. Only where the translation is one unit (of
two, one may render the tail), and only the source side is judged: its blocks were re-ordered;
the translation is read in order.
"""

from __future__ import annotations

from harness.align import confidence, recovery
from harness.align.fragment_pairs import fragment_rejection, opens_in_lower_case
from harness.align.glued import Casing
from harness.align.lang import closes_block
from harness.align.model import AlignedPair, Alignment
from harness.align.similarity import Scorer
from harness.align.uncovered import between_lines, clipped, cut_places, cut_source, joined, stands_alone


def tail_end(pair: AlignedPair, casing: Casing | None, lang: str) -> int | None:
    """Where a sentence tail the pair's source may open with ends (an offset in the source's joined
    text), by the first two marks of the module; None: the source opens with none."""
    if len(pair.tgt) != 1 or pair.kind not in recovery.KINDS:
        return None
    src, tgt = joined(pair.src)[0], pair.tgt[0].text
    if not opens_in_lower_case(src, tgt):
        return None
    for k in cut_places(pair.src, casing, lang):
        head, rest = src[:k].rstrip(), src[k:].lstrip()
        if head[-1:] in ".:!?" and rest[:1].isupper() and between_lines(pair.src, k):
            return k
    return None


def cut_sentence_tails(result: Alignment, scorer: Scorer, casing: Casing | None, lang: str) -> int:
    """Cut the sentence tail off written pairs whose source opens with one the translation does
    not render (see the module); returns how many pairs were changed or set aside."""
    found = {n: k for n, pair in enumerate(result.pairs) if (k := tail_end(pair, casing, lang)) is not None}
    if not found:
        return 0
    ps = scorer.fit([joined(result.pairs[n].src)[0][:k].strip() for n, k in found.items()], [result.pairs[n].tgt[0].text for n in found])
    tails = {n: k for m, (n, k) in enumerate(found.items()) if ps.sim(m, 1, m, 1) < confidence.MIN_PART_SCORE}
    ratio = confidence.written_ratio(result.pairs)
    kept: list[AlignedPair] = []
    for n, pair in enumerate(result.pairs):
        if n not in tails:
            kept.append(pair)
            continue
        src, tgt, k = joined(pair.src)[0], pair.tgt[0].text, tails[n]
        rest = src[k:].strip()
        stands = stands_alone(rest, tgt, closes_block(tgt)) and fragment_rejection(rest, tgt, ratio) is None
        written, aside = cut_source(
            pair, (0, k), (k, len(src)), stands,
            f"{pair.kind}: the tail of another sentence, opening in lower case (cut from '{clipped(rest)}')",
            f"{pair.kind}: the source opens with the tail of another sentence, and the rest cannot stand alone",
            piece_whole=False,
        )
        kept += [written] if written else []
        result.unaligned += aside
    result.pairs = kept
    return len(tails)
