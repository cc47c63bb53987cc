"""BERTScore (Zhang et al. 2020) through the ``bert-score`` package: greedy matching of contextual embeddings.

The segment score is BERTScore F1 between hypothesis and reference, computed by the package's own
``BERTScorer`` on the model in a local folder (a hub id is resolved to its cached folder first, so
the package never reaches for the network). The layer, idf weighting and baseline rescaling change
the numbers and are in the signature; the package's hash string (``model_L9_no-idf_version=...``)
is in it too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from harness.metrics.model_metric import ModelMetric, ModelScorer, Sample


class BertScoreScorer(ModelScorer):
    def __init__(self, scorer: Any) -> None:
        self.scorer = scorer

    def lengths(self, samples: list[Sample]) -> list[int]:
        from bert_score.utils import sent_encode

        tokenizer = self.scorer._tokenizer
        return [len(sent_encode(tokenizer, s["mt"])) + len(sent_encode(tokenizer, s["ref"])) for s in samples]

    def predict(self, samples: list[Sample]) -> list[float]:
        _, _, f1 = self.scorer.score([s["mt"] for s in samples], [s["ref"] for s in samples],
                                     batch_size=len(samples))
        return f1.float().cpu().tolist()


class BERTScore(ModelMetric):
    """BERTScore F1; ``num_layers`` as bert-score's table gives for the model (9 for multilingual BERT)."""

    label = "BERTScore"
    family = "bertscore"
    package = "bert-score"
    variant_options = ("model", "num_layers")

    def __init__(self, model: str = "bert-base-multilingual-cased", num_layers: int = 9, name: str = "BERTScore",
                 config_key: str = "bertscore", batch_size: int = 64, max_tokens: int | None = None, gpus: int = 1,
                 cache: bool = True, cache_dir: str | None = None, download: bool = True) -> None:
        super().__init__(model, name, config_key, batch_size, max_tokens, gpus, cache, cache_dir, download)
        self.num_layers = int(num_layers)

    def settings(self) -> list[Any]:
        return [f"L{self.num_layers}", "no-idf", "F1", "no-rescale"]

    def load(self, folder: Path, device: Any) -> ModelScorer:
        from bert_score import BERTScorer

        scorer = BERTScorer(model_type=str(folder), num_layers=self.num_layers, idf=False,
                            rescale_with_baseline=False, device=str(device))
        return BertScoreScorer(scorer)
