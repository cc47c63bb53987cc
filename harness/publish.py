"""Everything regenerated from a reference set's stored runs after each run (and on demand)."""

from __future__ import annotations

from pathlib import Path

from harness import leaderboard
from harness.leaderboard import Leaderboard


def publish(reference_dir: Path, content_hash: str | None = None) -> Leaderboard:
    """Rewrite the comparison tables of ``results/<reference>/`` from its finished runs."""
    return leaderboard.write(reference_dir, content_hash)
