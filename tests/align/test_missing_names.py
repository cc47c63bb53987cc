"""A written pair whose source holds a piece whose copied tokens the translation lacks
(harness.align.missing_names). Inputs are lines of the PDF-like path of the corpus (faq-support,
maint-guide-start; its web path for a sentence the translator split) and of held-out set 3
(man-apt-preferences): blocks cut mid-sentence and put back nearby with no blank line between them."""

from __future__ import annotations

from harness.align import missing_names
from harness.align.dictionary import Dictionary
from harness.align.model import AlignedPair, Alignment, SetAside, Unit
from harness.align.similarity import LexicalScorer

from tests.align.units import lines_unit

WORDS = Dictionary(
    {
        "tipps": ("tips",),
        "informationen": ("information",),
        "themen": ("topics",),
        "verschiedene": ("different",),
        "systemadministration": ("system", "administration"),
        "programm": ("program",),
        "gelesen": ("read",),
        "teams": ("teams",),
        "liste": ("list",),
        "vollständige": ("full",),
        "paketgruppen": ("packages",),
        "bestimmte": ("specific",),
        "halb": ("half",),
        "installiert": ("installed",),
        "nicht": ("not",),
        "dateien": ("files",),
        "verzeichnis": ("directory",),
        "datei": ("file",),
        "heruntergeladen": ("retrieved",),
        "aufgelistet": ("listed",),
        "variablen": ("variable",),
        "gespeichert": ("stored",),
        "bauen": ("building",),
        "umgebung": ("environment",),
        "geprüft": ("verifies",),
        "quellen": ("source",),
    }
)
known = lambda w: bool(WORDS.translate(w))  # noqa: E731

# faq-support, raw lines 86-91: '… bis' ends one block, 'dem GNU-Programm info, …' is the tail of
# another sentence ('… hin zur Programmierung.' stands elsewhere)
RUN_ON = (
    "Tipps und weitere Informationen für viele",
    "verschiedene Themen stehen zur Verfügung,",
    "angefangen bei der Systemadministration bis",
    "dem GNU-Programm info, innerhalb von GNU",
    "Emacs mit M-x info oder mit einem anderen",
    "Info-Betrachter gelesen werden können.",
)
RUN_ON_EN = "Basic tutorials, tips, and other information are provided for many different topics ranging from system administration to programming."
# maint-guide-start: a stray line of a list runs into the next item
STRAY = ("IRC wie #debian-mentors,", "Teams konzentrieren sich auf bestimmte", "Paketgruppen (vollständige Liste unter https://wiki.debian.org/Teams)")
STRAY_EN = "Teams focusing on a specific set of packages. (Full list at https://wiki.debian.org/Teams)"

# man-apt-preferences, raw lines 502-506, 518-520, 523: a block of two example lines put back inside a sentence
INSIDE = (
    "Alle Packages- und Release-Dateien, die von",
    "Orten heruntergeladen werden, die in der",
    "Datei sources.list(5) aufgelistet sind,",
    "werden im Verzeichnis /var/lib/apt/lists oder",
    "in der von der Variablen Dir::State::Lists in",
    "apt-get install Paket/testing",
    "Testing oder Unstable verfolgen",
    "der Datei apt.conf benannten Datei gespeichert.",
)
INSIDE_EN = (
    "All of the Packages and Release files retrieved from locations listed in the sources.list(5) file are stored in the directory"
    " /var/lib/apt/lists, or in the file named by the variable Dir::State::Lists in the apt.conf file."
)

# maint-guide-start, web path, raw lines 181-184, broken before the reference and without its brackets
# (on the web path the break falls inside the bracket, which balanced() answers, and the reference in
# brackets is an aside, which unbracketed() drops): the translation puts the reference in a unit of
# its own that goes on its sentence
SPLIT = (
    "Beim Bauen eines Debian-Pakets in dieser chroot-Umgebung wird geprüft, ob die Build-Abhängigkeiten stimmen, wodurch",
    "FTBFS-Fehler (»Fails To Build From Source«, kann nicht aus den Quellen gebaut werden) verhindert werden",
    "siehe pbuilder(8) und pdebuild(1).",
)
SPLIT_EN = ("Building a Debian package in this chroot environment verifies the proper build dependency and avoids FTBFS (Fails To Build From Source) bugs.", "see pbuilder(8) and pdebuild(1).")


