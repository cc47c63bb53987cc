"""Length buckets are assigned in one numpy pass: the same buckets as length_bucket(), segment by segment."""

from __future__ import annotations

from harness import charts


def test_bucket_scores_group_segments_as_length_bucket_does() -> None:
    sources = [" ".join("w" * n) for n in range(0, 60)] + ["", "  ", "a  b"]
    values = [float(i) for i in range(len(sources))]
    expected: dict[str, list[float]] = {}
    for source, value in zip(sources, values):
        expected.setdefault(charts.length_bucket(source), []).append(value)
    got = charts.bucket_scores(sources, values)
    assert got == {label: (sum(v) / len(v), len(v)) for label, v in expected.items()}
    assert got["1–9"][1] == 10 + 3 and got["40+"][1] == 20  # empty sources fall in the first bucket, as before
