"""The reference-building pipeline: two raw documents in, aligned units and set-aside units out.

    raw -> pieces (cleaned, classified) -> pull quotes/captions/footnotes set apart
        -> source block order restored from anchors -> cut sentences re-joined
        -> sentences -> banded monotonic DP -> beads (+ unaligned units, each with a reason)

In shuffled text a block's closing lead-in ('Umwandlungselemente sind:') shares no DP bead with the
block put after it (see _ends_announcing). A pull quote in quotation marks left in the main text is
set aside where the body sentence it repeats is written alone on its side of another pair
(quote_twins, a late pass). In shuffled text a written pair whose target is a left-over sentence's
clear counterpart while its source has one among the left-over targets is crossed (crossed).
A left-over sentence whose raw neighbours (by raw line numbers, which survive a shuffle of blocks)
are paired around a left-over translation sentence pairs with it (raw_neighbours, a late pass,
given a real bilingual dictionary). A written pair whose source holds a piece of another sentence
(a block cut mid-sentence run into the next with no blank line) that the translation renders in
another unit is set aside (foreign_pieces, after it and just before quote_twins).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial
from itertools import accumulate
from typing import NamedTuple

from harness.align import blockmates, confidence, copied_tails, crossed, crossings, dp, footnote_marks, foreign_pieces, fragment_pairs, gaps, gc_pause, glued_sentence, joins, late_recovery, layout, missing_names, numbered_headings, order, own_lines, quote_twins, raw_neighbours, recovery, sandwich, seam_openers, sentence_tails, tail_heads, two_sides, uncovered
from harness.align.blocks import Piece, document_casing, numbered_heading, prepare_line, read_pieces, tail_after_sentence
from harness.align.cleaning import Evidence, evidence_from
from harness.align.dictionary import Dictionary
from harness.align.glued import Casing, opener_cuts
from harness.align.hyphens import ends_on_broken_word
from harness.align.lang import closes_block, ends_sentence, stopwords
from harness.align.model import HEADINGS, AlignedPair, Alignment, SetAside, Unit, line_spans, span_ends
from harness.align.order import Block
from harness.align.pullquotes import quoted_box, restatements
from harness.align.segment import sentence_texts, split_sentences
from harness.align.similarity import PairSim, Scorer
from harness.align.tracked import Tracked

BAND_WIDTH = 20
CONTINUATION_BUDGET = 8_000  # (cut block, candidate continuation) pairs judged at most
NEAREST_MIN = 8
MIN_SIDE_PAIR = 0.2  # captions / pull quotes pair with a counterpart only above this similarity
# Two pull quotes ask for more: what looks like one may be a look-alike sentence of a repetitive
# text (one paired at 0.29 on the test corpus), and this pairing ignores order. The body passages
# they restate must match too.
MIN_QUOTE_PAIR = 0.4
MIN_RESTATED = 0.2


def tracked_unit(t: Tracked, kind: str, block: int = 0) -> Unit:
    """A unit of tracked text: its raw line spans, its seams and each character's raw line kept."""
    return Unit(t.text, line_spans(t.lines), kind, block, seams(t), t.lines)


def seams(t: Tracked) -> tuple[int, ...]:
    """Offsets where consecutive characters come from raw lines that are not neighbours: where
    the builder joined text across a block it moved, a column or a page."""
    return tuple(k for k in range(1, len(t.lines)) if not 0 <= t.lines[k] - t.lines[k - 1] <= 1)


def _units(blocks: Sequence[Block], lang: str, casing: Casing | None = None) -> list[Unit]:
    """Sentences of body blocks; a heading stays one unit ('NATO. Die unverzichtbare Allianz').
    With the document's `casing`, a sentence is also cut where a glued heading or term ends."""
    return [
        tracked_unit(s, b.kind, k)
        for k, b in enumerate(blocks)
        for s in ([b.text] if b.kind in HEADINGS else _sentences(b.text, lang, casing))
    ]


def _sentences(text: Tracked, lang: str, casing: Casing | None) -> list[Tracked]:
    found = split_sentences(text, lang)
    if casing is None:
        return found
    out = []
    for sentence in found:
        cuts = [0, *opener_cuts(sentence.text, casing, lang), len(sentence.text)]
        out += [sentence[a:b].strip() for a, b in zip(cuts, cuts[1:]) if sentence.text[a:b].strip()]
    return out


def _target_kinds(pieces: list[Piece]) -> list[str]:
    """Title area, lead and author bio are told apart by position in the (ordered) target."""
    kinds = [p.kind for p in pieces]
    first_body = next((k for k, p in enumerate(pieces) if p.kind == "body"), len(pieces))
    byline = {pieces[k].text.text for k in range(first_body) if pieces[k].kind == "heading"}
    for k in range(first_body):
        if kinds[k] == "heading":
            kinds[k] = "title"
    later_heading = any(p.kind == "heading" for p in pieces[first_body:])
    if first_body < len(pieces) and later_heading:
        kinds[first_body] = "lead"
    for k in range(first_body + 1, len(pieces)):
        if kinds[k] == "body" and any(name and pieces[k].text.text.startswith(name + " ") for name in byline):
            kinds[k] = "bio"
    return kinds