def _written(lines: tuple[str, ...], en: str) -> Alignment:
    return Alignment([AlignedPair((lines_unit(lines, 86),), (Unit(en, "13", "body"),), "body", 0.3)], [])


def test_copied_tokens_are_names_codes_acronyms_and_numbers() -> None:
    assert missing_names.copied_tokens("dem GNU-Programm info, innerhalb von GNU Emacs mit M-x info", "de", known) == {"GNU", "M-x"}
    assert missing_names.copied_tokens("IRC wie #debian-mentors,", "de", known) == {"IRC", "#debian-mentors"}
    # a number is one token however many digit groups it has ('10.5.5.', a section number glued on, is one)
    assert missing_names.copied_tokens("der MBR mit der Partitionstabelle Tabelle 9.19.", "de", known) == {"MBR", "9 19"}
    assert missing_names.holds("which is 1,048,576 bytes", "1 048 576") and not missing_names.holds("Table 9.24", "9 19")
    # a name running into a German noun is the name; an abbreviation and a function word in capitals are not copied
    assert missing_names.copied_tokens("mit dem dpkg-deb-Paket, z.B. ein logisches ODER", "de", known) == {"dpkg-deb"}
    # a lower-case compound of words of the language is no name ('halb-installiert'); one that is not is ('dpkg-deb')
    assert missing_names.copied_tokens("H = halb-installiert, dpkg-deb", "de", known) == {"dpkg-deb"}


def test_a_piece_whose_names_the_translation_lacks_sets_the_pair_aside() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    for lines, en in ((RUN_ON, RUN_ON_EN), (STRAY, STRAY_EN), (INSIDE, INSIDE_EN)):
        result = _written(lines, en)
        assert missing_names.set_aside_missing_names(result, scorer, ("de", "en"), WORDS) == 1
        assert not result.pairs and {a.side for a in result.unaligned} == {"src", "tgt"}


# maint-guide-start, raw lines 490-494: three items of a list without bullets run together, the middle one's
# translation written with them
ITEMS = ("IRC wie #debian-mentors,", "Teams konzentrieren sich auf bestimmte", "Paketgruppen (vollständige Liste unter", "https://wiki.debian.org/Teams);")
ITEMS_TAIL = "Sprachspezifische Mailinglisten wie"


def test_a_rest_that_stands_alone_is_written_and_the_piece_set_aside() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    rest = "Teams konzentrieren sich auf bestimmte Paketgruppen (vollständige Liste unter https://wiki.debian.org/Teams);"
    result = _written(ITEMS, STRAY_EN)
    assert missing_names.set_aside_missing_names(result, scorer, ("de", "en"), WORDS) == 1
    assert [(" ".join(u.text for u in p.src), p.tgt[0].text) for p in result.pairs] == [(rest, STRAY_EN)]
    assert [(a.side, a.unit.text, a.unit.lines, a.whole) for a in result.unaligned] == [("src", "IRC wie #debian-mentors,", "86", False)]
    assert result.unaligned[0].reason.startswith("body: names and codes the translation lacks")
    # the next item's head ran on too: the rest ends no sentence where the translation does, so it is cut
    # after the line that ends its item, and the head set aside as well
    result = _written((*ITEMS, ITEMS_TAIL), STRAY_EN)
    assert missing_names.set_aside_missing_names(result, scorer, ("de", "en"), WORDS) == 1
    assert [(" ".join(u.text for u in p.src), p.tgt[0].text) for p in result.pairs] == [(rest, STRAY_EN)]
    assert sorted(a.unit.text for a in result.unaligned) == ["IRC wie #debian-mentors,", ITEMS_TAIL]
    # a rest that ends its sentence stands as it is: a last line that ends one may be the translation's too
    result = _written((*ITEMS, "Sprachspezifische Mailinglisten."), STRAY_EN)
    assert missing_names.set_aside_missing_names(result, scorer, ("de", "en"), WORDS) == 1
    assert [" ".join(u.text for u in p.src) for p in result.pairs] == [f"{rest} Sprachspezifische Mailinglisten."]
    # a rest that ends no sentence, with no line inside it that ends one, cannot stand: the pair is set aside whole
    result = _written((*ITEMS[:3], "https://wiki.debian.org/Teams) und", ITEMS_TAIL), STRAY_EN)
    assert missing_names.set_aside_missing_names(result, scorer, ("de", "en"), WORDS) == 1
    assert not result.pairs and {a.side for a in result.unaligned} == {"src", "tgt"}


