"""COMET embedding reuse: the second and later systems on one reference set against the first.

With wmt22-comet-da's regression model, sources and references are embedded once per reference set
(kept in memory and in the cache file, see harness/metrics/comet_embeddings.py); each later system
only embeds its hypotheses. This builds the benchmarks' random-weight model (bench_comet.py: small
shape by default, ``--full`` for xlm-roberta-large's), scores one reference set for several systems
as a sweep in one process does (each system's hypotheses different; the score cache off, so every
segment is scored and only the embedding reuse differs), and prints

  - the first system's seconds and the later systems' mean, and their ratio (the target: >= 2.5x);
  - each later system scored again from scratch (no reuse), right after its reused scoring (so load
    from other work on the machine hits both alike): the seconds, and whether the scores are
    identical (bit for bit) to the reused ones.

    python bench/bench_comet_reuse.py                 # small model, 400 segments, 3 systems (CPU)
    python bench/bench_comet_reuse.py --full          # xlm-roberta-large shape (meant for a GPU)
    python bench/bench_comet_reuse.py --json out.json

Model loading and a warm-up batch (texts not in the data) are outside every timing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_comet import SMALL_SHAPE, WMT22_HPARAMS, make_triples  # noqa: E402

from harness.metrics.comet_synthetic import CheckpointSpec, EncoderShape, build_checkpoint  # noqa: E402

TARGET = 2.5


def system_outputs(refs: list[str], systems: int, seed: int = 2) -> list[list[str]]:
    """Hypotheses of ``systems`` systems: each reference with its own ~15% of words replaced or dropped."""
    rng = np.random.default_rng(seed)
    vocabulary = np.array(sorted({w for ref in refs for w in ref.split()}))
    outputs = []
    for _ in range(systems):
        outputs.append([" ".join(w if rng.random() > 0.15 else str(rng.choice(vocabulary))
                                 for w in ref.split() if rng.random() > 0.05) or ref for ref in refs])
    return outputs


def timed(metric, hyps: list[str], refs: list[str], srcs: list[str]) -> tuple[list[float], float, int]:
    started = time.perf_counter()
    result = metric.score(hyps, refs, srcs)
    return list(result.segment_scores), time.perf_counter() - started, int(result.details.get("reused_embeddings", 0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="xlm-roberta-large shape (default: the small one)")
    parser.add_argument("--segments", type=int, default=400)
    parser.add_argument("--systems", type=int, default=3, help="systems scored on the reference set (>= 2)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--json", type=Path, help="write the numbers here too")
    args = parser.parse_args(argv)

    import torch

    from harness.metrics.comet import COMET

    gpus = 1 if torch.cuda.is_available() else 0
    device = torch.cuda.get_device_name(0) if gpus else f"CPU ({torch.get_num_threads()} threads)"
    srcs, _, refs = make_triples(args.segments)
    outputs = system_outputs(refs, max(2, args.systems))
    workdir = Path(tempfile.mkdtemp(prefix="bench-comet-reuse-"))
    shape = EncoderShape.xlmr_large() if args.full else SMALL_SHAPE
    build_checkpoint(workdir / "model", CheckpointSpec("regression_metric", shape, WMT22_HPARAMS), corpus=srcs + refs)
    model = str(workdir / "model")

    def metric(**kwargs) -> COMET:
        return COMET(model=model, gpus=gpus, batch_size=args.batch_size, cache_dir=str(workdir / "cache"), **kwargs)

    warm_srcs, warm_mts, warm_refs = make_triples(args.batch_size, seed=99)  # texts not in the data
    metric(cache=False, embedding_cache_mb=0).score(warm_mts, warm_refs, warm_srcs)  # load + warm up
    reused, fresh = [], []
    for k, hyps in enumerate(outputs):  # a sweep: one metric per system's run, embeddings kept in memory
        reused.append(timed(metric(cache=False), hyps, refs, srcs))
        if k:
            fresh.append(timed(metric(cache=False, embedding_cache_mb=0), hyps, refs, srcs))

    first = reused[0][1]
    later = float(np.mean([seconds for _, seconds, _ in reused[1:]]))
    fresh_later = float(np.mean([seconds for _, seconds, _ in fresh]))
    identical = all(a[0] == b[0] for a, b in zip(reused[1:], fresh))
    max_diff = max(float(np.max(np.abs(np.array(a[0]) - np.array(b[0])))) for a, b in zip(reused[1:], fresh))
    ratio = first / later
    print(f"model: regression, {shape.layers} layers, hidden {shape.hidden}; {args.segments} segments, "
          f"{len(outputs)} systems; device: {device}")
    for k, (_, seconds, hits) in enumerate(reused, 1):
        print(f"system {k}: {seconds:7.2f} s  ({args.segments / seconds:7.1f} seg/s, reused embeddings: {hits})")
    print(f"later systems scored from scratch (no reuse): {fresh_later:.2f} s each")
    print(f"first / later: {ratio:.2f}x (target >= {TARGET}x); from scratch / reused: {fresh_later / later:.2f}x; "
          f"scores identical: {identical} (max |diff| {max_diff:.1e})")
    if args.json:
        args.json.write_text(json.dumps({
            "device": device, "segments": args.segments, "systems": len(outputs), "shape": shape.__dict__,
            "seconds": [s for _, s, _ in reused], "fresh_seconds": [s for _, s, _ in fresh],
            "ratio_first_over_later": ratio, "identical": identical, "max_abs_diff": max_diff}, indent=2))
    if not identical or ratio < TARGET:
        print(f"FAIL: {'scores differ' if not identical else f'ratio {ratio:.2f}x < {TARGET}x'}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
