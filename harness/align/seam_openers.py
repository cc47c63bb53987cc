"""A written pair whose source runs an open clause into another sentence's first word at a seam.

Where the builder joined text across raw lines that are not neighbours (a block it moved, a
block cut mid-sentence whose continuation it guessed: the unit's seams), the text after the
seam should go on the sentence before it. It cannot where it opens with a sentence opener of
the document's own casing (glued.Casing.opens_sentence: a function word or conjunction this
document writes in lower case except at sentence starts, 'Wenn', 'Der', 'Diese') while the text
before the seam ends on a word with no punctuation at all ('… und sie' / 'Wenn das Ziel-Release
…', '… veranlassen, ein' / 'Der folgende Befehl …', '… Format, welches' / 'Diese Datei kann
…'): no sentence goes on after an article or a pronoun with a new sentence. The guessed
continuation is another sentence's head, and the pair holds two sentences' pieces that its
translation does not render as one: it is set aside, not written.

glued.opener_cuts cuts a sentence at such an opener only after a content word (a heading glued
to its first sentence); after a function word it cannot tell a heading from running text, but
at a seam the join is the builder's own guess, and the function word before it shows the guess
wrong. Only the source side is judged: its blocks were re-ordered and re-joined. On the corpus
and three held-out sets (all eight paths) this set aside 5 pairs, all on the PDF-like path: 4
the scorer counts wrong, and one it counts right whose source holds a clause of another
sentence all the same ('… zeichnen ihre' + 'Wenn Sie ein leeres Verzeichnis (z.B.' + 'Aktivitäten
in binärem Format …').
"""

from __future__ import annotations

from harness.align import leftover_homes
from harness.align.fragment_pairs import ends_open
from harness.align.glued import Casing, opens_as_sentence, runs_into_function_word, runs_into_opener
from harness.align.model import AlignedPair, Alignment, SetAside, Unit, set_aside_where
from harness.align.similarity import Scorer
from harness.align.uncovered import slice_units

# Words the unit must hold before the seam: a clause, half of another sentence. A stray word or
# two ('Das' / 'Um weitere Informationen …') leaves the sentence after the seam whole, and its
# translation renders it.
MIN_HEAD_WORDS = 3


def seam_opener(unit: Unit, casing: Casing, lang: str) -> str | None:
    """The first 'word | Opener' join at one of the unit's seams that no sentence makes (see the
    module), or None."""
    for seam in unit.seams:
        before, after = unit.text[:seam].split(), unit.text[seam:].split()
        if len(before) >= MIN_HEAD_WORDS and after and runs_into_opener(before[-1], after[0], casing, lang):
            return f"{before[-1]} | {after[0]}"
    return None


def _seam_opener(pair: AlignedPair, casing: Casing, lang: str) -> str | None:
    return next((found for u in pair.src if (found := seam_opener(u, casing, lang))), None)


def set_aside_seam_openers(result: Alignment, casing: Casing, lang: str) -> int:
    """Move written pairs whose source joins an open clause to a sentence opener at a seam to the
    set-aside list; returns how many."""
    def why(pair: AlignedPair) -> str | None:
        found = _seam_opener(pair, casing, lang)
        return None if found is None else f"low confidence: the source runs a clause into another sentence's opener where the builder joined blocks ('{found}')"

    return set_aside_where(result, why, whole=False)


def open_seams(unit: Unit, casing: Casing, lang: str) -> list[int]:
    """The unit's seams where the text before cannot go on with the text after: it ends on a word
    no sentence ends on (fragment_pairs.cut_mid_sentence: '… zwischen MSS und') or on a word
    broken at a syllable hyphen (fragment_pairs.ends_in_cut_word: '… und die Ausga-'), and the text
    after opens with a word this document writes in lower case except at sentence starts
    (glued.Casing.opens_sentence: 'Dann wird die dns-Methode wird aufgerufen.'; not a noun, '… zur'
    / 'Laufzeit geändert werden …', '„Hardware-Treiber und' / 'Firmware“.'), or it ends an open clause
    before a sentence opener (:func:`seam_opener`'s 'ein | Der'; in a document too short to show
    the opener in lower case, an opener of the language it never capitalises mid-sentence:
    glued.runs_into_function_word, 'Debians | Hier'). A block cut mid-sentence at its
    end whose continuation the builder guessed wrong: the text after the seam is another sentence,
    whole or the head of one."""
    cuts = []
    for seam in unit.seams:
        before, after = unit.text[:seam].rstrip(), unit.text[seam:].split()
        if not before or not after:
            continue
        last = before.split()[-1]
        if (ends_open(before) and opens_as_sentence(after[0], casing)) or runs_into_opener(last, after[0], casing, lang) or runs_into_function_word(last, after[0], casing, lang):
            cuts.append(seam)
    return cuts


def cut_left_overs(result: Alignment, casing: Casing, lang: str, scorer: Scorer | None = None) -> int:
    """Cut left-over source units at their open seams (:func:`open_seams`), before the late
    recovery: the head of a sentence cut at a block end, glued to a block that does not go on
    with it, keeps the whole sentence after the seam from its counterpart ('Der Zusammenhang
    zwischen MSS und' + 'Dann wird die dns-Methode wird aufgerufen.' / 'The dns method is
    invoked.'), and the head from its own tail. Each piece is left over as a piece (not whole,
    not as the alignment read it), so the late recovery asks it to read as one whole sentence;
    returns how many units it cut. With a `scorer`, then also around whole sentences or items
    glued at a raw line break that a left-over translation unit clearly renders, each paired
    with its home (leftover_homes.cut_at_homes)."""
    out: list[SetAside] = []
    cut = 0
    for a in result.unaligned:
        cuts = open_seams(a.unit, casing, lang) if a.side == "src" else []
        if not cuts:
            out.append(a)
            continue
        cut += 1
        reason = f"{a.reason}; cut where a clause runs open into another block"
        bounds = [0, *cuts, len(a.unit.text)]
        out += [SetAside(a.side, piece, reason, whole=False) for lo, hi in zip(bounds, bounds[1:]) for piece in slice_units((a.unit,), lo, hi)]
    result.unaligned = out
    if scorer is not None:
        leftover_homes.cut_at_homes(result, scorer)
    return cut
