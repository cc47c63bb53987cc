"""A written pair whose source holds a piece whose copied tokens its translation lacks entirely.

A PDF-like extraction cuts a paragraph into blocks mid-sentence and puts them back nearby, not
always with a blank line between: the head of one sentence then runs, at a plain raw line break,
into the tail of another ('… angefangen bei der Systemadministration bis' / 'dem GNU-Programm
info, innerhalb von GNU Emacs mit M-x info …', whose own 'hin zur Programmierung.' stands
elsewhere), or a stray line runs into the next sentence ('IRC wie #debian-mentors,' / 'Teams
konzentrieren sich …'). The pair's score, and the join itself, look like those of right pairs.

The evidence is in the piece, not in the pair: a translation copies names, codes, numbers and
acronyms as they are ('GNU', 'M-x', '#debian-mentors', 'mount(8)', '9.19'). So a written pair is
set aside when one of its source units can be cut at a raw line break (foreign_pieces.line_cuts)
into a piece and a rest such that:

- the piece holds MIN_MISSING or more distinct copied tokens (:func:`copied_tokens`) and the
  translation has none of them: one token may be rendered ('Anmeldename/Kennwort' / 'username and
  password', 'PXE-Boot' / 'booting from the network'); two, all absent, say the translation is
  not of that piece;
- the rest holds every copied token of the translation (the translation names nothing the rest
  lacks), and the scorer matches the rest with the translation better than the piece: the
  translation renders the rest, not the piece.

Which part is the right sentence's and where the piece's own sentence is, the pass cannot tell
for sure; the pair goes to the set-aside list whole. Only the source side is judged: its blocks
were re-ordered and run together; the translation is read in order. Needs a bilingual dictionary
(:func:`copied_tokens` asks it whether a lower-case compound is made of words of the language:
'halb-installiert' is a word, 'dpkg-deb' a name).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from harness.align.dictionary import Dictionary
from harness.align.foreign_pieces import line_cuts
from harness.align.lang import stopwords
from harness.align.model import AlignedPair, Alignment, Unit, set_aside_where
from harness.align.similarity import Scorer

MIN_MISSING = 2  # distinct copied tokens of a piece, all absent from the translation

_EDGES = ".,;:!?()[]{}»«\"„“”'‚‘’*…"
_ABBREVIATION = re.compile(r"[^\W\d_]\.[^\W\d_]")  # 'z.B', 'd.h': an abbreviation, translated
_CODE_MARK = re.compile(r"[/#@_=$~\\]|::")  # a path, channel, address, option or variable
_INNER_POINT = re.compile(r"\w[-.]\w")  # 'dpkg-deb', 'sources.list'
_KEY_NAME = re.compile(r"[A-Za-z]-[a-z]+")  # 'M-x'
_NOUN_PART = re.compile(r"[A-ZÄÖÜ][a-zäöüß]{2,}")  # a capitalised word a compound ends on: 'deb-Paketen'
_ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,}")  # 'GNU', 'IRC'; a plural or genitive 's' aside
_INNER_CAPITAL = re.compile(r"[a-zäöü][A-ZÄÖÜ]")  # 'KiCad', 'BackupPC'
_DIGITS = re.compile(r"\d+")


def copied_tokens(text: str, lang: str, known: Callable[[str], bool] = lambda _w: False) -> set[str]:
    """The tokens of a text a translation copies as they are: code and paths ('#debian-mentors',
    'sources.list', 'M-x'), lower-case compounds that are no words of the language (`known`:
    'dpkg-deb'; the name that runs into a noun: 'dpkg-deb' of 'dpkg-deb-Paket'), acronyms and names with
    an inner capital ('GNU' of 'GNU-Programm', 'KiCad'; not a function word in capitals: 'ODER'),
    and numbers ('9.19' gives '9' and '19'). Abbreviations ('z.B.') are translated, not copied."""
    found: set[str] = set()
    for raw in text.split():
        token = raw.strip(_EDGES)
        if token and not _ABBREVIATION.fullmatch(token):
            found |= _token_copies(_code_part(token), lang, known)
    return found


def _code_part(token: str) -> str:
    """A lower-case name running into nouns of a compound loses them: 'dpkg-deb-Paket' -> 'dpkg-deb'."""
    parts = token.split("-")
    if not token[:1].islower():
        return token
    while len(parts) > 1 and _NOUN_PART.fullmatch(parts[-1]):
        parts.pop()
    return "-".join(parts)


def _token_copies(token: str, lang: str, known: Callable[[str], bool]) -> set[str]:
    if _CODE_MARK.search(token) and re.search(r"\w", token):
        return {token}
    if token[:1].islower() and _INNER_POINT.search(token):
        return set() if all(known(p) for p in re.split(r"[-.]", token) if p) else {token}
    if any(c.isdigit() for c in token):
        return set(_DIGITS.findall(token))
    if _KEY_NAME.fullmatch(token):
        return {token}
    out = set()
    for part in token.split("-"):
        if part.lower() in stopwords(lang):
            continue
        if _ACRONYM.fullmatch(part.removesuffix("s")):
            out.add(part.removesuffix("s"))
        elif _INNER_CAPITAL.search(part):
            out.add(part)
    return out


def _letters(text: str) -> str:
    return re.sub(r"[\W_]", "", text.lower())


def holds(text: str, token: str) -> bool:
    """Whether a text holds a copied token, case, spaces and punctuation aside ('dh_make(8' in
    'dh_make(8)', '10' in '10Mb', 'apt-cache' in "apt-cache's")."""
    return _letters(token) in _letters(text)


def missing_piece(unit: Unit, translation: str, langs: tuple[str, str], known: Callable[[str], bool], scorer: Scorer) -> str | None:
    """The first piece of a source unit, cut at a raw line break, whose copied tokens the
    translation lacks while the rest explains the translation (see the module); None if none."""
    wanted = copied_tokens(translation, langs[1])
    for k in line_cuts(unit):
        head, tail = unit.text[:k].strip(), unit.text[k:].strip()
        for piece, rest in ((tail, head), (head, tail)):
            tokens = copied_tokens(piece, langs[0], known)
            if len(tokens) < MIN_MISSING or any(holds(translation, t) for t in tokens):
                continue
            if not all(holds(rest, t) for t in wanted):
                continue
            sim = scorer.fit([rest, piece], [translation])
            if sim.sim(0, 1, 0, 1) > sim.sim(1, 1, 0, 1):
                return piece
    return None


def set_aside_missing_names(result: Alignment, scorer: Scorer, langs: tuple[str, str], dictionary: Dictionary | None) -> int:
    """Move written pairs with a source piece whose copied tokens the translation lacks (see the
    module) to the set-aside list; returns how many. Nothing without a dictionary."""
    if dictionary is None:
        return 0
    known = lambda w: bool(dictionary.translate(w))  # noqa: E731

    def why(pair: AlignedPair) -> str | None:
        translation = " ".join(u.text for u in pair.tgt)
        piece = next((p for u in pair.src if (p := missing_piece(u, translation, langs, known, scorer))), None)
        if piece is None:
            return None
        return f"low confidence: the translation has none of the names and codes of a piece of the source ({piece[:40]!r})"

    return set_aside_where(result, why, whole=False)
