"""What produced a result: package versions and the code's git commit, for reproducibility."""

from __future__ import annotations

import platform
import subprocess
from importlib import metadata

from harness.paths import PROJECT_ROOT

PACKAGES = ("sacrebleu", "hydra-core", "numpy", "pandas", "torch", "unbabel-comet", "transformers", "ctranslate2")


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def git_commit() -> str:
    """HEAD of the project checkout, with '+dirty' when tracked files differ from it."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                              timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=PROJECT_ROOT,
                               capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")
