"""openai at paragraph level against a real local OpenAI-compatible server: the document-aware prompt,
the previous units passed as context (never across a document boundary), and a whole CLI run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.references import load_reference
from harness.structure import make_units
from harness.unit_translate import translate_units
from systems.openai import CONTEXT_TEMPLATE, DEFAULT_DOCUMENT_PROMPT, DEFAULT_SYSTEM_PROMPT, OpenAI, fill

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "references" / "sample_deen"
# Two documents (5 + 7 sentences), five paragraphs.
DOCIDS = ["a"] * 5 + ["b"] * 7
PARAGRAPHS = ["p1", "p1", "p2", "p2", "p2", "p3", "p3", "p4", "p4", "p4", "p5", "p5"]


@pytest.fixture
def structured(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "docids").write_text("\n".join(DOCIDS) + "\n", encoding="utf-8")
    (tmp_path / "paragraphs").write_text("\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    return {"name": "sample_deen", "src_lang": "de", "tgt_lang": "en", "src": str(SAMPLE / "aligned.de"),
            "ref": str(SAMPLE / "aligned.en"), "docids": str(tmp_path / "docids"),
            "paragraphs": str(tmp_path / "paragraphs")}


def translate_only_the_unit(api) -> None:
    """The fake server translates what follows 'Translate this paragraph:' (the context is not translated)."""
    plain = api.reply
    api.reply = lambda path, texts: plain(path, [t.split("Translate this paragraph:\n")[-1] for t in texts])


def test_paragraphs_get_the_document_prompt_and_the_previous_unit_as_context(api, structured, tmp_path):
    translate_only_the_unit(api)
    units = make_units(load_reference(structured), "paragraph")
    system = OpenAI(model="m", base_url=f"{api.url}/v1", api_key_env=None, context_units=1, concurrency=1)
    hyps, notes = translate_units(system, units, cache_dir=tmp_path / "cache")
    texts = units.reference.src
    assert len(texts) == 5 and notes == []
    assert hyps == [api.expected(t) for t in texts]
    sent = {r["body"]["messages"][-1]["content"]: r["body"]["messages"] for r in api.requests}
    assert len(sent) == 5
    system_prompt = fill(DEFAULT_DOCUMENT_PROMPT, {"unit": "paragraph", "src_name": "German", "tgt_name": "English"})
    assert all(m[0] == {"role": "system", "content": system_prompt} for m in sent.values())
    with_context = lambda k: CONTEXT_TEMPLATE.format(context=texts[k - 1], unit="paragraph", text=texts[k])  # noqa: E731
    # units 0 and 2 open documents a and b: no context; the others carry the unit before them
    assert set(sent) == {texts[0], with_context(1), texts[2], with_context(3), with_context(4)}


def test_sentence_mode_and_context_settings_keep_their_own_cache_entries(api, structured):
    reference = load_reference(structured)
    plain = OpenAI(model="m", base_url=f"{api.url}/v1", api_key_env=None)
    plain.setup(reference)
    assert plain.messages("Hallo", "de", "en")[0]["content"] == fill(
        DEFAULT_SYSTEM_PROMPT, {"src_name": "German", "tgt_name": "English"})
    sentence_fingerprint = plain.fingerprint
    units = make_units(reference, "paragraph").reference
    fingerprints = set()
    for context in (0, 2):
        system = OpenAI(model="m", base_url=f"{api.url}/v1", api_key_env=None, context_units=context)
        system.setup(units)
        fingerprints.add(system.fingerprint)
    assert len(fingerprints | {sentence_fingerprint}) == 3


def test_a_paragraph_level_run_through_the_cli(api, structured, tmp_path):
    translate_only_the_unit(api)
    overrides = [f"reference.{k}={v}" for k, v in structured.items()]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MT_HARNESS_CACHE": str(tmp_path / "cache")}
    run = subprocess.run(
        [sys.executable, "-m", "harness", "reference=files", *overrides, "unit=paragraph", "system=openai",
         "system.model=m", f"system.base_url={api.url}/v1", "system.api_key_env=null", "system.context_units=2",
         "metrics=[chrf]", f"results_dir={tmp_path / 'results'}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    info = json.loads((tmp_path / "results" / "sample_deen.paragraph" / "openai-m" / "scores.json").read_text())
    assert info["unit"]["units"] == 5 and info["reference"]["segments"] == 12
    assert info["metrics"]["chrf"]["signature"].endswith("|unit:paragraph|reseg:mwer")
    assert len(api.requests) == 5 and sum("For context only" in r["body"]["messages"][-1]["content"]
                                          for r in api.requests) == 3


@pytest.mark.parametrize("kind", ["deepl", "google"])
def test_deepl_and_google_get_one_text_per_paragraph(kind, api, structured, tmp_path):
    from systems.deepl import DeepL
    from systems.google import Google

    cls = DeepL if kind == "deepl" else Google
    system = cls(base_url=api.url, api_key_env=None, batch_size=5, backoff=0.01, timeout=2.0)
    units = make_units(load_reference(structured), "paragraph")
    hyps, _ = translate_units(system, units, cache_dir=tmp_path / "cache")
    assert hyps == [api.expected(t) for t in units.reference.src]
    sent = [text for r in api.requests for text in api.texts_of(r["path"], r["body"])]
    assert sorted(sent) == sorted(units.reference.src)  # whole paragraphs, each once


def test_a_unit_whose_translation_would_not_fit_max_tokens_is_sent_in_pieces(api, structured, tmp_path):
    reference = load_reference(structured)
    units = make_units(reference, "document")  # documents a (5 sentences) and b (7)
    system = OpenAI(model="m", base_url=f"{api.url}/v1", api_key_env=None, max_tokens=60, concurrency=1)
    hyps, notes = translate_units(system, units, cache_dir=tmp_path / "cache")
    sent = [r["body"]["messages"][-1]["content"] for r in api.requests]
    assert all(len(text.split()) * 2 <= 60 for text in sent)  # every request's reply fits max_tokens
    assert sorted(" ".join(sent).split()) == sorted(" ".join(reference.src).split())  # nothing lost or repeated
    assert hyps == [" ".join(api.expected(t) for t in sent if t in units.reference.src[k]) for k in range(2)]
    assert notes and notes[0].startswith("2 document unit(s) longer than system 'openai-m' takes")
