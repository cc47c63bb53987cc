"""Checks on command-line choices before Hydra runs, so a typo gets a line naming what exists."""

from __future__ import annotations

import re
import sys

from harness.paths import CONF_DIR

GROUPS = ("system", "reference", "metrics")
_OVERRIDE = re.compile(r"^(?P<group>system|reference|metrics)=(?P<value>.*)$")


def available(group: str) -> list[str]:
    return sorted(p.stem for p in (CONF_DIR / group).glob("*.yaml"))


def _choices(value: str) -> list[str]:
    """Options named by ``a``, ``a,b`` (sweep) or ``[a,b]`` (list)."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    return [v.strip().strip("'\"") for v in value.split(",") if v.strip()]


def check_choices(argv: list[str] | None = None) -> None:
    """Exit with one clear line when an override names a config that does not exist."""
    for arg in sys.argv[1:] if argv is None else argv:
        match = _OVERRIDE.match(arg)
        if not match or "(" in match["value"]:
            continue
        group = match["group"]
        known = available(group)
        unknown = [c for c in _choices(match["value"]) if c not in known]
        if unknown:
            print(f"error: unknown {group} {', '.join(map(repr, unknown))}; available: {', '.join(known)}",
                  file=sys.stderr)
            sys.exit(2)
