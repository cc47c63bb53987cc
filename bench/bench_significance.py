"""Wall time from hypothesis files to a finished significance table: the harness against sacrebleu.

    python bench/bench_significance.py [--segments 3000] [--repeats 3] [--json out.json]

Both commands start from nothing (a fresh Python process, fresh results directory) and produce the
paired-bootstrap table (1,000 resamples) for BLEU + chrF of three systems:

- sacrebleu: ``sacrebleu REF -i A B C -m bleu chrf --paired-bs -f json``
- harness:   ``python -m harness -m system=file system.path=A,B,C reference=files ... metrics=[bleu,chrf]``
  (the user's path: run records, leaderboard.{md,csv,tex} with CIs and p-values, and whatever else
  ``publish`` writes).

Runs alternate (sacrebleu, harness, sacrebleu, ...) so load from other processes hits both alike; the
ratio uses the medians (best-of-N and CPU-time ratios are printed too: on a shared machine CPU time
is the steadier measure). Corpus scores, CIs and p-values must be identical, or the script fails.
Synthetic data: a Zipf-like vocabulary of syllable words, sentence lengths log-normal (about 24
words, 130 characters, like news text), three systems as noisy copies of the reference.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYLLABLES = ["ka", "te", "ro", "mi", "sa", "lun", "ber", "ge", "ver", "st", "ion", "ung", "er", "an", "ch", "äu",
             "ß", "é", "the", "of", "in", "a", "s"]
ERROR_RATES = {"sys_a.en": 0.15, "sys_b.en": 0.25, "sys_c.en": 0.35}


def synthesize(segments: int, error_rates: dict[str, float] = ERROR_RATES, seed: int = 1,
               syllables: list[str] = SYLLABLES, vocabulary: int = 30000, words: float = 3.1,
               word_syllables: tuple[int, ...] = (1, 2, 2, 2, 3, 3)) -> tuple[list[str], dict[str, list[str]]]:
    """References and one noisy copy per system (word drops, substitutions, insertions at its rate).

    Sentence lengths are log-normal around ``exp(words)`` words. The tests use this too (smaller).
    """
    rng = random.Random(seed)
    vocab = ["".join(rng.choice(syllables) for _ in range(rng.choice(word_syllables))) for _ in range(vocabulary)]
    weights = [1 / (i + 1) ** 1.05 for i in range(len(vocab))]
    punct = [",", ",", ";", ":", "(", ")", '"', "-", "2024", "3.5"]
    refs = []
    for _ in range(segments):
        chosen = rng.choices(vocab, weights, k=max(2, int(rng.lognormvariate(words, 0.45))))
        chosen = [w if rng.random() > 0.06 else rng.choice(punct) for w in chosen]
        refs.append(" ".join(chosen).capitalize() + rng.choice([".", ".", ".", "?", "!"]))
    systems = {}
    for name, rate in error_rates.items():
        out = []
        for ref in refs:
            words = []
            for word in ref.split():
                x = rng.random()
                if x < rate / 3:
                    continue
                words.append(rng.choices(vocab, weights)[0] if x < 2 * rate / 3 else word)
                if 2 * rate / 3 <= x < rate:
                    words.append(rng.choices(vocab, weights)[0])
            out.append(" ".join(words) or vocab[0])
        systems[name] = out
    return refs, systems


def timed(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + system, the command and its children) and stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(command)}\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-significance-"))
    refs, systems = synthesize(args.segments)
    (work / "ref.en").write_text("\n".join(refs) + "\n", encoding="utf-8")
    (work / "src.de").write_text("\n".join(f"Quelle {i}" for i in range(len(refs))) + "\n", encoding="utf-8")
    paths = []
    for name, hyps in systems.items():
        (work / name).write_text("\n".join(hyps) + "\n", encoding="utf-8")
        paths.append(str(work / name))
    chars = sum(map(len, refs)) / len(refs)
    words = sum(len(r.split()) for r in refs) / len(refs)
    print(f"data: {len(systems)} systems x {len(refs)} segments (reference: {words:.1f} words, {chars:.0f} chars "
          f"per segment) in {work}")

    sacrebleu_cmd = [sys.executable, "-m", "sacrebleu", str(work / "ref.en"), "-i", *paths, "-m", "bleu", "chrf",
                     "--paired-bs", "-f", "json"]
    reference = ["reference=files", f"reference.src={work / 'src.de'}", f"reference.ref={work / 'ref.en'}",
                 "reference.src_lang=de", "reference.tgt_lang=en", "reference.name=bench"]
    times: dict[str, list[float]] = {"sacrebleu": [], "harness": []}
    cpu: dict[str, list[float]] = {"sacrebleu": [], "harness": []}
    sacrebleu_out = ""
    results = work / "results"
    for repeat in range(args.repeats):
        results = work / f"results-{repeat}"
        harness_cmd = [sys.executable, "-m", "harness", "-m", "system=file", "system.path=" + ",".join(paths),
                       *reference, "metrics=[bleu,chrf]", f"results_dir={results}"]
        for name, command, cwd in (("sacrebleu", sacrebleu_cmd, work), ("harness", harness_cmd, ROOT)):
            seconds, cpu_seconds, out = timed(command, cwd)
            times[name].append(seconds)
            cpu[name].append(cpu_seconds)
            sacrebleu_out = out if name == "sacrebleu" else sacrebleu_out
        print(f"run {repeat + 1}: sacrebleu {times['sacrebleu'][-1]:.2f} s ({cpu['sacrebleu'][-1]:.2f} s CPU), "
              f"harness {times['harness'][-1]:.2f} s ({cpu['harness'][-1]:.2f} s CPU)")

    check_same_numbers(json.loads(sacrebleu_out), results / "bench", list(systems))
    medians = {k: statistics.median(v) for k, v in times.items()}
    cpu_medians = {k: statistics.median(v) for k, v in cpu.items()}
    ratio = medians["harness"] / medians["sacrebleu"]
    cpu_ratio = cpu_medians["harness"] / cpu_medians["sacrebleu"]
    print(f"median wall time: sacrebleu {medians['sacrebleu']:.2f} s, harness {medians['harness']:.2f} s, "
          f"ratio harness/sacrebleu {ratio:.2f} (target <= 0.5)")
    best = {k: min(v) for k, v in times.items()}
    print(f"best wall time:   sacrebleu {best['sacrebleu']:.2f} s, harness {best['harness']:.2f} s, "
          f"ratio {best['harness'] / best['sacrebleu']:.2f}")
    print(f"median CPU time:  sacrebleu {cpu_medians['sacrebleu']:.2f} s, harness {cpu_medians['harness']:.2f} s, "
          f"ratio {cpu_ratio:.2f}")
    print(f"load average now: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    print("corpus scores, CIs and p-values identical to sacrebleu's")
    if args.json:
        args.json.write_text(json.dumps({"segments": len(refs), "wall": times, "cpu": cpu, "wall_medians": medians,
                                         "cpu_medians": cpu_medians, "best_wall": best, "ratio": ratio, "cpu_ratio": cpu_ratio,
                                         "cpus": os.cpu_count(), "load": os.getloadavg()}, indent=2) + "\n",
                             encoding="utf-8")


def check_same_numbers(theirs: list[dict], board_dir: Path, names: list[str]) -> None:
    """The harness's scores (scores.json) and significance (from stats.npz) equal sacrebleu's."""
    sys.path.insert(0, str(ROOT))
    from harness import leaderboard, stats

    board = leaderboard.collect(board_dir)
    leaderboard.add_significance(board, stats.Options())
    for row, name in zip(theirs, names):
        system = f"file-{name}"
        for metric, key in (("BLEU", "BLEU"), ("chrF", "chrF2")):
            expected = row[key]
            got = {"score": float(board.scores.loc[system, metric]), "mean": board.means[(system, metric)],
                   "ci": board.halfwidths[(system, metric)],
                   "p_value": leaderboard.pvalue(board, system, board.baseline, metric)}
            for field, value in expected.items():
                same = (value is None and got[field] is None) or (value is not None and math.isclose(got[field], value,
                                                                                                    rel_tol=0, abs_tol=0))
                if not same:
                    sys.exit(f"mismatch for {system} {metric} {field}: harness {got[field]} vs sacrebleu {value}")


if __name__ == "__main__":
    main()
