"""Headings that PDF extraction glued onto the first line of the text under them."""

from __future__ import annotations

from harness.align.blocks import numbered_heading
from harness.align.glued import Casing, glued_heading_end

GERMAN = [
    "sobald die Übersetzung fertig ist, wird sie verteilt",
    "das Programm, das Sie sobald wie möglich lesen, und das Handbuch",
    "wenn Sie das tun, können Sie sehen, dass das geht",
    "sobald es geht",
    "und dieses Paket, dieses Programm und dieses Handbuch",
]
ENGLISH = [
    "the script and the manual",
    "the file is the one the user reads",
    "the user and the system and the package and the archive",
    "read the book The Art of Programming",
]


def head(line: str, casing: Casing, lang: str) -> str | None:
    cut = glued_heading_end(line, casing, lang)
    return None if cut is None else line[:cut].rstrip()


def test_glued_heading_is_cut_where_a_lower_case_word_starts_a_sentence() -> None:
    de, en = Casing.learn(GERMAN), Casing.learn(ENGLISH)
    assert head("Erstellen eines übersetzten Dokumentes Sobald Sie mit der Übersetzung fertig sind, möchten", de, "de") == (
        "Erstellen eines übersetzten Dokumentes"
    )
    assert head("Integrating changes to the original document The script to use for that is", en, "en") == (
        "Integrating changes to the original document"
    )


def test_running_text_is_not_cut() -> None:
    de, en = Casing.learn(GERMAN), Casing.learn(ENGLISH)
    assert head("Dann können Sie das Programm mit einem Befehl starten und", de, "de") is None  # 'Sie' is capitalised mid-sentence
    assert head("Colombia has been one of the United States' closest allies on the continent", en, "en") is None
    assert head("A Guide To The Galaxy for those who travel a lot", en, "en") is None  # a title in title case
    assert head("Encrypted password (The initial $1$ means MD5 encryption here)", en, "en") is None  # an aside
    assert head("patchutils - Dieses Paket enthält einige Hilfsprogramme", de, "de") is None  # a term and its description
    assert head("Das Handbuch ist fertig. Das Programm läuft nun überall gut", de, "de") is None  # a stop before


def test_outline_numbered_heading_may_end_with_a_verb_not_a_preposition() -> None:
    assert numbered_heading("1.2. Programme, die zum Entwickeln notwendig sind")
    assert not numbered_heading("12.1. Welche andere Dokumentation gibt es auf")
    assert not numbered_heading("33 Staaten traten bei und")


def test_a_sentence_is_cut_where_a_glued_term_or_heading_ends() -> None:
    from harness.align.glued import opener_cuts

    de = Casing.learn(GERMAN + ["das ist es, das ist gut, ist das so, was ist das"])
    text = "man (ausgereiftes Auswertprogramm) Das gute alte Handbuchformat ist hier."
    assert [text[c:] for c in opener_cuts(text, de, "de")] == ["Das gute alte Handbuchformat ist hier."]
    text = "-X, --vextract Archiv Verzeichnis Ist wie --extract mit mehr Ausgabe."
    assert [text[c:] for c in opener_cuts(text, de, "de")] == ["Ist wie --extract mit mehr Ausgabe."]
    text = "Ein Beispiel Debian Das gute alte Format ist hier."  # right after another capitalised word
    assert [text[c:] for c in opener_cuts(text, de, "de")] == ["Das gute alte Format ist hier."]
    # a quoted title, 'Sie', a word after a comma and an opener after a function word never cut
    for text in ("Er las den Roman „Das Boot“ gestern Abend ganz.", "Dann können Sie das tun und mehr.",
                 "Es geht, Das ist nicht gut so.", "Er kam und Das war es dann so."):
        assert opener_cuts(text, de, "de") == [], text
    # no sentence starts inside brackets opened before: an acronym spelt out in title case (maint-guide-start,
    # the web dump's 'avoids FTBFS (Fails To Build From Source) bugs.'), while the same words outside brackets cut
    en = Casing.learn(["you want to go to it, to the end, to be sure, how to do it", "go to bed, to me, ready to go"])
    text = "Building a package in this chroot verifies the build dependency and avoids FTBFS (Fails To Build From Source) bugs."
    assert opener_cuts(text, en, "en") == []
    text = "It avoids FTBFS (Fails) and then fails To build from source again."  # the bracket closed: a cut
    assert [text[c:] for c in opener_cuts(text, en, "en")] == ["To build from source again."]
