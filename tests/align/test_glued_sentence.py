"""A whole source sentence glued to a written pair that the translation barely renders
(harness.align.glued_sentence). Inputs are pairs the builder wrote on the PDF-like path of the
corpus and the held-out documents, with the few dictionary entries their words need."""

from __future__ import annotations

from harness.align import glued_sentence as gs
from harness.align.dictionary import Dictionary
from harness.align.model import AlignedPair, Alignment, Unit
from harness.align.similarity import LexicalScorer

from tests.align.units import body

WORDS = {
    "zoomauswahl": ("zoom selection",),
    "direkte": ("direct",),
    "auswahl": ("selection",),
    "faktors": ("factor",),
    "ebenso": ("likewise", "also"),
    "einträge": ("entries",),
    "angezeigt": ("displayed", "shown"),
    "basiselemente": ("basic items",),
    "seitenlayout": ("page layout",),
    "grafiken": ("graphics",),
    "platzieren": ("place",),
    "führen": ("perform", "run"),
    "reparatur": ("repair",),
    "dateisystems": ("filesystem",),
    "erzeugung": ("creation",),
    "präprozessoren": ("preprocessors",),
    "systeme": ("systems",),
    "integrieren": ("incorporate",),
    "umfangreiche": ("large", "extensive"),
    "tcl-paket": ("tcl package",),
    "abschnitte": ("sections",),
    "speziellen": ("special",),
    "setzen": ("set",),
    "experimentiert": ("experimented",),
    "händisch": ("manually",),
}
DICTIONARY = Dictionary(WORDS)
SCORER = LexicalScorer("de", "en", DICTIONARY)



def _cut(src: tuple[Unit, ...], tgt: str, others: int = 0) -> Alignment:
    """One pair (plus `others` right pairs that set the document's length ratio) through the pass."""
    rest = [AlignedPair((body((f"Die Auswahl der Einträge {k}.", 900 + k)),), (Unit(f"The selection of entries {k}.", "9", "body"),), "body", 0.9) for k in range(others)]
    result = Alignment([AlignedPair(src, (Unit(tgt, "239", "body"),), "body", 0.6), *rest])
    gs.cut_glued_sentences(result, SCORER, DICTIONARY, ("de", "en"))
    return result


def test_whole_sentence() -> None:
    assert gs.whole_sentence("Ebenso werden folgende Einträge angezeigt.")
    assert gs.whole_sentence("Optimistische Angabe der Lebensdauer von Speichermedien, gefunden im Internet:")
    assert gs.whole_sentence("Bacula, Amanda und BackupPC sind voll ausgestattete Backup-Lösungen.14")
    assert not gs.whole_sentence("Sie erleichtert es, die Dokumentation nahe beim eigentlichen Code zu hal-")
    assert not gs.whole_sentence("gigen Pakete ausfindig gemacht.")
    assert not gs.whole_sentence("Zu ungefähr der gleichen Zeit entfachte sich eine Diskussion, dass das")


def test_a_sentence_of_the_block_before_is_cut_off_the_pair() -> None:
    """kicad pl_editor on the PDF-like path: a 2-1 bead took in the sentence before (line 337),
    which the translation has nowhere near; the English renders the item alone."""
    src = (body(("Ebenso werden folgende Einträge angezeigt.", 337)), body(("Zoomauswahl: Direkte Auswahl des ", 339), ("Zoom Faktors.", 340)))
    result = _cut(src, "Zoom selection: direct selection of the display zoom.", others=3)
    assert [(u.text, u.lines) for u in result.pairs[0].src] == [("Zoomauswahl: Direkte Auswahl des Zoom Faktors.", "339-340")]
    assert [(a.side, a.unit.text, a.unit.lines) for a in result.unaligned] == [("src", "Ebenso werden folgende Einträge angezeigt.", "337")]
    assert result.unaligned[0].reason.startswith("body: a whole sentence the translation barely renders")
    assert result.unaligned[0].whole  # the sentence cut off is whole


def test_a_list_item_glued_under_a_heading_is_cut_off() -> None:
    """No blank line parted the numbered heading (line 60) from the first item under it (line 61)."""
    src = (body(("3.1. Basiselemente für das Seitenlayout: ", 60), ("Bitmap Grafiken um Logos zu platzieren.", 61)),)
    result = _cut(src, "3.1. Basic page layout items properties:", others=3)
    assert [(u.text, u.lines) for u in result.pairs[0].src] == [("3.1. Basiselemente für das Seitenlayout:", "60")]
    assert [(a.unit.text, a.unit.lines) for a in result.unaligned] == [("Bitmap Grafiken um Logos zu platzieren.", "61")]


