"""BLEU's tokenizer follows the target language, and whitespace is read as the sacrebleu CLI reads it."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from harness.errors import HarnessError
from harness.metrics.sacrebleu import BLEU, target_language
from harness.translate import clean_hypothesis

from .conftest import sacrebleu_cli, write

SRC_DE = ["Der Zug hatte zwei Stunden Verspätung.", "Kinder unter sechs fahren kostenlos.",
          "Die Regierung stellte am Dienstag einen neuen Haushalt vor.", "Bitte Telefone ausschalten.", "Ja."]
REF_ZH = ["火车晚点了两个小时。", "六岁以下的儿童免费乘车。", "政府周二提出了新的预算。"]
HYP_ZH = ["火车晚了两个小时。", "六岁以下儿童免费乘车。", "政府在周二提出了一项新预算。"]


def _files(tmp_path: Path, ref: list[str], hyp: list[str], tgt: str) -> list[str]:
    src, ref_path, hyp_path = tmp_path / "src.de", tmp_path / f"ref.{tgt}", tmp_path / "hyp.txt"
    write(src, SRC_DE[: len(ref)]), write(ref_path, ref), write(hyp_path, hyp)
    return ["reference=files", f"reference.src={src}", f"reference.ref={ref_path}", "reference.src_lang=de",
            f"reference.tgt_lang={tgt}", "system=file", f"system.path={hyp_path}"]


def test_chinese_target_gets_the_zh_tokenizer_as_cli_l(tmp_path: Path, harness_scores) -> None:
    ours = harness_scores(*_files(tmp_path, REF_ZH, HYP_ZH, "zh"), "metrics=[bleu]")["metrics"]["bleu"]
    cli = sacrebleu_cli([tmp_path / "ref.zh"], tmp_path / "hyp.txt", "-m", "bleu", "-l", "de-zh")["BLEU"]
    assert "tok:zh" in cli["signature"]
    assert ours["signature"] == cli["signature"]
    assert f"{ours['score']:.12f}" == f"{float(cli['score']):.12f}"
    # What 13a (the old default) gives on the same files is a different number: the test can fail.
    plain = sacrebleu_cli([tmp_path / "ref.zh"], tmp_path / "hyp.txt", "-m", "bleu")["BLEU"]
    assert abs(float(plain["score"]) - ours["score"]) > 5


def test_language_subtag_and_explicit_tokenizer() -> None:
    assert [target_language(c) for c in ("zh-Hant", "zh_CN", "JA", "en-GB", None)] == ["zh", "zh", "ja", "en", ""]
    assert "tok:zh" in BLEU(trg_lang="zh-Hant").signature()
    assert "tok:13a" in BLEU(trg_lang="en").signature()
    assert "tok:char" in BLEU(trg_lang="zh", tokenize="char").signature()


@pytest.mark.parametrize("lang, extra", [("ja", "ja"), ("ko", "ko")])
def test_mecab_tokenizer_without_its_extra_is_one_clear_line(lang: str, extra: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module(f"sacrebleu.tokenizers.tokenizer_{lang}_mecab")
    monkeypatch.setattr(module, "MeCab", None)  # what sacrebleu sets when sacrebleu[ja]/[ko] is not installed
    with pytest.raises(HarnessError) as caught:
        BLEU(trg_lang=lang)
    assert f"pip install 'mt-harness[{extra}]'" in str(caught.value)
    assert f"tokenizer {lang}-mecab" in str(caught.value)


#: Japanese and Korean targets: the MeCab tokenizers of sacrebleu[ja] and sacrebleu[ko] (extras ja, ko).
CJK = {
    "ja": (["列車は二時間遅れた。", "六歳未満の子供は無料で乗車できます。", "政府は火曜日に新しい予算を発表した。"],
           ["電車は2時間遅れました。", "6歳未満の子どもは無料です。", "政府は火曜日に新予算を発表した。"]),
    "ko": (["열차가 두 시간 늦었다.", "여섯 살 미만 어린이는 무료로 탑승한다.", "정부는 화요일에 새 예산을 발표했다."],
           ["기차가 두 시간 지연되었다.", "6세 미만 어린이는 무료다.", "정부는 화요일 새로운 예산을 발표했다."]),
}


@pytest.mark.parametrize("lang", sorted(CJK))
def test_japanese_and_korean_targets_get_mecab_as_cli_l(lang: str, tmp_path: Path, harness_scores) -> None:
    ref, hyp = CJK[lang]
    ours = harness_scores(*_files(tmp_path, ref, hyp, lang), "metrics=[bleu]")["metrics"]["bleu"]
    cli = sacrebleu_cli([tmp_path / f"ref.{lang}"], tmp_path / "hyp.txt", "-m", "bleu", "-l", f"de-{lang}")["BLEU"]
    assert f"tok:{lang}-mecab" in cli["signature"]
    assert ours["signature"] == cli["signature"]
    assert f"{ours['score']:.12f}" == f"{float(cli['score']):.12f}"


def test_clean_hypothesis_keeps_what_the_cli_keeps() -> None:
    assert clean_hypothesis("  lead\u2028inner\ttab\r\nend \t ") == "  lead\u2028inner\ttab  end"


def test_whitespace_sensitive_options_equal_the_cli(tmp_path: Path, harness_scores) -> None:
    """Leading spaces, tabs and U+2028 in hypotheses stay, trailing whitespace of both sides goes (CLI: rstrip);
    an empty or blank output line is an empty translation, a CRLF ending is stripped."""
    ref = ["The train was two hours late.  ", "Children under six ride free.\u2003",
           "The government presented a new budget on Tuesday. ", "Please switch off phones.", "Yes."]
    hyp = ["  The train was two hours late .", "Children\u2028under six travel free.  ",
           " The government\tpresented a budget on Tuesday.", "", "   "]
    overrides = _files(tmp_path, ref, hyp, "en")
    crlf = (tmp_path / "hyp.txt").read_bytes().replace(b"late .\n", b"late .\r\n", 1)
    assert crlf.count(b"\r\n") == 1
    (tmp_path / "hyp.txt").write_bytes(crlf)
    ours = harness_scores(*overrides, "metrics=[bleu,chrf]", "metrics.bleu.tokenize=intl",
                          "+metrics.chrf.whitespace=true")["metrics"]
    cli = sacrebleu_cli([tmp_path / "ref.en"], tmp_path / "hyp.txt", "-m", "bleu", "chrf", "-tok", "intl",
                        "--chrf-whitespace")
    # Options other than sacrebleu's defaults: columns of their own (issue 14 point 1).
    bleu, chrf = ours["bleu[tokenize=intl]"], ours["chrf[whitespace=true]"]
    assert bleu["signature"] == cli["BLEU"]["signature"]
    assert chrf["signature"] == cli["chrF2"]["signature"]
    assert f"{bleu['score']:.12f}" == f"{float(cli['BLEU']['score']):.12f}"
    assert f"{chrf['score']:.12f}" == f"{float(cli['chrF2']['score']):.12f}"


def test_stored_config_names_the_language_only_where_it_picks_the_tokenizer() -> None:
    """Runs on English keep the config they had before (tables compare runs of one config only)."""
    assert BLEU(trg_lang="en").config() == BLEU().config() == {
        "_target_": "harness.metrics.sacrebleu.BLEU"}
    assert BLEU(trg_lang="zh-Hant").config()["trg_lang"] == "zh"
    assert "trg_lang" not in BLEU(trg_lang="zh", tokenize="13a").config()
    rebuilt = BLEU(**{k: v for k, v in BLEU(trg_lang="zh").config().items() if k != "_target_"})
    assert "tok:zh" in rebuilt.signature()
