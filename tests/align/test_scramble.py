from __future__ import annotations

import random

from harness.align.scramble import add_footnotes, hyphen_wrap, pdf_like, scramble, syllable_cuts, web_text, wrap


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


def test_syllable_cuts_fall_between_consonant_and_vowel_clusters() -> None:
    cut = lambda w: [w[:k] for k in syllable_cuts(w)]  # noqa: E731
    assert cut("Konfiguration") == ["Kon", "Konfi", "Konfigu", "Konfigura"]
    assert cut("Flasche") == ["Fla"]  # 'sch' stays whole
    assert cut("Veröffentlichung.5") == ["Veröf", "Veröffent", "Veröffentli"]
    assert cut("Debian-spezifische") == [] and cut("/usr/share/doc") == []


def test_hyphen_wrap_fills_the_line_with_a_syllable() -> None:
    text = "Die Paketverwaltung synchronisiert die Konfiguration des Systemadministrators."
    assert hyphen_wrap(text, 24, random.Random(3)) == [
        "Die Paketverwaltung", "synchronisiert die Kon-", "figuration des Systemad-", "ministrators."
    ]


def test_pdf_like_cuts_blocks_across_paragraphs_and_adds_headers_and_pull_quotes() -> None:
    paragraphs = [f"Absatz {k} erklärt die Paketverwaltung. Der zweite Satz hat genug Wörter, um eine Zeile zu füllen." for k in range(12)]
    text, owner = pdf_like(paragraphs, 1, header="Handbuch", page_lines=20, block_lines=(3, 5), window=(2, 3), pull_quote_every=6)
    lines = text.split("\n")
    assert sorted(set(owner.values())) == list(range(12)) and all(lines[n - 1] for n in owner)
    assert [owner[n] for n in sorted(owner)] != sorted(owner.values())  # shuffled
    assert [line for line in lines if "Handbuch" in line] == ["2 Handbuch", "Handbuch 3"]
    quotes = [n for n, line in enumerate(lines, 1) if line.startswith("„")]
    assert [lines[n - 1] + " " + lines[n] for n in quotes] == ["„Der zweite Satz hat genug Wörter, um eine Zeile zu füllen.“"] * 2
    assert not any(n in owner or n + 1 in owner for n in quotes)
    # a block boundary inside a paragraph: a paragraph's lines are not all together
    assert lines[25:28] == ["Absatz 5 erklärt die Paketverwaltung. Der", "", "zweite Satz hat genug Wörter, um eine Zeile"]
