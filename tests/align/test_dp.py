from __future__ import annotations

from harness.align.dp import Bead, CostModel, align, band_from_anchors


class TableSim:
    def __init__(self, table: dict[tuple[int, int, int, int], float]) -> None:
        self.table = table

    def sim(self, i: int, di: int, j: int, dj: int) -> float:
        return self.table.get((i, di, j, dj), 0.0)

    def candidates(self, i: int, k: int) -> list[int]:
        return []


def test_one_to_one_one_to_two_and_an_unaligned_target() -> None:
    ps = TableSim({(0, 1, 0, 1): 0.9, (1, 1, 1, 2): 0.8, (1, 1, 1, 1): 0.4, (1, 1, 2, 1): 0.4})
    beads = align([50, 100], [50, 50, 50, 30], ps, CostModel())
    assert [(b.i, b.di, b.j, b.dj) for b in beads] == [(0, 1, 0, 1), (1, 1, 1, 2), (2, 0, 3, 1)]
    assert beads[1] == Bead(1, 1, 1, 2, 0.8)


def test_merges_never_cross_groups() -> None:
    ps = TableSim({(0, 1, 0, 2): 0.9, (0, 1, 0, 1): 0.7})
    beads = align([40], [40, 12], ps, CostModel(), groups=([0], ["title", "byline"]))
    assert [(b.i, b.di, b.j, b.dj) for b in beads] == [(0, 1, 0, 1), (1, 0, 1, 1)]


def test_band_follows_the_anchor_path() -> None:
    band = band_from_anchors(10, 10, [(5, 5)], width=1)
    assert band[0] == (0, 2) and band[5] == (4, 7) and band[10][1] == 10


def test_banded_alignment_equals_full_alignment_on_a_diagonal() -> None:
    n = 30
    ps = TableSim({(i, 1, i, 1): 0.8 for i in range(n)})
    band = band_from_anchors(n, n, [(i, i) for i in range(0, n, 5)], width=3)
    assert align([40] * n, [40] * n, ps, CostModel(), band) == align([40] * n, [40] * n, ps, CostModel())


def test_lengths_decide_between_equally_similar_beads() -> None:
    # one 100-character source sentence, two 50-character targets, equally similar either way:
    # at the expected ratio 1.0 both targets together match its length (1-2), at 0.5 one does (1-1 + 0-1)
    ps = TableSim({(0, 1, 0, 1): 0.6, (0, 1, 0, 2): 0.6})
    shapes = {ratio: [(b.i, b.di, b.j, b.dj) for b in align([100], [50, 50], ps, CostModel(ratio=ratio))] for ratio in (1.0, 0.5)}
    assert shapes == {1.0: [(0, 1, 0, 2)], 0.5: [(0, 1, 0, 1), (1, 0, 1, 1)]}


def test_translation_sentences_share_a_bead_only_within_their_paragraph() -> None:
    from harness.align.model import Unit
    from harness.align.pipeline import _merge_groups

    units = [Unit("A b.", "1", "body", 0), Unit("(see c(1))", "2", "body", 0), Unit("perl - P.", "4", "body", 1), Unit("H", "6", "heading", 2)]
    assert _merge_groups(units) == [("text", 0), ("text", 0), ("text", 0), ("heading", 3)]
    assert _merge_groups(units, paragraphs=True) == [("text", 0), ("text", 0), ("text", 1), ("heading", 3)]


def test_a_pull_quote_shares_a_bead_only_with_its_own_sentences() -> None:
    from harness.align.model import Unit
    from harness.align.pipeline import _merge_groups

    # 'show führt eine Funktion aus, die dpkg' joined to its rest, then the quote glued below it
    units = [Unit("show führt eine Funktion aus, die dpkg --print-avail ähnlich ist.", "177,202", "body", 35), Unit("„rdepends zeigt eine Liste von jeder Rückwärtsabhängigkeit, die ein Paket hat.“", "178-180", "pullquote", 36), Unit("Es zeigt die Paketdatensätze.", "203", "body", 37)]
    assert _merge_groups(units) == [("text", 0), ("quote", 36), ("text", 0)]
    # a two-sentence pull quote's sentences may share one ('… of the partnership. It also provides skills to NATO.')
    two = [Unit("„Colombia is not a one-sided beneficiary of the partnership.", "49", "pullquote", 0), Unit("It also provides skills to NATO.“", "49", "pullquote", 0)]
    assert _merge_groups(two)[0] == ("quote", 0)
    # one without quotation marks, set apart by the layout alone, merges as before
    assert _merge_groups([units[0], Unit("Ein Rückzug Kolumbiens gilt als unwahrscheinlich.", "516-519", "pullquote", 36)]) == [("text", 0), ("text", 0)]


def test_a_block_cut_inside_a_paragraph_stays_in_its_paragraph() -> None:
    from harness.align.model import Unit
    from harness.align.pipeline import _merge_groups

    # 'Be sure … unsubscribe.' / 'Otherwise …' on adjacent lines: one paragraph though two reader blocks
    units = [Unit("Be sure.", "77-78", "body", 22), Unit("Otherwise this.", "79-80", "body", 23), Unit("Next.", "82", "body", 24)]
    assert _merge_groups(units, paragraphs=True) == [("text", 0), ("text", 0), ("text", 1)]


