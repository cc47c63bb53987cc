"""A left-over source unit glued from whole sentences, one of which a left-over translation unit renders.

A PDF's text keeps line breaks but often loses the blank line between blocks, and the builder's
re-ordering joins blocks whose cut it guessed: a left-over source unit may hold a whole sentence or
list item and, on the next raw line, another ('Ganz brutal: die Netzwerkverbindung trennen;' /
'Tippen Sie ^A d (…) und melden Sie sich händisch von der Fernverbindung ab;', items whose bullets
the PDF dropped; '… würde zum Beispiel eine Ausgabe ähnlich der folgenden erzeugen:' / 'Dadurch
wird sichtbar, dass libreadline2 …', a lead-in and the sentence after the example the PDF
moved). Its translation, read in order from a web dump, keeps the sentences apart, and each is
left over too: the glued whole matches neither well enough.

The layout offers the cut, the translation decides it. A unit may be cut only between raw lines
where the text before ends a sentence or an item (lang.closes_block: a stop, a colon or a
semicolon; not an abbreviation), or at a seam (the builder's own guess of a join) where the text
before does not end open (:func:`open_end`: '… finden und lesen' + 'Neue Debian-Benutzer sollten
beachten, …'; not '… sysctl(8) zur' + 'Laufzeit geändert werden', a join that may well be right),
and never inside a quotation. The unit's stretches between such places are scored against the
left-over translation units; a stretch is cut out where:

- it has MIN_WORDS words or more (a word or two match anything that has them);
- its best left-over translation unit scores at least recovery.MIN_SCORE, recovery.MARGIN above the
  runner-up (recovery.clear_best);
- it matches that unit better than its whole unit does (the rest added nothing to the match);
- that unit's clear best among all source left-overs and stretches is the stretch: no other left-over
  source unit, and no stretch of another, matches it within the margin.

A raw line break or a seam where the text before ends on a bare word (no stop, not open:
:func:`bare_places`) may end a heading or an item with no stop, or a line wrapped mid-sentence;
the translation tells them apart. A stretch (the whole unit where there is none) is cut at such a
place only where each of the two halves it leaves (MIN_WORDS words or more) finds a clear home as
above, not the same one, each home reads as a whole unit (:func:`reads_whole`), and no other bare
place of the stretch does so too (:func:`halves`, :func:`_both_halves`): '-r
Eingabeaufforderung, --prompt=Eingabeaufforderung' + 'buchseite von less(1).' (an option's item,
then the tail of a sentence cut at 'Hand-'), '-r prompt, --prompt=prompt' and 'For its meaning see
the less(1) manual page.' left over. The halves compete for homes with other units' halves only,
so the cuts at end places stay as they were.

The stretch is paired with its home where the checks recovery.recover asks of two left-over units
pass (recovery.out_of_order_pair) and fragment_rejection does (as uncovered.rehome_pieces pairs a
piece cut off a written pair); the rest, and a stretch not paired, is left over as a piece
(SetAside.whole False), and the late recovery (late_recovery.recover_set_aside) asks its own checks
of any pair it makes of them, as of the pieces seam_openers.cut_left_overs cuts at open seams. The
late recovery itself could not pair such a stretch: it reads only whole units, and its test that a
side is a whole sentence refuses a list item whose translation has no stop ('die Userspace-LVM2-
Werkzeuge (lvm2-Paket).' / 'the userspace LVM2 tools (lvm2 package)'). Only main-text units are
cut and homes taken: left-overs of the alignment and sides of body, item or heading pairs a check
set aside (the reason names the pair's kind); a stretch whose home another stretch claims too is
not cut. Only with a real bilingual dictionary (the pipeline passes no scorer without one, as
late_recovery pairs short units only with one): without it a stretch matches on names, numbers and
cognates alone, and the committed en-es debian_reference_ch04 set, built without one, stays as
committed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from harness.align import confidence, recovery
from harness.align.blocks import ABBREVIATION_END
from harness.align.fragment_pairs import _lower_start, ends_open, fragment_rejection
from harness.align.lang import closes_block
from harness.align.model import AlignedPair, Alignment, SetAside, Unit
from harness.align.similarity import Scorer
from harness.align.uncovered import inside_quote, line_breaks, slice_units

MIN_WORDS = 3  # words of a stretch scored on its own: fewer rest on one or two shared words
_OPENING = "([{\"'»«„“”"  # what may open a unit before its first word
CANDIDATES = 8  # left-over translation units the scorer's index proposes for a stretch


def end_places(unit: Unit) -> list[int]:
    """Offsets in the unit's text between raw lines where the text before ends a sentence or an
    item (closes_block, no abbreviation last: 'z. B.'), or at a seam where it does not end open
    (:func:`open_end`); no quotation or parenthesis left open before it."""
    text = unit.text
    out = []
    for k in sorted({*line_breaks((unit,)), *unit.seams}):
        head = text[:k].rstrip()
        ends = closes_block(head) and not ABBREVIATION_END.search(head)
        if head and text[k:].strip() and (ends or (k in unit.seams and not open_end(head))) and not inside_quote(head):
            out.append(k)
    return out


def open_end(head: str) -> bool:
    """The text ends where no sentence or heading ends: on a word no sentence ends on
    (fragment_pairs.cut_mid_sentence: '… zwischen MSS und'), on a word broken at a syllable hyphen
    ('… KONFIGURATION, BESCH-'), or on a comma."""
    return ends_open(head) or head.endswith((",", "-"))


def bare_places(unit: Unit) -> list[int]:
    """Offsets between raw lines, or at a seam, that are no end place (:func:`end_places`) but where
    the text before does not end open (:func:`open_end`) nor inside a quotation: a heading or an item
    with no stop may end there ('-r Eingabeaufforderung, --prompt=Eingabeaufforderung' / 'buchseite
    von less(1).'), as may a line wrapped mid-sentence; only the translation can tell them apart
    (:func:`halves`)."""
    text, ends = unit.text, set(end_places(unit))
    out = []
    for k in sorted({*line_breaks((unit,)), *unit.seams} - ends):
        head = text[:k].rstrip()
        if head and text[k:].strip() and not open_end(head) and not inside_quote(head):
            out.append(k)
    return out


def halves(unit: Unit) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The two spans each bare place (:func:`bare_places`) cuts its stretch (:func:`stretches`, the
    whole unit where there is none) into, both of MIN_WORDS words or more."""
    spans = stretches(unit) or [(0, len(unit.text))]
    out = []
    for k in bare_places(unit):
        a, b = next(span for span in spans if span[0] < k < span[1])
        if min(len(unit.text[a:k].split()), len(unit.text[k:b].split())) >= MIN_WORDS:
            out.append(((a, k), (k, b)))
    return out


def stretches(unit: Unit) -> list[tuple[int, int]]:
    """The unit's spans between its end places (:func:`end_places`); none where it has no such place."""
    places = end_places(unit)
    if not places:
        return []
    bounds = [0, *places, len(unit.text)]
    return list(zip(bounds, bounds[1:]))


def _main_text(aside: SetAside, side: str) -> bool:
    """A left-over unit of the main text on `side`: a unit the alignment left over, or a side of a
    main-text pair (body, item, heading) a check set aside; the reason names the pair's kind."""
    return aside.side == side and aside.unit.kind in recovery.KINDS and aside.reason.split(":", 1)[0] in recovery.KINDS


def homes(result: Alignment, scorer: Scorer) -> dict[int, list[tuple[tuple[int, int], int, float]]]:
    """Index in result.unaligned of a left-over source unit -> (span of a stretch, index of its
    home on the translation side, similarity) for each stretch with a clear left-over home (see
    the module), and for both halves of a stretch cut at a bare place where each half has one
    (:func:`_both_halves`)."""
    src_at = [k for k, a in enumerate(result.unaligned) if _main_text(a, "src")]
    tgt_at = [k for k, a in enumerate(result.unaligned) if _main_text(a, "tgt")]
    if not src_at or not tgt_at:
        return {}
    src_texts = [result.unaligned[k].unit.text for k in src_at]
    owner = list(range(len(src_at)))  # row -> its unit's position in src_at
    spans: list[tuple[int, int]] = [(0, len(t)) for t in src_texts]  # row -> the stretch's span in its unit
    pairs: list[tuple[int, int]] = []  # rows of the two halves of a stretch cut at a bare place

    def add(n: int, unit: Unit, span: tuple[int, int]) -> int:
        src_texts.append(unit.text[span[0] : span[1]].strip())
        owner.append(n)
        spans.append(span)
        return len(src_texts) - 1

    for n, k in enumerate(src_at):
        unit = result.unaligned[k].unit
        if len(unit.owners) != len(unit.text):
            continue
        for a, b in stretches(unit):
            if len(unit.text[a:b].split()) >= MIN_WORDS:
                add(n, unit, (a, b))
        pairs += [(add(n, unit, left), add(n, unit, right)) for left, right in halves(unit)]
    if len(src_texts) == len(src_at):
        return {}
    ps = scorer.fit(src_texts, [result.unaligned[k].unit.text for k in tgt_at])
    rows = {i: [(ps.sim(i, 1, j, 1), j) for j in ps.candidates(i, CANDIDATES)] for i in range(len(src_texts))}
    by_tgt: dict[int, list[tuple[float, int]]] = {}
    for i, row in rows.items():
        for s, j in row:
            by_tgt.setdefault(j, []).append((s, i))

    in_pairs = {i for pair in pairs for i in pair}

    def home(i: int) -> tuple[float, int]:
        """Row i's clear, mutual left-over home that it matches better than its whole unit, or (0,
        -1). Halves compete only for halves' homes."""
        s, j = recovery.clear_best(rows[i]) if rows[i] else (0.0, -1)
        if j < 0 or s < recovery.MIN_SCORE or s <= ps.sim(owner[i], 1, j, 1):
            return 0.0, -1
        rivals = [(t, r) for t, r in by_tgt[j] if r == i or (owner[r] != owner[i] and (i in in_pairs or r not in in_pairs))]
        if recovery.clear_best(rivals)[1] != i:
            return 0.0, -1
        return s, j

    found: dict[int, list[tuple[tuple[int, int], int, float]]] = {}
    for i in range(len(src_at), len(src_texts)):
        if i not in in_pairs and (hit := home(i))[1] >= 0:
            found.setdefault(src_at[owner[i]], []).append((spans[i], tgt_at[hit[1]], hit[0]))
    tgt_texts = [result.unaligned[k].unit.text for k in tgt_at]
    whole = lambda i: reads_whole(tgt_texts[home(i)[1]], src_texts[i])  # noqa: E731
    for left, right in _both_halves(pairs, home, whole, lambda left, right: (owner[left], spans[left][0], spans[right][1])):
        taken = found.setdefault(src_at[owner[left]], [])
        whole = (spans[left][0], spans[right][1])
        if all(span != whole for span, _, _ in taken):
            taken += [(spans[i], tgt_at[home(i)[1]], home(i)[0]) for i in (left, right)]
    return found


def _both_halves(
    pairs: list[tuple[int, int]], home: Callable[[int], tuple[float, int]], whole: Callable[[int], bool], stretch: Callable[[int, int], tuple[int, ...]]
) -> list[tuple[int, int]]:
    """The pairs of halves (rows) where each half has a clear home of its own, not the same one,
    that reads as a whole unit (`whole`: :func:`reads_whole`), and no other bare place of the same
    stretch (`stretch`: a key naming it) gives such halves: a line wrapped mid-sentence leaves
    halves that match nothing clearly, or match the pieces of a translation cut as well."""
    both = [(left, right) for left, right in pairs if home(left)[1] >= 0 and home(right)[1] >= 0 and home(left)[1] != home(right)[1] and whole(left) and whole(right)]
    per_stretch = Counter(stretch(left, right) for left, right in both)
    return [(left, right) for left, right in both if per_stretch[stretch(left, right)] == 1]


def reads_whole(home: str, half: str) -> bool:
    """A translation unit that a half cut at a bare place may be paired with reads as a whole
    sentence or item: it does not end open (fragment_pairs.ends_open: '… and'), and it opens
    capitalised or with a word the half copies ('-r prompt, --prompt=prompt' for '-r
    Eingabeaufforderung, …', 'man will normally …' for 'man wird …'), not in lower case with a word
    of its own: '(see pbuilder(8) and pdebuild(1))' is the tail of 'Building a Debian package …
    avoids', a sentence the web dump cut as the PDF's line break cut its original, and the halves
    match the pieces, not two units glued."""
    first = home.split()[0].strip(_OPENING) if home.split() else ""
    copied = first in {w.strip(_OPENING) for w in half.split()}
    return not ends_open(home) and (not _lower_start(home) or copied)


def cut_at_homes(result: Alignment, scorer: Scorer) -> int:
    """Cut left-over source units around the stretches with a clear left-over home (:func:`homes`)
    and pair each such stretch with its home where recover's checks for a pair of left-overs pass
    (recovery.out_of_order_pair, fragment_rejection); what is not paired is left over as a piece.
    Returns how many pairs it wrote."""
    found = homes(result, scorer)
    if not found:
        return 0
    ratio = confidence.written_ratio(result.pairs)
    claimed = Counter(k for spots in found.values() for _, k, _ in spots)
    taken: set[int] = set()
    made: list[AlignedPair] = []
    out: list[SetAside] = []
    for k, a in enumerate(result.unaligned):
        spots = {span: (home, s) for span, home, s in found.get(k, ()) if claimed[home] == 1}
        if not spots:
            out.append(a)
            continue
        bounds = sorted({0, len(a.unit.text), *(x for span in spots for x in span)})
        reason = f"{a.reason}; cut where a left-over translation unit renders a sentence of it"
        for lo, hi in zip(bounds, bounds[1:]):
            pieces = slice_units((a.unit,), lo, hi)
            home, s = spots.get((lo, hi), (-1, 0.0))
            tgt = result.unaligned[home].unit if home >= 0 else None
            if tgt is not None and len(pieces) == 1 and _pairs(pieces[0].text, tgt.text, s, ratio):
                made.append(AlignedPair(pieces, (tgt,), tgt.kind, s))
                taken.add(home)
                continue
            out += [SetAside("src", piece, reason, whole=False) for piece in pieces]
    homes_taken = {id(result.unaligned[k]) for k in taken}
    result.unaligned = [a for a in out if id(a) not in homes_taken]
    recovery.insert_pairs(result.pairs, made)
    return len(made)


def _pairs(src: str, tgt: str, score: float, ratio: float) -> bool:
    """The checks recovery.recover asks of two left-over units, plus fragment_rejection."""
    return recovery.out_of_order_pair(src, tgt, score, ratio) and fragment_rejection(src, tgt, ratio) is None
