"""Parts of a hyphenated source compound the dictionary does not know as a whole.

German orthography hyphenates a compound whose part is a single letter, an abbreviation or a
number ('X-Größe', 'Sicherheits-FAQ', 'Anleitungs-XML'), where English writes two words ('size X',
'security FAQ', 'Guide XML'). Looked up whole, such a word has no dictionary sense and its one key
(its 5-letter prefix, 'x-gro') meets nothing, so a short sentence built on it scores 0 against its
translation ('die maximale X-Größe' / 'the max size X'). Its parts are words of their own: each is
keyed and looked up as one. A compound the translation copies verbatim ('autotools-dev') or the
dictionary knows ('E-Mail') stays one word, and so does one of two plain words ('Ziel-Release',
'Speicher-Dumps'): the hyphen there is the writer's choice, and splitting every such word let a
cut sentence meet a wrong tail on Debian's apt_preferences(5) PDF-like text ('… ein' + 'zu den
Versionen, die zum Ziel-Release gehören.').
"""

from __future__ import annotations

import re

from harness.align.dictionary import Dictionary
from harness.align.lang import fold

_PART = re.compile(r"[^\W_]+")


def parts(word: str, dictionary: Dictionary | None, shared: frozenset[str]) -> list[str]:
    """The words `word` stands for as a source content word: its hyphen-joined parts (letters and
    digits, at least two of them) where it has a hyphen between letters, no dictionary sense and
    is not in `shared` (the folded words the target has verbatim), and one part is a letter, an
    abbreviation or a number (`_mandatory`); else `word` itself."""
    if "-" not in word or dictionary is None or fold(word) in shared:
        return [word]
    pieces = _PART.findall(word)
    if len(pieces) < 2 or "".join(pieces) != word.replace("-", "") or not any(map(_mandatory, pieces)) or dictionary.senses(word):
        return [word]
    return pieces


def _mandatory(piece: str) -> bool:
    """A part that German joins only with a hyphen: one letter ('X'), an abbreviation in capitals
    ('FAQ', 'XML') or one with a digit ('mp3', '64')."""
    return len(piece) == 1 or (piece.isupper() and piece.isalpha()) or any(c.isdigit() for c in piece)
