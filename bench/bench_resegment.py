"""Re-segmenting 3,000 sentences of unit-level hypotheses onto their reference sentences (harness.reseg,
mweralign underneath), against one mweralign search per whole unit (no anchors: the peer) and sacrebleu
scoring BLEU on the same 3,000 sentences, in the same run.

    python bench/bench_resegment.py [--sentences 3000] [--repeats 5]

Data: the 121 reference sentences of kas_colombia_nato in their 38 paragraphs (median 3 sentences,
at most 8), tiled to the wanted size; each hypothesis is its reference paragraph with about 20% of
the words changed (dropped, doubled, or replaced by a word of another sentence), so cuts are not
trivially at the reference boundaries. Units: paragraph (the kas paragraphs) and document (the
121-sentence article as one unit). Median wall and CPU time of the repeats; the goal is well under a second per system.
The anchored cuts are checked to be the whole-unit search's (the same sentences, or at least the same total cost).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness.references import load_reference  # noqa: E402
from harness.reseg import resegment_units  # noqa: E402
from harness.structure import make_units  # noqa: E402

KAS = ROOT / "references" / "kas_colombia_nato"
WHOLE_UNIT = 10**9  # anchor_above that never anchors


def noisy(text: str, vocabulary: list[str], rng: random.Random) -> str:
    out = []
    for word in text.split():
        roll = rng.random()
        if roll < 0.07:
            continue
        out.append(rng.choice(vocabulary) if roll < 0.14 else word)
        if roll > 0.94:
            out.append(word)
    return " ".join(out)


def timed(repeats: int, work) -> tuple[float, float]:
    """Median wall time and median CPU time (the steadier measure on a shared machine)."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    reference = load_reference({"name": "kas", "src_lang": "de", "tgt_lang": "en", "src": KAS / "aligned.de",
                                "ref": KAS / "aligned.en", "docids": KAS / "docids", "paragraphs": KAS / "paragraphs"})
    rng = random.Random(12345)
    vocabulary = " ".join(reference.ref).split()
    copies = -(-args.sentences // len(reference))
    import sacrebleu

    for unit in ("paragraph", "document"):
        units = make_units(reference, unit)
        spans, refs, hyps = [], [], []
        for copy in range(copies):
            offset = copy * len(reference)
            spans += [(a + offset, b + offset) for a, b in units.spans]
            refs += reference.ref
            hyps += [noisy(text, vocabulary, rng) for text in units.reference.ref]
        keep = next(k for k, (_, end) in enumerate(spans) if end >= args.sentences) + 1
        spans, hyps = spans[:keep], hyps[:keep]
        refs = refs[: spans[-1][1]]
        pieces: list[str] = []
        seconds = timed(args.repeats, lambda: pieces.__setitem__(slice(None), resegment_units(hyps, spans, refs)))
        whole: list[str] = []
        peer = timed(args.repeats, lambda: whole.__setitem__(
            slice(None), resegment_units(hyps, spans, refs, anchor_above=WHOLE_UNIT)))
        same = sum(a == b for a, b in zip(pieces, whole))
        bleu = timed(args.repeats, lambda: sacrebleu.corpus_bleu(pieces, [refs]))
        words = sum(len(ref.split()) for ref in refs) / len(spans)
        print(f"{unit:9s}: {len(refs):,} sentences in {len(spans):,} units ({words:,.0f} reference words each) "
              f"re-segmented in {seconds[0]:.3f} s wall, {seconds[1]:.3f} s CPU (median of {args.repeats}); "
              f"one search per whole unit {peer[0]:.3f} s wall, {peer[1]:.3f} s CPU ({same:,} of {len(refs):,} "
              f"sentences cut the same); sacrebleu BLEU on the same sentences {bleu[0]:.3f} s wall, "
              f"{bleu[1]:.3f} s CPU; CPU ratios {seconds[1] / peer[1]:.2f} (whole unit), {seconds[1] / bleu[1]:.2f} (BLEU)")

if __name__ == "__main__":
    main()
