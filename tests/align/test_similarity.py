from __future__ import annotations

import builtins
from typing import Any

import numpy as np
import pytest

from harness.align.dictionary import Dictionary, parse_ding
from harness.align.similarity import EmbeddingScorer, LexicalScorer, MTScorer, Mixture, word_key, with_mt
from harness.errors import HarnessError

DICT = Dictionary(parse_ding(["Soldat {m} | Soldaten {pl} :: soldier | soldiers", "Wald {m} :: forest; woods"]))
SRC = ["23.000 Soldaten schützen 200.000 Hektar Wald.", "Petro traf Stoltenberg."]
TGT = ["Petro met Stoltenberg.", "23,000 soldiers protect 200,000 hectares of forest."]


def test_keys_numbers_by_value_words_by_prefix() -> None:
    assert word_key("23.000") == word_key("23,000") == "#23000"
    assert word_key("Bogotá") == "bogot"


def test_lexical_similarity_uses_numbers_names_and_dictionary() -> None:
    ps = LexicalScorer("de", "en", DICT).fit(SRC, TGT)
    # 23000, 200000, Soldaten=soldiers, Hektar~hectares (cognate), Wald=forest; not schützen/protect
    assert ps.sim(0, 1, 1, 1) == pytest.approx(2 * 5 / (6 + 6))
    assert ps.sim(1, 1, 0, 1) == pytest.approx(2 * 2 / (3 + 3))  # the names, not traf/met
    assert ps.sim(0, 1, 0, 1) == 0.0
    assert ps.candidates(0, 3) == [1]


def test_without_dictionary_only_numbers_and_cognates_match() -> None:
    ps = LexicalScorer("de", "en", None).fit(SRC, TGT)
    assert ps.sim(0, 1, 1, 1) == pytest.approx(2 * 3 / (6 + 6))  # 23000, 200000, Hektar~hectares


