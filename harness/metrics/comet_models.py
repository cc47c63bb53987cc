"""Finding a COMET checkpoint: a local path, the local Hugging Face cache, or a download.

Everything here answers fast and offline first: a model that is neither local nor reachable is
reported as one line naming the model and how to provide it (``MetricUnavailable``), never as a
network hang or a traceback. Gated models (CometKiwi, XCOMET) get the token and licence advice.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from harness.cache import Cache, make_key
from harness.hub import PROBE_TIMEOUT, hub_cache_dir, hub_offline, hub_reachable
from harness.metrics.base import MetricUnavailable

#: Models Unbabel publishes behind a licence click-through on Hugging Face.
GATED = {
    "Unbabel/wmt22-cometkiwi-da",
    "Unbabel/wmt23-cometkiwi-da-xl",
    "Unbabel/wmt23-cometkiwi-da-xxl",
    "Unbabel/XCOMET-XL",
    "Unbabel/XCOMET-XXL",
}
#: Seconds to wait for huggingface.co before calling a model unreachable.
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class ResolvedModel:
    """A COMET checkpoint on local disk, and what its hparams.yaml says."""

    name: str  # as configured: hub id or path
    checkpoint: Path  # .../checkpoints/model.ckpt
    hparams: dict[str, Any]
    hparams_text: str

    @property
    def class_identifier(self) -> str:
        return str(self.hparams.get("class_identifier", "regression_metric"))

    @property
    def input_segments(self) -> tuple[str, ...]:
        """The texts the model reads: QE models read no reference."""
        if self.class_identifier == "referenceless_regression_metric":
            return ("src", "mt")
        if self.class_identifier in ("unified_metric", "xcomet_metric"):
            segments = self.hparams.get("input_segments") or ["mt", "src", "ref"]
            return tuple(s for s in ("src", "mt", "ref") if s in segments)
        return ("src", "mt", "ref")

    @property
    def uses_reference(self) -> bool:
        return "ref" in self.input_segments

    @property
    def encoder(self) -> str:
        """The Hugging Face model whose tokenizer and config the checkpoint is built on."""
        return str(self.hparams.get("pretrained_model", "xlm-roberta-large"))


def looks_like_path(model: str) -> bool:
    return model.startswith(("/", ".", "~")) or model.endswith(".ckpt") or os.sep * 2 in model or model.count("/") > 1


def how_to_provide(model: str, config_key: str) -> str:
    layout = "a folder with checkpoints/model.ckpt and hparams.yaml"
    if looks_like_path(model) or Path(model).expanduser().exists():  # no hub advice for a path
        return (f"metrics.{config_key}.model takes a local checkpoint ({layout}, or the .ckpt file "
                f"itself) or a Hugging Face model id such as Unbabel/wmt22-comet-da")
    return (f"pass a local checkpoint with metrics.{config_key}.model=/path/to/model ({layout}), "
            f"point HF_HOME at a Hugging Face cache that holds it, "
            f"or pre-download it on a connected machine: huggingface-cli download {model}")


def gated_advice(model: str) -> str:
    return (f"{model} is gated: accept its licence at https://huggingface.co/{model} and log in "
            f"(huggingface-cli login, or set HF_TOKEN)")


def unavailable(model: str, config_key: str, why: str) -> MetricUnavailable:
    advice = how_to_provide(model, config_key)
    if model in GATED:
        advice += f"; {gated_advice(model)}"
    return MetricUnavailable(f"COMET model {model!r} {why}; {advice}")


def checkpoint_in(path: Path) -> Path | None:
    """The .ckpt a local path names: the file itself, or <dir>/checkpoints/model.ckpt."""
    if path.is_file():
        return path
    for candidate in (path / "checkpoints" / "model.ckpt", path / "model.ckpt"):
        if candidate.is_file():
            return candidate
    return None


def _from_checkpoint(name: str, checkpoint: Path, config_key: str) -> ResolvedModel:
    hparams_file = checkpoint.parent.parent / "hparams.yaml"
    if not hparams_file.is_file():
        raise unavailable(name, config_key, f"has no hparams.yaml beside {checkpoint.parent}")
    text = hparams_file.read_text(encoding="utf-8")
    try:
        hparams = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise unavailable(name, config_key, f"has an unreadable {hparams_file}: {str(exc).splitlines()[0]}") from None
    return ResolvedModel(name, checkpoint, hparams, text)


def _cached_snapshot(model: str) -> Path | None:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        return Path(snapshot_download(repo_id=model, cache_dir=hub_cache_dir(), local_files_only=True))
    except (LocalEntryNotFoundError, FileNotFoundError, ValueError, OSError):
        return None


def _download(model: str, config_key: str) -> Path:
    """Ask the hub quickly whether the model can be had, then download it (with its progress bar)."""
    from huggingface_hub import HfApi, snapshot_download
    from huggingface_hub.errors import GatedRepoError, HfHubHTTPError, RepositoryNotFoundError

    if not hub_reachable(PROBE_TIMEOUT):
        raise unavailable(model, config_key,
                          f"is not in the local Hugging Face cache ({hub_cache_dir()}) and huggingface.co "
                          f"cannot be reached within {PROBE_TIMEOUT:g} s")
    try:
        HfApi().model_info(model, timeout=PROBE_TIMEOUT)
    except GatedRepoError:
        raise MetricUnavailable(f"COMET model {model!r} cannot be downloaded: {gated_advice(model)}; "
                                f"or {how_to_provide(model, config_key)}") from None
    except RepositoryNotFoundError:
        raise MetricUnavailable(
            f"COMET model {model!r} is not a local path and not a model on huggingface.co "
            f"(if it is private or gated, log in with huggingface-cli login or set HF_TOKEN); "
            f"{how_to_provide(model, config_key)}") from None
    except (HfHubHTTPError, OSError) as exc:  # requests' connection errors and timeouts are OSErrors
        raise unavailable(model, config_key,
                          f"is not in the local Hugging Face cache ({hub_cache_dir()}) and huggingface.co "
                          f"cannot be reached ({type(exc).__name__})") from None
    try:
        return Path(snapshot_download(repo_id=model, cache_dir=hub_cache_dir(), etag_timeout=PROBE_TIMEOUT))
    except GatedRepoError:
        raise MetricUnavailable(f"COMET model {model!r} cannot be downloaded: {gated_advice(model)}") from None
    except (HfHubHTTPError, OSError) as exc:
        raise unavailable(model, config_key, f"failed to download ({type(exc).__name__}: {exc})") from None


def resolve(model: str, config_key: str = "comet", allow_download: bool = True) -> ResolvedModel:
    """A local path, else the local HF cache, else (when online and allowed) a download."""
    path = Path(model).expanduser()
    if path.exists():
        checkpoint = checkpoint_in(path)
        if checkpoint is None:
            raise unavailable(model, config_key, f"is a path without checkpoints/model.ckpt ({path})")
        return _from_checkpoint(model, checkpoint, config_key)
    if looks_like_path(model):
        raise unavailable(model, config_key, "is neither an existing path nor a Hugging Face model id")
    snapshot = _cached_snapshot(model)
    if snapshot is None:
        if hub_offline():
            raise unavailable(model, config_key,
                              f"is not in the local Hugging Face cache ({hub_cache_dir()}) and HF_HUB_OFFLINE is set")
        if not allow_download:
            raise unavailable(model, config_key, f"is not in the local Hugging Face cache ({hub_cache_dir()})")
        snapshot = _download(model, config_key)
    checkpoint = checkpoint_in(snapshot)
    if checkpoint is None:
        raise unavailable(model, config_key, f"has no checkpoints/model.ckpt in {snapshot}")
    return _from_checkpoint(model, checkpoint, config_key)


def encoder_is_local(encoder: str) -> bool:
    """Whether the encoder's tokenizer and config load without the network."""
    if Path(encoder).expanduser().is_dir():
        return True
    from huggingface_hub import try_to_load_from_cache

    return isinstance(try_to_load_from_cache(encoder, "config.json", cache_dir=hub_cache_dir()), str)


