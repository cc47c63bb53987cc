"""What MetricX, BLEURT and BERTScore share: a Hugging Face model scoring segments, cached and offline-safe.

A subclass says how to load its model from a folder, how many tokens a segment takes, and how to
score a batch; this class does the rest as COMET does: a model id or local path, one clear line
when the model is not on disk (``MetricUnavailable``), an sqlite score cache keyed by the model's
content and the texts it reads (a fully cached run never loads the model), batches sorted by length
whose budget halves on out-of-memory, and ``[score, 1]`` statistics rows (their sums give the mean).
"""

from __future__ import annotations

import platform
from abc import abstractmethod
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from harness.batching import Budget, LengthBatches, OutOfDeviceMemory
from harness.cache import Cache, make_key
from harness.metrics.base import MetricResult, MetricUnavailable
from harness.metrics.hf_resolve import folder_sha256, resolve_folder
from harness.metrics.segment_metric import SegmentMeanMetric
from harness.metrics.variants import OptionVariant

Sample = dict[str, str]
#: Cache writes every this many newly scored segments: a crash loses at most these.
FLUSH_EVERY = 256


class ModelScorer:
    """A loaded model: token lengths for batching, and scores of a batch of samples."""

    @abstractmethod
    def lengths(self, samples: list[Sample]) -> list[int]:
        """Token positions each sample takes in the model (what a batch's padding is made of)."""

    @abstractmethod
    def predict(self, samples: list[Sample]) -> list[float]:
        """Scores of one batch; may raise torch.OutOfMemoryError (the batch is cut smaller and retried)."""


class _Loaded:
    """The last loaded model per metric class, so a multirun sweep in one process loads it once."""

    def __init__(self) -> None:
        self._models: dict[str, tuple[tuple[Any, ...], ModelScorer]] = {}

    def get(self, family: str, key: tuple[Any, ...], load: Any) -> ModelScorer:
        known = self._models.get(family)
        if known is None or known[0] != key:
            self._models.pop(family, None)
            self._models[family] = (key, load())
        return self._models[family][1]


LOADED = _Loaded()


def package_version(name: str) -> str:
    try:
        return metadata.version(name).split("+")[0]
    except metadata.PackageNotFoundError:
        return "missing"


