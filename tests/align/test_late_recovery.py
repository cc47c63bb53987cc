"""The second recovery after the set-aside passes (harness.align.late_recovery). Inputs are
sentences the builder left over on both sides on the PDF-like path of the corpus and held-out
sets (edu-architecture, manifesto, dref-network, kicad-pl-editor)."""

from __future__ import annotations

from harness.align import confidence, late_recovery, quote_twins, recovery
from harness.align.cleaning import evidence_from
from harness.align.dictionary import Dictionary
from harness.align.model import AlignedPair, Alignment, SetAside, Unit
from harness.align.pipeline import build
from harness.align.similarity import LexicalScorer

NFS = ("Das Root-Dateisystem des Clients wird mittels NFS bereitgestellt.", "The client root filesystem is provided using NFS.")
HOWTO = (
    "Dies lässt sich ändern; Einzelheiten dazu gibt es im entsprechenden HowTo-Kapitel.",
    "This is designed to be modified; for details, see the related HowTo chapter.",
)
WORDS = Dictionary({"bereitgestellt": ("provided",), "ändern": ("modify",), "einzelheiten": ("details",)})


def _left_over(*pairs: tuple[str, str]) -> Alignment:
    """A written pair, then each of `pairs` set aside on both sides, as the builder leaves them."""
    written = AlignedPair((Unit("Debian ist ein freies Betriebssystem.", "1", "body"),), (Unit("Debian is a free operating system.", "1", "body"),), "body", 0.8)
    result = Alignment([written], [])
    for k, (de, en) in enumerate(pairs):
        result.unaligned.append(SetAside("src", Unit(de, str(10 + k), "body"), "body: no counterpart in the translation", unplaced=True))
        result.unaligned.append(SetAside("tgt", Unit(en, str(10 + k), "body"), "body: low confidence: similarity 0.12 < 0.30", unplaced=True))
    return result


def test_whole_sentences_below_recovers_floor_pair_after_the_set_aside_passes() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    scores = [scorer.fit([de], [en]).sim(0, 1, 0, 1) for de, en in (NFS, HOWTO)]
    assert [round(s, 3) for s in scores] == [0.545, 0.462]  # both between LOW_SCORE and recover's floor
    assert recovery.recover(_left_over(NFS, HOWTO), scorer) == 0
    result = _left_over(NFS, HOWTO)
    assert late_recovery.recover_set_aside(result, scorer) == 2
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs[1:]] == [NFS, HOWTO]
    assert result.unaligned == []


# man-po4a, web: a free translation whose words match modestly, whose two names match exactly
BIBTEX = (
    "Das BibTex-Format wird zusammen mit LaTex zur Formatierung von Fundstellen verwandt.",
    "The BibTex format is used alongside LaTex for formatting lists of references (bibliographies).",
)


def test_a_pair_sharing_every_name_the_source_copies_needs_only_the_floor_of_an_ordered_pair() -> None:
    scorer = LexicalScorer("de", "en", Dictionary({}))
    assert round(scorer.fit([BIBTEX[0]], [BIBTEX[1]]).sim(0, 1, 0, 1), 3) == 0.429  # under LOW_SCORE
    assert late_recovery.shares_names(*BIBTEX, "de")
    assert late_recovery.recover_set_aside(_left_over(BIBTEX), scorer) == 0  # without the language: no names read
    result = _left_over(BIBTEX)
    assert late_recovery.recover_set_aside(result, scorer, lang="de") == 1
    assert (result.pairs[1].src[0].text, result.pairs[1].tgt[0].text) == BIBTEX


def test_sharing_names_needs_two_and_none_missing() -> None:
    assert not late_recovery.shares_names("Das BibTex-Format wird zur Formatierung verwandt.", BIBTEX[1], "de")  # one name
    assert not late_recovery.shares_names(BIBTEX[0].replace("LaTex", "LaTex und ConTeXt"), BIBTEX[1], "de")  # one missing
    assert not late_recovery.shares_names(BIBTEX[0], "The BibTex format is used for formatting lists of references.", "de")


def test_no_late_pair_for_a_short_unit_a_fragment_or_a_pair_the_last_check_refused() -> None:
    short = ("Welche eine Begrenzungsbox bilden.", "Formats symbols are:")  # 0.5 on two dictionary senses
    scorer = LexicalScorer("de", "en", Dictionary({"bilden": ("formats",), "welche": ("symbols",)}))
    assert 0.45 <= scorer.fit([short[0]], [short[1]]).sim(0, 1, 0, 1) < recovery.MIN_SCORE
    assert late_recovery.recover_set_aside(_left_over(short), scorer, dictionary=True) == 0
    # a block cut mid-sentence: set_aside_fragments refused it, so this pass does not write it back
    cut = (
        "Hier eine Tabelle zur Gegenüberstellung von veralteten net-tools-Befehlen und neuen iproute2- und",
        "Here is a translation table from obsolete net-tools commands to new iproute2 etc. commands.",
    )
    table = LexicalScorer("de", "en", Dictionary({"tabelle": ("table",), "veralteten": ("obsolete",), "befehlen": ("commands",)}))
    assert table.fit([cut[0]], [cut[1]]).sim(0, 1, 0, 1) >= recovery.MIN_SCORE
    assert late_recovery.recover_set_aside(_left_over(cut), table) == 0
    assert late_recovery.recover_set_aside(_left_over(NFS), LexicalScorer("de", "en", WORDS)) == 1


