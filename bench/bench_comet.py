"""Throughput of the harness's COMET scoring against ``model.predict`` (what comet-score runs).

Builds a wmt22-comet-da-shaped model with random weights (XLM-R large: 24 layers, hidden 1024,
16 heads; a tokenizer trained locally), scores the same segment triples of realistic lengths with

  (a) COMET's ``model.predict`` with comet-score's defaults (batch 16, length batching by source
      characters, Lightning Trainer, 2 loader workers per GPU), once in full fp32 and once with
      TF32 matmuls as the ``comet-score`` command sets them;
  (b) the harness's scoring path (``harness.metrics.comet.COMET``, cache off) in fp32, tf32,
      fp16 and bf16;

and prints segments/s, the speed-up of (b) over (a), the largest segment-score difference and, on a
GPU, each path's peak GPU memory (weights included).

    python bench/bench_comet.py                 # full size, 3,000 triples: meant for a GPU
    python bench/bench_comet.py --small         # small model, 600 triples: a CPU sanity run
    python bench/bench_comet.py --qe            # a CometKiwi-shaped model instead (joint encoding, no ref)
    python bench/bench_comet.py --json out.json # also write the numbers

Model loading and a warm-up batch are outside the timings for both sides.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.metrics.comet_synthetic import CheckpointSpec, EncoderShape, build_checkpoint  # noqa: E402

#: wmt22-comet-da's estimator and layer mixing (its hparams.yaml), on random weights.
WMT22_HPARAMS = {
    "hidden_sizes": [3072, 1024],
    "activations": "Tanh",
    "final_activation": "Sigmoid",
    "layer_transformation": "sparsemax",
    "layer_norm": False,
    "pool": "avg",
    "layer": "mix",
}
#: wmt22-cometkiwi-da's (a unified model reading [mt, src], no word-level tags), on random weights.
KIWI_HPARAMS = {
    "hidden_sizes": [3072, 1024],
    "activations": "Tanh",
    "final_activation": None,
    "layer_transformation": "sparsemax",
    "layer_norm": False,
    "sent_layer": "mix",
    "input_segments": ["mt", "src"],
    "word_level_training": False,
}
SMALL_SHAPE = EncoderShape(layers=4, hidden=256, heads=4, intermediate=1024, vocab_size=4000)
DICTIONARY = Path("/usr/share/trans/de-en")  # Debian trans-de-en, when installed


def word_lists() -> tuple[list[str], list[str]]:
    """German and English words: the Ding dictionary when present, and the repository's reference sets."""
    german: list[str] = []
    english: list[str] = []
    if DICTIONARY.is_file():
        for line in DICTIONARY.read_text(encoding="utf-8", errors="replace").splitlines()[:60000]:
            if line.startswith("#") or "::" not in line:
                continue
            de, en = line.split("::", 1)
            german += _words(de)
            english += _words(en)
    for path in sorted((ROOT / "references").glob("*/*")):
        if path.suffix in (".de", ".en"):
            words = _words(path.read_text(encoding="utf-8"))
            (german if path.suffix == ".de" else english).extend(words)
    return german, english


def _words(text: str) -> list[str]:
    text = re.sub(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)", " ", text)
    return [w for w in re.split(r"[\s;|,]+", text) if w and len(w) < 25]


def make_triples(count: int, seed: int = 1) -> tuple[list[str], list[str], list[str]]:
    """News-like lengths: log-normal, median 20 words, 1 to 120; MT is the reference with ~15% edits."""
    rng = np.random.default_rng(seed)
    german_words, english_words = word_lists()
    german, english = np.array(german_words), np.array(english_words)  # choice() on a list copies it each call
    srcs, mts, refs = [], [], []
    for _ in range(count):
        n = int(np.clip(rng.lognormal(math.log(20), 0.6), 1, 120))
        ref = list(rng.choice(english, n))
        src = list(rng.choice(german, max(1, int(n * rng.uniform(0.8, 1.2)))))
        mt = [w if rng.random() > 0.15 else str(rng.choice(english)) for w in ref if rng.random() > 0.05] or ref[:1]
        srcs.append(" ".join(src).capitalize() + ".")
        refs.append(" ".join(ref).capitalize() + ".")
        mts.append(" ".join(mt).capitalize() + ".")
    return srcs, mts, refs


def padded_lengths(tokenizer, texts: list[str], limit: int = 510) -> np.ndarray:
    """Encoder positions each text takes: <s> + subwords + </s>, truncated as COMET truncates."""
    ids = tokenizer(texts, truncation=True, max_length=limit, return_attention_mask=False)["input_ids"]
    return np.fromiter(map(len, ids), dtype=np.int64, count=len(texts))


