from __future__ import annotations

import random

from harness.align.scramble import add_footnotes, scramble, web_text, wrap


def test_wrap_hyphenates_some_long_words_at_the_line_end() -> None:
    text = "Die Paketindexdatei wird mit den Informationen synchronisiert und aktualisiert."
    assert wrap(text, 20, random.Random(3)) == [
        "Die Paketindexdatei", "wird mit den Inform-", "ationen synchro-", "nisiert und", "aktualisiert."
    ]


def test_footnotes_numbered_in_order() -> None:
    assert add_footnotes(["A.", "B.", "C.", "D."], every=2) == ["A.", "B.1", "C.", "D.2"]
    assert add_footnotes(["A.", "B."], every=1, superscript=True) == ["A.¹", "B.²"]


def test_scramble_keeps_every_line_and_knows_its_paragraph() -> None:
    paragraphs = [f"Satz {k} hat einige Wörter mehr als eine Zeile fasst, damit umbrochen wird." for k in range(6)]
    text, owner = scramble(paragraphs, seed=2, width=30, box_lines=2, footnote_every=100)
    lines = text.split("\n")
    assert sorted(owner.values()) == sorted(k for k in range(6) for _ in range(3))
    assert all(lines[n - 1] for n in owner)
    assert [owner[n] for n in sorted(owner)] != sorted(owner.values())


def test_web_text_is_one_paragraph_per_line() -> None:
    text, owner = web_text(["Eins.", "Zwei."], footnote_every=2)
    assert text == "Eins.\n\nZwei.¹\n" and owner == {1: 0, 3: 1}