def _pull_quotes(pieces: list[Piece], lang: str) -> dict[int, str]:
    """Piece index -> the body sentences that piece restates ("" for a look-alike: see
    pullquotes.restatements), for pieces that restate body text. A box the layout already shows to
    be a pull quote (blocks.read_pieces: quoted, narrow, repeating the text verbatim) is looked at
    too, so that it pairs with the translation's pull quote; one that restatements does not confirm
    stays in the main text as a whole unit of its own kind (see _streams)."""
    body = [k for k, p in enumerate(pieces) if p.kind in ("body", "pullquote")]
    sentences = [sentence_texts(pieces[k].text.text, lang) for k in body]
    return {body[b]: passage for b, (_where, passage) in restatements(sentences, lang).items()}


def _ratio(src: list[Unit], tgt: list[Unit], anchors: dict[int, int]) -> float:
    ratios = [len(tgt[j].text) / max(1, len(src[i].text)) for i, j in anchors.items()]
    return statistics.median(ratios) if ratios else 1.0


def _merge_groups(units: list[Unit], paragraphs: bool = False, shuffled: bool = False) -> list[object]:
    """Body sentences may share a bead; a heading never shares one (a byline stays apart), and
    the sentences of a list item share one only with each other. With `paragraphs` (the
    translation, read in order) body sentences share one only within their paragraph: a
    translator merges sentences, not paragraphs ('… bugs. (see pbuilder(8))' ends its item). A
    pull quote in quotation marks (see pullquotes.quoted_box) shares a bead only with its own sentences. A
    source sentence opening with a plain lower-case word right after one that ends on a word and a
    stop ('… gibt es ein Formular.' / 'ging dem WWW voraus.', blocks.tail_after_sentence) is the
    tail of a sentence cut elsewhere: it shares no bead with the sentence before (the two were
    never one sentence, and the pair would hold half a sentence the other side lacks), but may with
    the one after (a translator may have joined those). In `shuffled` text (the source's blocks
    put back in order), neither does a block's closing lead-in with the block after it (see
    _ends_announcing)."""
    tails = accumulate(
        k > 0 and (tail_after_sentence(units[k - 1].text, u.text) or (shuffled and _ends_announcing(units[k - 1], u))) for k, u in enumerate(units)
    )
    para = _paragraphs(units) if paragraphs else list(tails)
    return [
        ("heading", k) if u.kind in HEADINGS else ("quote", u.block) if quoted_box(u) else ("item", u.block) if u.kind == "item" else ("text", para[k])
        for k, u in enumerate(units)
    ]


def _ends_announcing(unit: Unit, after: Unit) -> bool:
    """A block's last unit ends on a colon ('Umwandlungselemente sind:'): it leads in to what
    follows (a list, an example). In shuffled text the block after it was put there by anchors,
    or only guessed to follow it; a lead-in whose own place is in doubt (its look-alikes,
    'Items can be repeated:', stand elsewhere) then shares a bead with a stranger ('Wird die
    Papiergröße verändert …'). Where the raw order holds, the next block is its true successor
    and may be the rest of its sentence ('… namens Counting potatoes:' / 'The size of Debian 2.2
    …', a title cut at a line break), so the rule is for shuffled text only."""
    return unit.block != after.block and _announces(unit.text)


def _span_ends(lines: str) -> tuple[int, int]:
    return span_ends(lines) or (0, 0)


def _paragraphs(units: list[Unit]) -> list[int]:
    """Paragraph numbers: a new block starts a new paragraph only where a blank line parts it from
    the unit before (a block cut at a sentence opener inside a paragraph stays in it)."""
    out: list[int] = []
    for k, u in enumerate(units):
        if k and u.block != units[k - 1].block and _span_ends(u.lines)[0] > _span_ends(units[k - 1].lines)[1] + 1:
            out.append(out[-1] + 1)
        else:
            out.append(out[-1] if out else 0)
    return out


def _announces(text: str) -> bool:
    """A unit that ends on a colon and has no section number ('Items can be repeated:'): it
    announces what follows (a list, an example)."""
    return text.rstrip().endswith(":") and recovery.section_number(text) is None


def _same_role(src: list[Unit], tgt: list[Unit]) -> Callable[[int, int], bool]:
    return lambda i, j: (src[i].kind in HEADINGS) == (tgt[j].kind in HEADINGS)


def announcing_pair(src: str, tgt: str) -> bool:
    """Two units that both announce what follows (see _announces) may be counterparts whatever
    roles their layouts gave them: whether a layout sets such a line apart as a heading or runs
    it in as body text differs between the two sides' layouts and languages ('Items can be
    repeated:', a heading of a web dump / 'Elemente können wiederholt werden:', body text of a
    PDF: a verb-final clause ends on a function word, which no heading does). Both colons are
    asked for: one side's colon alone says nothing of the other's role."""
    return _announces(src) and _announces(tgt)


