"""A left-over sentence whose raw neighbours are paired on either side of a left-over translation.

Shuffled text loses the order of its blocks, not the order of the raw lines inside one: a
sentence is still followed, in the raw extraction, by the sentence that follows it in the
document, unless a block boundary falls between them. Where a left-over source sentence's raw
predecessor (the unit ending on its first raw line, or at most a blank line before it) is the last
source unit of a written pair whose last target sentence is T[j-1], its raw successor is the first
source unit of a written pair whose first target sentence is T[j+1], and T[j] is left over too,
the two sit exactly where counterparts sit: a sandwich (:mod:`harness.align.sandwich`) that
survives the shuffle, because it is read off raw lines, not off the restored block order (in
shuffled text the alignment's own sandwich sees the restored order, where a block's neighbours
are guesses). So the pair is judged as a sandwiched one is: against the sandwich's floors
(sandwich.FLOORS: 'Die Option -r in Verbindung mit einer Zeichenkette setzt diese Vorgabe außer
Kraft.' / 'Supplying -r with a string will override this default.'), never with nothing shared (a
sentence of another version of the text sits in place just as well: 'Nicht beleidigend werden,
das ist unhöflich.' / 'Do not flame; it is not polite.', right but sharing no word the scorer
knows, stays left over), and on these terms:

- both sides are one raw place each (no seams) and read alike as whole units: neither carries a
  word broken at a line end ('War- um?', which a reader of the extraction would not take for
  'Warum?' / 'Why?'), neither opens mid-clause nor shows a sign of being a piece of a sentence the
  other reads whole (fragment_pairs.fragment_evidence, cut_mid_sentence), both end a sentence or
  neither does, both announce what follows with a colon or neither does (Debian Reference ch. 8:
  'Sie können weitere Eingabequellen wählen.', a German-only list item, sat where the English has
  its own lead-in 'Multilingual input to the application is processed as:'; a translator may
  turn a colon into a stop, but position alone does not tell that from two units each side
  has alone), and neither is longer than late_recovery.LONG_WORDS;
- the pair passes the main text's other checks (confidence.rejection: a side without words,
  captions, commands, identifiers, manual pages, options), section numbers agree
  (fragment_pairs.one_sided_number too), and the lengths agree within the sandwich's
  MAX_LENGTH_FACTOR;
- no other left-over unit is a clearly better match for either side (recovery's floor and margin):
  order does not overrule words;
- neither side is a sentence the document repeats word for word (which copy sits where is a guess).
- neither side was taken out of a pair by a later pass for a glued piece it carries
  (uncovered.rehome_pieces, trim_uncovered, glued_sentence: 'Inhalte des Mailinglistenarchivs von
  debian-devel@lists.debian.org Sie können Websuchmaschinen …', an item run on into a sentence
  with no stop between, which no text check sees).

A run of up to MAX_RUN left-over source sentences, each the raw successor of the one before, between
two such pairs that enclose as many left-over target units is paired in order, and stands or falls
as a whole (as a sandwich run does).

Held so on both sides (a run, or one unit, between two pairs), units that share a form a plain
sentence lacks (same_form: both lead in with a colon, both ask, both stand in parentheses, or both
layouts read both as headings: 'Mit anderen Worten:' / 'That is to say:', 'RÜCKGABEWERT' / 'EXIT
STATUS') need no shared word: the similarity floor is waived, every other term holds. Such short
units are rendered freely, in words no dictionary entry links; a plain sentence sharing nothing
still stays left over, and so does a unit one neighbour alone places. The floor is waived too
where the two share a word the scorer's keys miss, a dictionary sense that is a word of the other
side up to a regular English ending (inflected_share: 'Es werden keine Cat-Dateien erstellt.' /
'No cat file is produced.', 'files' / 'file').

With one neighbour only (the sentence's raw predecessor is the last source unit of a written pair
whose last target sentence is followed by a left-over one, or its raw successor is the first of a
pair preceded by one), the other neighbour being no left-over unit (none within MAX_GAP_LINES: a
block or page ends there, or a pair elsewhere: a block seam), the same terms hold, as for block
mates (:mod:`harness.align.blockmates`, which ask them of sentences that share a block on both
sides); a run is not paired from one side (on the held-out man(1) one such run was wrong).

The neighbours are found by raw line numbers among all source units, written or left over, so a
left-over unit between a sentence and its paired neighbour blocks the pairing (or makes a run).

The pipeline runs the pass only with a real bilingual dictionary (as uncovered.trim_uncovered):
its floors and rival check read words, and without one (names, numbers and cognates, or a
dictionary learnt from the document's own first pairs) most sentences share little, so position
would nearly stand alone; and a first pass's pairs are what a dictionary is learnt from
(bootstrap): on the committed en-es reference (debian_reference_ch04), the first pass's seven more
pairs, right as they were, changed the learnt word pairs so that the second pass wrote three pairs
fewer (211 -> 208).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from harness.align import confidence, fragment_pairs, recovery, sandwich
from harness.align.fragment_pairs import ends_open
from harness.align.lang import closes_block, content_words
from harness.align.late_recovery import LONG_WORDS, opens_mid_clause
from harness.align.model import HEADINGS, AlignedPair, Alignment, SetAside, Unit, span_ends
from harness.align.similarity import Scorer

MAX_GAP_LINES = 2  # a neighbour ends on the sentence's first line, the line before, or before a blank line
TRANSPARENT = frozenset({"layout"})  # running headers and page numbers lie between raw lines, not in the text
# a word broken at a line end and left so ('War- um?', a PDF's column): a hyphen after letters, a
# space, and a lower-case word that does not go on a suspended compound ('Datei- und Verzeichnisnamen')
_BROKEN_WORD = re.compile(r"[^\W\d_]- (?!(?:und|oder|bzw|sowie|and|or|to)\b)[^\W\d_A-ZÄÖÜ]")
MAX_RUN = 3  # left-over sentences between the two neighbours' pairs


def span(unit: Unit) -> tuple[int, int] | None:
    """First and last raw line of a unit that lies in one raw place ('12-14'); None for a unit
    stitched from several places ('171-173,107-108') or without line numbers."""
    m = re.fullmatch(r"(\d+)(?:-(\d+))?", unit.lines)
    if not m or unit.seams:
        return None
    return int(m.group(1)), int(m.group(2) or m.group(1))


def _ends(unit: Unit) -> tuple[int, int] | None:
    return span_ends(unit.lines)


LineIndex = tuple[dict[int, list[int]], dict[int, list[int]]]  # last raw line -> units ending there; first -> units starting


def line_index(units: Sequence[Unit]) -> LineIndex:
    """The units (indices) by the raw line they end on and the one they start on."""
    ending: dict[int, list[int]] = {}
    starting: dict[int, list[int]] = {}
    for k, unit in enumerate(units):
        ends = _ends(unit)
        if ends is not None:
            ending.setdefault(ends[1], []).append(k)
            starting.setdefault(ends[0], []).append(k)
    return ending, starting


def raw_neighbours(unit: Unit, others: Sequence[Unit], index: LineIndex | None = None) -> tuple[int | None, int | None]:
    """Indices into `others` of the unit's raw predecessor and successor: the unit ending nearest
    before its first raw line (on it at the latest, MAX_GAP_LINES before at most) and the unit
    starting nearest after its last; None where there is none or two tie, or where the same unit
    could be either (it shares a raw line with `unit` and its order on that line is unknown).
    A unit stitched from several places ends where its last piece ends and starts where its
    first starts: below a blank line or a line after it, it is the neighbour ('Separate
    Argumente können benutzt werden, um' + 'mehrere Suchmuster … werden.', lines '222,182-183',
    before 'depends Paket...' on 185), but on the unit's own line only if it also starts no later
    (ends no earlier) there, as any unit. `index`: line_index(others), where many units are
    looked up."""
    here = span(unit)
    if here is None:
        return None, None
    first, last = here
    ending, starting = index if index is not None else line_index(others)
    pred: list[int] = []
    succ: list[int] = []
    for gap in range(MAX_GAP_LINES + 1):
        pred = pred or [k for k in ending.get(first - gap, ()) if others[k] is not unit and (gap or _ends(others[k])[0] <= first)]  # type: ignore[index]
        succ = succ or [k for k in starting.get(last + gap, ()) if others[k] is not unit and (gap or _ends(others[k])[1] >= last)]  # type: ignore[index]
    p = pred[0] if len(pred) == 1 else None
    s = succ[0] if len(succ) == 1 else None
    if p is not None and p in succ or s is not None and s in pred:
        return None, None
    return p, s


def alike_whole(src: str, tgt: str) -> bool:
    """Both sides read as whole units of the same kind (see the module docstring)."""
    if closes_block(src) != closes_block(tgt) or _BROKEN_WORD.search(src) or _BROKEN_WORD.search(tgt):
        return False
    if src.rstrip().endswith(":") != tgt.rstrip().endswith(":"):  # a lead-in against a sentence in its place
        return False
    for text, other in ((src, tgt), (tgt, src)):
        if len(text.split()) > LONG_WORDS or opens_mid_clause(text, other) or fragment_pairs.cut_mid_sentence(text):
            return False
        if fragment_pairs.fragment_evidence(text, other) is not None:
            return False
    return True


@dataclass
class _Place:
    """What the offers are read off: the source units (written and left over, in no order), their
    raw neighbours, the written pair of each written source unit, the translation's units in order."""

    units: list[Unit]
    neighbours: dict[int, tuple[int | None, int | None]]  # id of a left-over source unit -> (pred, succ) in units
    written: dict[int, AlignedPair]
    tgt: Sequence[Unit]
    tgt_at: dict[int, int]
    left_src: dict[int, int]  # id -> index in result.unaligned
    left_tgt: dict[int, int]
    src_seen: Counter[str]
    tgt_seen: Counter[str]

    def pair_end(self, k: int | None, last: bool) -> int | None:
        """The target position of the written pair whose last (first) source unit is units[k]:
        its last (first) target unit."""
        if k is None:
            return None
        pair = self.written.get(id(self.units[k]))
        if pair is None or (pair.src[-1] if last else pair.src[0]) is not self.units[k]:
            return None
        return self.tgt_at.get(id(pair.tgt[-1] if last else pair.tgt[0]))

    def hole(self, j: int) -> bool:
        """Whether target position j holds a left-over unit of one raw place the translation has once."""
        if not 0 <= j < len(self.tgt):
            return False
        t = self.tgt[j]
        return id(t) in self.left_tgt and self.tgt_seen[t.text] == 1 and span(t) is not None

    def free(self, k: int | None) -> bool:
        return k is not None and id(self.units[k]) in self.left_src