class Dictator:
    """A stand-in MT system: word-by-word from a table, like any harness system's translate()."""

    table = {"Soldaten": "soldiers", "schützen": "protect", "Hektar": "hectares", "Wald": "forest", "traf": "met"}

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def translate(self, segments: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        assert (src_lang, tgt_lang) == ("de", "en")
        self.calls.append(segments)
        return [" ".join(self.table.get(w.strip("."), w) for w in s.split()) for s in segments]


def test_mt_scorer_translates_once_then_compares_in_the_target_language() -> None:
    system = Dictator()
    ps = MTScorer(system, "de", "en").fit(SRC + SRC[:1], TGT)
    assert len(system.calls) == 1 and len(system.calls[0]) == 2
    assert ps.sim(0, 1, 1, 1) == 1.0  # the translation has all six content words of the target
    assert ps.sim(1, 1, 0, 1) == 1.0


def test_mt_mixture_from_config_entry_point() -> None:
    ps = with_mt(Dictator(), "de", "en", None, weight=0.5).fit(SRC, TGT)
    assert ps.sim(1, 1, 0, 1) == pytest.approx(0.5 * 2 / 3 + 0.5 * 1.0)
    assert ps.sim(0, 1, 0, 1) == 0.0


class BagEncoder:
    """A stub sentence encoder: one dimension per known word, like a tiny multilingual model."""

    vocab = {"soldaten": 0, "soldiers": 0, "wald": 1, "forest": 1, "petro": 2, "stoltenberg": 3}

    def encode(self, sentences: list[str]) -> Any:
        out = np.zeros((len(sentences), 4))
        for k, s in enumerate(sentences):
            for w in s.lower().replace(".", "").split():
                if w in self.vocab:
                    out[k, self.vocab[w]] += 1
        return out


def test_embedding_scorer_with_a_local_encoder() -> None:
    ps = EmbeddingScorer(BagEncoder()).fit(SRC, TGT)
    assert ps.sim(0, 1, 1, 1) == pytest.approx(1.0)
    assert ps.sim(0, 1, 0, 1) == 0.0
    assert ps.sim(0, 2, 0, 2) == pytest.approx(1.0)  # two-sentence spans are embedded as one text
    assert ps.candidates(1, 1) == [0]


def test_mixture_averages_scorers() -> None:
    ps = Mixture([LexicalScorer("de", "en", DICT), EmbeddingScorer(BagEncoder())], [0.25, 0.75]).fit(SRC, TGT)
    assert ps.sim(0, 1, 1, 1) == pytest.approx(0.25 * 10 / 12 + 0.75 * 1.0)
    assert sorted(ps.candidates(0, 1)) == [1]


def test_missing_sentence_transformers_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_st(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("sentence_transformers"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_st)
    with pytest.raises(HarnessError, match="pip install sentence-transformers"):
        EmbeddingScorer("sentence-transformers/LaBSE").fit(SRC, TGT)


def test_dictionary_learnt_from_aligned_pairs() -> None:
    from harness.align.bootstrap import learn_dictionary

    pairs = [
        ("Die Allianz wächst.", "The alliance grows."),
        ("Die Allianz ist alt.", "The alliance is old."),
        ("Kolumbien wächst.", "Colombia grows."),
        ("Der Wald ist alt.", "The forest is old."),
    ]
    learned = learn_dictionary(pairs, "de", "en")
    assert learned.translate("Allianz") == ("alliance",)
    assert learned.translate("wächst") == ("grows",)
    assert learned.translate("Kolumbien") == ()  # seen once: no evidence


def test_embedding_mixture_from_config_entry_point() -> None:
    from harness.align.similarity import with_embeddings

    ps = with_embeddings(BagEncoder(), "de", "en", DICT, weight=0.5).fit(SRC, TGT)
    assert ps.sim(0, 1, 1, 1) == pytest.approx(0.5 * 10 / 12 + 0.5 * 1.0)


def test_candidates_rank_by_idf_weight_then_first_and_skip_common_keys() -> None:
    """Rarer shared keys weigh more; equal weight goes to the earlier target; a key in more
    than MAX_POSTINGS targets proposes nothing (it would make every sentence a candidate)."""
    from harness.align.similarity import MAX_POSTINGS, KeySim

    def k(*keys: str) -> tuple[frozenset[str], int]:
        return frozenset(keys), len(keys)

    filler = [k("common") for _ in range(MAX_POSTINGS + 1)]
    tgt = [k("alpha", "beta"), k("alpha"), k("beta", "gamma"), k("gamma"), k("alpha"), *filler]
    ps = KeySim([k("alpha", "gamma", "common"), k("common")], tgt)
    # alpha in 3 targets, gamma in 2 (rarer, weighs more): 2 has gamma (+ beta, not asked), 3 gamma,
    # 0 alpha, 1 alpha, 4 alpha; 'common' (in MAX_POSTINGS + 1 targets) adds no filler target
    assert ps.candidates(0, 10) == [2, 3, 0, 1, 4]
    assert ps.candidates(0, 2) == [2, 3]
    assert ps.candidates(1, 5) == []
    assert ps.sim(0, 1, 2, 2) == 2 * 1 / (3 + 3)  # the span of targets 2-3: beta, gamma, gamma


def test_a_row_counted_off_the_key_index_equals_the_pairwise_scores() -> None:
    """KeySim.row (crossed partners ask it for every left-over unit, instead of scoring each unit
    of the document in turn) gives exactly sim's value for every unit sharing a key, both ways,
    and leaves out only units that score 0."""
    scorer = LexicalScorer("de", "en", Dictionary({"paket": ("package",), "datei": ("file",), "zeilen": ("lines",)}))
    src = ["Das Paket dpkg wird 2024 installiert.", "Die Datei enthält Zeilen.", "Ein Haus."]
    tgt = ["The package dpkg is installed in 2024.", "The file contains lines of the package.", "Nothing here at all."]
    ps = scorer.fit(src, tgt)
    for i in range(3):
        assert ps.row(i) == {j: ps.sim(i, 1, j, 1) for j in range(3) if ps.sim(i, 1, j, 1) > 0}
        assert ps.row(i, transpose=True) == {j: ps.sim(j, 1, i, 1) for j in range(3) if ps.sim(j, 1, i, 1) > 0}
    assert ps.row(0) == {0: 1.0, 1: ps.sim(0, 1, 1, 1)} and 0 < ps.row(0)[1] < 1
    assert ps.row(2) == {}
    # a floor leaves out exactly the units scoring under it, the floor itself kept
    assert ps.row(0, floor=ps.sim(0, 1, 1, 1)) == ps.row(0)
    assert ps.row(0, floor=ps.sim(0, 1, 1, 1) + 1e-9) == {0: 1.0}
    assert ps.row(1, transpose=True, floor=1.01) == {}
