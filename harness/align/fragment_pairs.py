"""The last check before a pair is written: a piece of a sentence against a whole sentence.

Reading a scrambled or column-cut extraction leaves sentence fragments behind: a block cut
mid-sentence ('Pakete, 200 Entwickler).', 'System hinzuzufügen oder zu entfernen.'), a
line cut at a syllable hyphen ('Ein frühes Mitglied des Projekts, Bill Mit-'). Paired with a
whole sentence of the other side such a fragment is a wrong reference even when its words are
right: the translation of the whole sentence is scored against a part of it. Two kinds of
evidence any document gives mark such pairs:

- a side reads as a piece of a sentence where the other reads as a whole one
  (:func:`fragment_evidence`): it opens in lower case where the other opens capitalised (both
  languages capitalise a sentence's first word, so one of the two does not start a sentence; a
  word a translation copies — a command name, 'dpkg-deb', 'Dm-crypt' — may open both sides in
  lower case and is no evidence), it ends with a word cut at a hyphen, or it closes a
  parenthesis it never opened or opens one it never closes. Such a pair is written only when the two sides agree in length
  within FRAGMENT_LENGTH_FACTOR of the document's ratio (against 2.2x for whole sentences): a
  fragment can be the whole counterpart of the other side only if it is about as long; one of 5
  words cannot translate a sentence of 15, and a fragment much longer than its counterpart
  carries text glued on from elsewhere. A side that merely ends without a stop where the other
  ends a sentence ('Viele Pakete begannen ein neues' / 'Many packages started using a new source
  package format based on quilt.', or a heading against a heading glued to its first sentence)
  is held to OPEN_LENGTH_FACTOR;
- a side ends without a stop on a word no sentence ends on (an article, a conjunction: '… iproute2-
  und') where the other ends its sentence (:func:`cut_mid_sentence`): never written, whatever the
  lengths, since the rest of the sentence is elsewhere and the pair is a truncated reference;
- a side opens with a section number ('9.6.11. SMART verwenden, um … Sie können …') that the
  other side lacks although the other document uses it (:func:`one_sided_number`): a translation
  keeps its original's numbering, so the heading is elsewhere in the other document and this
  side carries it glued to a sentence its counterpart does not begin with;
- a side is one raw line that ends in a word cut at a hyphen ('Um zum Beispiel herauszufinden,
  welche Erfah-') where the other ends its sentence (:func:`cut_word_end`): never written, whatever
  the lengths; one line of a block cut mid-word is no sentence's whole counterpart (checked after
  the late recoveries, :func:`set_aside_cut_word_ends`);
- both sides open with section numbers of two levels or more, and the numbers differ ('9.6.15.
  Vergrößerung …' / '9.6.16. Expansion …', :func:`numbered_differently`): the same rule seen from
  the other end; look-alike headings of neighbouring sections share all but the number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from harness.align import confidence, recovery
from harness.align.lang import closes_block, words
from harness.align.model import HEADINGS, AlignedPair, Alignment, set_aside_where, span_numbers

FRAGMENT_LENGTH_FACTOR = 1.5
OPEN_LENGTH_FACTOR = 1.7  # see fragment_rejection
_FIRST_LETTER = re.compile(r"(?<![^\W_])[^\W\d_]")  # a letter glued to a digit ("31st", "2nd") opens no word
_CUT_WORD = re.compile(r"[^\W\d_]{2}-$")  # 'Mit-', 'Erfah-': a syllable hyphen at the end
_ENUMERATOR = re.compile(r"^\s*[\w.]{1,3}\)")  # 'a) …', '1) …': an item mark, not a parenthesis closed


def _lower_start(text: str) -> bool:
    m = _FIRST_LETTER.search(text)
    return bool(m) and m.group(0).islower()


def _unopened_parenthesis(text: str) -> bool:
    body = _ENUMERATOR.sub("", text).replace(":-)", "")
    return body.count(")") > body.count("(")


def opens_in_lower_case(text: str, other: str) -> bool:
    """`text` opens in lower case where `other` opens capitalised, and its first word is not one the
    other side copies (a command name: 'dpkg-deb', 'iptables'): it does not start a sentence."""
    first = words(text)[:1]
    return _lower_start(text) and not _lower_start(other) and not (first and first[0].casefold() in other.casefold())


def fragment_evidence(text: str, other: str) -> str | None:
    """Why `text` reads as a piece of a sentence where `other` reads as a whole one (None: it does
    not). See the module docstring."""
    if opens_in_lower_case(text, other):
        return "opens in lower case"  # 'empfängt und an den …' / 'With the exception of …'
    if _CUT_WORD.search(text.rstrip()) and not _CUT_WORD.search(other.rstrip()):
        return "ends in a cut word"  # 'Ein frühes Mitglied des Projekts, Bill Mit-'
    if _unopened_parenthesis(text) and not _unopened_parenthesis(other):
        return "closes a parenthesis it never opened"  # 'Pakete, 200 Entwickler).'
    if text.count("(") > text.count(")") and other.count("(") <= other.count(")"):
        return "leaves a parenthesis open"  # 'Jegliche Nutzung von Tunneling-Methoden (VPN'
    if _closes_unopened_quote(text) and not _unbalanced_quotes(other):
        return "closes a quotation it never opened"  # 'Documentation«-Format.'
    return None


_QUOTE = re.compile(r"[«»„“”\"]")


def _closes_unopened_quote(text: str) -> bool:
    """The first quotation mark closes a quotation: the unit starts inside one, cut off at a block
    edge ('Das ist das »Perl Online' / 'Documentation«-Format.'). A closing mark leans on the word
    before it and none follows it ('Documentation«-', 'gut.“ '), an opening one the other way
    ('»Perl', '„Die'), whatever the language's marks; marks set apart by spaces ('« so »') say nothing."""
    m = _QUOTE.search(text)
    if m is None:
        return False
    k = m.start()
    before, after = text[k - 1 : k], text[k + 1 : k + 2]
    return bool(before) and (before.isalnum() or before in ".,!?…)") and not after.isalnum()