def test_a_stranded_sentence_tail_never_merges_with_the_sentence_before() -> None:
    """'ging dem WWW voraus.' after '… gibt es ein Formular.' is the tail of a sentence cut
    elsewhere: its merge group starts anew, so a 2-1 bead cannot join it to the sentence before,
    only to the one after; a command name opening a sentence ('dpkg-deb baut …') changes nothing."""
    from harness.align.model import Unit
    from harness.align.pipeline import _merge_groups

    units = [
        Unit("Auch zum Abmelden gibt es ein Formular.", "1", "body"),
        Unit("ging dem WWW voraus.", "3", "body"),
        Unit("Die Softwarepakete erfassen Dokumentation.", "4", "body"),
        Unit("dpkg-deb baut Pakete.", "5", "body"),
    ]
    assert _merge_groups(units) == [("text", 0), ("text", 1), ("text", 1), ("text", 1)]


def test_in_shuffled_text_a_closing_lead_in_shares_no_bead_with_the_next_block() -> None:
    from harness.align.model import Unit
    from harness.align.pipeline import _merge_groups

    # kicad-pl-editor, shuffled boxes: 'Umwandlungselemente sind:' (its place only guessed) put
    # before 'Wird die Papiergröße verändert …' made a 2-1 bead with the translation of the latter
    units = [
        Unit("Umwandlungselemente sind:", "8", "body", 3),
        Unit("Wird die Papiergröße verändert so bleibt die relative Position der Elemente gleich.", "30-31", "body", 4),
        Unit("Das ist so.", "32", "body", 4),
    ]
    assert _merge_groups(units) == [("text", 0), ("text", 0), ("text", 0)]
    assert _merge_groups(units, shuffled=True) == [("text", 0), ("text", 1), ("text", 1)]
    # a colon inside a block (the segmenter or a glued heading cut there) is no block end
    inside = [Unit("Es gibt eine Studie namens Counting potatoes:", "199", "body", 40), Unit("The size of Debian 2.2 von Jesús González Barahona.", "200", "body", 40)]
    assert _merge_groups(inside, shuffled=True) == [("text", 0), ("text", 0)]


def _random_case(seed: int) -> tuple[list[int], list[int], list[tuple[frozenset[str], int]], list[tuple[frozenset[str], int]], list[str], list[str]]:
    """Two documents of random key sets, lengths and labels: similar enough that every bead kind
    and exact ties (equal key sets, equal lengths) occur."""
    import random

    rnd = random.Random(seed)
    n, m = rnd.randint(1, 40), rnd.randint(1, 40)
    words = [f"w{k}" for k in range(12)]

    def keys() -> tuple[frozenset[str], int]:
        found = frozenset(rnd.sample(words, rnd.randint(0, 4)))
        return found, len(found)

    lengths = lambda k: [rnd.choice([0, 10, 20, 40, 80]) for _ in range(k)]  # noqa: E731
    labels = lambda k: [rnd.choice(["text", "text", "text", "heading"]) for _ in range(k)]  # noqa: E731
    return lengths(n), lengths(m), [keys() for _ in range(n)], [keys() for _ in range(m)], labels(n), labels(m)


class _Scalar:
    """A KeySim's scores behind the generic interface (no band_sims): dp.align asks it cell by cell."""

    def __init__(self, ps: object) -> None:
        self.ps = ps

    def sim(self, i: int, di: int, j: int, dj: int) -> float:
        return self.ps.sim(i, di, j, dj)  # type: ignore[attr-defined]


def test_row_at_once_dp_equals_the_cell_by_cell_dp() -> None:
    """dp.align weighs whole rows at once (and a KeySim's similarities for the whole band); on
    random documents, with and without a band, with merges barred between labels, at two length
    ratios, it returns exactly the beads and scores of the plain loop over cells."""
    from harness.align.similarity import KeySim
    from tests.align.dp_scalar import scalar_align

    checked = 0
    for seed in range(150):
        src_chars, tgt_chars, src_keys, tgt_keys, src_labels, tgt_labels = _random_case(seed)
        n, m = len(src_chars), len(tgt_chars)
        band = band_from_anchors(n, m, [(k, k * m // n) for k in range(0, n, 7)], width=3) if seed % 2 else None
        model = CostModel(ratio=1.0 if seed % 3 else 0.7)
        try:
            want: list[Bead] | str = scalar_align(src_chars, tgt_chars, KeySim(src_keys, tgt_keys), model, band, (src_labels, tgt_labels))
        except ValueError as exc:  # a steep document pair leaves a narrow band no way through
            want = str(exc)
        for ps in (KeySim(src_keys, tgt_keys), _Scalar(KeySim(src_keys, tgt_keys))):
            try:
                got: list[Bead] | str = align(src_chars, tgt_chars, ps, model, band, (src_labels, tgt_labels))
            except ValueError as exc:
                got = str(exc)
            assert got == want, seed
        checked += len(want) if isinstance(want, list) else 0
    assert checked > 2000


def test_band_that_misses_the_end_is_refused() -> None:
    import pytest

    ps = TableSim({})
    with pytest.raises(ValueError, match="does not reach the end"):
        align([10] * 6, [10] * 6, ps, CostModel(), [(0, 1)] * 7)


def test_an_empty_side_leaves_the_other_unaligned() -> None:
    from harness.align.similarity import KeySim

    keys = (frozenset({"a"}), 1)
    assert [(b.i, b.di, b.j, b.dj) for b in align([], [10, 10], KeySim([], [keys, keys]), CostModel())] == [(0, 0, 0, 1), (0, 0, 1, 1)]
    assert [(b.i, b.di, b.j, b.dj) for b in align([10, 10], [], KeySim([keys, keys], []), CostModel())] == [(0, 1, 0, 0), (1, 1, 0, 0)]
    assert align([], [], KeySim([], []), CostModel()) == []
