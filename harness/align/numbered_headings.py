"""A numbered heading glued to the sentence under it, cut off where the translation's heading ends.

A PDF sets a section heading on lines of its own, but its text extraction often leaves no blank
line between the heading and the paragraph under it, and a heading has no stop: the sentence
splitter reads '9.4.5. Dateien auflisten, die von einem Prozess geöffnet wurden Sie können wie
folgt alle Dateien auflisten, …' as one sentence. Against the translation's heading ('9.4.5.
Listing files opened by a process') and its next sentence, each a unit of its own, the glued unit
is twice too long for either, and both sides are set aside.

The section number is the evidence: a multi-level number with its closing dot ('9.4.5.') that opens
exactly one left-over source unit and one left-over translation unit, and no written pair, names
the same heading on both sides, wherever shuffled blocks put it. The heading ends at a line end of
the source unit where the next raw line opens with a capital letter, before the first seam (a
heading is set on lines of its own, in one block), and what follows must read as a sentence that
ends or is cut off at its block's end (see heading_cuts). German capitalises its nouns, so there
may be more than one such place; the translation chooses: the cut whose head the translation's
heading matches best (the shorter head on a tie), at least as well as the whole unit and at least
at recovery's floor, lengths agreeing as a sandwiched pair's must (sandwich.MAX_LENGTH_FACTOR, see
lengths_agree). The head is written with the translation's heading. The rest is the paragraph's
first sentence: written with the translation unit right after the heading when that is left over
too and they pass the main text's checks (confidence.rejection at its usual floors: only the
heading before them holds them in place, not a pair on each side as a sandwich's), a sandwiched
pair's lengths, and late_recovery.whole_sentences; else it is set aside for the later passes to
pair.

A numbered heading glued to nothing may instead have come apart: set on two or three lines, it
is cut where a line opens with a capital ('9.6.14. Vergrößerung des nutzbaren' / 'Speicherplatzes
über das Einbinden anderer' / 'Partitionen'), each line left over. The lines that continue it
(see continued_heading) are joined again while the translation's heading matches better, up to a
blank line or the paragraph under the heading; where its end is not known (its next line written
elsewhere, held by another unit) it is left alone. The joined heading is written with the
translation's at recovery's floor, the lengths agreeing as above and the source not much shorter
than the translation predicts (lengths_agree): a heading cut at a block end ('5.2.1. Grafische'),
its number matching, is short of its translation.
"""

from __future__ import annotations

import re
from collections import Counter

from harness.align import confidence, late_recovery, recovery, sandwich
from harness.align.fragment_pairs import cut_mid_sentence
from harness.align.lang import closes_block
from harness.align.model import AlignedPair, Alignment, SetAside, Unit, line_spans, span_numbers
from harness.align.similarity import Scorer

SECTION = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){1,3})\.\s")  # '9.4.5. ', not '1.1 Buzz' (a version) nor '3. ' (a list)
HEADING_WORDS = 15  # a translation heading longer than this is a sentence
REST_WORDS = 3  # the least words of the sentence cut off a heading
SHORT_FACTOR = 1.3  # how much shorter than its translation predicts a source heading may be
REASONS = ("body:", "heading:")  # set aside from the main text (a heading bead's refusal too)
REST_REASON = "body: the rest of a unit whose numbered heading was cut off and written"


def section(text: str) -> str | None:
    """The multi-level section number a unit opens with, closing dot required ('9.4.5.')."""
    m = SECTION.match(text)
    return m.group(1) if m else None


def heading_cuts(unit: Unit) -> list[int]:
    """Offsets in the unit's text where a heading can end and a sentence begin: a space between two
    raw lines (the characters around it have different line owners) after the section number and
    before a capital letter, no later than the first seam (a heading is set in one block: past a
    seam the text comes from another), where the rest reads as a sentence of at least REST_WORDS
    words: one that ends (lang.closes_block) or one cut at its block's end on a word no sentence
    ends on (fragment_pairs.cut_mid_sentence, '… sofern diese mit dem'). A whole heading of two
    lines ('9.9.1. Verschlüsselung von' / 'Wechseldatenträgern mit dm-crypt/LUKS') has no such
    rest. None where the owners are not known."""
    m = SECTION.match(unit.text)
    if not m or len(unit.owners) != len(unit.text) or not (closes_block(unit.text) or cut_mid_sentence(unit.text)):
        return []
    text, owners = unit.text, unit.owners
    last = min([s for s in unit.seams if s > m.end()], default=len(text))
    return [
        k
        for k in range(m.end(), min(last + 1, len(text) - 1))
        if text[k] == " " and owners[k - 1] != owners[k + 1] and text[k + 1].isupper() and len(text[k:].split()) >= REST_WORDS
    ]


