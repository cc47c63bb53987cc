"""Evidence for re-joining a sentence cut at a block boundary.

In the translation (in reading order) a page break is visible in the text itself; in the
shuffled source, a word hyphenated across two blocks says which blocks belong together, and
where one block alone completes a broken word, no other block goes on it (partner_evidence), and
a block opening with a list item's names and a dash, or a manual's term line, completes none
(term_evidence).
"""

from __future__ import annotations

from harness.align.blocks import PROMPT, code_line, term_named_again
from harness.align.cleaning import SUFFIXES, Evidence, hyphen_joiner
from harness.align.furniture import caption_line
from harness.align.glued import Casing, capitals_heading, opens_line
from harness.align.hyphens import PARTNER_PREFIX_MIN, cannot_go_on, ends_on_broken_word, stub_rests
from harness.align.lang import closes_block, stopwords, words
from harness.align.order import Block
from harness.align.parallel_items import same_opener
from harness.align.terms import dash_term


def page_break(head: Block, tail: Block, lang: str) -> bool:
    """In text that is in reading order, a paragraph broken at a page break goes on in lower
    case ('two per cent' / 'target.') or stops after a function word ('withdrawal from' / 'NATO'),
    but never after a sentence end or a colon, nor after a caption: a table's header row or
    cells follow it ('Table 5.1. List of network configuration tools' / 'packages popcon size'),
    nor between two blocks opening with the same lower-case word: items of a list whose terms
    are lost (parallel_items.same_opener: 'causes a version … of the package' / 'causes a …')."""
    if closes_block(head.text.text) or head.text.text.isupper() or caption_line(head.text.text):
        return False  # 'a graphical representation of this:' / diagram / 'This little bone …'; 'SEE ALSO' / 'See also'
    if same_opener(head.text.text, tail.text.text):
        return False  # 'causes a version … of the package' / 'causes a version …': two items of a list
    last = words(head.text.text)[-1:]
    ends_on_word = bool(last) and head.text.text.rstrip().endswith(last[0])  # not '… replaced by %'
    return tail.text.text[:1].islower() or (ends_on_word and last[0].lower() in stopwords(lang))


HYPHEN_EVIDENCE = 0.3


def hyphen_evidence(head: str, tail: str, ev: Evidence) -> float:
    """A word hyphenated across two blocks ('Instal-' + 'lieren') pairs them when the joined
    word is attested, and speaks against the pair when it is not ('durchg-' + 'lieren'); a capital
    after a broken syllable rules the pair out ('erstellt wer-' + 'LTSP-Server aus.'), unless the two
    read as a hyphenated compound (see hyphens.cannot_go_on)."""
    if cannot_go_on(head, tail, ev):
        return -1.0
    if not (ends_on_broken_word(head) and tail[:1].islower()):
        return 0.0
    left, right = words(head[:-1]), words(tail)
    return HYPHEN_EVIDENCE if left and right and ev.attested(left[-1] + right[0]) else -HYPHEN_EVIDENCE


def opener_evidence(head: str, tail: str, casing: Casing, lang: str) -> float:
    """A block opening with a word the document writes in lower case but at sentence starts
    ('Ein XML-Dokumentationsformat.' after the term line 'Anleitungs-XML (…)') starts a sentence:
    it cannot complete a sentence cut after a full word. Only a head ending on a function word
    or a comma, hyphen or bracket might still run on (the rule that parts lines in blocks.py);
    a function word ending a code or diagram line ('| |=head1 AUTOR | |ich') is code, no clause.
    (A heading in capitals is capitals_evidence's.)"""
    if PROMPT.match(head):
        return -1.0  # nor does a sentence go on after a command line ('$ cat .ssh/id_rsa.pub | ssh …')
    last = words(head)[-1:]
    on_function_word = bool(last) and last[0].lower() in stopwords(lang) and not code_line(head)
    if not last or on_function_word or head.rstrip().endswith(("-", ",", "(", "/", "–")):
        return 0.0
    return -1.0 if opens_line(tail, casing, lang, line_start=True) else 0.0  # a block starts a raw line


