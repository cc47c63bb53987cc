"""Wall time of a 4-system sweep of CPU-bound systems: one job after the other (Hydra's basic launcher)
against hydra/launcher=local_parallel (joblib, one process per core), measured in the same run.

    python bench/bench_local_parallel.py [--rounds 1000000] [--systems 4] [--jobs -1] [--start-method fork]
                                         [--json out.json]

Each system is ``bench/parallel/busy.py``: a fixed amount of hashing per segment of sample_deen (the
work a CPU decoder does), so a job is CPU-bound and its cost does not depend on the launcher. Both
sweeps run the whole user path (metrics, run records, tables and report once at the end) into fresh
results and cache directories; runs alternate (serial, parallel, serial, ...) so load from other
processes hits both alike; the ratio uses the medians. Results must be identical.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def job_seconds(results: Path) -> float:
    """Sum of the jobs' own run times (scores.json): over the sweep's wall time, how many ran at once."""
    return sum(json.loads(p.read_text())["timings"]["total_seconds"] for p in results.glob("*/*/scores.json"))


def sweep(workdir: Path, systems: int, rounds: int, launcher: list[str]) -> tuple[float, Path]:
    """One ``python -m harness -m`` sweep; its wall time and results directory."""
    results = workdir / "results"
    conf = workdir / "conf" / "system"
    conf.mkdir(parents=True)
    (conf / "busy.yaml").write_text(f"_target_: busy.Busy\nrounds: {rounds}\nname: busy\ncache: false\n")
    names = ",".join(f"busy{i}" for i in range(1, systems + 1))
    env = {**os.environ, "MT_HARNESS_CACHE": str(workdir / "cache"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "bench" / "parallel"), str(ROOT),
                                                       os.environ.get("PYTHONPATH")]))}
    args = [sys.executable, "-m", "harness", "-m", *launcher, f"hydra.searchpath=[file://{workdir / 'conf'}]",
            "system=busy", f"system.name={names}", "reference=sample_deen", "metrics=[bleu,chrf]",
            f"results_dir={results}"]
    start = time.perf_counter()
    subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--systems", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=1000000, help="hash rounds per segment (job cost: about 8 s of one core)")
    parser.add_argument("--jobs", type=int, default=-1, help="hydra.launcher.n_jobs (-1: one per core)")
    parser.add_argument("--start-method", choices=("fork", "loky"), default="fork",
                        help="hydra.launcher.start_method: workers forked from the launching process (Linux), or loky's")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    parallel_args = ["hydra/launcher=local_parallel", f"hydra.launcher.n_jobs={args.jobs}",
                     f"hydra.launcher.start_method={args.start_method}"]
    times: dict[str, list[float]] = {"serial": [], "local_parallel": []}
    overlap: dict[str, list[float]] = {"serial": [], "local_parallel": []}
    with tempfile.TemporaryDirectory() as tmp:
        for repeat in range(args.repeats):
            outputs = {}
            for kind, launcher in (("serial", []), ("local_parallel", parallel_args)):
                seconds, results = sweep(Path(tmp) / f"{kind}{repeat}", args.systems, args.rounds, launcher)
                times[kind].append(seconds)
                overlap[kind].append(job_seconds(results) / seconds)
                outputs[kind] = (results / "sample_deen" / "leaderboard.csv").read_text()
                print(f"{kind:15s} {seconds:7.2f} s  (job time / wall time {overlap[kind][-1]:.2f})", flush=True)
            if outputs["serial"] != outputs["local_parallel"]:
                sys.exit("results differ between the serial and the parallel sweep")
    serial, parallel = statistics.median(times["serial"]), statistics.median(times["local_parallel"])
    load = os.getloadavg()
    summary = {"systems": args.systems, "rounds": args.rounds, "start_method": args.start_method,
               "cores": os.cpu_count(), "serial_s": serial,
               "local_parallel_s": parallel, "ratio": parallel / serial, "times": times, "loadavg": load,
               "job_time_over_wall": overlap}
    print(f"{args.systems} systems, {os.cpu_count()} cores: serial {serial:.2f} s, "
          f"local_parallel ({args.start_method}) {parallel:.2f} s, "
          f"ratio {parallel / serial:.2f} (identical tables); load average {load[0]:.1f} "
          "(other processes on the cores make the ratio worse)")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
