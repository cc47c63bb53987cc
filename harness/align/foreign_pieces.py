"""A written pair whose source holds a piece of another sentence: the translation has that piece elsewhere.

A PDF extraction cut into blocks mid-sentence, with no blank line where one block ends and the
next begins, runs the head of one sentence into the tail of another ('… unabhängig davon, ob die' /
'für das Paket erfüllt werden, Rückwärtsabhängigkeiten allerdings nicht.'); a block put back in
the wrong place does the same across a seam. No line of such text shows the cut: each line is a
full line of running text. The translation shows it. Its unit for the pair renders the sentence
the source side starts (or ends) with, and says nothing of the glued piece, while another of its
units renders that piece.

So a written pair is set aside, not written, when its source side holds a piece, cut off between
two raw lines (a unit's start up to a line break, or a line break up to its end), such that:

- the piece has at least MIN_CONTENT content words: the scorer's Dice of a piece of two or three
  words against a sentence is one shared word or none, no evidence either way;
- not one of its keys is found in the pair's translation side (Dice 0): a translator renders the
  content words of a clause in some form, and the scorer's keys (dictionary senses, cognates,
  numbers, names) find most of them; one clause of four or more words with none found is not
  rendered there;
- the translation unit that matches the piece best, written in another pair or left over,
  matches it with a Dice of MIN_HOME or more: the piece is a translated clause of the document,
  only not of this pair. The best, not any: a unit that matches less well may share only a word
  and a number with it ('(See dh_make(8), debhelper(1).)' against '(siehe pbuilder(8) und
  pdebuild(1))');
- that unit is left over, or the piece matches it better than the source it is written with:
  a home already taken by its own sentence is no evidence ('diese Datenträger automatisch
  einzubinden und zu trennen.' matches 'Risk of data when breached' as well as that unit's own
  source does, and its translation 'to mount and unmount these devices' merely lacks the
  dictionary's keys);
- that unit is not the rest of the pair's own sentence (runs_on): the unit right after the
  pair's translation where that does not close its sentence or the unit opens in lower case or
  with a parenthesis, or the unit right before it on the same terms. A translation's sentence
  runs on there ('… avoids FTBFS (Fails' / 'To Build From Source) bugs.' / '(see pbuilder(8) and
  pdebuild(1))', a web dump's line breaks), and the piece is rendered, only split off.

The pair goes to the set-aside list whole: which part of it is the right sentence and where the
piece's own sentence is, the builder cannot tell for sure, and a pair half of whose source is
another sentence is a wrong reference. Only the source side is judged: its blocks were re-joined
and may run together; the translation is read in order. On the corpus and three held-out sets
(all eight paths) this set aside 9 pairs, each one the scorer counts wrong in part or whole: 7 on
the PDF-like path, 2 on the two-column one ('"Größe: %Z" zeigt … Benutzer Ansichtsmodus: Button
aktiviert.'); precision rose on all 9 rows, none fell.
"""

from __future__ import annotations

from harness.align import recovery
from harness.align.lang import closes_block, content_words
from harness.align.model import AlignedPair, Alignment, Unit, first_line, set_aside
from harness.align.similarity import Scorer

MIN_CONTENT = 4  # content words a piece needs before its Dice says anything
MIN_HOME = 0.45  # Dice of the piece against its home elsewhere in the translation
HOME_CANDIDATES = 8  # translation units looked at per piece (the scorer's candidate index)


def line_cuts(unit: Unit) -> list[int]:
    """Offsets in the unit's text where one raw line ends and another begins at a space: where
    two lines of the extraction were joined (a hyphen join inside a word is no place to cut)."""
    own = unit.owners
    return [k for k in range(1, min(len(own), len(unit.text))) if own[k] != own[k - 1] and unit.text[k - 1].isspace()]


def pieces(unit: Unit, lang: str) -> list[str]:
    """The unit's head up to each line cut and its tail from each, with MIN_CONTENT content words or more."""
    out = []
    for k in line_cuts(unit):
        for piece in (unit.text[:k].strip(), unit.text[k:].strip()):
            if len(content_words(piece, lang)) >= MIN_CONTENT:
                out.append(piece)
    return out


