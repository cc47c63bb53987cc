"""COMET at paragraph and document level: sentence-level COMET of the re-segmented output as for any run,
and COMET over whole units only when every unit fits the encoder (tiny local checkpoint, offline)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from harness.metrics.comet import COMET
from tests.comet.conftest import PROJECT_ROOT, comet_column, comet_key, run_harness

SAMPLE = PROJECT_ROOT / "references" / "sample_deen"


def _scores(run_dir: Path) -> dict:
    return json.loads((run_dir / "scores.json").read_text(encoding="utf-8"))


def test_comet_scores_paragraphs_that_fit_and_leaves_out_a_document_that_does_not(checkpoints, tmp_path):
    model = checkpoints["regression"]
    paragraphs = tmp_path / "paragraphs"
    paragraphs.write_text("".join(f"p{k // 3}\n" for k in range(12)), encoding="utf-8")  # 4 paragraphs of 3
    common = ["metrics=[bleu,comet]", f"metrics.comet.model={model}", "metrics.comet.gpus=0",
              "metrics.comet.batch_size=4", f"results_dir={tmp_path / 'results'}", "system=reference"]
    files = ["reference=files", "reference.name=sample_deen", "reference.src_lang=de", "reference.tgt_lang=en",
             f"reference.src={SAMPLE / 'aligned.de'}", f"reference.ref={SAMPLE / 'aligned.en'}",
             f"reference.paragraphs={paragraphs}"]
    run = run_harness(*files, *common, "unit=paragraph")
    assert run.returncode == 0, run.stderr
    info = _scores(tmp_path / "results" / "sample_deen.paragraph" / "reference")
    key = comet_key(model)
    assert info["metrics"][key]["signature"].endswith("|unit:paragraph|reseg:mwer")
    src, ref = [(SAMPLE / f"aligned.{lang}").read_text(encoding="utf-8").splitlines() for lang in ("de", "en")]
    units = [(" ".join(src[a:a + 3]), " ".join(ref[a:a + 3])) for a in range(0, 12, 3)]
    direct = COMET(model=str(model), batch_size=4, gpus=0, cache=False).score(
        [r for _, r in units], [r for _, r in units], [s for s, _ in units])
    unit_comet = info["unit"]["metrics"][f"unit-{key}"]
    assert unit_comet["score"] == pytest.approx(direct.score, abs=1e-6)
    assert unit_comet["signature"].endswith("|unit:paragraph")
    assert np.isclose(direct.score, np.mean(direct.segment_scores))

    long_doc = run_harness(*common, "unit=document")  # kas_colombia_nato: one document of 121 sentences
    assert long_doc.returncode == 0, long_doc.stderr
    doc = _scores(tmp_path / "results" / "kas_colombia_nato.document" / "reference")
    assert f"unit-{key}" not in doc["unit"]["metrics"] and "unit-bleu" in doc["unit"]["metrics"]
    note = f"{comet_column(model)} not scored over whole units: 1 of 1 units are longer than its encoder reads"
    assert note in doc["unit"]["notes"]
    assert doc["metrics"][key]["available"] is True  # sentence-level COMET of the re-segmented output
