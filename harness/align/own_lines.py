"""A short unit on a line of its own, run into a written pair's source sentence, that the translation does not render.

A PDF's text keeps the line break but no blank line between a manual's short units, so the sentence
splitter finds no stop and the stitcher may re-join them: a term and its description ('die
Archive:- oder Suite:-Zeile' / 'benennt das Archiv, …'), a label and the command it announces
('Beispielsweise' / 'apt-get install -t testing irgendein_Paket'), a command and the heading after
it ('apt-get install Paket/testing' / 'Testing oder Unstable verfolgen'), two descriptions whose
terms the layout set apart ('Konfigurationsdatei für Man-db' / 'globale Handbuchhierarchie.'), an
item's last words and the option term under it ('… umgeleitet-zu' / '-p, --print-avail …'). A web
dump of the translation parts them with blank lines, so the pair's translation renders one of them.

The layout says where (see roomy_lines, wrapping): the upper line left room for the lower line's
first word (greedy line breaking moves a word down only when it no longer fits), or the lower line
is an option term (terms.option_line). The piece is the source side's first or last raw line, the
next raw line after it or the one before, and it is short: at most
TERM_WORDS words, no open end (a comma, a hyphen, a function word last: a wrapped clause). The
translation decides: the rest matches it better than the whole did by at least MIN_GAIN of the
scorer's similarity, and at most MAX_COVERED of the piece's words are found there
(confidence.containment). A sentence wrapped early (a dropped footnote mark, a first-line indent)
is rendered whole, so its lines keep the similarity up and stay together.

The rest is written with the translation when it stands alone (see uncovered.stands_alone, with no stop asked of it, and
fragment_rejection), the piece is set aside (late_recovery may still pair it); where the rest
cannot stand alone, the whole pair is set aside: it is not the unit the translation renders.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from harness.align import confidence, recovery
from harness.align.fragment_pairs import cut_mid_sentence, fragment_rejection
from harness.align.lang import ALL_STOPWORDS, closes_block, words
from harness.align.model import AlignedPair, Alignment, Unit
from harness.align.roomy_lines import leaves_room
from harness.align.similarity import Scorer
from harness.align.terms import TERM_WORDS, option_line
from harness.align.uncovered import clipped, cut_source, joined, stands_alone
from harness.align.wrapping import OPEN_ENDS, WRAP_SLACK, wrap_width

MIN_GAIN = 0.05  # similarity the rest must gain over the whole: the piece took away from the match
MAX_COVERED = 0.5  # share of the piece's words the translation may echo (a term's word its description repeats)


def line_runs(units: Sequence[Unit]) -> list[tuple[int, int, int]] | None:
    """(raw line, start, end) of the side's joined text, one run per stretch of one line's
    characters (the space joining two units belongs to the run before); None where a unit's
    line owners are unknown."""
    if not all(u.owners for u in units):
        return None
    owners: list[int] = []
    for u in units:
        owners += [*u.owners, u.owners[-1]]
    runs: list[tuple[int, int, int]] = []
    for k, line in enumerate(owners[:-1]):
        if runs and runs[-1][0] == line:
            runs[-1] = (line, runs[-1][1], k + 1)
        else:
            runs.append((line, k, k + 1))
    return runs


def _short_unit(piece: str, head: bool) -> bool:
    """A piece that may be a unit of its own: one to TERM_WORDS words; a head has no open end (a
    comma, a hyphen, an opening bracket, a function word last: the start of a wrapped clause)."""
    ws = words(piece)
    if not ws or len(piece.split()) > TERM_WORDS or cut_mid_sentence(piece):
        return False
    return not head or not (piece.endswith((*OPEN_ENDS, ",")) or ws[-1].lower() in ALL_STOPWORDS)


def _unit_break(upper: str, lower: str, width: float) -> bool:
    """The layout parts two units between these raw lines: the upper line of two words or more
    left room for the lower line's first word (one word alone may be a justified line that
    pdftotext split at a wide gap: 'Es' / 'gab'), or the lower line is an option term that is no
    wrapped line of running text: no full stop or open end at its end, shorter than the wrap
    width ('-p, --print-avail [Paketname …]', not '--only-source, um nur Quellpaketnamen anzu-')."""
    roomy = math.isfinite(width) and len(upper.split()) >= 2 and leaves_room(upper, lower, width)
    term = option_line(lower) and not lower.endswith((*OPEN_ENDS, ",", ".", "!", "?")) and len(lower) <= (1 - WRAP_SLACK) * width
    return roomy or term


def own_line_cuts(units: Sequence[Unit], lines: Sequence[str], width: float) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(piece span, rest span) in the side's joined text: its first or last raw line where the
    layout shows a unit break after or before it (see the module)."""
    runs = line_runs(units)
    if runs is None or len(runs) < 2 or len({line for line, _, _ in runs}) != len(runs):
        return []
    text, _ = joined(units)
    cuts = []
    for first, second, head in ((runs[0], runs[1], True), (runs[-2], runs[-1], False)):
        upper, lower = first[0], second[0]
        upper_line, lower_line = (lines[n - 1].strip() if 0 < n <= len(lines) else "" for n in (upper, lower))
        if lower != upper + 1 or not 0 < upper < len(lines) or not _unit_break(upper_line, lower_line, width):
            continue
        at = first[2] if head else second[1]
        piece, rest = ((0, at), (at, len(text))) if head else ((at, len(text)), (0, at))
        if not _short_unit(text[piece[0] : piece[1]].strip(), head) or not text[rest[0] : rest[1]].strip():
            continue
        if head or closes_block(text[: second[1]]) or (len(runs) == 2 and _short_unit(text[: second[1]].strip(), True)):
            cuts.append((piece, rest))
    return cuts


