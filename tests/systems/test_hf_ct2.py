"""hf and ct2 on a tiny random-weight MarianMT the tests build themselves (no download)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.errors import HarnessError
from systems.ct2 import CTranslate2
from harness.batching import Budget, LengthBatches
from systems.hf import HuggingFace
from systems.hf_common import detect_scheme, language_setup
from systems.marian_synthetic import build_random_marian

pytest.importorskip("transformers")
pytest.importorskip("ctranslate2")

SEGMENTS = [
    "Der Hund schläft im Garten.", "Heute", "Die Katze trinkt Milch.", "Wir fahren morgen nach Hamburg.",
    "Das Wetter ist schön und warm.", "Hund Katze", "Ich lese ein Buch über Kolumbien.", "Heute regnet es in Berlin.",
]
GREEDY = {"num_beams": 1, "max_length": 12}


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory) -> Path:
    import torch

    torch.set_num_threads(1)  # a tiny model gains nothing from threads; a busy CI machine loses a lot
    out = tmp_path_factory.mktemp("tiny-marian")
    return build_random_marian(out, d_model=64, ffn=128, heads=2, layers=2, init_std=1.0)


@pytest.fixture(scope="session")
def tiny_ct2(tiny_marian, tmp_path_factory) -> Path:
    import ctranslate2

    out = tmp_path_factory.mktemp("tiny-ct2") / "model"
    ctranslate2.converters.TransformersConverter(str(tiny_marian)).convert(str(out))
    return out


def test_hf_runs_the_real_model_and_batching_keeps_order(tiny_marian):
    one_batch = HuggingFace(str(tiny_marian), batch_size=64, device="cpu", **GREEDY).translate(SEGMENTS, "de", "en")
    small = HuggingFace(str(tiny_marian), batch_size=3, device="cpu", **GREEDY)
    assert small.translate(SEGMENTS, "de", "en") == one_batch
    singles = [small.translate([s], "de", "en")[0] for s in SEGMENTS]
    assert singles == one_batch
    assert len(set(one_batch)) >= 5, "the random model should tell inputs apart"
    assert small.translate(SEGMENTS[::-1], "de", "en") == one_batch[::-1]


def test_ct2_and_hf_agree_under_greedy_decoding(tiny_marian, tiny_ct2):
    hf = HuggingFace(str(tiny_marian), batch_size=4, device="cpu", **GREEDY).translate(SEGMENTS, "de", "en")
    ct2 = CTranslate2(str(tiny_ct2), tokenizer=str(tiny_marian), beam_size=1, max_length=12, batch_size=3,
                      device="cpu", compute_type="float32", threads=1)
    assert ct2.translate(SEGMENTS, "de", "en") == hf
    assert ct2.translate(SEGMENTS[::-1], "de", "en") == hf[::-1]


def test_ct2_int8_is_the_cpu_default_and_in_the_fingerprint(tiny_marian, tiny_ct2):
    auto = CTranslate2(str(tiny_ct2), tokenizer=str(tiny_marian), device="cpu", threads=1)
    assert auto.resolved_compute_type("cpu") == "int8" and auto.resolved_compute_type("cuda") == "float16"
    assert auto.fingerprint_config()["compute_type"] == "int8"
    assert CTranslate2(str(tiny_ct2), device="cpu", compute_type="float32", threads=1).fingerprint != auto.fingerprint
    assert len(auto.translate(SEGMENTS[:2], "de", "en")) == 2


def test_fingerprint_follows_decoding_settings_and_model_files(tiny_marian, tmp_path):
    base = HuggingFace(str(tiny_marian), device="cpu", **GREEDY)
    assert HuggingFace(str(tiny_marian), device="cpu", **GREEDY).fingerprint == base.fingerprint
    assert HuggingFace(str(tiny_marian), device="cpu", num_beams=2, max_length=12).fingerprint != base.fingerprint
    assert HuggingFace(str(tiny_marian), device="cpu", batch_size=2, **GREEDY).fingerprint == base.fingerprint
    copy = tmp_path / "copy"
    copy.mkdir()
    for file in tiny_marian.iterdir():
        (copy / file.name).write_bytes(file.read_bytes())
    before = HuggingFace(str(copy), device="cpu", **GREEDY).fingerprint
    (copy / "model.safetensors").write_bytes((copy / "model.safetensors").read_bytes() + b"\0")
    assert HuggingFace(str(copy), device="cpu", **GREEDY).fingerprint != before


def test_ct2_without_a_converted_model_says_how_to_convert(tmp_path):
    with pytest.raises(HarnessError, match=r"is not a CTranslate2 model \(no model.bin\); convert it first: ct2-transformers-converter"):
        CTranslate2(str(tmp_path)).setup(None)


def test_hf_batches_are_length_sorted_and_cover_every_index_once():
    batches = [b.tolist() for b in LengthBatches([3, 10, 1, 7, 7, 2], Budget(4, setting="batch_size"))]
    assert batches == [[1, 3, 4, 0], [5, 2]]


def _generate_out_of_memory_above(system: HuggingFace, limit: int, failures: list[int]) -> None:
    """The loaded model behaves like one on a GPU that holds at most ``limit`` input positions per pass."""
    import torch

    system._load_config()
    system._load()
    generate = system._model.generate

    def small_generate(input_ids, **kwargs):
        if input_ids.numel() > limit:
            failures.append(input_ids.numel())
            raise torch.OutOfMemoryError("CUDA out of memory (test)")
        return generate(input_ids=input_ids, **kwargs)

    system._model.generate = small_generate


def test_hf_out_of_memory_halves_the_batch_for_the_rest_of_the_run(tiny_marian, capsys):
    expected = HuggingFace(str(tiny_marian), batch_size=8, device="cpu", **GREEDY).translate(SEGMENTS, "de", "en")
    system = HuggingFace(str(tiny_marian), batch_size=8, device="cpu", **GREEDY)
    failures: list[int] = []
    _generate_out_of_memory_above(system, 30, failures)
    assert system.translate(SEGMENTS, "de", "en") == expected
    first = len(failures)
    assert first >= 1 and all(b <= a // 2 for a, b in zip(failures, failures[1:]))
    assert system.translate(SEGMENTS[::-1], "de", "en") == expected[::-1]  # the next chunk
    assert len(failures) == first  # starts at the halved budget: no new failure
    assert "note: system hf-" in capsys.readouterr().err


def test_hf_one_segment_that_does_not_fit_is_one_clear_error(tiny_marian):
    system = HuggingFace(str(tiny_marian), batch_size=8, device="cpu", **GREEDY)
    _generate_out_of_memory_above(system, 0, [])
    with pytest.raises(HarnessError, match=r"does not fit in cpu memory; translate on the CPU \(system.device=cpu\), "
                                           r"at a lower precision \(system.dtype=float16\)"):
        system.translate(SEGMENTS, "de", "en")


def fake_tokenizer(class_name: str, vocab: dict[str, int] | None = None) -> object:
    """Scheme detection looks only at the tokenizer's class name and vocabulary."""
    return type(class_name, (), {"get_vocab": lambda self: dict(vocab or {})})()


