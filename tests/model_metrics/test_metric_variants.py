"""Issue 14, point 1: a model-based metric with another model (or another score-changing option) is a
column of its own; at the defaults of its own conf/metrics/<key>.yaml, or with options that do not change
scores (batching, devices, caches), it is the plain metric."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hydra.utils import instantiate
from omegaconf import OmegaConf

from harness.merge import stored_key
from harness.metrics import variants
from harness.metrics.bertscore import BERTScore
from harness.metrics.bleurt import BLEURT
from harness.metrics.comet import COMET
from harness.metrics.llm_judge import LLMJudge
from harness.metrics.metricx import MetricX
from harness.paths import CONF_DIR

NOT_SCORING = {"batch_size": 3, "max_tokens": 512, "gpus": 0, "cache": False, "cache_dir": "/elsewhere",
               "download": False}


def shipped(key: str, **overrides):
    """The metric exactly as ``metrics=[key]`` builds it from its YAML, with command-line style overrides."""
    cfg = OmegaConf.load(CONF_DIR / "metrics" / f"{key}.yaml")
    if key == "llm_judge":  # interpolations of the run config, and a judge the user must name
        cfg.src_lang, cfg.tgt_lang, cfg.cache_dir, cfg.model = "de", "en", None, "gpt-4o"
    return instantiate(OmegaConf.merge(cfg, overrides))


@pytest.mark.parametrize("key", ["comet", "cometkiwi", "xcomet", "metricx", "bleurt", "bertscore"])
def test_shipped_defaults_and_non_scoring_options_are_no_variant(key: str) -> None:
    assert shipped(key).variant() == ""
    assert shipped(key, **NOT_SCORING).variant() == ""
    assert stored_key(key, shipped(key, **NOT_SCORING)) == key


def test_comet_model_and_precision_are_variants_against_its_own_yaml() -> None:
    assert shipped("comet", model="Unbabel/wmt22-comet-da").variant() == ""  # the default, named: still COMET
    assert shipped("comet", precision="fp16").variant() == "precision=fp16"
    assert shipped("comet", model="Unbabel/eamt22-cometinho-da", embedding_cache_mb=0).variant() == \
        "model=Unbabel/eamt22-cometinho-da"
    # CometKiwi and XCOMET are the COMET class: their own YAML's model is their default, not COMET's.
    assert shipped("cometkiwi").model == "Unbabel/wmt22-cometkiwi-da"
    assert shipped("xcomet", model="Unbabel/XCOMET-XXL").variant() == "model=Unbabel/XCOMET-XXL"
    assert shipped("cometkiwi", model="Unbabel/wmt22-comet-da").variant() == "model=Unbabel/wmt22-comet-da"
    both = shipped("comet", model="Unbabel/wmt23-cometkiwi-da-xl", precision="bf16")
    assert stored_key("comet", both) == "comet[model=Unbabel/wmt23-cometkiwi-da-xl,precision=bf16]"


def test_model_metrics_name_their_changed_options() -> None:
    assert shipped("metricx", model="google/metricx-24-hybrid-xl-v2p6").variant() == \
        "model=google/metricx-24-hybrid-xl-v2p6"
    assert shipped("metricx", qe=True, max_input_length=512).variant() == "max_input_length=512,qe=true"
    assert shipped("metricx", tokenizer="google/mt5-xl").variant() == ""  # one vocabulary for every size
    assert shipped("bleurt", model="lucadiliello/BLEURT-20-D12").variant() == "model=lucadiliello/BLEURT-20-D12"
    assert shipped("bleurt", max_length=128).variant() == "max_length=128"
    assert shipped("bertscore", model="roberta-large", num_layers=17).variant() == "model=roberta-large,num_layers=17"
    assert shipped("bertscore", num_layers=9).variant() == ""


def test_a_judge_is_always_named_and_its_prompt_options_are_variants() -> None:
    judge = shipped("llm_judge")
    assert judge.variant() == "model=gpt-4o" and stored_key("llm_judge", judge) == "llm_judge[model=gpt-4o]"
    assert shipped("llm_judge", concurrency=16, timeout=5, max_retries=0, cache=False,
                   base_url="http://localhost:8000/v1").variant() == "model=gpt-4o"
    assert shipped("llm_judge", style="gemba-mqm").variant() == "model=gpt-4o,style=gemba-mqm"
    assert shipped("llm_judge", use_reference=False, temperature=0.7).variant() == \
        "model=gpt-4o,temperature=0.7,use_reference=false"
    # gemba-mqm never reads a reference: use_reference says nothing about its scores
    assert shipped("llm_judge", style="gemba-mqm", use_reference=False).variant() == "model=gpt-4o,style=gemba-mqm"


def test_a_local_checkpoint_is_its_folder_name_and_a_hash_of_its_path(tmp_path: Path) -> None:
    first, second = tmp_path / "run1" / "best", tmp_path / "run2" / "best"
    for folder in (first, second):
        (folder / "checkpoints").mkdir(parents=True)
    digest = hashlib.sha256(str(first).encode()).hexdigest()[:8]
    assert COMET(model=str(first)).variant() == f"model=best-{digest}"
    # the checkpoint file in COMET's layout names the same model as its folder; another file another one
    assert COMET(model=str(first / "checkpoints" / "model.ckpt")).variant() == f"model=best-{digest}"
    assert variants.model_label(str(first / "checkpoints" / "epoch=3.ckpt")).startswith("best-")
    assert variants.model_label(str(first / "checkpoints" / "epoch=3.ckpt")) != f"best-{digest}"
    assert COMET(model=str(first)).variant() != COMET(model=str(second)).variant()  # same name, two columns
    assert BLEURT(model=str(second)).variant() == COMET(model=str(second)).variant()
    assert BERTScore(model=str(first)).variant().startswith("model=best-")
    assert MetricX(model=str(first)).variant() == f"model=best-{digest}"
    # a snapshot's model.ckpt is a link to a blob: the label is the folder as given, not the link's target
    snapshot = tmp_path / "snapshots" / "0123abc"
    (snapshot / "checkpoints").mkdir(parents=True)
    (tmp_path / "blob").write_bytes(b"weights")
    (snapshot / "checkpoints" / "model.ckpt").symlink_to(tmp_path / "blob")
    assert variants.model_label(str(snapshot / "checkpoints" / "model.ckpt")) == variants.model_label(str(snapshot))
    assert variants.model_label(str(snapshot)).startswith("0123abc-")
    assert LLMJudge(model="meta-llama/Llama-3.1-70B-Instruct").variant() == "model=meta-llama/Llama-3.1-70B-Instruct"


def test_a_metric_without_a_shipped_yaml_compares_with_its_constructor_defaults() -> None:
    assert COMET(config_key="mycomet").variant() == ""
    assert COMET(config_key="mycomet", precision="tf32").variant() == "precision=tf32"
    assert variants.config_defaults("../../etc/passwd") == {}