def test_whole_sentences_needs_a_sentence_on_both_sides_of_at_most_two_sentences_length() -> None:
    scorer = LexicalScorer("de", "en", WORDS)

    def whole(de: str, en: str) -> bool:
        return late_recovery.whole_sentences(Unit(de, "1", "body"), Unit(en, "2", "body"), scorer)

    assert whole(*NFS)
    assert not whole("mittels NFS bereitgestellt.", NFS[1])  # the tail of a cut sentence
    assert not whole("Das Root-Dateisystem des Clients wird mittels", NFS[1])  # its head
    assert not whole(NFS[0], "The client root filesystem is provided")
    # the tail of a sentence cut after an address: its first word opens in lower case
    address = ('"192.168.11.1" erreichbar ist, enthält sie Folgendes:', 'If the DNS is found at IP="192.168.11.1", it contains the following.')
    assert late_recovery.opens_mid_clause(*address) and not whole(*address)
    # a copied command opens in lower case in both languages
    assert not late_recovery.opens_mid_clause("dm-crypt ermöglicht eine Verschlüsselung.", "Dm-crypt facilitates encryption.")
    assert not late_recovery.opens_mid_clause("depends zeigt eine Liste.", "depends shows a listing.")
    assert late_recovery.opens_mid_clause("mittels NFS bereitgestellt.", NFS[1])
    assert late_recovery.opens_mid_clause("ein System.", "There is a system.")  # 'ein' is no word of the other side, 'e' and 'a' are letters of it
    # a block cut without a blank line: its head glued to another sentence, no seam to see
    glued = (
        "Offensichtlich muss etwas getan werden, um diesen Missstand von Debian wird vielleicht nicht die Antwort auf die Probleme "
        "sein, die ich innerhalb des Manifests skizziert habe, aber ich hoffe, dass es zumindest genug Aufmerksamkeit auf sich "
        "ziehen wird, um diese Probleme schlussendlich zu lösen."
    )
    assert len(glued.split()) > late_recovery.LONG_WORDS
    assert not whole(glued, "The development and distribution of Debian may not be the answer to the problems that I have outlined.")


CRYPT_WORDS = Dictionary(
    {"automatische": ("automatic",), "datenverschlüsselung": ("data", "encryption"), "minimalem": ("minimal",), "aufwand": ("efforts",),
     "benutzer": ("user",), "ermöglicht": ("facilitates",)}
)
CRYPT_HEAD = "dm-crypt ermöglicht eine automatische Datenverschlüsselung über native"  # a block cut mid-sentence (dref-tips, PDF-like)
CRYPT_TAIL = "Linux-Kernel-Module mittels device-mapper bei minimalem Aufwand für den Benutzer."  # its tail, in a block moved elsewhere
CRYPT_EN = "Dm-crypt facilitates automatic data encryption via native Linux kernel modules with minimal user efforts using device-mapper."


def _pieces_left_over(src_texts: list[str], tgt_texts: list[str]) -> Alignment:
    result = Alignment([], [])
    result.unaligned += [SetAside("src", Unit(t, str(40 - 10 * k), "body", k), "body: no counterpart in the translation") for k, t in enumerate(src_texts)]
    result.unaligned += [SetAside("tgt", Unit(t, str(5 + k), "body"), "body: no counterpart in the source") for k, t in enumerate(tgt_texts)]
    return result


def test_a_cut_sentences_head_and_tail_pair_with_the_translation_that_covers_both() -> None:
    scorer = LexicalScorer("de", "en", CRYPT_WORDS)
    assert [round(scorer.fit([t], [CRYPT_EN]).sim(0, 1, 0, 1), 3) for t in (CRYPT_HEAD, CRYPT_TAIL)] == [0.6, 0.476]
    result = _pieces_left_over([CRYPT_TAIL, "Tabelle 9.25. Liste von Werkzeugen zur Datenverschlüsselung", CRYPT_HEAD], [CRYPT_EN])
    assert late_recovery.rejoin_cut_sentences(result, scorer) == 1
    [pair] = result.pairs
    assert [u.text for u in pair.src] == [CRYPT_HEAD, CRYPT_TAIL] and pair.tgt[0].text == CRYPT_EN  # the head first, whatever the raw order
    assert round(pair.score, 3) == 0.846
    assert [a.unit.text for a in result.unaligned] == ["Tabelle 9.25. Liste von Werkzeugen zur Datenverschlüsselung"]


def test_no_rejoin_without_a_head_a_closing_tail_or_a_join_clearly_better_than_a_piece() -> None:
    scorer = LexicalScorer("de", "en", CRYPT_WORDS)
    # the head alone: nothing to join
    assert late_recovery.rejoin_cut_sentences(_pieces_left_over([CRYPT_HEAD], [CRYPT_EN]), scorer) == 0
    # a 'tail' that does not close a sentence is no tail
    assert late_recovery.rejoin_cut_sentences(_pieces_left_over([CRYPT_HEAD, CRYPT_TAIL.rstrip(".")], [CRYPT_EN]), scorer) == 0
    # a head ending on a broken word is left to the reader's hyphenation rules
    broken = "dm-crypt ermöglicht eine automatische Daten-"
    assert late_recovery.rejoin_cut_sentences(_pieces_left_over([broken, "verschlüsselung über native " + CRYPT_TAIL], [CRYPT_EN]), scorer) == 0
    # a tail that adds too little to what the head matches alone (0.696 against 0.6): no evidence for the join
    weak = "Linux-Kernel-Module mittels device-mapper."
    assert round(scorer.fit([CRYPT_HEAD + " " + weak], [CRYPT_EN]).sim(0, 1, 0, 1), 3) == 0.696
    assert late_recovery.rejoin_cut_sentences(_pieces_left_over([CRYPT_HEAD, weak], [CRYPT_EN]), scorer) == 0


