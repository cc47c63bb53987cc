"""Time and peak memory of a large evaluation: the harness against sacrebleu's CLI on the same files.

    python bench/bench_memory.py [--segments 10000 100000 1000000] [--json out.json]

For each size: two systems, BLEU + chrF, paired bootstrap (1,000 resamples) with confidence
intervals. The harness runs the user's path (``python -m harness -m system=file ...``: run records,
tables, report.html); sacrebleu runs ``sacrebleu REF -i A B -m bleu chrf --paired-bs``. Each command
is a fresh process; its peak resident memory and CPU time are the kernel's (``wait4`` rusage of that
child: CPU time shows what a loaded machine's wall time hides). A
command that fails (sacrebleu may run out of memory at a million segments) is reported as failed.
Synthetic data: Zipf-like words, log-normal sentence lengths (about 22 words); systems are the
reference with 15 % and 30 % of the words dropped.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def synthesize(directory: Path, segments: int, seed: int = 1) -> tuple[Path, list[Path]]:
    """ref.en (also src.de) and two systems a.en, b.en."""
    rng = np.random.default_rng(seed)
    vocab = np.array([f"w{i}" for i in range(30000)])
    weights = 1 / np.arange(1, 30001) ** 1.05
    lengths = np.maximum(2, rng.lognormal(3.1, 0.45, segments).astype(int))
    words = rng.choice(vocab, size=int(lengths.sum()), p=weights / weights.sum())
    bounds = np.concatenate([[0], np.cumsum(lengths)])
    refs = [" ".join(words[bounds[i]:bounds[i + 1]]) + "." for i in range(segments)]
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "ref.en").write_text("\n".join(refs) + "\n", encoding="utf-8")
    (directory / "src.de").write_text("\n".join(refs) + "\n", encoding="utf-8")
    systems = []
    for name, rate in (("a.en", 0.15), ("b.en", 0.30)):
        out = []
        for ref in refs:
            kept = [w for w, keep in zip(ref.split(), rng.random(len(ref.split())) > rate) if keep]
            out.append(" ".join(kept) or "x")
        (directory / name).write_text("\n".join(out) + "\n", encoding="utf-8")
        systems.append(directory / name)
    return directory / "ref.en", systems


def measure(args: list[str], env: dict[str, str], timeout: float) -> dict[str, object]:
    """Wall time, peak RSS (MB) and success of one command, from the kernel's accounting of that child."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    except KeyboardInterrupt:
        proc.kill()
        raise
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    error = proc.stderr.read().decode(errors="replace").strip().splitlines()[-1:] if proc.returncode else []
    return {"seconds": round(seconds, 1), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
            "peak_mb": round(usage.ru_maxrss / 1024), "ok": proc.returncode == 0,
            "error": error[0] if error else None, "timed_out": seconds > timeout}


#: The harness with nothing streamed: statistics in one call per metric, the bootstrap draw made once and kept.
UNBOUNDED = """
import sys
import harness.metrics.sacrebleu as metrics, harness.stats as stats
metrics.STATISTICS_BLOCK = stats._KEEP_CELLS = 10**15
import runpy
sys.argv = ["harness", *sys.argv[1:]]
runpy.run_module("harness", run_name="__main__", alter_sys=True)
"""
VOLATILE = {"created", "timings", "seconds"}


def _stable(value: object) -> object:
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in VOLATILE}
    return [_stable(v) for v in value] if isinstance(value, list) else value


def differences(a: Path, b: Path) -> list[str]:
    """Files of two results/<reference>/ trees that differ: scores.json apart from timings, stats.npz
    by its arrays, everything else byte for byte."""
    names = sorted(str(p.relative_to(a)) for p in a.rglob("*") if p.is_file() and not p.name.startswith("."))
    if names != sorted(str(p.relative_to(b)) for p in b.rglob("*") if p.is_file() and not p.name.startswith(".")):
        return ["(different files)"]
    out = []
    for name in names:
        x, y = a / name, b / name
        if x.name == "scores.json":
            same = _stable(json.loads(x.read_text())) == _stable(json.loads(y.read_text()))
        elif x.suffix == ".npz":
            with np.load(x) as p, np.load(y) as q:
                same = p.files == q.files and all(np.array_equal(p[k], q[k]) for k in p.files)
        else:
            same = x.read_bytes() == y.read_bytes()
        if not same:
            out.append(name)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--segments", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--skip-sacrebleu", action="store_true")
    parser.add_argument("--check-unbounded", action="store_true",
                        help="also run the unbounded path (one statistics call per metric, one kept draw) and "
                             "compare every output file with the streamed run's")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for segments in args.segments:
            work = Path(tmp) / str(segments)
            ref, systems = synthesize(work / "data", segments)
            env = {**os.environ, "MT_HARNESS_CACHE": str(work / "cache"),
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
            overrides = ["-m", "system=file", "system.path=" + ",".join(map(str, systems)), "reference=files",
                         f"reference.src={work / 'data' / 'src.de'}", f"reference.ref={ref}",
                         "reference.src_lang=de", "reference.tgt_lang=en", "reference.name=bench",
                         "metrics=[bleu,chrf]"]
            harness = measure([sys.executable, "-m", "harness", *overrides, f"results_dir={work / 'results'}"],
                              env, 3600)
            row = {"segments": segments, "harness": harness}
            print(f"{segments:>9,} segments  harness   {harness['seconds']:7.1f} s  {harness['peak_mb']:6d} MB"
                  f"  (CPU {harness['cpu_seconds']:.1f} s, load average {os.getloadavg()[0]:.1f})"
                  + ("" if harness["ok"] else f"  FAILED: {harness['error']}"), flush=True)
            if args.check_unbounded:
                unbounded = measure([sys.executable, "-c", UNBOUNDED, *overrides, f"results_dir={work / 'unbounded'}"],
                                    env, 3600)
                differ = differences(work / "results" / "bench", work / "unbounded" / "bench")
                row["unbounded"] = {**unbounded, "differences": differ}
                print(f"{segments:>9,} segments  unbounded {unbounded['seconds']:7.1f} s  {unbounded['peak_mb']:6d} MB"
                      f"  (CPU {unbounded['cpu_seconds']:.1f} s): "
                      + ("identical tables, scores, statistics and report" if unbounded["ok"] and not differ
                         else f"DIFFERENT: {differ or unbounded['error']}"), flush=True)
            if not args.skip_sacrebleu:
                theirs = measure([sys.executable, "-m", "sacrebleu", str(ref), "-i", *map(str, systems),
                                  "-m", "bleu", "chrf", "--paired-bs", "-f", "json"], env, 3600)
                row["sacrebleu"] = theirs
                print(f"{segments:>9,} segments  sacrebleu {theirs['seconds']:7.1f} s  {theirs['peak_mb']:6d} MB"
                      f"  (CPU {theirs['cpu_seconds']:.1f} s)"
                      + ("" if theirs["ok"] else f"  FAILED: {theirs['error']}"), flush=True)
            rows.append(row)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