@pytest.mark.parametrize(
    ("tokenizer", "model_type", "scheme"),
    [
        (fake_tokenizer("NllbTokenizerFast"), "m2m_100", "nllb"),
        (fake_tokenizer("M2M100Tokenizer"), "m2m_100", "m2m100"),
        (fake_tokenizer("T5TokenizerFast", {"<2en>": 5}), "t5", "madlad"),
        (fake_tokenizer("MarianTokenizer"), "marian", "marian"),
        (fake_tokenizer("T5TokenizerFast"), "t5", "none"),
    ],
)
def test_language_scheme_is_detected_from_tokenizer_and_model(tokenizer, model_type, scheme):
    assert detect_scheme(tokenizer, model_type) == scheme


def test_language_codes_per_scheme():
    nllb = language_setup("nllb", "de", "en")
    assert (nllb.tokenizer_src_lang, nllb.target_token, nllb.prefix) == ("deu_Latn", "eng_Latn", "")
    m2m = language_setup("m2m100", "de-AT", "en")
    assert (m2m.tokenizer_src_lang, m2m.target_token) == ("de", "__en__")
    madlad = language_setup("madlad", "de", "en")
    assert madlad.apply(object(), ["Hallo"]) == ["<2en> Hallo"]
    assert language_setup("nllb", "de", "en", tgt_code="eng_Latn", src_code="gsw_Latn").tokenizer_src_lang == "gsw_Latn"
    assert language_setup("marian", "de", "en").apply(object(), ["Hallo"]) == ["Hallo"]


