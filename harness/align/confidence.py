"""Precision first: which aligned beads are strong enough to become reference pairs.

A wrong pair in a reference set silently scores every correct translation against the wrong
sentence, while a missing pair only makes the set a little smaller. So the DP's beads are
written only when the evidence is strong; the rest go to unaligned.tsv with their score.

The rule (documented in the README):
- the similarity of the two sides is at least MIN_SCORE (MIN_SHORT_SCORE for headings, list
  items and other short units, which match by chance more easily), or RELATIVE times the
  document's median similarity where that is lower (a scorer without a dictionary scores
  correct pairs lower across the board);
- their lengths agree with the document's usual length ratio within a factor of MAX_LENGTH_FACTOR;
- a 1-2 or 2-1 bead (a sentence translated as two) stands only when both halves share words
  with the other side (MIN_PART_SCORE) and the merge scores at least as well as its better half
  alone (a half that only repeats words the other half already matched is a sentence the other
  side lacks); otherwise the better half is paired alone and the other set aside: on the test
  corpus such merges were wrong four times in ten;
- a sentence the builder stitched together from pieces (a cut sentence completed across moved
  blocks, columns or pages) keeps its pair only when every piece of PIECE_WORDS words or more
  (in the translation: every piece) shares something with the other side (MIN_PIECE_SCORE of
  its words, estimated);
- a 1-1 pair held in place by written pairs on both sides is judged against lower floors
  (:mod:`harness.align.sandwich`): order is evidence too;
- two captions numbered differently ('Tabelle 6.5: …' / 'Table 6.8. …') are never a pair: a
  translation keeps its tables' and figures' numbers, and captions resemble each other
  ('Liste von …' / 'List of …') more than most sentences do;
- a command line under a shell prompt ('$ ssh-keygen -t rsa') pairs only with a command line that
  shares MIN_COMMAND_SHARE of its tokens: a translator copies commands (a placeholder such as
  'user_name' / 'nombre_de_usuario' aside), and the sentence introducing one shares its words;
- sides naming scoped identifiers ('Dir::Etc::SourceList') pair only when they share one: a
  translation copies them, while a manual's look-alike items ('Konfigurationselement: …') differ
  in nothing else.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence

from harness.align.blocks import PROMPT
from harness.align.dp import Bead
from harness.align.furniture import caption_number
from harness.align.lang import ALL_STOPWORDS, words
from harness.align.model import AlignedPair
from harness.align.similarity import PairSim

MIN_SCORE = 0.3
MIN_SHORT_SCORE = 0.5
# see compound: the word's senses cover the translation whole ('Datensicherungsprogramme:' covers
# half of 'Redundant backup: data mirroring', 0.8)
COMPOUND_SCORE = 1.0
_LIST_WORD = re.compile(r"[^\W\d_](?:[\w-]*[^\W\d_])?;")
RELATIVE = 0.5
SHORT_WORDS = 4
MAX_LENGTH_FACTOR = 2.2
MIN_PART_SCORE = 0.15
LOW_SIMILARITY = "low confidence: similarity"  # how rejection opens when a bead is under the floor
ELSEWHERE_MARGIN = 0.15  # recovery.MARGIN: a clearly better match
ELSEWHERE_CANDIDATES = 8  # recovery's candidates per unit
_VERSION = re.compile(r"(?<=[\s(])v?(\d+(?:\.\d+){2,})\b")  # '(seit Dpkg 1.16.2)', not the '9.4.5.' a heading opens with
_SCOPED = re.compile(r"\w+(?:::\w+)+")  # 'Dir::Etc::SourceList', 'APT::Cache::ShowFull', 'Locale::Po4a::Wml'
_MAN_REFERENCE = re.compile(r"(?<![\w/.-])([A-Za-z][\w.+-]*)\((\d)\w*\)")  # 'tar(1)', 'apt-secure(8)', 'po4a-gettextize(1)'
_OPTION_TERM = re.compile(r"(?<![\w-])-[A-Za-z]\b[^,;.]{0,30},\s*--[A-Za-z]")  # '-L Locale, --locale=Locale': a manual's option term
_LONG_OPTION = re.compile(r"(?<![\w-])--([A-Za-z][\w-]*)")  # '--control-path', '--help-Option' (a German compound)
MIN_COMMAND_SHARE = 0.6  # of the shorter command line's tokens: a translation copies commands, translating at most a placeholder
MERGE_SLACK = 0.1  # a merge that scores below its better half alone adds a sentence the other side lacks
PIECE_WORDS = 4  # pieces of a stitched sentence shorter than this are not judged alone
# ... in the translation, which is read in order, any piece is: a seam there joins text across
# a gap (a list item or heading moved away), and such pairs were right 3 times in 20 on the corpus
TARGET_PIECE_WORDS = 1
MIN_PIECE_SCORE = 0.15
# share of correct pairs by similarity, measured on the project's test corpus (7 documents x
# 4 text paths, 3,252 pairs; bench/bench_build_reference.py --corpus): (score floor, precision)
CALIBRATION = ((0.7, 0.95), (0.5, 0.925), (0.4, 0.88), (0.3, 0.78), (0.0, 0.6))


def floors(scores: Sequence[float]) -> tuple[float, float]:
    """The similarity floors (normal, short units) for a document with these bead scores."""
    typical = statistics.median(scores) if scores else 1.0
    return min(MIN_SCORE, RELATIVE * typical), min(MIN_SHORT_SCORE, RELATIVE * typical)


def length_ratio(pairs: Sequence[tuple[int, int, float]]) -> float:
    """Target/source characters over the document's confident beads ((src, tgt, score))."""
    ratios = [t / s for s, t, score in pairs if s > 0 and score >= 0.5]
    return statistics.median(ratios) if ratios else 1.0


