"""Where the project's shipped files live, so relative paths in shipped configs work from any cwd."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONF_DIR = PROJECT_ROOT / "conf"


def resolve(path: str | Path) -> Path:
    """A relative path is taken from the cwd if it exists there, else from the project root."""
    path = Path(path).expanduser()
    if path.is_absolute() or path.exists():
        return path.resolve() if path.exists() else path
    candidate = PROJECT_ROOT / path
    return candidate if candidate.exists() else path


_NAME_OK = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-")


def check_name(kind: str, name: str) -> str:
    """Names become directory names under results/, so they must be plain and non-empty."""
    if not name or name.startswith(".") or not set(name) <= _NAME_OK:
        from harness.errors import HarnessError

        raise HarnessError(f"{kind} name {name!r} is not usable as a directory name; use letters, digits, . _ + -")
    return name
