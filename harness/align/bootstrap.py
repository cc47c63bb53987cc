"""A word dictionary learnt from a first alignment, for language pairs without one.

Without a dictionary the first pass aligns on numbers, names and cognates; the sentence pairs
it finds then show which words keep turning up together (Dice over aligned pairs, as
hunalign bootstraps its dictionary), and a second pass uses those word pairs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from harness.align.dictionary import Dictionary
from harness.align.lang import content_words
from harness.align.model import Alignment

MIN_PAIRS = 2
MIN_DICE = 0.5
MAX_TRANSLATIONS = 3


def learn_dictionary(pairs: Iterable[tuple[str, str]], src_lang: str, tgt_lang: str) -> Dictionary:
    """Source word -> target words that co-occur with it in most of the pairs either occurs in."""
    src_count: Counter[str] = Counter()
    tgt_count: Counter[str] = Counter()
    both: Counter[tuple[str, str]] = Counter()
    for src, tgt in pairs:
        s_words = {w.lower() for w in content_words(src, src_lang) if not w.isdigit()}
        t_words = {w.lower() for w in content_words(tgt, tgt_lang) if not w.isdigit()}
        src_count.update(s_words)
        tgt_count.update(t_words)
        both.update((s, t) for s in s_words for t in t_words)
    table: dict[str, list[tuple[float, str]]] = {}
    for (s, t), n in both.items():
        dice = 2 * n / (src_count[s] + tgt_count[t])
        if n >= MIN_PAIRS and dice >= MIN_DICE:
            table.setdefault(s, []).append((dice, t))
    return Dictionary({s: tuple(sorted(t for _, t in sorted(c, reverse=True)[:MAX_TRANSLATIONS])) for s, c in table.items()})


def confident_pairs(result: Alignment, min_score: float = 0.2) -> list[tuple[str, str]]:
    """Aligned text pairs of a first pass that are good enough to learn words from."""
    return [(" ".join(u.text for u in p.src), " ".join(u.text for u in p.tgt)) for p in result.pairs if p.score >= min_score]
