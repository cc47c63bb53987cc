"""Make clean paragraphs look like two-column PDF extraction, to test and benchmark the builder.

Column-width lines with some long words hyphenated at the line end, footnote numbers glued to
sentence ends, text boxes of a few lines shuffled. The line -> paragraph map it returns is the
known true alignment.
"""

from __future__ import annotations

import random

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def wrap(paragraph: str, width: int, rng: random.Random) -> list[str]:
    """Column lines; a long word at a line end is sometimes hyphenated across the break."""
    lines: list[str] = []
    line = ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            if word.isalpha() and len(word) >= 9 and rng.random() < 0.6:
                cut = len(word) // 2
                lines.append(f"{line} {word[:cut]}-")
                line = word[cut:]
                continue
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


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
