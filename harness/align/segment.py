"""Sentence segmentation: pysbd, plus repairs for splits it still makes after ordinals and dates."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import pysbd
from pysbd.languages import LANGUAGE_CODES

from harness.align.lang import ends_sentence
from harness.align.tracked import Tracked

_MONTHS = re.compile(
    r"(Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    r"January|February|March|May|June|July|October|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|"
    r"Oct|Okt|Nov|Dec|Dez)\b"
)
_ORDINAL_END = re.compile(r"(?:^|\s)\d{1,3}\.$")
_ABBREV_END = re.compile(r"(?:^|\s)(?:[A-Za-zÄÖÜäöü]\.){1,2}$|(?:^|[\s(])(?:Nr|Abs|Art|Anm|bzw|ca|vgl|Dr|Prof|Hrsg|S)\.$")
# (a footnote number glued after the stop by PDF extraction stays with its sentence: 'never.11 Falls')
_SURE_END = re.compile(r"(?<=[a-zäöüßàâçéèêëîïôûùüÿñæœáíóú]{4})[\"“”»«’)]?[.!?][\"“”»’)]*(?:\d{1,2})?\s+(?=[A-ZÄÖÜ„\"“«])")
_QUOTATION = re.compile(r"„[^“”]*[“”]|“[^”„]*”|»[^«]*«|«[^»]*»|\"[^\"]*\"")
LOWER_ABBREVIATIONS = frozenset({"bspw.", "insb.", "evtl.", "zzgl.", "bzgl.", "usw.", "approx.", "resp.", "incl.", "excl.", "vols."})
# pysbd keeps quoted speech whole: '“Why wage war …? What use are …?”' is two sentences
_INNER_STOP = re.compile(r"(?<=[?!])\s+(?=[A-ZÄÖÜ])")
_CLOSING = re.compile(r"\s*[\"“”’»)\]]+(?=\s|$)")
_FALLBACK = re.compile(r"(?<=[.!?…])[\"“”»’)]*\s+(?=[\"„“«‘(]?[A-ZÄÖÜ0-9])")


_STOP = re.compile(r"[.!?…]")
_DIRECTORY = re.compile(r"\w+/")  # 'ssh/' in '.ssh/id_rsa.pub'
_NAME_OPENERS = frozenset(" \t\"'„“»«‘([*")  # what may stand before a dot that opens a name: '".tgz"', ' .bashrc', a glob's '*.desktop'
_OPENS_WITH_STOP = re.compile(r"[:;,]\s")  # ': das ist …', not a smiley ':-) Entspannen Sie sich'
# '4.1.', and an appendix's 'A.1.' / 'B.2.3.' (DocBook, LaTeX and groff number appendix sections
# with a capital letter and dotted numbers): a section number, never a sentence of its own
_SECTION_ONLY = re.compile(r"^(?:\d{1,2}|[A-Z](?=\.\d))(?:\.\d{1,2}){0,3}\.?$")
# 'Tabelle 5.1.', 'Figure 3.', 'Kapitel 4.': one word and a (section) number is a caption's or heading's label
_LABEL_ONLY = re.compile(r"^[^\W\d_]{2,} \d{1,3}(?:\.\d{1,3}){0,3}\.$")


class _Span(NamedTuple):
    start: int
    end: int


@lru_cache(maxsize=None)
def _segmenter(lang: str) -> pysbd.Segmenter | None:
    return pysbd.Segmenter(language=lang, clean=False, char_span=True) if lang in LANGUAGE_CODES else None


def safe_cuts(text: str) -> list[int]:
    """Offsets where a sentence surely ends: a lowercase word of four or more letters, a full
    stop, space, a capital ('… zurück. Bereits'), outside quotations (pysbd keeps those whole).
    pysbd's time grows faster than linearly with text length, so long blocks are cut here
    first and pysbd only decides the rest."""
    quoted = [m.span() for m in _QUOTATION.finditer(text)]
    cuts = []
    for m in _SURE_END.finditer(text):
        word = text[max(0, m.start() - 12) : m.start()].split()[-1:]
        inside = any(a < m.start() < b for a, b in quoted)
        if word and word[0].lower() not in LOWER_ABBREVIATIONS and not inside:
            cuts.append(m.end())
    return cuts


@lru_cache(maxsize=1 << 14)
def _spans(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans (cached: the pipeline segments the same blocks more than once)."""
    seg = _segmenter(lang)
    if seg is None:
        cuts = [m.end() for m in _FALLBACK.finditer(text)]
        return tuple(zip([0, *cuts], [*cuts, len(text)]))
    spans: list[tuple[int, int]] = []
    bounds = [0, *safe_cuts(text), len(text)]
    for start, end in zip(bounds, bounds[1:]):
        chunk = text[start:end]
        inner_stops = _STOP.search(chunk.rstrip().rstrip("\"“”»«’)").rstrip(".!?…"))
        pieces = seg.segment(chunk) if inner_stops else [_Span(0, len(chunk))]  # pysbd only where it decides
        for s in pieces:
            a, b = start + s.start, start + s.end
            inner = [m.end() for m in _INNER_STOP.finditer(text, a, b)]
            spans += list(zip([a, *inner], [*inner, b]))
    return tuple(spans)