def home_units(result: Alignment) -> list[Unit]:
    """Every unit of the translation the pass may find a piece's home in, written or left over,
    in the translation's reading order (by first raw line)."""
    units = [u for p in result.pairs for u in p.tgt]
    units += [a.unit for a in result.unaligned if a.side == "tgt" and a.unit.kind in recovery.KINDS]
    return sorted(units, key=lambda u: first_line(u.lines))


def runs_on(homes: list[Unit], mine: list[int], j: int) -> bool:
    """Whether translation unit j is the rest of the pair's own sentence, or its sentence goes on
    into the pair's: the unit right after a side that does not close its sentence ('… avoids FTBFS
    (Fails' / 'To Build From Source) bugs.', a web dump's line break) or that goes on it ('(see
    pbuilder(8) and pdebuild(1))'), or the unit right before one of these. There the piece is
    rendered, only split off."""
    if not mine:
        return False
    after = j == max(mine) + 1 and (not closes_block(homes[max(mine)].text) or _goes_on(homes[j].text))
    return after or (j == min(mine) - 1 and (not closes_block(homes[j].text) or _goes_on(homes[min(mine)].text)))


def _goes_on(text: str) -> bool:
    """A unit opening in lower case or with a parenthesis goes on the sentence before it ('(see
    pbuilder(8) and pdebuild(1))' after '… bugs.')."""
    text = text.lstrip()
    return text[:1] == "(" or text[:1].islower()


def foreign_pieces(pairs: list[AlignedPair], lang: str, scorer: Scorer, homes: list[Unit]) -> dict[int, str]:
    """Pair index -> the first piece of its source that its translation lacks and another unit of
    the translation renders (see the module). Two fits of the scorer, and one more per piece whose
    home is written in a pair, so the pass is linear in the written pairs."""
    found = [(n, piece) for n, pair in enumerate(pairs) if pair.kind in recovery.KINDS for u in pair.src for piece in pieces(u, lang)]
    if not found:
        return {}
    own_texts = [" ".join(u.text for u in pairs[n].tgt) for n, _ in found]
    own = scorer.fit([piece for _, piece in found], own_texts)
    lacking = [(n, piece) for k, (n, piece) in enumerate(found) if own.sim(k, 1, k, 1) == 0.0]
    if not lacking:
        return {}
    ps = scorer.fit([piece for _, piece in lacking], [u.text for u in homes])
    where = {id(u): j for j, u in enumerate(homes)}
    partner = {id(u): p for p in pairs for u in p.tgt}
    out: dict[int, str] = {}
    for k, (n, piece) in enumerate(lacking):
        if n in out:
            continue
        mine = [where[id(u)] for u in pairs[n].tgt if id(u) in where]
        best = max(ps.candidates(k, HOME_CANDIDATES), key=lambda j: (ps.sim(k, 1, j, 1), -j), default=None)
        if best is None or best in mine or ps.sim(k, 1, best, 1) < MIN_HOME or runs_on(homes, mine, best):
            continue
        if partner.get(id(homes[best])) is None or ps.sim(k, 1, best, 1) > _partner_sim(partner[id(homes[best])], homes[best], scorer):
            out[n] = piece
    return out


def _partner_sim(pair: AlignedPair, unit: Unit, scorer: Scorer) -> float:
    """How well the source of the pair a translation unit is written in matches that unit."""
    return scorer.fit([" ".join(u.text for u in pair.src)], [unit.text]).sim(0, 1, 0, 1)


def set_aside_foreign_pieces(result: Alignment, scorer: Scorer, lang: str) -> int:
    """Move written pairs whose source holds a piece of another sentence (see the module) to the
    set-aside list; returns how many."""
    found = foreign_pieces(result.pairs, lang, scorer, home_units(result))
    for n, piece in found.items():
        pair = result.pairs[n]
        reason = f"{pair.kind}: low confidence: a piece of the source ({piece[:40]!r}) is not in the translation, another unit of it renders it"
        result.unaligned += set_aside(pair, reason, whole=False)
    result.pairs = [p for n, p in enumerate(result.pairs) if n not in found]
    return len(found)