def token_positions(tokenizer, srcs: list[str], mts: list[str], refs: list[str], base_batch: int,
                    batching) -> dict[str, int]:
    """Token positions the encoder processes (padding included) under each batching: noise-free evidence.

    model.predict sorts triples by source characters and pads each field to its batch's longest
    sentence; the harness embeds each distinct sentence once, in batches of similar token length.
    """
    from harness.batching import batches_longest_first

    lengths = {name: padded_lengths(tokenizer, texts) for name, texts in (("src", srcs), ("mt", mts), ("ref", refs))}
    order = np.argsort([len(s) for s in srcs], kind="stable")
    comet = 0
    for start in range(0, len(order), base_batch):
        batch = order[start : start + base_batch]
        comet += sum(int(lengths[f][batch].max()) * len(batch) for f in lengths)
    distinct = padded_lengths(tokenizer, list(dict.fromkeys(srcs + mts + refs)))
    harness = sum(int(distinct[batch].max()) * len(batch)
                  for batch in batches_longest_first(distinct, batching.batch_size * 3, batching.max_tokens))
    return {"real_tokens": int(sum(v.sum() for v in lengths.values())), "comet_predict": comet, "harness": harness}


def baseline(checkpoint: Path, data: list[dict[str, str]], batch_size: int, gpus: int, tf32: bool) -> tuple[list[float], float]:
    """COMET's own ``model.predict`` as comet-score calls it; returns scores and seconds."""
    import torch
    from comet import load_from_checkpoint

    torch.set_float32_matmul_precision("high" if tf32 else "highest")
    model = load_from_checkpoint(str(checkpoint), local_files_only=True)
    model.predict(data[:batch_size], batch_size=batch_size, gpus=gpus, progress_bar=False)  # warm-up
    _sync()
    started = time.perf_counter()
    output = model.predict(data, batch_size=batch_size, gpus=gpus, progress_bar=True)
    _sync()
    seconds = time.perf_counter() - started
    torch.set_float32_matmul_precision("highest")
    del model
    _free()
    return list(output.scores), seconds


def harness_path(model_dir: Path, srcs: list[str], mts: list[str], refs: list[str], batching,
                 gpus: int, precision: str) -> tuple[list[float], float]:
    """The harness metric exactly as a run calls it, with the cache off so every segment is scored."""
    from harness.metrics.comet import COMET

    metric = COMET(model=str(model_dir), batch_size=batching.batch_size, max_tokens=batching.max_tokens, gpus=gpus,
                   precision=precision, cache=False)
    warm = batching.batch_size
    metric.score(mts[:warm], refs[:warm], srcs[:warm])  # load, hash and warm up
    _sync()
    started = time.perf_counter()
    result = metric.score(mts, refs, srcs)
    _sync()
    return list(result.segment_scores or []), time.perf_counter() - started


def _sync() -> None:
    import torch

    if torch.cuda.is_available():
        torch.cuda.synchronize()


