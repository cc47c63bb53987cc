"""Any Hugging Face seq2seq translation model through ``transformers``: MarianMT (opus-mt), NLLB-200,
M2M100, MADLAD-400 ... with their language-code conventions (see :mod:`systems.hf_common`).

Segments are sorted by length before batching (less padding, faster), results put back in order.
The model's config is fetched in :meth:`setup` (fails fast, pins the hub commit for the
fingerprint); the weights only when something is actually left to translate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from harness.batching import LengthBatches, OutOfDeviceMemory
from harness.errors import HarnessError
from systems.hf_common import (
    Seq2SeqSystem,
    check_target_token,
    load_pretrained,
    model_identity,
    out_of_memory_error,
    resolve_device,
    short_model_name,
)

if TYPE_CHECKING:
    from harness.references import ReferenceSet


class HuggingFace(Seq2SeqSystem):
    """``model`` is a hub id or a local directory; ``max_length`` caps new tokens per segment;
    ``generation`` passes further ``generate()`` arguments (``length_penalty``, ...)."""

    default_name = "hf"

    def __init__(
        self,
        model: str,
        revision: str | None = None,
        num_beams: int = 4,
        dtype: str = "auto",
        generation: dict[str, Any] | None = None,
        **common: Any,
    ) -> None:
        if not model or model == "???":
            raise HarnessError("system 'hf' needs a model: system.model=Helsinki-NLP/opus-mt-de-en (hub id or directory)")
        self.model_id = str(model)
        self.revision = revision
        self.num_beams = int(num_beams)
        self.dtype = dtype
        self.generation = dict(generation or {})
        super().__init__(**common)
        self._config: Any = None
        self._tokenizer: Any = None
        self._model: Any = None

    def derive_name(self) -> str:
        return f"hf-{short_model_name(self.model_id)}"

    def setup(self, reference: ReferenceSet) -> None:
        self._load_config()

    def _load_config(self) -> None:
        if self._config is None:
            from transformers import AutoConfig

            self._config = load_pretrained(AutoConfig, self.model_id, self.revision, self.name)

    def _torch_dtype(self, device: str) -> Any:
        import torch

        if self.dtype == "auto":
            return torch.float16 if device.startswith("cuda") else torch.float32
        try:
            return getattr(torch, self.dtype)
        except AttributeError:
            raise HarnessError(f"system {self.name!r}: unknown dtype {self.dtype!r} (float32, float16, bfloat16)") from None

    def _load(self) -> None:
        if self._model is not None:
            return
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        device = resolve_device(self.device)
        self._tokenizer = load_pretrained(AutoTokenizer, self.model_id, self.revision, self.name)
        import transformers

        # transformers 4.56 renamed torch_dtype to dtype (the old name still works, with a warning)
        modern = tuple(int(p) for p in transformers.__version__.split(".")[:2]) >= (4, 56)
        dtype_arg = {"dtype" if modern else "torch_dtype": self._torch_dtype(device)}
        model = load_pretrained(AutoModelForSeq2SeqLM, self.model_id, self.revision, self.name, **dtype_arg)
        self._model = model.to(device).eval()

    def translate(self, segments: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        import torch

        self._load_config()
        self._load()
        tokenizer, model = self._tokenizer, self._model
        texts, langs = self.prepare(tokenizer, self._config.model_type, segments, src_lang, tgt_lang)
        forced_bos = check_target_token(tokenizer, langs, self.name)
        lengths = [len(ids) for ids in tokenizer(texts, truncation=True)["input_ids"]]
        out: list[str] = [""] * len(segments)
        kwargs: dict[str, Any] = {
            "num_beams": self.num_beams,
            "do_sample": False,
            "max_new_tokens": self.max_length,
            "forced_eos_token_id": None,  # like CTranslate2: a truncated output is not forced to end
            **self.generation,
        }
        if forced_bos is not None:
            kwargs["forced_bos_token_id"] = forced_bos
        plan = LengthBatches(lengths, self._budget)  # kept across chunks: a halved budget stays halved
        for batch in plan:
            encoded = tokenizer([texts[i] for i in batch], return_tensors="pt", padding=True, truncation=True)
            encoded = encoded.to(model.device)
            try:
                with torch.inference_mode():
                    generated = model.generate(**encoded, **kwargs)
            except torch.OutOfMemoryError:
                try:
                    plan.shrink(batch)
                except OutOfDeviceMemory as exc:
                    raise out_of_memory_error(self.name, exc, model.device, "system.dtype=float16") from None
                continue
            for index, text in zip(batch, tokenizer.batch_decode(generated, skip_special_tokens=True)):
                out[index] = text.strip()
        return out

    def fingerprint_config(self) -> dict[str, Any]:
        commit = getattr(self._config, "_commit_hash", None) if self._config is not None else None
        return {
            **model_identity(self.model_id, self.revision, commit),
            **self.language_fingerprint(),
            "num_beams": self.num_beams,
            "dtype": str(self._torch_dtype(resolve_device(self.device))).removeprefix("torch."),
            "generation": self.generation,
        }
