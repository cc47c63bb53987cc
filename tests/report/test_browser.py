"""The report in a real browser: headless Chromium loads it from disk, sorts and filters segments."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from harness.html_report import read_segments_table

ROOT = Path(__file__).resolve().parents[2]
ROW_IDS = "[...document.querySelectorAll('#seg-body tr')].map(r => Number(r.dataset.id))"


def _chrf(results: Path, system: str) -> list[float]:
    return [round(float(v), 2) for v in read_segments_table(results / system)["chrF"]]


def _worst_first(scores: list[float]) -> list[int]:
    return [i + 1 for _, i in sorted((s, i) for i, s in enumerate(scores))]


def _choose(page: Any, select: str, value: str) -> None:
    page.js(f"(() => {{ const s = document.querySelector('{select}'); s.value = '{value}';"
            " s.dispatchEvent(new Event('change')); })()")


def test_report_in_chromium(page: Any, results: Path, artifacts: Path) -> None:
    report = results / "report.html"
    page.open(report)

    assert page.js("[...document.querySelectorAll('#leaderboard tbody tr')].map(t => t.dataset.system)") == \
        ["reference", "perturbed", "identity"]  # by score, best first
    assert page.js("document.querySelector('#leaderboard tbody tr[data-system=identity] th .tag').textContent") == \
        "baseline"
    assert page.js("document.querySelector('#leaderboard tbody tr[data-system=identity] td .score').textContent") == \
        "0.55"
    assert page.js("document.getElementById('seg-info').textContent") == "1–12 of 12 segments"

    identity, perturbed = _chrf(results, "identity"), _chrf(results, "perturbed")
    assert page.js(ROW_IDS) == _worst_first(identity)  # default: system A (identity), worst first

    page.js("document.querySelector('#seg-head button[data-sort=perturbed]').click()")
    assert page.js(ROW_IDS) == _worst_first(perturbed)
    assert sorted(page.js(ROW_IDS)[:3]) == [1, 3, 8]  # the three edited segments; the rest score 100
    assert sorted(perturbed)[3:] == [100.0] * 9
    page.js("document.querySelector('#seg-head button[data-sort=identity]').click()")
    page.js("document.querySelector('#seg-head button[data-sort=identity]').click()")  # again: best first
    assert page.js(ROW_IDS) == [i + 1 for _, i in sorted((-s, i) for i, s in enumerate(identity))]

    _choose(page, "#sys-b", "perturbed")
    _choose(page, "#seg-sort", "absdiff")
    gaps = sorted((-abs(a - b), i + 1) for i, (a, b) in enumerate(zip(identity, perturbed)))
    assert page.js(ROW_IDS) == [i for _, i in gaps]

    _choose(page, "#seg-sort", "id")
    assert page.js(ROW_IDS) == list(range(1, 13))

    # Character diff against the reference: "six" became "seven"; the shared "s" stays unmarked.
    marked = "[...document.querySelectorAll('#seg-body tr[data-id=\"8\"] td[data-system=perturbed] ins')]" \
             ".map(e => e.textContent)"
    assert page.js(marked) == ["even"]
    lowered = "[...document.querySelectorAll('#seg-body tr[data-id=\"1\"] td[data-system=perturbed] ins')]" \
              ".map(e => e.textContent)"
    assert page.js(lowered) == ["t", "t"]  # "the government ... tuesday." against "The ... Tuesday."

    diff = "window.mtReport.charDiff({!r}, {!r})"
    assert page.js(diff.format("xaybz", "ab")) == '<ins class="x">xaybz</ins>'  # lone matched letters: noise
    assert page.js(diff.format("xabcy", "abc")) == '<ins class="x">x</ins>abc<ins class="x">y</ins>'
    assert page.js(diff.format("a<b", "a<c")) == 'a&lt;<ins class="x">b</ins>'

    page.js("(() => { const f = document.getElementById('seg-filter'); f.value = 'Berlin';"
            " f.dispatchEvent(new Event('input')); })()")
    assert page.js(ROW_IDS) == [2]
    assert page.js("document.getElementById('seg-info').textContent") == "1–1 of 1 segments (filtered from 12)"
    page.js("(() => { const f = document.getElementById('seg-filter'); f.value = '';"
            " f.dispatchEvent(new Event('input')); })()")

    assert page.requested_urls() == [report.resolve().as_uri()]  # nothing but the file itself
    assert page.script_errors() == []
    shot = artifacts / "report.png"
    page.screenshot(shot)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_metric_missing_for_one_system(page: Any, results: Path, tmp_path: Path) -> None:
    """A system scored with fewer metrics shows '–' for the others and sorts as a tie, without errors."""
    copy = tmp_path / "results" / "sample_deen"
    shutil.copytree(results, copy)
    reference = ROOT / "references" / "sample_deen" / "aligned.en"
    subprocess.run([sys.executable, "-m", "harness", "system=file", f"system.path={reference}", "system.name=partial",
                    "metrics=[chrf]", "reference=sample_deen", f"results_dir={copy.parent}"],
                   check=True, capture_output=True, cwd=ROOT, env={**os.environ, "TQDM_DISABLE": "1"})
    page.open(copy / "report.html")
    _choose(page, "#seg-metric", "TER")
    page.js("document.querySelector('#seg-head button[data-sort=partial]').click()")
    assert page.js(ROW_IDS) == list(range(1, 13))
    assert set(page.js("[...document.querySelectorAll('td[data-system=partial] .s')].map(e => e.textContent)")) == {"–"}
    _choose(page, "#seg-metric", "chrF")
    assert set(page.js("[...document.querySelectorAll('td[data-system=partial] .s')].map(e => e.textContent)")) == \
        {"100.00"}
    assert page.script_errors() == []


def test_markup_in_segments_is_shown_as_text(page: Any, tmp_path: Path) -> None:
    """Segments are data, never markup: '</script>', tags and entities appear literally."""
    src = ["Er sagte: </script><script>alert(1)</script> & ging.", "<b>fett</b> &amp; <!-- kein Kommentar -->"]
    ref = ["He said: </script><img src=x onerror=alert(2)> & left.", "<b>bold</b> &amp; <!-- no comment -->"]
    (tmp_path / "t.de").write_text("\n".join(src) + "\n", encoding="utf-8")
    (tmp_path / "t.en").write_text("\n".join(ref) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "harness", "-m", "system=identity,reference", "reference=files",
                    "reference.name=markup", f"reference.src={tmp_path / 't.de'}", f"reference.ref={tmp_path / 't.en'}",
                    "reference.src_lang=de", "reference.tgt_lang=en", f"results_dir={tmp_path / 'results'}"],
                   check=True, capture_output=True, cwd=ROOT, env={**os.environ, "TQDM_DISABLE": "1"})
    report = tmp_path / "results" / "markup" / "report.html"
    page.open(report)
    _choose(page, "#seg-sort", "id")
    cells = page.js("[...document.querySelectorAll('#seg-body tr')].map(r => [...r.cells].slice(1).map(c => "
                    "c.querySelector('.s') ? c.textContent.slice(c.querySelector('.s').textContent.length) "
                    ": c.textContent))")
    # src, ref, then the systems in table order (by score): reference, identity
    assert cells == [[src[0], ref[0], ref[0], src[0]], [src[1], ref[1], ref[1], src[1]]]
    assert page.js("document.querySelectorAll('#seg-body script, #seg-body img, #seg-body b').length") == 0
    assert not [e for e in page.events if e.get("method") == "Page.javascriptDialogOpening"]
    assert page.script_errors() == []
