"""Source and reference sentence embeddings kept per checkpoint, so extra systems cost a third of the first.

COMET's regression models (wmt22-comet-da, the wmt20/21 QE regressions) embed source, hypothesis and
reference separately; on one reference set only the hypotheses change from system to system. Their
source and reference embeddings are therefore kept: in this process (a least-recently-used table
bounded in bytes, for the systems of one sweep) and in the score cache's sqlite file (for later runs),
keyed like the scores by the checkpoint, COMET version and precision, and the text. Values are the
exact tensors (float32 bytes plus the original dtype), so reused embeddings give identical scores.
Joint models (CometKiwi, XCOMET) encode the texts together and never come here.
"""

from __future__ import annotations

import base64
from collections import OrderedDict
from typing import Any

import numpy as np

from harness.cache import Cache, make_key


class MemoryEmbeddings:
    """A process-wide LRU of CPU tensors, at most ``max_bytes`` in all."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[str, Any] = OrderedDict()

    def get(self, key: str) -> Any | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: str, value: Any) -> None:
        size = value.element_size() * value.nelement()
        if size > self.max_bytes:
            return
        old = self._items.pop(key, None)
        if old is not None:
            self.bytes -= old.element_size() * old.nelement()
        self._items[key] = value
        self.bytes += size
        while self.bytes > self.max_bytes:
            _, dropped = self._items.popitem(last=False)
            self.bytes -= dropped.element_size() * dropped.nelement()

    def resize(self, max_bytes: int) -> None:
        """The bound set by the latest COMET configured in this process."""
        self.max_bytes = max_bytes
        while self.bytes > self.max_bytes and self._items:
            _, dropped = self._items.popitem(last=False)
            self.bytes -= dropped.element_size() * dropped.nelement()


#: Shared by every COMET instance of this process (the systems of a local sweep).
MEMORY = MemoryEmbeddings(1 << 30)


def encode(tensor: Any) -> dict[str, str]:
    """JSON for the cache: float32 bytes (exact for fp32, fp16 and bf16 values) and the dtype to restore."""
    array = tensor.detach().float().cpu().numpy().astype("<f4")
    return {"dtype": str(tensor.dtype).removeprefix("torch."), "f32": base64.b64encode(array.tobytes()).decode()}


def decode(value: Any) -> Any | None:
    """A tensor from :func:`encode`'s JSON; None for anything else (the entry is recomputed)."""
    import torch

    try:
        array = np.frombuffer(base64.b64decode(value["f32"]), dtype="<f4").copy()
        return torch.from_numpy(array).to(getattr(torch, value["dtype"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


class EmbeddingStore:
    """Embeddings of one checkpoint (``model_key``): memory first, then the disk cache (when there is one)."""

    def __init__(self, model_key: str, memory: MemoryEmbeddings = MEMORY, disk: Cache | None = None) -> None:
        self.model_key = model_key
        self.memory = memory
        self.disk = disk
        self.hits = 0
        self.computed = 0

    def key(self, text: str) -> str:
        return make_key(self.model_key, "sentence-embedding", text)

    def get_many(self, texts: list[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for text in texts:
            value = self.memory.get(self.key(text))
            if value is not None:
                found[text] = value
        rest = {self.key(t): t for t in texts if t not in found}
        if rest and self.disk is not None:
            for key, raw in self.disk.get_many(list(rest)).items():
                value = decode(raw)
                if value is not None:
                    found[rest[key]] = value
                    self.memory.put(key, value)
        self.hits += len(found)
        return found

    def put_many(self, embeddings: dict[str, Any]) -> None:
        cpu = {self.key(t): v.detach().to("cpu", copy=True) for t, v in embeddings.items()}  # not views of a batch
        for key, value in cpu.items():
            self.memory.put(key, value)
        if self.disk is not None:
            self.disk.put_many({key: encode(value) for key, value in cpu.items()})
        self.computed += len(cpu)
