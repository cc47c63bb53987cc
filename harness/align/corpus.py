"""The project's test corpus for the reference builder (tests/align/corpus/): which files make
up each document × path, and one build of a case run as a user runs it, scored against the gold.

Rebuild the corpus with ``python bench/corpus/make_corpus.py``; measure with
``python bench/bench_build_reference.py --corpus``.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from harness.align.gold import Score, explain, read_built, read_gold, score
from harness.errors import HarnessError

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "align" / "corpus"
SRC_LANG, TGT_LANG = "de", "en"

# path name -> (German file, English file), as make_corpus.py writes them in each document folder
PATHS: dict[str, tuple[str, str]] = {
    "pdf2col": ("de.2col.txt", "en.lynx.txt"),  # pdftotext (default mode) of a two-column PDF; lynx -dump
    "pdf1col-layout": ("de.1col.layout.txt", "en.w3m.txt"),  # pdftotext -layout of a one-column PDF; w3m -dump
    "web": ("de.w3m.txt", "en.lynx.txt"),  # both sides dumped from web pages
    "scrambled": ("de.scrambled.txt", "en.lynx.txt"),  # harness.align.scramble; lynx -dump
    "pdflike": ("de.pdflike.txt", "en.lynx.txt"),  # harness.align.scramble.pdf_like; lynx -dump
    "pdf2col.pdf": ("de.2col.pdf", "en.html"),  # the files themselves as input
    "pdf1col.pdf": ("de.1col.pdf", "en.html"),
    "html": ("de.html", "en.html"),
}
DIRECT = (".pdf", ".html")  # inputs a builder may not read yet


@dataclass(frozen=True)
class Case:
    doc: str
    path: str
    src: Path
    tgt: Path
    gold: Path


@dataclass(frozen=True)
class Row:
    doc: str
    path: str
    score: Score | None  # None: not run (see status)
    seconds: float
    status: str = "ok"
    detail: str = ""  # why it did not run
    problems: tuple[str, ...] = ()  # with explain: junk, wrong and missed pairs


def documents(root: Path = CORPUS) -> list[str]:
    return sorted(d.name for d in root.iterdir() if (d / "gold.tsv").is_file())


def cases(root: Path = CORPUS, docs: Sequence[str] | None = None, paths: Sequence[str] | None = None) -> list[Case]:
    """Every document × path of the corpus (or the ones asked for)."""
    return [
        Case(doc, path, root / doc / PATHS[path][0], root / doc / PATHS[path][1], root / doc / "gold.tsv")
        for doc in (docs or documents(root))
        for path in (paths or PATHS)
    ]


def build_as_user(src: Path, tgt: Path, out: Path, overrides: Sequence[str] = ()) -> str:
    """What ``python -m harness.build_reference src= tgt= src_lang=de tgt_lang=en out=`` does, copy
    segments kept: the gold links include them, and the corpus measures alignment, not that policy."""
    from hydra import compose, initialize_config_dir

    from harness.build_reference import build_reference

    args = [f"src={src}", f"tgt={tgt}", f"src_lang={SRC_LANG}", f"tgt_lang={TGT_LANG}", f"out={out}", "copies=keep", *overrides]
    with initialize_config_dir(version_base="1.3", config_dir=str(ROOT / "conf")):
        cfg = compose(config_name="build_reference", overrides=args)
    return build_reference(cfg)


def run_case(
    case: Case, build: Callable[[Path, Path, Path], object] = build_as_user, scratch: Path | None = None, why: bool = False
) -> Row:
    """Build one case into a scratch folder (under `scratch`, else the system's) and score what
    was written (with `why`, also list what went wrong); a .pdf/.html input the builder rejects
    is reported as not supported yet, any other failure propagates."""
    with tempfile.TemporaryDirectory(dir=scratch) as tmp:
        out = Path(tmp) / "out"
        start = time.perf_counter()
        try:
            build(case.src, case.tgt, out)
        except HarnessError as exc:
            if case.src.suffix in DIRECT or case.tgt.suffix in DIRECT:
                return Row(case.doc, case.path, None, 0.0, "not supported yet", str(exc))
            raise
        seconds = time.perf_counter() - start
        built = read_built(out, SRC_LANG, TGT_LANG)
    gold = read_gold(case.gold.read_text(encoding="utf-8"))
    return Row(case.doc, case.path, score(built, gold), seconds, problems=tuple(explain(built, gold)) if why else ())


def table(rows: Sequence[Row]) -> str:
    """One Markdown table: document, path, P, R, F1, seconds, and the mean of the rows that ran."""
    lines = ["| document | path | P | R | F1 | seconds |", "| --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        if r.score is None:
            lines.append(f"| {r.doc} | {r.path} | {r.status} | | | |")
        else:
            s = r.score
            lines.append(f"| {r.doc} | {r.path} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {r.seconds:.1f} |")
    ran = [r for r in rows if r.score is not None]
    if ran:
        mean = lambda f: sum(f(r) for r in ran) / len(ran)  # noqa: E731
        lines.append(
            f"| **mean** ({len(ran)} runs) | | {mean(lambda r: r.score.precision):.3f} | {mean(lambda r: r.score.recall):.3f} "
            f"| {mean(lambda r: r.score.f1):.3f} | {mean(lambda r: r.seconds):.1f} |"
        )
    return "\n".join(lines)
