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
bead.

Then the covered rest is written with the other side when it can stand alone (it neither ends
mid-sentence nor reads as a piece of a sentence, see fragment_pairs), and the uncovered piece is
set aside; otherwise the whole pair is set aside. The pass needs a real bilingual dictionary: with
cognates only, or a dictionary learnt from the document's own confident pairs, a clause of
ordinary words has no keys on the other side even where it is translated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from harness.align.dictionary import Dictionary
from harness.align import confidence
from harness.align.fragment_pairs import cut_mid_sentence, fragment_evidence, fragment_rejection
from harness.align.glued import Casing, opener_cuts
from harness.align.lang import closes_block, content_words
from harness.align.model import AlignedPair, Alignment, SetAside, Unit, line_spans
from harness.align.similarity import word_key

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


def _joined(units: Sequence[Unit]) -> tuple[str, list[int]]:
    starts, at = [], 0
    for u in units:
        starts.append(at)
        at += len(u.text) + 1
    return " ".join(u.text for u in units), starts


def cut_places(units: Sequence[Unit], casing: Casing | None, lang: str) -> list[int]:
    """Offsets in the side's joined text (units joined by one space) where a unit can end and
    another begin. Inside a unit only where its raw line owners are known (Unit.owners), so that
    both pieces keep their line numbers."""
    text, starts = _joined(units)
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
    _, starts = _joined(units)
    out = []
    for u, start in zip(units, starts):
        lo, hi = max(a - start, 0), min(b - start, len(u.text))
        if lo < hi:
            piece = _piece(u, lo, hi)
            if piece is not None:
                out.append(piece)
    return tuple(out)


def uncovered_ends(
    units: Sequence[Unit], side: str, other_keys: frozenset[str], other_left: int, coverage: Coverage, casing: Casing | None
) -> tuple[int, int] | None:
    """The covered middle [a, b) of a side whose start, end or both are uncovered pieces (the
    longest such pieces); None when neither end is, or when the middle covers nothing of the
    other side (the pair as a whole is then in doubt, not a glued piece)."""
    text, _ = _joined(units)
    if len(coverage.words(text, side)) - coverage.covered(text, side, other_keys) < max(MIN_UNCOVERED, 2 * other_left):
        return None  # no piece can be uncovered: most pairs, at the cost of one look at their words
    places = cut_places(units, casing, coverage.langs[side])
    head = max((k for k in places if coverage.uncovered(text[:k], side, other_keys, other_left)), default=0)
    tail = min((k for k in places if k > head and coverage.uncovered(text[k:], side, other_keys, other_left)), default=len(text))
    if (head, tail) == (0, len(text)) or not coverage.covered(text[head:tail], side, other_keys):
        return None
    return head, tail


def _stands_alone(rest: str, whole: str, other: str) -> bool:
    """The covered rest of a side is a unit of its own against the other side: it does not end
    mid-sentence, does not read as a piece of a sentence where the other side reads whole (nor
    the other way round: the glued piece may have hidden that the other side is a fragment), and
    it still ends a sentence or clause if the whole side did."""
    return (
        not cut_mid_sentence(rest)
        and fragment_evidence(rest, other) is None
        and fragment_evidence(other, rest) is None
        and (closes_block(rest) or not closes_block(whole))
    )


def trim_uncovered(result: Alignment, dictionary: Dictionary | None, langs: tuple[str, str], casings: tuple[Casing | None, Casing | None] = (None, None)) -> None:
    """Cut uncovered pieces off written pairs (see the module docstring); the pieces, or pairs
    whose covered rest cannot stand alone, go to the set-aside list."""
    if dictionary is None:
        return
    coverage = Coverage(dictionary, *langs)
    ratio = confidence.length_ratio([(len(_joined(p.src)[0]), len(_joined(p.tgt)[0]), p.score) for p in result.pairs])
    kept: list[AlignedPair] = []
    for pair in result.pairs:
        sides = {"src": pair.src, "tgt": pair.tgt}
        texts = {side: _joined(units)[0] for side, units in sides.items()}
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
            reason = f"{pair.kind}: the {'translation' if side == 'src' else 'source'} does not cover it (cut from '{_short(rest)}')"
            pieces = slice_units(sides[side], 0, a) + slice_units(sides[side], b, len(texts[side]))
            aside += [SetAside(side, u, reason) for u in pieces]
            trimmed[side] = slice_units(sides[side], a, b)
            standing = standing and _stands_alone(rest, texts[side], texts[other])
        if not aside:
            kept.append(pair)
            continue
        src, tgt = _joined(trimmed["src"])[0], _joined(trimmed["tgt"])[0]
        if standing and fragment_rejection(src, tgt, ratio) is None:
            kept.append(AlignedPair(trimmed["src"], trimmed["tgt"], pair.kind, pair.score))
            result.unaligned += aside
        else:
            reason = f"{pair.kind}: a piece the other side does not cover, and the rest cannot stand alone"
            result.unaligned += [SetAside("src", u, reason) for u in pair.src] + [SetAside("tgt", u, reason) for u in pair.tgt]
    result.pairs = kept


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
