"""The GPU benchmark kit (bench/device/) carries wheels that must match what the project installs."""

from __future__ import annotations

from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

try:
    import tomllib
except ImportError:  # Python 3.10: pytest brings tomli
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]


def pinned_wheels() -> dict[str, str]:
    lines = (ROOT / "bench" / "device" / "wheels.txt").read_text(encoding="utf-8").splitlines()
    pins = [Requirement(line) for line in lines if line.strip() and not line.startswith("#")]
    assert all(len(r.specifier) == 1 and next(iter(r.specifier)).operator == "==" for r in pins)
    return {canonicalize_name(r.name): next(iter(r.specifier)).version for r in pins}


def project_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = [r for group in project["optional-dependencies"].values() for r in group]
    return [Requirement(r) for r in project["dependencies"] + extras if not r.startswith("mt-harness")]


def test_every_carried_wheel_satisfies_the_projects_own_pins():
    wheels = pinned_wheels()
    checked = 0
    for requirement in project_requirements():
        version = wheels.get(canonicalize_name(requirement.name))
        if version is not None:
            assert requirement.specifier.contains(version), (requirement, version)
            checked += 1
    assert checked >= 4  # unbabel-comet, transformers, tokenizers, setuptools at least


def test_the_comet_wheel_is_the_version_the_project_pins():
    comet = next(r for r in project_requirements() if canonicalize_name(r.name) == "unbabel-comet")
    assert str(comet.specifier) == f"=={pinned_wheels()['unbabel-comet']}"
