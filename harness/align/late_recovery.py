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
pair the alignment makes in order (confidence.MIN_SCORE), and to that floor itself where the two
sides share every name and code the source copies, two or more (:func:`shares_names`): the
similarity of a sentence and a free translation of it is often modest ('Dies lässt sich ändern;
…' / 'This is designed to be modified; …' scores 0.46), and the mutual clear best among whole
sentences is what speaks for it.
Not for short units (at most confidence.SHORT_WORDS words on a side): their similarity rests on
one or two words ('Welche eine Begrenzungsbox bilden.' / 'Formats symbols are:' scores 0.5), so
only recover's own floor holds for them, unless both end on the same mark (:func:`same_end`: a
stop, a colon, a question or an exclamation mark). A translator keeps what kind of sentence a
short unit is, a statement, a lead-in to a list or example, a question ('Hierzu ein Beispiel:' /
'Here is an example:', 'Texte können mehrzeilig sein.' / 'Texts can be multi-line.': short
sentences of a manual, each a block of its own that a shuffle strands), where a stranger matched
on one dictionary sense is often of another kind (the statement against the lead-in above).
Only with a real bilingual dictionary (as raw_neighbours): without one the one or two words a
short unit shares are names, cognates or word pairs learnt from the first pass's own pairs.

Unlike the first recovery this pass also takes units read as pull quotes that found no pull quote
on the other side (recovery.one_sided_quote: mostly body sentences the reader took for
restatements, whose translations stayed body text), but only at recover's own floor (0.6): a
match with such a unit is not held to the late floor, as a real pull quote's restated sentence
may be left over too. Only with a real bilingual dictionary, as for short units: the committed
en-es debian_reference_ch04 set, built without one, would gain one pair (`As explained in
passwd(5), each ":" separated entry of this file means the following.` / `Como se explica en
passwd(5), cada campo separado por «:» tiene el siguiente significado:`, right) and stays as
committed.

Last, :func:`rejoin_cut_sentences` pairs a left-over translation sentence with the head and the
tail of a source sentence cut at a block end whose pieces were both left over, a word broken at
the cut rejoined as the reader rejoins line-end hyphenation. A head ending on a word no sentence
ends on, at a raw block's end, may take the one block-opening tail its translation covers even where
the join adds little to what the head matches alone (:func:`mid_sentence_tails`). Its pieces may
also be sides of a list item's, lead's, heading's or pull quote's pair a check set aside
(:func:`rejoin_leftovers`), a head among them not a line going on from the one before it, and a
head may be the text before a seam of a left-over unit the builder glued to a wrong rest
(:func:`seam_heads`), the rest then a tail for the next round. A tail that brings the names and
codes the translation copies needs to add less to what the head matches alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from harness.align import blockmates, confidence, fragment_pairs, quote_twins, recovery
from harness.align.cleaning import Evidence
from harness.align.hyphens import cannot_go_on, ends_on_broken_word
from harness.align.joins import join_cut
from harness.align.lang import closes_block
from harness.align.missing_names import copied_tokens, holds
from harness.align.model import AlignedPair, Alignment, SetAside, Unit, first_line, line_spans, span_ends
from harness.align.uncovered import slice_units
from harness.align.similarity import PairSim, Scorer

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


def whole_sentences(src: Unit, tgt: Unit, scorer: Scorer, stop: bool = True) -> bool:
    """Whether both sides read as one whole sentence each: each is at most LONG_WORDS words long,
    ends a sentence (or a clause introducing what follows; only with `stop`), does not open
    mid-clause (:func:`opens_mid_clause`), shows no sign of being a piece of one
    against the other (fragment_pairs.fragment_evidence, cut_mid_sentence), and no piece it was
    stitched from shares nothing with the other side (blockmates.stray_piece)."""
    for unit, other, least in ((src, tgt, confidence.PIECE_WORDS), (tgt, src, confidence.TARGET_PIECE_WORDS)):
        if len(unit.text.split()) > LONG_WORDS:
            return False
        if (stop and not closes_block(unit.text)) or fragment_pairs.cut_mid_sentence(unit.text) or opens_mid_clause(unit.text, other.text):
            return False
        if fragment_pairs.fragment_evidence(unit.text, other.text) is not None:
            return False
        if blockmates.stray_piece(unit, other.text, scorer, least):
            return False
    return True