def test_the_piece_is_a_head_a_tail_or_lines_in_the_middle() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    unit = lines_unit(INSIDE, 502)
    assert missing_names.missing_piece(unit, INSIDE_EN, ("de", "en"), known, scorer) == "apt-get install Paket/testing"
    # the first piece found that holds both names: the run of lines from the head's last clause on
    piece = missing_names.missing_piece(lines_unit(RUN_ON, 86), RUN_ON_EN, ("de", "en"), known, scorer)
    assert piece is not None and "GNU-Programm" in piece and "M-x" in piece
    # the line before the names, with none of its own, is the rest's: the clause ends the head's sentence
    assert piece.startswith("dem GNU-Programm info")
    assert missing_names.missing_piece(lines_unit(STRAY, 86), STRAY_EN, ("de", "en"), known, scorer) == "IRC wie #debian-mentors,"


def test_a_pair_whose_translation_copies_the_names_or_renders_the_piece_is_kept() -> None:
    scorer = LexicalScorer("de", "en", WORDS)
    # the translation copies the names: 'GNU', 'M-x'
    en = "Basic information on many topics: the GNU program info can be read within GNU Emacs with M-x info."
    result = _written(RUN_ON, en)
    assert missing_names.set_aside_missing_names(result, scorer, ("de", "en"), WORDS) == 0
    assert len(result.pairs) == 1
    # the translation names a token only the piece holds: it renders the piece
    result = _written(STRAY, "IRC such as #debian-mentors.")
    assert missing_names.set_aside_missing_names(result, scorer, ("de", "en"), WORDS) == 0
    # the piece's names are in the translation unit that goes on the pair's sentence: rendered, only split off
    result = Alignment([AlignedPair((lines_unit(SPLIT, 181),), (Unit(SPLIT_EN[0], "173-176", "body"),), "body", 0.5)], [])
    result.unaligned.append(SetAside("tgt", Unit(SPLIT_EN[1], "176", "body"), "no counterpart"))
    assert missing_names.missing_piece(lines_unit(SPLIT, 181), SPLIT_EN[0], ("de", "en"), known, scorer) is not None
    assert missing_names.set_aside_missing_names(result, scorer, ("de", "en"), WORDS) == 0
    # a bracket opened in the piece closes in the rest: one sentence with an aside the translation leaves out
    # (dref-tips, held-out set 2, two-column path)
    aside = ("Wenn die Hardware-Zeit (teilweise auch als BIOS-/UEFI- oder CMOS-Uhr", 'bezeichnet) auf UTC eingestellt ist, ändern Sie die Einstellung in "/etc/default/rcS" auf "UTC=yes".')
    en = 'If the hardware time is set to UTC, change the setting to "UTC=yes" in the "/etc/default/rcS".'
    assert not missing_names.balanced(aside[0])
    assert missing_names.missing_piece(lines_unit(aside, 10), en, ("de", "en"), known, scorer) is None
    # the piece's names are in an aside in brackets: what a translation leaves out
    aside = ("Wenn die Hardware-Zeit (teilweise auch als BIOS-/UEFI- oder CMOS-Uhr bezeichnet) auf", 'UTC eingestellt ist, ändern Sie die Einstellung in "/etc/default/rcS" auf "UTC=yes".')
    assert missing_names.unbracketed(aside[0]) == "Wenn die Hardware-Zeit   auf"
    assert missing_names.unbracketed("siehe pbuilder(8) (oder [mehr])") == "siehe pbuilder(8)  "
    assert missing_names.missing_piece(lines_unit(aside, 10), en, ("de", "en"), known, scorer) is None
    # no dictionary: the pass does nothing
    result = _written(RUN_ON, RUN_ON_EN)
    assert missing_names.set_aside_missing_names(result, scorer, ("de", "en"), None) == 0
