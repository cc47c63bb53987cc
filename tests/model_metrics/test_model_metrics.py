"""MetricX-24, BLEURT and BERTScore on tiny random checkpoints: the harness's scores are the reference code's."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import numpy as np
import pytest

from harness.metrics.base import MetricUnavailable
from harness.metrics.bertscore import BERTScore
from harness.metrics.bleurt import BLEURT
from harness.metrics.metricx import MetricX
from harness.metrics.model_metric import LOADED

HERE = Path(__file__).resolve().parent


def _data():
    spec = importlib.util.spec_from_file_location("model_metrics_conftest", HERE / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SOURCES, module.HYPOTHESES, module.REFERENCES


SOURCES, HYPOTHESES, REFERENCES = _data()


def metricx_reference(folder: Path, qe: bool) -> list[float]:
    """metricx24/predict.py's steps, one segment per forward (no padding), on the vendored MT5ForRegression."""
    import torch
    import transformers

    spec = importlib.util.spec_from_file_location("metricx24_reference", HERE / "metricx24_reference.py")
    models = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(models)
    tokenizer = transformers.AutoTokenizer.from_pretrained(str(folder))
    model = models.MT5ForRegression.from_pretrained(str(folder)).eval()
    out = []
    for src, hyp, ref in zip(SOURCES, HYPOTHESES, REFERENCES):
        text = f"source: {src} candidate: {hyp}" + ("" if qe else f" reference: {ref}")
        enc = tokenizer(text, max_length=1536, truncation=True, padding=False)
        ids = torch.tensor([enc["input_ids"][:-1]])
        with torch.no_grad():
            out.append(float(model(input_ids=ids, attention_mask=torch.ones_like(ids), use_cache=False).predictions[0]))
    return out


def metric(cls, folder: Path, **kwargs):
    return cls(model=str(folder), gpus=0, batch_size=4, **kwargs)


@pytest.mark.parametrize("qe", [False, True])
def test_metricx_matches_the_reference_code(tiny_models: dict[str, Path], qe: bool) -> None:
    expected = metricx_reference(tiny_models["metricx"], qe)
    m = metric(MetricX, tiny_models["metricx"], tokenizer=str(tiny_models["metricx"]), qe=qe)
    result = m.score(HYPOTHESES, None if qe else REFERENCES, SOURCES)
    assert np.allclose(result.segment_scores, expected, atol=1e-4)
    assert len(set(np.round(expected, 3))) >= 4  # the tiny model gives distinct scores, not a constant
    assert all(0.0 <= s <= 25.0 for s in result.segment_scores)
    assert result.score == pytest.approx(float(np.mean(expected)), abs=1e-4)
    assert result.higher_is_better is False
    assert result.details["inputs"] == (["src", "mt"] if qe else ["src", "mt", "ref"])
    assert "range:0-25(lower=better)" in result.signature and ("qe" if qe else "hybrid") in result.signature


def test_metricx_is_hybrid_without_a_reference(tiny_models: dict[str, Path]) -> None:
    m = metric(MetricX, tiny_models["metricx"], tokenizer=str(tiny_models["metricx"]))
    assert m.score(HYPOTHESES, None, SOURCES).segment_scores == pytest.approx(
        metricx_reference(tiny_models["metricx"], qe=True), abs=1e-4)


def test_bleurt_matches_bleurt_pytorch(tiny_models: dict[str, Path]) -> None:
    import torch
    from bleurt_pytorch import BleurtForSequenceClassification, BleurtTokenizer

    folder = str(tiny_models["bleurt"])
    model = BleurtForSequenceClassification.from_pretrained(folder).eval()
    tokenizer = BleurtTokenizer.from_pretrained(folder)
    with torch.no_grad():  # the port's README usage
        inputs = tokenizer(REFERENCES, HYPOTHESES, padding="longest", return_tensors="pt")
        expected = model(**inputs).logits.flatten().tolist()
    result = metric(BLEURT, tiny_models["bleurt"]).score(HYPOTHESES, REFERENCES, SOURCES)
    assert np.allclose(result.segment_scores, expected, atol=1e-5)
    assert len(set(np.round(expected, 4))) >= 4
    assert result.score == pytest.approx(float(np.mean(expected)), abs=1e-5)


def test_bertscore_matches_bert_score(tiny_models: dict[str, Path]) -> None:
    from bert_score import score

    _, _, f1 = score(HYPOTHESES, REFERENCES, model_type=str(tiny_models["bertscore"]), num_layers=2, device="cpu")
    m = metric(BERTScore, tiny_models["bertscore"], num_layers=2)
    result = m.score(HYPOTHESES, REFERENCES, SOURCES)
    assert np.allclose(result.segment_scores, f1.tolist(), atol=1e-5)
    assert len(set(np.round(f1.tolist(), 4))) >= 4
    assert result.segment_scores[2] == pytest.approx(1.0, abs=1e-5)  # "Yes." against "Yes."
    assert "L2" in result.signature and "bert-score0.3.1" in result.signature


def test_scores_are_cached_and_the_model_not_needed_again(tiny_models: dict[str, Path]) -> None:
    first = metric(BLEURT, tiny_models["bleurt"]).score(HYPOTHESES, REFERENCES, SOURCES)
    again = metric(BLEURT, tiny_models["bleurt"])
    again.load = lambda *a: pytest.fail("a fully cached run must not load the model")  # type: ignore[method-assign]
    second = again.score(HYPOTHESES, REFERENCES, SOURCES)
    assert second.segment_scores == first.segment_scores
    assert (second.details["cached_segments"], second.details["scored_segments"]) == (len(HYPOTHESES), 0)
    assert (Path(os.environ["MT_HARNESS_CACHE"]) / "bleurt" / "bleurt.sqlite").is_file()


def test_out_of_memory_halves_the_batch(tiny_models: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    import torch

    m = metric(BERTScore, tiny_models["bertscore"], num_layers=2, cache=False)
    expected = m.score(HYPOTHESES, REFERENCES, SOURCES).segment_scores
    scorer = LOADED._models["bertscore"][1]
    real, sizes = scorer.predict, []

    def predict(samples):
        sizes.append(len(samples))
        if len(samples) > 1:
            raise torch.OutOfMemoryError("CUDA out of memory")
        return real(samples)

    scorer.predict = predict
    try:
        again = m.score(HYPOTHESES, REFERENCES, SOURCES).segment_scores
    finally:
        del scorer.predict
    assert again == pytest.approx(expected, abs=1e-5)
    assert sizes[:3] == [4, 2, 1] and "out of memory" in capsys.readouterr().err


@pytest.mark.parametrize("cls", [MetricX, BLEURT, BERTScore])
def test_offline_model_is_one_clear_line(cls) -> None:
    m = cls(gpus=0)
    assert m.available_locally() is False
    with pytest.raises(MetricUnavailable) as info:
        m.score(["a"], ["b"], ["c"])
    message = str(info.value)
    assert "\n" not in message and "HF_HUB_OFFLINE is set" in message and "huggingface-cli download" in message
    assert m.model in message


def test_metricx_without_its_tokenizer_is_left_out(tiny_models: dict[str, Path]) -> None:
    m = metric(MetricX, tiny_models["metricx"])  # tokenizer: google/mt5-large, not on this machine
    assert m.available_locally() is False
    with pytest.raises(MetricUnavailable, match=r"^MetricX tokenizer model 'google/mt5-large' is not in the local"):
        m.score(HYPOTHESES, REFERENCES, SOURCES)