# the mark a unit ends on, a footnote number after it looked past ('… eingegeben werden.7'), not a
# decimal's point ('Version 1.2')
_END_MARK = re.compile(r"(?:(?<=[^\W\d])([.:?!])\d{1,2}|([.:?!]))$")


def same_end(src: str, tgt: str) -> bool:
    """Whether two units end on the same sentence mark (a stop, a colon, a question or an
    exclamation mark; a footnote number after it is looked past): the two are the same kind of
    sentence ('Hierzu ein Beispiel:' / 'Here is an example:'; not 'Welche eine Begrenzungsbox
    bilden.' / 'Formats symbols are:'). See the module docstring."""
    a, b = (_END_MARK.search(text.rstrip()) for text in (src, tgt))
    return a is not None and b is not None and (a.group(1) or a.group(2)) == (b.group(1) or b.group(2))


def first_pass_leftovers(result: Alignment) -> frozenset[tuple[str, Unit]]:
    """The left-over units (side, unit) the monotonic alignment itself left over (SetAside.unplaced:
    no counterpart, or a bead under the similarity floor), which no later pass took out of a pair:
    a unit a pass set aside is mostly a piece, one the alignment found no place for is as whole as
    it was read."""
    return frozenset((a.side, a.unit) for a in result.unaligned if a.unplaced)


def shares_names(src: str, tgt: str, lang: str) -> bool:
    """Whether the translation holds every token the source copies (missing_names.copied_tokens,
    read in the source language `lang`), MIN_SHARED_NAMES of them or more: 'Das BibTex-Format wird
    zusammen mit LaTex …' / 'The BibTex format is used alongside LaTex …'. Two names or codes in
    common, none missing, is evidence a modest word match (0.43 there) cannot give."""
    names = copied_tokens(src, lang)
    return len(names) >= MIN_SHARED_NAMES and all(holds(tgt, t) for t in names)


MIN_SHARED_NAMES = 2
NAMED_SCORE = confidence.MIN_SCORE  # the late recovery's floor for a pair that shares_names


def recover_set_aside(result: Alignment, scorer: Scorer, dictionary: bool = False, lang: str = "") -> int:
    """Pair mutually best left-overs once more, after the last set-aside pass; returns how many
    pairs it made. `dictionary`: the scorer reads a real bilingual dictionary; only then may short
    units that end on the same mark pair below recover's floor (see the module docstring). One-sided
    pull quotes take part at recover's floor, also only with a real dictionary (recovery.one_sided_quote).
    So do the sides of other kinds' pairs a check set aside (:func:`rejoin_leftovers`: 'item: a
    glued sentence the translation barely renders …', a whole sentence cut off an item's unit),
    on the same terms. With the source language `lang`, a pair whose translation holds every name
    and code the source copies, two or more (:func:`shares_names`), needs only NAMED_SCORE."""
    ratio = confidence.written_ratio(result.pairs)
    numbers = fragment_pairs.document_numbers(result)
    untouched = first_pass_leftovers(result)

    def accept(src: Unit, tgt: Unit, score: float) -> bool:
        if score < LOW_SCORE and not (lang and shares_names(src.text, tgt.text, lang)):
            return False
        short = min(len(src.text.split()), len(tgt.text.split())) <= confidence.SHORT_WORDS
        if score < recovery.MIN_SCORE and short and not (dictionary and same_end(src.text, tgt.text)):
            return False
        if score < recovery.MIN_SCORE and "pullquote" in (src.kind, tgt.kind):  # recover's own floor: see recovery.one_sided_quote
            return False
        if fragment_pairs.fragment_rejection(src.text, tgt.text, ratio) or fragment_pairs.one_sided_number(src.text, tgt.text, numbers):
            return False
        at_first_floor = score >= recovery.MIN_SCORE and ("src", src) in untouched and ("tgt", tgt) in untouched
        return whole_sentences(src, tgt, scorer, stop=not at_first_floor)

    more = {side: {k for k in rejoin_leftovers(result, side)[1] if dictionary or not recovery.one_sided_quote(result.unaligned[k])} for side in ("src", "tgt")}
    return recovery.recover(result, scorer, ratio, floor=NAMED_SCORE if lang else LOW_SCORE, accept=accept, quotes=dictionary, more=more, rounds=True)


