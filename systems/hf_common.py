"""What the ``hf`` and ``ct2`` systems share: loading tokenizers, language-code conventions, devices.

Translation models disagree on how to say which languages to translate between:

* ``marian``  (opus-mt): one pair per model, nothing to say.
* ``nllb``    (NLLB-200): ``tokenizer.src_lang = "deu_Latn"``, target code forced as first output token.
* ``m2m100``  (M2M100): ``tokenizer.src_lang = "de"``, target token ``__en__`` forced first.
* ``madlad``  (MADLAD-400, T5): the source is prefixed with ``<2en>``.

``scheme: auto`` picks one from the tokenizer and model type; ``src_code`` / ``tgt_code`` in the
config override the codes derived from the reference set's ISO codes.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.batching import Budget
from harness.errors import HarnessError
from harness.hub import hub_offline, hub_reachable
from systems.base import System
from systems.langcodes import base_code, flores_code

SCHEMES = ("auto", "marian", "nllb", "m2m100", "madlad", "none")


@dataclass(frozen=True)
class LanguageSetup:
    """How one model is told the language pair: a source prefix, the tokenizer's source code,
    and a token the output must start with."""

    prefix: str = ""
    tokenizer_src_lang: str | None = None
    target_token: str | None = None

    def apply(self, tokenizer: Any, texts: list[str]) -> list[str]:
        if self.tokenizer_src_lang is not None:
            tokenizer.src_lang = self.tokenizer_src_lang
        return [self.prefix + text for text in texts] if self.prefix else list(texts)


def detect_scheme(tokenizer: Any, model_type: str) -> str:
    name = type(tokenizer).__name__.lower()
    if "nllb" in name:
        return "nllb"
    if "m2m100" in name:
        return "m2m100"
    if "<2en>" in tokenizer.get_vocab():  # MADLAD's target tags (a converted ct2 dir has no HF model_type)
        return "madlad"
    return "marian" if model_type == "marian" else "none"


def language_setup(scheme: str, src_lang: str, tgt_lang: str, src_code: str | None = None, tgt_code: str | None = None) -> LanguageSetup:
    """The codes each scheme wants, from the reference set's languages or the config's overrides."""
    if scheme == "nllb":
        return LanguageSetup(tokenizer_src_lang=src_code or flores_code(src_lang), target_token=tgt_code or flores_code(tgt_lang))
    if scheme == "m2m100":
        target = tgt_code or base_code(tgt_lang)
        return LanguageSetup(tokenizer_src_lang=src_code or base_code(src_lang), target_token=f"__{target}__")
    if scheme == "madlad":
        return LanguageSetup(prefix=f"<2{tgt_code or base_code(tgt_lang)}> ")
    return LanguageSetup()


def check_scheme(scheme: str, system_name: str) -> str:
    if scheme not in SCHEMES:
        raise HarnessError(f"system {system_name!r}: scheme must be one of {', '.join(SCHEMES)}, got {scheme!r}")
    return scheme


def check_target_token(tokenizer: Any, setup: LanguageSetup, system_name: str) -> int | None:
    """The id of the forced first token; an unknown language code is an error, not silent garbage."""
    if setup.target_token is None:
        return None
    token_id = tokenizer.convert_tokens_to_ids(setup.target_token)
    if token_id is None or token_id == tokenizer.unk_token_id:
        raise HarnessError(f"system {system_name!r}: the model does not know the language code {setup.target_token!r}; set system.tgt_code")
    return int(token_id)


@contextlib.contextmanager
def quiet_hub() -> Iterator[None]:
    """Without network huggingface_hub logs every retry; the one line after the last is enough."""
    hub_logger = logging.getLogger("huggingface_hub")
    level = hub_logger.level
    hub_logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        hub_logger.setLevel(level)


def load_pretrained(loader: Any, model: str, revision: str | None, system_name: str, **kwargs: Any) -> Any:
    """``loader.from_pretrained`` with the failures users meet turned into one clear line.

    A hub id is loaded from the local cache alone when the hub is switched off or cannot be reached,
    so an air-gapped machine gets its answer at once instead of after half a minute of retries.
    """
    if not Path(model).expanduser().exists() and (hub_offline() or not hub_reachable()):
        kwargs["local_files_only"] = True
    try:
        with quiet_hub():
            return loader.from_pretrained(model, revision=revision, **kwargs)
    except OSError as exc:
        raise HarnessError(unavailable_message(model, system_name, str(exc))) from None
    except ValueError as exc:
        raise HarnessError(f"system {system_name!r}: cannot load {model!r}: {str(exc).splitlines()[0][:200]}") from None


def unavailable_message(model: str, system_name: str, detail: str) -> str:
    looks_local = model.startswith((".", "/", "~")) or os.path.isabs(model)
    if looks_local or Path(model).expanduser().exists():
        return f"system {system_name!r}: no usable model at {model} ({detail.splitlines()[0][:120]})"
    lowered = detail.lower()
    if "offline" in lowered or "connect" in lowered or "cached" in lowered:
        why = "it is not in the local Hugging Face cache and the hub cannot be reached"
    elif "not a valid model identifier" in lowered or "repository not found" in lowered:
        why = "the hub has no such model (or it is private: run huggingface-cli login)"
    else:
        why = detail.splitlines()[0][:160]
    return (
        f"system {system_name!r}: model {model!r} is not available: {why}; download it where there is "
        f"internet (huggingface-cli download {model}) into $HF_HOME, or set system.model=/path/to/model"
    )


def resolve_device(device: str) -> str:
    """``auto`` is the GPU when one is present, else the CPU."""
    if device != "auto":
        return device
    try:
        import torch

        return "cuda" if torch.cuda.is_available() else "cpu"
    except ImportError:
        import ctranslate2

        return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"


def out_of_memory_error(system_name: str, exc: Exception, device: Any, lower_precision: str) -> HarnessError:
    """One line for a model that does not fit one segment at a time (the halving batches gave up)."""
    return HarnessError(f"system {system_name!r}: {exc} in {device} memory; translate on the CPU "
                        f"(system.device=cpu), at a lower precision ({lower_precision}), or with a smaller model")


def local_model_digest(path: str) -> str | None:
    """For a model directory: a digest of its files' names, sizes and mtimes (cheap even for GBs),
    so retraining into the same path does not reuse old cached translations. None for hub ids."""
    directory = Path(path).expanduser()
    if not directory.is_dir():
        return None
    digest = hashlib.sha256()
    for file in sorted(p for p in directory.rglob("*") if p.is_file()):
        stat = file.stat()
        digest.update(f"{file.relative_to(directory)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def model_identity(model: str, revision: str | None, commit: str | None) -> dict[str, Any]:
    """What identifies a model's weights in a fingerprint: a local directory's digest, or the hub
    commit its config was loaded from (``config._commit_hash``)."""
    digest = local_model_digest(model)
    if digest is not None:
        return {"model": str(Path(model).expanduser().resolve()), "files": digest}
    return {"model": model, "revision": revision, "commit": commit}


def short_model_name(model: str) -> str:
    """``Helsinki-NLP/opus-mt-de-en`` -> ``opus-mt-de-en``, for default run names."""
    tail = Path(model.rstrip("/")).name or "model"
    return "".join(c if c.isalnum() or c in "._+-" else "_" for c in tail)


#: Tokens a language scheme may add to a source (a language code, a target tag).
SPECIAL_TOKEN_ROOM = 2


class Seq2SeqSystem(System):
    """Settings and language handling shared by ``hf`` and ``ct2`` (both tokenize with ``transformers``)."""

    def __init__(
        self,
        scheme: str = "auto",
        src_code: str | None = None,
        tgt_code: str | None = None,
        max_length: int = 256,
        batch_size: int = 16,
        device: str = "auto",
        max_source_tokens: int | None = None,
        name: str | None = None,
        cache: bool = True,
    ) -> None:
        self.scheme = scheme
        self.max_source_tokens = None if max_source_tokens is None else int(max_source_tokens)
        self.src_code = src_code
        self.tgt_code = tgt_code
        self.max_length = int(max_length)
        self.batch_size = int(batch_size)
        self.device = device
        super().__init__(name=name, cache=cache)
        check_scheme(scheme, self.name)
        # Segments per pass, halved for the rest of the run when a pass runs out of device memory.
        self._budget = Budget(self.batch_size, desc=f"system {self.name}", setting="batch_size")

    def prepare(self, tokenizer: Any, model_type: str, segments: list[str], src_lang: str, tgt_lang: str) -> tuple[list[str], LanguageSetup]:
        """Model inputs with the language pair expressed the way this model expects."""
        scheme = self.scheme if self.scheme != "auto" else detect_scheme(tokenizer, model_type)
        langs = language_setup(scheme, src_lang, tgt_lang, self.src_code, self.tgt_code)
        return langs.apply(tokenizer, segments), langs

    def fits(self, texts: list[str], src_lang: str, tgt_lang: str) -> list[bool]:
        """A text fits when its source tokens (plus room for language tokens) are within the model's
        limit: ``max_source_tokens``, else the tokenizer's ``model_max_length``."""
        self._load()  # type: ignore[attr-defined]  # hf and ct2 both load a tokenizer here
        tokenizer = self._tokenizer  # type: ignore[attr-defined]
        limit = self.max_source_tokens or tokenizer.model_max_length
        if not limit or limit > 100_000:  # transformers' "no limit" sentinel
            limit = 512
        return [len(ids) + SPECIAL_TOKEN_ROOM <= limit for ids in tokenizer(texts)["input_ids"]]

    def language_fingerprint(self) -> dict[str, Any]:
        return {"scheme": self.scheme, "src_code": self.src_code, "tgt_code": self.tgt_code, "max_length": self.max_length}
