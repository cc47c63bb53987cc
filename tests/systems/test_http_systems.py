"""openai, deepl and google against a real local HTTP server: shapes, retries, order, keys, errors."""

from __future__ import annotations

import time

import pytest

from harness.errors import HarnessError
from systems.deepl import DeepL
from systems.google import Google
from systems.http import chunks_within
from systems.openai import OpenAI, clean_reply

SEGMENTS = [f"Satz Nummer {i} ist hier." for i in range(12)]
KEY = "sk-test-SECRET-0123456789"
FAST = {"backoff": 0.01, "max_wait": 2.0, "timeout": 2.0}


def make(kind: str, api, **kw):
    if kind == "openai":
        return OpenAI(model="m", base_url=f"{api.url}/v1", api_key_env="TEST_API_KEY", **FAST, **kw)
    if kind == "deepl":
        return DeepL(base_url=api.url, api_key_env="TEST_API_KEY", batch_size=5, **FAST, **kw)
    if kind == "google-v3":
        return Google(api="v3", project="p1", base_url=api.url, api_key_env="TEST_API_KEY", batch_size=5, **FAST, **kw)
    return Google(base_url=api.url, api_key_env="TEST_API_KEY", batch_size=5, **FAST, **kw)


KINDS = ["openai", "deepl", "google", "google-v3"]


@pytest.mark.parametrize("kind", KINDS)
def test_translations_come_back_in_order_with_the_key_in_a_header(kind, api, monkeypatch):
    monkeypatch.setenv("TEST_API_KEY", KEY)
    system = make(kind, api, concurrency=3)
    assert system.translate(SEGMENTS, "de", "en") == [api.expected(s) for s in SEGMENTS]
    for request in api.requests:
        assert KEY not in request["path"]
        assert any(KEY in value for value in request["headers"].values())


def test_request_shapes_follow_each_api(api, monkeypatch):
    monkeypatch.setenv("TEST_API_KEY", KEY)
    make("openai", api).translate(["Hallo Welt"], "de", "en")
    make("deepl", api).translate(["Hallo Welt"], "de", "en")
    make("google", api).translate(["Hallo Welt"], "de", "en")
    make("google-v3", api).translate(["Hallo Welt"], "de", "en")
    chat, deepl, v2, v3 = api.requests
    assert chat["path"] == "/v1/chat/completions"
    assert chat["body"]["temperature"] == 0 and chat["body"]["model"] == "m"
    assert chat["body"]["messages"][0]["role"] == "system"
    assert "from German to English" in chat["body"]["messages"][0]["content"]
    assert chat["body"]["messages"][1] == {"role": "user", "content": "Hallo Welt"}
    assert chat["headers"]["Authorization"] == f"Bearer {KEY}"
    assert deepl["path"] == "/v2/translate"
    assert deepl["body"] == {"text": ["Hallo Welt"], "source_lang": "DE", "target_lang": "EN-US"}
    assert deepl["headers"]["Authorization"] == f"DeepL-Auth-Key {KEY}"
    assert v2["path"] == "/language/translate/v2"
    assert v2["body"] == {"q": ["Hallo Welt"], "source": "de", "target": "en", "format": "text"}
    assert v2["headers"]["X-Goog-Api-Key"] == KEY
    assert v3["path"] == "/v3/projects/p1/locations/global:translateText"
    assert v3["body"]["contents"] == ["Hallo Welt"] and v3["body"]["mimeType"] == "text/plain"
    assert v3["headers"]["Authorization"] == f"Bearer {KEY}"


@pytest.mark.parametrize("kind", KINDS)
def test_429_with_retry_after_and_500_are_retried(kind, api, monkeypatch):
    monkeypatch.setenv("TEST_API_KEY", KEY)
    api.failures = [(429, {"Retry-After": "1"}), (500, {})]
    system = make(kind, api, concurrency=1)
    start = time.monotonic()
    assert system.translate(SEGMENTS[:3], "de", "en") == [api.expected(s) for s in SEGMENTS[:3]]
    elapsed = time.monotonic() - start
    requests = len(SEGMENTS[:3]) if kind == "openai" else 1
    assert len(api.requests) == requests + 2
    gap = api.requests[1]["time"] - api.requests[0]["time"]
    assert 0.9 <= gap < 1.8, "Retry-After: 1 was not honoured"
    assert elapsed < 5


def test_retry_after_is_capped_by_max_wait(api, monkeypatch):
    monkeypatch.setenv("TEST_API_KEY", KEY)
    api.failures = [(429, {"Retry-After": "3600"})]
    system = make("deepl", api)
    system.max_wait = 0.2
    system._session = None
    start = time.monotonic()
    assert system.translate(["a b"], "de", "en") == ["B A"]
    assert time.monotonic() - start < 2


