"""Gold sentence beads of a clean parallel document, and precision/recall of what the builder wrote.

The builder's output is judged as a user gets it: line pairs of aligned.<src> / aligned.<tgt>.
Each written side is mapped to the gold sentences it covers, by case-folded letter and digit
tokens, so punctuation, spacing and glued footnote digits hardly matter. A gold sentence is
covered by a segment when at least half of its tokens (and half of its words) are found there,
in order and close together; each segment token explains at most one gold sentence. A segment
with more than a quarter of its tokens explained by no covered gold sentence (a header, a
footnote, half of another sentence) is junk: all its pair's links are wrong. Links are counted over sentence pairs, as in the spot-check score;
recall asks for max(n, m) links per n-m gold bead (see score).
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import product
from pathlib import Path

from harness.align.segment import sentence_texts

COVERED = 0.5  # share of a gold sentence's tokens a segment must hold to cover it
JUNK = 0.25  # share of a segment's tokens no covered gold sentence explains that makes it junk
UNITS = frozenset({"heading"})  # roles kept whole: one unit, never split into sentences
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_MASK = "\x00"


@dataclass(frozen=True)
class Bead:
    role: str  # heading | item | paragraph
    src: tuple[str, ...]
    tgt: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    precision: float  # correct built links / built links (junk pairs' links all wrong)
    recall: float  # gold links found, at most max(n, m) per n-m bead / sum of max(n, m)
    f1: float
    correct: int
    built_links: int
    gold_links: int  # sum over beads of max(n, m): the links that connect every sentence
    junk_pairs: int
    product_recall: float  # correct / all n×m links of the gold beads (finer output scores low)


def tokens(text: str) -> list[str]:
    """Case-folded runs of letters and of digits: what survives any layout ('Weiterentwicklung.1'
    is 'weiterentwicklung' + a stray '1'; 'Linux 4.9' and 'Linux 3.2' stay apart)."""
    return _TOKEN.findall(text.casefold())


def _sentences(text: str, lang: str, role: str) -> list[str]:
    if role in UNITS:
        return [" ".join(text.split())]
    return sentence_texts(text, lang)


def _numbers(sentence: str) -> list[str]:
    return sorted(t for t in tokens(sentence) if t.isdigit())


def _plausible(s: str, t: str) -> bool:
    """A sentence and its translation: the same numbers, and lengths not wildly apart."""
    short = len(s) < 25 and len(t) < 25
    return _numbers(s) == _numbers(t) and (short or 0.5 <= len(s) / max(1, len(t)) <= 2.2)


def _one_to_one(src: list[str], tgt: list[str]) -> bool:
    """Equal counts pair sentence by sentence only when each pair is plausible and every long
    word found verbatim in one sentence of each side (a name, a command, a Latin quote) sits
    in the same position on both sides; else the split points differ and the block stays whole."""
    if len(src) != len(tgt) or not all(_plausible(s, t) for s, t in zip(src, tgt)):
        return False
    where: list[dict[str, set[int]]] = [defaultdict(set), defaultdict(set)]
    for side, sentences in enumerate((src, tgt)):
        for k, sentence in enumerate(sentences):
            for tok in tokens(sentence):
                if len(tok) >= 4 and not tok.isdigit():
                    where[side][tok].add(k)
    shared = where[0].keys() & where[1].keys()
    return all(where[0][w] == where[1][w] for w in shared if len(where[0][w]) == len(where[1][w]) == 1)


def gold_beads(blocks: Iterable[tuple[str, str, str]], src_lang: str, tgt_lang: str) -> list[Bead]:
    """(role, src, tgt) blocks -> beads: sentence by sentence where both sides of a block have as
    many sentences and they line up (_one_to_one), else the block is one n-m bead. Sentences
    without letters or digits are left out."""
    beads: list[Bead] = []
    for role, src, tgt in blocks:
        s = [x for x in _sentences(src, src_lang, role) if tokens(x)]
        t = [x for x in _sentences(tgt, tgt_lang, role) if tokens(x)]
        if not s or not t:
            continue
        if _one_to_one(s, t):
            beads += [Bead(role, (a,), (b,)) for a, b in zip(s, t)]
        else:
            beads.append(Bead(role, tuple(s), tuple(t)))
    return beads


HEADER = ("bead", "role", "side", "sentence")


def write_gold(beads: Sequence[Bead]) -> str:
    """gold.tsv: one row per sentence (bead number, role, side src/tgt, text)."""
    rows = ["\t".join(HEADER)]
    for k, bead in enumerate(beads, start=1):
        rows += [f"{k}\t{bead.role}\tsrc\t{s}" for s in bead.src]
        rows += [f"{k}\t{bead.role}\ttgt\t{t}" for t in bead.tgt]
    return "\n".join(rows) + "\n"


def read_gold(text: str) -> list[Bead]:
    rows = [line.split("\t") for line in text.splitlines()[1:] if line.strip()]
    by_bead: dict[str, tuple[str, list[str], list[str]]] = {}
    for bead, role, side, sentence in rows:
        entry = by_bead.setdefault(bead, (role, [], []))
        (entry[1] if side == "src" else entry[2]).append(sentence)
    return [Bead(role, tuple(s), tuple(t)) for role, s, t in by_bead.values()]


def read_built(out: Path, src_lang: str, tgt_lang: str) -> list[tuple[str, str]]:
    """The line pairs the builder wrote (aligned.<src_lang>, aligned.<tgt_lang>)."""
    src = (out / f"aligned.{src_lang}").read_text(encoding="utf-8").splitlines()
    tgt = (out / f"aligned.{tgt_lang}").read_text(encoding="utf-8").splitlines()
    if len(src) != len(tgt):
        raise ValueError(f"{out}: aligned files differ in length ({len(src)} vs {len(tgt)})")
    return list(zip(src, tgt))


class _Side:
    """The gold sentences of one language, indexed by token for fast candidate lookup."""

    def __init__(self, sentences: Sequence[str]) -> None:
        self.tokens = [tokens(s) for s in sentences]
        self.index: dict[str, set[int]] = defaultdict(set)
        for k, toks in enumerate(self.tokens):
            for tok in toks:
                self.index[tok].add(k)

    def cover(self, segment: str) -> tuple[set[int], bool]:
        """Gold sentences the segment covers, and whether the segment is junk."""
        seg = tokens(segment)
        present = set(seg)
        candidates = {k for tok in present for k in self.index.get(tok, ())}
        candidates = {k for k in candidates if len(set(self.tokens[k]) & present) >= COVERED * len(set(self.tokens[k]))}
        covered: set[int] = set()
        while candidates:
            found = [(k, _matched(self.tokens[k], seg)) for k in sorted(candidates)]
            found = [(k, m) for k, m in found if _covers(self.tokens[k], seg, m)]
            if not found:
                break
            # the gold sentence best matched first: most tokens found, fewest of its own missing
            best, best_matched = max(found, key=lambda f: (2 * len(f[1]) - len(self.tokens[f[0]]), len(f[1])))
            covered.add(best)
            candidates.discard(best)
            for pos in best_matched:
                seg[pos] = _MASK
        unexplained = sum(tok != _MASK for tok in seg)
        junk = not covered or unexplained > JUNK * len(seg)
        return covered, junk


def _covers(gold: list[str], seg: list[str], matched: list[int]) -> bool:
    """Half of the gold sentence's tokens, and half of its words (numbers alone are weak
    evidence: 'Emacs 2.9' does not cover 'Calligra 2.9'), found close together."""
    words = [t for t in gold if not t.isdigit()]
    found_words = sum(not seg[p].isdigit() for p in matched)
    if len(matched) < COVERED * len(gold) or found_words < COVERED * len(words):
        return False
    return not matched or matched[-1] - matched[0] < 2 * len(gold) + 2


def _matched(gold: list[str], seg: list[str]) -> list[int]:
    """Positions of the segment that match the gold sentence's tokens, in order."""
    matcher = difflib.SequenceMatcher(None, gold, seg, autojunk=False)
    return [b + d for _, b, size in matcher.get_matching_blocks() for d in range(size)]


