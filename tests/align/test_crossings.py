"""Two sentences against two where the translator moved a clause across the boundary
(harness.align.crossings). Sentences of the corpus's faq-support document: the details of the
second German sentence open the first English one."""

from __future__ import annotations

from harness.align import confidence, crossings, dp
from harness.align.dictionary import Dictionary
from harness.align.model import Unit
from harness.align.similarity import LexicalScorer

WORDS = Dictionary(
    {
        "system": ("system",),
        "fehlern": ("bugs",),
        "fehler": ("bugs", "bug"),
        "meldung": ("report",),
        "entwicklern": ("developers",),
        "benutzern": ("users",),
        "übermittelte": ("reported",),
        "details": ("details",),
        "datenbank": ("database",),
        "nummer": ("number",),
        "erhalten": ("given", "receive"),
    }
)
DE = (
    "Debian GNU/Linux hat ein System zur Meldung und Statuskontrolle von Fehlern eingerichtet, das »Bug Tracking System«, abgekürzt BTS.",
    "Dieses führt von Entwicklern und Benutzern übermittelte Fehler und dazugehörende Details einer Datenbank zu, wo sie auch eine Nummer erhalten.",
)
EN = (
    "The Debian GNU/Linux distribution has a bug tracking system (BTS) which files details of bugs reported by users and developers.",
    "Each bug is given a number, and is kept on file.",
)


def _beads(de: tuple[str, ...], en: tuple[str, ...], kinds: tuple[str, str] = ("body", "body")) -> tuple[list, list, list, list[Unit], list[Unit]]:
    scorer = LexicalScorer("de", "en", WORDS)
    ps = scorer.fit(list(de), list(en))
    beads = [dp.Bead(k, 1, k, 1, ps.sim(k, 1, k, 1)) for k in range(len(de))]
    sides = [(de[k], en[k], beads[k].score) for k in range(len(de))]
    problems = [confidence.rejection(a, b, s, 1.0) for a, b, s in sides]
    src = [Unit(t, str(k), kinds[0]) for k, t in enumerate(de)]
    tgt = [Unit(t, str(k), kinds[1]) for k, t in enumerate(en)]
    return beads, sides, problems, src, tgt


def test_a_bead_refused_for_its_lengths_joins_its_neighbour_as_two_against_two() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    beads, sides, problems, src, tgt = _beads(DE, EN)
    assert problems[0] is None and (problems[1] or "").startswith(crossings.LENGTHS)
    beads, sides, problems = crossings.merge_crossings(beads, sides, problems, src, tgt, scorer, 1.0)
    assert [(b.i, b.di, b.j, b.dj) for b in beads] == [(0, 2, 0, 2)] and problems == [None]
    assert sides[0][:2] == (" ".join(DE), " ".join(EN))


def test_a_refused_bead_whose_words_the_neighbour_does_not_render_stays_refused() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    # a long sentence after the first pair, similar enough to the short one (a number given) but refused for its
    # lengths, and nothing more of it in the neighbour's translation: a stranger, not a clause moved across
    de = (DE[0], "Jede Nummer erhalten Sie dann auch noch von uns, und das ist für alle so, die es so wollen, auch wenn es nicht immer so ist, wie es sein sollte.")
    beads, sides, problems, src, tgt = _beads(de, EN)
    assert (problems[1] or "").startswith(crossings.LENGTHS)
    merged = crossings.merge_crossings(beads, sides, problems, src, tgt, scorer, 1.0)
    assert merged == (beads, sides, problems)
    # a pull quote is no running sentence: not merged though its words are rendered
    beads, sides, problems, src, tgt = _beads(DE, EN, ("pullquote", "body"))
    assert crossings.merge_crossings(beads, sides, problems, src, tgt, scorer, 1.0)[0] == beads
