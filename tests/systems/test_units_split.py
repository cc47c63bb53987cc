"""A unit longer than a model takes is split at sentence boundaries, each piece translated (tiny local
MarianMT, no download), and the run says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.references import load_reference
from harness.structure import join, make_units
from harness.unit_translate import plan_pieces, translate_units
from systems.ct2 import CTranslate2
from systems.hf import HuggingFace
from systems.marian_synthetic import build_random_marian

pytest.importorskip("transformers")

SAMPLE = Path(__file__).resolve().parents[2] / "references" / "sample_deen"
LIMIT = 120  # source tokens: the tiny vocabulary spells words in pieces, so 2-4 sentences fit


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    import torch

    torch.set_num_threads(1)
    return build_random_marian(tmp_path_factory.mktemp("tiny-marian-units"), d_model=32, ffn=64, init_std=1.0)


@pytest.fixture(scope="module")
def tiny_ct2(tiny, tmp_path_factory) -> Path:
    ctranslate2 = pytest.importorskip("ctranslate2")
    out = tmp_path_factory.mktemp("tiny-ct2-units") / "model"
    ctranslate2.converters.TransformersConverter(str(tiny)).convert(str(out))
    return out


@pytest.mark.parametrize("backend", ["hf", "ct2"])
def test_a_document_longer_than_the_limit_is_split_at_sentences_and_translated(backend, tiny, request, tmp_path, capsys):
    reference = load_reference({"name": "sample_deen", "src_lang": "de", "tgt_lang": "en",
                                "src": SAMPLE / "aligned.de", "ref": SAMPLE / "aligned.en"})
    units = make_units(reference, "document")
    if backend == "hf":
        system = HuggingFace(model=str(tiny), num_beams=1, max_length=8, max_source_tokens=LIMIT, cache=False)
    else:
        system = CTranslate2(model=str(request.getfixturevalue("tiny_ct2")), tokenizer=str(tiny), beam_size=1,
                             max_length=8, max_source_tokens=LIMIT, cache=False)
    system._load()
    lengths = [len(ids) for ids in system._tokenizer(reference.src)["input_ids"]]
    assert max(lengths) + 2 <= LIMIT < sum(lengths)  # every sentence fits alone, the document does not

    pieces = plan_pieces(system, units, "de", "en")
    assert len(pieces) > 1 and pieces[0].start == 0 and pieces[-1].end == 12
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:]))  # consecutive, nothing lost
    for piece in pieces:
        text = join(reference.src[piece.start : piece.end])
        assert system.fits([text], "de", "en") == [True]
        if piece.end < 12:  # greedy: one more sentence would not fit
            assert system.fits([join(reference.src[piece.start : piece.end + 1])], "de", "en") == [False]

    hyps, notes = translate_units(system, units, cache_dir=tmp_path / "cache")
    piece_texts = [join(reference.src[p.start : p.end]) for p in pieces]
    assert hyps == [join([t for t in system.translate(piece_texts, "de", "en") if t])]
    assert hyps[0].strip()
    assert notes == [f"1 document unit(s) longer than system {system.name!r} takes were split at sentence "
                     f"boundaries (1 units sent as {len(pieces)} pieces): units 1"]
    assert "were split at sentence boundaries" in capsys.readouterr().err
