"""MetricX-24 (Google; the top metric of the WMT24 metrics task): an mT5 regression model, run through transformers.

The published checkpoints (``google/metricx-24-hybrid-*-v2p6``) are mT5 encoder-decoders whose
score is one decoder step's logit of token 250089 (``<extra_id_10>``), clipped to 0-25: an error
score, lower is better. MetricX-24 is hybrid: it reads ``source: S candidate: H reference: R`` when
a reference exists and ``source: S candidate: H`` (quality estimation) otherwise, tokenised with the
mT5 tokenizer and the final ``</s>`` removed, as ``metricx24/predict.py`` does. The regression class of
the reference code has the same parameters as transformers' ``MT5ForConditionalGeneration``, whose
forward computes the same logits, so the checkpoint loads into that class unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from harness.metrics.base import MetricUnavailable
from harness.metrics.hf_resolve import resolve_folder
from harness.metrics.model_metric import ModelMetric, ModelScorer, Sample

#: ``<extra_id_10>`` in the mT5 vocabulary: the logit MetricX reads as its score.
SCORE_TOKEN = 250089
SCORE_RANGE = (0.0, 25.0)
#: A tokenizer folder holds one of these (the mT5 repos' own, or a save_pretrained copy).
TOKENIZER_FILES = ("tokenizer.json", "spiece.model", "tokenizer_config.json")


def metricx_input(sample: Sample) -> str:
    """The published input format (metricx24/predict.py ``_make_input``)."""
    text = f"source: {sample['src']} candidate: {sample['mt']}"
    return f"{text} reference: {sample['ref']}" if "ref" in sample else text


class MetricXScorer(ModelScorer):
    """An mT5 regression checkpoint and its tokenizer on one device."""

    def __init__(self, model: Any, tokenizer: Any, max_input_length: int, device: Any) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.max_input_length = max_input_length
        self.device = device
        self._ids: dict[str, list[int]] = {}

    def _encode(self, samples: list[Sample]) -> list[list[int]]:
        texts = [metricx_input(s) for s in samples]
        new = [t for t in dict.fromkeys(texts) if t not in self._ids]
        if new:
            encoded = self.tokenizer(new, max_length=self.max_input_length, truncation=True, padding=False)
            self._ids.update({t: ids[:-1] for t, ids in zip(new, encoded["input_ids"])})  # drop </s>, as MetricX
        return [self._ids[t] for t in texts]

    def lengths(self, samples: list[Sample]) -> list[int]:
        return [len(ids) for ids in self._encode(samples)]

    def predict(self, samples: list[Sample]) -> list[float]:
        import torch

        ids = self._encode(samples)
        width = max(1, max(map(len, ids)))
        input_ids = torch.full((len(ids), width), self.tokenizer.pad_token_id, dtype=torch.long)
        mask = torch.zeros((len(ids), width), dtype=torch.long)
        for row, tokens in enumerate(ids):
            input_ids[row, : len(tokens)] = torch.tensor(tokens, dtype=torch.long)
            mask[row, : len(tokens)] = 1
        decoder_input_ids = torch.zeros((len(ids), 1), dtype=torch.long)
        logits = self.model(input_ids=input_ids.to(self.device), attention_mask=mask.to(self.device),
                            decoder_input_ids=decoder_input_ids.to(self.device)).logits
        return logits[:, 0, SCORE_TOKEN].float().clamp(*SCORE_RANGE).cpu().tolist()


class MetricX(ModelMetric):
    """MetricX-24: reference-based when the reference set has references, QE otherwise (or with ``qe=true``)."""

    label = "MetricX"
    family = "metricx"
    higher_is_better = False
    #: Not ``tokenizer``: the mT5 sizes share one vocabulary, and a local copy of it is the same metric.
    variant_options = ("model", "qe", "max_input_length")

    def __init__(self, model: str = "google/metricx-24-hybrid-large-v2p6", tokenizer: str = "google/mt5-large",
                 name: str = "MetricX-24", config_key: str = "metricx", qe: bool = False,
                 max_input_length: int = 1536, batch_size: int = 8, max_tokens: int | None = None, gpus: int = 1,
                 cache: bool = True, cache_dir: str | None = None, download: bool = True) -> None:
        super().__init__(model, name, config_key, batch_size, max_tokens, gpus, cache, cache_dir, download)
        self.tokenizer = str(tokenizer)
        self.qe = bool(qe)
        self.max_input_length = int(max_input_length)

    @property
    def needs_reference(self) -> bool:  # type: ignore[override]
        return not self.qe

    def fields(self, has_reference: bool) -> tuple[str, ...]:
        return ("src", "mt", "ref") if has_reference and not self.qe else ("src", "mt")

    def settings(self) -> list[Any]:
        return [f"tok:{self.tokenizer}", f"maxlen:{self.max_input_length}", "range:0-25(lower=better)",
                "qe" if self.qe else "hybrid"]

    def available_locally(self) -> bool:
        if not super().available_locally():
            return False
        try:
            resolve_folder(self.label, self.tokenizer, self.config_key, allow_download=False, needs=TOKENIZER_FILES)
        except MetricUnavailable:
            return False
        return True

    def load(self, folder: Path, device: Any) -> ModelScorer:
        import transformers

        tokenizer_dir = resolve_folder(f"{self.label} tokenizer", self.tokenizer, self.config_key,
                                       allow_download=self.download, needs=TOKENIZER_FILES)
        tokenizer = transformers.AutoTokenizer.from_pretrained(str(tokenizer_dir))
        # The checkpoint's own dtype (bf16 variants stay bf16); transformers renamed the argument in 4.56.
        dtype_arg = "dtype" if int(transformers.__version__.split(".")[1]) >= 56 else "torch_dtype"
        model = transformers.MT5ForConditionalGeneration.from_pretrained(str(folder), **{dtype_arg: "auto"})
        if model.config.vocab_size <= SCORE_TOKEN:
            raise MetricUnavailable(f"{self.label} model {self.model!r} has a vocabulary of {model.config.vocab_size}; "
                                    f"MetricX reads token {SCORE_TOKEN} (an mT5 vocabulary)")
        return MetricXScorer(model.to(device).eval(), tokenizer, self.max_input_length, device)