def _free() -> None:
    import gc

    import torch

    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="small model and 600 triples (CPU sanity run)")
    parser.add_argument("--qe", action="store_true",
                        help="a CometKiwi-shaped reference-free unified model (the joint-encoding path) "
                             "instead of wmt22-comet-da's regression model")
    parser.add_argument("--segments", type=int, help="triples to score (default 3000, --small 600)")
    parser.add_argument("--batch-size", type=int, default=64, help="harness batch size (default 64)")
    parser.add_argument("--max-tokens", type=int, help="harness padded positions per pass (default: the harness's)")
    parser.add_argument("--baseline-batch-size", type=int, default=16, help="comet-score's default is 16")
    parser.add_argument("--precisions", default="fp32,tf32,fp16,bf16",
                        help="harness precisions to time (on a CPU tf32 and fp16 are skipped: no such kernels)")
    parser.add_argument("--repeats", type=int, default=1, help="time every path this many times, report the best")
    parser.add_argument("--workdir", type=Path, help="where to build the checkpoint (default: a temp dir)")
    parser.add_argument("--json", type=Path, help="write the numbers here too")
    args = parser.parse_args(argv)

    import torch

    gpus = 1 if torch.cuda.is_available() else 0
    device = torch.cuda.get_device_name(0) if gpus else f"CPU ({torch.get_num_threads()} threads)"
    count = args.segments or (600 if args.small else 3000)
    shape = SMALL_SHAPE if args.small else EncoderShape.xlmr_large()
    precisions = [p for p in args.precisions.split(",") if p]
    if not gpus:
        precisions = [p for p in precisions if p not in ("tf32", "fp16")]  # GPU-only fast paths

    srcs, mts, refs = make_triples(count)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-comet-"))
    started = time.perf_counter()
    spec = CheckpointSpec("unified_metric", shape, KIWI_HPARAMS) if args.qe else \
        CheckpointSpec("regression_metric", shape, WMT22_HPARAMS)
    checkpoint = build_checkpoint(workdir / "model", spec,
                                  corpus=srcs + refs)
    print(f"model: {spec.class_identifier}, {shape.layers} layers, hidden {shape.hidden}, {shape.heads} heads, built in "
          f"{time.perf_counter() - started:.0f} s; {count} triples; device: {device}", flush=True)

    data = [{"src": s, "mt": m} if args.qe else {"src": s, "mt": m, "ref": r} for s, m, r in zip(srcs, mts, refs)]
    from transformers import XLMRobertaTokenizerFast

    from harness.metrics.comet_scoring import Batching, default_max_tokens

    batching = Batching(args.batch_size, args.max_tokens or default_max_tokens(torch.device("cuda" if gpus else "cpu")))
    positions: dict[str, int] = {}
    if not args.qe:  # the sentence-level path's batching; joint models encode whole pairs
        positions = token_positions(XLMRobertaTokenizerFast.from_pretrained(workdir / "model" / "encoder"),
                                    srcs, mts, refs, args.baseline_batch_size, batching)
        print(f"encoder token positions (padding included): comet predict {positions['comet_predict']:,}, "
              f"harness {positions['harness']:,}, real tokens {positions['real_tokens']:,}", flush=True)
    paths = {"comet predict fp32": lambda: baseline(checkpoint, data, args.baseline_batch_size, gpus, tf32=False)}
    if gpus:
        paths["comet-score (tf32)"] = lambda: baseline(checkpoint, data, args.baseline_batch_size, gpus, tf32=True)
    for precision in precisions:
        paths[f"harness {precision}"] = (
            lambda p=precision: harness_path(workdir / "model", srcs, mts, refs, batching, gpus, p))
    # Round-robin repeats, best time: interference from other work only ever adds time (as timeit).
    seconds: dict[str, list[float]] = {name: [] for name in paths}
    scores: dict[str, list[float]] = {}
    peak_gib: dict[str, float] = {name: 0.0 for name in paths}  # GPU memory, weights included
    for _ in range(args.repeats):
        for name, run in paths.items():
            if gpus:
                torch.cuda.reset_peak_memory_stats()
            scores[name], elapsed = run()
            seconds[name].append(elapsed)
            if gpus:
                peak_gib[name] = max(peak_gib[name], torch.cuda.max_memory_allocated() / 2**30)
            _free()

    rows: dict[str, dict[str, float]] = {}
    for name in paths:
        best = float(np.min(seconds[name]))
        rows[name] = {"seg_per_s": count / best, "seconds": best, "all_seconds": seconds[name]}
        if gpus:
            rows[name]["peak_gpu_gib"] = peak_gib[name]
        if name.startswith("harness"):
            base = "comet-score (tf32)" if name == "harness tf32" else "comet predict fp32"
            diff = np.abs(np.array(scores[name]) - np.array(scores[base]))
            rows[name].update(speedup=rows[base]["seconds"] / best, max_abs_diff=float(diff.max()),
                              mean_abs_diff=float(diff.mean()))

    print(f"\n{'path':<22}{'seg/s':>10}{'seconds':>10}{'speed-up':>10}{'max |diff|':>13}"
          + (f"{'peak GiB':>10}" if gpus else ""))
    for name, row in rows.items():
        speedup = f"{row['speedup']:.2f}x" if "speedup" in row else ""
        diff = f"{row['max_abs_diff']:.2e}" if "max_abs_diff" in row else ""
        peak = f"{row['peak_gpu_gib']:>10.1f}" if gpus else ""
        print(f"{name:<22}{row['seg_per_s']:>10.1f}{row['seconds']:>10.2f}{speedup:>10}{diff:>13}{peak}")
    print("(speed-up and diff: against comet predict fp32; harness tf32 against comet-score tf32)")
    if args.json:
        args.json.write_text(json.dumps({"device": device, "model_class": spec.class_identifier, "segments": count,
                                         "shape": shape.__dict__,
                                         "batch_size": args.batch_size, "max_tokens": batching.max_tokens,
                                         "token_positions": positions, "rows": rows}, indent=2))
    fp32 = rows.get("harness fp32")
    if fp32 is not None and fp32["max_abs_diff"] > 1e-4:
        print(f"FAIL: fp32 scores differ by {fp32['max_abs_diff']:.2e} (> 1e-4)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