def _unbalanced_quotes(text: str) -> bool:
    """A quotation mark without its partner, of any style: the sentence is one of a quotation of
    several sentences ('»… zwischen 0.99R8 und 0.99R15 war, als wir begannen.' / '"... being between
    0.99r8 and 0.99r15 when we got started.'), and so may the other side's be."""
    curly = sum(text.count(q) for q in "„“”"), sum(text.count(q) for q in "‚‘’")  # „so“ and “so”: two each
    return text.count("«") != text.count("»") or text.count('"') % 2 == 1 or any(n % 2 for n in curly)


# Words no sentence, heading or list item ends on: articles, conjunctions, and prepositions that are
# never a separable verb particle ('Geben Sie … ein', 'Sehen Sie nach') and, in English, never end a
# clause ('what it is for'). Not the English article 'an': it is the German particle that ends
# 'gibt den Paketnamen an'. A unit ending on one without a stop was cut mid-sentence.
_NEVER_LAST = frozenset(
    "der die das den dem des eine einem einen einer eines und oder sowie als für von vom zum zur beim im ins "
    "gegen ohne dass weil wenn ob zwischen wegen the a and or of".split()
)
_LAST_WORD = re.compile(r"(?<!\w)([^\W\d_]+)$")  # a whole word: not the "a" of "po4a"


def cut_mid_sentence(text: str) -> bool:
    """A unit that ends without a stop on a word no sentence ends on ('Diese Werkzeuge können
    Dateien lesen und', 'debugfs(8) für interaktive Fehlersuche in' is not: 'in' may close a
    clause): the rest of its sentence is elsewhere."""
    m = _LAST_WORD.search(text.rstrip())
    return bool(m) and m.group(1).lower() in _NEVER_LAST