def test_a_hub_model_that_is_not_cached_offline_is_one_clear_line(tmp_path):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf"), "MT_HARNESS_CACHE": str(tmp_path / "c")}
    done = subprocess.run(
        [sys.executable, "-m", "harness", "system=opus_mt", "system.model=Helsinki-NLP/opus-mt-xx-yy",
         "metrics=[chrf]", f"results_dir={tmp_path / 'results'}"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert lines == [
        "error: system 'opus-mt': model 'Helsinki-NLP/opus-mt-xx-yy' is not available: it is not in the local "
        "Hugging Face cache and the hub cannot be reached; download it where there is internet "
        "(huggingface-cli download Helsinki-NLP/opus-mt-xx-yy) into $HF_HOME, or set system.model=/path/to/model"
    ], done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_ct2_reads_the_tokenizer_copied_next_to_the_model(tiny_marian, tmp_path):
    import ctranslate2

    files = ["source.spm", "target.spm", "vocab.json", "tokenizer_config.json", "special_tokens_map.json"]
    out = tmp_path / "with-tokenizer"
    ctranslate2.converters.TransformersConverter(str(tiny_marian), copy_files=files).convert(str(out))
    hf = HuggingFace(str(tiny_marian), device="cpu", **GREEDY).translate(SEGMENTS[:3], "de", "en")
    ct2 = CTranslate2(str(out), beam_size=1, max_length=12, device="cpu", compute_type="float32", threads=1)
    assert ct2.translate(SEGMENTS[:3], "de", "en") == hf


class _SmallGpuTranslator:
    """A CTranslate2 translator that, like one on a small GPU, fails on batches above ``limit``."""

    def __init__(self, real, limit: int) -> None:
        self.real, self.limit, self.asked = real, limit, []

    def translate_batch(self, source, max_batch_size, **kwargs):
        self.asked.append(max_batch_size)
        if max_batch_size > self.limit:
            raise RuntimeError("CUDA failed with error out of memory")
        return self.real.translate_batch(source, max_batch_size=max_batch_size, **kwargs)


def test_ct2_out_of_memory_halves_the_batch_size_and_keeps_it(tiny_marian, tiny_ct2, capsys):
    settings = {"tokenizer": str(tiny_marian), "beam_size": 1, "max_length": 12, "device": "cpu",
                "compute_type": "float32", "threads": 1}
    expected = CTranslate2(str(tiny_ct2), batch_size=8, **settings).translate(SEGMENTS, "de", "en")
    system = CTranslate2(str(tiny_ct2), batch_size=8, **settings)
    system._load()
    system._translator = small = _SmallGpuTranslator(system._translator, limit=2)
    assert system.translate(SEGMENTS, "de", "en") == expected
    assert system.translate(SEGMENTS[:3], "de", "en") == expected[:3]
    assert small.asked == [8, 4, 2, 2]  # halved twice, then kept for the next chunk
    assert "out of memory at 4 segments per pass; going on with at most 2 (batch_size=2" in capsys.readouterr().err
    small.limit = 0
    with pytest.raises(HarnessError, match=r"one segment per pass does not fit in cpu memory; .*compute_type=int8"):
        system.translate(SEGMENTS, "de", "en")
