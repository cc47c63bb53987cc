"""Issue 14, points 7-8: signatures under the Markdown table, in the LaTeX caption and in the HTML report;
BLEU's verbose details in scores.json; LaTeX that compiles as-is (pdflatex + booktabs) with a significance
marker and optional p-values; a tidy long-format CSV beside the wide one."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
import sacrebleu

from harness import leaderboard, paper
from harness.metrics.sacrebleu import BLEU, ChrF
from harness.publish import publish
from harness.references import ReferenceSet
from tests.toy_runs import REF, SRC, sample_reference, write_toy_runs

SYSTEMS = {"good_sys": REF[:8] + SRC[8:], "weak": SRC, "halfway": REF[:4] + SRC[4:]}
OPTIONS = {"resamples": 300, "seed": 7}


@pytest.fixture
def toy(tmp_path: Path) -> tuple[Path, ReferenceSet]:
    reference = sample_reference(tmp_path, "toy_set")
    write_toy_runs(tmp_path / "toy_set", reference, SYSTEMS, {"bleu": BLEU, "chrf": ChrF})
    return tmp_path / "toy_set", reference


def test_bleu_details_are_sacrebleus_verbose_score() -> None:
    details = BLEU().score(SRC, REF, SRC).details["verbose"]
    theirs = sacrebleu.corpus_bleu(SRC, [REF])
    assert details["precisions"] == theirs.precisions and details["bp"] == theirs.bp
    assert (details["hyp_len"], details["ref_len"]) == (theirs.sys_len, theirs.ref_len)
    assert details["text"] == theirs._verbose and details["counts"] == theirs.counts


def test_signatures_everywhere_and_a_tidy_long_csv(toy) -> None:
    directory, reference = toy
    board = publish(directory, reference.content_hash, OPTIONS)
    bleu_sig = BLEU().signature()
    assert bleu_sig.startswith("nrefs:1|case:mixed|eff:no|tok:13a")
    md = (directory / "leaderboard.md").read_text(encoding="utf-8")
    assert f"- signature, BLEU: `{bleu_sig}`" in md
    tex = (directory / "leaderboard.tex").read_text(encoding="utf-8")
    assert r"\texttt{" + bleu_sig.replace("|", r"|\allowbreak{}") + "}" in tex
    assert f"Signature, BLEU: {bleu_sig}" in (directory / "report.html").read_text(encoding="utf-8")

    long = pd.read_csv(io.StringIO((directory / "leaderboard_long.csv").read_text(encoding="utf-8")),
                       keep_default_na=False, na_values=[""], float_precision="round_trip")
    assert list(long.columns) == paper.LONG_COLUMNS and len(long) == 6
    assert list(long["system"]) == ["good_sys", "good_sys", "halfway", "halfway", "weak", "weak"]  # by BLEU
    row = long[(long.system == "weak") & (long.metric == "chrF")].iloc[0]
    assert row.score == sacrebleu.corpus_chrf(SRC, [REF]).score
    assert (row.ci_low, row.ci_high) == board.ci[("weak", "chrF")]
    assert row.p_value == leaderboard.pvalue(board, "weak", "good_sys", "chrF") and row.significant in (True, "True")
    assert row.signature.startswith("nrefs:1|case:mixed|eff:yes|nc:6|nw:0")
    baseline = long[long.system == "good_sys"]  # the first system run
    assert baseline.p_value.isna().all() and baseline.significant.isna().all()


def test_latex_marker_by_default_pvalues_on_request(toy) -> None:
    directory, reference = toy
    leaderboard.write(directory, reference.content_hash, OPTIONS)
    tex = (directory / "leaderboard.tex").read_text(encoding="utf-8")
    assert tex.startswith(r"% Needs \usepackage{booktabs} in the preamble.")
    assert r"\begin{table}[t]" in tex and r"\caption{Scores on toy\_set." in tex and r"\label{tab:toy-set}" in tex
    assert "(p=" not in tex and r"$^{*}$ \\" in tex  # weak is significantly worse: a marker, no p-value
    leaderboard.write(directory, reference.content_hash, {**OPTIONS, "latex_pvalues": True})
    assert "(p=0.00" in (directory / "leaderboard.tex").read_text(encoding="utf-8")


def test_latex_compiles_as_is(toy, tmp_path: Path) -> None:
    if shutil.which("pdflatex") is None:
        if os.environ.get("MT_HARNESS_REQUIRE_LATEX"):
            pytest.fail("pdflatex is not installed (Makefile APT_PACKAGES: texlive-latex-base texlive-latex-recommended)")
        pytest.skip("pdflatex is not installed (make system-deps installs it)")
    directory, reference = toy
    leaderboard.write(directory, reference.content_hash, {**OPTIONS, "pairs": "all"})  # score and p-value tables
    document = tmp_path / "paper.tex"
    document.write_text("\\documentclass{article}\n\\usepackage{" + ",".join(paper.PACKAGES) + "}\n"
                        "\\begin{document}\n\\input{" + str(directory / "leaderboard.tex") + "}\n\\end{document}\n",
                        encoding="utf-8")
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", document.name], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:]
    assert (tmp_path / "paper.pdf").read_bytes()[:5] == b"%PDF-"
    log = (tmp_path / "paper.log").read_text(encoding="utf-8", errors="replace")
    assert "Undefined control sequence" not in log and "Missing $ inserted" not in log