def ends_in_cut_word(text: str) -> bool:
    """A unit that ends with a word cut at a syllable hyphen ('Um zum Beispiel herauszufinden,
    welche Erfah-'): the extraction cut the line there and the word's rest, with the rest of its
    sentence, is in another block."""
    return bool(_CUT_WORD.search(text.rstrip()))


def ends_open(text: str) -> bool:
    """The text stops where no sentence does: on a word no sentence ends on (:func:`cut_mid_sentence`)
    or on a word cut at a syllable hyphen (:func:`ends_in_cut_word`); the rest of its sentence is
    in another block."""
    return cut_mid_sentence(text) or ends_in_cut_word(text)


def cut_word_end(pair: AlignedPair) -> str | None:
    """Why a pair one side of which is one raw line ending in a word cut at a hyphen, while the
    other ends its sentence, is not written (None: it is). A block of one line cut mid-word holds
    a line of its sentence, the rest of which is in another block ('Um zum Beispiel
    herauszufinden, welche Erfah-' / 'Examples are debian-announce, debian-user, debian-news.');
    a unit of several lines cut in its last word holds most of its sentence, and its translation
    renders it ('… und Maschinenprofil (Hauptser-' / '… machine profile (Main Server, …).')."""
    for side, units, other in (("source", pair.src, _text(pair.tgt)), ("translation", pair.tgt, _text(pair.src))):
        text = _text(units)
        one_line = len(units) == 1 and len(set(span_numbers(units[0].lines))) == 1
        if one_line and ends_in_cut_word(text) and closes_block(other) and not ends_in_cut_word(other):
            return f"low confidence: the {side} ends in a word cut at a hyphen ('{text.split()[-1]}'), the other side ends its sentence"
    return None


def _longer(text: str, other: str, ratio: float) -> bool:
    """Whether `text` is longer than `other` by the document's ratio (other / text): it carries
    more than its counterpart renders ('Graphischer Überblick über die Po4a-Skripte Po4a kann auch
    mit einigen selteneren oder' / 'Graphical overview of the po4a scripts'). A heading cut at its
    line end ('Liste von Werkzeugen für die' / 'List of data security infrastructure tools') is
    shorter: it holds less of its heading, not another sentence."""
    return ratio * len(text) > len(other)


def fragment_rejection(src: str, tgt: str, ratio: float, heading: bool = False) -> str | None:
    """Why a pair of a fragment and a whole sentence is not written (None: it is). Where only the
    ends differ — one side ends a sentence (or a clause introducing what follows) and the other
    does not — the two are not the same kind of unit either (a heading or a cut sentence against a
    sentence), but the evidence is weaker (a translator may end an item differently), so the
    limit is OPEN_LENGTH_FACTOR. A side ending on a word no sentence ends on against one that ends
    its sentence (or, `heading`, in a pair of headings where it is the longer side: no heading ends
    on 'oder', and the head of another sentence is glued on) is never written, whatever the lengths."""
    for side, text, other in (("source", src, tgt), ("translation", tgt, src)):
        glued = heading and _longer(text, other, ratio if side == "source" else 1 / ratio)
        if cut_mid_sentence(text) and (closes_block(other) or glued) and not cut_mid_sentence(other):
            return f"low confidence: the {side} ends mid-sentence ('{text.split()[-1]}'), the other side ends its {'sentence' if closes_block(other) else 'heading'}"
    factor = confidence.length_factor(src, tgt, ratio)
    if factor <= FRAGMENT_LENGTH_FACTOR:
        return None
    for side, text, other in (("source", src, tgt), ("translation", tgt, src)):
        why = fragment_evidence(text, other)
        if why is not None:
            return f"low confidence: the {side} {why}, a fragment {factor:.1f}x off the other side's length"
    if factor > OPEN_LENGTH_FACTOR and closes_block(src) != closes_block(tgt):
        side = "translation" if closes_block(src) else "source"
        return f"low confidence: only the {side} ends without a stop, {factor:.1f}x off the other side's length"
    return None


