from __future__ import annotations

from pathlib import Path

import pytest

from harness.align.dictionary import Dictionary, find_dictionary, load_ding, parse_ding

DING = [
    "# Version :: test",
    "Zusammenarbeit {f}; Kooperation {f} [geh.] | Zusammenarbeiten {pl} :: co-operation; cooperation (with sb.) | cooperations",
    "Partnerschaft {f} | Partnerschaften {pl} :: partnership | partnerships",
    "Sicherheit {f} :: security; safety",
    "erhöhen {vt} :: to increase sth.; to raise",
    "Kolumbien {n} /CO/ [geogr.] :: Colombia",
    "das A und O [ugs.] :: the nuts and bolts [coll.]",
]


def test_parse_keeps_single_word_headwords_and_content_words() -> None:
    table = parse_ding(DING)
    assert table["zusammenarbeit"] == ("co", "cooperation", "operation")
    assert table["partnerschaften"] == ("partnerships",)
    assert table["erhöhen"] == ("increase", "raise")
    assert table["kolumbien"] == ("colombia",)
    assert "das a und o" not in table and "a" not in table


def test_inflected_forms_and_compounds_are_looked_up() -> None:
    d = Dictionary(parse_ding(DING))
    assert d.translate("Sicherheitspartnerschaft") == ("partnership", "safety", "security")
    assert d.translate("erhöht") == ("increase", "raise")
    assert d.translate("Kooperationen") == ("co", "cooperation", "operation")
    assert d.translate("Xylophon") == ()
    assert "Kolumbien" in d and "colombia" in d.target_words()


def test_a_listed_verb_form_also_gets_its_infinitives_senses() -> None:
    # Ding lists 'zeigt' with a few senses only; 'zeigen' has the common one ('Zeigt die Version' / 'Show the version')
    d = Dictionary(parse_ding([*DING, "zeigt :: displays; indicates", "zeigen {vt} :: to show", "Haus {n} :: house", "hauen {vt} :: to hit"]))
    assert d.senses("Zeigt") == ("displays", "indicates", "show")
    assert d.translate("zeigt") == ("displays", "indicates")  # a word-by-word translator keeps the listed form's
    assert d.senses("Haus") == ("house",)  # not a verb form: no 'hauen' senses
    assert d.senses("erhöht") == d.translate("erhöht") == ("increase", "raise")


def test_parsed_dictionary_is_cached(tmp_path: Path) -> None:
    source = tmp_path / "de-en"
    source.write_text("\n".join(DING) + "\n", encoding="utf-8")
    first = load_ding(source)
    source.write_text("", encoding="utf-8")  # same size/mtime would hit; a new size re-parses
    assert load_ding(source).table == {}
    assert first.translate("Kolumbien") == ("colombia",)


def test_missing_dictionary_warns_and_returns_none(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert find_dictionary("de", "en", str(tmp_path / "nope")) is None
    err = capsys.readouterr().err
    assert err.startswith("warning: no bilingual dictionary for de-en") and "lower quality" in err


def test_reverse_direction_reads_the_file_backwards() -> None:
    table = parse_ding(DING, "de", reverse=True)
    assert table["increase"] == ("erhöhen",)
    assert table["colombia"] == ("kolumbien",)
    assert table["cooperation"] == ("kooperation", "zusammenarbeit")
    assert Dictionary(table).translate("increased") == ("erhöhen",)
