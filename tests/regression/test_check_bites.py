"""Proof the regression check bites: perturbed outputs, shifted baselines and changed signatures fail."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import sacrebleu
import yaml

from harness.regression import SystemBaseline, load_baseline, save_baseline

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "baselines" / "sample_deen.yaml"
REFS = (ROOT / "references" / "sample_deen" / "aligned.en").read_text(encoding="utf-8").splitlines()


def _fails_with(check, *args, **kwargs) -> str:
    with pytest.raises(pytest.fail.Exception) as failure:
        check(*args, **kwargs)
    return str(failure.value)


def test_perturbed_system_output_fails_with_the_real_scores(score_regression, tmp_path: Path) -> None:
    # "reference" is replaced by a file that is the reference with one word changed in segment 8.
    hyps = list(REFS)
    hyps[7] = hyps[7].replace("six", "seven")
    hyp_file = tmp_path / "perturbed.en"
    hyp_file.write_text("\n".join(hyps) + "\n", encoding="utf-8")
    baseline = load_baseline(SAMPLE)
    baseline.systems = {"reference": SystemBaseline(["system=file", f"system.path={hyp_file}"],
                                                    baseline.systems["reference"].scores)}
    perturbed = tmp_path / "sample_deen.yaml"
    save_baseline(perturbed, baseline)

    message = _fails_with(score_regression, perturbed)

    bleu = sacrebleu.corpus_bleu(hyps, [REFS]).score
    chrf = sacrebleu.corpus_chrf(hyps, [REFS]).score
    assert 95 < bleu < 100 and 95 < chrf < 100
    lines = {line.split()[1]: line.split() for line in message.splitlines() if line.startswith("reference ")}
    assert set(lines) == {"bleu", "chrf", "chrfpp", "ter"}
    assert lines["bleu"][2:5] == ["100", f"{bleu:.4f}".rstrip("0"), "±0.01"]
    assert lines["chrf"][2:5] == ["100", f"{chrf:.4f}".rstrip("0"), "±0.01"]
    assert lines["bleu"][5:] == ["out", "of", "band", f"({bleu - 100:+.4f})"]
    assert message.splitlines()[2].split() == ["system", "metric", "expected", "got", "tolerance", "problem"]


def test_baseline_value_outside_tolerance_fails_inside_passes(score_regression, tmp_path: Path) -> None:
    baseline = load_baseline(SAMPLE)
    expected = baseline.systems["identity"].scores["bleu"]
    shifted = tmp_path / "sample_deen.yaml"

    baseline.systems = {"identity": baseline.systems["identity"]}
    baseline.systems["identity"].scores["bleu"] = replace(expected, score=expected.score + 0.005)
    save_baseline(shifted, baseline)
    score_regression(shifted)  # 0.005 off, tolerance 0.01: passes

    baseline.systems["identity"].scores["bleu"] = replace(expected, score=expected.score + 0.02)
    save_baseline(shifted, baseline)
    message = _fails_with(score_regression, shifted)
    row = next(line.split() for line in message.splitlines() if line.startswith("identity"))
    assert row == ["identity", "bleu", "0.5671", "0.5471", "±0.01", "out", "of", "band", "(-0.0200)"]
    assert "1 problem(s)" in message


def test_changed_signature_fails_even_when_scores_match(score_regression, tmp_path: Path) -> None:
    baseline = load_baseline(SAMPLE)
    baseline.systems = {"identity": baseline.systems["identity"]}
    old = baseline.signatures["chrf"]
    baseline.signatures["chrf"] = old.replace("nc:6", "nc:4")
    changed = tmp_path / "sample_deen.yaml"
    save_baseline(changed, baseline)

    message = _fails_with(score_regression, changed)
    assert f"signature changed: identity chrf\n  expected {baseline.signatures['chrf']}\n  got      {old}" in message


def test_plugin_fails_a_users_test_and_update_option_rewrites(tmp_path: Path) -> None:
    """End to end as a user would run it: pytest with the plugin loaded by its pytest11 entry point, then --update-score-baselines."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["systems"] = {"identity": data["systems"]["identity"]}
    data["systems"]["identity"]["scores"]["chrf"]["score"] = 42.0
    data["systems"]["identity"]["scores"]["chrf"]["tolerance"] = 0.5
    (tmp_path / "scores.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (tmp_path / "test_user.py").write_text(
        "def test_guard(score_regression):\n"
        "    score_regression('scores.yaml')\n", encoding="utf-8")
    pytest_cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                  "--rootdir", str(tmp_path), "test_user.py"]

    failed = subprocess.run(pytest_cmd, cwd=tmp_path, capture_output=True, text=True)
    assert failed.returncode == 1, failed.stdout
    row = next(line.split() for line in failed.stdout.splitlines() if line.startswith("identity"))
    assert row == ["identity", "chrf", "42", "19.2568", "±0.5", "out", "of", "band", "(-22.7432)"]

    updated = subprocess.run([*pytest_cmd, "--update-score-baselines"], cwd=tmp_path, capture_output=True, text=True)
    assert updated.returncode == 0, updated.stdout
    rewritten = load_baseline(tmp_path / "scores.yaml").systems["identity"].scores["chrf"]
    assert (rewritten.score, rewritten.tolerance) == (19.256803, 0.5)

    again = subprocess.run(pytest_cmd, cwd=tmp_path, capture_output=True, text=True)
    assert again.returncode == 0, again.stdout
