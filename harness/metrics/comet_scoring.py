"""Scoring with a loaded COMET model, faster than ``model.predict`` and with the same numbers.

``model.predict`` builds a Lightning Trainer and a DataLoader, sorts triples by source characters
and pads each field of a batch to that batch's longest sentence. Here:

- regression models (wmt22-comet-da, wmt20/21 QE regression): every distinct sentence is tokenised
  once and embedded once, in batches of sentences of equal token length (almost no padding), and the
  estimator runs on the stored embeddings, through the model's own ``forward`` so the arithmetic is
  COMET's own;
- joint-encoding models (CometKiwi, XCOMET, UniTE): triples are sorted by total token length and
  scored through the model's own ``prepare_sample`` and ``predict_step``, in larger batches;
- no Trainer, no worker processes, ``torch.inference_mode``, optional fp16/bf16 autocast.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from tqdm.auto import tqdm

from harness.batching import Budget, LengthBatches, OutOfDeviceMemory
from harness.metrics.comet_embeddings import EmbeddingStore

#: Autocast dtypes by configured precision; fp32 and tf32 run without autocast.
PRECISIONS: dict[str, torch.dtype | None] = {"fp32": None, "tf32": None, "fp16": torch.float16,
                                             "bf16": torch.bfloat16}
#: Model classes whose score is a function of independent sentence embeddings.
SENTENCE_LEVEL = {"RegressionMetric": ("src", "mt", "ref"), "ReferencelessRegression": ("src", "mt")}
#: Segments handled per round of the sentence-level path: bounds memory and what a crash loses.
ROUND = 2048


@dataclass
class SegmentPrediction:
    score: float
    error_spans: list[dict[str, Any]] | None = None


def pick_device(gpus: int) -> torch.device:
    """The first GPU when asked for and present, else the CPU."""
    if gpus > 0 and torch.cuda.is_available():
        return torch.device("cuda", 0)
    return torch.device("cpu")


def autocast(device: torch.device, precision: str) -> contextlib.AbstractContextManager[Any]:
    dtype = PRECISIONS[precision]
    if dtype is None:
        return contextlib.nullcontext()
    return torch.autocast(device_type=device.type, dtype=dtype)


@contextlib.contextmanager
def matmul_precision(precision: str) -> Iterator[None]:
    """tf32: TensorFloat-32 matmuls on Ampere+ GPUs (what comet-score turns on); fp32 keeps full float32."""
    before = torch.get_float32_matmul_precision()
    torch.set_float32_matmul_precision("high" if precision == "tf32" else "highest")
    try:
        yield
    finally:
        torch.set_float32_matmul_precision(before)


def to_device(value: Any, device: torch.device) -> Any:
    """Tensors inside dicts, tuples and lists moved; other values (offsets, texts) left as they are."""
    if isinstance(value, torch.Tensor):
        if device.type == "cuda":  # pinned + non_blocking: the copy queues behind running kernels, no host stall
            return value.pin_memory().to(device, non_blocking=True)
        return value.to(device)
    if isinstance(value, Mapping):
        return {k: to_device(v, device) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(to_device(v, device) for v in value)
    return value


@dataclass(frozen=True)
class Batching:
    """How much goes into one forward pass: ``batch_size`` segments, ``max_tokens`` padded positions."""

    batch_size: int = 64
    max_tokens: int = 16384


def default_max_tokens(device: torch.device) -> int:
    """GPUs want big passes; on CPUs passes past a few thousand positions fall out of cache and slow down
    (measured on the small bench model: 4096 as fast as 1024-2048, 16384 1.5x slower)."""
    return 16384 if device.type == "cuda" else 4096


def predict(model: Any, samples: list[dict[str, str]], batching: Batching, device: torch.device,
            precision: str, desc: str, store: EmbeddingStore | None = None,
            ) -> Iterator[tuple[list[int], list[SegmentPrediction]]]:
    """Yields (sample indices, predictions) as they are done, in no particular order.

    ``store``: source and reference embeddings of regression models are read from and written to it.
    """
    try:
        model.to(device)
    except torch.OutOfMemoryError:
        model.to("cpu")  # leave nothing half-moved on the GPU
        raise OutOfDeviceMemory("the model's weights do not fit") from None
    model.eval()
    fields = SENTENCE_LEVEL.get(type(model).__name__)
    with matmul_precision(precision):
        if fields is not None:
            budget = Budget(batching.batch_size * len(fields), batching.max_tokens, desc)
            yield from _predict_by_sentence(model, samples, fields, budget, device, precision, desc, store)
        else:
            budget = Budget(batching.batch_size, batching.max_tokens, desc)
            yield from _predict_joint(model, samples, budget, device, precision, desc)


def _predict_joint(model: Any, samples: list[dict[str, str]], budget: Budget, device: torch.device,
                   precision: str, desc: str) -> Iterator[tuple[list[int], list[SegmentPrediction]]]:
    texts = list(dict.fromkeys(sample[f] for sample in samples for f in sample))
    with tokenised_once(model.encoder, texts) as ids_of, \
            tqdm(total=len(samples), desc=desc, unit="seg", disable=None) as bar:
        lengths = np.minimum([sum(len(ids_of[sample[f]]) for f in sample) for sample in samples],
                             model.encoder.max_positions)
        launched: tuple[np.ndarray, Any] | None = None
        plan = LengthBatches(lengths, budget)
        for batch in plan:
            # Prepare batch k+1 while the GPU still runs batch k; only then wait for k's scores.
            inputs = to_device(model.prepare_sample([samples[i] for i in batch], stage="predict"), device)
            if launched is not None:
                yield _finished(*launched)
                bar.update(len(launched[0]))
                launched = None
            try:
                with torch.inference_mode(), autocast(device, precision):
                    launched = (batch, model.predict_step(inputs))
            except torch.OutOfMemoryError:
                plan.shrink(batch)
        if launched is not None:
            yield _finished(*launched)
            bar.update(len(launched[0]))


def _finished(batch: np.ndarray, prediction: Any) -> tuple[list[int], list[SegmentPrediction]]:
    scores = prediction["scores"].float().cpu().tolist()
    spans = prediction["metadata"].get("error_spans") if "metadata" in prediction else None
    return batch.tolist(), [SegmentPrediction(score, _plain_spans(spans[k]) if spans is not None else None)
                            for k, score in enumerate(scores)]


def _predict_by_sentence(model: Any, samples: list[dict[str, str]], fields: tuple[str, ...], budget: Budget,
                         device: torch.device, precision: str, desc: str, store: EmbeddingStore | None = None,
                         ) -> Iterator[tuple[list[int], list[SegmentPrediction]]]:
    with tqdm(total=len(samples), desc=desc, unit="seg", disable=None) as bar:
        for start in range(0, len(samples), ROUND):
            indices = list(range(start, min(start + ROUND, len(samples))))
            texts, table = _embed_round(model, [samples[i] for i in indices], fields, budget, device, precision, store)
            row = {text: k for k, text in enumerate(texts)}
            scores = _estimate(model, table, [[row[samples[i][f]] for f in fields] for i in indices], fields,
                               device, precision)
            yield indices, [SegmentPrediction(score) for score in scores]
            bar.update(len(indices))


def _embed_round(model: Any, samples: list[dict[str, str]], fields: tuple[str, ...], budget: Budget,
                 device: torch.device, precision: str, store: EmbeddingStore | None,
                 ) -> tuple[list[str], torch.Tensor]:
    """Every distinct text of the round and its embedding (one row each).

    Sources and references (the same for every system on a reference set) are embedded in batches of
    their own, so their embeddings do not depend on the system's hypotheses: taken from ``store`` they
    are exactly what embedding them again would give. Hypotheses come after, in batches of their own.
    """
    fixed = list(dict.fromkeys(sample[f] for sample in samples for f in fields if f != "mt"))
    known = store.get_many(fixed) if store is not None else {}
    missing = [text for text in fixed if text not in known]
    if missing:
        computed = dict(zip(missing, _embed(model, missing, budget, device, precision)))
        if store is not None:
            store.put_many(computed)
        known.update(computed)
    seen = set(fixed)
    hyps = [text for text in dict.fromkeys(sample["mt"] for sample in samples) if text not in seen]
    parts = [torch.stack([known[text].to(device) for text in fixed])] if fixed else []
    if hyps:
        parts.append(_embed(model, hyps, budget, device, precision))
    dtype = parts[-1].dtype  # a computed batch's, when there is one
    return fixed + hyps, torch.cat([part.to(dtype) for part in parts])


def encode_once(encoder: Any, texts: list[str]) -> list[list[int]]:
    """Token ids of every text in one batched tokenizer call, truncated as ``encoder.prepare_sample`` does.

    Tokenising per batch instead (what ``prepare_sample`` does) costs about three times as long, on
    the CPU thread that should be feeding the GPU.
    """
    if not texts:  # the tokenizer fails on an empty list
        return []
    return encoder.tokenizer(texts, truncation=True, max_length=encoder.max_positions - 2,
                             return_attention_mask=False, return_token_type_ids=False)["input_ids"]


def pad_batch(ids: list[list[int]], pad_id: int) -> dict[str, torch.Tensor]:
    """``input_ids`` and ``attention_mask`` padded on the right, as COMET's encoders' tokenizers pad."""
    lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
    input_ids = np.full((len(ids), int(lengths.max())), pad_id, dtype=np.int64)
    for row, tokens in enumerate(ids):
        input_ids[row, : len(tokens)] = tokens
    attention_mask = (np.arange(input_ids.shape[1]) < lengths[:, None]).astype(np.int64)
    return {"input_ids": torch.from_numpy(input_ids), "attention_mask": torch.from_numpy(attention_mask)}


@contextlib.contextmanager
def tokenised_once(encoder: Any, texts: list[str]) -> Iterator[dict[str, list[int]]]:
    """Token ids of ``texts``; meanwhile ``encoder.prepare_sample`` pads those instead of tokenising again.

    The model's own ``prepare_sample`` (joint models concatenate fields there) still runs; only its
    per-field tokenizer call is answered from the table. Word-level calls (XCOMET's MT side, which
    needs offsets) and tokenizers that do not pad on the right go to COMET's own code.
    """
    ids_of = dict(zip(texts, encode_once(encoder, texts)))
    if getattr(encoder.tokenizer, "padding_side", "right") != "right":
        yield ids_of
        return
    original = encoder.prepare_sample

    def prepare_sample(sample: list[str], word_level: bool = False, annotations: Any = None) -> Any:
        if word_level:
            return original(sample, word_level, annotations)
        return pad_batch([ids_of[text] for text in sample], encoder.tokenizer.pad_token_id)

    encoder.prepare_sample = prepare_sample
    try:
        yield ids_of
    finally:
        del encoder.prepare_sample


def _embed(model: Any, texts: list[str], budget: Budget, device: torch.device, precision: str) -> torch.Tensor:
    """Sentence embeddings of every text, computed by the model's own pooling, in length-sorted batches."""
    table: torch.Tensor | None = None
    with tokenised_once(model.encoder, texts) as ids_of:
        lengths = np.fromiter((len(ids_of[text]) for text in texts), dtype=np.int64, count=len(texts))
        plan = LengthBatches(lengths, budget)
        for batch in plan:
            encoded = model.encoder.prepare_sample([texts[i] for i in batch])
            try:
                with torch.inference_mode(), autocast(device, precision):
                    embeddings = model.get_sentence_embedding(to_device(encoded["input_ids"], device),
                                                              to_device(encoded["attention_mask"], device))
            except torch.OutOfMemoryError:
                plan.shrink(batch)
                continue
            if table is None:
                table = embeddings.new_empty((len(texts), embeddings.shape[-1]))
            table[to_device(torch.as_tensor(batch), device)] = embeddings
    assert table is not None
    return table


def _estimate(model: Any, table: torch.Tensor, rows: list[list[int]], fields: tuple[str, ...],
              device: torch.device, precision: str) -> list[float]:
    """Run the model's forward with each sentence 'encoded' as its row in the embedding table.

    ``forward`` asks ``get_sentence_embedding`` for each field; an instance attribute answers from
    the table, so the features and the estimator are exactly the model's own code.
    """
    index = to_device(torch.as_tensor(rows), device)
    kwargs: dict[str, torch.Tensor] = {}
    for k, field in enumerate(fields):
        kwargs[f"{field}_input_ids"] = index[:, k : k + 1]
        kwargs[f"{field}_attention_mask"] = torch.ones_like(index[:, k : k + 1])
    model.get_sentence_embedding = lambda input_ids, attention_mask, token_type_ids=None: table[input_ids[:, 0]]
    try:
        with torch.inference_mode(), autocast(device, precision):
            return model(**kwargs)["score"].float().cpu().tolist()
    finally:
        del model.get_sentence_embedding


def _plain_spans(spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Error spans as JSON values (COMET leaves tensors and numpy numbers in them)."""
    return [{k: v.item() if hasattr(v, "item") else v for k, v in span.items()} for span in spans]
