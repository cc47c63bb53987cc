"""What the report computes and embeds, checked against sacrebleu and the runs' own files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sacrebleu

from harness import charts, html_report, leaderboard


def _embedded(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


def test_publish_wrote_a_self_contained_report(results: Path) -> None:
    page = (results / "report.html").read_text(encoding="utf-8")
    assert "http:" not in page and "https:" not in page and "//cdn" not in page
    assert not re.search(r"<(link|img|iframe)\b|<script[^>]+\bsrc=|url\(", page)
    data = _embedded(page)
    assert data["systems"] == ["reference", "perturbed", "identity"]
    assert data["metrics"] == ["BLEU", "chrF", "chrF++", "TER"]
    table = html_report.read_segments_table(results / "perturbed")
    texts = data["strings"]
    assert [texts[i] for i in data["hyp"]["perturbed"]] == table["hyp"].tolist()
    assert data["hyp"]["reference"] == data["ref"] and data["hyp"]["identity"] == data["src"]  # stored once
    assert len(texts) == len(set(texts)) == 12 + 12 + 3
    assert data["scores"]["perturbed"]["chrF"] == [round(float(v), 2) for v in table["chrF"]]
    assert data["scores"]["reference"]["TER"] == [0.0] * 12


def test_leaderboard_rows_show_ci_and_significance_markers(results: Path) -> None:
    board = leaderboard.collect(results)
    board.baseline = "perturbed"
    board.ci = {("identity", "BLEU"): (0.1, 1.2)}
    board.pvalues = {("identity", "perturbed", "BLEU"): 0.001, ("perturbed", "reference", "BLEU"): 0.001,
                     ("identity", "perturbed", "chrF"): 0.2}
    rows = {row["system"]: row for row in html_report.leaderboard_rows(board)}
    bleu = {system: row["cells"][0] for system, row in rows.items()}
    assert (bleu["identity"]["text"], bleu["identity"]["ci"], bleu["identity"]["marker"]) == ("0.55", "[0.10, 1.20]", "down")
    assert (bleu["reference"]["marker"], bleu["reference"]["best"], bleu["reference"]["p"]) == ("up", True, "p = 0.0010")
    assert rows["identity"]["cells"][1]["marker"] == ""  # p = 0.2: not significant
    assert rows["perturbed"]["baseline"] and bleu["perturbed"]["marker"] == ""
    page = html_report.render(board, html_report.collect_segments(board))
    assert '<span class="sig down" title="p = 0.0010">▼</span>' in page and '<span class="ci">[0.10, 1.20]</span>' in page


def test_length_buckets_are_corpus_scores_of_their_segments(results: Path) -> None:
    segments = html_report.collect_segments(leaderboard.collect(results))
    hyps, refs, src = segments.hyps["perturbed"], segments.ref, segments.src
    buckets = charts.bucket_scores(src, segments.scores["perturbed"]["chrF"],
                                        segments.stats["perturbed"]["chrF"])
    short = [i for i, s in enumerate(src) if len(s.split()) <= 9]
    long = [i for i, s in enumerate(src) if 10 <= len(s.split()) <= 19]
    assert len(short) + len(long) == 12 and buckets["1–9"][1] == len(short)
    for label, rows in (("1–9", short), ("10–19", long)):
        expected = sacrebleu.corpus_chrf([hyps[i] for i in rows], [[refs[i] for i in rows]]).score
        assert buckets[label][0] == pytest.approx(expected, abs=1e-9)
    means = charts.bucket_scores(src, [1.0] * 6 + [4.0] * 6)
    assert means == {"1–9": pytest.approx((sum(1.0 if i < 6 else 4.0 for i in short) / len(short), len(short))),
                     "10–19": pytest.approx((sum(1.0 if i < 6 else 4.0 for i in long) / len(long), len(long)))}


def test_small_pure_helpers() -> None:
    assert charts.box_stats([5, 1, 4, 2, 3]) == {"min": 1, "q1": 2, "median": 3, "q3": 4, "max": 5, "mean": 3}
    assert [charts.length_bucket(" ".join("w" * n)) for n in (1, 9, 10, 39, 40, 200)] == \
        ["1–9", "1–9", "10–19", "30–39", "40+", "40+"]
    assert charts.nice_range([19.3, 100.0]) == (0, 100)
    assert charts.nice_range([-0.42, 0.87]) == (-0.6, 1.0)
    assert charts.ticks(0, 100) == [0, 20, 40, 60, 80, 100]
    assert charts.ticks(-0.6, 1.0) == [-0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert str(html_report._script_json(["</script><!--"])) == '["\\u003c/script>\\u003c!--"]'
    assert json.loads(str(html_report._script_json(["</script><!--"]))) == ["</script><!--"]


def test_report_is_not_overwritten_by_a_job_that_missed_a_newer_run(results: Path, tmp_path: Path) -> None:
    board = leaderboard.collect(results)
    board.runs = {k: v for k, v in board.runs.items() if k != "reference"}
    board.scores = board.scores.drop(index="reference")
    assert html_report.write_if_current(results, board, None) is None
    assert html_report.write_if_current(results, leaderboard.collect(results), None) == results / "report.html"


def test_pairs_all_gives_a_symmetric_pvalue_table_per_metric(results: Path) -> None:
    from harness import stats

    board = leaderboard.collect(results)
    leaderboard.add_significance(board, stats.Options.from_mapping({"pairs": "all", "resamples": 100}))
    tables = {t["metric"]: t for t in html_report.pvalue_tables(board)}
    assert list(tables) == ["BLEU", "chrF", "chrF++", "TER"]
    chrf = dict(tables["chrF"]["rows"])
    assert tables["chrF"]["systems"] == ["reference", "perturbed", "identity"]
    assert chrf["identity"][2] == ("—", False)  # rows by score: reference, perturbed, identity
    p = board.pvalues.get(("identity", "perturbed", "chrF"), board.pvalues.get(("perturbed", "identity", "chrF")))
    assert chrf["identity"][1] == chrf["perturbed"][2] == (f"{p:.4f}", p < 0.05)
    page = html_report.render(board, html_report.collect_segments(board))
    assert page.count('<table class="scores pvalues"') == 4 and "for every pair of systems" in page


def test_unreadable_segments_leave_that_run_out_of_the_segments_only(results: Path, tmp_path: Path, capsys) -> None:
    import shutil

    from harness.publish import publish

    copy = tmp_path / "sample_deen"
    shutil.copytree(results, copy)
    (copy / "perturbed" / "segments.tsv").unlink()
    board = publish(copy)
    assert list(board.scores.index) == ["reference", "perturbed", "identity"]  # tables still made
    page = (copy / "report.html").read_text(encoding="utf-8")
    assert '"systems":["reference","identity"]' in page and ">perturbed<" in page  # leaderboard row kept
    err = capsys.readouterr().err
    assert err.count(str(copy / "perturbed" / "segments.tsv")) == 1
    assert err.startswith(f"warning: cannot read {copy / 'perturbed' / 'segments.tsv'}")


def test_fraction_scale_metrics_get_four_decimals() -> None:
    import pandas as pd

    scores = pd.DataFrame({"BLEU": [0.55, 0.42], "COMET": [0.8512, -0.1234]}, index=["a", "b"])
    board = leaderboard.Leaderboard("set", scores, {"BLEU": True, "COMET": True})
    assert html_report.metric_decimals(board) == {"BLEU": 4, "COMET": 4}  # corpus scores alone: both look 0-1
    segments = html_report.Segments(["x"], ["y"], {"a": ["z"], "b": ["z"]},
                                    {"a": {"BLEU": [37.9], "COMET": [0.9]}, "b": {"BLEU": [0.0], "COMET": [0.1]}})
    assert html_report.metric_decimals(board, segments) == {"BLEU": 2, "COMET": 4}
    rows = html_report.leaderboard_rows(board, {"BLEU": 2, "COMET": 4})
    assert [[c["text"] for c in row["cells"]] for row in rows] == [["0.55", "0.8512"], ["0.42", "-0.1234"]]
    data = html_report.page_data(board, segments, {"BLEU": 2, "COMET": 4})
    assert data["decimals"] == {"BLEU": 2, "COMET": 4}