def rejoin_cut_sentences(result: Alignment, scorer: Scorer, ev: Evidence | None = None, raw: Sequence[str] = (), lang: str = "") -> int:
    """Pair a left-over translation sentence with two left-over source pieces it covers together:
    the head of a cut sentence (ending without closing a sentence) and a tail (closing one), in
    that order, written as one 2:1 pair. A block cut mid-sentence and moved leaves both pieces
    without a counterpart of their own, and the translation of the whole sentence is the evidence
    of which tail completes which head (the issue's 'use the translation to order fragments').
    Order is given up, so it asks what recover asks and more: the joined text scores at least
    recover's floor, is the translation sentence's clear best (by recover's margin) over the
    joins with the runner-up head or tail, each piece's own best left-over translation is that
    sentence, each piece shares words with it, and the pair passes every check a written pair
    gets (confidence.rejection, fragment_pairs' last check, :func:`whole_sentences`). A head
    ending on a broken word ('… auf Disketten und Bän-') joins only a tail that completes the word
    (opening in lower case, 'dern zusammen mit …'), and only given the document's evidence `ev`
    (the pipeline's src_ev): the word is rejoined as the reader joins line-end hyphenation
    (joins.join_cut) and the pair written with one source unit holding it whole. The reader's
    own re-ordering joins such blocks only when the whole word occurs elsewhere in the documents
    (joins.hyphen_partners); a word the document writes once, broken, has only the translation
    to vouch for it. Without `ev` such heads are left alone. With the raw lines `raw` (the
    pipeline's source text, by line), a head cut mid-sentence also joins the tail
    :func:`mid_sentence_tails` finds for it, the join measured against the tail alone and against
    other heads' joins only. Besides the left-overs it takes the sides of item, lead, heading,
    title and pull quote pairs a check set aside (:func:`rejoin_leftovers`); a head among those
    must not go on from the raw line before it (:func:`continues_line`). A head may also be cut off
    a left-over unit at a seam (:func:`seam_heads`); the unit's rest then stays left over as a
    piece, a tail for the next call (the pipeline calls this until it makes no pair). A join whose
    tail brings tokens the translation copies and the head lacks (:func:`names_from_tail`, read in
    the source language `lang`: '<listmaster@lists.debian.org> kontaktiert werden.' after 'Bei
    Problemen kann der Listenverwalter unter der E-Mail-Adresse', a sentence cut at a page foot)
    need add only NAMED_GAIN to what its pieces score alone, not recover's margin: a head that
    matches its translation well alone (0.923 there; the join 1.0) leaves no room for the margin,
    and the shared address is the evidence the score cannot give. Returns how many pairs it made."""
    (src_at, wide), (tgt_at, _) = rejoin_leftovers(result, "src"), rejoin_leftovers(result, "tgt")
    if not src_at or not tgt_at:
        return 0
    src = [result.unaligned[k].unit for k in src_at]
    tgt = [result.unaligned[k].unit for k in tgt_at]
    cut_from = seam_heads(src)  # a head cut off a left-over unit at a seam -> (that unit, the seam)
    src += [head for head, _, _ in cut_from]
    origin = {len(src_at) + n: (i, seam) for n, (_, i, seam) in enumerate(cut_from)}
    unit_of = lambda i: origin[i][0] if i in origin else i  # noqa: E731  (the left-over unit a source piece is, or was cut from)
    ps = scorer.fit([u.text for u in src], [u.text for u in tgt])
    best: dict[int, tuple[float, int]] = {}  # source piece -> its best (similarity, translation sentence)
    for i in range(len(src)):
        row = [(ps.sim(i, 1, j, 1), j) for j in ps.candidates(i, 8)]
        if row:
            best[i] = max(row, key=lambda x: (x[0], -x[1]))
    heads: dict[int, list[tuple[float, int]]] = {}
    tails: dict[int, list[tuple[float, int]]] = {}
    for i, (s, j) in best.items():
        text = src[i].text.rstrip()
        if not closes_block(text):
            if (not text.endswith("-") or ev is not None) and not (src_at[unit_of(i)] in wide and continues_line(src[i], raw)):
                heads.setdefault(j, []).append((s, i))
        else:
            tails.setdefault(j, []).append((s, i))
    tries = []  # (translation sentence, head, tail) for every join worth scoring
    for j in sorted(set(heads) & set(tails)):
        hs, ts = sorted(heads[j], reverse=True)[:2], sorted(tails[j], reverse=True)[:2]
        tries += [(j, h, t) for _, h in hs for _, t in ts if h != t and _joinable(src[h].text, src[t].text, ev)]
    closing = [i for i in best if closes_block(src[i].text.rstrip())]
    covered = mid_sentence_tails(src, tgt, heads, closing, ps, raw)
    tries += [(j, h, t) for (j, h), t in covered.items() if (j, h, t) not in tries and _joinable(src[h].text, src[t].text, ev)]
    if not tries:
        return 0
    texts = {(h, t): _join(src[h].text, src[t].text, ev) for _, h, t in tries}
    joined = scorer.fit([texts[h, t] for _, h, t in tries], [tgt[j].text for j, _, _ in tries])
    by_tgt: dict[int, list[tuple[float, int, int]]] = {}
    for k, (j, h, t) in enumerate(tries):
        by_tgt.setdefault(j, []).append((joined.sim(k, 1, k, 1), h, t))
    ratio = confidence.written_ratio(result.pairs)
    numbers = fragment_pairs.document_numbers(result)
    new, drop, rests = [], set(), []
    used: set[int] = set()  # source units a pair took, whole or its head
    for j, row in sorted(by_tgt.items()):
        row.sort(reverse=True)
        s, h, t = row[0]
        whole_h = unit_of(h)
        if {whole_h, t} & used or whole_h == t:
            continue
        mid = covered.get((j, h)) == t  # a head cut mid-sentence and its one covered tail: see mid_sentence_tails
        alone = best[t][0] if mid else max(best[h][0], best[t][0])
        rivals = [r for r in row[1:] if not (mid and r[1] == h)]
        gain = NAMED_GAIN if lang and names_from_tail(src[h].text, src[t].text, tgt[j].text, lang) else recovery.MARGIN
        if s < recovery.MIN_SCORE or (rivals and s - rivals[0][0] < recovery.MARGIN) or s < alone + gain:
            continue
        text = texts[h, t]
        whole = Unit(text, f"{src[h].lines},{src[t].lines}", src[h].kind, src[h].block, (len(text) - len(src[t].text),))
        if (
            confidence.rejection(text, tgt[j].text, s, ratio)
            or confidence.length_factor(text, tgt[j].text, ratio) > recovery.MAX_LENGTH_FACTOR
            or fragment_pairs.fragment_rejection(text, tgt[j].text, ratio)
            or fragment_pairs.one_sided_number(text, tgt[j].text, numbers)
            or not whole_sentences(whole, tgt[j], scorer)
        ):
            continue
        pieces = (src[h], src[t]) if text == f"{src[h].text} {src[t].text}" else (_rejoined(src[h], src[t], text),)
        new.append(AlignedPair(pieces, (tgt[j],), tgt[j].kind, s))
        used |= {whole_h, t}
        drop |= {src_at[whole_h], src_at[t], tgt_at[j]}
        if h in origin:  # the unit's rest after the seam stays left over, as a piece
            a = result.unaligned[src_at[whole_h]]
            rests += [SetAside("src", u, f"{a.reason}; its head joined another tail", whole=False) for u in slice_units((a.unit,), origin[h][1], len(a.unit.text))]
    if new:
        recovery.insert_pairs(result.pairs, new)
        result.unaligned = [a for k, a in enumerate(result.unaligned) if k not in drop] + rests
    return len(new)


