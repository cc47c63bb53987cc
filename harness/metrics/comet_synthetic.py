"""Random-weight COMET checkpoints built locally, for offline tests and throughput benchmarks.

No weights are downloaded: a tokenizer is trained with ``tokenizers`` on a few lines, an XLM-R
encoder of the requested shape gets random weights, and a COMET model class wraps it. The result
is laid out like a Hugging Face COMET repository (``hparams.yaml`` + ``checkpoints/model.ckpt``),
so ``comet.load_from_checkpoint`` and the harness load it exactly as they load a real model.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Lines the tiny tokenizer learns its vocabulary from when the caller gives none.
DEFAULT_CORPUS = (
    "Der Bericht wurde gestern in Bogotá veröffentlicht.",
    "The report was published in Bogotá yesterday.",
    "Kolumbien ist seit 2018 globaler Partner der NATO.",
    "Colombia has been a global partner of NATO since 2018.",
    "Die Regierung bestätigte die Zusammenarbeit mit dem Bündnis.",
    "The government confirmed its cooperation with the alliance.",
    "Über 200 Offiziere nahmen an Übungen teil, sagte der Minister.",
    "More than 200 officers took part in exercises, the minister said.",
)


@dataclass(frozen=True)
class EncoderShape:
    """Size of the random XLM-R encoder; the defaults make a model that loads in a second."""

    layers: int = 2
    hidden: int = 32
    heads: int = 2
    intermediate: int = 64
    vocab_size: int = 400
    max_positions: int = 512

    @classmethod
    def xlmr_large(cls) -> EncoderShape:
        """The shape of xlm-roberta-large, the encoder of Unbabel/wmt22-comet-da."""
        return cls(layers=24, hidden=1024, heads=16, intermediate=4096, vocab_size=8000)


@dataclass
class CheckpointSpec:
    """Which COMET class to build and the hyper-parameters that differ from its defaults."""

    class_identifier: str = "regression_metric"
    shape: EncoderShape = field(default_factory=EncoderShape)
    hparams: dict[str, Any] = field(default_factory=dict)
    seed: int = 7


def train_tokenizer(lines: Iterable[str], directory: Path, vocab_size: int) -> Any:
    """An XLM-R style (SentencePiece unigram) fast tokenizer, saved with save_pretrained."""
    from tokenizers import SentencePieceUnigramTokenizer
    from tokenizers.processors import TemplateProcessing
    from transformers import XLMRobertaTokenizerFast

    specials = ["<s>", "<pad>", "</s>", "<unk>"]  # XLM-R ids 0..3
    raw = SentencePieceUnigramTokenizer()
    raw.train_from_iterator(list(lines), vocab_size=vocab_size, special_tokens=specials, unk_token="<unk>",
                            show_progress=False)
    raw.add_special_tokens(["<mask>"])
    raw.post_processor = TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", 0), ("</s>", 2)],
    )
    tokenizer = XLMRobertaTokenizerFast(tokenizer_object=raw, bos_token="<s>", eos_token="</s>",
                                        sep_token="</s>", cls_token="<s>", unk_token="<unk>",
                                        pad_token="<pad>", mask_token="<mask>",
                                        model_max_length=512)
    tokenizer.save_pretrained(directory)
    return tokenizer


def save_encoder(tokenizer: Any, directory: Path, shape: EncoderShape, xl: bool = False) -> None:
    """Random weights in Hugging Face format, beside the tokenizer."""
    import transformers

    config_class = transformers.XLMRobertaXLConfig if xl else transformers.XLMRobertaConfig
    model_class = transformers.XLMRobertaXLModel if xl else transformers.XLMRobertaModel
    config = config_class(
        vocab_size=len(tokenizer),
        hidden_size=shape.hidden,
        num_hidden_layers=shape.layers,
        num_attention_heads=shape.heads,
        intermediate_size=shape.intermediate,
        max_position_embeddings=shape.max_positions + 2,  # XLM-R positions start after the pad id
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        type_vocab_size=1,
    )
    model_class(config, add_pooling_layer=False).save_pretrained(directory)


def build_checkpoint(directory: str | Path, spec: CheckpointSpec | None = None,
                     corpus: Iterable[str] = DEFAULT_CORPUS) -> Path:
    """Write ``directory/{hparams.yaml, checkpoints/model.ckpt, encoder/}``; returns the .ckpt path."""
    import pytorch_lightning as ptl
    import torch
    import yaml
    from comet.models import str2model

    spec = spec or CheckpointSpec()
    directory = Path(directory)
    encoder_dir = directory / "encoder"
    torch.manual_seed(spec.seed)
    xl = spec.class_identifier == "xcomet_metric"
    tokenizer = train_tokenizer(corpus, encoder_dir, spec.shape.vocab_size)
    save_encoder(tokenizer, encoder_dir, spec.shape, xl=xl)

    hparams: dict[str, Any] = {
        "encoder_model": "XLM-RoBERTa-XL" if xl else "XLM-RoBERTa",
        "pretrained_model": str(encoder_dir.resolve()),
        "hidden_sizes": [spec.shape.hidden * 2, spec.shape.hidden],
        "layer_transformation": "softmax",
        "dropout": 0.1,
        **spec.hparams,
    }
    if spec.class_identifier in ("unified_metric", "xcomet_metric"):
        hparams.setdefault("word_layer", spec.shape.layers)
    model = str2model[spec.class_identifier](**hparams)
    # Random layer-mixing weights, so every layer matters (COMET initialises them to zero).
    if model.layerwise_attention is not None:
        with torch.no_grad():
            for weight in model.layerwise_attention.scalar_parameters:
                weight.normal_()

    checkpoint = directory / "checkpoints" / "model.ckpt"
    checkpoint.parent.mkdir(parents=True, exist_ok=True)
    saved_hparams = dict(model.hparams)
    torch.save({
        "state_dict": model.state_dict(),
        "hyper_parameters": saved_hparams,
        "pytorch-lightning_version": ptl.__version__,
    }, checkpoint)
    (directory / "hparams.yaml").write_text(yaml.safe_dump(_plain(saved_hparams), sort_keys=True), encoding="utf-8")
    return checkpoint


def _plain(value: Any) -> Any:
    """hparams hold tuples and ListConfig-like objects; YAML wants plain lists and dicts."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
