"""A written pair whose source holds a piece whose copied tokens its translation lacks entirely.

A PDF-like extraction cuts a paragraph into blocks mid-sentence and puts them back nearby, not
always with a blank line between: the head of one sentence then runs, at a plain raw line break,
into the tail of another ('… angefangen bei der Systemadministration bis' / 'dem GNU-Programm
info, innerhalb von GNU Emacs mit M-x info …', whose own 'hin zur Programmierung.' stands
elsewhere), or a stray line runs into the next sentence ('IRC wie #debian-mentors,' / 'Teams
konzentrieren sich …'). The pair's score, and the join itself, look like those of right pairs.

The evidence is in the piece, not in the pair: a translation copies names, codes, numbers and
acronyms as they are ('GNU', 'M-x', '#debian-mentors', 'mount(8)', '9.19'). So a written pair is
taken apart when one of its source units can be cut at one or two raw line breaks
(foreign_pieces.line_cuts) into a piece and a rest such that (the piece a head, a tail, or lines
in the middle: a block put back inside another's sentence, 'Dir::State::Lists in' + 'apt-get
install Paket/testing' + 'Testing oder Unstable verfolgen' + 'der Datei apt.conf …'):

- the piece holds MIN_MISSING or more distinct copied tokens (:func:`copied_tokens`) and the
  translation has none of them: one token may be rendered ('Anmeldename/Kennwort' / 'username and
  password', 'PXE-Boot' / 'booting from the network'); two, all absent, say the translation is
  not of that piece (a number is one token, however many digit groups it has: a section
  number glued on, '10.5.5.', is one). Nor has the translation unit that goes on the pair's own sentence
  (foreign_pieces.runs_on: '… avoids FTBFS (Fails To Build From Source) bugs.' / '(see
  pbuilder(8) and pdebuild(1))', a web page's sentence the translator split): there the piece is
  rendered, only split off;
- the piece closes every bracket it opens (:func:`balanced`: a bracket pairing across the cut
  makes piece and rest one sentence, with an aside the translation leaves out), and its tokens
  outside brackets are MIN_MISSING or more (:func:`unbracketed`: an aside in brackets is what a
  translation leaves out, 'Wenn die Hardware-Zeit (teilweise auch als BIOS-/UEFI- oder CMOS-Uhr
  bezeichnet) auf' / 'If the hardware time …');
- the rest holds every copied token of the translation (the translation names nothing the rest
  lacks), and the scorer matches the rest with the translation better than the piece: the
  translation renders the rest, not the piece.

Where the piece is the source's head or tail and the rest stands alone against the translation
(uncovered.stands_alone, fragment_rejection), the rest is written with it and the piece set aside;
a rest ending open may be cut once more after its last raw line that ends an item or sentence
(:func:`_stray_end`: 'IRC wie #debian-mentors,' + 'Teams konzentrieren sich …;' + 'Sprachspezifische
Mailinglisten wie', three items with no bullets). Elsewhere (a piece in the middle, a rest that
cannot stand) which part is the right sentence's and where the piece's own sentence is, the pass
cannot tell for sure, and the pair goes to the set-aside list whole. Only the source side is judged: its blocks
were re-ordered and run together; the translation is read in order. Needs a bilingual dictionary
(:func:`copied_tokens` asks it whether a lower-case compound is made of words of the language:
'halb-installiert' is a word, 'dpkg-deb' a name).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from harness.align import confidence, two_sides
from harness.align.dictionary import Dictionary
from harness.align.foreign_pieces import home_units, line_cuts, runs_on
from harness.align.fragment_pairs import fragment_rejection
from harness.align.lang import closes_block, stopwords
from harness.align.model import AlignedPair, Alignment, SetAside, Unit, set_aside
from harness.align.similarity import Scorer
from harness.align.uncovered import clipped, joined, slice_units, stands_alone

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
_BRACKETS = (("(", ")"), ("[", "]"))
_BRACKETED = re.compile(r"(?<!\w)(\([^()]*\)|\[[^\[\]]*\])")  # an aside, not a manual section: 'pbuilder(8)'


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
        return {" ".join(_DIGITS.findall(token))}  # one number, however written: '9.19', '0.93R6', '1.048.576'
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
    'dh_make(8)', '10' in '10Mb', 'apt-cache' in "apt-cache's"); a number by each of its digit
    groups ('1 048 576' in '1,048,576')."""
    return _held(_letters(text), token)