def _place(result: Alignment, tgt: Sequence[Unit]) -> _Place:
    tgt_at = {id(u): k for k, u in enumerate(tgt)}
    left_src = {id(a.unit): n for n, a in enumerate(result.unaligned) if a.side == "src" and _whole_left_over(a)}
    left_tgt = {id(a.unit): n for n, a in enumerate(result.unaligned) if a.side == "tgt" and id(a.unit) in tgt_at and _whole_left_over(a)}
    units = [u for p in result.pairs for u in p.src] + [a.unit for a in result.unaligned if a.side == "src" and a.unit.kind not in TRANSPARENT]
    index = line_index(units)
    neighbours = {id(u): raw_neighbours(u, units, index) for u in units if id(u) in left_src}
    written = {id(u): p for p in result.pairs for u in p.src}
    return _Place(units, neighbours, written, tgt, tgt_at, left_src, left_tgt, Counter(u.text for u in units), Counter(u.text for u in tgt))


def _whole_left_over(aside: SetAside) -> bool:
    """A left-over unit of the main text not taken out of a pair for a glued piece it carries."""
    return aside.unit.kind in recovery.KINDS and aside.whole


def _runs(place: _Place) -> list[list[tuple[Unit, Unit]]]:
    """Runs of at most MAX_RUN left-over source units, each the raw successor of the one before,
    between a written pair's last source unit and another's first, whose target units enclose as
    many left-over target units: the two-sided offers, paired in order."""
    units, runs = place.units, []
    for unit in (u for u in units if id(u) in place.left_src):
        p, s = place.neighbours[id(unit)]
        j_before = place.pair_end(p, last=True)
        if j_before is None:
            continue
        run = [unit]
        while place.free(s) and len(run) < MAX_RUN and _is(units, place.neighbours[id(units[s])][0], run[-1]):  # type: ignore[index]
            run.append(units[s])  # type: ignore[index]
            s = place.neighbours[id(run[-1])][1]
        j_after = place.pair_end(s, last=False)
        if j_after is None or j_after - j_before != len(run) + 1 or any(place.src_seen[u.text] > 1 for u in run):
            continue
        if all(place.hole(j) for j in range(j_before + 1, j_after)):
            runs.append(list(zip(run, place.tgt[j_before + 1 : j_after])))
    return runs


