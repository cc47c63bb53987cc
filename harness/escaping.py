"""Text from stored runs (system and metric names, reasons, notes) written into LaTeX and Markdown.

Names come from ``scores.json`` files, which anyone may have written: in ``leaderboard.tex`` a name
must not become a LaTeX command, and in ``leaderboard.md`` a ``|`` must not split a table cell or a
line break start a new row.
"""

from __future__ import annotations

import re

_LATEX = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%", "#": r"\#",
    "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
}
_LATEX_CHARS = re.compile("|".join(map(re.escape, _LATEX)))
#: Markdown punctuation that can start markup, links, HTML or a table cell.
_MARKDOWN_CHARS = re.compile(r"([\\`*_\[\]<>|#!])")
_LINE_BREAKS = re.compile(r"\s*[\r\n\v\f\x85\u2028\u2029]+\s*")


def one_line(text: object) -> str:
    """Line breaks become spaces: a name or reason never starts a new row, item or comment line."""
    return _LINE_BREAKS.sub(" ", str(text))


def latex(text: object) -> str:
    """Every LaTeX special character as its literal form, on one line."""
    return _LATEX_CHARS.sub(lambda m: _LATEX[m[0]], one_line(text))


def markdown(text: object) -> str:
    """Markdown (and table) syntax backslash-escaped, on one line."""
    return _MARKDOWN_CHARS.sub(r"\\\1", one_line(text))