def _role_agrees(src: list[Unit], tgt: list[Unit]) -> Callable[[int, int], bool]:
    """Anchoring and gap filling of units already in reading order: same role, or an announcing
    pair (see announcing_pair). Reading order (_restore_order) loosens the role check so only
    where the raw order holds: in shuffled text a loosened role moves whole blocks onto
    look-alikes ('Umwandlungselemente sind:' / 'Items can be repeated:')."""
    same = _same_role(src, tgt)
    return lambda i, j: same(i, j) or announcing_pair(src[i].text, tgt[j].text)


def align_units(src: list[Unit], tgt: list[Unit], scorer: Scorer, model: dp.CostModel | None = None, shuffled: bool = False) -> list[dp.Bead]:
    """Monotonic DP over two unit lists; banded around the anchor path when they are long
    (`shuffled`: the source's blocks were put back in order, see _merge_groups)."""
    if not src and not tgt:
        return []
    ps = scorer.fit([u.text for u in src], [u.text for u in tgt])
    anchors = order.find_anchors(ps, len(src), len(tgt), _role_agrees(src, tgt))
    model = model or dp.CostModel(ratio=_ratio(src, tgt, anchors))
    band = None
    if (len(src) + 1) * (len(tgt) + 1) > dp.FULL_DP_CELLS:
        band = dp.band_from_anchors(len(src), len(tgt), order.monotone_anchors(anchors), BAND_WIDTH)
    groups = (_merge_groups(src, shuffled=shuffled), _merge_groups(tgt, paragraphs=True))
    beads = dp.align([len(u.text) for u in src], [len(u.text) for u in tgt], ps, model, band, groups)
    beads = [part for bead in beads for part in confidence.split_weak_merge(bead, ps, bead.di == 2 and _apart(src[bead.i], src[bead.i + 1]))]
    beads = sandwich.fill_gaps(beads, ps, _role_agrees(src, tgt))
    lengths = ([len(u.text) for u in src], [len(u.text) for u in tgt])
    ratio = sandwich.bead_ratio(beads, lengths)
    joinable = lambda i: not _apart(src[i], src[i + 1]) and not sandwich.list_items(src[i].text, src[i + 1].text)  # noqa: E731
    return sandwich.join_short_sources(beads, ps, lengths, ratio, joinable)


_DOTTED_END = re.compile(r"(?:^|[\s(])(?:[^\W\d_]\.)+$")  # 'z.B.', 'd. h.', 'B.': an abbreviation, no sentence end


def _apart(a: Unit, b: Unit) -> bool:
    """Whether two consecutive source units are sentences of two places of the document: b does
    not open on the raw line a ends on or the one after it, a ends a sentence (a stop or a colon;
    a semicolon's clause goes on, an abbreviation ('z.B.') may) and b opens as a sentence does, not in lower case (a head cut at
    'Paketierung-' and its tail 'swerkzeugen wurde …' are one sentence wherever they lie). See
    confidence.split_weak_merge."""
    far = not 0 <= _span_ends(b.lines)[0] - _span_ends(a.lines)[1] <= 1
    ends = (ends_sentence(a.text) and not _DOTTED_END.search(a.text.rstrip())) or a.text.rstrip().endswith(":")
    return far and ends and not b.text[:1].islower()


def _text(units: Sequence[Unit]) -> str:
    return " ".join(u.text for u in units)


def _collect(result: Alignment, src: list[Unit], tgt: list[Unit], beads: list[dp.Bead], what: str, scorer: Scorer | None = None) -> None:
    sides = [(_text(src[b.i : b.i + b.di]), _text(tgt[b.j : b.j + b.dj]), b.score) for b in beads]
    ratio = confidence.length_ratio([(len(a), len(b), score) for a, b, score in sides])
    floors = confidence.floors([b.score for b in beads if b.di and b.dj])
    stray = _stray_pieces(src, tgt, beads, [(a, b) for a, b, _ in sides], scorer) if scorer is not None else {}

    def rejection(k: int) -> str | None:
        a, b, _ = sides[k]
        bead = beads[k]
        return confidence.rejection(a, b, bead.score, ratio, floors) if bead.di and bead.dj else None

    judged = two_sides.each(rejection, len(beads))  # each bead alone: one half on each core
    problems = [found or stray.get(bead) for found, bead in zip(judged, beads)]
    _rejudge_sandwiches(beads, sides, problems, set(stray), ratio)
    if scorer is not None:
        beads, sides, problems = crossings.merge_crossings(beads, sides, problems, src, tgt, scorer, ratio, floors)
    for k, (bead, (src_text, tgt_text, _score)) in enumerate(zip(beads, sides)):
        s, t = src[bead.i : bead.i + bead.di], tgt[bead.j : bead.j + bead.dj]
        problem = problems[k]
        if s and t and not problem:
            result.pairs.append(AlignedPair(tuple(s), tuple(t), t[0].kind, bead.score))
            continue
        low = f"{what}: {problem}"
        whole = problem != stray.get(bead)  # a seam piece that shares nothing: the unit is no whole sentence
        weak = what == "body" and bool(s and t) and (problem or "").startswith(confidence.LOW_SIMILARITY)
        for side, units, other, name in (("src", s, t, "translation"), ("tgt", t, s, "source")):
            for u in units:
                alone = what == "body" and not other and u.kind != "pullquote"
                result.unaligned.append(SetAside(side, u, low if other else _alone(u, what, name), whole or not other, weak or alone))