def test_a_head_ending_on_a_broken_word_joins_its_tail_as_the_reader_joins_hyphenation() -> None:
    """With the document's evidence (pipeline's src_ev) the broken word is rejoined ('Daten-' +
    'verschlüsselung', a word of the document) and written as one unit."""
    scorer = LexicalScorer("de", "en", CRYPT_WORDS)
    ev = evidence_from(f"{CRYPT_HEAD} {CRYPT_TAIL}")
    broken, rest = "dm-crypt ermöglicht eine automatische Daten-", "verschlüsselung über native " + CRYPT_TAIL
    result = _pieces_left_over([rest, broken], [CRYPT_EN])
    assert late_recovery.rejoin_cut_sentences(result, scorer, ev) == 1
    [pair] = result.pairs
    assert [(u.text, u.lines) for u in pair.src] == [(f"{CRYPT_HEAD} {CRYPT_TAIL}", "30,40")] and pair.tgt[0].text == CRYPT_EN
    assert result.unaligned == []
    # a capital after the broken syllable: no word goes on there, no join
    capital = "Verschlüsselung über native " + CRYPT_TAIL
    assert late_recovery.rejoin_cut_sentences(_pieces_left_over([capital, broken], [CRYPT_EN]), scorer, ev) == 0


DEBUG = ("Ausgabe von Debug-Informationen", "Print debugging information.")  # man(1), held-out set 1, scrambled
MENTORS = (  # maint-guide-start, scrambled: a list item ending with a comma, its counterpart one of two sentences
    "debian-mentors@lists.debian.org-Mailingliste (eine Mailingliste für Anfänger),",
    "debian-mentors@lists.debian.org mailing list.",
)
ITEM_WORDS = Dictionary({"ausgabe": ("print",), "mailingliste": ("mailing", "list")})


def test_a_unit_the_alignment_left_over_need_not_end_a_sentence_at_recovers_own_floor() -> None:
    """Left over by the alignment itself, not by a pass that took it out of a pair, a list item or
    an option's description is as whole as it was read, with or without a stop: at recover's own
    floor only the stop is not asked for (recover declined it for a rival since paired elsewhere)."""
    scorer = LexicalScorer("de", "en", ITEM_WORDS)
    for de, en in (DEBUG, MENTORS):
        assert scorer.fit([de], [en]).sim(0, 1, 0, 1) >= recovery.MIN_SCORE
        assert not late_recovery.whole_sentences(Unit(de, "1", "body"), Unit(en, "2", "body"), scorer)
        result = _left_over((de, en))
        assert late_recovery.recover_set_aside(result, scorer) == 1
        assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs[1:]] == [(de, en)]


def test_a_unit_a_later_pass_set_aside_must_still_end_a_sentence() -> None:
    scorer = LexicalScorer("de", "en", ITEM_WORDS)
    for reason in ("body: low confidence: the source ends mid-sentence ('und'), the other side ends its sentence", "body: a glued piece whose home is elsewhere"):
        result = _left_over(DEBUG)
        result.unaligned[0] = SetAside("src", result.unaligned[0].unit, reason)
        assert late_recovery.recover_set_aside(result, scorer) == 0
    # below recover's floor the stop is asked of every unit
    weak = LexicalScorer("de", "en", Dictionary({}))
    assert weak.fit([DEBUG[0]], [DEBUG[1]]).sim(0, 1, 0, 1) < recovery.MIN_SCORE
    assert late_recovery.recover_set_aside(_left_over(DEBUG), weak) == 0


def test_the_alignment_marks_what_it_left_over_itself_and_a_later_pass_does_not() -> None:
    """SetAside.unplaced, read by first_pass_leftovers: a sentence with no counterpart, and a bead
    under the similarity floor, are left over by the alignment itself."""
    ding = Dictionary({"haus": ("house",), "rot": ("red",), "garten": ("garden",), "groß": ("large",), "hund": ("dog",), "schläft": ("sleeps",)})
    for de, en, reasons in (
        (
            "Das Haus ist rot.\n\nDer Garten ist groß.\n\nDer Hund schläft im Garten.\n\nMorgen regnet es vielleicht wieder.",
            "The house is red.\n\nThe garden is large.\n\nThe dog sleeps in the garden.",
            [("src", "body: no counterpart in the translation")],
        ),
        (  # between two pairs, sharing nothing: a bead under the floor
            "Das Haus ist rot.\n\nDer Garten ist groß.\n\nMorgen regnet es vielleicht wieder im Garten hinter dem Haus.\n\nDer Hund schläft im Garten.",
            "The house is red.\n\nThe garden is large.\n\nPerhaps tomorrow brings showers over all the fields of the region.\n\nThe dog sleeps in the garden.",
            [("src", "body: low confidence: similarity"), ("tgt", "body: low confidence: similarity")],
        ),
    ):
        result = build(de, en, "de", "en", LexicalScorer("de", "en", ding), ding)
        assert len(result.pairs) == 3
        assert [(a.side, a.reason[: len(why)]) for a, (_, why) in zip(result.unaligned, reasons)] == reasons
        assert len(result.unaligned) == len(reasons)
        assert all(a.unplaced and a.whole for a in result.unaligned)
        assert late_recovery.first_pass_leftovers(result) == {(a.side, a.unit) for a in result.unaligned}
    aside = SetAside("src", Unit("Der Garten ist groß.", "3", "body"), "body: a glued piece whose home is elsewhere", whole=False)
    assert late_recovery.first_pass_leftovers(Alignment([], [aside])) == frozenset()


