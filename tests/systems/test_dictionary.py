"""The dictionary baseline: word-by-word mechanics (pure) and, with trans-de-en installed, real output
and chrF above identity on the sample set."""

from __future__ import annotations

from pathlib import Path

import pytest
from sacrebleu.metrics import CHRF

from harness.errors import HarnessError
from harness.paths import PROJECT_ROOT
from harness.references import read_segments
from systems.dictionary import FUNCTION_WORDS, DictionaryTranslator, translate_words

DING = Path("/usr/share/trans/de-en")
needs_ding = pytest.mark.skipif(not DING.is_file(), reason="Debian package trans-de-en is not installed")
WORDS = {"hund": "dog", "schlafen": "sleep", "garten": "garden", "partner": "partner", "milch": "milk"}


def lookup(word: str) -> str | None:
    return WORDS.get(word.lower())


def test_words_are_replaced_punctuation_numbers_and_names_kept():
    function_words = FUNCTION_WORDS[("de", "en")]
    assert translate_words("Der Hund im Garten, sagt Petro.", lookup, function_words) == "The dog in the garden, sagt Petro."
    # acronyms kept, hyphenated parts translated one by one, a word spelled alike keeps its case
    assert translate_words("Die NATO-Partner (2,5 Liter Milch)", lookup, function_words) == "The NATO Partner (2,5 Liter milk)"
    assert translate_words("Garten und Hund", lookup, {}) == "Garden und dog"


@needs_ding
def test_real_dictionary_output():
    system = DictionaryTranslator()
    assert system.translate(["Der Hund ist im Garten.", "Die Regierung und der Zug nach Berlin"], "de", "en") == [
        "The dog is in the garden.",
        "The government and the train after Berlin",
    ]


@needs_ding
def test_beats_identity_on_chrf_on_the_sample_set():
    src = read_segments(PROJECT_ROOT / "references/sample_deen/aligned.de")
    ref = read_segments(PROJECT_ROOT / "references/sample_deen/aligned.en")
    hyps = DictionaryTranslator().translate(src, "de", "en")
    identity = CHRF().corpus_score(src, [ref]).score
    dictionary = CHRF().corpus_score(hyps, [ref]).score
    assert round(identity, 2) == 19.26
    assert dictionary > identity + 20, (dictionary, identity)


def test_a_missing_dictionary_is_one_clear_line(tmp_path):
    system = DictionaryTranslator(path=str(tmp_path / "nope"))
    with pytest.raises(HarnessError, match=r"^system 'dictionary': dictionary not found: .*nope$"):
        system.translate(["Hund"], "de", "en")
    with pytest.raises(HarnessError, match=r"no dictionary for fr-en \(known: de-en\); set system.path"):
        DictionaryTranslator().translate(["chien"], "fr", "en")