def written_ratio(pairs: Sequence[AlignedPair]) -> float:
    """length_ratio over pairs already written, each side's units joined by one space. Passes that
    change the written pairs ask again, as the pairs they judge by have changed."""
    joined = lambda units: sum(len(u.text) for u in units) + len(units) - 1  # noqa: E731
    return length_ratio([(joined(p.src), joined(p.tgt), p.score) for p in pairs])


CODE_MARKS = "%$-/@#~+*&\\"  # what opens a format code, an option, a variable, a path


def same_code(a: str, b: str) -> bool:
    """Both sides open with the same token of letters or digits and symbols ('%F = Name der Datei'
    / '%F = filename', '-L Locale' / '-L locale'): entries of a list of codes, options or
    variables, whose definitions one language says in one word ('filename') and another in three.
    The code is the evidence a fragment lacks ('1' / 'Page 1 option:' share no such token)."""
    head = a.split()[:1]
    return bool(head) and head == b.split()[:1] and len(head[0]) >= 2 and head[0][0] in CODE_MARKS and any(c.isalnum() for c in head[0])


def compound(src_text: str, score: float) -> bool:
    """Whether a one-word source is a compound its translation spells out in several words, not a
    fragment: the source is one whole word closing an item of a list with a semicolon (letters
    first and last, hyphens inside; not a word broken at a line end, '(„debug-', nor a word cut
    from a sentence or a table: the mark says the item ends there), whose senses cover the
    translation whole (COMPOUND_SCORE): 'Wechseldatenträger;' / 'Removable storage media',
    'Versionskontrollsysteme;' / 'Version control system tools' (a list of Debian Reference ch.
    10). German joins into one word what English says in three. The other way round ('Name der
    Datei' / 'filename') one word stays a fragment, and so does a word without the list's mark
    ('Speichermedien', a table's cell, scores 1.0 against 'Removable storage media' too, its
    senses saturating the score) or one whose senses cover part of the other side."""
    return score >= COMPOUND_SCORE and bool(_LIST_WORD.fullmatch(src_text.strip()))


def rejection(src_text: str, tgt_text: str, score: float, ratio: float, floor_pair: tuple[float, float] = (MIN_SCORE, MIN_SHORT_SCORE)) -> str | None:
    """Why a bead is not written (None: it is)."""
    sizes = sorted((_letter_words(src_text), _letter_words(tgt_text)))
    if sizes[0] == 0 or (sizes[0] == 1 and sizes[1] >= 3 and not same_code(src_text, tgt_text) and not compound(src_text, score)):
        return "low confidence: one side is a fragment of the other"  # '1' / 'Page 1 option:'
    numbers = caption_number(src_text), caption_number(tgt_text)
    if None not in numbers and numbers[0] != numbers[1]:
        return "low confidence: captions numbered differently"  # 'Tabelle 6.5: …' / 'Table 6.8. …'
    if bool(PROMPT.match(src_text)) != bool(PROMPT.match(tgt_text)):
        return "low confidence: a command line against a sentence"  # '$ ssh-keygen -t rsa …' / 'Generate … by the following.'
    if PROMPT.match(src_text) and PROMPT.match(tgt_text) and _shared_tokens(src_text, tgt_text) < MIN_COMMAND_SHARE:
        return "low confidence: different command lines"  # '$ cat /etc/exim4/passwd.client' / '$ cat /etc/postfix/sasl_passwd'
    ids = _SCOPED.findall(src_text), _SCOPED.findall(tgt_text)
    if ids[0] and ids[1] and not {i.lower() for i in ids[0]} & {i.lower() for i in ids[1]}:
        return "low confidence: different identifiers"  # 'Dir::Etc::SourceList.' / 'Dir::Etc::SourceParts.'
    versions = set(_VERSION.findall(src_text)), set(_VERSION.findall(tgt_text))
    if versions[0] and versions[1] and not versions[0] & versions[1]:
        return "low confidence: different version numbers"  # '… (seit Dpkg 1.16.2).' / '… (since dpkg 1.17.11).'
    if not references_agree(src_text, tgt_text):
        return "low confidence: different manual pages named"  # 'bei GNU tar(1) und cpio(1): …' / '"/dest/foo": rsync(8), GNU cp(1), and scp(1)'
    if not options_agree(src_text, tgt_text):
        return "low confidence: different options"  # '-c, --control-path Paketname [Steuerdatei]' / '--control-list package-name'
    if not escapes_agree(src_text, tgt_text):
        return "low confidence: a code literal one side lacks"  # '… muss die erste Zeile ’\\" <Zeichenkette> ähneln, …' / '… must resemble where …'
    short = min(len(src_text.split()), len(tgt_text.split())) <= SHORT_WORDS
    floor = floor_pair[1] if short else floor_pair[0]
    if score < floor:
        return f"{LOW_SIMILARITY} {score:.2f} < {floor:.2f}"
    factor = length_factor(src_text, tgt_text, ratio)
    if factor > MAX_LENGTH_FACTOR:
        return f"low confidence: lengths differ {factor:.1f}x from the document's ratio"
    return None


