"""Two sentences against two, where the translator moved a clause across the sentence boundary.

'Debian GNU/Linux hat ein System … eingerichtet, das »Bug Tracking System«, abgekürzt BTS.' + 'Dieses
führt von Entwicklern und Benutzern übermittelte Fehler und dazugehörende Details einer Datenbank
zu, wo sie auch eine Nummer erhalten.' / 'The Debian GNU/Linux distribution has a bug tracking
system (BTS) which files details of bugs reported by users and developers.' + 'Each bug is given a
number, and is kept on file.': the details of the second German sentence open the first English
one. The monotonic alignment knows 1-1, 1-2 and 2-1 beads, not 2-2: it pairs the sentences one by
one, and the second bead, similar enough but a short sentence against a long one, fails the length
check (confidence.rejection: 'lengths differ 2.4x'). Both its sides are then lost, though they
render each other together with their neighbours.

So a 1-1 bead refused only for its lengths (its similarity passed the floor) is merged with a
neighbouring 1-1 bead that is written, into one 2-2 pair, where the four sentences together pass
every check a bead gets (the length check among them), and one bead's source sentence has MIN_CROSS
or more of its content words matched by the other bead's translation (confidence.containment of
their Dice score; 0.55 above, where a piece or a glued sentence next to a written pair shares 0.21
at most): words moved across the boundary, which is what a crossing is, not a stranger next to a
pair. Of two such neighbours, the one whose merge scores higher. Only whole body sentences, each
opening capitalised and ending with a stop, a question or an exclamation mark: a lead-in and the
lines of a list it announces are no two sentences ('… one of the following localized strings:' +
'locally diverted to: diverted-to …'), a pull quote restates a sentence ('„manpages, welches die
System-Handbuchseiten selbst beinhaltet.“' beside 'man-db, which contains the man program itself,
…'), and a heading or a list item is a unit of its own by the document's structure.
"""

from __future__ import annotations

from collections.abc import Sequence

from harness.align import confidence, dp
from harness.align.lang import ends_sentence
from harness.align.model import Unit
from harness.align.similarity import Scorer

MIN_CROSS = 0.4  # the share of a source sentence's content words the other bead's translation matches
LENGTHS = "low confidence: lengths differ"  # the start of confidence.rejection's reason for lengths alone


def merge_crossings(
    beads: list[dp.Bead], sides: list[tuple[str, str, float]], problems: list[str | None], src: Sequence[Unit], tgt: Sequence[Unit],
    scorer: Scorer, ratio: float,
    floors: tuple[float, float] = (confidence.MIN_SCORE, confidence.MIN_SHORT_SCORE),
) -> tuple[list[dp.Bead], list[tuple[str, str, float]], list[str | None]]:
    """The beads, their sides (source text, target text, score) and problems with each 1-1 bead
    refused for its lengths merged into a written 1-1 neighbour where the module's terms hold."""
    def one(k: int) -> bool:  # a 1-1 bead of two whole sentences of running text
        return 0 <= k < len(beads) and beads[k].di == 1 and beads[k].dj == 1 and _sentence(src[beads[k].i]) and _sentence(tgt[beads[k].j])

    refused = [k for k, p in enumerate(problems) if p and p.startswith(LENGTHS) and one(k)]
    tries = [(k, n) for k in refused for n in (k - 1, k + 1) if one(n) and problems[n] is None]
    if not tries:
        return beads, sides, problems
    texts = [_merged(sides, k, n) for k, n in tries]
    ps = scorer.fit([s for s, _ in texts], [t for _, t in texts])
    # each try's two crossings: the later bead's source against the earlier's target, and the other way round
    crossed = [(sides[max(k, n)][0], sides[min(k, n)][1]) for k, n in tries] + [(sides[min(k, n)][0], sides[max(k, n)][1]) for k, n in tries]
    cross = scorer.fit([a for a, _ in crossed], [b for _, b in crossed])
    best: dict[int, tuple[float, int]] = {}
    for m, (k, n) in enumerate(tries):
        score = ps.sim(m, 1, m, 1)
        src_text, tgt_text = texts[m]
        moved = max(confidence.containment(cross.sim(x, 1, x, 1), *crossed[x]) for x in (m, m + len(tries)))
        if moved >= MIN_CROSS and confidence.rejection(src_text, tgt_text, score, ratio, floors) is None and score > best.get(k, (-1.0, -1))[0]:
            best[k] = (score, n)
    taken: set[int] = set()
    merged: dict[int, tuple[int, float]] = {}  # first bead of a merge -> (second, score)
    for k, (score, n) in sorted(best.items(), key=lambda x: -x[1][0]):
        if {k, n} & taken:
            continue
        taken |= {k, n}
        merged[min(k, n)] = (max(k, n), score)
    out_beads: list[dp.Bead] = []
    out_sides: list[tuple[str, str, float]] = []
    out_problems: list[str | None] = []
    skip: set[int] = set()
    for k, bead in enumerate(beads):
        if k in skip:
            continue
        if k in merged:
            second, score = merged[k]
            skip.add(second)
            src_text, tgt_text = _merged(sides, k, second)
            out_beads.append(dp.Bead(bead.i, 2, bead.j, 2, score))
            out_sides.append((src_text, tgt_text, score))
            out_problems.append(None)
            continue
        out_beads.append(bead)
        out_sides.append(sides[k])
        out_problems.append(problems[k])
    return out_beads, out_sides, out_problems


def _sentence(unit: Unit) -> bool:
    """A body unit that opens capitalised and ends with a stop, a question or an exclamation mark."""
    text = unit.text.strip()
    return unit.kind == "body" and text[:1].isupper() and ends_sentence(text)


def _merged(sides: Sequence[tuple[str, str, float]], k: int, n: int) -> tuple[str, str]:
    a, b = sorted((k, n))
    return f"{sides[a][0]} {sides[b][0]}", f"{sides[a][1]} {sides[b][1]}"