def _inside_token(text: str, cut: int) -> bool:
    """'”~/.' + 'ssh/config”': a cut right after '/.' with a letter or digit after it falls
    inside a path (a hidden file or directory), and 'in .' + './ly/init.ly' inside a relative
    path ('../'), and 'cat .' + 'ssh/id_rsa.pub' inside a hidden directory's path (a dot after a
    space or symbol, a name and a slash right after it), and '".' + 'tgz"' inside a quoted file
    extension (or '*.' + 'desktop', a glob's); no sentence ends on a path separator and a dot, nor between two dots, nor on a dot
    that opens a name or a path."""
    if not 0 < cut < len(text) or text[cut - 1].isspace():
        return False
    hidden = text[max(0, cut - 2) : cut] == "/." and text[cut].isalnum()  # '~/.' + 'ssh/config'
    relative = text[cut - 1] == "." and text[cut : cut + 2] == "./"  # 'in .' + './ly/init.ly'
    dotfile = text[cut - 1] == "." and (cut < 2 or not text[cut - 2].isalnum()) and bool(_DIRECTORY.match(text, cut))  # 'cat .' + 'ssh/id_rsa.pub'
    # '".' + 'tgz" oder ".tar.gz"', '".' + '/source"', '*.' + 'desktop': a dot after a quote, bracket, space or
    # glob star, with a name or a path right after it and no space between, opens a file extension, a hidden
    # file or a relative path
    name = text[cut - 1] == "." and cut >= 2 and text[cut - 2] in _NAME_OPENERS and (text[cut].isalnum() or text[cut] == "/")
    return hidden or relative or dotfile or name


def _wrong_split(left: str, right: str) -> bool:
    """Ordinals ('am 11. September', 'als 33. Mitglied') and abbreviations ('z. B.', 'Nr. 5',
    'Anm. d. Ü.', the translator's note of German translations). A piece that opens with a colon,
    semicolon or comma and a space continues the sentence before it in any language: the segmenter
    split after an abbreviation it did not know ('(Anm. d. Ü.' / ': das ist …'); a smiley may open
    one (':-) Entspannen Sie sich …')."""
    left = left.rstrip()
    if _SECTION_ONLY.match(left):
        return True  # '3.1.1.' + 'Stufe 1: das UEFI': a section number opens its heading
    if _LABEL_ONLY.match(left) and right[:1].isupper():
        return True  # 'Tabelle 5.1.' + 'Liste von …': a label opens its caption, no sentence says only that
    if right[:1] in ",;":
        return True  # 'Getting help -?' + ', --help': no sentence starts with a comma
    if not ends_sentence(left):
        return True  # pysbd takes '3.' after 'von' for a list item
    if _ORDINAL_END.search(left) and (right[:1].islower() or _MONTHS.match(right) or right[:1].isdigit()):
        return True
    if _ABBREV_END.search(left) and (right[:1].islower() or right[:1].isdigit()):
        return True
    if _OPENS_WITH_STOP.match(right):
        return True  # '(Anm. d. Ü.' + ': das ist …': no sentence opens with a colon, semicolon or comma
    return False


def split_sentences(t: Tracked, lang: str) -> list[Tracked]:
    """Sentences of one cleaned text block, each stripped and still tracked to raw lines."""
    return [t[s:e] for s, e in sentence_spans(t.text, lang)]


def sentence_texts(text: str, lang: str) -> list[str]:
    """The sentences of split_sentences, as plain text (for callers that need no line owners)."""
    return [text[s:e] for s, e in sentence_spans(text, lang)]


@lru_cache(maxsize=1 << 14)
def sentence_spans(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    """Stripped sentence spans of one cleaned text block (cached: the builder splits the same
    blocks several times); nothing between two sentences but whitespace is left out."""
    if not text.strip():
        return ()
    spans = [list(s) for s in _spans(text, lang) if text[s[0]:s[1]].strip()]
    merged: list[list[int]] = []
    for span in spans:
        if merged and (_inside_token(text, span[0]) or _wrong_split(text[merged[-1][0]:merged[-1][1]], text[span[0]:span[1]].lstrip())):
            merged[-1][1] = span[1]
        else:
            merged.append(span)
    for a, b in zip(merged, merged[1:]):
        closing = _CLOSING.match(text, b[0], b[1])
        if closing:  # '… bevorsteht?' + '“ So fand …': the quote closes the first sentence
            b[0] = closing.end()
    merged = [s for s in merged if text[s[0]:s[1]].strip()]
    if merged:
        merged[-1][1] = len(text)
        for a, b in zip(merged, merged[1:]):
            a[1] = b[0]  # spans are contiguous: nothing between sentences is lost
    stripped = []
    for s, e in merged:
        chunk = text[s:e]
        if chunk.strip():
            stripped.append((s + len(chunk) - len(chunk.lstrip()), s + len(chunk.rstrip())))
    return tuple(stripped)
