"""Every test gets its own cache directory and no network: nothing leaks into the user's real caches."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_caches(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path_factory.mktemp("mt-harness-cache")
    monkeypatch.setenv("MT_HARNESS_CACHE", str(cache))
    # An empty Hugging Face cache: what is "available locally" must not depend on the developer's machine.
    monkeypatch.setenv("HF_HOME", str(cache / "huggingface"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    return cache