# dref-network, held-out set 1, PDF-like: a block cut after 'und' and its rest opening a block further on
TABLE_WORDS = Dictionary(
    {"tabelle": ("table",), "veralteten": ("obsolete",), "befehlen": ("commands",), "neuen": ("new",), "gegenüberstellung": ("comparison",), "hier": ("here",)}
)
TABLE_HEAD = "Hier eine Tabelle zur Gegenüberstellung von veralteten net-tools-Befehlen und neuen iproute2- und"
TABLE_TAIL = "anderen Befehlen."
TABLE_EN = "Here is a translation table from obsolete net-tools commands to new iproute2 etc. commands."
TABLE_OTHER = "Dies ermöglicht eine moderne Netzwerkkonfiguration auch ohne grafische Oberfläche."
TABLE_RAW = [
    "werkkonfiguration. Hier eine Tabelle zur",
    "Gegenüberstellung von veralteten",
    "net-tools-Befehlen und neuen iproute2- und",
    "",
    "Dies ermöglicht eine moderne",
    "Netzwerkkonfiguration auch ohne grafische",
    "Oberfläche.",
    "",
    "anderen Befehlen.",
    "Tabelle 5.3. Gegenüberstellung von net-tools-",
]


def _cut_table(*more: tuple[str, str]) -> Alignment:
    src = [(TABLE_HEAD, "1-3"), (TABLE_OTHER, "5-7"), (TABLE_TAIL, "9"), *more]
    result = Alignment([], [SetAside("src", Unit(t, lines, "body", k), "body: no counterpart in the translation") for k, (t, lines) in enumerate(src)])
    result.unaligned += [SetAside("tgt", Unit(TABLE_EN, "30", "body"), "body: no counterpart in the source")]
    return result


def test_a_head_cut_mid_sentence_joins_the_one_block_opening_tail_its_translation_covers() -> None:
    """The head alone matches the translation better (0.875) than joined (0.778), so no join beats
    it; it ends on 'und' at a block's end, and the one left-over tail opening a block whose words
    the translation holds ('Befehlen': 'commands') is its rest (late_recovery.mid_sentence_tails)."""
    scorer = LexicalScorer("de", "en", TABLE_WORDS)
    ps = scorer.fit([TABLE_HEAD, TABLE_HEAD + " " + TABLE_TAIL], [TABLE_EN] * 2)
    assert [round(ps.sim(k, 1, k, 1), 3) for k in range(2)] == [0.875, 0.778]
    assert late_recovery.rejoin_cut_sentences(_cut_table(), scorer) == 0  # without the raw lines: the join is no better than the head
    result = _cut_table()
    assert late_recovery.rejoin_cut_sentences(result, scorer, None, TABLE_RAW) == 1
    [pair] = result.pairs
    assert [u.text for u in pair.src] == [TABLE_HEAD, TABLE_TAIL] and pair.tgt[0].text == TABLE_EN
    assert [a.unit.text for a in result.unaligned] == [TABLE_OTHER]


def test_no_mid_sentence_join_without_block_ends_or_with_two_covered_tails() -> None:
    scorer = LexicalScorer("de", "en", TABLE_WORDS)
    # the tail's line goes on a line above it: a piece a sentence split, not a moved block's rest
    glued = TABLE_RAW[:7] + ["Oberfläche. Dazu"] + TABLE_RAW[8:]
    assert late_recovery.rejoin_cut_sentences(_cut_table(), scorer, None, glued) == 0
    # the head's line goes on below it: the head ends no block
    going_on = TABLE_RAW[:3] + ["Tabelle 5.3."] + TABLE_RAW[4:]
    assert late_recovery.rejoin_cut_sentences(_cut_table(), scorer, None, going_on) == 0
    # a second block-opening tail the translation covers: the translation does not say which
    second = TABLE_RAW + ["", "neuen Befehlen."]
    assert late_recovery.rejoin_cut_sentences(_cut_table(("neuen Befehlen.", "12")), scorer, None, second) == 0


# dref-tips, held-out set 2, PDF-like: two heads cut mid-sentence; the rest of one is covered by both translations
DISK_WORDS = Dictionary(
    {"festplatte": ("hard", "disk"), "schreiben": ("write",), "lesen": ("read",), "dateien": ("files",), "werkzeuge": ("tools",),
     "überwachen": ("monitor",), "protokollieren": ("log",), "eingebunden": ("mounting",), "kompatibel": ("compliant",)}
)
DISK = (
    ("Sie können Ihre Festplatte mit dem smartd(8)-Daemon überwachen und protokollieren, sofern diese mit dem", "1-3"),
    ("SMART-Standard kompatibel ist:", "5"),
    ("schreiben, ohne dass die Festplatte dazu eingebunden werden muss:", "7-8"),
    ("Diese Werkzeuge können Dateien lesen und", "10"),
)
DISK_RAW = [
    "Sie können Ihre Festplatte mit dem", "smartd(8)-Daemon überwachen und", "protokollieren, sofern diese mit dem", "",
    "SMART-Standard kompatibel ist:", "",
    "schreiben, ohne dass die Festplatte dazu ein-", "gebunden werden muss:", "",
    "Diese Werkzeuge können Dateien lesen und", "",
]
DISK_EN = ("You can monitor and log your hard disk which is compliant to SMART with the smartd(8) daemon.", "There are tools to read and write files without mounting disk.")