def test_a_rest_cut_mid_sentence_sets_the_whole_pair_aside() -> None:
    """debian-reference on the PDF-like path: a cut sentence ('… Reparatur des') completed with
    the wrong block's sentence; without it the German ends on an article."""
    src = (
        body(
            ("Mit fsck(8) führen Sie eine Integritätsüberprüfung oder Reparatur des ", 1058),
            ("Standardmäßig gibt es jetzt auf Debian-Systemen nach der Erzeugung des Dateisystems keinen periodischen ", 1175),
            ("Dateisystem-Check (fsck) mehr.", 1176),
        ),
    )
    tgt = "The fsck(8) command provides the filesystem integrity check and repair on a Linux system."
    result = _cut(src, tgt, others=3)
    assert len(result.pairs) == 3
    assert [(a.side, a.unit.text) for a in result.unaligned] == [("src", src[0].text), ("tgt", tgt)]
    assert result.unaligned[0].reason == "body: a glued sentence the translation barely renders, and the rest cannot stand alone"
    assert [a.whole for a in result.unaligned] == [False, False]


def test_a_translated_sentence_whose_words_no_entry_links_stays() -> None:
    """man(1): the English renders the announcing clause in words the dictionary does not link
    ('Zeichen, die sie repräsentieren' / 'letters used to designate them'); cut off, the German
    would be far shorter than the English."""
    src = (body(("Einige der Präprozessoren und die Zeichen, die sie repräsentieren, sind: ", 1), ("eqn (e), grap (g), pic (p), tbl (t), vgrind (v), refer (r).", 2)),)
    tgt = "Some of the preprocessors and the letters used to designate them are: eqn (e), grap (g), pic (p), tbl (t), vgrind (v), refer (r)."
    result = _cut(src, tgt, others=3)
    assert result.pairs[0].src == src and result.unaligned == []


def test_no_cut_after_a_semicolon_or_an_abbreviation() -> None:
    """debian-reference and man(1): a capital after '; ' or after 'z. B.' goes on the sentence."""
    src = (body(("In speziellen Fällen möchten Sie die MTU händisch setzen, nachdem Sie mit ping(8) experimentiert haben; ", 1), ("Sie haben damit die Möglichkeit, ein ICMP-Paket mit verschiedenen Paketgrößen zu verschicken.", 2)),)
    result = _cut(src, "In some occasion, you may wish to set MTU manually after experiments with ping(8).", others=3)
    assert result.pairs[0].src == src and result.unaligned == []
    src = (body(("Einige Systeme integrieren umfangreiche Handbuchseiten-Pakete, wie z. B. ", 1), ("Zubehör für das Tcl-Paket, in die normalen Abschnitte.", 2)),)
    result = _cut(src, "Some systems incorporate large packages of manual pages, such as those of the Tcl package.", others=3)
    assert result.pairs[0].src == src and result.unaligned == []


def test_no_dictionary_no_cut() -> None:
    src = (body(("Ebenso werden folgende Einträge angezeigt.", 337)), body(("Zoomauswahl: Direkte Auswahl des Zoom Faktors.", 339)))
    result = Alignment([AlignedPair(src, (Unit("Zoom selection: direct selection of the display zoom.", "239", "body"),), "body", 0.6)])
    assert gs.cut_glued_sentences(result, SCORER, None, ("de", "en")) == 0
    assert result.pairs[0].src == src


def test_two_sentences_a_translator_joined_are_not_cut_apart() -> None:
    """developers-reference ch. 4 (held-out set 4, even as HTML): one English sentence renders two
    German ones; the first in words no entry links. Cut off, the German would be far shorter than
    the translation, further from the document's ratio than the whole: the rest is no reference for
    the whole translation, and the whole pair is too unsure to write."""
    src = (
        body(
            ("Sie sollten keine Angst haben Experimental zu benutzen, da es dem FTP-Master keine Probleme bereitet. ", 1),
            ("Die experimentellen Pakete werden regelmäßig entfernt, wenn Sie ein Paket mit einer höheren Versionsnummer nach Unstable hochladen.", 2),
        ),
    )
    tgt = (
        "You should not be afraid to use experimental since it does not cause any pain to the ftpmasters, the experimental "
        "packages are periodically removed once you upload the package in unstable with a higher version number."
    )
    result = _cut(src, tgt, others=3)
    assert len(result.pairs) == 3 and src[0] not in [u for p in result.pairs for u in p.src]
    assert [(a.side, a.unit.text) for a in result.unaligned] == [("src", src[0].text), ("tgt", tgt)]
    assert result.unaligned[0].reason == "body: a glued sentence the translation barely renders, or renders in words no entry links"
