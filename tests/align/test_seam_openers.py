"""A written pair whose source runs an open clause into another sentence's opener at a seam
(harness.align.seam_openers). Inputs are lines of the PDF-like path of held-out set 3
(man-apt-preferences): blocks cut mid-sentence that the builder re-joined with the wrong block."""

from __future__ import annotations

from harness.align import seam_openers
from harness.align.glued import Casing
from harness.align.model import AlignedPair, Alignment, Unit

# the document writes 'wenn' and 'der' in lower case mid-sentence (lines of the same manual page)
CASING = Casing.learn(
    [
        "Installation verfügbar sein, wenn die Datei",
        "verfügbar sein, wenn die Datei",
        "auch sein größter Albtraum werden, wenn sie",
        "Priorität von 500 zu, außer wenn Versionen",
        "der folgenden Namenskonvention und der Datei",
        "in der Datei apt.conf benannten Datei der",
    ]
)
# '… und sie' ends one block (raw line 69); the builder put 'Wenn das Ziel-Release …' (lines
# 103-104) after it, and the true rest 'enthalten nur …' (line 108) after that
HEAD = "Die Dateien haben entweder keine oder »pref« als Dateierweiterung und sie"
MOVED = "Wenn das Ziel-Release nicht angegeben wurde, dann weist APT einfach allen installierten"
REST = "enthalten nur alphanumerische Zeichen, Bindestriche (-), Unterstriche (_) oder Punkte (.)."
EN = 'The files have either no or "pref" as filename extension and only contain alphanumeric, hyphen (-), underscore (_) and period (.) characters.'


def _joined(*parts: str) -> Unit:
    text = " ".join(parts)
    seams = tuple(text.index(p) for p in parts[1:])
    return Unit(text, "69,103-104,108", "body", 0, seams)


def test_an_open_word_before_a_sentence_opener_at_a_seam() -> None:
    assert seam_openers.seam_opener(_joined(HEAD, MOVED, REST), CASING, "de") == "sie | Wenn"
    # '… veranlassen, ein' / 'Der folgende Befehl …': an article, then a new sentence
    glued = _joined("wird jeder der folgenden Befehle APT veranlassen, ein", "Der folgende Befehl wird APT veranlassen.")
    assert seam_openers.seam_opener(glued, CASING, "de") == "ein | Der"


def test_no_evidence_without_a_seam_after_a_stop_or_before_a_content_word() -> None:
    assert seam_openers.seam_opener(Unit(f"{HEAD} {MOVED}", "69-70", "body"), CASING, "de") is None  # read in order: no guess
    assert seam_openers.seam_opener(_joined("Die Datei ist leer.", MOVED), CASING, "de") is None  # a stop ends the sentence
    assert seam_openers.seam_opener(_joined("Die Dateien haben entweder keine oder", "Dateierweiterung und …"), CASING, "de") is None
    # a stray word before the seam leaves the sentence after it whole (devref-duties, scrambled)
    assert seam_openers.seam_opener(_joined("Das", "Wenn Sie weitere Informationen brauchen, lesen Sie dies."), CASING, "de") is None
    # 'Sie' is capitalised mid-sentence in German: the casing does not learn it as an opener
    assert seam_openers.seam_opener(_joined("Dann können", "Sie die Datei lesen."), CASING, "de") is None


def test_the_pair_is_set_aside_whole() -> None:
    bad = AlignedPair((_joined(HEAD, MOVED, REST),), (Unit(EN, "40", "body"),), "body", 0.76)
    good = AlignedPair((Unit("Die Datei ist leer.", "5", "body"),), (Unit("The file is empty.", "3", "body"),), "body", 0.9)
    result = Alignment([good, bad], [])
    assert seam_openers.set_aside_seam_openers(result, CASING, "de") == 1
    assert result.pairs == [good]
    assert [(a.side, a.unit.text) for a in result.unaligned] == [("src", bad.src[0].text), ("tgt", EN)]
    assert all("('sie | Wenn')" in a.reason for a in result.unaligned)