def test_a_tail_that_is_another_heads_one_covered_tail_is_not_this_heads() -> None:
    """'schreiben, ohne dass die Festplatte …' shares 'Festplatte' with the smartd sentence (over half
    its words by containment), but it is the one covered tail of '… lesen und': taken there, it
    leaves 'SMART-Standard kompatibel ist:' the smartd head's one tail."""
    scorer = LexicalScorer("de", "en", DISK_WORDS)
    loop = ("Jetzt kann das loop device bis zu 16 Partitionen verwalten.", "Now the loop device can manage up to 16 partitions.")  # the document's length ratio
    written = AlignedPair((Unit(loop[0], "40", "body"),), (Unit(loop[1], "40", "body"),), "body", 0.8)
    result = Alignment([written], [SetAside("src", Unit(t, lines, "body", k), "body: no counterpart in the translation") for k, (t, lines) in enumerate(DISK)])
    result.unaligned += [SetAside("tgt", Unit(t, str(30 + k), "body"), "body: no counterpart in the source") for k, t in enumerate(DISK_EN)]
    assert late_recovery.rejoin_cut_sentences(result, scorer, None, DISK_RAW) == 2
    assert sorted((tuple(u.text for u in p.src), p.tgt[0].text) for p in result.pairs if p is not written) == [
        ((DISK[3][0], DISK[2][0]), DISK_EN[1]),
        ((DISK[0][0], DISK[1][0]), DISK_EN[0]),
    ]


def test_short_units_that_end_on_the_same_mark_pair_at_the_late_floor() -> None:
    """Short sentences of a manual, each a block of its own that a shuffle stranded (kicad-pl-editor,
    scrambled path): one shared word each, but both lead in with a colon or both end on a stop."""
    example = ("Hierzu ein Beispiel:", "Here is an example:")
    lines = ("Texte können mehrzeilig sein.", "Texts can be multi-line.")
    scorer = LexicalScorer("de", "en", Dictionary({"beispiel": ("example",), "texte": ("texts",)}))
    for de, en in (example, lines):
        assert late_recovery.LOW_SCORE <= scorer.fit([de], [en]).sim(0, 1, 0, 1) < recovery.MIN_SCORE
    assert recovery.recover(_left_over(example, lines), scorer) == 0
    assert late_recovery.recover_set_aside(_left_over(example, lines), scorer) == 0  # no real dictionary: no evidence
    result = _left_over(example, lines)
    assert late_recovery.recover_set_aside(result, scorer, dictionary=True) == 2
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs[1:]] == [example, lines]


def test_same_end_reads_the_last_mark_past_a_footnote_number() -> None:
    assert late_recovery.same_end("Hierzu ein Beispiel:", "Here is an example:")
    assert late_recovery.same_end("Im Dialog können keine mehrzeiligen Texte eingegeben werden.7", "Text controls do not accept a multi-line text.")
    assert late_recovery.same_end("Warum?", "Why?")
    assert not late_recovery.same_end("Welche eine Begrenzungsbox bilden.", "Formats symbols are:")  # a statement, a lead-in
    assert not late_recovery.same_end("%F = Name der Datei", "%F = filename")  # no mark: nothing to agree on
    assert not late_recovery.same_end("Siehe Version 1.2", "See version 1.")  # a decimal's point ends no sentence


def _quote_left_over(de: str, en: str) -> Alignment:
    """A written pair; `de` left over as body text, `en` set aside as a pull quote without counterpart."""
    written = AlignedPair((Unit("Debian ist ein freies Betriebssystem.", "1", "body"),), (Unit("Debian is a free operating system.", "1", "body"),), "body", 0.8)
    return Alignment(
        [written],
        [
            SetAside("src", Unit(de, "10", "heading"), "body: no counterpart in the translation", unplaced=True),
            SetAside("tgt", Unit(en, "10", "pullquote"), recovery.PULL_QUOTE_LEFT),
        ],
    )


def test_a_one_sided_pull_quote_pairs_with_a_left_over_at_recovers_floor() -> None:
    """dref-tips, scrambled path: the translation's lead-in to an example was read as a pull quote
    (two sentences before it name crontab(5) and a crontab(5) file), its source stayed body text;
    the two were left over on different lists, and recovery saw only the main text's."""
    crontab = ("Hier ein Beispiel einer crontab(5)-Datei:", "Here is an example of a crontab(5) file.")
    scorer = LexicalScorer("de", "en", Dictionary({"beispiel": ("example",), "datei": ("file",)}))
    assert scorer.fit([crontab[0]], [crontab[1]]).sim(0, 1, 0, 1) >= recovery.MIN_SCORE
    assert recovery.recover(_quote_left_over(*crontab), scorer) == 0  # the first recovery: main text only
    assert late_recovery.recover_set_aside(_quote_left_over(*crontab), scorer) == 0  # no real dictionary
    result = _quote_left_over(*crontab)
    assert late_recovery.recover_set_aside(result, scorer, dictionary=True) == 1
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs[1:]] == [crontab]
    assert result.unaligned == []


def test_a_pull_quote_pair_needs_recovers_own_floor_not_the_late_one() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    assert late_recovery.LOW_SCORE <= scorer.fit([NFS[0]], [NFS[1]]).sim(0, 1, 0, 1) < recovery.MIN_SCORE
    assert late_recovery.recover_set_aside(_quote_left_over(*NFS), scorer, dictionary=True) == 0
    assert late_recovery.recover_set_aside(_left_over(NFS), scorer, dictionary=True) == 1  # as body text it pairs


def test_one_sided_quote_is_a_pull_quote_left_without_counterpart_or_set_aside_as_body() -> None:
    quote = Unit("Here is an example of a crontab(5) file.", "425", "pullquote")
    assert recovery.one_sided_quote(SetAside("tgt", quote, recovery.PULL_QUOTE_LEFT))
    assert recovery.one_sided_quote(SetAside("tgt", quote, "body: low confidence: similarity 0.00 < 0.30"))
    assert not recovery.one_sided_quote(SetAside("tgt", Unit(quote.text, "425", "body"), recovery.PULL_QUOTE_LEFT))
    assert not recovery.one_sided_quote(SetAside("tgt", quote, "caption without counterpart"))


