"""The corpus scorer on hand-worked cases, and the committed corpus consistent with its gold."""

from __future__ import annotations

import pytest

from harness.align.corpus import CORPUS, PATHS, documents
from harness.align.gold import Bead, explain, gold_beads, read_gold, score, tokens, write_gold

# 5 gold links: 1 + 1 + 2 (a 2-1 bead) + 1
GOLD = [
    Bead("paragraph", ("Das Haus ist rot.",), ("The house is red.",)),
    Bead("paragraph", ("Der Hund bellt laut.",), ("The dog barks loudly.",)),
    Bead("paragraph", ("Es regnet heute.", "Morgen scheint die Sonne."), ("It rains today, and tomorrow the sun will shine.",)),
    Bead("heading", ("Die Katze schläft",), ("The cat is asleep",)),
]
HOUSE = ("Das Haus ist rot.", "The house is red.")
DOG = ("Der Hund bellt laut.", "The dog barks loudly.")
RAIN = ("Es regnet heute. Morgen scheint die Sonne.", "It rains today, and tomorrow the sun will shine.")
CAT = ("Die Katze schläft", "The cat is asleep")


def _pr(built: list[tuple[str, str]]) -> tuple[float, float, int]:
    s = score(built, GOLD)
    return round(s.precision, 4), round(s.recall, 4), s.built_links


def test_tokens_ignore_layout() -> None:
    assert tokens("Weiterentwicklung.1 „Linux 4.9“ –") == ["weiterentwicklung", "1", "linux", "4", "9"]


def test_perfect_build() -> None:
    assert _pr([HOUSE, DOG, RAIN, CAT]) == (1.0, 1.0, 5)


def test_layout_noise_inside_a_segment_is_tolerated() -> None:
    """Re-wrapped spacing and a glued footnote digit do not make a segment junk."""
    assert _pr([("Das Haus  ist rot.1", HOUSE[1]), DOG, RAIN, CAT]) == (1.0, 1.0, 5)


def test_wrong_pairs() -> None:
    # dog<->cat and cat<->dog are wrong: 3 of 5 built links correct, 3 of 5 gold links found
    assert _pr([HOUSE, (DOG[0], CAT[1]), (CAT[0], DOG[1]), RAIN]) == (0.6, 0.6, 5)


def test_glued_pair() -> None:
    # house+dog glued on both sides: 4 links, 2 right; with rain (2) and cat (1): 5 of 7
    glued = (f"{HOUSE[0]} {DOG[0]}", f"{HOUSE[1]} {DOG[1]}")
    assert _pr([glued, RAIN, CAT]) == (0.7143, 1.0, 7)


def test_junk_fragments() -> None:
    # a running header paired with a heading covers nothing: one wrong link
    assert _pr([HOUSE, DOG, RAIN, CAT, ("Seite 3 Debian-Referenz", "Chapter 1")]) == (0.8333, 1.0, 6)
    # a sentence glued to page furniture (6 of 10 tokens unexplained) is junk: its link is wrong
    noisy = (f"{DOG[0]} Debian-Referenz Seite 3 Kapitel eins", DOG[1])
    assert _pr([HOUSE, noisy, RAIN, CAT]) == (0.8, 0.8, 5)


def test_explain_names_what_went_wrong() -> None:
    lines = explain([HOUSE, (DOG[0], CAT[1]), ("Seite 3", "Chapter 1")], GOLD)
    assert lines == [
        "WRONG 'Der Hund bellt laut.' ↔ 'The cat is asleep'",
        "JUNK  'Seite 3' ↔ 'Chapter 1'",
        "MISSED paragraph 'Der Hund bellt laut.' ↔ 'The dog barks loudly.'",
        "MISSED paragraph 'Es regnet heute. Morgen scheint die Sonne.' ↔ 'It rains today, and tomorrow the sun will shine.'",
        "MISSED heading 'Die Katze schläft' ↔ 'The cat is asleep'",
    ]


def test_a_pull_quote_paired_again_is_a_wrong_link() -> None:
    # the dog sentence repeated as a pull quote and paired with its translation a second time:
    # 5 of 6 built links correct, recall unchanged
    quote = ("„Der Hund bellt laut.“", DOG[1])
    assert _pr([HOUSE, DOG, quote, RAIN, CAT]) == (0.8333, 1.0, 6)
    assert explain([HOUSE, DOG, quote, RAIN, CAT], GOLD) == ["TWICE '„Der Hund bellt laut.“' ↔ 'The dog barks loudly.'"]


def test_missed_pair_and_half_sentence() -> None:
    assert _pr([HOUSE, DOG, RAIN]) == (1.0, 0.8, 4)
    # only one of the two German sentences of the 2-1 bead: 1 of its 2 links
    assert _pr([HOUSE, DOG, ("Morgen scheint die Sonne.", RAIN[1]), CAT]) == (1.0, 0.8, 4)