def one_sided_number(src: str, tgt: str, numbers: tuple[frozenset[str], frozenset[str]]) -> str | None:
    """Why a pair one side of which opens with a section number the other lacks is not written
    (None: it is). `numbers`: the section numbers each document opens units with. Only numbers of
    two levels or more count ('3.2.2'): a lone '3' may be a list item's or a footnote's."""
    for side, text, other, known in (("source", src, tgt, numbers[1]), ("translation", tgt, src, numbers[0])):
        number = recovery.section_number(text)
        if number is not None and "." in number and number in known and recovery.section_number(other) is None and number not in other:
            return f"low confidence: the {side} opens with section {number}, which its counterpart lacks"
    return None


def numbered_differently(src: str, tgt: str) -> str | None:
    """Why a pair whose two sides open with different section numbers is not written (None: it
    is). Numbers of two levels or more only, as for one_sided_number."""
    numbers = recovery.section_number(src), recovery.section_number(tgt)
    if None in numbers or numbers[0] == numbers[1] or not all("." in n for n in numbers if n):
        return None
    return f"low confidence: sections numbered differently ({numbers[0]} / {numbers[1]})"


def _text(units: Iterable) -> str:
    return " ".join(u.text for u in units)


def document_numbers(result: Alignment) -> tuple[frozenset[str], frozenset[str]]:
    """The section numbers each document (source, translation) opens units with, written or set aside."""
    units = {"src": [u for p in result.pairs for u in p.src], "tgt": [u for p in result.pairs for u in p.tgt]}
    for a in result.unaligned:
        units[a.side].append(a.unit)
    return tuple(  # type: ignore[return-value]
        frozenset(n for n in (recovery.section_number(u.text) for u in units[side]) if n is not None) for side in ("src", "tgt")
    )


def open_last_sentence(pair: AlignedPair) -> str | None:
    """Why a pair whose source joins sentences, the last of them ending open, is not written (None:
    it is). A bead joins whole sentences; where its source's last unit ends on a plain word (no
    stop, colon, hyphen or digit: '… verwenden Sie zum Einbinden ein loop device oder Device', '…
    Systemdaten für eine unstable-Umgebung in') while the translation ends its sentence, that
    sentence goes on elsewhere, and the unit before it was put there to fill the length (in
    shuffled text often that very sentence's tail: 'Mapper-Geräte (Näheres in Abschnitt 9.7.3 …).').
    A single unit is the row above's case (OPEN_LENGTH_FACTOR); a heading may end on any word."""
    if len(pair.src) < 2 or pair.kind in HEADINGS:
        return None
    last = pair.src[-1].text.rstrip()
    if not last[-1:].isalpha() or closes_block(last) or not closes_block(_text(pair.tgt)):
        return None
    return f"low confidence: the source's last sentence ends open ('{last.split()[-1]}'), the translation ends its sentence"


def set_aside_fragments(result: Alignment) -> None:
    """Move written pairs that fail fragment_rejection, open_last_sentence, one_sided_number or
    numbered_differently to the set-aside list."""
    numbers = document_numbers(result)
    ratio = confidence.written_ratio(result.pairs)

    def why(pair: AlignedPair) -> str | None:
        src, tgt = _text(pair.src), _text(pair.tgt)
        found = fragment_rejection(src, tgt, ratio, pair.kind in HEADINGS) or open_last_sentence(pair)
        return found or one_sided_number(src, tgt, numbers) or numbered_differently(src, tgt)

    set_aside_where(result, why)


def set_aside_cut_word_ends(result: Alignment) -> int:
    """Move written pairs that fail cut_word_end to the set-aside list; returns how many. Run
    after the late recoveries: a translation unit set aside before them would be one more
    left-over home for the pieces they rejoin ('A XML documentation format.' against the tail
    'Documentation«-Format.' of 'Das ist das »Perl Online'), and a clear best would be lost."""
    return set_aside_where(result, cut_word_end)