def _option_names(text: str) -> set[str]:
    return {m.lower().replace("-", "") for m in _LONG_OPTION.findall(text)}


def options_agree(a: str, b: str) -> bool:
    """Two texts that both name long options share one: a translation copies an option's name, and
    a manual's look-alike option headings differ only there ('-c, --control-path Paketname
    [Steuerdatei]' / '--control-list package-name'). Hyphens are ignored ('--configfile' /
    '--config-file': a PDF's line break), and a name may run on into a German compound
    ('--help-Option' / '--help option'): one name starting with the other is a match. Where only
    one text names long options, they agree unless it holds a manual's option term, a short and a
    long option ('-L Locale, --locale=Locale'): a translation copies the term, so the other text is
    not its rendering ('bei der Suche nach Handbuchseiten …' / 'Finding manual pages -L locale,
    --locale=locale', a column's line beside a heading), while an option named in running text may
    be rendered without its name ('… mit "mount --bind" eingebunden wird' / '… by bind-mounting …')."""
    names = _option_names(a), _option_names(b)
    if not names[0] or not names[1]:
        return not _OPTION_TERM.search(a if names[0] else b if names[1] else "")
    return any(x.startswith(y) or y.startswith(x) for x in names[0] for y in names[1])


_QUOTED = re.compile(r"""(["'»«„“‘‚])[^\s]*\\[^\s]*["'»«“”’‘]""")  # '"\%"', '»\%«': a code quoted in running text


def _unquoted_escape(text: str) -> bool:
    return "\\" in _QUOTED.sub(" ", text)


def escapes_agree(a: str, b: str) -> bool:
    """A backslash (a roff or shell escape: '’\\" <Zeichenkette>', '\\ Manual\\ page\\ \\$MAN_PN') outside
    quotes on one side only is a code literal the other side lacks: a translation copies code, so
    the sides hold different text (a display line a PDF's extraction kept inside the sentence
    around it, which the translation's web page set apart). Every gold bead of the four test sets
    that holds a backslash holds one on both sides. A code quoted in running text ('»\\%«') is
    not looked at: the sentence naming it may be translated as two, and one half paired alone;
    nor is a side with a backslash of its own (quotes differ: '\\n' / '"\\n"')."""
    return ("\\" in a) == ("\\" in b) or not (_unquoted_escape(a) or _unquoted_escape(b))


def _references(text: str) -> set[tuple[str, str]]:
    """(name, section) of each manual page a text names; a name a German compound runs into
    ('GNU-gettext(1)') also stands as its last part ('gettext')."""
    refs = set()
    for name, section in _MAN_REFERENCE.findall(text.replace("- ", "")):
        refs.add((name.lower().replace("-", ""), section))
        if "-" in name.strip("-"):
            refs.add((name.lower().rstrip("-").rsplit("-", 1)[1], section))
    return refs


def references_agree(a: str, b: str) -> bool:
    """Two texts that both name manual pages ('tar(1)') share one: a translation copies the
    references, and look-alike lines of a listing differ there ('bei GNU tar(1) und cpio(1): nach
    "/dest/pfad/zu/source/foo".' / '"/dest/foo": rsync(8), GNU cp(1), and scp(1)'). A translated
    name is a cognate in the same section ('capabilities(7)' / 'capacidades(7)'): the first three
    letters and the section are enough. A line break inside a name ('apt-secu- re(8)') and its
    hyphens ('po4agettextize(1)') are ignored, and a compound ('GNU-gettext(1)') may name its last part."""
    refs = _references(a), _references(b)
    return not refs[0] or not refs[1] or any(x[:3] == y[:3] and s == t for x, s in refs[0] for y, t in refs[1])


