"""Any OpenAI-compatible chat-completions endpoint: OpenAI, vLLM, Ollama, llama.cpp server, ...

One request per segment (an LLM asked for many segments at once drops or merges lines), at most
``concurrency`` in flight, temperature 0. The reply is cleaned of what chat models add around a
translation: quotes, "Here is the translation:", notes, <think> blocks, code fences.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from harness.errors import HarnessError
from systems.http import HttpSystem, as_completed_in_pool, segment_label
from systems.langcodes import language_name

if TYPE_CHECKING:
    from harness.references import ReferenceSet

DEFAULT_SYSTEM_PROMPT = (
    "You are a professional translator. Translate the user's text from {src_name} to {tgt_name}. "
    "Reply with the translation only, without quotes, notes or explanations."
)
#: The system prompt when units (paragraphs, documents) are sent instead of sentences (unit=paragraph|document).
DEFAULT_DOCUMENT_PROMPT = (
    "You are a professional translator. Translate the user's {unit} of a document from {src_name} to {tgt_name}. "
    "Translate all of it, sentence by sentence, in order, leaving nothing out and adding nothing; keep names, "
    "numbers and terms consistent with the rest of the document. "
    "Reply with the translation only, without quotes, notes or explanations."
)
#: How the previous units are shown when ``context_units`` > 0: for reference only, not to be translated.
CONTEXT_TEMPLATE = (
    "For context only, the preceding text of the document (do not translate it):\n{context}\n\n"
    "Translate this {unit}:\n{text}"
)
#: Reply tokens reserved per source word when deciding whether a unit's translation fits ``max_tokens``.
TOKENS_PER_WORD = 2
_PLACEHOLDER = re.compile(r"\{(src_lang|tgt_lang|src_name|tgt_name|text|unit|context)\}")
_THINK = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_FENCE = re.compile(r"^```[\w-]*\n(.*?)\n?```$", re.DOTALL)
_PREAMBLE = re.compile(
    r"^(?:sure[,!.]?\s*)?(?:here(?:'s| is) (?:the |my |a )?(?:\w+ )?translation[^:\n]*:|"
    r"(?:\w+ )?translation(?: \([^)]*\))?:)\s*",
    re.IGNORECASE,
)
_NOTE = re.compile(r"\n\s*\n\s*\(?(?:note|explanation|notes)\b.*$", re.DOTALL | re.IGNORECASE)
_QUOTES = (('"', '"'), ("“", "”"), ("„", "“"), ("«", "»"), ("'", "'"), ("‘", "’"))


def fill(template: str, values: dict[str, str]) -> str:
    """Replace only the known ``{placeholders}``: other braces in a prompt stay as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def clean_reply(reply: str, source: str) -> str:
    """The translation inside a chat reply; quotes are removed only when the source had none."""
    text = _THINK.sub("", reply).strip()
    fence = _FENCE.match(text)
    if fence:
        text = fence.group(1).strip()
    text = _PREAMBLE.sub("", text, count=1).strip()
    if "\n\n" not in source:
        text = _NOTE.sub("", text).strip()
    for opening, closing in _QUOTES:
        if (
            len(text) >= 2
            and text.startswith(opening)
            and text.endswith(closing)
            and not source.strip().startswith(opening)
        ):
            text = text[len(opening) : -len(closing)].strip()
            break
    return text


