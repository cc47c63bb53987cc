"""A written pair whose source opens with a sentence's tail gets that sentence's left-over head
(harness.align.tail_heads). Lines of the PDF-like path of the corpus (maint-guide-start): a block
ends on 'Auch Beiträge zu', and its rest, 'existierenden Paketen können ein Weg sein, …', opens a
block twenty lines on, written with the translation of the whole sentence."""

from __future__ import annotations

from harness.align import tail_heads
from harness.align.cleaning import evidence_from
from harness.align.dictionary import Dictionary
from harness.align.model import AlignedPair, Alignment, SetAside, Unit
from harness.align.similarity import LexicalScorer

from tests.align.units import lines_unit

WORDS = Dictionary(
    {
        "beiträge": ("contributing", "contributions"),
        "existierenden": ("existing",),
        "paketen": ("packages",),
        "weg": ("path", "way"),
        "offizieller": ("official",),
        "entwickler": ("developer",),
        "beobachtungen": ("observations",),
        "verteilung": ("distribution",),
    }
)
EN = "Contributing to the existing packages can provide a path to becoming an official Debian Developer too."
TAIL = ("existierenden Paketen können ein Weg sein,", "offizieller Debian-Entwickler zu werden.")
REASON = "body: no counterpart in the translation"


def _raw(lines: dict[int, str]) -> list[str]:
    """Raw lines, numbered from 1, blank where not given."""
    return [lines.get(n, "") for n in range(1, max(lines) + 2)]


RAW = _raw({141: "erstellen müssen, um offizieller", 142: "Debian-Entwickler zu werden. Auch Beiträge zu", 163: TAIL[0], 164: TAIL[1]})


def _result(*heads: Unit) -> Alignment:
    pair = AlignedPair((lines_unit(TAIL, 163),), (Unit(EN, "92-93", "body"),), "body", 0.5)
    return Alignment([pair], [SetAside("src", head, REASON) for head in heads])


def _head(text: str, line: int) -> Unit:
    return lines_unit((text,), line)


def test_a_left_over_head_joins_the_pair_that_writes_its_tail() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    result = _result(_head("Auch Beiträge zu", 142))
    assert tail_heads.give_heads_to_tails(result, scorer, None, RAW) == 1
    assert [u.text for u in result.pairs[0].src] == ["Auch Beiträge zu", " ".join(TAIL)]
    assert result.pairs[0].tgt[0].text == EN and not result.unaligned


def test_a_head_the_translation_does_not_render_or_that_another_rivals_stays_left_over() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    # the translation renders none of its words ('Beobachtungen': 'observations')
    raw = _raw({142: "Es folgen einige Beobachtungen", 163: TAIL[0], 164: TAIL[1]})
    result = _result(_head("Es folgen einige Beobachtungen", 142))
    assert tail_heads.give_heads_to_tails(result, scorer, None, raw) == 0
    assert [u.text for u in result.pairs[0].src] == [" ".join(TAIL)] and len(result.unaligned) == 1
    # two heads that the translation both renders: neither is the tail's
    raw = _raw({142: "Auch Beiträge zu", 150: "Viele Beiträge zu", 163: TAIL[0], 164: TAIL[1]})
    result = _result(_head("Auch Beiträge zu", 142), _head("Viele Beiträge zu", 150))
    assert tail_heads.give_heads_to_tails(result, scorer, None, raw) == 0
    # a head that does not end its raw block: its sentence goes on on the next line
    raw = _raw({142: "Auch Beiträge zu", 143: "den Paketen", 163: TAIL[0], 164: TAIL[1]})
    assert tail_heads.give_heads_to_tails(_result(_head("Auch Beiträge zu", 142)), scorer, None, raw) == 0
    # a tail that does not open its raw block: the line before it goes on into it
    raw = _raw({142: "Auch Beiträge zu", 162: "Pakete und", 163: TAIL[0], 164: TAIL[1]})
    assert tail_heads.give_heads_to_tails(_result(_head("Auch Beiträge zu", 142)), scorer, None, raw) == 0
    # a pair resting on a shared name (held-out set 2, the Debian Manifesto): no sentence's rest to complete,
    # though the translation renders the head ('Verteilung': 'distribution')
    manifesto = ("offen im Geist von Linux und GNU entwickelt.",)
    raw = _raw({142: "Die Entwicklung und Verteilung", 163: manifesto[0]})
    pair = AlignedPair((lines_unit(manifesto, 163),), (Unit("Debian Linux is a brand-new kind of Linux distribution.", "9", "body"),), "body", 0.4)
    result = Alignment([pair], [SetAside("src", _head("Die Entwicklung und Verteilung", 142), REASON)])
    assert tail_heads.give_heads_to_tails(result, scorer, None, raw) == 0
    # a head that ends its sentence is no head
    raw = _raw({142: "Auch Beiträge zu Paketen.", 163: TAIL[0], 164: TAIL[1]})
    assert tail_heads.give_heads_to_tails(_result(_head("Auch Beiträge zu Paketen.", 142)), scorer, None, raw) == 0


def test_a_head_broken_in_a_word_joins_only_where_the_whole_word_is_written_elsewhere() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    tail = ("träge zu existierenden Paketen können ein Weg sein,", TAIL[1])
    raw = _raw({142: "Auch Ihre Bei-", 163: tail[0], 164: tail[1]})

    def result() -> Alignment:
        pair = AlignedPair((lines_unit(tail, 163),), (Unit(EN, "92-93", "body"),), "body", 0.5)
        return Alignment([pair], [SetAside("src", _head("Auch Ihre Bei-", 142), REASON)])

    written = result()
    ev = evidence_from("Beiträge sind willkommen.")
    assert tail_heads.give_heads_to_tails(written, scorer, ev, raw) == 1
    assert " ".join(u.text for u in written.pairs[0].src).startswith("Auch Ihre Beiträge zu existierenden Paketen")
    # 'Bei' + 'träge' is no word the documents write: the pair is left as it was
    for ev in (evidence_from("Nichts davon."), None):
        written = result()
        assert tail_heads.give_heads_to_tails(written, scorer, ev, raw) == 0
        assert len(written.unaligned) == 1
