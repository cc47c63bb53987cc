"""BLEURT-20 through ``bleurt-pytorch`` (Luca Di Liello's maintained PyTorch port of Google's checkpoints).

BLEURT reads the pair (reference, candidate) as one BERT/RemBERT input and its regression head
gives the score (BLEURT-20: roughly 0-1, higher is better). Scoring is the port's own: its
tokenizer on ``(references, candidates)`` and ``BleurtForSequenceClassification(...).logits``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from harness.metrics.model_metric import ModelMetric, ModelScorer, Sample


class BleurtScorer(ModelScorer):
    def __init__(self, model: Any, tokenizer: Any, max_length: int, device: Any) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.device = device

    def _encode(self, samples: list[Sample], **kwargs: Any) -> Any:
        return self.tokenizer([s["ref"] for s in samples], [s["mt"] for s in samples], truncation=True,
                              max_length=self.max_length, **kwargs)

    def lengths(self, samples: list[Sample]) -> list[int]:
        return [len(ids) for ids in self._encode(samples)["input_ids"]] if samples else []

    def predict(self, samples: list[Sample]) -> list[float]:
        inputs = self._encode(samples, padding="longest", return_tensors="pt")
        logits = self.model(**{k: v.to(self.device) for k, v in inputs.items()}).logits
        return logits[:, 0].float().cpu().tolist()


class BLEURT(ModelMetric):
    """BLEURT-20 (or any bleurt-pytorch checkpoint) by hub id or local folder."""

    label = "BLEURT"
    family = "bleurt"
    package = "bleurt-pytorch"
    #: ``max_length`` truncates the (reference, candidate) pair: longer or shorter, other scores.
    variant_options = ("model", "max_length")

    def __init__(self, model: str = "lucadiliello/BLEURT-20", name: str = "BLEURT-20", config_key: str = "bleurt",
                 max_length: int = 512, batch_size: int = 16, max_tokens: int | None = None, gpus: int = 1,
                 cache: bool = True, cache_dir: str | None = None, download: bool = True) -> None:
        super().__init__(model, name, config_key, batch_size, max_tokens, gpus, cache, cache_dir, download)
        self.max_length = int(max_length)

    def settings(self) -> list[Any]:
        return [f"maxlen:{self.max_length}"]

    def load(self, folder: Path, device: Any) -> ModelScorer:
        from bleurt_pytorch import BleurtForSequenceClassification, BleurtTokenizer

        tokenizer = BleurtTokenizer.from_pretrained(str(folder))
        model = BleurtForSequenceClassification.from_pretrained(str(folder))
        return BleurtScorer(model.to(device).eval(), tokenizer, self.max_length, device)
