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

from harness.align.glued import Casing, runs_into_opener
from harness.align.model import AlignedPair, Alignment, Unit, set_aside_where

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
