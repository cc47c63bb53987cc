"""The DeepL API (``POST /v2/translate``), in batches within its request limits."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from harness.errors import HarnessError
from systems.http import HttpSystem, chunks_within
from systems.langcodes import deepl_source, deepl_target

#: DeepL accepts at most 50 texts and 128 KiB per request; characters are a safe proxy with margin.
MAX_TEXTS = 50
MAX_CHARS = 30_000


class DeepL(HttpSystem):
    """``base_url`` defaults to api-free.deepl.com for keys ending in ``:fx``, else api.deepl.com."""

    default_name = "deepl"

    def __init__(
        self,
        base_url: str | None = None,
        source_lang: str | None = None,
        target_lang: str | None = None,
        formality: str | None = None,
        model_type: str | None = None,
        batch_size: int = MAX_TEXTS,
        api_key_env: str | None = "DEEPL_AUTH_KEY",
        **http: Any,
    ) -> None:
        if not 1 <= batch_size <= MAX_TEXTS:
            raise HarnessError(f"system 'deepl': batch_size must be 1..{MAX_TEXTS}, got {batch_size}")
        self.base_url = base_url.rstrip("/") if base_url else None
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.formality = formality
        self.model_type = model_type
        self.batch_size = int(batch_size)
        super().__init__(api_key_env=api_key_env, **http)

    def _url(self, key: str | None) -> str:
        if self.base_url:
            return f"{self.base_url}/v2/translate"
        host = "api-free.deepl.com" if key and key.endswith(":fx") else "api.deepl.com"
        return f"https://{host}/v2/translate"

    def payload(self, texts: list[str], src_lang: str, tgt_lang: str) -> dict[str, Any]:
        body: dict[str, Any] = {
            "text": texts,
            "source_lang": self.source_lang or deepl_source(src_lang),
            "target_lang": self.target_lang or deepl_target(tgt_lang),
        }
        if self.formality:
            body["formality"] = self.formality
        if self.model_type:
            body["model_type"] = self.model_type
        return body

    def translate_stream(self, segments: list[str], src_lang: str, tgt_lang: str) -> Iterator[tuple[int, str]]:
        key = self.api_key()
        url = self._url(key)
        headers = {"Authorization": f"DeepL-Auth-Key {key}"} if key else {}
        groups = chunks_within(segments, self.batch_size, MAX_CHARS)
        build = lambda texts: (url, self.payload(texts, src_lang, tgt_lang), headers)  # noqa: E731
        parse = lambda reply: [item["text"] for item in reply["translations"]]  # noqa: E731
        yield from self.stream_batches(segments, groups, build, parse)

    def fingerprint_config(self) -> dict[str, Any]:
        return {
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "formality": self.formality,
            "model_type": self.model_type,
            **self.service_fingerprint(),
        }
