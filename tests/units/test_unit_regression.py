"""Score regression checks work unchanged on a paragraph-level baseline (a ``unit=paragraph`` override)."""

from __future__ import annotations

from harness.regression import compare, load_baseline, run_systems

BASELINE = """\
reference: kas_colombia_nato
metrics: [bleu]
overrides: [unit=paragraph]
signatures:
  bleu: nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0|unit:paragraph|reseg:mwer
systems:
  identity:
    scores:
      bleu: {score: 2.736043, tolerance: 0.01}
  reference:
    scores:
      bleu: {score: 100.0, tolerance: 0.01}
"""


def test_a_paragraph_level_baseline_is_run_and_checked(tmp_path, monkeypatch):
    monkeypatch.setenv("MT_HARNESS_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "kas_colombia_nato.yaml"
    path.write_text(BASELINE, encoding="utf-8")
    baseline = load_baseline(path)
    runs = run_systems(baseline, tmp_path / "results")
    assert set(runs) == {"identity", "reference"}
    assert (tmp_path / "results" / "kas_colombia_nato.paragraph" / "identity" / "scores.json").is_file()
    assert compare(baseline, runs) == []
    path.write_text(BASELINE.replace("2.736043", "2.9"), encoding="utf-8")
    findings = compare(load_baseline(path), runs)
    assert [(f.system, f.metric) for f in findings] == [("identity", "bleu")]
