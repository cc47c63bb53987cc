"""A whole source sentence glued to a written pair that the translation barely renders.

Blocks the builder re-joined in a shuffled source, and blocks the extraction ran together with no
blank line between them, leave a written pair whose source is the right sentence plus another
whole sentence of the document ('Ebenso werden folgende Einträge angezeigt. Zoomauswahl: Direkte
Auswahl des Zoom Faktors.' / 'Zoom selection: direct selection of the display zoom.'). Such a
sentence often shares a word or two with the translation (a term the manual repeats), so the
zero-coverage test of :mod:`harness.align.uncovered` misses it, and when the alignment left no
unit of the translation over for it, neither does rehome_pieces.

A translator renders every sentence; one the translation skips is rare, one it renders with
almost none of its words echoed rarer still. So a piece of the source side is cut off when all
of these hold:

- it is cut where a unit can end, between raw lines and outside any quotation (uncovered.piece_cuts);
- it reads as a whole sentence of its own: it opens with a capital and ends with a stop or a
  colon (a footnote mark after it aside), so it is no piece of the pair's sentence;
- of its content words (at least MIN_UNCOVERED) the translation has a key for at most
  MAX_COVERED of them, and by the scorer at most MAX_COVERED of its words are found there
  (confidence.containment): two measures, as either alone misses words the other finds;
- the rest of the side matches the translation at least as well as the whole did: the piece
  added nothing to the match;
- without the piece the lengths of the two sides still fit the document's ratio within the
  limit for pairs written on weak evidence (sandwich.MAX_LENGTH_FACTOR), or no worse than the
  whole did (confidence.length_factor): a sentence the translation renders in words no
  dictionary links ('Einige der Präprozessoren … sind: eqn (e), …' / 'Some of the preprocessors
  … are: eqn (e), …') leaves the source far too short once cut off;
- where the cut would leave the source shorter than the translation predicts and further from
  the document's ratio than the whole was, the translation may render the piece after all (a
  translator who joined two sentences into one) or the pair is a muddle of two places: neither
  the rest nor the whole is written (the whole pair is set aside);
- the text before a piece at the end does not end on a semicolon (the clause after it belongs
  to the same sentence, even where it opens with a capital: '…; Sie haben damit …') nor on an
  abbreviation ('… wie z. B.' / 'Zubehör für …').

Only the source side is judged: it is the side whose blocks were re-ordered and re-joined; the
translation is read in order, and a translator splits a sentence freely, so there a sentence
with few echoed words is most often a loose rendering of a clause of the source.

The rest is written with the translation when it stands alone (uncovered.stands_alone and
fragment_rejection, as trim_uncovered asks), the piece goes to the set-aside list (where
late_recovery may still pair it); otherwise the whole pair is set aside. It needs a real
bilingual dictionary, as trim_uncovered does.
"""

from __future__ import annotations

import re

from harness.align import confidence, recovery, sandwich
from harness.align.blocks import ABBREVIATION_END
from harness.align.dictionary import Dictionary
from harness.align.fragment_pairs import fragment_rejection
from harness.align.glued import Casing
from harness.align.lang import closes_block
from harness.align.model import AlignedPair, Alignment, set_aside
from harness.align.similarity import Scorer
from harness.align.uncovered import MIN_UNCOVERED, Coverage, clipped, cut_source, joined, piece_cuts, stands_alone

MAX_COVERED = 1 / 3  # share of a glued sentence's words the translation may echo: at most one in three
_OPENS = re.compile(r"[\"'„“»«(]?[A-ZÄÖÜ]")
_ENDS = re.compile(r"[.!?:][\"'»«“”)]*\d{0,2}$")  # a footnote mark may follow the stop ('… sind.14')


def whole_sentence(piece: str) -> bool:
    """Whether a piece opens with a capital and ends with a stop or a colon: a sentence of its own
    ('Ebenso werden folgende Einträge angezeigt.'), not the head or tail of one ('… zu hal-')."""
    return bool(_OPENS.match(piece)) and bool(_ENDS.search(piece.rstrip()))


def _too_short(rest: str, whole: str, tgt: str, ratio: float) -> bool:
    """Without the piece the source is shorter than the translation predicts, and further from the
    document's ratio than the whole was: the translation renders the piece too, in words no entry
    links (a translator joining two sentences: 'Sie sollten keine Angst haben Experimental zu
    benutzen, … Die experimentellen Pakete werden …' / 'You should not be afraid to use experimental
    since …, the experimental packages are …'). A glued sentence leaves the source closer, not
    further."""
    return ratio * len(rest) < len(tgt) and confidence.length_factor(rest, tgt, ratio) > confidence.length_factor(whole, tgt, ratio)