def seam_heads(units: Sequence[Unit]) -> list[tuple[Unit, int, int]]:
    """Heads of sentences the reader glued to a wrong continuation: for each left-over source unit,
    the text before each of its seams (the builder's own guess of a join) that ends without
    closing a sentence, of MIN_HEAD_WORDS words or more, as (head, the unit's index, the seam). A
    block cut mid-sentence whose rest the builder guessed wrong keeps the head from its real tail
    ('In einem System, auf dem das doc-debian-Paket installiert ist, finden Sie eine vollständige
    Auflistung der Mailinglisten in' + '<listmaster@lists.debian.org> kontaktiert werden.', left
    over, while '/usr/share/doc/debian/mailing-lists.txt.' is left over alone): the head competes
    with the other heads for a tail, and only the translation's sentence that the head and a tail
    render together, clearly better than either alone, takes it."""
    out = []
    for i, unit in enumerate(units):
        for seam in unit.seams:
            head = unit.text[:seam].rstrip()
            if len(head.split()) >= MIN_HEAD_WORDS and not closes_block(head):
                out += [(piece, i, seam) for piece in slice_units((unit,), 0, seam)]
    return out


# the kinds of pair (named first in a set-aside unit's reason) and of unit that rejoin_cut_sentences takes
REJOIN_KINDS = frozenset({*recovery.KINDS, "pullquote"})


