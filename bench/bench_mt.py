"""Benchmark: CTranslate2 vs Hugging Face transformers on a random-weight MarianMT model.

The model has opus-mt-de-en's shape (6+6 layers, d_model 512, 8 heads, FFN 2048, 58,101-token
vocabulary) and random weights, so nothing is downloaded. Both backends get the same token inputs,
decode greedily and are forced to the same output length (min = max), so they do the same work.

    python bench/bench_mt.py                      # CPU: hf float32 vs ct2 int8
    python bench/bench_mt.py --device cuda        # GPU: hf float16 vs ct2 float16
    python bench/bench_mt.py --threads 1          # one CPU thread each (fair on a busy machine)
    python bench/bench_mt.py --json out.json      # also write the numbers

On a shared CPU, PyTorch's OpenMP threads spin-wait against other processes and slow down by an
order of magnitude while CTranslate2 barely notices; ``--threads 1`` measures the engines rather
than that. Rounds alternate the two backends and the 1-minute load average is reported.

The model comes from :func:`systems.marian_synthetic.build_random_marian`, which also builds the
tiny model the tests use.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from systems.marian_synthetic import OPUS_MT_SHAPE, build_random_marian


def make_inputs(vocab: dict[str, int], sentences: int, seed: int) -> list[list[str]]:
    """Random token sequences of 10-40 tokens ending in ``</s>``, the same for both backends."""
    import random

    rng = random.Random(seed)
    tokens = [t for t in vocab if t not in ("</s>", "<unk>", "<pad>")]
    return [[*rng.choices(tokens, k=rng.randint(10, 40)), "</s>"] for _ in range(sentences)]


def time_interleaved(runners: dict[str, Any], repeats: int) -> dict[str, tuple[float, Any]]:
    """Median wall time of each runner over ``repeats`` rounds after one warm-up each; rounds
    alternate the backends so a busy machine slows both alike."""
    results = {name: run() for name, run in runners.items()}
    times: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(repeats):
        for name, run in runners.items():
            start = time.perf_counter()
            results[name] = run()
            times[name].append(time.perf_counter() - start)
    return {name: (statistics.median(times[name]), results[name]) for name in runners}


def hf_runner(model_dir: Path, inputs: list[list[str]], length: int, batch: int, device: str, threads: int) -> Any:
    """Greedy generation of exactly ``length`` tokens per input with transformers; returns lengths."""
    import torch
    from transformers import MarianMTModel, MarianTokenizer

    torch.set_num_threads(threads)
    tokenizer = MarianTokenizer.from_pretrained(model_dir)
    dtype = torch.float16 if device == "cuda" else torch.float32
    model = MarianMTModel.from_pretrained(model_dir, dtype=dtype).to(device).eval()
    ids = [tokenizer.convert_tokens_to_ids(tokens) for tokens in inputs]
    pad = tokenizer.pad_token_id

    def run() -> list[int]:
        lengths = []
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            width = max(map(len, chunk))
            input_ids = torch.tensor([row + [pad] * (width - len(row)) for row in chunk], device=device)
            mask = (input_ids != pad).long()
            with torch.inference_mode():
                out = model.generate(
                    input_ids=input_ids, attention_mask=mask, num_beams=1, do_sample=False,
                    min_new_tokens=length, max_new_tokens=length, forced_eos_token_id=None,
                )
            lengths += [int(row.shape[0]) - 1 for row in out]  # minus the decoder start token
        if device == "cuda":
            torch.cuda.synchronize()
        return lengths

    return run


def ct2_runner(ct2_dir: Path, inputs: list[list[str]], length: int, batch: int, device: str, compute_type: str, threads: int) -> Any:
    """The same with CTranslate2."""
    import ctranslate2

    translator = ctranslate2.Translator(str(ct2_dir), device=device, compute_type=compute_type, intra_threads=threads)

    def run() -> list[int]:
        results = translator.translate_batch(
            inputs, beam_size=1, min_decoding_length=length, max_decoding_length=length,
            max_batch_size=batch, batch_type="examples",
        )
        return [len(r.hypotheses[0]) for r in results]

    return run


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    parser.add_argument("--sentences", type=int, default=64)
    parser.add_argument("--length", type=int, default=32, help="output tokens per sentence (forced)")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0, help="CPU threads for both (0 = all cores)")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the built models here")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    import os

    import ctranslate2
    import torch

    device = args.device if args.device != "auto" else ("cuda" if torch.cuda.is_available() else "cpu")
    threads = args.threads or os.cpu_count() or 1
    compute_type = "float16" if device == "cuda" else "int8"
    with tempfile.TemporaryDirectory() as scratch:
        work = args.workdir or Path(scratch)
        hf_dir = work / "marian-opus-mt-shape"
        ct2_dir = work / "marian-opus-mt-shape-ct2"
        if not (hf_dir / "config.json").exists():
            print("building a random MarianMT with opus-mt-de-en's shape ...", file=sys.stderr)
            build_random_marian(hf_dir, **OPUS_MT_SHAPE)
        if not (ct2_dir / "model.bin").exists():
            ctranslate2.converters.TransformersConverter(str(hf_dir)).convert(str(ct2_dir), force=True)
        vocab = json.loads((hf_dir / "vocab.json").read_text(encoding="utf-8"))
        inputs = make_inputs(vocab, args.sentences, seed=1)
        print(f"timing hf and ct2 on {device}, {args.repeats} interleaved rounds ...", file=sys.stderr)
        load_before = os.getloadavg()[0]
        timed = time_interleaved(
            {
                "hf": hf_runner(hf_dir, inputs, args.length, args.batch, device, threads),
                "ct2": ct2_runner(ct2_dir, inputs, args.length, args.batch, device, compute_type, threads),
            },
            args.repeats,
        )
        (hf_seconds, hf_lengths), (ct2_seconds, ct2_lengths) = timed["hf"], timed["ct2"]
    if set(hf_lengths) != {args.length} or set(ct2_lengths) != {args.length}:
        raise SystemExit(f"output lengths differ from {args.length}: hf {set(hf_lengths)}, ct2 {set(ct2_lengths)}")
    tokens = args.sentences * args.length
    report = {
        "device": device,
        "torch_device_name": torch.cuda.get_device_name() if device == "cuda" else f"cpu x{threads} threads",
        "model_shape": OPUS_MT_SHAPE,
        "sentences": args.sentences,
        "output_tokens_per_sentence": args.length,
        "batch": args.batch,
        "hf": {"precision": "float16" if device == "cuda" else "float32", "seconds": round(hf_seconds, 3),
               "tokens_per_second": round(tokens / hf_seconds, 1)},
        "ct2": {"compute_type": compute_type, "seconds": round(ct2_seconds, 3),
                "tokens_per_second": round(tokens / ct2_seconds, 1)},
        "speedup_ct2_over_hf": round(hf_seconds / ct2_seconds, 2),
        "load_average_1min": {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)},
        "versions": {"torch": torch.__version__, "ctranslate2": ctranslate2.__version__},
    }
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


if __name__ == "__main__":
    main()
