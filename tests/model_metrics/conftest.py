"""Tiny random MetricX (mT5), BLEURT and BERTScore models built once per session; nothing is downloaded."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from harness.metrics.comet_synthetic import train_tokenizer


def _comet_triples() -> tuple[list[str], list[str], list[str]]:
    """The COMET tests' triples (varied lengths, a duplicate, an empty hypothesis), read from their conftest."""
    path = Path(__file__).parents[1] / "comet" / "conftest.py"
    spec = importlib.util.spec_from_file_location("comet_tests_conftest", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module.SOURCES, module.HYPOTHESES, module.REFERENCES


SOURCES, HYPOTHESES, REFERENCES = _comet_triples()
CORPUS = SOURCES + HYPOTHESES + REFERENCES


def build_metricx(directory: Path) -> Path:
    """An mT5 regression checkpoint of MetricX-24's layout (full mT5 vocabulary size, tiny layers) + a tokenizer."""
    import torch
    import transformers
    from tokenizers import SentencePieceUnigramTokenizer
    from tokenizers.processors import TemplateProcessing

    raw = SentencePieceUnigramTokenizer()
    raw.train_from_iterator(CORPUS, vocab_size=300, special_tokens=["<pad>", "</s>", "<unk>"], unk_token="<unk>",
                            show_progress=False)
    raw.post_processor = TemplateProcessing(single="$A </s>", special_tokens=[("</s>", 1)])
    tokenizer = transformers.T5TokenizerFast(tokenizer_object=raw, eos_token="</s>", unk_token="<unk>",
                                             pad_token="<pad>", extra_ids=0)
    torch.manual_seed(3)
    config = transformers.MT5Config(vocab_size=250112, d_model=16, d_kv=8, d_ff=32, num_layers=2,
                                    num_decoder_layers=1, num_heads=2, decoder_start_token_id=0,
                                    pad_token_id=0, eos_token_id=1, tie_word_embeddings=False,
                                    architectures=["MT5ForRegression"])
    model = transformers.MT5ForConditionalGeneration(config)
    _spread_scores(model.eval(), tokenizer)
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def _spread_scores(model, tokenizer) -> None:
    """Set the score token's output row so the test inputs score across 2-23 (random weights give
    logits far outside 0-25, which the clipping would flatten into one value)."""
    import torch

    from harness.metrics.metricx import SCORE_TOKEN, metricx_input

    samples = [{"src": s, "mt": h, "ref": r} for s, h, r in zip(SOURCES, HYPOTHESES, REFERENCES)]
    samples += [{"src": s, "mt": h} for s, h in zip(SOURCES, HYPOTHESES)]
    hidden = []
    with torch.no_grad():
        for sample in samples:
            ids = torch.tensor([tokenizer(metricx_input(sample))["input_ids"][:-1]])
            out = model(input_ids=ids, decoder_input_ids=torch.zeros((1, 1), dtype=torch.long),
                        output_hidden_states=True)
            hidden.append(out.decoder_hidden_states[-1][0, 0])
        targets = torch.linspace(2.0, 23.0, len(samples))[torch.randperm(len(samples))]
        h = torch.stack(hidden)  # ridge regression: small weights, so float noise stays small in the score
        row = torch.linalg.solve(h.T @ h + torch.eye(h.shape[1]), h.T @ targets)
        model.lm_head.weight[SCORE_TOKEN] = row


def build_bleurt(directory: Path) -> Path:
    """A RemBERT-style BLEURT (BLEURT-20's architecture) with a SentencePiece vocabulary, random weights."""
    import sentencepiece as spm
    import torch
    from bleurt_pytorch import BleurtConfig, BleurtForSequenceClassification
    from bleurt_pytorch.bleurt.tokenization_bleurt_sp import BleurtSPTokenizer

    directory.mkdir(parents=True, exist_ok=True)
    spm.SentencePieceTrainer.train(sentence_iterator=iter(CORPUS * 4), model_prefix=str(directory / "spm"),
                                   vocab_size=200, pad_id=0, unk_id=1, bos_id=-1, eos_id=-1, pad_piece="[PAD]",
                                   unk_piece="[UNK]", user_defined_symbols=["[CLS]", "[SEP]", "[MASK]"],
                                   hard_vocab_limit=False, minloglevel=2)
    tokenizer = BleurtSPTokenizer(str(directory / "spm.model"))
    torch.manual_seed(5)
    config = BleurtConfig(vocab_size=len(tokenizer), embedding_size=24, hidden_size=32, num_hidden_layers=2,
                          num_attention_heads=2, intermediate_size=64, max_position_embeddings=512, num_labels=1)
    model = BleurtForSequenceClassification(config)
    with torch.no_grad():  # a head that spreads scores (BERT's 0.02 initialisation gives nearly one value)
        model.classifier.weight.normal_(0, 3.0)
        model.bleurt.pooler.dense.weight.normal_(0, 0.5)
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def build_bertscore(directory: Path) -> Path:
    """A 3-layer random XLM-R encoder and its tokenizer (the COMET tests' builder)."""
    import torch

    from harness.metrics.comet_synthetic import EncoderShape, save_encoder

    torch.manual_seed(11)
    tokenizer = train_tokenizer(CORPUS, directory, 300)
    save_encoder(tokenizer, directory, EncoderShape(layers=3, vocab_size=300))
    return directory


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("model-metrics")
    return {"metricx": build_metricx(root / "metricx"), "bleurt": build_bleurt(root / "bleurt"),
            "bertscore": build_bertscore(root / "bertscore")}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The root conftest gives each test its own score cache and an empty Hugging Face home; no network either."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