# Debian Reference ch. 10 (dref-data), PDF-like: items of a list, each a German compound against
# the English words it joins, left over on both sides
MEDIA = ("Wechseldatenträger;", "Removable storage media")
VCS = ("Versionskontrollsysteme;", "Version control system tools")
# the senses Debian's de-en dictionary gives (its parts' senses, as the reader of it splits compounds)
COMPOUNDS = Dictionary({"wechseldatenträger": ("device", "medium", "removable", "storage"), "versionskontrollsysteme": ("control", "edition", "release", "system")})


def test_a_one_word_compound_pairs_with_the_words_it_joins() -> None:
    scorer = LexicalScorer("de", "en", COMPOUNDS)
    assert [scorer.fit([de], [en]).sim(0, 1, 0, 1) for de, en in (MEDIA, VCS)] == [1.0, 1.0]
    assert all(confidence.compound(de, 1.0) and confidence.rejection(de, en, 1.0, 1.0) is None for de, en in (MEDIA, VCS))
    result = _left_over(MEDIA, VCS)
    assert late_recovery.recover_set_aside(result, scorer, True) == 2
    assert [(p.src[0].text, p.tgt[0].text) for p in result.pairs[1:]] == [MEDIA, VCS]


def test_a_word_that_is_no_whole_compound_or_covers_little_stays_a_fragment() -> None:
    fragment = "low confidence: one side is a fragment of the other"
    assert confidence.rejection("(„debug-", "Enables debugging output.", 0.9, 1.0) == fragment  # a word broken at a line end
    assert confidence.rejection("Datei-", "the file system", 1.0, 1.0) == fragment
    assert confidence.rejection("Name der Datei", "filename", 0.8, 1.0) == fragment  # the one word on the translation's side
    assert confidence.rejection(MEDIA[0], MEDIA[1], 0.8, 1.0) == fragment  # senses that cover part of it
    # no list's mark: a word of a table on the two-column path, 1.0 against the item's translation
    assert confidence.rejection("Speichermedien", MEDIA[1], 1.0, 1.0) == fragment
    assert confidence.rejection("Datensicherungsprogramme:", "Redundant backup: data mirroring", 1.0, 1.0) == fragment
    assert not confidence.compound("1", 1.0) and not confidence.compound("Wechsel datenträger", 1.0)


# faq-support, corpus, PDF-like: a sentence cut at a block end whose tail the alignment wrote with the
# whole translation, read as a pull quote's counterpart, before a check set the pair aside
ARCHIVE_HEAD, ARCHIVE_TAIL = "Archive der Debian-Mailinglisten sind im WWW", "unter https://lists.debian.org/ verfügbar."
ARCHIVE_EN = "Archives of the Debian mailing lists are available via WWW at https://lists.debian.org/."
ARCHIVE_RAW = ["Archive der Debian-Mailinglisten sind im WWW", "", "/usr/share/doc/debian/mailing-lists.txt.", "", "unter https://lists.debian.org/ verfügbar.", ""]
ARCHIVE_WORDS = Dictionary({"verfügbar": ("available",), "mailinglisten": ("mailing lists",)})
ARCHIVE_REFUSED = "pullquote: low confidence: the source opens in lower case, a fragment 1.9x off the other side's length"


def _archive(tail_reason: str, head_reason: str = "body: no counterpart in the translation", raw_head: str = "1") -> Alignment:
    """The head left over by the alignment; the tail and the translation set aside from one pair."""
    return Alignment([], [
        SetAside("src", Unit(ARCHIVE_HEAD, raw_head, "heading"), head_reason),
        SetAside("src", Unit(ARCHIVE_TAIL, "5", "body"), tail_reason),
        SetAside("tgt", Unit(ARCHIVE_EN, "30", "pullquote"), tail_reason),
    ])


def test_the_sides_of_a_pull_quote_or_item_pair_a_check_set_aside_rejoin_a_cut_sentence() -> None:
    """The join scores 0.941, the head alone 0.667, the tail 0.714: the translation covers both.
    recovery.leftovers leaves out sides of a pair of another kind than body; rejoin takes them."""
    scorer = LexicalScorer("de", "en", ARCHIVE_WORDS)
    ps = scorer.fit([ARCHIVE_HEAD, ARCHIVE_TAIL, f"{ARCHIVE_HEAD} {ARCHIVE_TAIL}"], [ARCHIVE_EN] * 3)
    assert [round(ps.sim(k, 1, k, 1), 3) for k in range(3)] == [0.667, 0.714, 0.941]
    result = _archive(ARCHIVE_REFUSED)
    assert recovery.leftovers(result, "src") == [0] and recovery.leftovers(result, "tgt") == []
    assert late_recovery.rejoin_leftovers(result, "src") == ([0, 1], {1})
    assert late_recovery.rejoin_cut_sentences(result, scorer, None, ARCHIVE_RAW) == 1
    [pair] = result.pairs
    assert [u.text for u in pair.src] == [ARCHIVE_HEAD, ARCHIVE_TAIL] and pair.tgt[0].text == ARCHIVE_EN
    assert result.unaligned == []
    # an item pair's sides too (the reason names the pair's kind)
    assert late_recovery.rejoin_cut_sentences(_archive(ARCHIVE_REFUSED.replace("pullquote:", "item:")), scorer, None, ARCHIVE_RAW) == 1
    # not a pull quote left one-sided, nor one set aside as a body sentence's repeat
    for reason in (recovery.PULL_QUOTE_LEFT, quote_twins.REASON):
        assert late_recovery.rejoin_leftovers(_archive(reason), "tgt") == ([], set())