def _held(letters: str, token: str) -> bool:
    return all(_letters(part) in letters for part in token.split())


def missing_piece(
    unit: Unit, translation: str, langs: tuple[str, str], known: Callable[[str], bool], scorer: Scorer, runs_on_text: str = ""
) -> str | None:
    """The text of :func:`missing_span`'s piece; None if none."""
    span = missing_span(unit, translation, langs, known, scorer, runs_on_text)
    return None if span is None else unit.text[span[0] : span[1]].strip()


def missing_span(
    unit: Unit, translation: str, langs: tuple[str, str], known: Callable[[str], bool], scorer: Scorer, runs_on_text: str = ""
) -> tuple[int, int] | None:
    """The first piece of a source unit, cut at one or two raw line breaks (its head, its tail,
    or a run of lines in its middle: a block put back inside another's sentence), whose copied
    tokens neither the translation nor `runs_on_text` (the translation units that go on its
    sentence) holds, while the rest explains the translation (see the module), as offsets in the
    unit's text; None if none. A token never spans a line break, so each line's tokens are found
    once. A line with no copied token opening the piece is evidence of neither and goes to the
    rest before it, where the piece stays balanced without it and the rest still explains the
    translation better ('angefangen bei der Systemadministration bis' / 'dem GNU-Programm info,
    …': the clause before the names is the rest's)."""
    cuts = line_cuts(unit)
    if not cuts:
        return None
    text, letters = unit.text, _letters(f"{translation} {runs_on_text}")
    bounds = [0, *cuts, len(text)]
    lines = [copied_tokens(text[a:b], langs[0], known) for a, b in zip(bounds, bounds[1:])]
    absent = [not any(_held(letters, t) for t in found) for found in lines]
    wanted: set[str] | None = None

    def split(i: int, j: int) -> tuple[str, str]:
        return text[bounds[i] : bounds[j + 1]].strip(), f"{text[: bounds[i]].strip()} {text[bounds[j + 1] :].strip()}".strip()

    for i in range(len(lines)):
        tokens: set[str] = set()
        for j in range(i, len(lines)):
            if not absent[j]:
                break
            tokens |= lines[j]
            if len(tokens) < MIN_MISSING or (i, j) == (0, len(lines) - 1):
                continue
            piece, rest = split(i, j)
            if not balanced(piece) or len(copied_tokens(unbracketed(piece), langs[0], known)) < MIN_MISSING:
                continue
            wanted = copied_tokens(translation, langs[1]) if wanted is None else wanted
            if all(holds(rest, t) for t in wanted) and _renders_rest(scorer, rest, piece, translation):
                a, b = i, j
                while a < b and not lines[a] and a > 0 and balanced(split(a + 1, b)[0]) and _renders_rest(scorer, *split(a + 1, b)[::-1], translation):
                    a += 1
                return bounds[a], bounds[b + 1]
    return None


def _stray_end(pair: AlignedPair, rest: tuple[int, int], after: bool, tgt: str, scorer: Scorer, ratio: float) -> tuple[int, int] | None:
    """A rest that cannot stand alone, cut at a raw line break where a block ends (lang.closes_block:
    'Teams …, https://wiki.debian.org/Teams);' / 'Sprachspezifische Mailinglisten wie', three
    items run together), keeping the part next to the piece (`after`: the rest follows the piece)
    where that part stands alone and either the part cut off after it ends no sentence (the head
    of a sentence whose rest is elsewhere, while the translation ends its own) or the part kept
    matches the translation better than the whole rest does (the part cut off adds nothing the
    translation renders); None if no such cut."""
    src, starts = joined(pair.src)
    breaks = sorted({*(start + k for u, start in zip(pair.src, starts) for k in line_cuts(u)), *starts[1:]})
    a, b = rest
    options = [((a, k), (k, b)) if after else ((k, b), (a, k)) for k in (reversed(breaks) if after else breaks) if a < k < b]
    whole = src[a:b].strip()
    for (ka, kb), (ra, rb) in options:
        part, stray = src[ka:kb].strip(), src[ra:rb].strip()
        first, second = (part, stray) if after else (stray, part)
        if not closes_block(first) or not second[:1].isupper():
            continue
        if stands_alone(part, tgt, closes_block(tgt)) and fragment_rejection(part, tgt, ratio) is None:
            if after and not closes_block(stray):
                return ka, kb
            ps = scorer.fit([part, whole], [tgt])
            if ps.sim(0, 1, 0, 1) > ps.sim(1, 1, 0, 1):
                return ka, kb
    return None