def _alone(unit: Unit, what: str, other: str) -> str:
    """Why a unit with nothing on the other side is set aside (a one-sided pull quote: see
    _one_sided_quotes_back)."""
    return recovery.PULL_QUOTE_LEFT if unit.kind == "pullquote" else f"{what}: no counterpart in the {other}"


def _rejudge_sandwiches(
    beads: list[dp.Bead], sides: list[tuple[str, str, float]], problems: list[str | None], stray: set[dp.Bead], ratio: float
) -> None:
    """Runs of weak 1-1 beads held in place by confident neighbours get the sandwich floors
    (:mod:`harness.align.sandwich`); a run is written only when every bead of it passes."""
    runs = sandwich.sandwiched(beads, [b.di > 0 and b.dj > 0 and not p for b, p in zip(beads, problems)])
    for run in set(runs) - {-1}:
        members = [k for k, r in enumerate(runs) if r == run]
        verdicts = [None if beads[k] not in stray else problems[k] for k in members]
        for n, k in enumerate(members):
            a, b, score = sides[k]
            verdicts[n] = verdicts[n] or confidence.rejection(a, b, score, ratio, sandwich.FLOORS)
            if verdicts[n] and "fragment" in verdicts[n] and score >= sandwich.FRAGMENT_SCORE:
                verdicts[n] = None  # '%F = Name der Datei' / '%F = filename': one letter-word, in place, all shared
            if not verdicts[n] and confidence.length_factor(a, b, ratio) > sandwich.MAX_LENGTH_FACTOR:
                verdicts[n] = "low confidence: lengths differ from the document's ratio"
        if not any(verdicts):
            for k in members:
                problems[k] = None


def _stray_pieces(
    src: list[Unit], tgt: list[Unit], beads: list[dp.Bead], texts: list[tuple[str, str]], scorer: Scorer
) -> dict[dp.Bead, str]:
    """Beads with a sentence stitched from pieces (across moved blocks, columns or pages) one
    of which shares nothing with the other side: a cut sentence completed with the wrong
    continuation. Such a pair is half wrong, so it is not written. `texts` are the beads' two
    sides as joined text."""
    checks: list[tuple[dp.Bead, str, str]] = []  # bead, piece, the piece's other side
    pairs: list[tuple[str, str]] = []  # (source text, target text) scored for each check
    for bead, (s_text, t_text) in zip(beads, texts):
        if not (bead.di and bead.dj):
            continue
        for units, other, is_src in ((src[bead.i : bead.i + bead.di], t_text, True), (tgt[bead.j : bead.j + bead.dj], s_text, False)):
            least = confidence.PIECE_WORDS if is_src else confidence.TARGET_PIECE_WORDS
            for piece in (p for u in units if u.seams for p in u.pieces() if len(p.split()) >= least):
                checks.append((bead, piece, other))
                pairs.append((piece, other) if is_src else (other, piece))
    if not checks:
        return {}
    ps = scorer.fit([a for a, _ in pairs], [b for _, b in pairs])
    found: dict[dp.Bead, str] = {}
    for k, (bead, piece, other) in enumerate(checks):
        if confidence.containment(ps.sim(k, 1, k, 1), piece, other) < confidence.MIN_PIECE_SCORE:
            found.setdefault(bead, f"low confidence: a piece shares nothing with the other side ({piece[:40]!r})")
    return found


def _pair_blocks(src: list[Piece], tgt: list[Piece], scorer: Scorer) -> list[tuple[int, int]]:
    """Captions/pull quotes: pair blocks that are each other's best match. Two pull quotes pair
    only if the body sentences they restate match too: manuals are full of look-alike sentences
    ("See X for details.") that the monolingual detector takes for quotes, and pairing those by
    similarity alone, out of order, crosses them."""
    if not src or not tgt:
        return []
    ps = scorer.fit([p.text.text for p in src], [p.text.text for p in tgt])
    sims = [[ps.sim(i, 1, j, 1) for j in range(len(tgt))] for i in range(len(src))]
    restated = scorer.fit([p.restates for p in src], [p.restates for p in tgt]) if any(p.restates for p in src) else None
    pairs = []
    for i, row in enumerate(sims):
        j = max(range(len(tgt)), key=lambda jj: (row[jj], -jj))
        column_best = max(range(len(src)), key=lambda ii: (sims[ii][j], -ii))
        quotes = bool(src[i].restates and tgt[j].restates)
        if column_best != i or row[j] < (MIN_QUOTE_PAIR if quotes else MIN_SIDE_PAIR):
            continue
        if not quotes or (restated is not None and restated.sim(i, 1, j, 1) >= MIN_RESTATED):
            pairs.append((i, j))
    return pairs


