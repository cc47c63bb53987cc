"""Words broken by a syllable hyphen at a line end, and where their rest may be found.

In text in reading order the next line completes a word broken at a line end ('Instal-' /
'lieren'). Where it does not, and the document holds the word's rest at the start of another
line, the two lines were not consecutive: a block of the source ended there (shuffled or
interleaved blocks that no blank line parts). A block opening with the one rest of a word broken
at another block's end is that block's tail (orphaned_rests): no heading, nor a heading's rest.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

from harness.align.cleaning import SUFFIXES, Evidence
from harness.align.lang import words

PARTNER_PREFIX_MIN = 3  # letters before the hyphen: a shorter stub ('a-') starts too many words
PARTNERS_MAX = 40  # document words looked at per broken word


def ends_on_broken_word(text: str) -> bool:
    """Whether `text` ends on a letter and a hyphen: a word broken at a line end ('… Das Wicht-'),
    or the first part of a suspended compound ('Start-' / 'und Endpunkt')."""
    return text.endswith("-") and text[-2:-1].isalpha()


@lru_cache(maxsize=1 << 16)
def broken_stub(line: str) -> str:
    """The letters before a syllable hyphen ending `line` ('… zu hal-' -> 'hal'), or ''."""
    line = line.rstrip()
    if not ends_on_broken_word(line):
        return ""
    stub = [w.rsplit("-", 1)[-1] for w in words(line[:-1])[-1:]]  # 'E-Mail-Adres-' -> 'Adres'
    return stub[0] if stub and len(stub[0]) >= PARTNER_PREFIX_MIN and stub[0].isalpha() else ""


def stub_rests(stub: str, vocabulary: list[str]) -> set[str]:
    """The rests (with inflection endings) that complete `stub` to a word of the sorted
    lower-case `vocabulary` ('wer' -> 'den', 'des', 'kzeug', …); found as the vocabulary's
    range of words starting with the stub, so the work is per broken word."""
    low = stub.lower()
    start = bisect.bisect_left(vocabulary, low)
    rests: set[str] = set()
    for word in vocabulary[start : start + PARTNERS_MAX]:
        if not word.startswith(low):
            break
        rests.update(word[len(low) :] + suffix for suffix in SUFFIXES)
    return rests


def _completes(stub: str, first: str, ev: Evidence) -> bool:
    """Whether `first`, the next line's first word, may go on the word broken after `stub`:
    the joined word is attested ('wer' + 'den'), or the compound with its hyphen ('Debian-Paket');
    a frequent word of its own after a lower-case line start may follow a suspended compound
    ('Ein-' / 'und Ausgabe'); a capitalised word may open the second part of a compound whose
    capitalised first part is a word of its own, found elsewhere in either document ('Debian-' /
    'Paket'), not after a capitalised stub that is no word ('Prog-' / 'Personen'). After a
    lower-case stub ('dpkg-' / 'Datenbank', 'wer-' / 'Alle') only the orphaned rest elsewhere
    decides (see hyphen_cuts)."""
    if ev.attested(stub + first.lower()) or f"{stub}-{first}".lower() in ev.lower:
        return True
    if first[:1].islower():
        return True  # the document's vocabulary rarely holds a word it only ever breaks ('vorzutäu-' / 'schen')
    return stub[:1].isupper() and _word_of_its_own(stub, ev)


def _joins(stub: str, first: str, ev: Evidence) -> bool:
    """Whether `first` completes `stub` to a word of the documents, or to a hyphenated compound."""
    return ev.attested(stub + first.lower()) or f"{stub}-{first}".lower() in ev.lower


def _word_of_its_own(stub: str, ev: Evidence) -> bool:
    """Whether the document has `stub` elsewhere than here, broken (or the other document has it)."""
    return ev.counts[stub] >= 2 or stub in ev.foreign


def cannot_go_on(head: str, tail: str, ev: Evidence) -> bool:
    """Whether `tail` cannot go on a word broken by a syllable hyphen at the end of `head`: it
    opens with a capital that does not read as a compound's second part ('… erstellt wer-' +
    'LTSP-Server aus.'; see _completes), or with no letter at all ('… des Prog-' + '|=head1
    BESCHREIBUNG'), unless the stub is a word of its own ('Kernel-' + '2.6'). A broken word's
    rest opens with a lower-case letter."""
    stub, opener = broken_stub(head), tail.strip()[:1]
    if not stub or not opener or opener.islower():
        return False
    first = words(tail)[:1]
    if opener.isalpha() and first:
        return not _completes(stub, first[0], ev)
    return not _word_of_its_own(stub, ev)


def _rest_of(line: str, first: str, ev: Evidence) -> bool:
    """Whether `first` completes a word broken by a syllable hyphen at the end of `line`."""
    stub = broken_stub(line)
    return bool(stub) and ev.attested(stub + first.lower())


def hyphen_cuts(lines: list[str], ev: Evidence, passed: frozenset[int] = frozenset()) -> frozenset[int]:
    """1-based lines that cannot go on the word broken by a syllable hyphen at the end of the
    line above ('Weitere Verzeichnisse können bei Bedarf erstellt wer-' / 'Alle
    Benutzerinformationen …'; '… des Prog-' / 'Personen nutzlos.'): neither the joined word nor
    the hyphenated compound is a word of the documents (see _completes), while another line of
    the document opens with a rest that does complete an attested word ('den, um …': 'werden').
    A typesetter breaks a word only where its rest follows on the next line, so the two lines
    were not consecutive: a block ended after the broken word, and the hyphen partner joins
    (joins.hyphen_partners) can then find its rest. Without such a rest elsewhere nothing is
    cut: the line may be a compound or name the documents do not attest. Only an orphaned rest
    counts: a lower-case line not completing a word broken on the line above it ('… wer-' /
    'den, um …' is a rest in place, which says nothing of other lines). `passed` (1-based)
    lines are passed over, as the reading does (a running header inside a sentence). Across a
    passed-over line a lower-case line must complete the word to go on it ('… Code zu hal-' /
    running header / 'zung durch Po4a …': 'halzung' is no word, and 'ten, indem …' opens a line
    elsewhere, 'halten' being a word of the documents or the dictionary): the layout bridged the
    header only because the next line opened in lower case, which a shuffled block's tail does too."""
    kept = [k for k in range(len(lines)) if k + 1 not in passed]
    above = dict(zip(kept[1:], kept))  # each line's line above, passed-over lines left out
    broken: dict[int, str] = {}
    bridged: dict[int, str] = {}
    glued: set[int] = set()  # lines opening with a function word after a broken word (see function_word_after)
    for k, after in zip(kept, kept[1:]):
        stub, first = broken_stub(lines[k]), words(lines[after])[:1]
        if stub and first and lines[after].strip()[:1].isalpha() and not _completes(stub, first[0], ev):
            broken[after] = stub
        elif stub and first and lines[after].strip()[:1].islower() and function_word_after(stub, first[0], ev):
            glued.add(after + 1)
        elif k + 1 != after and stub and first and lines[after].strip()[:1].islower() and not _joins(stub, first[0], ev):
            bridged[after] = stub  # across a passed-over line: 'zu hal-' / running header / 'zung durch …'
    if not broken and not bridged:
        return frozenset(glued)
    openers: dict[str, set[int]] = {}  # first words of orphaned lower-case lines, by line
    for k in kept:
        first = words(lines[k])[:1]
        if first and lines[k].strip()[:1].islower() and not (k in above and lines[above[k]].rstrip().endswith("-")):
            openers.setdefault(first[0], set()).add(k)
    vocabulary = ev.vocabulary
    found = set()
    for after, stub in broken.items():
        rests = stub_rests(stub, vocabulary)
        rests -= set(SUFFIXES)  # the stub itself is a token of the document (its broken form): no rest
        if any(ev.attested(stub + rest) and openers.get(rest, set()) - {after} for rest in rests):
            found.add(after + 1)
    for after, stub in bridged.items():  # the rest may make a word only the dictionary knows ('hal-' / 'ten': 'halten')
        if any(first not in SUFFIXES and ev.attested(stub + first) for first, at in openers.items() if at - {after}):
            found.add(after + 1)
    return frozenset(found | glued)


#: Function words that go on a suspended compound ('Ein-' / 'und Ausgabe', 'Vor-' / 'oder Nachteil').
SUSPENDED_LINKS = frozenset({"und", "oder", "sowie", "bzw", "bis", "als", "and", "or", "to"})
FUNCTION_REST_MIN = 4  # letters of a function word that cannot be a broken word's rest ('den' may: 'wer-' / 'den')


def function_word_after(stub: str, first: str, ev: Evidence) -> bool:
    """Whether the line after a word broken at `stub` opens with a function word of
    FUNCTION_REST_MIN letters or more that does not complete it ('… leitet „\\“ Maskier-' /
    'werden von dpkg-query …'): no rest of a broken word is a word such as 'werden' or 'diese'
    on its own, and a suspended compound goes on with a conjunction (SUSPENDED_LINKS). The two
    lines were not consecutive: a block ended after the broken word, whose rest is elsewhere. A
    zu-infinitive goes on with a verb, and 'werden', 'sein' and 'haben' are verbs too ('um
    jegliche Pieptöne loszu-' / 'werden, aber …'), so a stub ending in 'zu' is passed over."""
    low = first.lower()
    if stub.lower().endswith("zu"):
        return False  # a zu-infinitive: 'loszu-' / 'werden' is 'loszuwerden', whatever the vocabulary
    return len(low) >= FUNCTION_REST_MIN and low in ev.function_words and low not in SUSPENDED_LINKS and not _joins(stub, first, ev)


def orphaned_rests(lines: list[str], ev: Evidence, passed: frozenset[int] = frozenset()) -> frozenset[int]:
    """1-based lines opening a block (after a blank line) in lower case whose first word is the
    rest of a word broken by a syllable hyphen at the end of another block ('… Bill Mit-' / blank /
    … / blank / 'chell, erinnert sich, …': 'Mitchell' is a word of the documents), where that one
    line alone completes it. Such a line is the broken block's tail, cut off and moved by the
    shuffle: it neither goes on a short block before it read as a heading ('… das eigentliche' +
    'chell, …', see blocks.read_pieces) nor is a heading of its own, so the hyphen partner joins
    (joins.hyphen_partners) can find it. A rest in place ('wer-' / 'den') is no block start, and
    of several lines completing one broken word (a repeated passage) none is marked. Each broken
    word is tried against the block-opening lines, not the vocabulary: the joined word may be a
    name only the translation spells whole."""
    kept = [k for k in range(len(lines)) if k + 1 not in passed]
    stubs: dict[int, str] = {}  # block-ending lines (blank after) that end on a broken word
    openers: dict[str, list[int]] = {}  # first words of lower-case lines opening a block
    for n, k in enumerate(kept):
        blank_after = n + 1 < len(kept) and not lines[kept[n + 1]].strip()
        blank_before = n > 0 and not lines[kept[n - 1]].strip()
        stub, first = broken_stub(lines[k]), words(lines[k])[:1]
        if stub and blank_after:
            stubs[k] = stub
        if blank_before and first and lines[k].strip()[:1].islower():
            openers.setdefault(first[0], []).append(k)
    if not stubs or not openers:
        return frozenset()
    found: set[int] = set()
    for k, stub in stubs.items():  # the joined word may be a name only the translation spells whole ('Mitchell')
        tails = sorted(t for first, ts in openers.items() if first not in SUFFIXES and ev.attested(stub + first) for t in ts if t != k)
        if len(tails) == 1:
            found.add(tails[0] + 1)
    return frozenset(found)