class ModelMetric(OptionVariant, SegmentMeanMetric):
    """Base of the segment-level model metrics; see the module docstring."""

    #: In messages ("MetricX model ... is not ..."), and the cache file's name.
    label: str = "model"
    family: str = "model"
    #: The package (besides torch and transformers) whose code computes the score; in key and signature.
    package: str = "transformers"

    def __init__(self, model: str, name: str, config_key: str, batch_size: int = 16, max_tokens: int | None = None,
                 gpus: int = 1, cache: bool = True, cache_dir: str | None = None, download: bool = True) -> None:
        self._settings(model, name, config_key, batch_size, max_tokens, gpus, cache, cache_dir, download)
        self._folder: Path | None = None

    # -- what subclasses say ----------------------------------------------------------------------

    def fields(self, has_reference: bool) -> tuple[str, ...]:
        """The texts the model reads, of ``src``, ``mt``, ``ref``: by default the output against the
        reference (BLEURT, BERTScore); a metric that reads the source says so."""
        return ("mt", "ref")

    @abstractmethod
    def load(self, folder: Path, device: Any) -> ModelScorer:
        """The model in ``folder`` on ``device``, ready to score."""

    def settings(self) -> list[Any]:
        """Configured values besides the model that change the numbers (in the cache key and signature)."""
        return []

    # -- model -------------------------------------------------------------------------------------

    def resolve(self, allow_download: bool) -> Path:
        if self._folder is None:
            self._folder = resolve_folder(self.label, self.model, self.config_key, allow_download and self.download)
        return self._folder

    def available_locally(self) -> bool:
        try:
            self.resolve(allow_download=False)
        except MetricUnavailable:
            return False
        return True

    def model_key(self, folder: Path) -> str:
        if self._sha256 is None:
            memo = self._cache("checkpoint_sha256")
            try:
                self._sha256 = folder_sha256(folder, memo)
            finally:
                if memo is not None:
                    memo.close()
        return make_key(self.family, self._sha256, package_version(self.package), *self.settings())

    # -- scoring -----------------------------------------------------------------------------------

    def score(self, hyps: list[str], refs: list[str] | None, srcs: list[str]) -> MetricResult:
        folder = self.resolve(allow_download=True)
        fields = self.fields(refs is not None)
        if "ref" in fields and refs is None:
            raise MetricUnavailable(f"{self.label} needs references and this reference set has none")
        columns = {"src": srcs, "mt": hyps, "ref": refs}
        samples = [{f: columns[f][i] for f in fields} for i in range(len(hyps))]  # type: ignore[index]
        model_key = self.model_key(folder)
        keys = [make_key(model_key, *(s[f] for f in fields)) for s in samples]
        values, details = self._cached_scoring(keys, samples, self._score_new)
        details["inputs"] = list(fields)
        return self._result([float(v) for v in values], details)

    def _score_new(self, keys: list[str], samples: list[Sample], cache: Cache | None) -> dict[str, float]:
        """Score what the cache lacks, longest first; results reach the cache every FLUSH_EVERY segments."""
        import torch
        from tqdm.auto import tqdm

        from harness.metrics.comet_scoring import default_max_tokens, pick_device

        folder = self.resolve(allow_download=True)
        device = pick_device(self.gpus)
        self._device = device.type
        try:
            scorer = LOADED.get(self.family, (str(folder.resolve()), device.type, *self.settings()),
                                lambda: self.load(folder, device))
        except torch.OutOfMemoryError:
            raise MetricUnavailable(f"{self.label} model {self.model!r} does not fit in {device.type} memory; "
                                    f"score on the CPU with metrics.{self.config_key}.gpus=0") from None
        except MetricUnavailable:
            raise
        except ImportError as exc:
            raise MetricUnavailable(f"{self.label} needs the {exc.name or self.package} package ({exc}); "
                                    f"pip install 'mt-harness[metrics]'") from None
        except Exception as exc:  # a corrupt or foreign checkpoint: one line, not a traceback
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise MetricUnavailable(f"{self.label} model {self.model!r} cannot be loaded "
                                    f"({type(exc).__name__}: {first})") from None
        budget = Budget(self.batch_size, self.max_tokens or default_max_tokens(device), self.name)
        plan = LengthBatches(np.asarray(scorer.lengths(samples), dtype=np.int64), budget)
        scored: dict[str, float] = {}
        pending: dict[str, float] = {}
        bar = tqdm(total=len(samples), desc=f"{self.name} ({device.type})", unit="seg", disable=None)
        try:
            for batch in plan:
                try:
                    with torch.inference_mode():
                        values = scorer.predict([samples[i] for i in batch])
                except torch.OutOfMemoryError:
                    plan.shrink(batch)
                    continue
                bar.update(len(batch))
                pending.update({keys[i]: float(v) for i, v in zip(batch.tolist(), values)})
                if cache is not None and len(pending) >= FLUSH_EVERY:
                    cache.put_many(pending)
                    scored.update(pending)
                    pending = {}
        except OutOfDeviceMemory as exc:
            raise MetricUnavailable(f"{self.label} model {self.model!r} does not fit in {device.type} memory ({exc}); "
                                    f"score on the CPU with metrics.{self.config_key}.gpus=0") from None
        finally:
            bar.close()
            if cache is not None:
                cache.put_many(pending)
        scored.update(pending)
        return scored

    def signature(self) -> str:
        parts = [f"Python{platform.python_version()}", f"{self.package}{package_version(self.package)}", self.model]
        if self._sha256:
            parts.append(f"ckpt:{self._sha256[:12]}")
        parts += [str(s) for s in self.settings()]
        if self._device:
            parts.append(f"device:{self._device}")
        parts.append(f"torch{package_version('torch')}")
        return "|".join(parts)
