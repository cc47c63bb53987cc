"""Fixtures for the systems tests.

A real HTTP server on 127.0.0.1 speaking the request/response shapes of the OpenAI chat, DeepL and
Google Translation APIs, with injectable failures (429 + Retry-After, 500, slow replies, a hold)."""

from __future__ import annotations

import collections
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def fake_translate(text: str) -> str:
    """Deterministic and visibly different from the source: words reversed, upper-cased."""
    return " ".join(reversed(text.split())).upper()


class FakeApi:
    expected = staticmethod(fake_translate)

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []
        self.answered: collections.Counter[str] = collections.Counter()
        self.failures: list[tuple[int, dict[str, str]]] = []  # served to the next requests, in order
        self.fail_texts: dict[str, int] = {}  # text -> status, every time
        self.slow: dict[str, float] = {}  # text -> seconds to sleep before answering (once)
        self.hold_after: int | None = None  # answer this many texts, then hold every later request
        self.released = threading.Event()
        self.held = threading.Event()
        self.reply_wrapper = ""  # e.g. '"{}"' to make the LLM reply quoted
        server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        server.daemon_threads = True
        self.server = server
        self.port = server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()

    def texts_of(self, path: str, body: dict[str, Any]) -> list[str]:
        if path.endswith("/chat/completions"):
            return [body["messages"][-1]["content"]]
        if path.endswith("/v2/translate"):
            return list(body["text"])
        if path.endswith("/language/translate/v2"):
            return list(body["q"])
        return list(body["contents"])

    def reply(self, path: str, texts: list[str]) -> dict[str, Any]:
        out = [fake_translate(t) for t in texts]
        if path.endswith("/chat/completions"):
            content = self.reply_wrapper.format(out[0]) if self.reply_wrapper else out[0]
            return {"id": "x", "object": "chat.completion",
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}]}
        if path.endswith("/v2/translate"):
            return {"translations": [{"detected_source_language": "DE", "text": t} for t in out]}
        if path.endswith("/language/translate/v2"):
            return {"data": {"translations": [{"translatedText": t} for t in out]}}
        return {"translations": [{"translatedText": t} for t in out]}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length))
                texts = api.texts_of(self.path, body)
                with api.lock:
                    api.requests.append({"path": self.path, "headers": dict(self.headers), "body": body, "time": time.monotonic()})
                    failure = api.failures.pop(0) if api.failures else None
                    status = next((api.fail_texts[t] for t in texts if t in api.fail_texts), None)
                    failure = failure or ((status, {}) if status else None)
                    delay = max((api.slow.pop(t, 0.0) for t in texts), default=0.0)
                    hold = api.hold_after is not None and sum(api.answered.values()) + len(texts) > api.hold_after
                if failure:
                    status, headers = failure
                    self._send(status, {"error": {"message": f"injected {status}"}}, headers)
                    return
                if hold:
                    api.held.set()
                    api.released.wait(30)
                    return  # connection dropped without a reply
                if delay:
                    time.sleep(delay)
                reply = api.reply(self.path, texts)
                with api.lock:
                    api.answered.update(texts)
                self._send(200, reply)

        return Handler


@pytest.fixture
def api() -> Iterator[FakeApi]:
    server = FakeApi()
    yield server
    server.close()


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own translation cache (and never touches ~/.cache)."""
    directory = tmp_path / "cache"
    monkeypatch.setenv("MT_HARNESS_CACHE", str(directory))
    return directory
