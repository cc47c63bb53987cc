"""Everything regenerated from a reference set's stored runs after each run (and on demand)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from harness import atomic, html_report, leaderboard
from harness.errors import HarnessError
from harness.leaderboard import Leaderboard


def publish(reference_dir: Path, content_hash: str | None = None, options: Mapping[str, Any] | None = None) -> Leaderboard:
    """Rewrite the comparison tables of ``results/<reference>/`` from its finished runs.

    ``options`` are the ``report`` settings (conf/report_options.yaml): baseline, test, seed ...
    """
    board = leaderboard.write(reference_dir, content_hash, options)
    with atomic.locked(reference_dir / ".lock"):
        try:
            html_report.write_if_current(reference_dir, board, content_hash)
        except HarnessError as exc:  # the run and the tables are written; the report can be remade later
            print(f"warning: {reference_dir / html_report.REPORT} not written: {exc}", file=sys.stderr)
    return board
