"""Copy segments: pairs whose two sides are the same text, set aside from the reference set.

Technical documents carry many segments that a translator copies unchanged (command lines, paths,
package names, table cells, and passages the translation left in the original language). As
reference pairs they reward copying: on a Debian Reference chapter the `identity` baseline came
close to a real MT system on BLEU. So a pair whose sides are equal once case, whitespace and
punctuation are ignored (or that hold the same words in another order) is not a test of translation;
it is listed in unaligned.tsv with the reason instead.
"""

from __future__ import annotations

import re
import unicodedata

from harness.align.lang import stopwords
from harness.align.model import AlignedPair, Alignment, SetAside, set_aside

_TOKEN = re.compile(r"[^\W_]+")
#: How many of a copied text's words may be the source language's function words before it counts as
#: an untranslated sentence rather than code, a name or a table cell.
PROSE_FUNCTION_WORDS = 2
MODES = ("drop", "keep")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def is_copy(src: str, tgt: str) -> bool:
    """Same letters and digits in the same order, or the same words in any order."""
    a, b = _tokens(src), _tokens(tgt)
    return "".join(a) == "".join(b) or sorted(a) == sorted(b)


def copy_reason(text: str, src_lang: str) -> str:
    """Why a copy is set aside, telling code, names and cells from a passage left untranslated."""
    prose = sum(t in stopwords(src_lang) for t in _tokens(text)) >= PROSE_FUNCTION_WORDS
    what = "untranslated text" if prose else "command, path, name or table cell"
    return f"copy: source and target are the same {what} (case, whitespace and punctuation aside)"


def _text(pair: AlignedPair, side: str) -> str:
    return " ".join(u.text for u in (pair.src if side == "src" else pair.tgt))


def set_aside_copies(result: Alignment, src_lang: str) -> Alignment:
    """The alignment with every copy pair moved to the set-aside units (both sides, with the reason)."""
    kept: list[AlignedPair] = []
    copied: list[SetAside] = []
    for pair in result.pairs:
        src = _text(pair, "src")
        if not is_copy(src, _text(pair, "tgt")):
            kept.append(pair)
            continue
        reason = copy_reason(src, src_lang)
        copied += set_aside(pair, reason)
    return Alignment(kept, [*result.unaligned, *copied])
