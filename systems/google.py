"""Google Cloud Translation: v2 "basic" (API key) and v3 "advanced" (OAuth access token, project)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from harness.errors import HarnessError
from systems.http import HttpSystem, chunks_within

#: v2 takes at most 128 texts per request; Google recommends under 5,000 characters per request
#: for v2 and at most 30,000 code points for v3.
MAX_TEXTS = 128
MAX_CHARS = {"v2": 5_000, "v3": 30_000}


class Google(HttpSystem):
    """``api: v2`` sends the key in the ``X-Goog-Api-Key`` header (never in the URL);
    ``api: v3`` sends ``Authorization: Bearer <token>`` and needs ``project``."""

    default_name = "google"

    def __init__(
        self,
        api: str = "v2",
        project: str | None = None,
        location: str = "global",
        model: str | None = None,
        base_url: str = "https://translation.googleapis.com",
        batch_size: int = MAX_TEXTS,
        api_key_env: str | None = "GOOGLE_API_KEY",
        **http: Any,
    ) -> None:
        if api not in MAX_CHARS:
            raise HarnessError(f"system 'google': api must be v2 or v3, got {api!r}")
        if api == "v3" and not project:
            raise HarnessError("system 'google': api v3 needs a project: system.project=MY_PROJECT")
        if not 1 <= batch_size <= MAX_TEXTS:
            raise HarnessError(f"system 'google': batch_size must be 1..{MAX_TEXTS}, got {batch_size}")
        self.api = api
        self.project = project
        self.location = location
        self.model = model
        self.base_url = base_url.rstrip("/")
        self.batch_size = int(batch_size)
        super().__init__(api_key_env=api_key_env, **http)

    def request_parts(self, texts: list[str], src_lang: str, tgt_lang: str, key: str | None) -> tuple[str, dict[str, Any], dict[str, str]]:
        """URL, JSON body and headers of one request, as each API version documents them."""
        if self.api == "v2":
            body: dict[str, Any] = {"q": texts, "source": src_lang, "target": tgt_lang, "format": "text"}
            if self.model:
                body["model"] = self.model
            return f"{self.base_url}/language/translate/v2", body, {"X-Goog-Api-Key": key} if key else {}
        parent = f"projects/{self.project}/locations/{self.location}"
        body = {
            "contents": texts,
            "sourceLanguageCode": src_lang,
            "targetLanguageCode": tgt_lang,
            "mimeType": "text/plain",
        }
        if self.model:
            body["model"] = self.model
        headers = {"x-goog-user-project": str(self.project)}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        return f"{self.base_url}/v3/{parent}:translateText", body, headers

    def translations(self, reply: Any) -> list[str]:
        items = reply["data"]["translations"] if self.api == "v2" else reply["translations"]
        return [item["translatedText"] for item in items]

    def translate_stream(self, segments: list[str], src_lang: str, tgt_lang: str) -> Iterator[tuple[int, str]]:
        key = self.api_key()
        groups = chunks_within(segments, self.batch_size, MAX_CHARS[self.api])
        build = lambda texts: self.request_parts(texts, src_lang, tgt_lang, key)  # noqa: E731
        yield from self.stream_batches(segments, groups, build, self.translations)

    def fingerprint_config(self) -> dict[str, Any]:
        return {"api": self.api, "model": self.model, "location": self.location, **self.service_fingerprint()}
