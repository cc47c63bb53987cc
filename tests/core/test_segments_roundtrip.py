"""Issue 14, point 5: ``segments.tsv`` reads back exactly with ``pandas.read_csv(sep="\\t")``, whatever a
system wrote: quotes (also at the start of a cell), tabs, CR, U+2028; the report's reader too, and it
still reads a run written before cells were quoted."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from harness.html_report import read_segments_table
from harness.metrics.base import MetricResult
from harness.records import segments_table
from harness.references import ReferenceSet

HYPS = ['"Quoted" at the start', "a\ttab inside", "carriage\rreturn", "line\u2028separator",
        'ends with a quote"', '""', "plain", "\t", "back\\slash", "both\t\"x\"\r", "  spaces  ", "last"]


def _reference(tmp_path: Path) -> ReferenceSet:
    src = [f"Satz {i}." for i in range(12)]
    ref = [f'Sentence "{i}".' for i in range(12)]
    return ReferenceSet("toy", "de", "en", src, ref, tmp_path / "s.de", tmp_path / "r.en")


def test_pandas_reads_back_every_cell(tmp_path: Path) -> None:
    reference = _reference(tmp_path)
    scores = [i / 8 for i in range(12)]
    metric = MetricResult("chrF", 1.0, "sig", segment_scores=scores)
    path = tmp_path / "segments.tsv"
    path.write_text(segments_table(reference, HYPS, {"chrf": metric}), encoding="utf-8")

    table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, encoding="utf-8")
    assert len(table) == 12
    assert table["hyp"].tolist() == HYPS
    assert table["ref"].tolist() == reference.ref
    assert [float(v) for v in table["chrF"]] == scores
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    assert [row[3] for row in rows[1:]] == HYPS
    assert read_segments_table(tmp_path)["hyp"].tolist() == HYPS


def test_an_unquoted_file_of_an_older_run_is_still_read(tmp_path: Path) -> None:
    hyps = ['"Quoted" at the start', "plain", 'say "x"']
    lines = ["id\tsrc\tref\thyp"] + [f"{i + 1}\ts{i}\tr{i}\t{h}" for i, h in enumerate(hyps)]
    (tmp_path / "segments.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert read_segments_table(tmp_path)["hyp"].tolist() == hyps
