"""Issue 14, point 15: ``--help`` describes the tool, lists every config group with its choices and shows
examples; ``mt-harness`` is a console script; shell completion installs for it and completes choices."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from importlib import import_module
from pathlib import Path

from tests.core.conftest import PROJECT_ROOT, run_module


def _choices(group: str) -> str:
    return ", ".join(sorted(p.stem for p in (PROJECT_ROOT / "conf" / group).glob("*.yaml")))


def test_help_shows_description_groups_and_examples() -> None:
    out = run_module("harness", "--help")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("mt-harness: evaluate a machine-translation system on a reference set")
    for group in ("system", "reference", "metrics"):
        assert f"{group}: {_choices(group)}" in lines
    assert "  python -m harness system=identity reference=sample_deen" in lines
    assert 'Shell completion (bash): eval "$(mt-harness -sc install=bash)"' in out.stdout
    assert "_target_" not in out.stdout  # the composed config is behind --cfg job, not in the help


def _console_script(directory: Path) -> Path:
    """What pip writes for the ``[project.scripts]`` entry (the venv here is an editable install of another tree)."""
    scripts = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    module, _, function = scripts["mt-harness"].partition(":")
    assert callable(getattr(import_module(module), function))
    path = directory / "mt-harness"
    path.write_text(f"#!{sys.executable}\nimport sys\nfrom {module} import {function}\nsys.exit({function}())\n",
                    encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_console_script_and_bash_completion(tmp_path: Path) -> None:
    script = _console_script(tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")])}
    install = subprocess.run([str(script), "-sc", "install=bash"], capture_output=True, text=True, env=env, timeout=60)
    assert install.returncode == 0, install.stderr
    assert "complete -o nospace -o default -F hydra_bash_completion mt-harness" in install.stdout
    query = subprocess.run([str(script), "-sc", "query=bash"], capture_output=True, text=True, timeout=60,
                           env={**env, "COMP_LINE": "mt-harness system=op", "COMP_POINT": "20"})
    assert query.returncode == 0, query.stderr
    assert query.stdout.split() == ["system=openai", "system=opus_mt"]
    helped = subprocess.run([str(script), "--help"], capture_output=True, text=True, env=env, timeout=60)
    assert helped.returncode == 0 and helped.stdout.startswith("mt-harness: evaluate")
