"""COMET (and CometKiwi, XCOMET) as a harness metric: cached segment scores, offline-safe, GPU-aware.

Segment scores are cached in sqlite keyed by what determines them (checkpoint content, COMET
version, precision, the texts the model reads), so a re-run or a second system sharing outputs
costs nothing for what was already scored, and a fully cached run never loads the model.
Statistics rows are ``[score, 1]``: summed and aggregated they give the mean, COMET's system score.
"""

from __future__ import annotations

import hashlib
import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from harness.batching import OutOfDeviceMemory
from harness.cache import Cache, make_key
from harness.errors import HarnessError
from harness.metrics.base import MetricResult, MetricUnavailable
from harness.metrics.comet_embeddings import MEMORY, EmbeddingStore
from harness.metrics.comet_models import (
    LOADED,
    ResolvedModel,
    checkpoint_sha256,
    comet_version,
    encoder_is_local,
    resolve,
)
from harness.metrics.segment_metric import SegmentMeanMetric
from harness.metrics.variants import OptionVariant

#: Cache writes happen every this many newly scored segments: a crash loses at most these.
FLUSH_EVERY = 256
PRECISION_CHOICES = ("fp32", "tf32", "fp16", "bf16")


class COMET(OptionVariant, SegmentMeanMetric):
    """A COMET model named by hub id or local checkpoint path; reference-free models need no reference."""

    name = "COMET"
    higher_is_better = True
    family = "comet"
    #: Another checkpoint or another arithmetic precision is another column (``COMET (precision=fp16)``).
    variant_options = ("model", "precision")

    def __init__(self, model: str = "Unbabel/wmt22-comet-da", name: str = "COMET", config_key: str = "comet",
                 batch_size: int = 64, max_tokens: int | None = None, gpus: int = 1, precision: str = "fp32",
                 cache: bool = True, cache_dir: str | None = None, download: bool = True,
                 embedding_cache_mb: int = 1024) -> None:
        if precision not in PRECISION_CHOICES:
            raise HarnessError(f"metrics.{config_key}.precision must be one of {', '.join(PRECISION_CHOICES)}, "
                               f"got {precision!r}")
        if isinstance(embedding_cache_mb, bool) or int(embedding_cache_mb) < 0:
            raise HarnessError(f"metrics.{config_key}.embedding_cache_mb must be 0 (no reuse) or more, "
                               f"got {embedding_cache_mb!r}")
        self.precision = precision
        self.embedding_cache_mb = int(embedding_cache_mb)
        self._settings(model, name, config_key, batch_size, max_tokens, gpus, cache, cache_dir, download)
        self._resolved: ResolvedModel | None = None
        self._reused = 0

    # -- model -----------------------------------------------------------------------------------

    def resolve(self, allow_download: bool) -> ResolvedModel:
        if self._resolved is None:
            self._resolved = resolve(self.model, self.config_key, allow_download=allow_download and self.download)
        return self._resolved

    def available_locally(self) -> bool:
        """The checkpoint and its encoder's tokenizer/config are on disk (a path or the HF cache)."""
        try:
            return encoder_is_local(self.resolve(allow_download=False).encoder)
        except MetricUnavailable:
            return False

    @property
    def needs_reference(self) -> bool:  # type: ignore[override]
        """From the checkpoint's hparams when it is local; assume a reference until it is known."""
        try:
            return self.resolve(allow_download=False).uses_reference
        except MetricUnavailable:
            return True

    def model_key(self, resolved: ResolvedModel) -> str:
        """What makes two scorings of the same texts give the same numbers."""
        if self._sha256 is None:
            memo = self._cache("checkpoint_sha256")
            try:
                self._sha256 = checkpoint_sha256(resolved.checkpoint, memo)
            finally:
                if memo is not None:
                    memo.close()
        hparams_sha = hashlib.sha256(resolved.hparams_text.encode("utf-8")).hexdigest()
        return make_key("comet", self._sha256, hparams_sha, comet_version(), self.precision)

    # -- scoring ---------------------------------------------------------------------------------

    def score(self, hyps: list[str], refs: list[str] | None, srcs: list[str]) -> MetricResult:
        resolved = self.resolve(allow_download=True)
        fields = resolved.input_segments
        if "ref" in fields and refs is None:
            raise MetricUnavailable(f"COMET model {self.model!r} needs references and this reference set has none")
        columns = {"src": srcs, "mt": hyps, "ref": refs}
        samples = [{f: columns[f][i] for f in fields} for i in range(len(hyps))]
        model_key = self.model_key(resolved)
        keys = [make_key(model_key, *(s[f] for f in fields)) for s in samples]

        self._reused = 0
        values, details = self._cached_scoring(keys, samples, self._score_new)
        details.update({"model_class": resolved.class_identifier, "inputs": list(fields),
                        "reused_embeddings": self._reused})
        if any("error_spans" in v for v in values):
            details["error_spans"] = [v.get("error_spans", []) for v in values]
        return self._result([float(v["score"]) for v in values], details)

    def score_references(self, hyps: list[str], refs: list[list[str]] | None, srcs: list[str]) -> MetricResult:
        """Several references: each segment scored against each, its score the mean (said in the signature)."""
        if refs is None or len(refs) == 1 or not self.needs_reference:
            return self.score(hyps, refs[0] if refs else None, srcs)
        self.num_refs = len(refs)
        each = [self.score(hyps, stream, srcs) for stream in refs]
        scores = np.mean([result.segment_scores for result in each], axis=0)
        stats = np.column_stack([scores, np.ones(len(scores))])
        details = dict(each[0].details)
        for counted in ("cached_segments", "scored_segments"):
            details[counted] = sum(result.details[counted] for result in each)
        details.pop("segments_per_second", None)
        details.pop("error_spans", None)  # spans belong to one reference; which one would be arbitrary
        details["per_reference"] = [result.score for result in each]
        return MetricResult(name=self.name, score=self.aggregate(stats.sum(axis=0)) if len(scores) else None,
                            signature=self.signature(), segment_scores=scores.tolist(), stats=stats,
                            higher_is_better=self.higher_is_better, details=details)

    def _score_new(self, keys: list[str], samples: list[dict[str, str]], cache: Cache | None) -> dict[str, Any]:
        """Score what the cache lacks; results reach the cache every FLUSH_EVERY segments."""
        from harness.metrics.comet_scoring import Batching, default_max_tokens, pick_device, predict

        resolved = self.resolve(allow_download=True)
        model = LOADED.load(resolved, self.config_key, self.download)
        device = pick_device(self.gpus)
        self._device = device.type
        if self.gpus > 1:
            print(f"note: metrics.{self.config_key}.gpus={self.gpus}: scoring uses one GPU per run; "
                  f"spread systems over GPUs with a multirun launcher instead", file=sys.stderr)
        batching = Batching(self.batch_size, self.max_tokens or default_max_tokens(device))
        store = self._embedding_store(resolved, batching, device.type)
        scored: dict[str, Any] = {}
        pending: dict[str, Any] = {}
        # The device in the bar: gpus=1 on a machine without a usable GPU falls back to the CPU.
        desc = f"{self.name} {Path(self.model).name if Path(self.model).exists() else self.model} ({device.type})"
        try:
            for indices, predictions in predict(model, samples, batching, device, self.precision, desc, store):
                for i, prediction in zip(indices, predictions):
                    value: dict[str, Any] = {"score": prediction.score}
                    if prediction.error_spans is not None:
                        value["error_spans"] = prediction.error_spans
                    pending[keys[i]] = value
                if cache is not None and len(pending) >= FLUSH_EVERY:
                    cache.put_many(pending)
                    scored.update(pending)
                    pending = {}
        except OutOfDeviceMemory as exc:
            kept = " and kept in the score cache" if cache is not None else ""
            raise MetricUnavailable(
                f"COMET model {self.model!r} does not fit in {device.type} memory ({exc}; {len(scored) + len(pending)} "
                f"segments scored before{kept}); score on the CPU with metrics.{self.config_key}.gpus=0, "
                f"or use a smaller model") from None
        finally:
            if cache is not None:  # what was scored is kept, also when the run stops here
                cache.put_many(pending)
            if store is not None:
                self._reused = store.hits
                if store.disk is not None:
                    store.disk.close()
        scored.update(pending)
        return scored

    def too_long(self, texts: list[str]) -> list[bool]:
        """Which ``texts`` are longer than the encoder reads (it would cut them off silently):
        paragraph- and document-level runs score COMET over whole units only when none is."""
        if not texts:  # the tokenizer fails on an empty list
            return []
        model = LOADED.load(self.resolve(allow_download=True), self.config_key, self.download)
        encoder = model.encoder
        ids = encoder.tokenizer(texts, truncation=False, return_attention_mask=False,
                                return_token_type_ids=False)["input_ids"]
        return [len(row) > encoder.max_positions - 2 for row in ids]

    def _embedding_store(self, resolved: ResolvedModel, batching: Any, device: str) -> EmbeddingStore | None:
        """Source/reference embeddings kept for the next system (see comet_embeddings); None: no reuse.

        Keyed also by the batching and the device: a sentence's embedding differs in the last bits with
        its batch's shape, and reused ones must be exactly what embedding again would give."""
        if self.embedding_cache_mb == 0:
            return None
        MEMORY.resize(self.embedding_cache_mb << 20)
        key = make_key(self.model_key(resolved), batching.batch_size, batching.max_tokens, device)
        return EmbeddingStore(key, MEMORY, self._cache("embeddings"))

    def signature(self) -> str:
        """sacreCOMET's fields first (Python|Comet|precision|model), then what else changes the numbers."""
        parts = [f"Python{platform.python_version()}", f"Comet{comet_version()}", self.precision, self.model]
        if self._sha256:
            parts.append(f"ckpt:{self._sha256[:12]}")
        parts.append(f"batch:{self.batch_size}")
        if self.num_refs > 1:  # a segment's score is its mean over the references
            parts.append(f"nrefs:{self.num_refs}|refs:mean")
        if self._device:
            parts.append(f"device:{self._device}")
        try:  # from package metadata: importing torch here would cost seconds on the unavailable path
            parts.append(f"torch{metadata.version('torch').split('+')[0]}")
        except metadata.PackageNotFoundError:
            pass
        return "|".join(parts)