def _one_sided(place: _Place) -> list[tuple[Unit, Unit]]:
    """Left-over source units with one raw neighbour in a written pair (its last source unit,
    or its first), next to whose target (after it, or before it) a left-over target unit sits,
    while the other raw neighbour is no left-over unit (none, or a pair elsewhere: a block seam):
    the one-sided offers. Where both neighbours place the same target unit, _runs has it."""
    offers = []
    for unit in (u for u in place.units if id(u) in place.left_src and place.src_seen[u.text] == 1):
        p, s = place.neighbours[id(unit)]
        if (place.free(p) and not _seam(place.units[p], unit)) or (place.free(s) and not _seam(unit, place.units[s])):  # type: ignore[index]
            continue
        p, s = (None if place.free(p) else p), (None if place.free(s) else s)
        j_before, j_after = place.pair_end(p, last=True), place.pair_end(s, last=False)
        if j_before is not None and j_after is not None and j_after - j_before == 2:
            continue
        holes = {j for j in (j_before + 1 if j_before is not None else None, j_after - 1 if j_after is not None else None) if j is not None and place.hole(j)}
        if len(holes) == 1:
            offers.append((unit, place.tgt[holes.pop()]))
    return offers


def _seam(before: Unit, after: Unit) -> bool:
    """Whether a block seam lies between two raw neighbours, the one a whole sentence: `after`
    opens in lower case where `before` closes its sentence ('… gibt es ein Formular.' / 'ging dem
    WWW voraus.', the tail of a sentence cut elsewhere), or `before` ends open where `after` opens
    capitalised and closes its own. A shuffled block's edge: no sentence runs on across it."""
    a, b = before.text.strip(), after.text.strip()
    if not a or not b:
        return False
    return (closes_block(a) and b[0].islower()) or (ends_open(a) and b[0].isupper() and closes_block(b))