def rejoin_leftovers(result: Alignment, side: str) -> tuple[list[int], set[int]]:
    """Indices in result.unaligned of the units of `side` :func:`rejoin_cut_sentences` may join:
    recovery.leftovers, and the sides of a pair of another kind (a list item, lead, heading,
    title or pull quote pair: the reason names the pair's kind) that a check set aside, and a
    unit read as a pull quote left over as body text (recovery.one_sided_quote); the second set
    holds these. A PDF's block cut mid-sentence is often written with the whole
    translation before a check refuses the pair ('item: … the source ends mid-sentence …':
    'Es wurde von Richard Stallman entworfen und' / 'It was designed by Richard Stallman and
    preceded the WWW.'; a tail read as a pull quote's counterpart, 'unter https://lists.debian.org/
    verfügbar.'), or its tail read as a pull quote ('SECTION-Anweisung in /etc/manpath.config außer
    Kraft gesetzt.'), and nothing else offers the head its tail, nor the translation both pieces. Not a
    pull quote left one-sided (recovery.PULL_QUOTE_LEFT, late recovery's own concern) nor one set
    aside as a body sentence's repeat (quote_twins.REASON)."""
    narrow = recovery.leftovers(result, side)
    taken = set(narrow)
    wide = {
        k
        for k, a in enumerate(result.unaligned)
        if k not in taken and a.side == side and a.unit.kind in REJOIN_KINDS
        and a.reason.split(":", 1)[0] in REJOIN_KINDS and a.reason not in (recovery.PULL_QUOTE_LEFT, quote_twins.REASON)
    }
    return sorted(taken | wide), wide


def continues_line(unit: Unit, raw: Sequence[str]) -> bool:
    """Whether `unit` starts a raw line that goes on from the line before it: that line is not
    blank and ends no sentence (lang.closes_block). Such a unit is no sentence's head but a piece
    of the middle of one the reader cut where it took a line for a heading ('Lassen Sie uns einen
    Blick auf die elementare' / 'Netzwerkinfrastruktur eines modernen' / … / 'Debian-Systems
    werfen:'): joined with a tail, the sentence's start is still missing."""
    n = first_line(unit.lines)
    if not 1 < n <= len(raw) or not raw[n - 2].strip():
        return False
    line, text = raw[n - 1].split(), unit.text.split()
    return bool(line) and bool(text) and line[0] == text[0] and not closes_block(raw[n - 2])


NAMED_GAIN = 0.05  # what a join must add to its pieces' own scores where the tail brings the translation's names (see rejoin_cut_sentences)
COVERED = 0.5  # share of a tail's words the translation sentence holds
MIN_HEAD_WORDS = 3  # words of a head cut off at a seam (seam_heads): a word or two match anything


