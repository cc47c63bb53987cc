"""What the translation cache costs: a run with it against the same run without it, measured together.

    python bench/bench_translation_cache.py [--segments 20000] [--repeats 3] [--json out.json]

Both are the user's command, a fresh Python process each time, on a synthetic reference set of distinct
segments, sent through ``system=command system.command=cat`` (the cheapest possible system, so the
cache's own cost is all that differs):

- cached:   ``python -m harness ... system.cache=true``  with an empty cache directory (every segment is
  translated and stored: the cache's worst case)
- uncached: ``python -m harness ... system.cache=false``

Runs alternate (cached, uncached, ...) so load from other processes hits both alike; the ratio uses the
medians of the whole runs' wall time, and of the translate step alone (``timings.translate_seconds`` in
scores.json). The hypotheses of both must be identical, or the script fails. Target: ratio <= 1.2.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["ka", "te", "ro", "mi", "sa", "lun", "ber", "ge", "ver", "stion", "ung", "er", "an", "chäu", "ßé"]


def synthetic(segments: int, seed: int = 7) -> list[str]:
    """Distinct sentences of about 20 words (numbered, so none repeats and nothing is deduplicated)."""
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) + rng.choice(WORDS) for _ in range(rng.randint(8, 30))) + f" {i}."
            for i in range(segments)]


def run_once(workdir: Path, label: str, cached: bool, repeat: int) -> tuple[float, float, list[str]]:
    """Wall seconds of the whole command, its translate step, and the hypotheses it wrote."""
    results = workdir / f"results-{label}-{repeat}"
    cache = workdir / f"cache-{label}-{repeat}"
    args = [sys.executable, "-m", "harness", "reference=files", f"reference.src={workdir / 'src.de'}",
            f"reference.ref={workdir / 'ref.en'}", "reference.src_lang=de", "reference.tgt_lang=en",
            "reference.name=bench", "system=command", "system.command=cat", f"system.name={label}",
            f"system.cache={'true' if cached else 'false'}", "metrics=[bleu]", f"results_dir={results}",
            f"cache_dir={cache}"]
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{label} run failed:\n{proc.stderr}")
    run_dir = results / "bench" / label
    info = json.loads((run_dir / "scores.json").read_text(encoding="utf-8"))
    return wall, info["timings"]["translate_seconds"], (run_dir / "hypotheses.en").read_text().splitlines()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=20000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as tmp:
        workdir = Path(tmp)
        lines = synthetic(options.segments)
        (workdir / "src.de").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (workdir / "ref.en").write_text("\n".join(lines) + "\n", encoding="utf-8")
        times: dict[str, list[tuple[float, float]]] = {"cached": [], "uncached": []}
        outputs: dict[str, list[str]] = {}
        for repeat in range(options.repeats):
            for label in ("cached", "uncached"):
                wall, translate, hyps = run_once(workdir, label, label == "cached", repeat)
                times[label].append((wall, translate))
                outputs[label] = hyps
                print(f"{label:9s} run {repeat + 1}: {wall:6.2f} s (translate {translate:5.2f} s)", flush=True)
        if outputs["cached"] != outputs["uncached"] or outputs["cached"] != lines:
            raise SystemExit("the cached and uncached runs wrote different hypotheses")
    medians = {label: (statistics.median(w for w, _ in runs), statistics.median(t for _, t in runs))
               for label, runs in times.items()}
    wall_ratio = medians["cached"][0] / medians["uncached"][0]
    translate_ratio = medians["cached"][1] / medians["uncached"][1]
    print(f"\n{options.segments} segments, system=command cat, median of {options.repeats}:")
    print(f"  whole run:      cached {medians['cached'][0]:.2f} s, uncached {medians['uncached'][0]:.2f} s, "
          f"ratio {wall_ratio:.2f}x (target <= 1.2x)")
    print(f"  translate step: cached {medians['cached'][1]:.2f} s, uncached {medians['uncached'][1]:.2f} s, "
          f"ratio {translate_ratio:.2f}x")
    if options.json:
        options.json.write_text(json.dumps({"segments": options.segments, "repeats": options.repeats,
                                            "runs": times, "wall_ratio": wall_ratio,
                                            "translate_ratio": translate_ratio}, indent=2) + "\n")


if __name__ == "__main__":
    main()