def _sentence_boundary(text: str, piece: tuple[int, int], rest: tuple[int, int]) -> bool:
    """The cut parts two sentences: a piece at the end does not follow a semicolon's clause or an
    abbreviation (see the module docstring)."""
    if piece[0] < rest[0]:  # the piece opens the side; whole_sentence checked how it ends
        return True
    head = text[rest[0] : rest[1]].rstrip()
    return not head.endswith(";") and not ABBREVIATION_END.search(head)


def cut_glued_sentences(
    result: Alignment, scorer: Scorer, dictionary: Dictionary | None, langs: tuple[str, str], casing: Casing | None = None
) -> int:
    """Cut glued sentences the translation barely renders off the source side of written pairs
    (see the module docstring); returns how many pairs were changed or set aside."""
    if dictionary is None:
        return 0
    coverage = Coverage(dictionary, *langs)
    cands: list[tuple[int, tuple[int, int], tuple[int, int]]] = []  # pair, piece span, rest span
    texts: list[tuple[str, str]] = []  # (source text, target text): piece, rest and whole for each candidate
    for n, pair in enumerate(result.pairs):
        if pair.kind not in recovery.KINDS:
            continue
        src, tgt = joined(pair.src)[0], joined(pair.tgt)[0]
        keys = coverage.keys(tgt, "tgt")
        for piece_span, rest_span in piece_cuts(pair, "src", casing, langs[0]):
            piece = src[piece_span[0] : piece_span[1]].strip()
            found = coverage.words(piece, "src")
            if not whole_sentence(piece) or not _sentence_boundary(src, piece_span, rest_span) or len(found) < MIN_UNCOVERED or coverage.covered(piece, "src", keys) > MAX_COVERED * len(found):
                continue
            cands.append((n, piece_span, rest_span))
            texts += [(piece, tgt), (src[rest_span[0] : rest_span[1]].strip(), tgt), (src, tgt)]
    if not cands:
        return 0
    ps = scorer.fit([s for s, _ in texts], [t for _, t in texts])
    ratio = confidence.written_ratio(result.pairs)
    chosen: dict[int, tuple[tuple[int, int], tuple[int, int]]] = {}
    doubtful: set[int] = set()  # pairs whose only cut leaves the source too short
    for k, (n, piece_span, rest_span) in enumerate(cands):
        piece_sim, rest_sim, whole_sim = (ps.sim(3 * k + d, 1, 3 * k + d, 1) for d in range(3))
        (piece, tgt), (rest, _), (whole, _) = texts[3 * k : 3 * k + 3]
        if confidence.containment(piece_sim, piece, tgt) > MAX_COVERED or rest_sim < whole_sim:
            continue
        if confidence.length_factor(rest, tgt, ratio) > max(confidence.length_factor(whole, tgt, ratio), sandwich.MAX_LENGTH_FACTOR):
            continue
        if _too_short(rest, whole, tgt, ratio):
            doubtful.add(n)
            continue
        if n not in chosen or piece_span[1] - piece_span[0] > chosen[n][0][1] - chosen[n][0][0]:
            chosen[n] = (piece_span, rest_span)  # the longest such piece of a pair
    kept: list[AlignedPair] = []
    for n, pair in enumerate(result.pairs):
        if n not in chosen and n in doubtful:
            reason = f"{pair.kind}: a glued sentence the translation barely renders, or renders in words no entry links"
            result.unaligned += set_aside(pair, reason, whole=False)
            continue
        if n not in chosen:
            kept.append(pair)
            continue
        (pa, pb), (ra, rb) = chosen[n]
        src, tgt = joined(pair.src)[0], joined(pair.tgt)[0]
        rest = src[ra:rb].strip()
        stands = stands_alone(rest, tgt, closes_block(src) and closes_block(tgt)) and fragment_rejection(rest, tgt, ratio) is None
        written, aside = cut_source(
            pair, (pa, pb), (ra, rb), stands,
            f"{pair.kind}: a whole sentence the translation barely renders (cut from '{clipped(rest)}')",
            f"{pair.kind}: a glued sentence the translation barely renders, and the rest cannot stand alone",
        )
        kept += [written] if written else []
        result.unaligned += aside
    result.pairs = kept
    return len(chosen) + len(doubtful - set(chosen))
