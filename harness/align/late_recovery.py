"""A second recovery, after the passes that set written pairs aside.

:func:`harness.align.recovery.recover` runs right after the monotonic alignment, but later passes
(:mod:`harness.align.blockmates`, :func:`harness.align.fragment_pairs.set_aside_fragments`) take
pairs apart again: a whole sentence written with a fragment glued to its counterpart, or a 2:1
pair whose second unit belongs elsewhere, goes to the set-aside list with both its sides,
although the sentence's real counterpart may sit there too, set aside from the start as having
none. Left-overs get a second chance here, on recover's terms (mutually clear best, out of order:
order is the evidence given up, so it asks more of the rest), and on two more:

- the pair must pass the last check a written pair gets (fragment_rejection, one_sided_number),
  or this pass would write what that check has just refused;
- both sides must read as one whole sentence each (:func:`whole_sentences`). What sets units
  aside is mostly that they are pieces (a block cut mid-sentence, a sentence completed with the
  wrong continuation), and what makes a match between left-overs wrong is almost always that a
  side is not one sentence. A side that ends like a sentence, shows no sign of being a piece of
  one against the other, whose stitched pieces each share something with the other side, and
  whose partner does the same, is not that. A block cut without a blank line leaves no seam, and
  its glued head reads like a sentence start ('Offensichtlich muss etwas getan werden, um diesen
  Missstand' + 'von Debian wird vielleicht nicht die Antwort …'), so neither side may be longer
  than LONG_WORDS, about two typical sentences: a longer unit is usually more than one.

With that evidence recover's floor is lowered to LOW_SCORE, halfway between it and the floor of a
pair the alignment makes in order (confidence.MIN_SCORE): the similarity of a sentence and a free
translation of it is often modest ('Dies lässt sich ändern; …' / 'This is designed to be
modified; …' scores 0.46), and the mutual clear best among whole sentences is what speaks for it.
Not for short units (at most confidence.SHORT_WORDS words on a side): their similarity rests on
one or two words ('Welche eine Begrenzungsbox bilden.' / 'Formats symbols are:' scores 0.5), so
only recover's own floor holds for them.
"""

from __future__ import annotations

import re

from harness.align import blockmates, confidence, fragment_pairs, recovery
from harness.align.lang import closes_block
from harness.align.model import Alignment, Unit
from harness.align.similarity import Scorer

LOW_SCORE = 0.45  # halfway between confidence.MIN_SCORE (0.3) and recovery.MIN_SCORE (0.6)
LONG_WORDS = 40
_LETTERS = re.compile(r"[^\W\d_]+")


def opens_mid_clause(text: str, other: str) -> bool:
    """Whether the first word of `text` with letters is in lower case and not copied from `other`
    ('"192.168.11.1" erreichbar ist, enthält sie Folgendes:', the tail of a sentence cut after an
    address): a sentence in either language opens capitalised unless it opens with a copied word
    (a command, 'dm-crypt' / 'Dm-crypt'). Unlike fragment_pairs.fragment_evidence this looks past
    a leading number, which opens no sentence of its own here."""
    m = _LETTERS.search(text)
    return bool(m) and m.group(0).islower() and m.group(0).casefold() not in {w.casefold() for w in _LETTERS.findall(other)}


def whole_sentences(src: Unit, tgt: Unit, scorer: Scorer) -> bool:
    """Whether both sides read as one whole sentence each: each is at most LONG_WORDS words long,
    ends a sentence (or a clause introducing what follows), does not open mid-clause
    (:func:`opens_mid_clause`), shows no sign of being a piece of one
    against the other (fragment_pairs.fragment_evidence, cut_mid_sentence), and no piece it was
    stitched from shares nothing with the other side (blockmates._stray_piece)."""
    for unit, other, least in ((src, tgt, confidence.PIECE_WORDS), (tgt, src, confidence.TARGET_PIECE_WORDS)):
        if len(unit.text.split()) > LONG_WORDS:
            return False
        if not closes_block(unit.text) or fragment_pairs.cut_mid_sentence(unit.text) or opens_mid_clause(unit.text, other.text):
            return False
        if fragment_pairs.fragment_evidence(unit.text, other.text) is not None:
            return False
        if blockmates._stray_piece(unit, other.text, scorer, least):
            return False
    return True


def recover_set_aside(result: Alignment, scorer: Scorer) -> int:
    """Pair mutually best left-overs once more, after the last set-aside pass; returns how many
    pairs it made."""
    lengths = [(sum(len(u.text) + 1 for u in p.src) - 1, sum(len(u.text) + 1 for u in p.tgt) - 1, p.score) for p in result.pairs]
    ratio = confidence.length_ratio(lengths)
    numbers = fragment_pairs.document_numbers(result)

    def accept(src: Unit, tgt: Unit, score: float) -> bool:
        if score < recovery.MIN_SCORE and min(len(src.text.split()), len(tgt.text.split())) <= confidence.SHORT_WORDS:
            return False
        if fragment_pairs.fragment_rejection(src.text, tgt.text, ratio) or fragment_pairs.one_sided_number(src.text, tgt.text, numbers):
            return False
        return whole_sentences(src, tgt, scorer)

    return recovery.recover(result, scorer, ratio, floor=LOW_SCORE, accept=accept)
