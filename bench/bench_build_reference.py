"""Time the reference builder on a ~10,000-sentence document pair (target: < 30 s on 2 cores).

The pair is real text made large: the seed article's aligned sentences and the apt-get(8)
excerpt, repeated with a numbered 'see section n' sentence per paragraph (so copies differ),
the German side scrambled like a two-column PDF (shuffled boxes, hyphenation, glued footnote
digits). Prints sentences, seconds, the ratio to a tenth-size pair built in the same run
(10 = linear), CPU seconds of both processes (wall time suffers on a loaded machine), and the share of aligned links that land in the right paragraph.

    .venv/bin/python bench/bench_build_reference.py [--sentences 10000]

With --corpus it instead builds every document × path of the project's test corpus
(tests/align/corpus/, see harness/align/corpus.py) exactly as a user would and prints one Markdown
table of precision, recall and F1 over gold sentence links, with seconds per build:

    .venv/bin/python bench/bench_build_reference.py --corpus [--doc NAME] [--path NAME] [--json out.json] [--explain] [--root DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import time
from itertools import product
from pathlib import Path

from harness.align import corpus as test_corpus
from harness.align.dictionary import find_dictionary
from harness.align.pipeline import build
from harness.align.scramble import scramble, web_text
from harness.align.segment import split_sentences
from harness.align.similarity import LexicalScorer
from harness.align.tracked import track

ROOT = Path(__file__).resolve().parents[1]
COPY_NAMES = ("Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa", "Lambda", "Omikron")


def base_paragraphs() -> tuple[list[str], list[str]]:
    seed = ROOT / "references" / "kas_colombia_nato"
    data = ROOT / "tests" / "align" / "data"
    de = (seed / "aligned.de").read_text(encoding="utf-8").splitlines()
    en = (seed / "aligned.en").read_text(encoding="utf-8").splitlines()
    de += (data / "apt-get.de.txt").read_text(encoding="utf-8").split("\n\n")
    en += (data / "apt-get.en.txt").read_text(encoding="utf-8").split("\n\n")
    return [p.strip() for p in de], [p.strip() for p in en]


def corpus(sentences: int) -> tuple[list[str], list[str]]:
    """Paragraph lists with at least `sentences` German sentences, copies told apart by numbers."""
    de_base, en_base = base_paragraphs()
    de: list[str] = []
    en: list[str] = []
    count = copy = 0
    while count < sentences:
        copy += 1
        for d, e in zip(de_base, en_base):
            tag = len(de) + 1 if d[-1:] in ".!?“”\"" else None
            # headings differ between copies too, else they repeat like running headers
            name = COPY_NAMES[copy % len(COPY_NAMES)]
            de.append(f"{d} Siehe Abschnitt {tag} dazu." if tag else f"{name}: {d}")
            en.append(f"{e} See section {tag} on this." if tag else f"{name}: {e}")
            count += len(split_sentences(track(de[-1]), "de"))
    return de, en


def _cpu() -> float:
    """This process's CPU seconds and its finished children's: the builder reads the second
    document in a forked child where it can (harness.align.two_sides)."""
    own, children = os.times(), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.user + own.system + children.ru_utime + children.ru_stime


def run(sentences: int, dictionary: object) -> tuple[int, float, float, float]:
    de, en = corpus(sentences)
    src, src_owner = scramble(de, seed=7, box_lines=12)
    tgt, tgt_owner = web_text(en)
    start, cpu = time.perf_counter(), _cpu()
    result = build(src, tgt, "de", "en", LexicalScorer("de", "en", dictionary), dictionary)  # type: ignore[arg-type]
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    first = lambda lines: int(lines.split(",")[0].split("-")[0])  # noqa: E731
    links = [(s, t) for p in result.pairs for s, t in product(p.src, p.tgt)]
    right = sum(src_owner[first(s.lines)] == tgt_owner[first(t.lines)] for s, t in links)
    units = sum(len(p.src) for p in result.pairs) + sum(a.side == "src" for a in result.unaligned)
    return units, seconds, cpu, right / max(1, len(links))


def bench_corpus(
    docs: list[str] | None, paths: list[str] | None, json_out: Path | None, why: bool, root: Path = test_corpus.CORPUS
) -> None:
    """Every document × path of the test corpus (or of a corpus under `root`), one Markdown table (and JSON rows)."""
    rows = []
    for case in test_corpus.cases(root, docs=docs, paths=paths):
        rows.append(test_corpus.run_case(case, why=why))
        r = rows[-1]
        shown = f"F1 {r.score.f1:.3f}" if r.score else r.status
        print(f"  {r.doc} × {r.path}: {shown} ({r.seconds:.1f} s)", flush=True)
        for line in r.problems:
            print(f"    {line}")
    print(test_corpus.table(rows))
    if json_out:
        data = [{**dataclasses.asdict(r), "score": dataclasses.asdict(r.score) if r.score else None} for r in rows]
        json_out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=10_300)  # ~10,100 after re-segmentation
    parser.add_argument("--corpus", action="store_true", help="score the builder on the test corpus instead")
    parser.add_argument("--doc", action="append", help="with --corpus: only these documents")
    parser.add_argument("--path", action="append", choices=list(test_corpus.PATHS), help="with --corpus: only these paths")
    parser.add_argument("--json", type=Path, help="with --corpus: also write the rows as JSON")
    parser.add_argument(
        "--root", type=Path, default=test_corpus.CORPUS,
        help="with --corpus: a corpus directory made by make_corpus.py (default: the committed one)",
    )
    parser.add_argument("--explain", action="store_true", help="with --corpus: list junk, wrong and missed pairs")
    args = parser.parse_args()
    if args.corpus:
        bench_corpus(args.doc, args.path, args.json, args.explain, args.root)
        return
    start = time.perf_counter()
    dictionary = find_dictionary("de", "en")
    print(f"dictionary loaded in {time.perf_counter() - start:.1f} s")
    small = run(args.sentences // 10, dictionary)
    large = run(args.sentences, dictionary)
    for units, seconds, cpu, precision in (small, large):
        print(f"{units:6d} source sentences: {seconds:6.1f} s ({cpu:.1f} s CPU), {precision:.3f} of links in the right paragraph")
    print(f"ratio large/small: {large[1] / small[1]:.1f} (10 = linear); target < 30 s: {'ok' if large[1] < 30 else 'SLOW'}")


if __name__ == "__main__":
    main()