def test_slow_reply_times_out_and_is_retried(api, monkeypatch):
    monkeypatch.setenv("TEST_API_KEY", KEY)
    api.slow = {SEGMENTS[1]: 1.5}
    system = make("openai", api, concurrency=1)
    system.timeout = 0.5
    assert system.translate(SEGMENTS[:3], "de", "en") == [api.expected(s) for s in SEGMENTS[:3]]
    sent = [r["body"]["messages"][-1]["content"] for r in api.requests]
    assert sent.count(SEGMENTS[1]) == 2 and sent.count(SEGMENTS[0]) == 1


def test_after_the_last_retry_the_error_names_system_and_segment(api, monkeypatch):
    monkeypatch.setenv("TEST_API_KEY", KEY)
    api.failures = [(503, {})] * 10
    system = make("openai", api, concurrency=1, max_retries=2)
    with pytest.raises(HarnessError) as caught:
        system.translate(["Der Hund schläft."], "de", "en")
    message = str(caught.value)
    assert message.startswith("system 'openai-m': segment 'Der Hund schläft.' failed after 2 retries")
    assert "503" in message and "\n" not in message
    assert len(api.requests) == 3


def test_a_refused_key_is_not_retried_and_not_printed(api, monkeypatch):
    monkeypatch.setenv("TEST_API_KEY", KEY)
    api.failures = [(401, {})]
    with pytest.raises(HarnessError) as caught:
        make("deepl", api).translate(["Hallo"], "de", "en")
    assert "HTTP 401" in str(caught.value) and "$TEST_API_KEY" in str(caught.value)
    assert KEY not in str(caught.value)
    assert len(api.requests) == 1


def test_a_dead_server_is_an_error_not_a_hang():
    system = OpenAI(model="m", base_url="http://127.0.0.1:9/v1", api_key_env=None, max_retries=1, **FAST)
    start = time.monotonic()
    with pytest.raises(HarnessError, match=r"system 'openai-m': segment 'x' failed: connection refused at http://127.0.0.1:9"):
        system.translate(["x"], "de", "en")
    assert time.monotonic() - start < 3


def test_a_missing_key_variable_is_one_clear_line(api, monkeypatch):
    monkeypatch.delenv("TEST_API_KEY", raising=False)
    with pytest.raises(HarnessError, match=r"^system 'deepl': environment variable TEST_API_KEY is not set"):
        make("deepl", api).translate(["Hallo"], "de", "en")
    assert api.requests == []


def test_the_key_is_not_part_of_the_fingerprint(api, monkeypatch):
    monkeypatch.setenv("TEST_API_KEY", KEY)
    first = make("openai", api).fingerprint
    monkeypatch.setenv("TEST_API_KEY", "another-key")
    assert make("openai", api).fingerprint == first
    assert make("openai", api, temperature=0.5).fingerprint != first


def test_batches_respect_item_and_size_limits():
    texts = ["a" * 10, "b" * 10, "c" * 10, "d" * 25, "e"]
    assert chunks_within(texts, max_items=2, max_chars=1000) == [[0, 1], [2, 3], [4]]
    assert chunks_within(texts, max_items=50, max_chars=30) == [[0, 1, 2], [3, 4]]
    assert chunks_within(["x" * 100], max_items=5, max_chars=30) == [[0]]


@pytest.mark.parametrize(
    ("reply", "source", "expected"),
    [
        ('"The dog sleeps."', "Der Hund schläft.", "The dog sleeps."),
        ("Here is the translation:\n\nThe dog sleeps.", "Der Hund schläft.", "The dog sleeps."),
        ("Translation: The dog sleeps.", "Der Hund schläft.", "The dog sleeps."),
        ("The dog sleeps.\n\nNote: 'schläft' can also mean 'is asleep'.", "Der Hund schläft.", "The dog sleeps."),
        ("<think>short</think>\nThe dog sleeps.", "Der Hund schläft.", "The dog sleeps."),
        ("```\nThe dog sleeps.\n```", "Der Hund schläft.", "The dog sleeps."),
        ('"Yes," he said.', '"Ja", sagte er.', '"Yes," he said.'),
        ('"Run!"', '"Lauf!"', '"Run!"'),
    ],
)
def test_chat_replies_are_cleaned_to_the_translation(reply, source, expected):
    assert clean_reply(reply, source) == expected


def test_quoted_llm_replies_are_unquoted_end_to_end(api, monkeypatch):
    monkeypatch.setenv("TEST_API_KEY", KEY)
    api.reply_wrapper = "“{}”"
    assert make("openai", api).translate(["a b"], "de", "en") == ["B A"]


def test_a_failure_does_not_wait_for_slow_requests_in_flight(api, monkeypatch):
    monkeypatch.setenv("TEST_API_KEY", KEY)
    api.slow = {"langsam": 1.5}
    api.fail_texts = {"kaputt": 400}
    system = make("openai", api, concurrency=2, max_retries=0)
    start = time.monotonic()
    with pytest.raises(HarnessError, match="HTTP 400"):
        system.translate(["kaputt", "langsam"], "de", "en")
    assert time.monotonic() - start < 1.0