def cut(unit: Unit, k: int) -> tuple[Unit, Unit]:
    """The unit's text before and after offset k (a space), each with its own line spans: a
    heading and the body text under it."""
    a, b = unit.text[:k].rstrip(), unit.text[k:].lstrip()
    start = len(unit.text) - len(b)
    head_owners, rest_owners = unit.owners[: len(a)], unit.owners[start:]
    head = Unit(a, line_spans(head_owners), "heading", unit.block, tuple(s for s in unit.seams if s < len(a)), head_owners)
    rest = Unit(b, line_spans(rest_owners), "body", unit.block, tuple(s - start for s in unit.seams if s > start), rest_owners)
    return head, rest


def _lowest_line(unit: Unit) -> int:
    return min(span_numbers(unit.lines), default=0)


def _highest_line(unit: Unit) -> int:
    return max(span_numbers(unit.lines), default=0)


def next_left_over(result: Alignment, heading: Unit) -> int | None:
    """Index in result.unaligned of the translation unit that follows `heading` in the translation
    when it is a left-over of the main text (no written unit comes between them), else None."""
    after = _highest_line(heading)
    written = [_lowest_line(u) for p in result.pairs for u in p.tgt if _lowest_line(u) > after]
    left = [(_lowest_line(a.unit), k) for k, a in enumerate(result.unaligned) if a.side == "tgt" and a.unit is not heading and _lowest_line(a.unit) > after]
    if not left:
        return None
    line, k = min(left)
    a = result.unaligned[k]
    if written and min(written) < line:
        return None
    return k if a.unit.kind in recovery.KINDS and a.reason.startswith(REASONS) else None


def _spans(lines: str) -> list[tuple[int, int]]:
    """'455-456,942' -> [(455, 456), (942, 942)]."""
    out = []
    for part in lines.split(","):
        a, _, b = part.strip().partition("-")
        if a.isdigit():
            out.append((int(a), int(b) if b.isdigit() else int(a)))
    return out


def units_at(result: Alignment, line: int) -> tuple[int, list[tuple[int | None, Unit]]]:
    """The first raw line from `line` on that no running header or footer holds, and the source
    units holding it: each with its index in result.unaligned (None for a written one). No unit
    holds a blank line."""
    held = [(n, a.unit) for n, a in enumerate(result.unaligned) if a.side == "src"]
    held += [(None, u) for p in result.pairs for u in p.src]
    while True:
        hits = [(n, u) for n, u in held if any(a <= line <= b for a, b in _spans(u.lines))]
        if not any(u.kind == "layout" for _, u in hits):
            return line, hits
        line += 1


def _join(a: Unit, b: Unit) -> Unit:
    """Two units of neighbouring raw lines as one heading."""
    owners = (*a.owners, b.owners[0], *b.owners) if len(a.owners) == len(a.text) and len(b.owners) == len(b.text) and b.owners else ()
    lines = line_spans(owners) if owners else f"{a.lines},{b.lines}"
    seams = (*a.seams, *(len(a.text) + 1 + k for k in b.seams))
    return Unit(f"{a.text} {b.text}", lines, "heading", a.block, seams, owners)


def continued_heading(result: Alignment, k: int, heading: Unit, scorer: Scorer) -> tuple[Unit, list[int]] | None:
    """The numbered source heading at result.unaligned[k], completed with the left-over units
    that continue it on the next raw lines, and their indices; None where its end is not known.
    A heading set on two or three lines may come apart at a line opening with a capital (a German
    noun: '9.6.14. Vergrößerung des nutzbaren' / 'Speicherplatzes über das Einbinden anderer' /
    'Partitionen'), each line left over on its own. A line is taken into the heading when it is a
    left-over that ends no sentence, is no longer than a heading, and makes the translation's
    heading match better; the heading ends at a blank line (a raw line no unit holds) or where the
    paragraph under it begins (a unit opening with a capital that ends a sentence). Anything else
    (a written unit that ends no sentence, a broken word) leaves the end unknown: the unit may be
    half a heading whose other half went elsewhere ('5.2.1. Grafische')."""
    unit, parts = result.unaligned[k].unit, []
    if unit.seams:
        return None
    best = scorer.fit([unit.text], [heading.text]).sim(0, 1, 0, 1)
    while True:
        spans = _spans(unit.lines)
        if not spans or unit.text.endswith("-"):
            return None
        line, hits = units_at(result, spans[-1][1] + 1)
        if not hits:
            return unit, parts
        if len(hits) > 1 or _spans(hits[0][1].lines)[0][0] != line:
            return None
        n, below = hits[0]
        if n is not None and n not in (k, *parts) and _continues(result.unaligned[n], below):
            joined = _join(unit, below)
            s = scorer.fit([joined.text], [heading.text]).sim(0, 1, 0, 1)
            if s <= best:
                return None
            unit, best = joined, s
            parts.append(n)
            continue
        return (unit, parts) if below.text[:1].isupper() and closes_block(below.text) else None