def cut_own_lines(result: Alignment, scorer: Scorer, lines: Sequence[str], width: float | None = None) -> int:
    """Cut short units on lines of their own off the source side of written pairs where the
    translation renders the rest only (see the module); returns how many pairs changed."""
    width = wrap_width(list(lines)) if width is None else width
    cands: list[tuple[int, tuple[int, int], tuple[int, int]]] = []
    texts: list[tuple[str, str]] = []
    for n, pair in enumerate(result.pairs):
        if pair.kind not in recovery.KINDS:
            continue
        src, tgt = joined(pair.src)[0], joined(pair.tgt)[0]
        for piece, rest in own_line_cuts(pair.src, lines, width):
            cands.append((n, piece, rest))
            texts += [(src[piece[0] : piece[1]].strip(), tgt), (src[rest[0] : rest[1]].strip(), tgt), (src, tgt)]
    if not cands:
        return 0
    ps = scorer.fit([s for s, _ in texts], [t for _, t in texts])
    chosen: dict[int, tuple[tuple[int, int], tuple[int, int], float]] = {}
    for k, (n, piece, rest) in enumerate(cands):
        piece_sim, rest_sim, whole_sim = (ps.sim(3 * k + d, 1, 3 * k + d, 1) for d in range(3))
        gain = rest_sim - whole_sim
        if gain < MIN_GAIN or confidence.containment(piece_sim, texts[3 * k][0], texts[3 * k][1]) > MAX_COVERED:
            continue
        if n not in chosen or gain > chosen[n][2]:
            chosen[n] = (piece, rest, gain)
    ratio = confidence.written_ratio(result.pairs)
    kept: list[AlignedPair] = []
    for n, pair in enumerate(result.pairs):
        if n not in chosen:
            kept.append(pair)
            continue
        (pa, pb), (ra, rb), _ = chosen[n]
        src, tgt = joined(pair.src)[0], joined(pair.tgt)[0]
        rest = src[ra:rb].strip()
        written, aside = cut_source(
            pair, (pa, pb), (ra, rb), stands_alone(rest, tgt) and fragment_rejection(rest, tgt, ratio) is None,
            f"{pair.kind}: a short unit on a line of its own the translation does not render (cut from '{clipped(rest)}')",
            f"{pair.kind}: a short unit on a line of its own glued on, and the rest cannot stand alone",
        )
        kept += [written] if written else []
        result.unaligned += aside
    result.pairs = kept
    return len(chosen)
