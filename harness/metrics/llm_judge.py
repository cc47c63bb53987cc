"""LLM-as-judge (GEMBA-DA or GEMBA-MQM) through any OpenAI-compatible chat endpoint.

The requests go through the ``openai`` system's client (:class:`systems.openai.OpenAI`: retries
with backoff, ``Retry-After``, timeouts, the API key from an environment variable, bounded
concurrency), and the raw answers through the translation cache, keyed by that client's fingerprint
(endpoint, model, prompts, temperature, seed ...) and the prompt: a re-run asks nothing again, and a
change of the parsing needs no new requests. Answers that cannot be read as a score (refusals
included) are counted, listed and left out of the mean (statistics row ``[0, 0]``), never scored 0.
"""

from __future__ import annotations

import math
import sys
from typing import Any

import numpy as np

from harness.errors import HarnessError
from harness.metrics.base import Metric, MetricResult, MetricUnavailable
from harness.metrics.llm_judge_prompts import (
    PARSERS,
    PROMPT_VERSION,
    REFUSAL_MARK,
    STYLES,
    Verdict,
    messages,
    prompt_hash,
)
from harness.metrics.variants import OptionVariant
from systems.openai import OpenAI


class JudgeClient(OpenAI):
    """The openai system's client with the judge's prompts; answers come back raw (no cleaning).

    A reply whose message carries a ``refusal`` instead of content (OpenAI's structured refusals) is
    returned as a marked refusal, so it is counted as one rather than stopping the run.
    """

    default_name = "llm-judge"

    def post_json(self, url: str, payload: Any, headers: dict[str, str], what: str) -> Any:
        reply = super().post_json(url, payload, headers, what)
        try:
            message = reply["choices"][0]["message"]
        except (KeyError, IndexError, TypeError):
            return reply
        if isinstance(message, dict) and message.get("content") is None and message.get("refusal"):
            message["content"] = REFUSAL_MARK + str(message["refusal"])
        return reply