class OpenAI(HttpSystem):
    """``base_url`` is the API root (``.../v1``); ``model`` as the server names it."""

    default_name = "openai"

    def __init__(
        self,
        model: str,
        base_url: str = "https://api.openai.com/v1",
        system_prompt: str = DEFAULT_SYSTEM_PROMPT,
        user_prompt: str = "{text}",
        temperature: float = 0.0,
        max_tokens: int | None = 1024,
        seed: int | None = None,
        extra_body: dict[str, Any] | None = None,
        clean: bool = True,
        api_key_env: str | None = "OPENAI_API_KEY",
        document_prompt: str = DEFAULT_DOCUMENT_PROMPT,
        context_units: int = 0,
        **http: Any,
    ) -> None:
        if not model or model == "???":
            raise HarnessError("system 'openai' needs a model: system.model=gpt-4o-mini (as the server names it)")
        if "{text}" not in user_prompt:
            raise HarnessError("system 'openai': user_prompt must contain {text}")
        self.model = model
        self.base_url = base_url.rstrip("/")
        self.system_prompt = system_prompt or ""
        self.user_prompt = user_prompt
        self.temperature = float(temperature)
        self.max_tokens = max_tokens
        self.seed = seed
        self.extra_body = dict(extra_body or {})
        self.clean = clean
        self.document_prompt = document_prompt or ""
        if isinstance(context_units, bool) or not isinstance(context_units, int) or context_units < 0:
            raise HarnessError(f"system.context_units must be a whole number of at least 0, got {context_units!r}")
        self.context_units = context_units
        self._unit = "sentence"
        self._context: dict[str, str] = {}  # unit text -> the source units before it (same document)
        self._context_hash = ""
        super().__init__(api_key_env=api_key_env, **http)

    def derive_name(self) -> str:
        return f"openai-{re.sub(r'[^A-Za-z0-9._+-]+', '_', self.model)}"

    def setup(self, reference: ReferenceSet) -> None:
        """At paragraph or document level, note the unit and, with ``context_units``, each unit's
        preceding units of the same document (the first occurrence of a repeated unit text wins)."""
        self._unit = str(reference.meta.get("unit", "sentence"))
        self._context = {}
        self._context_hash = ""
        if self._unit == "sentence" or not self.context_units:
            return
        docs = reference.docs or ["1"] * len(reference)
        for k, text in enumerate(reference.src):
            before = [reference.src[j] for j in range(max(0, k - self.context_units), k) if docs[j] == docs[k]]
            self._context.setdefault(text, "\n\n".join(before))
        # A unit's context is the document around it: cached translations are reused only within it.
        self._context_hash = hashlib.sha256("\n".join(reference.src).encode("utf-8")).hexdigest()[:16]

    def fits(self, texts: list[str], src_lang: str, tgt_lang: str) -> list[bool]:
        """A unit fits when its translation can fit ``max_tokens``: counted as TOKENS_PER_WORD tokens a
        source word (generous for European languages), so a long document is sent in pieces instead of
        coming back cut off. No limit without ``max_tokens``."""
        if not self.max_tokens:
            return [True] * len(texts)
        return [len(text.split()) * TOKENS_PER_WORD <= int(self.max_tokens) for text in texts]

    def messages(self, text: str, src_lang: str, tgt_lang: str) -> list[dict[str, str]]:
        values = {
            "src_lang": src_lang,
            "tgt_lang": tgt_lang,
            "src_name": language_name(src_lang),
            "tgt_name": language_name(tgt_lang),
            "text": text,
            "unit": self._unit,
        }
        prompt = self.system_prompt if self._unit == "sentence" else self.document_prompt
        messages = [{"role": "system", "content": fill(prompt, values)}] if prompt else []
        context = self._context.get(text, "")
        user = fill(self.user_prompt, values)
        if context:
            user = fill(CONTEXT_TEMPLATE, {**values, "context": context, "text": user})
        return [*messages, {"role": "user", "content": user}]

    def _request(self, text: str, src_lang: str, tgt_lang: str, headers: dict[str, str]) -> str:
        payload: dict[str, Any] = {
            "model": self.model,
            "messages": self.messages(text, src_lang, tgt_lang),
            "temperature": self.temperature,
            **self.extra_body,
        }
        if self.max_tokens:
            payload["max_tokens"] = int(self.max_tokens)
        if self.seed is not None:
            payload["seed"] = int(self.seed)
        what = segment_label(text)
        reply = self.post_json(f"{self.base_url}/chat/completions", payload, headers, what)
        try:
            content = reply["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise HarnessError(f"system {self.name!r}: {what}: the reply has no choices[0].message.content") from None
        if not isinstance(content, str):
            raise HarnessError(f"system {self.name!r}: {what}: the reply's content is empty")
        return clean_reply(content, text) if self.clean else content.strip()

    def translate_stream(self, segments: list[str], src_lang: str, tgt_lang: str) -> Iterator[tuple[int, str]]:
        key = self.api_key()
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        work = lambda i: self._request(segments[i], src_lang, tgt_lang, headers)  # noqa: E731
        yield from as_completed_in_pool(range(len(segments)), work, self.concurrency)

    def fingerprint_config(self) -> dict[str, Any]:
        return {
            "base_url": self.base_url,
            "model": self.model,
            "system_prompt": self.system_prompt,
            "user_prompt": self.user_prompt,
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
            "seed": self.seed,
            "extra_body": self.extra_body,
            "clean": self.clean,
            **({"document_prompt": self.document_prompt, "context_units": self.context_units,
                "context_of": self._context_hash} if self._unit != "sentence" else {}),
            **self.service_fingerprint(),
        }