def test_an_n_m_bead_is_found_by_its_sentence_pairs_or_as_a_whole() -> None:
    gold = [Bead("paragraph", ("Eins ist gut.", "Zwei ist schlecht.", "Drei ist alt."), ("One is good.", "Two is bad.", "Three is old."))]
    by_sentence = [("Eins ist gut.", "One is good."), ("Zwei ist schlecht.", "Two is bad."), ("Drei ist alt.", "Three is old.")]
    s = score(by_sentence, gold)
    assert (s.precision, s.recall, s.gold_links, round(s.product_recall, 4)) == (1.0, 1.0, 3, 0.3333)
    s = score([(" ".join(gold[0].src), " ".join(gold[0].tgt))], gold)
    assert (s.precision, s.recall, s.built_links, s.product_recall) == (1.0, 1.0, 9, 1.0)
    s = score(by_sentence[:2], gold)  # the third sentence pair missed
    assert (s.precision, round(s.recall, 4)) == (1.0, 0.6667)


def test_numbers_alone_do_not_cover_and_far_apart_words_do_not_either() -> None:
    gold = [Bead("item", ("Calligra 2.9",), ("Calligra 2.9",)), Bead("item", ("Emacs 2.9",), ("Emacs 2.9",))]
    assert score([("Emacs 2.9", "Emacs 2.9")], gold).built_links == 1
    far = "Das Haus ist grün, sagt man, aber die Leute dort wissen es besser, denn sie wohnen darin und rot"
    assert score([(far, HOUSE[1])], GOLD).precision == 0.0  # 'Das Haus ist … rot' spread over a long segment


def test_gold_beads_split_only_when_counts_agree() -> None:
    beads = gold_beads(
        [
            ("heading", "1. Einleitung. Kurz", "1. Introduction. Short"),
            ("paragraph", "Das ist gut. Das ist schlecht.", "This is good. This is bad."),
            ("item", "Eins ist gut. Zwei ist schlecht.", "One and two are good and bad."),
            ("paragraph", "42", "42"),
            # as many sentences, but split elsewhere: the Latin sits in the 2nd German, 3rd English one
            (
                "paragraph",
                "Das Dokument erklärt alles mit Beispielen. Ein Sprichwort lautet: Longum iter est! (Ein langer Weg!)",
                "The document explains everything. It has examples. A saying goes: Longum iter est (a long way).",
            ),
            ("paragraph", "Der Wert 9 ist voreingestellt. Er wirkt.", "The level is compressor specific. It is 9 by default."),
        ],
        "de",
        "en",
    )
    assert beads == [
        Bead("heading", ("1. Einleitung. Kurz",), ("1. Introduction. Short",)),
        Bead("paragraph", ("Das ist gut.",), ("This is good.",)),
        Bead("paragraph", ("Das ist schlecht.",), ("This is bad.",)),
        Bead("item", ("Eins ist gut.", "Zwei ist schlecht."), ("One and two are good and bad.",)),
        Bead("paragraph", ("42",), ("42",)),
        Bead(
            "paragraph",
            ("Das Dokument erklärt alles mit Beispielen.", "Ein Sprichwort lautet: Longum iter est!", "(Ein langer Weg!)"),
            ("The document explains everything.", "It has examples.", "A saying goes: Longum iter est (a long way)."),
        ),
        Bead("paragraph", ("Der Wert 9 ist voreingestellt.", "Er wirkt."), ("The level is compressor specific.", "It is 9 by default.")),
    ]
    assert read_gold(write_gold(beads)) == beads


def _clean(doc: str) -> list[tuple[str, str, str]]:
    rows = (CORPUS / doc / "clean.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(r.split("\t")) for r in rows]  # type: ignore[misc]


def test_corpus_has_six_documents_with_every_path() -> None:
    docs = documents()
    assert len(docs) >= 6
    manifest = (CORPUS / "manifest.tsv").read_text(encoding="utf-8")
    for doc in docs:
        assert f"\n{doc}\t" in manifest
        for src, tgt in PATHS.values():
            assert (CORPUS / doc / src).is_file() and (CORPUS / doc / tgt).is_file()


@pytest.mark.parametrize("doc", documents())
def test_gold_is_the_clean_text_split(doc: str) -> None:
    """Every gold sentence is in the clean parallel text, and the gold is what gold_beads makes of it."""
    clean = _clean(doc)
    gold = read_gold((CORPUS / doc / "gold.tsv").read_text(encoding="utf-8"))
    de = "\n".join(r[1] for r in clean)
    en = "\n".join(r[2] for r in clean)
    assert all(s in de for b in gold for s in b.src)
    assert all(t in en for b in gold for t in b.tgt)
    assert gold == gold_beads(clean, "de", "en")
    assert score([(" ".join(b.src), " ".join(b.tgt)) for b in gold], gold).f1 == 1.0