def balanced(piece: str) -> bool:
    """Whether a piece closes every bracket it opens and opens every one it closes. A bracket
    that pairs across the cut ('Wenn die Hardware-Zeit (teilweise auch als BIOS-/UEFI- oder
    CMOS-Uhr' / 'bezeichnet) auf UTC …') shows piece and rest to be one sentence: an aside the
    translator left out, not another sentence's piece."""
    return all(piece.count(a) == piece.count(b) for a, b in _BRACKETS)


def unbracketed(text: str) -> str:
    """The text without its asides in brackets: what a translation leaves out or words its own
    way ('(teilweise auch als BIOS-/UEFI- oder CMOS-Uhr bezeichnet)' / nothing), no evidence of
    another sentence."""
    while True:
        shorter = _BRACKETED.sub(" ", text)
        if shorter == text:
            return text
        text = shorter


def _renders_rest(scorer: Scorer, rest: str, piece: str, translation: str) -> bool:
    """The scorer matches the translation with the rest better than with the piece."""
    sim = scorer.fit([rest, piece], [translation])
    return sim.sim(0, 1, 0, 1) > sim.sim(1, 1, 0, 1)


def _runs_on_text(homes: list[Unit], mine: list[int]) -> str:
    """The text of the translation units right before and after a pair's own (`mine`, indices in
    `homes`) that go on its sentence or that it goes on (foreign_pieces.runs_on)."""
    if not mine:
        return ""
    return " ".join(homes[j].text for j in (min(mine) - 1, max(mine) + 1) if 0 <= j < len(homes) and runs_on(homes, mine, j))


def set_aside_missing_names(result: Alignment, scorer: Scorer, langs: tuple[str, str], dictionary: Dictionary | None) -> int:
    """Cut a source piece whose copied tokens the translation lacks (see the module) off written
    pairs, or set the pairs aside; returns how many pairs were changed or set aside. Nothing
    without a dictionary."""
    if dictionary is None:
        return 0
    known = lambda w: bool(dictionary.translate(w))  # noqa: E731
    homes = home_units(result)
    where = {id(u): j for j, u in enumerate(homes)}
    pairs = result.pairs

    def piece_of(n: int) -> tuple[int, int] | None:
        """The piece's span in the pair's joined source text."""
        pair = pairs[n]
        translation = " ".join(u.text for u in pair.tgt)
        around = _runs_on_text(homes, [where[id(u)] for u in pair.tgt if id(u) in where])
        starts = joined(pair.src)[1]
        for u, start in zip(pair.src, starts):
            span = missing_span(u, translation, langs, known, scorer, around)
            if span is not None:
                return start + span[0], start + span[1]
        return None

    found = two_sides.each(piece_of, len(pairs))
    ratio = confidence.written_ratio(pairs)
    kept: list[AlignedPair] = []
    moved = 0
    for pair, span in zip(pairs, found):
        if span is None:
            kept.append(pair)
            continue
        moved += 1
        src, tgt = joined(pair.src)[0], " ".join(u.text for u in pair.tgt)
        a, b = span
        piece = src[a:b].strip()
        whole = f"{pair.kind}: low confidence: the translation has none of the names and codes of a piece of the source ({piece[:40]!r})"
        rest_span = (b, len(src)) if not src[:a].strip() else (0, a) if not src[b:].strip() else None
        rest = "" if rest_span is None else src[rest_span[0] : rest_span[1]].strip()
        stands = bool(rest) and stands_alone(rest, tgt, closes_block(tgt)) and fragment_rejection(rest, tgt, ratio) is None
        cut = f"{pair.kind}: names and codes the translation lacks (cut from '{clipped(rest)}')"
        kept_span = rest_span if stands else rest_span and _stray_end(pair, rest_span, a == 0, tgt, scorer, ratio)
        if not kept_span:
            result.unaligned += set_aside(pair, whole, whole=False)
            continue
        kept.append(AlignedPair(slice_units(pair.src, *kept_span), pair.tgt, pair.kind, pair.score))
        for lo, hi in sorted({span, (rest_span[0], kept_span[0]), (kept_span[1], rest_span[1])}):
            result.unaligned += [SetAside("src", u, cut, False) for u in slice_units(pair.src, lo, hi)]
    result.pairs = kept
    return moved
