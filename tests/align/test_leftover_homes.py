"""A left-over source unit glued from whole sentences or items, cut around a stretch a left-over
translation unit clearly renders (harness.align.leftover_homes, run by
seam_openers.cut_left_overs). Inputs are lines of the PDF-like path: history (corpus) and
dref-tips (held-out set 2), items whose bullets the PDF dropped, glued at a raw line break after
a semicolon."""

from __future__ import annotations

from harness.align import leftover_homes, seam_openers
from harness.align.dictionary import Dictionary
from harness.align.glued import Casing
from harness.align.model import AlignedPair, Alignment, SetAside, Unit
from harness.align.similarity import LexicalScorer

WORDS = {
    "zwei": ("two",),
    "neue": ("new",),
    "portierungen": ("ports",),
    "ausführung": ("execution",),
    "ermöglichte": ("allowed", "allowing"),
    "startzeit": ("boot time",),
    "systems": ("system",),
    "verkürzen": ("shorten",),
    "unterstützung": ("support",),
    "standardeinstellung": ("default",),
    "bibliothek": ("library",),
    "werkzeuge": ("tools",),
    "paket": ("package",),
}
SCORER = LexicalScorer("de", "en", Dictionary(WORDS))
CASING = Casing.learn(["ein Satz, wenn die Datei der Regel folgt"])

# history: raw lines 445-446 end an item with ';', the builder joined the next block (448-449) to it
HISTORY = (("Ausführung ermöglichte, um die Startzeit des", 445), ("Systems zu verkürzen;", 446), ("zwei neue Portierungen, kFreeBSD-i386 und", 448), ("kFreeBSD-amd64", 449))
PORTS = "Two new ports, kfreebsd-i386 and kfreebsd-amd64."
# dref-tips: three items of one list on consecutive raw lines, the last ending with a stop
DEVMAPPER = (
    ("device-mapper-Unterstützung im Linux-Kernel", 1095),
    ("(Standardeinstellung für Debian-Kernel);", 1096),
    ("die Userspace-Bibliothek zur Unterstützung von", 1097),
    ("device-mapper (libdevmapper*-Paket);", 1098),
    ("die Userspace-LVM2-Werkzeuge (lvm2-Paket).", 1099),
)
ITEMS = ("device-mapper support in the Linux kernel (default for Debian kernels)", "the userspace device-mapper support library (libdevmapper* package)", "the userspace LVM2 tools (lvm2 package)")


def _unit(lines: tuple[tuple[str, int], ...]) -> Unit:
    """A left-over unit joined from raw lines (a space owned by the line it ends), seams where the
    line numbers jump."""
    text, owners, seams = "", [], []
    for k, (line, n) in enumerate(lines):
        if text:
            text += " "
            owners.append(lines[k - 1][1])
            if n != lines[k - 1][1] + 1:
                seams.append(len(text))
        text += line
        owners += [n] * len(line)
    return Unit(text, "-", "body", 0, tuple(seams), tuple(owners))


def _left(unit: Unit, side: str = "src") -> SetAside:
    return SetAside(side, unit, f"body: no counterpart in the {'translation' if side == 'src' else 'source'}", unplaced=True)


def test_end_places_only_after_a_sentence_or_item_end() -> None:
    unit = _unit(HISTORY)
    assert [unit.text[k:].split()[0] for k in leftover_homes.end_places(unit)] == ["zwei"]  # not after 'des' (line 445)
    devmapper = _unit(DEVMAPPER)
    assert [devmapper.text[k:].split()[0] for k in leftover_homes.end_places(devmapper)] == ["die", "die"]
    # an abbreviation or an open quotation ends nothing ('z. B.', '„Stufe 2: der Bootloader')
    assert leftover_homes.end_places(_unit((("Das gilt für Werkzeuge wie z. B.", 1), ("mount(8) und umount(8).", 2)))) == []
    assert leftover_homes.end_places(_unit((("Näheres in Abschnitt 3.1.2, „Stufe 2:", 1), ("der Bootloader“).", 2)))) == []


def test_a_stretch_with_a_clear_home_is_cut_off_and_paired() -> None:
    home = _left(Unit(PORTS, "120", "item"), "tgt")
    other = _left(Unit("Dependency-based ordering of init scripts using insserv.", "119", "item"), "tgt")
    result = Alignment([], [_left(_unit(HISTORY)), other, home])
    seam_openers.cut_left_overs(result, CASING, "de", SCORER)
    assert [(p.src[0].text, p.src[0].lines, p.tgt[0].text) for p in result.pairs] == [("zwei neue Portierungen, kFreeBSD-i386 und kFreeBSD-amd64", "448-449", PORTS)]
    left = [(a.side, a.unit.text, a.whole) for a in result.unaligned]
    assert left == [("src", "Ausführung ermöglichte, um die Startzeit des Systems zu verkürzen;", False), ("tgt", other.unit.text, True)]


def test_each_item_of_a_glued_list_finds_its_home() -> None:
    homes = [_left(Unit(t, str(300 + k), "body"), "tgt") for k, t in enumerate(ITEMS)]
    result = Alignment([], [_left(_unit(DEVMAPPER)), *homes])
    seam_openers.cut_left_overs(result, CASING, "de", SCORER)
    assert sorted((p.src[0].lines, p.tgt[0].text) for p in result.pairs) == [("1095-1096", ITEMS[0]), ("1097-1098", ITEMS[1]), ("1099", ITEMS[2])]
    assert result.unaligned == []