def test_a_head_set_aside_from_another_kinds_pair_must_not_go_on_from_the_line_before() -> None:
    """dref-network, held-out set 1, PDF-like: the reader cut 'Lassen Sie uns einen Blick auf die
    elementare' / 'Netzwerkinfrastruktur eines modernen' / … / 'Debian-Systems werfen:' where it
    took lines for headings; joined with the last, the middle piece was written with the whole
    translation ('Let's review the basic network infrastructure …'), the sentence's start missing."""
    raw = ["5.1. Die elementare Netzwerkinfrastruktur", "Lassen Sie uns einen Blick auf die elementare", "Netzwerkinfrastruktur eines modernen", "2 Debian-Dokumentation", "", "Debian-Systems werfen:"]
    assert late_recovery.continues_line(Unit("Netzwerkinfrastruktur eines modernen", "3", "heading"), raw)
    assert not late_recovery.continues_line(Unit(ARCHIVE_HEAD, "1", "heading"), ARCHIVE_RAW)  # the document's first line
    assert not late_recovery.continues_line(Unit("Debian-Systems werfen:", "6", "heading"), raw)  # after a blank line
    assert not late_recovery.continues_line(Unit("Es wird jedoch nicht das WWW benötigt.", "2", "body"), ["Es ist ein Hypertext-System. Es wird jedoch", "nicht das WWW benötigt."])  # starts mid-line
    scorer = LexicalScorer("de", "en", ARCHIVE_WORDS)
    # the head on line 2, the tail on line 5; only a head from another kind's pair is held to this
    going_on, opened = (["Hier eine Liste der", ARCHIVE_HEAD, "", "", ARCHIVE_TAIL, ""], ["", ARCHIVE_HEAD, "", "", ARCHIVE_TAIL, ""])
    head_refused = "lead: low confidence: only the source ends without a stop, 1.9x off the other side's length"
    assert late_recovery.rejoin_cut_sentences(_archive(ARCHIVE_REFUSED, head_refused, "2"), scorer, None, going_on) == 0
    assert late_recovery.rejoin_cut_sentences(_archive(ARCHIVE_REFUSED, head_refused, "2"), scorer, None, opened) == 1
    assert late_recovery.rejoin_cut_sentences(_archive(ARCHIVE_REFUSED, raw_head="2"), scorer, None, going_on) == 1


# dref-data, held-out set 3, PDF-like: a sentence cut off an item pair (glued_sentence), then off the
# rest of its unit where its home renders it (leftover_homes), left over under the item pair's reason
FAT = (
    "Wenn das FAT- oder ISO9660-Dateisystem für den Dateiaustausch verwendet wird, sollte folgendes eine sichere Variante sein:",
    "When using the FAT or ISO9660 filesystems for sharing data, the following should be the safe considerations.",
)
FAT_REASON = "item: a glued sentence the translation barely renders, and the rest cannot stand alone; cut where a left-over translation unit renders a sentence of it"


def test_the_late_recovery_takes_a_whole_sentence_set_aside_under_an_item_pairs_reason() -> None:
    """Similarity 0.588, between the late floor and recover's: recovery.leftovers reads only 'body: …'
    reasons, so the late recovery takes the sides of other kinds' pairs a check set aside as well
    (late_recovery.rejoin_leftovers), on all its terms (whole sentences on both sides)."""
    scorer = LexicalScorer("de", "en", Dictionary({"dateisystem": ("filesystem",), "verwendet": ("using",), "sichere": ("safe",)}))
    assert round(scorer.fit([FAT[0]], [FAT[1]]).sim(0, 1, 0, 1), 3) == 0.588

    def fat() -> Alignment:
        written = AlignedPair((Unit("Debian ist ein freies Betriebssystem.", "1", "body"),), (Unit("Debian is a free operating system.", "1", "body"),), "body", 0.8)
        return Alignment([written], [
            SetAside("src", Unit(FAT[0], "402-404", "body"), FAT_REASON, whole=False),
            SetAside("tgt", Unit(FAT[1], "220-221", "body"), "body: no counterpart in the source", unplaced=True),
        ])

    assert recovery.recover(fat(), scorer, floor=late_recovery.LOW_SCORE) == 0  # not a left-over to recovery.leftovers
    result = fat()
    assert late_recovery.recover_set_aside(result, scorer, True) == 1
    assert (result.pairs[1].src[0].text, result.pairs[1].tgt[0].text) == FAT and result.unaligned == []


# faq-support, corpus, PDF-like: a block cut after '… Mailinglisten in' that the reader's re-ordering
# glued to another cut sentence's rest (lines 107-108), while its own rest opens a block of its own
DOC_HEAD = "In einem System, auf dem das doc-debian-Paket installiert ist, finden Sie eine vollständige Auflistung der Mailinglisten in"
DOC_WRONG = "<listmaster@lists.debian.org> kontaktiert werden."
DOC_TAIL = "/usr/share/doc/debian/mailing-lists.txt."
DOC_EN = "On a system with the doc-debian package installed there is a complete list of mailing lists in /usr/share/doc/debian/mailing-lists.txt."
DOC_TABLE = {"installiert": ("installed",), "vollständige": ("complete",), "auflistung": ("list",), "mailinglisten": ("mailing lists",), "kontaktiert": ("contacted",)}
DOC_WORDS = Dictionary(DOC_TABLE)


def _glued(seams: bool = True) -> Unit:
    text = f"{DOC_HEAD} {DOC_WRONG}"
    owners = (171,) * (len(DOC_HEAD) + 1) + (108,) * len(DOC_WRONG)
    return Unit(text, "171,108", "body", 0, (len(DOC_HEAD) + 1,) if seams else (), owners)


def _glued_left_over(seams: bool = True) -> Alignment:
    return Alignment([], [
        SetAside("src", _glued(seams), "body: no counterpart in the translation"),
        SetAside("src", Unit(DOC_TAIL, "128", "body"), "body: no counterpart in the translation"),
        SetAside("tgt", Unit(DOC_EN, "60", "body"), "body: no counterpart in the source"),
    ])


