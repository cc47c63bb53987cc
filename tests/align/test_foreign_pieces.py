"""A written pair whose source holds a piece of another sentence (harness.align.foreign_pieces).
Inputs are lines of the PDF-like path of the held-out sets (man-apt-cache, man-man): blocks cut
mid-sentence that the extraction ran together with no blank line between them."""

from __future__ import annotations

from harness.align import foreign_pieces
from harness.align.dictionary import Dictionary
from harness.align.model import AlignedPair, Alignment, SetAside, Unit
from harness.align.similarity import LexicalScorer

from tests.align.units import lines_unit

WORDS = Dictionary(
    {
        "paket": ("package",),
        "erfüllt": ("satisfied",),
        "rückwärtsabhängigkeiten": ("dependencies",),
        "unabhängig": ("independently",),
        "gegenzug": ("exchange",),
        "handbuchseite": ("manual", "page"),
        "zeile": ("line",),
        "ignoriert": ("ignored",),
        "optionen": ("options",),
    }
)
# '… unabhängig davon, ob die' ends one block; 'für das Paket erfüllt werden, …' is the tail of
# 'Deshalb müssen Vorwärtsabhängigkeiten', a block 26 lines further on
GLUED = ("Im Gegenzug funktioniert apt-cache unabhängig davon, ob die", "für das Paket erfüllt werden, Rückwärtsabhängigkeiten allerdings nicht.")
OWN = "In exchange apt-cache works independently of the availability of the configured sources."
HOME = "Thus, forward dependencies must be satisfied for a package, but reverse dependencies need not be."


def _unit(lines: tuple[str, ...], first: int = 40) -> Unit:
    return lines_unit(lines, first, "body")


def _pair(de: str, en: str, line: int) -> AlignedPair:
    return AlignedPair((Unit(de, str(90 + line), "body"),), (Unit(en, str(line), "body"),), "body", 0.5)


def _written(src: Unit, tgt: str, *others: str, first: int = 14) -> Alignment:
    """The pair written (translation line 5), a pair of translation line 8, and each of `others` a
    translation unit written with another source sentence, from translation line `first` on."""
    result = Alignment([AlignedPair((src,), (Unit(tgt, "5", "body"),), "body", 0.45), _pair("Es ist still.", "It is quiet.", 8)], [])
    result.pairs += [_pair(f"Satz {k}.", other, first + k) for k, other in enumerate(others)]
    return result


def test_line_cuts_and_pieces_of_a_unit_read_from_two_lines() -> None:
    unit = _unit(GLUED)
    assert foreign_pieces.line_cuts(unit) == [len(GLUED[0]) + 1]
    assert foreign_pieces.pieces(unit, "de") == list(GLUED)
    # a piece of fewer than MIN_CONTENT content words is not judged: 'Handbuchseite Name' alone says nothing
    assert foreign_pieces.pieces(_unit(("Zeigt die Handbuchseite an.", "Handbuchseite Name")), "de") == []


def test_a_glued_tail_the_translation_renders_elsewhere_sets_the_pair_aside() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    fit = scorer.fit(list(GLUED), [OWN, HOME])
    assert [round(fit.sim(k, 1, j, 1), 3) for k in (0, 1) for j in (0, 1)] == [0.5, 0.0, 0.0, 0.5]
    result = _written(_unit(GLUED), OWN, HOME)
    assert foreign_pieces.set_aside_foreign_pieces(result, scorer, "de") == 1
    assert [p.tgt[0].text for p in result.pairs] == ["It is quiet.", HOME]  # the other pairs stay
    assert [(a.side, a.unit.text) for a in result.unaligned] == [("src", " ".join(GLUED)), ("tgt", OWN)]
    assert all("is not in the translation, another unit of it renders it" in a.reason for a in result.unaligned)


def test_a_left_over_translation_unit_is_a_home_too() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    result = _written(_unit(GLUED), OWN)
    result.unaligned.append(SetAside("tgt", Unit(HOME, "14", "body"), "body: no counterpart in the source"))
    assert foreign_pieces.set_aside_foreign_pieces(result, scorer, "de") == 1
    assert [p.tgt[0].text for p in result.pairs] == ["It is quiet."]


