"""Pull quotes: short stand-alone blocks that restate a body sentence of the same document.

Found monolingually, before any alignment, so they can never be aligned to the body sentence
they repeat: a block of at most two sentences whose rare words (idf-weighted) are mostly covered
by two consecutive sentences of a longer body block elsewhere.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

from harness.align.lang import content_words, ends_sentence, fold, words
from harness.align.model import Unit

MAX_SENTENCES = 2
MAX_WORDS = 30
MIN_KEYS = 5
MIN_COVERAGE = 0.55
LONGER = 1.5
RAREST = 3


def _keys(text: str, lang: str) -> frozenset[str]:
    return frozenset(fold(w) for w in content_words(text, lang))


def find_pull_quotes(blocks: list[list[str]], lang: str) -> dict[int, int]:
    """Block index -> index of the body block it restates, for blocks that are pull quotes."""
    return {b: where for b, (where, passage) in restatements(blocks, lang).items() if passage}


def restatements(blocks: list[list[str]], lang: str) -> dict[int, tuple[int, str]]:
    """Blocks that restate body text: block index -> (first body block restated, the body sentences
    restated, or "" for a look-alike sentence of a repetitive text, which is no pull quote). The
    restated sentences let a pull quote pair across languages only when what the two quotes
    restate is a translation too (see pipeline._pair_blocks)."""
    keyed = [[_keys(s, lang) for s in sentences] for sentences in blocks]
    df = Counter(k for sentences in keyed for keys in sentences for k in keys)
    total = sum(len(s) for s in keyed) or 1

    idf = {key: math.log(1 + total / n) for key, n in df.items()}  # weights asked for again and again

    # (first block, last block, words, keys, text) of every sentence and every two consecutive ones
    windows: list[tuple[int, int, int, frozenset[str], str]] = []
    flat = [(b, len(words(s)), keys, s) for b, sentences in enumerate(blocks) for s, keys in zip(sentences, keyed[b])]
    for pos, (b, size, keys, sentence) in enumerate(flat):
        windows.append((b, b, size, keys, sentence))
        if pos + 1 < len(flat):
            nb, nsize, nkeys, nsentence = flat[pos + 1]
            windows.append((b, nb, size + nsize, keys | nkeys, f"{sentence} {nsentence}"))
    index: dict[str, list[int]] = {}
    for w, (_first, _last, _length, window, _text) in enumerate(windows):
        for key in window:
            index.setdefault(key, []).append(w)
    found: dict[int, tuple[int, str]] = {}
    spans: dict[int, range] = {}
    for b, sentences in enumerate(blocks):
        text = " ".join(sentences)
        keys = frozenset().union(*keyed[b]) if keyed[b] else frozenset()
        if not (1 <= len(sentences) <= MAX_SENTENCES and len(words(text)) <= MAX_WORDS):
            continue
        if len(keys) < MIN_KEYS or not ends_sentence(text):
            continue
        if not (text[:1].isupper() or text[:1].isdigit() or text[:1] in "„“\"«»‘'"):
            continue
        size = len(words(text))
        parts = [(k, math.fsum(idf[key] for key in k)) for k in keyed[b] if k]  # each part with its weight (fsum: exact, any order)
        best, where, restated, upto = 0.0, -1, "", -1
        rarest = sorted(keys, key=lambda k: (df[k], k))[:RAREST]  # a restatement shares them
        for w in sorted({w for k in rarest for w in index.get(k, ())}):
            other, last, length, window, passage = windows[w]
            if b in (other, last) or length < LONGER * size:
                continue  # a repeated paragraph is not a pull quote: what it quotes is longer
            # every sentence of the quote must be restated by the same stretch of body text
            cover = min(math.fsum(idf[k] for k in part & window) / weight for part, weight in parts)
            if cover > best:
                best, where, restated, upto = cover, other, passage, last
        if best >= MIN_COVERAGE:
            found[b] = (where, restated)
            spans[b] = range(where, upto + 1)
    quoted = Counter(block for span in spans.values() for block in span)
    return {b: (where, restated if _layout_quote(b, spans[b], found, quoted) else "") for b, (where, restated) in found.items()}


def _layout_quote(block: int, span: range, found: dict[int, tuple[int, str]], quoted: Counter[int]) -> bool:
    """A layout quotes a passage of plain body text once. Where flagged blocks restate each other
    or one passage is "restated" by several, they are look-alike sentences of a repetitive text
    (a manual's "See X for details.", parallel list items), not pull quotes."""
    return block not in quoted and not any(b in found or quoted[b] > 1 for b in span)


OPENING_QUOTES = "„“»«\"‚‘"


def quoted_box(unit: Unit) -> bool:
    """A pull quote set in quotation marks (quote_boxes finds those glued to the text): its marks
    close it off, it is a box of the layout that interrupts the column, not part of the sentences
    around it, so a bead joining it to them pairs a repeated sentence with a translation that holds
    it once. (A pull quote without marks keeps the merging it had: there the layout alone, not the
    text, set it apart.)"""
    return unit.kind == "pullquote" and unit.text[:1] in OPENING_QUOTES
_CLOSING = {"„": "“”", "“": "”“", "»": "«", "«": "»", '"': '"', "‚": "‘’", "‘": "’‘"}
QUOTE_LINES = 6  # a pull quote set large runs over a few lines at most
NARROWER = 0.9  # ... each line at most this share of the column's width (the upper quartile of line lengths)


def _words_of(lines: list[str]) -> str:
    """The folded words of lines read as running text, a word hyphenated at a line end re-joined."""
    text = "\n".join(lines).replace("-\n", "")
    return " ".join(fold(w) for w in words(text))


def _quote_end(stripped: list[str], k: int) -> int | None:
    """The line that closes the quotation opened at the start of line k (k itself when it closes
    there), within QUOTE_LINES lines and before any blank line; None if none does."""
    closing = _CLOSING[stripped[k][0]]
    for j in range(k, min(k + QUOTE_LINES, len(stripped))):
        line = stripped[j]
        if not line:
            return None
        if line[-1] in closing and (j > k or len(line) > 1):
            return j
    return None


MIN_PART = 3  # words of each half of a passage cut in two


def _repeated(quote: list[str], document: str) -> bool:
    """Whether the quote's words run elsewhere in the document too (it occurs there once itself):
    in one run, or in two, the passage cut in two where extracted text breaks it (a block boundary
    moved a line away, a hyphen glued its first word to the line before), each half at least
    MIN_PART words. A run found twice stays found when shortened, so the longest repeated head and
    tail are found by bisection: a few scans of the document per quote."""

    def twice(part: list[str]) -> bool:
        return document.count(" ".join(part)) >= 2

    def longest(found: Callable[[int], bool]) -> int:
        low, high = 0, len(quote)  # found(low) holds (0 words), the answer is in [low, high]
        while low < high:
            mid = (low + high + 1) // 2
            low, high = (mid, high) if found(mid) else (low, mid - 1)
        return low

    if twice(quote):
        return True
    head = longest(lambda n: twice(quote[:n]))
    tail = longest(lambda n: twice(quote[len(quote) - n :]))
    return len(quote) >= 2 * MIN_PART and head >= MIN_PART and tail >= MIN_PART and head + tail >= len(quote)


def quote_boxes(lines: list[str]) -> dict[int, int]:
    """Pull quotes that no blank line sets apart, as 1-based first line -> last line: a run of
    lines opening with an opening quotation mark and ending with its closing mark, every line
    narrower than the document's column (a pull quote is a box set in larger type, so fewer
    characters fit on its lines), whose words repeat, in order and verbatim (line-end hyphens
    re-joined), a passage of the document outside it. Glued to the text around it ('… zwischen
    MSS und' / '„Dies ist das Path MTU …“' / 'schen Anforderungen, …') it would make one sentence
    of three; it is a box of its own, and it interrupts the column: the text before and after it
    is one run (see pipeline: the quote is never a continuation nor joined to anything). A
    quotation in the running text is not one: it is not repeated elsewhere, or runs as wide as
    the text. Quotation marks are found in a single pass and each candidate's words are looked up
    once in the document's words, so the work grows with the number of quoted runs."""
    stripped = [line.strip() for line in lines]
    lengths = sorted(len(line) for line in stripped if line)
    if not lengths:
        return {}
    widest = NARROWER * lengths[3 * len(lengths) // 4]  # the column: a full line (paragraph ends and headings are shorter)
    boxes: dict[int, int] = {}
    document = None
    for k, line in enumerate(stripped):
        if not line[:1] or line[0] not in OPENING_QUOTES:  # after a line-end hyphen too: no word's rest opens with a quote
            continue
        end = _quote_end(stripped, k)
        if end is None or any(len(stripped[j]) > widest for j in range(k, end + 1)):
            continue
        quote = _words_of(stripped[k : end + 1])
        if len(quote.split()) < MIN_KEYS:
            continue
        if document is None:
            document = f" {_words_of(stripped)} "
        if _repeated(quote.split(), document):
            boxes[k + 1] = end + 1
    return boxes
