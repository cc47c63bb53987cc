"""Issue 14, "Done when": the README's "Using it" commands, verbatim and in order, run in a fresh temporary
directory (its own ./results, cache and files): every one exits 0 and writes what it says.

Only what the commands expect to exist is provided: test.de/test.en (the sample set), deepl.en and
google.en (system outputs for it) and a ``marian-decoder`` on PATH that copies its input (no model here).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.core.conftest import PROJECT_ROOT


def readme_commands() -> list[str]:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Using it\n\n```bash\n(.*?)```", readme, re.S).group(1)
    joined = block.replace("\\\n", " ")
    return [line.strip() for line in joined.splitlines() if line.strip() and not line.strip().startswith("#")]


def _script(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def test_readme_using_it_runs_as_written(tmp_path: Path) -> None:
    commands = readme_commands()
    assert len(commands) >= 7 and all(c.startswith(".venv/bin/python -m harness") for c in commands)
    sample = PROJECT_ROOT / "references" / "sample_deen"
    src = (sample / "aligned.de").read_text(encoding="utf-8")
    ref = (sample / "aligned.en").read_text(encoding="utf-8")
    (tmp_path / "test.de").write_text(src, encoding="utf-8")
    (tmp_path / "test.en").write_text(ref, encoding="utf-8")
    (tmp_path / "deepl.en").write_text(ref, encoding="utf-8")
    (tmp_path / "google.en").write_text(ref.replace("the", "a"), encoding="utf-8")
    _script(tmp_path / ".venv" / "bin" / "python", f'exec "{sys.executable}" "$@"')  # this test's interpreter
    _script(tmp_path / "bin" / "marian-decoder", "exec cat")
    env = {**os.environ, "PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}", "TQDM_DISABLE": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))}
    outputs = []
    for command in commands:
        done = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, f"{command}\n{done.stderr[-2000:]}"
        outputs.append(done.stdout)

    results = tmp_path / "results"
    runs = {str(p.parent.relative_to(results)) for p in results.glob("*/*/scores.json")}
    assert runs >= {"sample_deen/identity", "sample_deen/file-deepl.en", "sample_deen/file-google.en",
                    "kas_colombia_nato/identity", "kas_colombia_nato/reference", "kas_colombia_nato/marian",
                    "mytest/file-deepl.en"}
    kas = (PROJECT_ROOT / "references" / "kas_colombia_nato" / "aligned.de").read_text(encoding="utf-8").splitlines()
    assert (results / "kas_colombia_nato" / "marian" / "hypotheses.en").read_text(encoding="utf-8").splitlines() == kas
    # The third command chose two metrics: they merged into the stored identity run of the second.
    kept = json.loads((results / "kas_colombia_nato" / "identity" / "scores.json").read_text(encoding="utf-8"))
    assert list(kept["metrics"]) == ["bleu", "chrf", "chrfpp", "ter"]
    # The report command prints sample_deen's table once, deepl.en (the reference itself) first.
    printed = outputs[commands.index(".venv/bin/python -m harness.report reference=sample_deen")]
    rows = [line.split("|")[1].strip() for line in printed.splitlines() if line.startswith("| ")][1:]
    assert printed.count("| system") == 1 and rows[0].startswith("file-deepl.en")