def check_encoder(resolved: ResolvedModel, config_key: str, allow_download: bool = True) -> bool:
    """Returns local_files_only for comet's loader; unavailable when the encoder files cannot be had."""
    if encoder_is_local(resolved.encoder):
        return True
    if hub_offline():
        why = "HF_HUB_OFFLINE is set"
    elif not allow_download:
        why = f"metrics.{config_key}.download is false"
    elif not hub_reachable(PROBE_TIMEOUT):
        why = "huggingface.co cannot be reached"
    else:
        return False
    raise MetricUnavailable(
        f"COMET model {resolved.name!r} needs the tokenizer and config of {resolved.encoder!r}, which are not "
        f"in the local Hugging Face cache ({hub_cache_dir()}) and {why}; pre-download them on a connected machine: "
        f"huggingface-cli download {resolved.encoder} config.json tokenizer.json sentencepiece.bpe.model")


def checkpoint_sha256(checkpoint: Path, memo: Cache | None = None) -> str:
    """Content hash of the checkpoint: the blob name in a HF cache, else sha256 (memoised by size+mtime)."""
    real = checkpoint.resolve()
    if real.parent.name == "blobs" and _SHA256.match(real.name):
        return real.name  # Hugging Face names LFS blobs by their sha256
    stat = real.stat()
    memo_key = make_key("sha256", str(real), stat.st_size, stat.st_mtime_ns)
    if memo is not None:
        known = memo.get_many([memo_key]).get(memo_key)
        if known:
            return str(known)
    digest = hashlib.sha256()
    with real.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 22), b""):
            digest.update(block)
    value = digest.hexdigest()
    if memo is not None:
        memo.put_many({memo_key: value})
    return value


@contextlib.contextmanager
def quiet_comet() -> Iterator[None]:
    """COMET and Lightning log banners and deprecation warnings on import and load; keep stderr for real problems."""
    loggers = [logging.getLogger(name) for name in ("comet", "pytorch_lightning", "lightning", "lightning.pytorch")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def comet_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("unbabel-comet")
    except PackageNotFoundError:
        return "missing"


class LoadedModels:
    """Keeps the last loaded model, so a multirun sweep in one process loads it once."""

    def __init__(self) -> None:
        self._key: tuple[Any, ...] | None = None
        self._model: Any = None

    def load(self, resolved: ResolvedModel, config_key: str, allow_download: bool = True) -> Any:
        key = (str(resolved.checkpoint.resolve()), resolved.hparams_text)
        if key != self._key:
            self._model, self._key = None, None
            self._model = _load(resolved, config_key, allow_download)
            self._key = key
        return self._model


def _load(resolved: ResolvedModel, config_key: str, allow_download: bool) -> Any:
    local_only = check_encoder(resolved, config_key, allow_download)
    try:
        with quiet_comet():
            from comet import load_from_checkpoint

            model = load_from_checkpoint(str(resolved.checkpoint), local_files_only=local_only)
    except ImportError as exc:
        raise MetricUnavailable(f"COMET needs the unbabel-comet package ({exc}); "
                                f"pip install 'mt-harness[comet]'") from None
    except Exception as exc:  # a corrupt checkpoint or an encoder that cannot be fetched
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise unavailable(resolved.name, config_key, f"cannot be loaded ({type(exc).__name__}: {first})") from None
    model.eval()
    return model


LOADED = LoadedModels()

