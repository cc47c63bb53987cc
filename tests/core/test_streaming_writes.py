"""Run files written as a stream: the same bytes as one string, and a failure mid-stream leaves the old file."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from harness import atomic
from harness.metrics.base import MetricResult
from harness.records import segments_rows
from harness.references import ReferenceSet


def test_chunks_are_written_in_batches_as_one_text(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    atomic.write_chunks(path, (f"{i}\n" if i % 3 else "" for i in range(10)), batch=2)  # empty pieces inside
    assert path.read_text() == "1\n2\n4\n5\n7\n8\n"
    atomic.write_lines(path, iter(["ä", "", "b"]))
    assert path.read_bytes() == "ä\n\nb\n".encode()


def test_a_failure_mid_stream_keeps_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old\n")

    def rows():
        yield "new 1\n"
        raise RuntimeError("system crashed")

    with pytest.raises(RuntimeError, match="system crashed"):
        atomic.write_chunks(path, rows(), batch=1)
    assert path.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_segments_table_rows(tmp_path: Path) -> None:
    reference = ReferenceSet("r", "de", "en", ["Hallo", "Welt"], ["Hello", "world"], tmp_path, tmp_path)
    metrics = {"bleu": MetricResult("BLEU", 50.0, "sig", segment_scores=[100.0, 0.123456789]),
               "comet": MetricResult.unavailable("COMET", "no model", "sig", True)}
    path = tmp_path / "segments.tsv"
    atomic.write_chunks(path, segments_rows(reference, ["Hello", "word"], metrics))
    assert path.read_text() == ('"id"\t"src"\t"ref"\t"hyp"\t"BLEU"\n1\t"Hallo"\t"Hello"\t"Hello"\t100.0\n'
                                '2\t"Welt"\t"world"\t"word"\t0.123457\n')  # text quoted (see segments_rows)


def test_a_large_table_is_never_one_string(tmp_path: Path) -> None:
    """200,000 rows (about 10 MB of text) are written holding one batch at a time."""
    n = 200_000
    reference = ReferenceSet("r", "de", "en", [f"quelle {i}" for i in range(n)], [f"ref {i}" for i in range(n)],
                             tmp_path, tmp_path)
    metrics = {"chrf": MetricResult("chrF", 1.0, "sig", segment_scores=[0.5] * n)}
    tracemalloc.start()
    atomic.write_chunks(tmp_path / "segments.tsv", segments_rows(reference, reference.ref, metrics))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = (tmp_path / "segments.tsv").stat().st_size
    assert size > 9_000_000 and peak < size / 3  # one string would be the whole size, its encoding again


def test_stats_archive_reads_back_exactly(tmp_path: Path) -> None:
    """stats.npz is written at a fast deflate level; np.load (read_stats) gets the same arrays back."""
    import numpy as np

    from harness.records import STATS, read_stats, stats_archive

    stats = np.arange(30, dtype=np.int32).reshape(10, 3)
    result = MetricResult("BLEU", 1.0, "sig", segment_scores=[i / 3 for i in range(10)], stats=stats)
    (tmp_path / STATS).write_bytes(stats_archive({"bleu": result}))
    arrays = read_stats(tmp_path)
    assert sorted(arrays) == ["bleu.segments", "bleu.stats"]
    np.testing.assert_array_equal(arrays["bleu.stats"], stats)
    assert arrays["bleu.stats"].dtype == np.int32 and arrays["bleu.segments"].tolist() == [i / 3 for i in range(10)]
