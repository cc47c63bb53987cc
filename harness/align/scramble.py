"""Make clean paragraphs look like two-column PDF extraction, to test and benchmark the builder.

Column-width lines with some long words hyphenated at the line end, footnote numbers glued to
sentence ends, text boxes of a few lines shuffled. The line -> paragraph map it returns is the
known true alignment.
"""

from __future__ import annotations

import random
from collections.abc import Callable

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _fill(paragraph: str, width: int, cut: Callable[[str, str], int | None]) -> list[str]:
    """Lines of at most `width` characters; a word that does not fit goes to the next line, or
    its first `cut(line, word)` characters stay on this one with a hyphen."""
    lines: list[str] = []
    line = ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            k = cut(line, word)
            if k:
                lines.append(f"{line} {word[:k]}-")
                line = word[k:]
                continue
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def wrap(paragraph: str, width: int, rng: random.Random) -> list[str]:
    """Column lines; a long word at a line end is sometimes hyphenated across the break."""
    return _fill(paragraph, width, lambda _, word: len(word) // 2 if word.isalpha() and len(word) >= 9 and rng.random() < 0.6 else None)


def add_footnotes(paragraphs: list[str], every: int, superscript: bool = False) -> list[str]:
    """Footnote numbers 1, 2, … on the last sentence of every n-th paragraph."""
    out, n = [], 0
    for k, paragraph in enumerate(paragraphs):
        if k % every == every - 1 and paragraph.endswith("."):
            n += 1
            paragraph += str(n).translate(SUPERSCRIPT) if superscript else str(n)
        out.append(paragraph)
    return out


def scramble(
    paragraphs: list[str], seed: int, width: int = 48, box_lines: int = 7, footnote_every: int = 5
) -> tuple[str, dict[int, int]]:
    """PDF-like text and its raw line (1-based) -> paragraph index map."""
    rng = random.Random(seed)
    boxes: list[list[tuple[int, str]]] = []
    for k, paragraph in enumerate(add_footnotes(paragraphs, footnote_every)):
        lines = wrap(paragraph, width, rng)
        boxes += [[(k, line) for line in lines[i : i + box_lines]] for i in range(0, len(lines), box_lines)]
    rng.shuffle(boxes)
    text_lines: list[str] = []
    owner: dict[int, int] = {}
    for box in boxes:
        for k, line in box:
            text_lines.append(line)
            owner[len(text_lines)] = k
        text_lines.append("")
    return "\n".join(text_lines), owner


def web_text(paragraphs: list[str], footnote_every: int = 5) -> tuple[str, dict[int, int]]:
    """Clean web-like text (a paragraph per line, superscript footnote marks) and its line map."""
    text = "\n\n".join(add_footnotes(paragraphs, footnote_every, superscript=True)) + "\n"
    return text, {2 * k + 1: k for k in range(len(paragraphs))}


_VOWELS = frozenset("aeiouyäöüAEIOUYÄÖÜ")
_UNSPLIT = ("ch", "ck", "ph", "th", "qu", "sch")  # letter groups a hyphen never cuts


def syllable_cuts(word: str) -> list[int]:
    """Plausible hyphenation points of a word (indexes into it), as a typesetter's patterns roughly
    give them: in a run of consonants between two vowels, before its last consonant
    ('Kon-fi-gu-ra-ti-on', 'Pa-ket-ver-wal-tung'), or before a closing 'ch', 'ck', 'sch', 'ph',
    'th' that is never cut ('Bü-cher', 'Zu-cker', 'Fla-sche'); at least three letters on each
    side. Trailing punctuation and digits stay after the last cut; a word with other characters
    (a path, a hyphenated compound) gets no cut."""
    start = len(word) - len(word.lstrip("»„\"'("))
    end = len(word.rstrip(".,;:!?)«“\"'0123456789"))
    core = word[start:end]
    if not core.isalpha():
        return []
    cuts = []
    k = 1
    while k < len(core):
        if core[k] in _VOWELS:
            k += 1
            continue
        run_end = k
        while run_end < len(core) and core[run_end] not in _VOWELS:
            run_end += 1
        if core[k - 1] in _VOWELS and run_end < len(core):
            cut = run_end - 1
            for group in _UNSPLIT:
                if core[k:run_end].lower().endswith(group):
                    cut = min(cut, run_end - len(group))
            if 3 <= cut <= len(core) - 3:
                cuts.append(start + cut)
        k = run_end
    return cuts


def hyphen_wrap(paragraph: str, width: int, rng: random.Random, share: float = 0.85) -> list[str]:
    """Lines of at most `width` characters filled as a typesetter fills them: a word that does not
    fit is, most of the time (`share`), cut at the last syllable boundary that fits, with a hyphen."""

    def cut(line: str, word: str) -> int | None:
        fits = [c for c in syllable_cuts(word) if c <= width - len(line) - 2]  # room for the space and the hyphen
        return fits[-1] if fits and len(word) >= 7 and rng.random() < share else None

    return _fill(paragraph, width, cut)


def _pull_quote(paragraph: str, rng: random.Random) -> str | None:
    """A sentence of the paragraph short enough to be set large as a pull quote (40-160 characters,
    a full stop at its end), or None."""
    from harness.align.segment import sentence_texts

    fits = [s.rstrip("0123456789") for s in sentence_texts(paragraph, "de") if 40 <= len(s) <= 160 and s.rstrip("0123456789").endswith(".")]
    return rng.choice(fits) if fits else None


def pdf_like(
    paragraphs: list[str],
    seed: int,
    header: str = "Dokumentation",
    width: int = 45,
    block_lines: tuple[int, int] = (8, 20),
    window: tuple[int, int] = (5, 7),
    blank_between: float = 0.85,
    blank_after_paragraph: float = 0.5,
    page_lines: int = 52,
    footnote_every: int = 5,
    pull_quote_every: int = 9,
) -> tuple[str, dict[int, int]]:
    """A harsher PDF-like text than `scramble`, as a technical manual extracted from a PDF looks:

    - the paragraphs run on as one text of `width`-character lines, long words hyphenated at a
      syllable boundary (hyphen_wrap); a paragraph ends in a short line, followed by a blank line
      only sometimes (`blank_after_paragraph`); footnote digits glued to every n-th paragraph's end;
    - that running text is cut into blocks of 8-20 consecutive lines REGARDLESS of paragraphs, so
      blocks start and end mid-sentence; the blocks are shuffled within windows of 5-7 blocks;
    - between two blocks a blank line most of the time (`blank_between`), else none;
    - every `page_lines` lines a running header line (`header`, the page number on alternate sides);
    - a pull quote every `pull_quote_every` paragraphs: one of its sentences repeated, wrapped
      narrower, in quotation marks, as a block of its own next to the block where the sentence is.

    Returns the text and its raw line (1-based) -> paragraph index map of body lines (headers,
    blank lines and pull quotes are in no paragraph).
    """
    rng = random.Random(seed)
    running: list[tuple[int | None, str]] = []
    quotes: dict[int, str] = {}  # line index in running text where the quoted paragraph ends -> quote
    for k, paragraph in enumerate(add_footnotes(paragraphs, footnote_every)):
        running += [(k, line) for line in hyphen_wrap(paragraph, width, rng)]
        if k % pull_quote_every == pull_quote_every // 2 and (quote := _pull_quote(paragraphs[k], rng)):
            quotes[len(running) - 1] = quote
        if rng.random() < blank_after_paragraph:
            running.append((None, ""))
    blocks: list[list[tuple[int | None, str]]] = []
    i = 0
    while i < len(running):
        size = rng.randint(*block_lines)
        block = running[i : i + size]
        quote = next((quotes[j] for j in range(i, i + len(block)) if j in quotes), None)
        i += size
        while block and not block[0][1]:
            block = block[1:]
        while block and not block[-1][1]:
            block = block[:-1]
        if block:
            blocks.append(block)
        if quote:
            blocks.append([(None, line) for line in hyphen_wrap(f"„{quote}“", width - 12, rng, share=0.0)])
    shuffled: list[list[tuple[int | None, str]]] = []
    while blocks:
        size = rng.randint(*window)
        group, blocks = blocks[:size], blocks[size:]
        rng.shuffle(group)
        shuffled += group
    text_lines: list[str] = []
    owner: dict[int, int] = {}
    page = 1
    for b, block in enumerate(shuffled):
        if b and rng.random() < blank_between:
            text_lines.append("")
        for k, line in block:
            if len(text_lines) >= page * page_lines:
                page += 1
                text_lines += [f"{header} {page}" if page % 2 else f"{page} {header}", ""]
            text_lines.append(line)
            if k is not None:
                owner[len(text_lines)] = k
    return "\n".join(text_lines), owner