def _shared_tokens(a: str, b: str) -> float:
    """Share of the shorter text's word tokens ('cat', 'etc', 'passwd') the other one has too."""
    ta, tb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return len(ta & tb) / max(1, min(len(ta), len(tb)))


def length_factor(src_text: str, tgt_text: str, ratio: float) -> float:
    """How many times longer or shorter the target is than the document's ratio predicts."""
    return chars_factor(len(src_text), len(tgt_text), ratio)


def chars_factor(src_chars: int, tgt_chars: int, ratio: float) -> float:
    """length_factor on character counts."""
    return math.exp(abs(math.log((tgt_chars + 15) / (ratio * src_chars + 15))))


def precision_of(score: float) -> float:
    for floor, precision in CALIBRATION:
        if score >= floor:
            return precision
    return CALIBRATION[-1][1]


def estimated_precision(scores: Sequence[float]) -> float:
    """Expected share of correct pairs, from the calibration table."""
    return sum(precision_of(s) for s in scores) / len(scores) if scores else 0.0


def split_weak_merge(bead: Bead, ps: PairSim, apart: bool = False) -> list[Bead]:
    """A 1-2 / 2-1 bead one of whose halves says nothing the other side says becomes a 1-1
    bead of the better half plus that half left alone (see the module docstring). Two source
    units from raw lines that are not neighbours (`apart`: blocks the builder placed side by side
    in shuffled text) were never one passage of the document, so their merge must beat the better
    half alone, without MERGE_SLACK: a block of another place that adds nothing to the match ('Das
    LaTeX-Format ist …' + 'Ein XML-Dokumentationsformat.' / 'The LaTeX format is …') is no part of
    the translated sentence; nor is one whose weaker half clearly matches another target sentence
    better (:func:`matched_elsewhere`)."""
    if bead.di + bead.dj != 3 or not bead.di or not bead.dj:
        return [bead]
    if bead.dj == 2:
        parts = [ps.sim(bead.i, 1, bead.j + k, 1) for k in (0, 1)]
    else:
        parts = [ps.sim(bead.i + k, 1, bead.j, 1) for k in (0, 1)]
    if apart and bead.di == 2:
        weak = 0 if parts[0] < parts[1] else 1
        merged = bead.score > max(parts) and not matched_elsewhere(ps, bead.i + weak, bead.j, parts[weak])
    else:
        merged = bead.score >= max(parts) - MERGE_SLACK
    if min(parts) >= MIN_PART_SCORE and merged:
        return [bead]
    keep = 0 if parts[0] >= parts[1] else 1
    if bead.dj == 2:
        pair = Bead(bead.i, 1, bead.j + keep, 1, parts[keep])
        alone = Bead(bead.i + 1, 0, bead.j + 1 - keep, 1, 0.0)
    else:
        pair = Bead(bead.i + keep, 1, bead.j, 1, parts[keep])
        alone = Bead(bead.i + 1 - keep, 1, bead.j + 1, 0, 0.0)
    return [alone, pair] if keep else [pair, alone]


def matched_elsewhere(ps: PairSim, i: int, j: int, score: float) -> bool:
    """Whether source unit i matches a target sentence other than j by ELSEWHERE_MARGIN more than
    `score`, its match with j: in shuffled text a box merged onto a neighbour's pair whose own
    counterpart lies elsewhere ('Mit einem Rechtsklick öffnet sich ein Popup Menü.' + 'Die linke
    Seite des Fensters enthält die Liste der Basis Elemente.' / 'One can select a given item …,
    display a pop up menu.', while 'The left pane contains the list of basic items.' is the
    second's)."""
    return any(ps.sim(i, 1, k, 1) >= score + ELSEWHERE_MARGIN for k in ps.candidates(i, ELSEWHERE_CANDIDATES) if k != j)


def _letter_words(text: str) -> int:
    return sum(1 for w in words(text) if sum(c.isalpha() for c in w) >= 2)


def content_count(text: str) -> int:
    """How many words of `text` are no function word of any language."""
    return sum(1 for w in words(text) if w.lower() not in ALL_STOPWORDS)


def containment(dice: float, piece: str, other: str) -> float:
    """The share of a piece's words found on the other side, estimated from a Dice score: a
    short piece of a long sentence has a low Dice score even when all of it is translated."""
    a = content_count(piece)
    return matched_words(dice, piece, other) / a if a else 1.0


def matched_words(dice: float, a: str, b: str) -> float:
    """How many content words two texts share, estimated from their Dice score."""
    return dice * (content_count(a) + content_count(b)) / 2