def mid_sentence_tails(
    src: list[Unit], tgt: list[Unit], heads: dict[int, list[tuple[float, int]]], closing: list[int], ps: PairSim, raw: Sequence[str]
) -> dict[tuple[int, int], int]:
    """For a head ending on a word no sentence ends on (fragment_pairs.cut_mid_sentence: 'Hier eine
    Tabelle … von veralteten net-tools-Befehlen und neuen iproute2- und') at the end of a raw block,
    whose best left-over translation sentence is j, the one left-over tail opening a raw block and
    closing a sentence whose words j holds for the most part ('anderen Befehlen.': 'commands'),
    keyed (j, head). The head cannot end there, so its rest opens another block; where the head
    alone already matches j well, joining the rest adds little to the score (or takes from it:
    0.88 alone, 0.78 joined), and j's covering the tail's words, one tail alone, says which it
    is. A tail that is another head's one such tail is not this head's ('… sofern diese mit dem'
    covers 'SMART-Standard kompatibel ist:' and 'schreiben, ohne dass …', the one tail of '… lesen
    und'); of several tails left (or one claimed by two heads) none is chosen. A tail that opens no
    block is a piece a sentence split ('… die einen "."' / 'enthalten, diesen "." durch …'), not a
    block's moved rest."""
    covers: dict[tuple[int, int], set[int]] = {}
    opening = [t for t in closing if opens_raw_block(src[t], raw)]
    for j, row in heads.items():
        for _, h in row:
            if fragment_pairs.cut_mid_sentence(src[h].text) and ends_raw_block(src[h], raw):
                covers[j, h] = {t for t in opening if t != h and confidence.containment(ps.sim(t, 1, j, 1), src[t].text, tgt[j].text) >= COVERED}
    found: dict[tuple[int, int], int] = {}
    while True:
        taken = Counter(t for k, ts in covers.items() if k not in found and len(ts) == 1 for t in ts)
        new = {k: next(iter(ts)) for k, ts in covers.items() if k not in found and len(ts) == 1 and taken[next(iter(ts))] == 1}
        if not new:
            break
        found.update(new)
        covers = {k: (ts if k in found else ts - set(new.values())) for k, ts in covers.items()}
    return found


def opens_raw_block(unit: Unit, raw: Sequence[str]) -> bool:
    """Whether `unit` starts a raw line that opens a block (the first line, or one after a blank line)."""
    n = first_line(unit.lines)
    if not 0 < n <= len(raw) or (n > 1 and raw[n - 2].strip()):
        return False
    line, text = raw[n - 1].split(), unit.text.split()
    return bool(line) and bool(text) and line[0] == text[0]


def ends_raw_block(unit: Unit, raw: Sequence[str]) -> bool:
    """Whether `unit` ends a raw line that ends a block (the last line, or one before a blank line)."""
    ends = span_ends(unit.lines)
    if ends is None or not 0 < ends[1] <= len(raw) or (ends[1] < len(raw) and raw[ends[1]].strip()):
        return False
    line, text = raw[ends[1] - 1].split(), unit.text.split()
    return bool(line) and bool(text) and line[-1] == text[-1]


def names_from_tail(head: str, tail: str, translation: str, lang: str) -> set[str]:
    """The tokens the tail copies (missing_names.copied_tokens) that the translation holds and the head does not."""
    return {t for t in copied_tokens(tail, lang) if holds(translation, t) and not holds(head, t)}


def _joinable(head: str, tail: str, ev: Evidence | None) -> bool:
    """A head ending on a word broken at a hyphen joins only a tail that completes the word: one
    opening in lower case, a capital ruling it out unless the two read as a hyphenated compound
    (hyphens.cannot_go_on); any other head joins any tail."""
    if not ends_on_broken_word(head):
        return True
    return ev is not None and tail[:1].islower() and not cannot_go_on(head, tail, ev)


def _join(head: str, tail: str, ev: Evidence | None) -> str:
    """The head and tail as one sentence, a broken word rejoined as the reader joins line-end
    hyphenation (joins.join_cut)."""
    return join_cut(head, tail, ev) if ev is not None else f"{head} {tail}"


def _rejoined(head: Unit, tail: Unit, text: str) -> Unit:
    """Head and tail of a word broken at a hyphen as one unit of `text`, their join (the head
    without its hyphen, what joins.join_cut put in its place, the tail), so that the reference
    holds the word whole ('Bän-' + 'dern' -> 'Bändern'); with its raw lines and a seam where the
    tail begins."""
    start = len(text) - len(tail.text)
    owners: tuple[int, ...] = ()
    if head.owners and len(head.owners) == len(head.text) and len(tail.owners) == len(tail.text):
        owners = (*head.owners[: len(head.text) - 1], *[head.owners[-1]] * (start - len(head.text) + 1), *tail.owners)
    lines = line_spans(owners) if owners else f"{head.lines},{tail.lines}"
    return Unit(text, lines, head.kind, head.block, (*head.seams, start), owners)