def _is(units: Sequence[Unit], k: int | None, unit: Unit) -> bool:
    return k is not None and units[k] is unit


def pair_raw_sandwiches(result: Alignment, tgt: Sequence[Unit], scorer: Scorer) -> int:
    """Pair left-over source units held in place by their raw neighbours' pairs around as many
    left-over target units (see the module docstring; `tgt`: the translation's main-text units in
    order). Returns how many pairs it made."""
    place = _place(result, tgt)
    if not place.left_src or not place.left_tgt:
        return 0
    two_sided = _runs(place)
    held = {id(u) for run in two_sided for pair in run for u in pair}  # a run on both sides outranks a one-sided offer
    runs = two_sided + [[(s, t)] for s, t in _one_sided(place) if id(s) not in held and id(t) not in held]
    pinned = {(id(s), id(t)) for run in two_sided for s, t in run}
    src_uses = Counter(id(s) for run in runs for s, _ in run)
    tgt_uses = Counter(id(t) for run in runs for _, t in run)
    runs = [run for run in runs if all(src_uses[id(s)] == 1 and tgt_uses[id(t)] == 1 for s, t in run)]
    if not runs:
        return 0
    offers = [pair for run in runs for pair in run]
    judged = dict(zip(((id(s), id(t)) for s, t in offers), _rivals(result, offers, scorer)))
    ratio = confidence.written_ratio(result.pairs)
    numbers = fragment_pairs.document_numbers(result)
    new: list[AlignedPair] = []
    drop: set[int] = set()
    for run in runs:
        made = [
            AlignedPair((s,), (t,), t.kind, judged[id(s), id(t)][0])
            for s, t in run
            if _acceptable(s.text, t.text, *judged[id(s), id(t)], ratio, numbers, (id(s), id(t)) in pinned and (same_form(s, t) or inflected_share(s.text, t.text, scorer)))
        ]
        if len(made) < len(run):
            continue
        new += made
        drop |= {place.left_src[id(s)] for s, _ in run} | {place.left_tgt[id(t)] for _, t in run}
    if new:
        recovery.insert_pairs(result.pairs, new)
        result.unaligned = [a for n, a in enumerate(result.unaligned) if n not in drop]
    return len(new)


_ENDINGS = ("s", "es", "d", "ed")  # regular English endings: plural, third person, past