def _side_stream(result: Alignment, src: list[Piece], tgt: list[Piece], kind: str, langs: tuple[str, str], scorer: Scorer) -> None:
    paired = _pair_blocks(src, tgt, scorer)
    for i, j in paired:
        su = _units([Block(src[i].text, kind)], langs[0])
        tu = _units([Block(tgt[j].text, kind)], langs[1])
        _collect(result, su, tu, align_units(su, tu, scorer), kind)
    used_src, used_tgt = {i for i, _ in paired}, {j for _, j in paired}
    reason = f"{kind} without counterpart"
    for side, pieces, used, lang in (("src", src, used_src, langs[0]), ("tgt", tgt, used_tgt, langs[1])):
        for k, p in enumerate(pieces):
            if k not in used:
                result.unaligned += [SetAside(side, u, reason) for u in _units([Block(p.text, kind)], lang)]


def evidence(src_raw: str, tgt_raw: str, src_lang: str, tgt_lang: str, dictionary: Dictionary | None) -> tuple[Callable[[], Evidence], Callable[[], Evidence]]:
    """What counts as a real word when cleaning each side, as a job per side: the translation's is
    made in the job that reads it (see build)."""
    function = stopwords(src_lang) | stopwords(tgt_lang)
    src_known: Callable[[str], bool] = dictionary.__contains__ if dictionary else (lambda _w: False)
    tgt_vocab = dictionary.target_words() if dictionary else frozenset()
    return (
        partial(evidence_from, src_raw, src_known, function, tgt_raw),
        partial(evidence_from, tgt_raw, tgt_vocab.__contains__, function, src_raw),
    )


def _numbers_agree(a: str | None, b: str | None) -> bool:
    """Two units that both open with a section number ('3.1.3. Dienste des Hauptservers') are
    counterparts only when the numbers are the same: a translation keeps its original's
    numbering, and the number is the one word a heading's look-alikes ('3.1. Network', '3.1.4.
    LTSP server(s)') share with it."""
    return a is None or b is None or a == b


def _heading_as_item(text: str, src: Unit, tgt: Unit) -> bool:
    """A short source line alone in its box reads as a heading, and a list item of the translation
    may be just such a line ('Wie können Sie Debian helfen? (offiziell)' / '* How can you help
    Debian? (official)'): the two may anchor each other for ordering. A line opening with a section
    number ('4.5. Die 4.x-Versionen') is a heading in any layout and stays one; conversely a block
    of one sentence read as body text ('1.4. Wo man Hilfe bekommen kann': it ends on a function
    word) anchors to the translation's heading with the same section number (see _restore_order)."""
    return src.kind in HEADINGS and tgt.kind == "item" and not numbered_heading(text)


def _raw_rests(
    cut: set[int], fragments: Sequence[tuple[int, Tracked]], first: dict[int, int], last: dict[int, int],
    scorer: Scorer, texts: Sequence[str], ev: Evidence,
) -> frozenset[int]:
    """Blocks that read as the rest of the sentence cut at the end of their raw predecessor (a
    block in `cut`), in text whose raw order holds: joined, the two match best the one target
    sentence that the cut block alone matches best ('… benutzen Sie die rechte Maustaste wenn der
    Maus' / page foot, running header / 'Cursor sich entweder in der Baumansicht … befindet.' against
    'To add a new item, right click the mouse button when the cursor is on …'). The rest's words
    then belong to that sentence's translation, even where the rest alone matched some other
    sentence well enough for an anchor to place it elsewhere. A heading and the paragraph under it
    joined match two target sentences, so they stay apart. reattach_continuations gives such a
    rest the margin of a block's successor; its gain still decides."""
    heads = sorted(e for e in cut if e + 1 in first)
    if not heads:
        return frozenset()
    joined = [joins.join_cut(fragments[last[e]][1].text, fragments[first[e + 1]][1].text, ev) for e in heads]
    together = scorer.fit(joined, texts)
    alone = scorer.fit([fragments[last[e]][1].text for e in heads], texts)
    rests = set()
    for k, e in enumerate(heads):
        both, head = order.best_match(together, k, len(texts)), order.best_match(alone, k, len(texts))
        if both and head and both[0][1:] == head[0][1:] and both[0][2] == 1:
            rests.add(e + 1)
    return frozenset(rests)