class LLMJudge(OptionVariant, Metric):
    """``style``: gemba-da (0-100, with the reference unless ``use_reference=false``) or gemba-mqm (0 to -25)."""

    segment_mean = True
    higher_is_better = True
    #: The judge has no default (``model: ???``), so it is always named: two judges are two columns.
    #: The endpoint is not (the same model served elsewhere is the same judge; the signature has the host).
    variant_options = ("model", "style", "use_reference", "temperature")
    default_config_key = "llm_judge"

    def __init__(self, model: str = "???", base_url: str = "https://api.openai.com/v1", style: str = "gemba-da",
                 name: str | None = None, use_reference: bool = True, src_lang: str = "", tgt_lang: str = "",
                 temperature: float = 0.0, max_tokens: int | None = 512, seed: int | None = None,
                 api_key_env: str | None = "OPENAI_API_KEY", timeout: float = 60.0, max_retries: int = 6,
                 concurrency: int = 4, cache: bool = True, cache_dir: str | None = None) -> None:
        if style not in STYLES:
            raise HarnessError(f"metrics.llm_judge.style must be one of {', '.join(STYLES)}, got {style!r}")
        if not model or model == "???":
            raise HarnessError("metrics.llm_judge needs a model: metrics.llm_judge.model=gpt-4o (as the server names it)")
        self.model = model
        self.base_url = base_url
        self.style = style
        self.name = name or ("GEMBA-DA" if style == "gemba-da" else "GEMBA-MQM")
        self.use_reference = bool(use_reference) and style == "gemba-da"
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self.temperature = float(temperature)
        self.max_tokens = max_tokens
        self.seed = seed
        self.http = {"api_key_env": api_key_env, "timeout": timeout, "max_retries": max_retries,
                     "concurrency": concurrency}
        self.use_cache = bool(cache)
        self.cache_dir = cache_dir

    @property
    def needs_reference(self) -> bool:  # type: ignore[override]
        return self.use_reference

    def variant_values(self) -> dict[str, Any]:
        """``use_reference`` means something for gemba-da only (gemba-mqm never reads a reference)."""
        values = super().variant_values()
        if self.style != "gemba-da":
            values.pop("use_reference")
        return values

    def client(self) -> JudgeClient:
        system_prompt, _ = messages(self.style, {"src": "", "mt": "", "src_name": "", "tgt_name": ""})
        return JudgeClient(model=self.model, base_url=self.base_url, system_prompt=system_prompt, user_prompt="{text}",
                           temperature=self.temperature, max_tokens=self.max_tokens, seed=self.seed, clean=False,
                           name="llm-judge", cache=self.use_cache, **self.http)

    def prompts(self, hyps: list[str], refs: list[str] | None, srcs: list[str]) -> list[str]:
        from systems.langcodes import language_name

        names = {"src_name": language_name(self.src_lang) if self.src_lang else "source language",
                 "tgt_name": language_name(self.tgt_lang) if self.tgt_lang else "target language"}
        out = []
        for i, (src, mt) in enumerate(zip(srcs, hyps)):
            values = {"src": src, "mt": mt, **names}
            if refs is not None and self.use_reference:
                values["ref"] = refs[i]
            out.append(messages(self.style, values)[1])
        return out

    def answers(self, prompts: list[str]) -> dict[str, str]:
        """Each distinct prompt's raw answer: from the translation cache, else asked (and cached as it arrives)."""
        from harness.translate import open_cache, stream_translations, translation_key

        client = self.client()
        unique = list(dict.fromkeys(prompts))
        cache = open_cache(self.cache_dir) if self.use_cache else None
        try:
            keys = {p: translation_key(client.fingerprint, self.src_lang, self.tgt_lang, p) for p in unique}
            found = cache.get_many(list(keys.values())) if cache is not None else {}
            answers = {p: found[k] for p, k in keys.items() if k in found}
            missing = [p for p in unique if p not in answers]
            arriving = stream_translations(client, missing, self.src_lang, self.tgt_lang) if missing else iter(())
            for index, answer in arriving:  # a fully cached run needs no key and no server
                answers[missing[index]] = answer
                if cache is not None:
                    cache.put_many({keys[missing[index]]: answer})
        except HarnessError as exc:  # what arrived is cached; the metric is recorded unavailable with the reason
            raise MetricUnavailable(f"{self.name} judge failed: {exc}") from None
        finally:
            if cache is not None:
                cache.close()
        return answers

    def score(self, hyps: list[str], refs: list[str] | None, srcs: list[str]) -> MetricResult:
        prompts = self.prompts(hyps, refs, srcs)
        answers = self.answers(prompts)
        verdicts: list[Verdict] = [PARSERS[self.style](answers[p]) for p in prompts]
        stats = np.array([[v.score, 1.0] if v.score is not None else [0.0, 0.0] for v in verdicts],
                         dtype=np.float64).reshape(-1, 2)
        bad = [i for i, v in enumerate(verdicts) if v.score is None]
        refused = sum(verdicts[i].problem == "refused" for i in bad)
        if bad:
            print(f"warning: {self.name}: {len(bad)} of {len(verdicts)} answers unparseable ({refused} refusals); "
                  f"left out of the mean, listed in scores.json", file=sys.stderr)
        if verdicts and len(bad) == len(verdicts):
            raise MetricUnavailable(f"{self.name}: none of the judge's {len(verdicts)} answers could be read as a "
                                    f"score ({refused} refusals); first answer: {answers[prompts[0]][:120]!r}")
        details: dict[str, Any] = {
            "judge_model": self.model,
            "style": self.style,
            "prompt_version": f"{PROMPT_VERSION}-{prompt_hash(self.style)}",
            "temperature": self.temperature,
            "inputs": ["src", "mt", "ref"] if refs is not None and self.use_reference else ["src", "mt"],
            "scored_segments": len(verdicts) - len(bad),
            "unparseable": len(bad),
            "refused": refused,
            "unparseable_segments": bad,
        }
        if self.style == "gemba-mqm":
            details["mqm_errors"] = [v.errors for v in verdicts]
        return MetricResult(
            name=self.name,
            score=self.aggregate(stats.sum(axis=0)) if len(bad) < len(verdicts) else None,
            signature=self.signature(),
            segment_scores=[v.score if v.score is not None else math.nan for v in verdicts],
            stats=stats,
            higher_is_better=True,
            details=details,
        )

    def aggregate(self, totals: np.ndarray) -> float:
        """Mean over the answers that gave a score."""
        totals = np.asarray(totals, dtype=np.float64)
        return float(totals[0] / totals[1]) if totals[1] else math.nan

    def signature(self) -> str:
        host = self.base_url.split("://", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1]
        parts = [f"judge:{self.model}", f"style:{self.style}", f"prompt:v{PROMPT_VERSION}-{prompt_hash(self.style)}",
                 f"temp:{self.temperature:g}", "ref" if self.use_reference else "qe", f"endpoint:{host}"]
        if self.seed is not None:
            parts.append(f"seed:{self.seed}")
        return "|".join(parts)

    def available_locally(self) -> bool:
        """An endpoint, not a model on disk: runs when named (it is not among the default metrics)."""
        return True

