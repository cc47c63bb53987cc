"""The last pass over written pairs: a piece glued on that the translation does not cover.

Re-joining a scrambled or column-cut extraction, and a sentence splitter that finds no stop
between a caption, a list item or a heading and the sentence after it, leave units that are a
right sentence with a piece of other text glued to their start or end ('Tabelle 10.5. Liste von
Datensicherungsprogrammen Datensicherungs-Werkzeuge haben alle ihren speziellen Fokus:' against
'Backup tools have their specialized focuses.'). Paired with the right sentence of the other
side, the pair reads as a good link, and the reference is wrong by the whole piece.

The translation is the guide. A translation renders every content word of its original in some
form; the LexicalScorer's keys (a word's folded prefix, for numbers, names and cognates, plus its
dictionary translations) find most of them. A piece with several content words none of which the
other side has a key for is not translated there. Loose translations add or drop a word or two,
rarely a whole clause with none of its words echoed; so a piece is only taken for uncovered when
it has at least MIN_UNCOVERED content words and not one of them is covered, and when it is cut
off at a place a unit can end (:func:`cut_places`): where the builder joined text from raw lines
that are not neighbours (a seam), after ': ' or '; ', after a sentence stop, where a capitalised
sentence opener follows a word with no punctuation (glued.opener_cuts), or between the units of a
bead; and where a raw line opens in upper case, when the piece cut off there is the smaller part
(:func:`line_openings`, :func:`glued_piece_places`): an example line without a stop glued to the
next paragraph ('"Größe: %Z" zeigt … "Größe: USLetter"' / 'Benutzer Ansichtsmodus: Button
aktiviert.') has no other mark of its end. The rest also stands alone where it ends without a
stop as the other side does.

Then the covered rest is written with the other side when it can stand alone (it neither ends
mid-sentence nor reads as a piece of a sentence, see fragment_pairs), and the uncovered piece is
set aside; otherwise the whole pair is set aside. The pass needs a real bilingual dictionary: with
cognates only, or a dictionary learnt from the document's own confident pairs, a clause of
ordinary words has no keys on the other side even where it is translated.

A glued piece with a better home (rehome_pieces) is the second pass. A PDF's text runs blocks
into each other with no blank line, and where the source's blocks were cut mid-sentence and
re-ordered, one block's cut sentence runs on into another's ('… wird Debian vielmehr' /
'wertvolle Vorschläge für …') at a raw line break no stop or seam marks: on the source side a
piece may therefore be cut off at any raw line break, when it has LINE_PIECE_WORDS content words
or more and a left-over unit of the translation is its clear home. Where the rest cannot stand
alone, the pair is set aside, unless the home lies next to the pair's translation (a sentence
the translator split in two) — and then the piece is cut all the same where it shares no key with
that translation and the rest is whole but for its stop (_cells_run_together: two table cells or
a term and its description run together).
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from harness.align.dictionary import Dictionary
from harness.align import confidence, recovery, two_sides
from harness.align.fragment_pairs import cut_mid_sentence, fragment_evidence, fragment_rejection
from harness.align.glued import Casing, opener_cuts
from harness.align.lang import closes_block, content_words
from harness.align.model import AlignedPair, Alignment, SetAside, Unit, line_spans, set_aside, span_numbers
from harness.align.similarity import PairSim, Scorer, word_key

MIN_UNCOVERED = 3  # distinct content words of a piece none of which the other side has a key for
_CLAUSE_END = re.compile(r"[:;](?=\s+\S)")
_STOP_BEFORE_CAPITAL = re.compile(r"[.!?][\"'»«“”)]?(?=\s+[\"'»«„“(]?([^\W\d_]))")  # group 1: must be upper case
_LETTERS = re.compile(r"[^\W\d_]{2}")


class Coverage:
    """Which content words of a text the other side has a key for (the LexicalScorer's keys)."""

    def __init__(self, dictionary: Dictionary, src_lang: str, tgt_lang: str) -> None:
        self.dictionary, self.langs = dictionary, {"src": src_lang, "tgt": tgt_lang}
        self._src_keys: dict[str, frozenset[str]] = {}
        self._seen: dict[tuple[str, str], list[tuple[str, frozenset[str], bool]]] = {}

    def word_keys(self, word: str, side: str) -> frozenset[str]:
        """A target word's key; a source word's own key plus those of its translations."""
        if side == "tgt":
            return frozenset((word_key(word),))
        folded = word.lower()
        if folded not in self._src_keys:
            self._src_keys[folded] = frozenset((word_key(word), *(word_key(t) for t in self.dictionary.senses(word))))
        return self._src_keys[folded]

    def _analysed(self, text: str, side: str) -> list[tuple[str, frozenset[str], bool]]:
        """Each distinct content word of a text, its keys, and whether it has letters (a number or
        a lone letter says little about a clause); a build asks for each side text several times."""
        hit = self._seen.get((side, text))
        if hit is None:
            found = {w.lower(): w for w in content_words(text, self.langs[side])}
            hit = self._seen[(side, text)] = [(w, self.word_keys(w, side), bool(_LETTERS.search(w))) for w in found.values()]
        return hit

    def words(self, text: str, side: str) -> list[str]:
        """Distinct content words with letters."""
        return [w for w, _, letters in self._analysed(text, side) if letters]

    def keys(self, text: str, side: str) -> frozenset[str]:
        return frozenset().union(*(keys for _, keys, _ in self._analysed(text, side)))

    def covered(self, text: str, side: str, other_keys: frozenset[str]) -> int:
        """How many of the text's content words with letters the other side has a key for."""
        return sum(letters and not keys.isdisjoint(other_keys) for _, keys, letters in self._analysed(text, side))

    def uncovered(self, piece: str, side: str, other_keys: frozenset[str], other_left: int) -> bool:
        """The piece has MIN_UNCOVERED content words or more, the other side covers none, and the
        other side has fewer than half as many words left uncovered (`other_left`): words it could
        be a loose translation of."""
        found = self.words(piece, side)
        return len(found) >= max(MIN_UNCOVERED, 2 * other_left) and not any(self.word_keys(w, side) & other_keys for w in found)


def joined(units: Sequence[Unit]) -> tuple[str, list[int]]:
    """The units' text as one string and each unit's offset in it (cut places are such offsets)."""
    starts, at = [], 0
    for u in units:
        starts.append(at)
        at += len(u.text) + 1
    return " ".join(u.text for u in units), starts


def cut_places(units: Sequence[Unit], casing: Casing | None, lang: str) -> list[int]:
    """Offsets in the side's joined text (units joined by one space) where a unit can end and
    another begin. Inside a unit only where its raw line owners are known (Unit.owners), so that
    both pieces keep their line numbers."""
    text, starts = joined(units)
    places = set(starts[1:])
    for u, start in zip(units, starts):
        if not u.owners:
            continue
        inner = set(u.seams)
        inner.update(m.end() for m in _CLAUSE_END.finditer(u.text))
        inner.update(m.end() for m in _STOP_BEFORE_CAPITAL.finditer(u.text) if m.group(1).isupper())
        if casing is not None:
            inner.update(opener_cuts(u.text, casing, lang))
        places.update(start + k for k in inner if 0 < k < len(u.text))
    return sorted(k for k in places if text[:k].strip() and text[k:].strip())


def line_openings(units: Sequence[Unit]) -> list[int]:
    """Offsets in the units' joined text where a raw line opens in upper case outside any
    quotation or parenthesis: where a line of its own (a heading, a label, an example line) may
    have been glued to the sentence after or before it when no blank line or stop parted them
    ('"Größe: %Z" zeigt "Größe: A4" oder "Größe: USLetter"' / 'Benutzer Ansichtsmodus: Button
    aktiviert.'). German capitalises nouns, so such a line may as well go on with its sentence
    ('… die in Frage kommenden' / 'Pfade angezeigt.'): see glued_piece_places."""
    text, _ = joined(units)
    return [k for k in line_breaks(units) if text[k].isupper() and between_lines(units, k) and not inside_quote(text[:k])]


def glued_piece_places(text: str, places: Sequence[int], lines: Sequence[int]) -> tuple[list[int], list[int]]:
    """Where a head, and where a tail, may be cut off a side: its cut places, and the line
    openings (line_openings) at which the piece cut off is no longer in words than the rest. What
    the builder glues onto a sentence at a line break is a heading, a label or a stray line,
    shorter than the sentence it sticks to; where the 'piece' would be the larger part
    ('Es werden Ihnen jetzt die in Frage kommenden' / 'Pfade angezeigt.'), the line break is
    inside one sentence whose words the translation renders in other terms."""
    size = lambda a, b: len(text[a:b].split())  # noqa: E731
    heads = sorted({*places, *(k for k in lines if size(0, k) <= size(k, len(text)))})
    tails = sorted({*places, *(k for k in lines if size(k, len(text)) <= size(0, k))})
    return heads, tails


def _piece(unit: Unit, a: int, b: int) -> Unit | None:
    """The unit's text[a:b], stripped, with its own line spans and seams."""
    raw = unit.text[a:b]
    if not raw.strip():
        return None
    a += len(raw) - len(raw.lstrip())
    b = a + len(raw.strip())
    if (a, b) == (0, len(unit.text)):
        return unit
    owners = unit.owners[a:b]
    seams = tuple(k - a for k in unit.seams if a < k < b)
    return Unit(unit.text[a:b], line_spans(owners), unit.kind, unit.block, seams, owners)


def slice_units(units: Sequence[Unit], a: int, b: int) -> tuple[Unit, ...]:
    """The units' pieces that lie in [a, b) of their joined text."""
    _, starts = joined(units)
    out = []
    for u, start in zip(units, starts):
        lo, hi = max(a - start, 0), min(b - start, len(u.text))
        if lo < hi:
            piece = _piece(u, lo, hi)
            if piece is not None:
                out.append(piece)
    return tuple(out)


def cut_source(
    pair: AlignedPair, piece: tuple[int, int], rest: tuple[int, int], stands: bool, cut: str, whole: str, piece_whole: bool = True
) -> tuple[AlignedPair | None, list[SetAside]]:
    """A written pair with a piece cut off its source side (spans in the side's joined text): the
    rest with the translation and the piece set aside (reason `cut`; `piece_whole`: it is a whole
    unit of the text, a sentence or a line of its own, not another's piece) where the rest `stands`
    alone, else no pair and both sides set aside (reason `whole`)."""
    if stands:
        return AlignedPair(slice_units(pair.src, *rest), pair.tgt, pair.kind, pair.score), [SetAside("src", u, cut, piece_whole) for u in slice_units(pair.src, *piece)]
    return None, set_aside(pair, whole, whole=False)


def uncovered_ends(
    units: Sequence[Unit], side: str, other_keys: frozenset[str], other_left: int, coverage: Coverage, casing: Casing | None
) -> tuple[int, int] | None:
    """The covered middle [a, b) of a side whose start, end or both are uncovered pieces (the
    longest such pieces); None when neither end is, or when the middle covers nothing of the
    other side (the pair as a whole is then in doubt, not a glued piece)."""
    text, _ = joined(units)
    if len(coverage.words(text, side)) - coverage.covered(text, side, other_keys) < max(MIN_UNCOVERED, 2 * other_left):
        return None  # no piece can be uncovered: most pairs, at the cost of one look at their words
    heads, tails = glued_piece_places(text, cut_places(units, casing, coverage.langs[side]), line_openings(units))
    head = max((k for k in heads if coverage.uncovered(text[:k], side, other_keys, other_left)), default=0)
    tail = min((k for k in tails if k > head and coverage.uncovered(text[k:], side, other_keys, other_left)), default=len(text))
    if (head, tail) == (0, len(text)) or not coverage.covered(text[head:tail], side, other_keys):
        return None
    return head, tail


def stands_alone(rest: str, other: str, needs_stop: bool = False) -> bool:
    """The rest of a side, once a piece is cut off, is a unit of its own against the other side:
    it does not end mid-sentence, does not read as a piece of a sentence where the other side
    reads whole (nor the other way round: the glued piece may have hidden that the other side is
    a fragment), and, where `needs_stop`, it ends a sentence or clause. Which rests need a stop
    is the caller's: the covered rest of an uncovered piece where the whole side and the other
    side ended one (trim_uncovered); a rest whose piece has a better home where the other side
    ends one, since the piece may have been the sentence at the end ('Tabelle 5.3.
    Gegenüberstellung … Lesen Sie ip(8) …': a caption or heading pairs with one; rehome_pieces);
    none for a short unit on its own line (own_lines: 'Konfigurationsdatei für Man-db')."""
    return (
        not cut_mid_sentence(rest)
        and fragment_evidence(rest, other) is None
        and fragment_evidence(other, rest) is None
        and (closes_block(rest) or not needs_stop)
    )


def trim_uncovered(result: Alignment, dictionary: Dictionary | None, langs: tuple[str, str], casings: tuple[Casing | None, Casing | None] = (None, None)) -> None:
    """Cut uncovered pieces off written pairs (see the module docstring); the pieces, or pairs
    whose covered rest cannot stand alone, go to the set-aside list."""
    if dictionary is None:
        return
    coverage = Coverage(dictionary, *langs)
    ratio = confidence.written_ratio(result.pairs)
    kept: list[AlignedPair] = []
    for pair in result.pairs:
        sides = {"src": pair.src, "tgt": pair.tgt}
        texts = {side: joined(units)[0] for side, units in sides.items()}
        keys = {side: coverage.keys(texts[side], side) for side in sides}
        trimmed = dict(sides)
        aside: list[SetAside] = []
        standing = True
        for side, other, casing in (("src", "tgt", casings[0]), ("tgt", "src", casings[1])):
            left = len(coverage.words(texts[other], other)) - coverage.covered(texts[other], other, keys[side])
            span = uncovered_ends(sides[side], side, keys[other], left, coverage, casing)
            if span is None:
                continue
            a, b = span
            rest = texts[side][a:b].strip()
            reason = f"{pair.kind}: the {'translation' if side == 'src' else 'source'} does not cover it (cut from '{clipped(rest)}')"
            pieces = slice_units(sides[side], 0, a) + slice_units(sides[side], b, len(texts[side]))
            aside += [SetAside(side, u, reason, whole=False) for u in pieces]
            trimmed[side] = slice_units(sides[side], a, b)
            standing = standing and stands_alone(rest, texts[other], closes_block(texts[side]) and closes_block(texts[other]))
        if not aside:
            kept.append(pair)
            continue
        src, tgt = joined(trimmed["src"])[0], joined(trimmed["tgt"])[0]
        if standing and fragment_rejection(src, tgt, ratio) is None:
            kept.append(AlignedPair(trimmed["src"], trimmed["tgt"], pair.kind, pair.score))
            result.unaligned += aside
        else:
            reason = f"{pair.kind}: a piece the other side does not cover, and the rest cannot stand alone"
            result.unaligned += set_aside(pair, reason, whole=False)
    result.pairs = kept


def clipped(text: str, n: int = 40) -> str:
    """A text cut to n characters, to name it in a reason of unaligned.tsv."""
    return text if len(text) <= n else text[: n - 1] + "…"


# --- a glued piece with a better home ------------------------------------------------------

MIN_PIECE_WORDS = 2  # a piece of one word matches anything that has that word
LINE_PIECE_WORDS = 2  # content words of a piece cut only at a raw line break (rehome_pieces)
NEIGHBOUR_LINES = 2  # a home this close to the pair's other side continues it (see rehome_pieces)
HOME_PROPOSALS = 8  # left-over units proposed as a source piece's home
WHOLE_PIECE_POOL = 64  # how deep the candidate index is read for a piece cut where a unit can end
# what the rest of a side may lose against the other side: a glued piece that shares a term with
# the other side takes that shared word along ('die Origin:-Zeile' / '… would require the line:');
# one shared word is worth about 0.1 of the Dice score of units of ten content words a side
ONE_WORD = 0.1


def _home_proposals(ps: PairSim, piece: int, homes: Container[int], whole: bool) -> set[int]:
    """The left-over target units proposed as a source piece's home: those among the candidate
    index's first HOME_PROPOSALS, or, for a piece cut where a unit can end (`whole`), the first
    HOME_PROPOSALS left-over ones among its first WHOLE_PIECE_POOL (see rehome_pieces)."""
    if not whole:
        return {j for j in ps.candidates(piece, HOME_PROPOSALS) if j in homes}
    return set([j for j in ps.candidates(piece, WHOLE_PIECE_POOL) if j in homes][:HOME_PROPOSALS])


def _home_candidates(result: Alignment, side: str) -> list[int]:
    """Left-over units of the main text on a side (as recovery.recover takes them): the homes a
    piece may have."""
    return [k for k, a in enumerate(result.unaligned) if a.side == side and a.unit.kind in recovery.KINDS and a.reason.startswith("body:")]


def between_lines(units: Sequence[Unit], k: int) -> bool:
    """Whether offset k of the units' joined text lies between two units or between two raw
    lines (the last character before it and the first after it have different owners). A cut
    inside a raw line parts what the document itself wrote together (a label and its definition,
    'Dec 23 1992: Rik Faith applied …'): a unit of the text, whatever the other side made of it.
    The builder's glue lies between lines: blocks joined in the wrong order, a list item joined
    to the next one because no blank line parted them."""
    text, starts = joined(units)
    if k in starts[1:]:
        return True
    for u, start in zip(units, starts):
        if start < k < start + len(u.text) and len(u.owners) == len(u.text):
            at = k - start
            before = len(u.text[:at].rstrip())
            after = at + len(u.text[at:]) - len(u.text[at:].lstrip())
            return 0 < before and after < len(u.text) and u.owners[before - 1] != u.owners[after]
    return False


def line_breaks(units: Sequence[Unit]) -> list[int]:
    """Offsets in the units' joined text where a word opens a raw line other than the one the
    word before it is on."""
    _, starts = joined(units)
    out = []
    for u, start in zip(units, starts):
        if len(u.owners) != len(u.text):
            continue
        for k in range(1, len(u.text)):
            if u.text[k - 1] == " " and u.text[k] != " " and k >= 2 and u.owners[k] != u.owners[k - 2]:
                out.append(start + k)
    return out


def inside_quote(head: str) -> bool:
    """Whether a text ends inside a quotation or a parenthesis it opened ('Die Zeile »Archive:'):
    a sentence closes what it opens, so no unit ends there. Quotation marks by parity, each
    family on its own, whichever way a language turns them (»…«, «…», „…“, “…”, "…");
    parentheses by count."""
    return (
        head.count("(") > head.count(")")
        or (head.count("»") + head.count("«")) % 2 == 1
        or (head.count("„") + head.count("“") + head.count("”")) % 2 == 1
        or head.count('"') % 2 == 1
    )


def piece_cuts(pair: AlignedPair, side: str, casing: Casing | None, lang: str, at_lines: bool = False) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(piece span, rest span) for each place between raw lines (between_lines) and outside any
    quotation (inside_quote) where a piece can be cut off the side's start or end. With
    `at_lines`, also at any raw line break (line_breaks), for a piece of LINE_PIECE_WORDS content
    words or more ('See the' / 'Internet router chapter …' is no piece)."""
    units = pair.src if side == "src" else pair.tgt
    text, _ = joined(units)
    usual = set(cut_places(units, casing, lang))
    out = []
    for k in (k for k in sorted(usual | set(line_breaks(units) if at_lines else ())) if between_lines(units, k) and not inside_quote(text[:k])):
        for piece, rest in (((0, k), (k, len(text))), ((k, len(text)), (0, k))):
            cut = text[piece[0] : piece[1]]
            if len(cut.split()) >= MIN_PIECE_WORDS and (k in usual or len(content_words(cut, lang)) >= LINE_PIECE_WORDS):
                out.append((piece, rest))
    return out


def _neighbours(home: Unit, units: Sequence[Unit]) -> bool:
    """The home's raw lines lie within NEIGHBOUR_LINES of the units' lines (a blank line between)."""
    mine = span_numbers(home.lines)
    theirs = [n for u in units for n in span_numbers(u.lines)]
    return any(abs(a - b) <= NEIGHBOUR_LINES for a in mine for b in theirs)


def _cells_run_together(piece_own: float, rest_whole_but_stop: bool) -> bool:
    """Whether a piece whose home lies next to its pair's other side is a unit of its own after all:
    it shares not one key with that other side (Dice 0) and the rest is a whole unit but for a stop.
    A translator who splits a sentence in two leaves the source sentence whole, and its parts share
    a word or a name with both halves ('(lesen Sie die lokalen Kopien …)' / '(See the local copies
    …)' next to '… aufgenommen zu werden' / '… included in the distribution.'); two cells or a
    definition list's term and description that a PDF's text runs together share nothing
    ('Konfigurationsdatei für Man-db' + 'globale Handbuchhierarchie.' / 'man-db configuration
    file.' next to 'A global manual page hierarchy.'), and each reads as a unit without a stop."""
    return piece_own == 0.0 and rest_whole_but_stop


def _home_pairing(piece: str, home: str, side: str, s: float, ratio: float) -> bool:
    """The checks recovery.recover asks of two left-over units (score, short units, section
    numbers, length), plus fragment_rejection."""
    src, tgt = (piece, home) if side == "src" else (home, piece)
    return s >= recovery.MIN_SCORE and recovery.out_of_order_pair(src, tgt, s, ratio) and fragment_rejection(src, tgt, ratio) is None


def rehome_pieces(result: Alignment, scorer: Scorer, langs: tuple[str, str], casings: tuple[Casing | None, Casing | None] = (None, None)) -> int:
    """Cut a glued piece off a written pair where another unit of the other side is its clearly
    better home; returns how many pieces were cut.

    A glued piece often shares a word or two with the other side of its pair (a term the manual
    repeats), so zero coverage (trim_uncovered) cannot see it. The stronger evidence is where the
    piece belongs: a piece cut off where a unit can end (cut_places, between raw lines and outside
    any quotation, see piece_cuts), or on the source side at any raw line break (line_breaks), whose
    best match is a unit the alignment left over on the other
    side, scoring at least recovery.MIN_SCORE there and recovery.MARGIN above the other side of
    its own pair, while the rest of its side matches that other side about as well as the whole
    did (ONE_WORD less at most), is not part of the pair's sentence: a sentence and its
    translation share their words, and a clause of it cannot be the translation of some other
    unit of the document while adding nothing to its own. The home must be mutual: no other
    left-over unit of the piece's side scores within the margin of the piece against it, and of
    the pieces that claim one home only the one clearly best (by the margin) gets it. Of a pair's
    cuts, one whose rest stands alone goes first: a line break inside a glued item may give a
    piece that matches the home a little better but leaves a rest opening mid-sentence; then one
    at a place a unit can end before a bare line break. A bare line break may fall inside a
    sentence ('… dann beendet sich' / 'start-stop-daemon mit Fehlerstatus 1.'): a head cut off
    there must end its sentence where its home ends one, else the cut counts as one whose rest
    cannot stand alone.

    The rest is written with the pair's other side when it stands alone (as trim_uncovered
    checks); the piece is paired with its home when that passes the checks recovery.recover
    applies (and fragment_rejection), else set aside. Where the rest cannot stand alone (as when
    it opens in lower case against a whole sentence: the piece was the head of a sentence the
    extraction cut, the rest another block's tail), the pair is set aside whole: part of it
    belongs elsewhere, and what is left is no reference; the home stays left over. Not where the
    home lies next to the pair's other side (within NEIGHBOUR_LINES raw lines): there the
    translator split the sentence in two ('… aufgenommen zu werden (lesen Sie …).' / '… to be
    included in the distribution.' + '(See the local copies …)'), and the pair stays; unless the
    piece shares no key with that side and the rest is whole but for its stop
    (_cells_run_together): then it is cut as where the rest stands alone. Pieces, rests
    and left-overs are scored in one fit of the scorer, homes proposed by its candidate index, so
    the pass is linear in the written pairs. That index ranks every written side and piece too, so
    a source piece cut where a unit can end (a seam, a stop) is looked for among the first
    HOME_PROPOSALS left-over units of the index's first WHOLE_PIECE_POOL (see _home_proposals): a
    manual repeats its terms, and a glued list item's home ('Bitmap Grafiken.' / 'Bitmaps.') is
    crowded out of the first few by the many written sentences that name bitmaps. A piece cut only
    at a bare line break is a clause, matched on a word or two ('oder von der Standardeingabe
    liest.' / 'This is the default.'), and keeps the first few."""
    homes = {side: _home_candidates(result, side) for side in ("src", "tgt")}
    if not homes["src"] and not homes["tgt"]:
        return 0
    texts: dict[str, list[str]] = {"src": [], "tgt": []}

    def add(side: str, text: str) -> int:
        texts[side].append(text)
        return len(texts[side]) - 1

    whole = [{side: add(side, joined(units)[0]) for side, units in (("src", p.src), ("tgt", p.tgt))} for p in result.pairs]
    left = {side: {add(side, result.unaligned[k].unit.text): k for k in homes[side]} for side in ("src", "tgt")}
    cuts: list[tuple[int, str, tuple[int, int], tuple[int, int], int, int]] = []  # pair, side, piece span, rest span, piece id, rest id
    marked: dict[tuple[int, str, tuple[int, int]], bool] = {}  # a cut at a place a unit can end, not a bare line break

    def pair_cuts(items: range) -> dict[int, list[tuple[str, tuple[int, int], tuple[int, int], bool]]]:
        """Each pair's cuts (side, piece span, rest span, at a place a unit can end), found for
        each pair alone: a long document's in two halves, one on each core (two_sides.halves)."""
        found: dict[int, list[tuple[str, tuple[int, int], tuple[int, int], bool]]] = {}
        for n in items:
            pair = result.pairs[n]
            if pair.kind not in recovery.KINDS:
                continue
            found[n] = []
            for side, casing, lang in (("src", casings[0], langs[0]), ("tgt", casings[1], langs[1])):
                if not homes["tgt" if side == "src" else "src"]:
                    continue
                places = set(cut_places(pair.src if side == "src" else pair.tgt, casing, lang))
                found[n] += [(side, piece, rest, (piece[1] if piece[0] == 0 else piece[0]) in places) for piece, rest in piece_cuts(pair, side, casing, lang, at_lines=side == "src")]
        return found

    for n, found in two_sides.halves(pair_cuts, len(result.pairs)).items():
        for side, piece, rest, at_mark in found:
            text = texts[side][whole[n][side]]
            marked[(n, side, piece)] = at_mark
            cuts.append((n, side, piece, rest, add(side, text[piece[0] : piece[1]].strip()), add(side, text[rest[0] : rest[1]].strip())))
    if not cuts:
        return 0
    ps = scorer.fit(texts["src"], texts["tgt"])

    def sim(side: str, i: int, j: int) -> float:  # i on `side`, j on the other
        return ps.sim(i, 1, j, 1) if side == "src" else ps.sim(j, 1, i, 1)

    # proposals: piece id -> home ids on the other side, from the candidate index (source to target)
    tgt_pieces = {c[4] for c in cuts if c[1] == "tgt"}
    src_cuts = [c for c in cuts if c[1] == "src"]
    proposed = two_sides.each(lambda k: _home_proposals(ps, src_cuts[k][4], left["tgt"], marked[(src_cuts[k][0], "src", src_cuts[k][2])]), len(src_cuts))
    near: dict[tuple[str, int], set[int]] = {("src", c[4]): homes_of for c, homes_of in zip(src_cuts, proposed)}
    for i in left["src"]:
        for j in ps.candidates(i, 8):
            if j in tgt_pieces:
                near.setdefault(("tgt", j), set()).add(i)
    ratio = confidence.written_ratio(result.pairs)

    def standing(c: tuple[int, str, tuple[int, int], tuple[int, int], int, int], needs_stop: bool = True) -> bool:
        """The cut's rest can be written with the other side of its pair."""
        n, side, _, _, _, rest = c
        other_text = texts["tgt" if side == "src" else "src"][whole[n]["tgt" if side == "src" else "src"]]
        src_text, tgt_text = (texts[side][rest], other_text) if side == "src" else (other_text, texts[side][rest])
        return stands_alone(texts[side][rest], other_text, needs_stop and closes_block(other_text)) and fragment_rejection(src_text, tgt_text, ratio) is None

    # (pair, side) -> (score, cut, home id); of a pair's cuts one whose rest stands alone first,
    # then one at a place a unit can end (a stop, a seam) before a bare line break
    best: dict[tuple[int, str], tuple[float, tuple, int]] = {}
    rank: dict[tuple[int, str], tuple[bool, bool, float]] = {}
    for c in cuts:
        n, side, _, _, piece, rest = c
        other = "tgt" if side == "src" else "src"
        own = whole[n][other]
        base = sim(side, whole[n][side], own)
        if base <= 0 or sim(side, rest, own) < base - ONE_WORD:
            continue
        scored = sorted(((sim(side, piece, h), h) for h in near.get((side, piece), ())), reverse=True)
        if not scored:
            continue
        s, h = scored[0]
        if s < recovery.MIN_SCORE or s < sim(side, piece, own) + recovery.MARGIN:
            continue
        if len(scored) > 1 and scored[1][0] > s - recovery.MARGIN:
            continue
        # a bare line break may fall inside a sentence ('… dann beendet sich' / 'start-stop-daemon mit
        # Fehlerstatus 1.'): a head cut off there must end its sentence where its home does, else
        # the cut is taken as one whose rest cannot stand alone
        at_mark = marked[(n, side, c[2])]
        whole_head = at_mark or c[2][0] != 0 or closes_block(texts[side][piece]) or not closes_block(texts[other][h])
        key = (standing(c) and whole_head, at_mark, s)
        if (n, side) not in best or key > rank[(n, side)]:
            best[(n, side)], rank[(n, side)] = (s, c, h), key
    # one cut per pair; a home claimed by several pieces (or matched as well by another left-over
    # unit of the piece's side) goes to none
    chosen: dict[int, tuple[float, tuple, int]] = {}
    for (n, side), found in best.items():
        if n not in chosen or rank[(n, side)] > rank[(n, chosen[n][1][1])]:
            chosen[n] = found
    claims: dict[tuple[str, int], list[int]] = {}
    for n, (s, c, h) in sorted(chosen.items(), key=lambda x: -x[1][0]):
        claims.setdefault((c[1], h), []).append(n)
    new_pairs: list[AlignedPair] = []
    taken: set[int] = set()
    doubted: set[int] = set()
    cut = 0
    for (side, h), ns in claims.items():
        n = ns[0]
        if len(ns) > 1 and chosen[ns[1]][0] > chosen[n][0] - recovery.MARGIN:
            continue
        s, (_, _, piece_span, rest_span, piece, rest), _ = chosen[n]
        if any(sim(side, i, h) > s - recovery.MARGIN for i in left[side]):
            continue
        pair = result.pairs[n]
        other = "tgt" if side == "src" else "src"
        units = {"src": pair.src, "tgt": pair.tgt}
        piece_text = texts[side][piece]
        home = result.unaligned[left[other][h]].unit
        beside = _neighbours(home, units[other])  # a neighbour: the translation split the sentence in two
        if not rank[(n, side)][0] and not (beside and _cells_run_together(sim(side, piece, whole[n][other]), standing(chosen[n][1], needs_stop=False))):
            if not beside:
                reason = f"{pair.kind}: a piece of it has a clearly better home ('{clipped(home.text)}'), and the rest cannot stand alone"
                result.unaligned += set_aside(pair, reason, whole=False)
                doubted.add(n)
            continue
        units[side] = slice_units(units[side], *rest_span)
        result.pairs[n] = AlignedPair(units["src"], units["tgt"], pair.kind, pair.score)
        pieces = slice_units(pair.src if side == "src" else pair.tgt, *piece_span)
        cut += 1
        if _home_pairing(piece_text, home.text, side, s, ratio):
            new_pairs.append(AlignedPair(pieces, (home,), home.kind, s) if side == "src" else AlignedPair((home,), pieces, home.kind, s))
            taken.add(left[other][h])
        else:
            result.unaligned += [SetAside(side, u, f"{pair.kind}: a glued piece whose home ('{clipped(home.text)}') could not be paired", whole=False) for u in pieces]
    result.unaligned = [a for k, a in enumerate(result.unaligned) if k not in taken]
    result.pairs = [p for n, p in enumerate(result.pairs) if n not in doubted]
    recovery.insert_pairs(result.pairs, new_pairs)
    return cut