def _restore_order(
    blocks: list[Piece],
    fragments: list[tuple[int, Tracked]],
    tgt: list[Unit],
    scorer: Scorer,
    ev: Evidence,
    casing: Casing | None = None,
    lang: str = "",
) -> tuple[list[int], set[tuple[int, int]]]:
    """Source blocks in reading order, and which cut sentences to re-join: anchors place
    blocks, then the block completing a cut sentence moves behind the block it completes. A
    block read as a heading that a list item of the translation places (see _heading_as_item)
    becomes an item in `blocks`."""
    texts = [u.text for u in tgt]
    ps = scorer.fit([s.text for _, s in fragments], texts)
    roles = [Unit("", "", blocks[b].kind) for b, _ in fragments]
    same_role = _same_role(roles, tgt)
    src_numbers = [recovery.section_number(s.text) for _, s in fragments]
    tgt_numbers = [recovery.section_number(t) for t in texts]
    compatible = lambda i, j: same_role(i, j) and _numbers_agree(src_numbers[i], tgt_numbers[j])  # noqa: E731
    announcing = lambda i, j: announcing_pair(fragments[i][1].text, texts[j])  # noqa: E731
    clear = order.clear_matches(ps, len(fragments), len(tgt), compatible)
    block_of = [b for b, _ in fragments]
    if order.raw_order_holds(block_of, {i: j for i, (j, _s) in clear.items()}):  # see _role_agrees: only text whose raw order holds
        strict = compatible
        compatible = lambda i, j: strict(i, j) or announcing(i, j)  # noqa: E731
        anchors = order.find_anchors(ps, len(fragments), len(tgt), compatible)
    else:  # shuffled: an announcing counterpart does not place a block, but its look-alike no longer does either
        anchors = {i: j for i, (j, _s) in order.unrivalled(ps, clear, len(tgt), compatible, announcing).items()}
    whole = {b for b, n in Counter(block_of).items() if n == 1}

    def crossing(i: int, j: int) -> bool:
        text = fragments[i][1].text
        numbered = roles[i].kind == "body" and block_of[i] in whole and tgt[j].kind in HEADINGS and src_numbers[i] is not None
        return _heading_as_item(text, roles[i], tgt[j]) or (numbered and src_numbers[i] == tgt_numbers[j])

    loose = order.cross_role_anchors(ps, block_of, anchors, len(tgt), crossing)
    placing = lambda i, j: i in loose or compatible(i, j)  # noqa: E731
    for i, j in loose.items():  # placed by a list item or heading, it is one (as an item, its sentences are units)
        blocks[block_of[i]] = Piece(blocks[block_of[i]].index, blocks[block_of[i]].text, "heading" if tgt[j].kind in HEADINGS else "item")
    ordered = order.block_order(block_of, len(blocks), order.settled(block_of, {**anchors, **loose}, ps, len(tgt), placing))
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for i, b in enumerate(block_of):
        first.setdefault(b, i)
        last[b] = i
    body = {b for b in range(len(blocks)) if blocks[b].kind == "body" and b in first}
    open_end = {b for b in body if not closes_block(blocks[b].text.text)}
    # a list item is a unit of its own, not offered for re-joining, unless it ends on a word broken
    # by a hyphen ('… usw. Das Wicht-'): no unit ends inside a word, so the rest ('igste für Sie
    # ist, …') lies in another block (see joins.hyphen_partners); a suspended compound goes on too
    open_end |= {b for b in first if blocks[b].kind == "item" and ends_on_broken_word(blocks[b].text.text)}
    guessed = body - {block_of[i] for i in anchors}

    def best(p: PairSim, i: int) -> float:
        found = order.best_match(p, i, len(tgt))
        return found[0][0] if found else 0.0

    partners = joins.hyphen_partners({e: blocks[e].text.text for e in open_end}, {b: blocks[b].text.text for b in body}, ev)

    def gains(pairs: list[tuple[int, int]]) -> list[float]:
        """Each join judged alone, so a long document's are judged in two halves, one on each
        core (two_sides.each)."""
        heads = [fragments[last[e]][1].text for e, _ in pairs]
        tails = [fragments[first[s]][1].text for _, s in pairs]
        together = scorer.fit([joins.join_cut(h, t, ev) for h, t in zip(heads, tails)], texts)
        apart: dict[int, float] = {}

        def alone(i: int) -> float:
            if i not in apart:
                apart[i] = best(ps, i)
            return apart[i]

        def gain(k: int) -> float:
            e, s = pairs[k]
            hyphen = joins.hyphen_evidence(heads[k], tails[k], ev)
            return (
                best(together, k)
                - max(alone(last[e]), alone(first[s]))
                + hyphen
                + joins.partner_evidence(e, s, partners, hyphen > 0)
                + joins.capitals_evidence(heads[k], tails[k])
                + joins.term_evidence(tails[k], blocks[s + 1].text.text if s + 1 < len(blocks) else "")
                + (joins.opener_evidence(heads[k], tails[k], casing, lang) if casing is not None else 0.0)
            )

        return two_sides.each(gain, len(pairs))

    nearest = max(NEAREST_MIN, min(order.NEAREST, CONTINUATION_BUDGET // max(1, len(open_end))))  # bounded work on long documents
    whole = frozenset(b for b in range(len(blocks)) if blocks[b].kind == "pullquote")  # see _one_sided_quotes_back
    adrift = frozenset() if order.raw_order_holds(block_of, anchors) else frozenset(guessed)  # see reattach_continuations

    def span(i: int) -> tuple[int, int] | None:  # an anchor's target span: (first sentence, how many)
        return order.best_match(ps, i, len(tgt), compatible)[0][1:] if i in anchors else None

    def apart(e: int, s: int) -> bool:
        """See order.separate_sentences; only for a successor the anchors alone placed after e. One
        that follows e in raw order is read after it by the extraction too, and a translator may
        split a sentence cut there ('… beitragen und fußen auf' + '„gemeinsamen Werten, …“.' /
        '… inside and outside NATO territory. They are based on "common values, …"')."""
        return s != e + 1 and order.separate_sentences(span(last[e]), span(first[s]))

    tails = frozenset(b for b in body if blocks[b].text.text[:1].islower())
    return order.reattach_continuations(
        ordered, open_end, guessed, gains, nearest=nearest, transparent=whole, adrift=adrift, apart=apart, tails=tails,
        raw_next=frozenset() if adrift else _raw_rests(open_end & {b - 1 for b in body}, fragments, first, last, scorer, texts, ev),
        partners=partners,
    )


def _streams(result: Alignment, side: str, pieces: list[Piece], lang: str) -> dict[str, list[Piece]]:
    """Pieces by stream: main text, captions, pull quotes, footnotes; notes go straight to
    the set-aside list."""
    quotes = _pull_quotes(pieces, lang)
    kinds = _target_kinds(pieces) if side == "tgt" else [p.kind for p in pieces]
    streams: dict[str, list[Piece]] = {"main": [], "caption": [], "pullquote": [], "footnote": []}
    for k, p in enumerate(pieces):
        if k in quotes and quotes[k]:
            streams["pullquote"].append(Piece(p.index, p.text, p.kind, quotes[k]))
        elif k in quotes:  # a look-alike stays in the main text, a whole unit (see _one_sided_quotes_back)
            streams["main"].append(Piece(p.index, p.text, "pullquote"))
        elif p.kind == "note":
            result.unaligned.append(SetAside(side, tracked_unit(p.text, "note"), "editorial note"))
        elif p.kind == "table":  # cells under a caption (furniture.table_lines): no sentences to pair
            result.unaligned.append(SetAside(side, tracked_unit(p.text, "table"), "table content"))
        elif p.kind in ("caption", "footnote"):
            streams[p.kind].append(p)
        else:
            streams["main"].append(Piece(p.index, p.text, kinds[k]))
    return streams


class _Side(NamedTuple):
    """What reading one side gives: its pieces by stream, what it set aside, its casing, and (the
    translation only) the units of its main text, read ahead in the same job."""

    streams: dict[str, list[Piece]]
    aside: list[SetAside]
    casing: Casing
    units: list[Unit] | None


def _read_side(side: str, raw: str, lang: str, ev: Evidence | Callable[[], Evidence], found: layout.Layout) -> _Side:
    """One side read: a job that needs nothing of the other side, so the two sides can be read at
    once (two_sides.both). The translation's units are cut here too, where its sentences were just
    split (the segmenter's cache lives in the job's process), unless a pull quote goes back to its
    main text afterwards (see build)."""
    if callable(ev):  # made here, in the job's process (it holds the dictionary: never sent back)
        ev = ev()
    pieces = read_pieces(raw, lang, ev, found.page_foot, found.bridged, frozenset(found.removed), found.notes)
    aside = Alignment()
    streams = _streams(aside, side, pieces, lang)
    casing = document_casing(raw)
    units = _target_units(streams["main"], lang, casing) if side == "tgt" else None
    return _Side(streams, aside.unaligned, casing, units)


def _target_units(main: list[Piece], lang: str, casing: Casing) -> list[Unit]:
    """Units of the translation's main text, read in order: blocks parted by a page break rejoin."""
    blocks = [Block(p.text, p.kind) for p in main]
    return _units(order.stitch(blocks, lambda a, b: joins.page_break(blocks[a], blocks[b], lang)), lang, casing)


def _one_sided_quotes_back(sides: dict[str, dict[str, list[Piece]]], scorer: Scorer) -> None:
    """A pull quote is part of the layout, so the translation has it too: a block flagged as one
    on one side only, with no counterpart among the other side's, may be a sentence that merely
    resembles another (manuals repeat "See X for details.") and goes back to the main text. It
    keeps its kind there, so it stays a whole unit: a real one-sided pull quote is then left over
    by the alignment, never stitched onto a cut sentence nor paired out of order before the late
    recovery (which takes it at recover's own floor: recovery.one_sided_quote)."""
    src, tgt = sides["src"]["pullquote"], sides["tgt"]["pullquote"]
    paired = _pair_blocks(src, tgt, scorer)
    keep = {"src": {i for i, _ in paired}, "tgt": {j for _, j in paired}}
    for side, quotes in (("src", src), ("tgt", tgt)):
        back = [Piece(p.index, p.text, "pullquote") for k, p in enumerate(quotes) if k not in keep[side]]
        if back:
            sides[side]["pullquote"] = [p for k, p in enumerate(quotes) if k in keep[side]]
            sides[side]["main"] = sorted([*sides[side]["main"], *back], key=lambda p: p.index)


def build(
    src_raw: str, tgt_raw: str, src_lang: str, tgt_lang: str, scorer: Scorer, dictionary: Dictionary | None = None
) -> Alignment:
    """Align a raw source document (maybe PDF-scrambled) with its raw translation (the garbage
    collector paused meanwhile: see gc_pause)."""
    with gc_pause.paused():
        return _build(src_raw, tgt_raw, src_lang, tgt_lang, scorer, dictionary)


def _build(src_raw: str, tgt_raw: str, src_lang: str, tgt_lang: str, scorer: Scorer, dictionary: Dictionary | None) -> Alignment:
    result = Alignment()
    src_layout, tgt_layout = two_sides.both(partial(layout.analyse, src_raw), partial(layout.analyse, tgt_raw))
    for side, raw, found in (("src", src_raw, src_layout), ("tgt", tgt_raw, tgt_layout)):
        result.unaligned += [SetAside(side, Unit(text, str(n), "layout"), reason) for n, reason, text in layout.removed_lines(raw, found)]
    src_raw, tgt_raw = "\n".join(src_layout.lines), "\n".join(tgt_layout.lines)
    src_evidence, tgt_evidence = evidence(src_raw, tgt_raw, src_lang, tgt_lang, dictionary)
    made: list[Evidence] = []  # the source's evidence, needed here later (the first job runs in this process)

    def read_source() -> _Side:
        made.append(src_evidence())
        return _read_side("src", src_raw, src_lang, made[0], src_layout)

    src_side, tgt_side = two_sides.both(read_source, partial(_read_side, "tgt", tgt_raw, tgt_lang, tgt_evidence, tgt_layout))
    src_ev = made[0]
    result.unaligned += src_side.aside + tgt_side.aside
    sides = {"src": src_side.streams, "tgt": tgt_side.streams}
    src_casing, tgt_casing = src_side.casing, tgt_side.casing

    read_main = sides["tgt"]["main"]
    _one_sided_quotes_back(sides, scorer)
    tgt_units = tgt_side.units
    if tgt_units is None or sides["tgt"]["main"] is not read_main:  # a pull quote went back: cut again
        tgt_units = _target_units(sides["tgt"]["main"], tgt_lang, tgt_casing)
    src_main = sides["src"]["main"]
    fragments = [(b, s) for b, p in enumerate(src_main) for s in split_sentences(p.text, src_lang)]
    ordered, rejoin = _restore_order(src_main, fragments, tgt_units, scorer, src_ev, src_casing, src_lang)
    src_blocks = order.stitch(
        [Block(src_main[b].text, src_main[b].kind) for b in ordered],
        lambda a, b: (ordered[a], ordered[b]) in rejoin,
        lambda head, tail: joins.cut_glue(head, tail, src_ev),
    )
    src_units = _units(src_blocks, src_lang, src_casing)
    shuffled = blockmates.shuffled(ordered)
    _collect(result, src_units, tgt_units, align_units(src_units, tgt_units, scorer, shuffled=shuffled), "body", scorer)
    ratio = confidence.written_ratio(result.pairs)
    recovery.recover(result, scorer, ratio)
    if shuffled:
        blockmates.better_partners(result, scorer, ratio)
        blockmates.better_sources(result, scorer, ratio)
        crossed.cross_partners(result, scorer, ratio)
        blockmates.pair_block_mates(result, src_units, tgt_units, scorer, ratio)
        gaps.fill_holes_with_mates(result, src_units, tgt_units, scorer, ratio)

    for kind in ("caption", "pullquote"):
        _side_stream(result, sides["src"][kind], sides["tgt"][kind], kind, (src_lang, tgt_lang), scorer)
    src_notes = [tracked_unit(p.text, "footnote") for p in sides["src"]["footnote"]]
    tgt_notes = [tracked_unit(p.text, "footnote") for p in sides["tgt"]["footnote"]]
    _collect(result, src_notes, tgt_notes, align_units(src_notes, tgt_notes, scorer), "footnote")
    fragment_pairs.set_aside_fragments(result)
    uncovered.trim_uncovered(result, dictionary, (src_lang, tgt_lang), (src_casing, tgt_casing))
    uncovered.rehome_pieces(result, scorer, (src_lang, tgt_lang), (src_casing, tgt_casing))
    glued_sentence.cut_glued_sentences(result, scorer, dictionary, (src_lang, tgt_lang), src_casing)
    own_lines.cut_own_lines(result, scorer, [prepare_line(line) for line in src_raw.splitlines()])
    copied_tails.split_copied_tails(result)
    numbered_headings.split_glued_headings(result, scorer)
    seam_openers.cut_left_overs(result, src_casing, src_lang, scorer if dictionary is not None else None)  # homes: see leftover_homes
    quote_twins.drop_box_copies(result)  # before the late recovery: a box's partner may find its own there
    late_recovery.recover_set_aside(result, scorer, dictionary is not None, src_lang)
    while late_recovery.rejoin_cut_sentences(result, scorer, src_ev, src_raw.splitlines(), src_lang):
        pass  # a head joined at a seam leaves the unit's rest, a tail for the next round
    tail_heads.give_heads_to_tails(result, scorer, src_ev, src_raw.splitlines())
    if dictionary is not None:  # see raw_neighbours: without one, position would stand alone
        raw_neighbours.pair_raw_sandwiches(result, tgt_units, scorer)
    foreign_pieces.set_aside_foreign_pieces(result, scorer, src_lang)
    missing_names.set_aside_missing_names(result, scorer, (src_lang, tgt_lang), dictionary)
    seam_openers.set_aside_seam_openers(result, src_casing, src_lang)
    sentence_tails.cut_sentence_tails(result, scorer, src_casing, src_lang)
    fragment_pairs.set_aside_cut_word_ends(result)
    quote_twins.drop_box_copies(result)  # again: the late passes may pair a box too
    footnote_marks.strip_marks(result)
    return result
