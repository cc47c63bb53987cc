"""Writing a built reference set (atomically) and the quality summary printed after a build."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from harness.align import confidence
from harness.align.model import Alignment, Unit
from harness.align.readers.base import Removal
from harness.atomic import write_text
from harness.structure import DOCIDS_FILE, PARAGRAPHS_FILE

LOWEST_SHOWN = 5


def _cell(text: str) -> str:
    return " ".join(text.split())  # no tabs or newlines inside a TSV cell or a segment


def _side(units: tuple[Unit, ...]) -> str:
    return _cell(" ".join(u.text for u in units))


def _lines(units: tuple[Unit, ...]) -> str:
    """Raw line spans per sentence, sentences separated by '+': '19+19,21'."""
    return "+".join(u.lines for u in units)


def paragraph_ids(result: Alignment) -> list[str]:
    """Each pair's paragraph: the text block of its first target sentence ('p12'). The reference is in
    target order and the builder never joins sentences across target blocks, so a paragraph's pairs are
    consecutive; a pair without target units (none are written) would be its own paragraph."""
    return [f"p{p.tgt[0].block}" if p.tgt else f"pair{k}" for k, p in enumerate(result.pairs, start=1)]


def render(result: Alignment, doc_id: str = "1") -> dict[str, str]:
    """File name suffix -> content: 'src', 'tgt', 'alignment.tsv', 'unaligned.tsv', and the structure
    files (one id per aligned line): 'docids' (``doc_id``: one document per build) and 'paragraphs'."""
    src = "".join(_side(p.src) + "\n" for p in result.pairs)
    tgt = "".join(_side(p.tgt) + "\n" for p in result.pairs)
    rows = ["id\tsrc\ttgt\tkind\tbead\tscore\tsrc_lines\ttgt_lines"]
    rows += [
        f"{k}\t{_side(p.src)}\t{_side(p.tgt)}\t{p.kind}\t{p.bead}\t{p.score:.3f}\t{_lines(p.src)}\t{_lines(p.tgt)}"
        for k, p in enumerate(result.pairs, start=1)
    ]
    gaps = ["side\tkind\treason\tlines\ttext"]
    gaps += [f"{u.side}\t{u.unit.kind}\t{u.reason}\t{u.unit.lines}\t{_cell(u.unit.text)}" for u in result.unaligned]
    return {
        "src": src,
        "tgt": tgt,
        "alignment.tsv": "\n".join(rows) + "\n",
        "unaligned.tsv": "\n".join(gaps) + "\n",
        DOCIDS_FILE: "".join(f"{doc_id}\n" for _ in result.pairs),
        PARAGRAPHS_FILE: "".join(f"{pid}\n" for pid in paragraph_ids(result)),
    }


def write(result: Alignment, out: Path, src_lang: str, tgt_lang: str) -> list[Path]:
    """Write aligned.<src_lang>, aligned.<tgt_lang>, alignment.tsv, unaligned.tsv, docids and paragraphs
    (the document id is the output directory's name)."""
    files = render(result, doc_id="".join(c if c.isalnum() or c in "._+-" else "_" for c in out.resolve().name) or "1")
    names = {"src": f"aligned.{src_lang}", "tgt": f"aligned.{tgt_lang}"}
    paths = []
    for key, content in files.items():
        path = out / names.get(key, key)
        write_text(path, content)
        paths.append(path)
    return paths


def write_removed(out: Path, removed: Mapping[str, Sequence[Removal]]) -> Path | None:
    """removed.tsv (side, reason, where, text): the layout noise the PDF/HTML readers set aside.
    Not written when nothing was (plain text), and then an older one in `out` is removed."""
    path = out / "removed.tsv"
    rows = [f"{side}\t{_cell(r.reason)}\t{_cell(r.where)}\t{_cell(r.text)}" for side, items in removed.items() for r in items]
    if not rows:
        path.unlink(missing_ok=True)
        return None
    write_text(path, "side\treason\twhere\ttext\n" + "\n".join(rows) + "\n")
    return path


def removed_summary(removed: Mapping[str, Sequence[Removal]]) -> str | None:
    """'layout noise set aside (removed.tsv): src page number 9, running header 8; tgt navigation 2'."""
    sides = []
    for side, items in removed.items():
        counts = Counter(r.reason for r in items)
        if counts:
            sides.append(f"{side} " + ", ".join(f"{reason} {n}" for reason, n in sorted(counts.items())))
    return "  layout noise set aside (removed.tsv): " + "; ".join(sides) if sides else None


def summary(result: Alignment) -> str:
    """Counts by kind and bead type, set-aside reasons, and the weakest pairs to eyeball."""
    kinds = Counter(p.kind for p in result.pairs)
    beads = Counter(p.bead for p in result.pairs)
    reasons = Counter(f"{u.side} {u.reason}" for u in result.unaligned)
    estimate = confidence.estimated_precision([p.score for p in result.pairs])
    out = [f"{len(result.pairs)} aligned pairs, {len(result.unaligned)} sentences set aside, estimated precision {estimate:.2f}"]
    out.append("  kinds: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    out.append("  beads: " + ", ".join(f"{k} {n}" for k, n in sorted(beads.items())))
    out += [f"  set aside: {n} × {r}" for r, n in sorted(reasons.items())]
    out.append("  lowest-scoring pairs:")
    for pair in sorted(result.pairs, key=lambda p: p.score)[:LOWEST_SHOWN]:
        out.append(f"    {pair.score:.2f} {pair.bead} {_side(pair.src)[:70]!r} ↔ {_side(pair.tgt)[:70]!r}")
    return "\n".join(out)
