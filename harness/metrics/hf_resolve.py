"""Finding a Hugging Face model folder (MetricX, BLEURT, BERTScore): a local path, the HF cache, or a download.

As for COMET (:mod:`harness.metrics.comet_models`), the offline answer comes first and fast: a model
that is neither on disk nor reachable is one ``MetricUnavailable`` line naming it and how to provide
it, never a network hang or a traceback.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from harness.cache import Cache
from harness.hub import PROBE_TIMEOUT, hub_cache_dir, hub_offline, hub_reachable
from harness.metrics.base import MetricUnavailable
from harness.metrics.comet_models import checkpoint_sha256, looks_like_path

#: Files whose bytes are the model's numbers (the content hash covers these and config.json).
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth")


def how_to_provide(label: str, model: str, config_key: str) -> str:
    if looks_like_path(model) or Path(model).expanduser().exists():
        return (f"metrics.{config_key}.model takes a local folder saved by transformers' save_pretrained "
                f"(config.json, weights, tokenizer) or a Hugging Face model id")
    return (f"pass a local folder with metrics.{config_key}.model=/path/to/{label.lower()}, point HF_HOME at a "
            f"Hugging Face cache that holds it, or pre-download it on a connected machine: "
            f"huggingface-cli download {model}")


def unavailable(label: str, model: str, config_key: str, why: str) -> MetricUnavailable:
    return MetricUnavailable(f"{label} model {model!r} {why}; {how_to_provide(label, model, config_key)}")


def _usable(folder: Path, needs: tuple[str, ...]) -> bool:
    return any((folder / name).is_file() for name in needs)


def cached_snapshot(model: str, needs: tuple[str, ...] = ("config.json",)) -> Path | None:
    """The model's folder in the local Hugging Face cache, when it holds one of ``needs``."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        path = Path(snapshot_download(repo_id=model, cache_dir=hub_cache_dir(), local_files_only=True))
    except (LocalEntryNotFoundError, FileNotFoundError, ValueError, OSError):
        return None
    return path if _usable(path, needs) else None


def resolve_folder(label: str, model: str, config_key: str, allow_download: bool,
                   needs: tuple[str, ...] = ("config.json",)) -> Path:
    """A local folder holding one of ``needs``: the path itself, the HF cache, or (when allowed and online) a
    download."""
    path = Path(model).expanduser()
    if path.exists():
        if not _usable(path, needs):
            raise unavailable(label, model, config_key, f"is a path without {' or '.join(needs)} ({path})")
        return path
    if looks_like_path(model):
        raise unavailable(label, model, config_key, "is neither an existing path nor a Hugging Face model id")
    snapshot = cached_snapshot(model, needs)
    if snapshot is not None:
        return snapshot
    where = f"is not in the local Hugging Face cache ({hub_cache_dir()})"
    if hub_offline():
        raise unavailable(label, model, config_key, f"{where} and HF_HUB_OFFLINE is set")
    if not allow_download:
        raise unavailable(label, model, config_key, where)
    if not hub_reachable(PROBE_TIMEOUT):
        raise unavailable(label, model, config_key, f"{where} and huggingface.co cannot be reached within "
                                                    f"{PROBE_TIMEOUT:g} s")
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HfHubHTTPError

    try:
        return Path(snapshot_download(repo_id=model, cache_dir=hub_cache_dir(), etag_timeout=PROBE_TIMEOUT))
    except (HfHubHTTPError, OSError) as exc:
        raise unavailable(label, model, config_key, f"failed to download ({type(exc).__name__}: {exc})") from None


def folder_sha256(folder: Path, memo: Cache | None = None) -> str:
    """One content hash of the weight files and config.json (the HF blob names where the cache has them)."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and (p.suffix in WEIGHT_SUFFIXES or p.name == "config.json"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.name}:{checkpoint_sha256(path, memo)}\n".encode())
    return digest.hexdigest()
