"""``python -m harness.baselines``: check exits 1 with the diff, update shows the diff first, then rewrites."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from harness.regression import load_baseline

ROOT = Path(__file__).resolve().parents[2]


def _baselines(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "harness.baselines", *args], capture_output=True, text=True, cwd=ROOT)


def test_check_then_dry_run_then_update(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "tests" / "baselines" / "sample_deen.yaml").read_text(encoding="utf-8"))
    data["systems"] = {"identity": data["systems"]["identity"]}  # one fast system is enough here
    data["systems"]["identity"]["scores"]["ter"] = {"score": 90.0, "tolerance": 2.0}
    path = tmp_path / "sample_deen.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    where = [f"baselines_dir={tmp_path}", "reference=sample_deen"]

    check = _baselines("check", *where)
    assert check.returncode == 1
    assert [line.split() for line in check.stdout.splitlines()[3:]] == \
        [["identity", "ter", "90", "97.0588", "±2", "out", "of", "band", "(+7.0588)"]]

    before = path.read_text(encoding="utf-8")
    dry = _baselines("update", *where, "dry_run=true")
    assert dry.returncode == 0
    assert [line.split() for line in dry.stdout.splitlines()[3:]] == \
        [["identity", "ter", "90", "97.0588", "+7.0588"], ["dry", "run:", "nothing", "written"]]
    assert path.read_text(encoding="utf-8") == before

    update = _baselines("update", *where)
    assert update.returncode == 0 and update.stdout.rstrip().endswith(f"wrote {path}")
    assert load_baseline(path).systems["identity"].scores["ter"].score == 97.058824
    assert load_baseline(path).systems["identity"].scores["ter"].tolerance == 2.0  # kept
    assert _baselines("check", *where).returncode == 0


def test_usage_and_missing_file_are_one_line_errors(tmp_path: Path) -> None:
    usage = _baselines("reference=sample_deen")
    assert usage.returncode == 2 and usage.stderr.startswith("usage: python -m harness.baselines {update|check}")
    missing = _baselines("check", f"baselines_dir={tmp_path}", "reference=sample_deen")
    assert missing.returncode == 2
    assert missing.stderr.strip() == (f"error: no baseline file {tmp_path / 'sample_deen.yaml'}; "
                                      "create it with: python -m harness.baselines update")