def _inflected(a: str, b: str) -> bool:
    return a == b or any(a == b + e or b == a + e for e in _ENDINGS)


def inflected_share(src: str, tgt: str, scorer: Scorer) -> bool:
    """Whether a word of `src` has a dictionary sense that is a word of `tgt` up to a regular
    English ending ('Cat-Dateien' -> 'files' / 'file', 'verwendet' -> 'used' / 'use'): the
    scorer's 5-letter keys keep a short word's forms apart ('file' / 'files'), so such a pair
    scores nothing though it shares a word. Symmetric: either side may carry the ending. False
    without a dictionary, and for a translation not in English (the endings are English ones)."""
    dictionary = getattr(scorer, "dictionary", None)
    src_lang, tgt_lang = getattr(scorer, "src_lang", None), getattr(scorer, "tgt_lang", None)
    if dictionary is None or src_lang is None or tgt_lang != "en":
        return False
    target = {w.lower() for w in content_words(tgt, tgt_lang)}
    for word in content_words(src, src_lang):
        senses = {part.lower() for sense in dictionary.senses(word) for part in sense.split()}
        if any(_inflected(s, t) for s in senses for t in target):
            return True
    return False


def same_form(src: Unit, tgt: Unit) -> bool:
    """Whether two units share a form a plain sentence lacks: both lead in to what follows with a
    colon ('Mit anderen Worten:' / 'That is to say:'), both ask ('Warum?' / 'Why?'), both stand in
    parentheses ('(Führen Sie dies nur bei einem nicht eingebundenen Dateisystem durch.)' / '(Do
    this on the unmounted filesystem.)'), or the layouts of both sides set both apart as headings
    ('BEMERKUNGEN' / 'NOTES'). Such short units are often rendered freely, in words no dictionary
    entry links, and their form is what the two share."""
    a, b = src.text.strip(), tgt.text.strip()
    if a.endswith(":") and b.endswith(":") or a.endswith("?") and b.endswith("?"):
        return True
    if a.startswith("(") and a.endswith(")") and b.startswith("(") and b.endswith(")"):
        return True
    return src.kind in HEADINGS and tgt.kind in HEADINGS


def _acceptable(
    s: str, t: str, score: float, rival: bool, ratio: float, numbers: tuple[frozenset[str], frozenset[str]], placed: bool = False
) -> bool:
    """The checks an offer must pass (see the module docstring); `placed`: the offer lies in a run
    held by pairs on both sides and its units share a form (same_form), so it needs no shared
    word (the similarity floor is waived, every other check holds)."""
    if rival or not alike_whole(s, t) or not recovery.numbers_agree(s, t):
        return False
    floors = (0.0, 0.0) if placed else sandwich.FLOORS
    if confidence.rejection(s, t, score, ratio, floors) or confidence.length_factor(s, t, ratio) > sandwich.MAX_LENGTH_FACTOR:
        return False
    return not (fragment_pairs.fragment_rejection(s, t, ratio) or fragment_pairs.one_sided_number(s, t, numbers))


def _rivals(result: Alignment, offers: Sequence[tuple[Unit, Unit]], scorer: Scorer) -> list[tuple[float, bool]]:
    """For each offer, its similarity and whether another left-over unit of the main text matches
    one of its sides clearly better (at least recovery.MIN_SCORE and recovery.MARGIN above)."""
    src = [a.unit for a in result.unaligned if a.side == "src" and a.unit.kind in recovery.KINDS]
    tgt = [a.unit for a in result.unaligned if a.side == "tgt" and a.unit.kind in recovery.KINDS]
    ps = scorer.fit([u.text for u in src], [u.text for u in tgt])
    src_at, tgt_at = {id(u): k for k, u in enumerate(src)}, {id(u): k for k, u in enumerate(tgt)}
    out = []
    for s, t in offers:
        i, j = src_at[id(s)], tgt_at[id(t)]
        score = ps.sim(i, 1, j, 1)
        best_t = max((ps.sim(i, 1, jj, 1) for jj in ps.candidates(i, 8) if jj != j), default=0.0)
        best_s = max((ps.sim(ii, 1, j, 1) for ii in range(len(src)) if ii != i), default=0.0)
        clear = max(best_t, best_s)
        out.append((score, clear >= recovery.MIN_SCORE and clear >= score + recovery.MARGIN))
    return out
