"""A local OpenAI-compatible judge: the systems tests' loopback server, answering with what each test says."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


def _fake_api_class() -> type:
    path = Path(__file__).parents[1] / "systems" / "conftest.py"
    spec = importlib.util.spec_from_file_location("systems_tests_conftest", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.FakeApi


FakeApi = _fake_api_class()
TRANSLATION = re.compile(r'translation: "(.*)"\nScore: $|translation:\n```(.*)```\n', re.S)


def translation_in(prompt: str) -> str:
    """The hypothesis inside a GEMBA prompt."""
    match = TRANSLATION.search(prompt)
    assert match, prompt
    return match.group(1) if match.group(1) is not None else match.group(2)


class JudgeApi(FakeApi):
    """The answer to a prompt: ``by_translation[hypothesis in the prompt]`` when set, else ``judge(prompt)``;
    a string, or ``{"refusal": ...}`` for a structured refusal."""

    def __init__(self) -> None:
        super().__init__()
        self.by_translation: dict[str, Any] | None = None
        self.judge: Callable[[str], Any] = lambda prompt: "Score: 50"

    def reply(self, path: str, texts: list[str]) -> dict[str, Any]:
        answer = self.by_translation[translation_in(texts[0])] if self.by_translation else self.judge(texts[0])
        message = {"role": "assistant", "content": answer, "refusal": None}
        if isinstance(answer, dict):
            message = {"role": "assistant", "content": None, "refusal": answer["refusal"]}
        return {"id": "x", "object": "chat.completion",
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}]}


@pytest.fixture
def judge_api() -> Iterator[JudgeApi]:
    server = JudgeApi()
    yield server
    server.close()
