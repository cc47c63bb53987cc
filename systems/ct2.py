"""Translation models converted to CTranslate2: several times faster than ``transformers`` on CPU
(int8) and GPU (float16). Convert once, e.g.::

    ct2-transformers-converter --model Helsinki-NLP/opus-mt-de-en --output_dir models/opus-mt-de-en-ct2 \\
        --copy_files source.spm target.spm vocab.json tokenizer_config.json special_tokens_map.json

Tokenization is the original Hugging Face tokenizer (``tokenizer``: a hub id or directory; by
default the converted directory itself, when the converter copied the tokenizer files into it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from harness.batching import OutOfDeviceMemory
from harness.errors import HarnessError
from systems.hf_common import (
    Seq2SeqSystem,
    check_target_token,
    load_pretrained,
    local_model_digest,
    model_identity,
    out_of_memory_error,
    resolve_device,
    short_model_name,
)

if TYPE_CHECKING:
    from harness.references import ReferenceSet

CONVERT_HINT = "convert it first: ct2-transformers-converter --model HUB_ID --output_dir DIR --copy_files ..."


class CTranslate2(Seq2SeqSystem):
    """``model`` is a converted directory; ``compute_type: auto`` is int8 on CPU, float16 on GPU."""

    default_name = "ct2"

    def __init__(
        self,
        model: str,
        tokenizer: str | None = None,
        tokenizer_revision: str | None = None,
        beam_size: int = 4,
        compute_type: str = "auto",
        threads: int = 0,
        options: dict[str, Any] | None = None,
        **common: Any,
    ) -> None:
        if not model or model == "???":
            raise HarnessError(f"system 'ct2' needs a converted model directory: system.model=DIR ({CONVERT_HINT})")
        self.model_dir = str(Path(model).expanduser())
        self.tokenizer_id = tokenizer or self.model_dir
        self.tokenizer_revision = tokenizer_revision
        self.beam_size = int(beam_size)
        self.compute_type = compute_type
        self.threads = int(threads)
        self.options = dict(options or {})
        super().__init__(**common)
        self._tokenizer: Any = None
        self._translator: Any = None
        self._model_type = ""

    def derive_name(self) -> str:
        return f"ct2-{short_model_name(self.model_dir)}"

    def setup(self, reference: ReferenceSet) -> None:
        if not (Path(self.model_dir) / "model.bin").is_file():
            raise HarnessError(f"system {self.name!r}: {self.model_dir} is not a CTranslate2 model (no model.bin); {CONVERT_HINT}")

    def resolved_compute_type(self, device: str) -> str:
        if self.compute_type != "auto":
            return self.compute_type
        return "float16" if device.startswith("cuda") else "int8"

    def _load(self) -> None:
        if self._translator is not None:
            return
        import ctranslate2
        from transformers import AutoConfig, AutoTokenizer

        device = resolve_device(self.device)
        self._tokenizer = load_pretrained(AutoTokenizer, self.tokenizer_id, self.tokenizer_revision, self.name)
        try:
            self._model_type = AutoConfig.from_pretrained(self.tokenizer_id, revision=self.tokenizer_revision).model_type
        except (OSError, ValueError):
            self._model_type = ""
        try:
            self._translator = ctranslate2.Translator(
                self.model_dir, device=device, compute_type=self.resolved_compute_type(device), intra_threads=self.threads
            )
        except (RuntimeError, ValueError) as exc:
            raise HarnessError(f"system {self.name!r}: cannot load {self.model_dir}: {str(exc).splitlines()[0]}") from None

    def translate(self, segments: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        self._load()
        tokenizer = self._tokenizer
        texts, langs = self.prepare(tokenizer, self._model_type, segments, src_lang, tgt_lang)
        check_target_token(tokenizer, langs, self.name)
        source = [tokenizer.convert_ids_to_tokens(ids) for ids in tokenizer(texts, truncation=True)["input_ids"]]
        prefix = [[langs.target_token]] * len(source) if langs.target_token else None
        while True:
            try:
                results = self._translator.translate_batch(
                    source,
                    target_prefix=prefix,
                    beam_size=self.beam_size,
                    max_decoding_length=self.max_length,
                    max_batch_size=self._budget.max_count,
                    batch_type="examples",
                    **self.options,
                )
                break
            except RuntimeError as exc:  # CTranslate2 reports CUDA out-of-memory as a RuntimeError
                if "out of memory" not in str(exc).lower():
                    raise
                try:  # CTranslate2 batches inside: only the segment count can be halved
                    self._budget.shrink(self._budget.max_count)
                except OutOfDeviceMemory as oom:
                    raise out_of_memory_error(self.name, oom, self.device, "system.compute_type=int8_float16") from None
        return [
            tokenizer.decode(tokenizer.convert_tokens_to_ids(result.hypotheses[0]), skip_special_tokens=True).strip()
            for result in results
        ]

    def fingerprint_config(self) -> dict[str, Any]:
        return {
            "model": str(Path(self.model_dir).resolve()),
            "files": local_model_digest(self.model_dir),
            "tokenizer": model_identity(self.tokenizer_id, self.tokenizer_revision, None),
            **self.language_fingerprint(),
            "beam_size": self.beam_size,
            "compute_type": self.resolved_compute_type(resolve_device(self.device)),
            "options": self.options,
        }