def _bead_links(gold: Sequence[Bead]) -> list[set[tuple[int, int]]]:
    """Each bead's n×m links, as (src sentence, tgt sentence) numbers over the whole document."""
    out = []
    i = j = 0
    for bead in gold:
        out.append(set(product(range(i, i + len(bead.src)), range(j, j + len(bead.tgt)))))
        i, j = i + len(bead.src), j + len(bead.tgt)
    return out


@dataclass(frozen=True)
class Verdict:
    """One written pair as the scorer sees it: the gold sentences each side covers."""

    src: frozenset[int]
    tgt: frozenset[int]
    junk: bool


def judge(built: Sequence[tuple[str, str]], gold: Sequence[Bead]) -> list[Verdict]:
    """Map every written pair onto the gold sentences (numbered over the document, src and tgt)."""
    src_side = _Side([s for bead in gold for s in bead.src])
    tgt_side = _Side([t for bead in gold for t in bead.tgt])
    verdicts = []
    for src, tgt in built:
        (s, s_junk), (t, t_junk) = src_side.cover(src), tgt_side.cover(tgt)
        verdicts.append(Verdict(frozenset(s), frozenset(t), s_junk or t_junk))
    return verdicts


def score(built: Sequence[tuple[str, str]], gold: Sequence[Bead]) -> Score:
    """Precision and recall of the built line pairs over gold sentence links.

    Any link inside an n-m bead is correct (the gold does not know finer), once: a link a second
    pair writes again (a sentence repeated as a pull quote, paired with the same translation) is a
    wrong link, as the set would weight that pair twice in every metric. Recall asks for
    max(n, m) of them per bead, the links that connect every sentence: a builder that aligns a
    3-3 paragraph sentence by sentence finds it all, as does one that writes it as one pair."""
    beads = _bead_links(gold)
    gold_links = set().union(*beads)
    links: set[tuple[int, int]] = set()
    wrong = junk_pairs = 0
    for v in judge(built, gold):
        if v.junk:
            junk_pairs += 1
            wrong += max(1, len(v.src)) * max(1, len(v.tgt))
        else:
            pair = set(product(v.src, v.tgt))
            wrong += len(pair & links)  # written twice (a pull quote paired again): the copy is wrong
            links |= pair
    correct = len(links & gold_links)
    built_links = len(links) + wrong
    needed = [max(len(b.src), len(b.tgt)) for b in gold]
    found = sum(min(n, len(links & bead)) for n, bead in zip(needed, beads))
    precision = correct / built_links if built_links else 1.0
    recall = found / sum(needed) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    product_recall = correct / len(gold_links) if gold_links else 1.0
    return Score(precision, recall, f1, correct, built_links, sum(needed), junk_pairs, product_recall)


def explain(built: Sequence[tuple[str, str]], gold: Sequence[Bead], width: int = 90) -> list[str]:
    """Readable lines for what went wrong: junk pairs, pairs with a wrong link, gold beads not
    found. For looking at one document × path while improving the builder."""
    beads = _bead_links(gold)
    gold_links = set().union(*beads)
    cut = lambda text: text if len(text) <= width else text[: width - 1] + "…"  # noqa: E731
    lines, links = [], set()
    for (src, tgt), v in zip(built, judge(built, gold)):
        pair = set(product(v.src, v.tgt))
        if v.junk or not pair <= gold_links or pair & links:
            kind = "JUNK " if v.junk else "WRONG" if not pair <= gold_links else "TWICE"
            lines.append(f"{kind} {cut(src)!r} ↔ {cut(tgt)!r}")
        links |= set() if v.junk else pair
    for bead, bead_links in zip(gold, beads):
        if not links & bead_links:
            lines.append(f"MISSED {bead.role} {cut(' '.join(bead.src))!r} ↔ {cut(' '.join(bead.tgt))!r}")
    return lines
