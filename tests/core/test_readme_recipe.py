"""The README's "Adding an MT system" recipe works as written, with the YAML outside the project."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_readme_system_recipe_runs(tmp_path: Path, read_scores) -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Adding an MT system"):]
    code = re.search(r"```python\n# systems/uppercase.py\n(.*?)```", section, re.S).group(1)
    yaml = re.search(r"```yaml\n# conf/system/uppercase.yaml\n(.*?)```", section, re.S).group(1)
    (tmp_path / "pkg" / "systems_extra").mkdir(parents=True)
    (tmp_path / "pkg" / "systems_extra" / "uppercase.py").write_text(code)
    (tmp_path / "conf" / "system").mkdir(parents=True)
    (tmp_path / "conf" / "system" / "uppercase.yaml").write_text(
        yaml.replace("systems.uppercase.", "systems_extra.uppercase."))
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "pkg")}
    proc = subprocess.run(
        [sys.executable, "-m", "harness", "system=uppercase", "reference=sample_deen", "metrics=[chrf]", f"results_dir={tmp_path / 'r'}",
         f"hydra.searchpath=[file://{tmp_path / 'conf'}]"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    run_dir = tmp_path / "r" / "sample_deen" / "uppercase"
    first = (run_dir / "hypotheses.en").read_text(encoding="utf-8").splitlines()[0]
    assert first == "DIE REGIERUNG HAT AM DIENSTAG EINEN NEUEN HAUSHALTSPLAN VORGESTELLT.!"
    assert read_scores(run_dir)["system"]["config"]["suffix"] == "!"