def test_no_cut_without_a_clear_home() -> None:
    # no sentence or item ends inside the unit: nothing to cut
    whole = Alignment([], [_left(_unit(HISTORY[2:])), _left(Unit(PORTS, "120", "item"), "tgt")])
    assert leftover_homes.homes(whole, SCORER) == {}
    # another left-over source unit matches the home as well: whose it is is not clear
    twin = _left(Unit("Zwei neue Portierungen, kFreeBSD-i386 und kFreeBSD-amd64.", "700", "body"))
    rival = Alignment([], [_left(_unit(HISTORY)), twin, _left(Unit(PORTS, "120", "item"), "tgt")])
    assert leftover_homes.homes(rival, SCORER) == {}
    # no scorer: only open seams are cut, as before
    plain = Alignment([], [_left(_unit(HISTORY)), _left(Unit(PORTS, "120", "item"), "tgt")])
    assert seam_openers.cut_left_overs(plain, CASING, "de") == 0 and plain.pairs == []


# faq-support (corpus): a block's last line with no stop (raw line 48), the builder's guessed
# continuation a block of another place (lines 17-20)
FAQ = (
    ("tels man man bekommen Sie mehr Informationen", 47),
    ("dazu, wie Sie Handbuchseiten finden und lesen", 48),
    ("Neue Debian-Benutzer sollten beachten, dass", 17),
    ("die Handbuchseiten vieler Systembefehle nur", 18),
    ("verfügbar sind, wenn folgende Pakete", 19),
    ("installiert werden:", 20),
)


def test_a_seam_is_a_place_unless_the_text_before_it_is_open() -> None:
    unit = _unit(FAQ)
    assert [unit.text[k:].split()[0] for k in leftover_homes.end_places(unit)] == ["Neue"]
    # an open end before the seam: the builder's join may be right ('… sysctl(8) zur' / 'Laufzeit
    # geändert werden …', dref-tips), or the text before is a head cut at a broken word (man-man)
    assert leftover_homes.end_places(_unit((("Kernel-Parameter, die durch sysctl(8) zur", 1707), ("Laufzeit geändert werden.", 1722)))) == []
    assert leftover_homes.end_places(_unit((("gehören BEZEICHNUNG, ÜBERSICHT, KONFIGURATION, BESCH-", 24), ("werden: Ein Teil davon kann nur dann", 553)))) == []
    assert leftover_homes.end_places(_unit((("Offensichtlich muss etwas getan werden,", 172), ("Die Entwicklung von Debian", 178)))) == []


# man-man (held-out set 1), PDF-like: an option's item with no stop (raw lines 619-620), the next
# line the tail of a sentence cut at a syllable hyphen ('Hand-' / 'buchseite von less(1).')
OPTION = (("-r Eingabeaufforderung,", 619), ("--prompt=Eingabeaufforderung", 620), ("buchseite von less(1).", 621))
PROMPT = "-r prompt, --prompt=prompt"
LESS = "For its meaning see the less(1) manual page."
MAN_WORDS = Dictionary({"eingabeaufforderung": ("prompt",), "buchseite": ("page",), "von": ("of",)})
# a pair the document has written, for its length ratio (0.869)
MAN_PAIR = AlignedPair(
    (Unit("Handbuchseiten werden normalerweise im Format nroff(1) in einem Verzeichnis wie /usr/share/man gespeichert.", "40", "body"),),
    (Unit("Manual pages are normally stored in nroff(1) format under a directory such as /usr/share/man.", "38", "body"),),
    "body",
    0.9,
)


def test_a_bare_place_is_a_line_end_with_no_stop_and_no_open_end() -> None:
    unit = _unit(OPTION)
    assert leftover_homes.end_places(unit) == []
    assert [unit.text[k:].split()[0] for k in leftover_homes.bare_places(unit)] == ["buchseite"]  # not after the comma
    assert leftover_homes.halves(unit) == [((0, 53), (53, len(unit.text)))]


def test_a_unit_is_cut_at_a_bare_place_only_where_both_halves_find_clear_homes() -> None:
    scorer = LexicalScorer("de", "en", MAN_WORDS)
    result = Alignment([MAN_PAIR], [_left(_unit(OPTION)), _left(Unit(PROMPT, "334", "body"), "tgt"), _left(Unit(LESS, "351", "body"), "tgt")])
    seam_openers.cut_left_overs(result, CASING, "de", scorer)
    # the item is paired; the cut sentence's tail is no whole counterpart of its home (fragment_rejection)
    assert [(p.src[0].text, p.src[0].lines, p.tgt[0].text) for p in result.pairs[1:]] == [("-r Eingabeaufforderung, --prompt=Eingabeaufforderung", "619-620", PROMPT)]
    assert [(a.side, a.unit.text, a.whole) for a in result.unaligned] == [("src", "buchseite von less(1).", False), ("tgt", LESS, True)]
    # one half without a home of its own: the line may be wrapped mid-sentence, no cut
    alone = Alignment([], [_left(_unit(OPTION)), _left(Unit(PROMPT, "334", "body"), "tgt")])
    assert leftover_homes.homes(alone, scorer) == {}
