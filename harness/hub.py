"""The Hugging Face hub as seen from here: offline switches, the local cache, and a quick reachability probe.

Without a network huggingface_hub retries for half a minute before it fails; one probe with a short
timeout lets COMET and the hf/ct2 systems say at once that a model is not available.
"""

from __future__ import annotations

import os
import socket
import threading

#: Seconds to wait for huggingface.co before deciding it cannot be reached.
PROBE_TIMEOUT = float(os.environ.get("MT_HARNESS_HUB_TIMEOUT", "4"))


def hub_offline() -> bool:
    """HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE, read now (huggingface_hub reads them at import)."""
    return any(os.environ.get(v, "").strip().upper() in {"1", "ON", "YES", "TRUE"}
               for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


def hub_cache_dir() -> str:
    """Read now from the environment, like hub_offline (tests and wrappers set it after import)."""
    from huggingface_hub import constants

    if os.environ.get("HF_HUB_CACHE") or os.environ.get("HUGGINGFACE_HUB_CACHE"):
        return os.environ.get("HF_HUB_CACHE") or os.environ["HUGGINGFACE_HUB_CACHE"]
    if os.environ.get("HF_HOME"):
        return os.path.join(os.path.expanduser(os.environ["HF_HOME"]), "hub")
    return constants.HF_HUB_CACHE


def hub_reachable(timeout: float = PROBE_TIMEOUT) -> bool:
    """A TCP connection to the hub, given up after ``timeout`` even when name resolution hangs."""
    from urllib.parse import urlparse

    from huggingface_hub import constants

    url = urlparse(constants.ENDPOINT)
    address = (url.hostname or "huggingface.co", url.port or (443 if url.scheme == "https" else 80))
    outcome: list[bool] = []

    def connect() -> None:
        try:
            socket.create_connection(address, timeout=timeout).close()
            outcome.append(True)
        except OSError:
            outcome.append(False)

    worker = threading.Thread(target=connect, daemon=True)
    worker.start()
    worker.join(timeout)
    return bool(outcome and outcome[0])