def test_no_home_or_a_shared_word_keeps_the_pair() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    # a clause the translation does not render, and no other unit does: a loose translation, kept
    assert foreign_pieces.set_aside_foreign_pieces(_written(_unit(GLUED), OWN), scorer, "de") == 0
    # the home is written with its own sentence, which matches it better than the piece does: taken
    whole = "Deshalb müssen Vorwärtsabhängigkeiten für das Paket erfüllt werden, Rückwärtsabhängigkeiten allerdings nicht."
    more = LexicalScorer("de", "en", Dictionary({**WORDS.table, "deshalb": ("thus",), "vorwärtsabhängigkeiten": ("forward",)}))
    fit = more.fit([GLUED[1], whole], [HOME])
    assert [round(fit.sim(k, 1, 0, 1), 3) for k in (0, 1)] == [0.5, 0.667]
    result = _written(_unit(GLUED), OWN)
    result.pairs.append(AlignedPair((Unit(whole, "66", "body"),), (Unit(HOME, "14", "body"),), "body", 0.55))
    assert foreign_pieces.set_aside_foreign_pieces(result, more, "de") == 0
    assert foreign_pieces.set_aside_foreign_pieces(result, scorer, "de") == 1  # without those keys the piece matches it better
    # the translation's next unit renders it, and the pair's own runs on into it: one sentence cut
    # in two ('… avoids FTBFS (Fails' / 'To Build From Source) bugs.'), not a glued piece
    cut = OWN.rstrip(".")
    result = Alignment([AlignedPair((_unit(GLUED),), (Unit(cut, "5", "body"),), "body", 0.45), _pair("Satz.", HOME, 6), _pair("Es ist still.", "It is quiet.", 8)], [])
    assert foreign_pieces.set_aside_foreign_pieces(result, scorer, "de") == 0
    # a parenthetical after the sentence goes on it too ('… bugs.' / '(see pbuilder(8) and pdebuild(1))')
    result = Alignment([AlignedPair((_unit(GLUED),), (Unit(OWN, "5", "body"),), "body", 0.45), _pair("Satz.", f"({HOME})", 6)], [])
    assert foreign_pieces.set_aside_foreign_pieces(result, scorer, "de") == 0
    # the best match is that parenthetical; a unit further on that shares two words with the piece
    # matches it too, above MIN_HOME, but less well: no home
    aside = "(forward dependencies must be satisfied for a package)"
    far = "Package dependencies are listed in the file."
    fit = scorer.fit([GLUED[1]], [aside, far])
    assert [round(fit.sim(0, 1, j, 1), 3) for j in (0, 1)] == [0.667, 0.5]
    result = Alignment([AlignedPair((_unit(GLUED),), (Unit(OWN, "5", "body"),), "body", 0.45), _pair("Satz.", aside, 6), _pair("Satz 2.", far, 20)], [])
    assert foreign_pieces.set_aside_foreign_pieces(result, scorer, "de") == 0
    # where the pair's own closes its sentence, the next unit is another sentence: a home
    result = Alignment([AlignedPair((_unit(GLUED),), (Unit(OWN, "5", "body"),), "body", 0.45), _pair("Satz.", HOME, 6), _pair("Es ist still.", "It is quiet.", 8)], [])
    assert foreign_pieces.set_aside_foreign_pieces(result, scorer, "de") == 1
    # a right pair read from two lines: its second line, the one piece long enough to judge,
    # shares 'options' (and the letters) with its translation, though another unit matches it too
    right = ("Diese Option wird ignoriert, wenn Sie die", "Optionen -t, -H, -T oder -Z verwenden.")
    own = "This option is ignored when using options -t, -H, -T, or -Z."
    assert foreign_pieces.pieces(_unit(right), "de") == [right[1]]
    result = _written(_unit(right), own, "This option is not required with options -t, -H, -T, or -Z.")
    assert foreign_pieces.set_aside_foreign_pieces(result, scorer, "de") == 0
    assert len(result.pairs) == 3 and result.unaligned == []


def test_an_option_line_glued_to_the_tail_of_another_sentence() -> None:
    # man-man: '… -Z verwenden und' ends a block; 'Handbuchseite Name(Abschnitt) Zeile x' is a line
    # of the prompt's description, which the translation has as a unit of its own
    glued = ("Diese Option wird ignoriert, wenn Sie die Optionen -t, -H, -T oder -Z verwenden und", "Handbuchseite Name(Abschnitt) Zeile x")
    own = "This option is ignored when using options -t, -H, -T, or -Z and may be useless for nroff other than GNU's."
    result = _written(_unit(glued, 567), own, "Manual page name(sec) line x")
    found = foreign_pieces.foreign_pieces(result.pairs, "de", LexicalScorer("de", "en", WORDS), foreign_pieces.home_units(result))
    assert found == {0: glued[1]}
    assert foreign_pieces.set_aside_foreign_pieces(result, LexicalScorer("de", "en", WORDS), "de") == 1
