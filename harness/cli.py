"""Checks on command-line choices before Hydra runs, so a typo gets a line naming what exists."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from harness.errors import HarnessError
from harness.launchers import check_plugin
from harness.paths import CONF_DIR

GROUPS = ("system", "reference", "metrics")
_OVERRIDE = re.compile(r"^(?P<group>system|reference|metrics)=(?P<value>.*)$")


_SEARCHPATH = re.compile(r"file://([^,\]'\"]+)")


def config_dirs(argv: list[str]) -> list[Path]:
    """The project's conf/ plus any ``hydra.searchpath=[file://DIR]`` the user adds."""
    dirs = [CONF_DIR]
    for arg in argv:
        if arg.lstrip("+").startswith("hydra.searchpath="):
            dirs.extend(Path(p) for p in _SEARCHPATH.findall(arg))
    return dirs


def available(group: str, dirs: list[Path] | None = None) -> list[str]:
    return sorted({p.stem for d in dirs or [CONF_DIR] for p in (d / group).glob("*.yaml")})


def _choices(value: str) -> list[str]:
    """Options named by ``a``, ``a,b`` (sweep) or ``[a,b]`` (list)."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    return [v.strip().strip("'\"") for v in value.split(",") if v.strip()]


def check_choices(argv: list[str] | None = None) -> None:
    """Exit with one clear line when an override names a config that does not exist."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        check_plugin(argv)
    except HarnessError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
    dirs = config_dirs(argv)
    for arg in argv:
        match = _OVERRIDE.match(arg)
        if not match or "(" in match["value"]:
            continue
        group = match["group"]
        known = available(group, dirs)
        unknown = [c for c in _choices(match["value"]) if c not in known]
        if unknown:
            print(f"error: unknown {group} {', '.join(map(repr, unknown))}; available: {', '.join(known)}",
                  file=sys.stderr)
            sys.exit(2)