def _continues(a: SetAside, below: Unit) -> bool:
    """A left-over unit that may be a heading's next line: it ends no sentence, is no longer than a
    heading and opens with no section number of its own."""
    return _left_over(a, "src") and not closes_block(below.text) and len(below.text.split()) <= HEADING_WORDS and section(below.text) is None


def _left_over(a: SetAside, side: str) -> bool:
    return a.side == side and a.unit.kind in recovery.KINDS and a.reason.startswith(REASONS)


def split_glued_headings(result: Alignment, scorer: Scorer) -> int:
    """Cut numbered headings off the sentences glued to them and write them with the translation's
    headings (see the module docstring); returns how many pairs it wrote."""
    src_at = [k for k, a in enumerate(result.unaligned) if _left_over(a, "src") and section(a.unit.text)]
    tgt_at = [k for k, a in enumerate(result.unaligned) if _left_over(a, "tgt") and section(a.unit.text)]
    if not src_at or not tgt_at:
        return 0
    written = Counter(section(u.text) for p in result.pairs for u in (*p.src, *p.tgt))
    src_numbers = Counter(section(result.unaligned[k].unit.text) for k in src_at)
    tgt_by_number: dict[str, list[int]] = {}
    for k in tgt_at:
        tgt_by_number.setdefault(section(result.unaligned[k].unit.text) or "", []).append(k)
    ratio = confidence.written_ratio(result.pairs)
    new: list[AlignedPair] = []
    drop: set[int] = set()
    rests: list[SetAside] = []
    for k in src_at:
        unit = result.unaligned[k].unit
        number = section(unit.text) or ""
        homes = tgt_by_number.get(number, [])
        if src_numbers[number] != 1 or len(homes) != 1 or written[number]:
            continue
        heading = result.unaligned[homes[0]].unit
        if len(heading.text.split()) > HEADING_WORDS:
            continue
        cuts = heading_cuts(unit)
        if not cuts:
            completed = continued_heading(result, k, heading, scorer)
            if completed is not None and not drop & set(completed[1]):
                head, parts = completed
                s = scorer.fit([head.text], [heading.text]).sim(0, 1, 0, 1)
                if s >= recovery.MIN_SCORE and lengths_agree(head.text, heading.text, ratio):
                    new.append(AlignedPair((head,), (heading,), heading.kind, s))
                    drop |= {k, homes[0], *parts}
            continue
        heads = [cut(unit, c) for c in cuts]
        ps = scorer.fit([unit.text] + [h.text for h, _ in heads], [heading.text])
        whole = ps.sim(0, 1, 0, 1)
        s, n = max((ps.sim(n + 1, 1, 0, 1), -n) for n in range(len(heads)))
        head, rest = heads[-n]
        if s < recovery.MIN_SCORE or s < whole or not lengths_agree(head.text, heading.text, ratio):
            continue
        new.append(AlignedPair((head,), (heading,), heading.kind, s))
        drop |= {k, homes[0]}
        mate = next_left_over(result, heading)
        if mate is not None and mate not in drop and _pairs_in_place(rest, result.unaligned[mate].unit, scorer, ratio):
            below = result.unaligned[mate].unit
            new.append(AlignedPair((rest,), (below,), below.kind, scorer.fit([rest.text], [below.text]).sim(0, 1, 0, 1)))
            drop.add(mate)
        else:
            rests.append(SetAside("src", rest, REST_REASON))
    if new:
        recovery.insert_pairs(result.pairs, new)
        result.unaligned = [a for k, a in enumerate(result.unaligned) if k not in drop] + rests
    return len(new)


def lengths_agree(head: str, heading: str, ratio: float) -> bool:
    """A source heading and its translation's: lengths within a sandwiched pair's factor
    (sandwich.MAX_LENGTH_FACTOR), and the source not more than SHORT_FACTOR shorter than the
    translation predicts. A heading cut at a block end ('9.6.14. Vergrößerung des nutzbaren',
    'Speicherplatzes über das Einbinden anderer Partitionen' elsewhere) is short of its
    translation, and the section number it carries makes it match well all the same."""
    expected = ratio * len(head) + 15
    return confidence.length_factor(head, heading, ratio) <= sandwich.MAX_LENGTH_FACTOR and len(heading) + 15 <= SHORT_FACTOR * expected


def _pairs_in_place(rest: Unit, below: Unit, scorer: Scorer, ratio: float) -> bool:
    """The checks for the sentence under a cut-off heading and the translation unit under its
    heading: the main text's floors (held in place on one side only), a sandwiched pair's
    lengths, and both sides whole sentences (late_recovery.whole_sentences)."""
    s = scorer.fit([rest.text], [below.text]).sim(0, 1, 0, 1)
    return (
        confidence.rejection(rest.text, below.text, s, ratio) is None
        and confidence.length_factor(rest.text, below.text, ratio) <= sandwich.MAX_LENGTH_FACTOR
        and late_recovery.whole_sentences(rest, below, scorer)
    )