def term_evidence(tail: str, after: str = "") -> float:
    """A block opening with a list item's names and a spaced dash ('gfortran - Der GNU-Fortran-95-
    Compiler …', see terms.dash_term_lines) opens an item: it completes no cut sentence ('file -
    Dieses nützliche Programm kann den Typ' + 'gfortran - …' is two items). Nor does a manual's
    term line, a short block that the block after it in raw order (`after`) names again ('search
    regulärer_Ausdruck...' / 'search führt eine Volltextsuche …', blocks.term_named_again): '… wird
    der' + 'search regulärer_Ausdruck...' is a cut sentence and a term."""
    return -1.0 if dash_term(tail) or (after and term_named_again(tail, after)) else 0.0


def capitals_evidence(head: str, tail: str) -> float:
    """A block that reads as a heading in capitals ('SIEHE AUCH', see glued.capitals_heading: a few
    words, all capitals, no stop) neither completes a cut sentence nor is one: prose does not run
    on into or out of a line of capitals ('Eine solche manuelle Umwandlung' + 'SIEHE AUCH', or
    'SIEHE AUCH' + 'Das BibTex-Format wird …', read as one sentence)."""
    return -1.0 if capitals_heading(head) or capitals_heading(tail) else 0.0


def partner_evidence(head: int, tail: int, partners: dict[int, list[int]], completes: bool = False) -> float:
    """A word broken at a block end has one rest: where hyphen_partners found the one block that
    completes it, no other block goes on it, and that block goes on no other block unless it
    `completes` that block's broken word too ('… Code zu hal-' + 'zung durch Po4a …', the rest of
    '… Die Unterstüt-' elsewhere: 'halzung' is no word, 'Unterstützung' is). Rules the join out;
    a head or tail without a partner is judged as before (hyphen_evidence)."""
    mine = partners.get(head)
    if mine is not None:
        return 0.0 if tail in mine else -1.0
    return -1.0 if not completes and any(tail in found for found in partners.values()) else 0.0


def cut_glue(head: str, tail: str, ev: Evidence) -> tuple[int, str]:
    """How two halves of a cut sentence join: how many characters to drop from the head's end
    and what goes between; a hyphen at the cut is resolved like a line-end hyphen ('Bill Mit-' +
    'chell, …': 'Mitchell'; 'Sicherheits-' + 'und Verteidigung' keeps it)."""
    if ends_on_broken_word(head):
        left, right = words(head[:-1]), words(tail)
        if left and right:
            return 1, hyphen_joiner(left[-1], right[0], ev)
    return 0, " "


def join_cut(head: str, tail: str, ev: Evidence) -> str:
    """Two halves of a cut sentence; a hyphen at the cut is resolved like a line-end hyphen."""
    drop, glue = cut_glue(head, tail, ev)
    return head[: len(head) - drop] + glue + tail


def hyphen_partners(heads: dict[int, str], tails: dict[int, str], ev: Evidence) -> dict[int, list[int]]:
    """For blocks ending on a word broken by a hyphen ('… usw. Das Wicht-'), the blocks anywhere
    in the document that open with its attested rest ('igste für Sie ist, …': 'Wichtigste' is a
    word of the documents, in any case or with an inflection ending). In shuffled text the rest's
    block may lie far off, and anchored elsewhere, beyond the nearest blocks that are offered;
    the hyphen says which block it is (hyphen_evidence then weighs the join), where one block alone
    opens with such a rest; of several (a passage repeated in the document) it says nothing, and
    the nearest blocks are offered as before. Found through the
    sorted vocabulary (the words starting with the stub) and the tails' first words, so the work
    grows with the number of broken words, not with their product with the tails."""
    stubs = {e: words(text[:-1])[-1:] for e, text in heads.items() if ends_on_broken_word(text)}
    stubs = {e: w[0] for e, w in stubs.items() if w and len(w[0]) >= PARTNER_PREFIX_MIN}
    if not stubs:
        return {}
    by_first: dict[str, list[int]] = {}
    for s, text in tails.items():
        first = words(text)[:1]
        if first and text[:1].islower():
            by_first.setdefault(first[0], []).append(s)
    vocabulary = ev.vocabulary  # the words starting with a stub are a range of it
    found: dict[int, list[int]] = {}
    for e, stub in stubs.items():
        rests = stub_rests(stub, vocabulary) - set(SUFFIXES)  # 'es' is no rest: the stub itself is a token ('kryp' + 'es')
        partners = sorted(s for rest in rests for s in by_first.get(rest, ()) if s != e and ev.attested(stub + rest))
        if len(partners) == 1:  # several blocks open with a rest (a repeated passage): the hyphen does not say which
            found[e] = partners
    return found