def test_a_head_glued_to_a_wrong_rest_at_a_seam_joins_the_tail_its_translation_covers() -> None:
    """The head alone scores 0.6, the tail 0.632, the head with its wrong rest 0.64, the head with
    its tail 0.846: the translation renders head and tail together. The wrong rest stays left
    over as a piece, with its own raw line."""
    scorer = LexicalScorer("de", "en", DOC_WORDS)
    texts = [DOC_HEAD, DOC_TAIL, f"{DOC_HEAD} {DOC_WRONG}", f"{DOC_HEAD} {DOC_TAIL}"]
    ps = scorer.fit(texts, [DOC_EN] * 4)
    assert [round(ps.sim(k, 1, k, 1), 3) for k in range(4)] == [0.6, 0.632, 0.64, 0.846]
    assert [(u.text, u.lines, i, seam) for u, i, seam in late_recovery.seam_heads([_glued()])] == [(DOC_HEAD, "171", 0, len(DOC_HEAD) + 1)]
    result = _glued_left_over()
    assert late_recovery.rejoin_cut_sentences(result, scorer) == 1
    [pair] = result.pairs
    assert [(u.text, u.lines) for u in pair.src] == [(DOC_HEAD, "171"), (DOC_TAIL, "128")] and pair.tgt[0].text == DOC_EN
    assert [(a.unit.text, a.unit.lines, a.whole) for a in result.unaligned] == [(DOC_WRONG, "108", False)]
    assert result.unaligned[0].reason == "body: no counterpart in the translation; its head joined another tail"


def test_only_a_seam_offers_a_head_and_only_one_that_leaves_its_sentence_open() -> None:
    scorer = LexicalScorer("de", "en", DOC_WORDS)
    # a raw line break is the reader's text, not its guess: no head there
    assert late_recovery.seam_heads([_glued(seams=False)]) == []
    assert late_recovery.rejoin_cut_sentences(_glued_left_over(seams=False), scorer) == 0
    # a head that ends its sentence, or of fewer than three words, is no cut sentence's head
    closed = Unit(f"Debian hat Mailinglisten. {DOC_WRONG}", "1", "body", 0, (len("Debian hat Mailinglisten. "),))
    short = Unit(f"Mailinglisten in {DOC_WRONG}", "1", "body", 0, (len("Mailinglisten in "),))
    assert late_recovery.seam_heads([closed, short]) == []


# the same page of faq-support: the sentence whose rest is DOC_WRONG, cut at a page foot (lines 103-104) and read as a heading
LIST_HEAD = "Bei Problemen kann der Listenverwalter unter der E-Mail-Adresse"
LIST_EN = "The list manager's e-mail address is <listmaster@lists.debian.org>, in case you have any trouble."
LIST_WORDS = Dictionary({**DOC_TABLE, "problemen": ("trouble",), "listenverwalter": ("list", "lists", "manager"), "e-mail-adresse": ("e", "mail", "address")})


def _two_cut_sentences() -> Alignment:
    result = _glued_left_over()
    result.unaligned.insert(0, SetAside("src", Unit(LIST_HEAD, "103-104", "heading"), "body: no counterpart in the translation"))
    result.unaligned.append(SetAside("tgt", Unit(LIST_EN, "85-86", "body"), "body: no counterpart in the source"))
    return result


def test_the_rest_a_head_left_at_a_seam_is_a_tail_for_the_next_round_and_brings_the_translations_address() -> None:
    """The head alone already scores 0.923, so no tail can add recover's margin (0.15) to it; the
    join scores 1.0 and its tail brings the address the translation copies and the head lacks,
    which is evidence enough for a gain of NAMED_GAIN. The tail is the rest the first round left
    when DOC_HEAD took its own tail: it takes part in the round after."""
    scorer = LexicalScorer("de", "en", LIST_WORDS)
    ps = scorer.fit([LIST_HEAD, DOC_WRONG, f"{LIST_HEAD} {DOC_WRONG}"], [LIST_EN] * 3)
    assert [round(ps.sim(k, 1, k, 1), 3) for k in range(3)] == [0.923, 0.533, 1.0]
    assert late_recovery.names_from_tail(LIST_HEAD, DOC_WRONG, LIST_EN, "de") == {"<listmaster@lists.debian.org>"}
    result = _two_cut_sentences()
    assert late_recovery.rejoin_cut_sentences(result, scorer, lang="de") == 1  # DOC_HEAD and its tail; DOC_WRONG still glued
    assert late_recovery.rejoin_cut_sentences(result, scorer, lang="de") == 1
    assert [[(u.text, u.lines) for u in p.src] for p in result.pairs] == [[(DOC_HEAD, "171"), (DOC_TAIL, "128")], [(LIST_HEAD, "103-104"), (DOC_WRONG, "108")]]
    assert [p.tgt[0].text for p in result.pairs] == [DOC_EN, LIST_EN] and result.unaligned == []
    # without the language there are no copied tokens to read: the join must add the full margin
    result = _two_cut_sentences()
    assert late_recovery.rejoin_cut_sentences(result, scorer) == 1
    assert late_recovery.rejoin_cut_sentences(result, scorer) == 0


def test_a_tail_brings_names_only_where_the_translation_copies_them_and_the_head_has_none_of_them() -> None:
    assert late_recovery.names_from_tail(LIST_HEAD, DOC_WRONG, DOC_EN, "de") == set()  # not the translation's address
    assert late_recovery.names_from_tail(f"{LIST_HEAD} <listmaster@lists.debian.org>", DOC_WRONG, LIST_EN, "de") == set()
    assert late_recovery.names_from_tail(LIST_HEAD, "kontaktiert werden.", LIST_EN, "de") == set()
