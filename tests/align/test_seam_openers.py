"""A written pair whose source runs an open clause into another sentence's opener at a seam
(harness.align.seam_openers). Inputs are lines of the PDF-like path of held-out set 3
(man-apt-preferences): blocks cut mid-sentence that the builder re-joined with the wrong block."""

from __future__ import annotations

from harness.align import seam_openers
from harness.align.glued import Casing, runs_into_function_word
from harness.align.model import AlignedPair, Alignment, SetAside, Unit

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


# Left-over units cut at their open seams (seam_openers.cut_left_overs), lines of the PDF-like path:
# man-man (held-out set 1) and man-po4a (corpus). The document writes these words in lower case
# mid-sentence (its own lines), so capitalised they open a sentence.
LEFT_CASING = Casing.learn(
    [
        "Seite ist normalerweise der Name",
        "ment Seite ist normalerweise der Name eines",
        "Handbuchseiten werden normalerweise im Format",
        "Zeile liegt, und fügt das Addendum vor dieser",
        "vor 'Position' | direkt vor der ausgewählten",
        "das Addendum genau vor die passende Begren-",
        "Installation verfügbar sein, wenn die Datei",
        "verfügbar sein, wenn die Datei",
        "auch sein größter Albtraum werden, wenn sie",
    ]
)
# man-man: a block ending '… die Ausga-' (raw line 134), its guessed continuation a block opening
# 'Normalerweise werden …' (lines 803-804), after the head of a third block (lines 868-869)
MAN = ("Falls dies aus irgendeinem Grund fehlschlägt, der nicht auf den", "Wenn Sie diese Handbuchseiten und die Ausga-", "Normalerweise werden bei der Ausgabe auf einem Terminal alle Fehlermeldungen verworfen.")


def _left_over(parts: tuple[str, ...], lines: tuple[int, ...]) -> SetAside:
    text = " ".join(parts)
    starts = [text.index(p) for p in parts]
    owners = tuple(line for k, line in enumerate(lines) for _ in range(len(parts[k]) + (k < len(parts) - 1)))
    return SetAside("src", Unit(text, "868,134,803", "body", 0, tuple(starts[1:]), owners[: len(text)]), "body: no counterpart in the translation", unplaced=True)


def test_open_seams_before_a_sentence_opener() -> None:
    unit = _left_over(MAN, (868, 134, 803)).unit
    assert [unit.text[k:].split()[0] for k in seam_openers.open_seams(unit, LEFT_CASING, "de")] == ["Wenn", "Normalerweise"]
    # man-po4a: 'aus' / 'Vor- und Nachteile …', a function word opening the moved block
    po4a = _joined("Wie bei Gettext werden Texte aus", "Vor- und Nachteile dieser Vorgehensweise.")
    assert seam_openers.open_seams(po4a, LEFT_CASING, "de") == [po4a.text.index("Vor-")]


def test_no_open_seam_before_a_noun_or_after_a_stop() -> None:
    # a German noun is capitalised anywhere: the builder's join may be right (dref-network, dref-tips)
    assert seam_openers.open_seams(_joined("Lesen Sie dazu Abschnitt 9.10.5, „Hardware-Treiber und", "Firmware“."), LEFT_CASING, "de") == []
    assert seam_openers.open_seams(_joined("Kernel-Parameter, die durch sysctl(8) zur", "Laufzeit geändert werden."), LEFT_CASING, "de") == []
    assert seam_openers.open_seams(_joined("Die Datei ist leer.", "Normalerweise werden sie verworfen."), LEFT_CASING, "de") == []
    assert seam_openers.open_seams(Unit(" ".join(MAN), "868-870", "body"), LEFT_CASING, "de") == []  # read in order: no seam


def test_left_over_units_are_cut_into_pieces() -> None:
    target = SetAside("tgt", Unit("Normally, when output is being directed to a terminal, any error output is discarded.", "496", "body"), "body: no counterpart in the source")
    result = Alignment([], [_left_over(MAN, (868, 134, 803)), target])
    assert seam_openers.cut_left_overs(result, LEFT_CASING, "de") == 1
    pieces = [a for a in result.unaligned if a.side == "src"]
    assert [(a.unit.text, a.unit.lines) for a in pieces] == [(MAN[0], "868"), (MAN[1], "134"), (MAN[2], "803")]
    assert all(not a.whole and not a.unplaced and "cut where" in a.reason for a in pieces)
    assert result.unaligned[-1] == target


def test_a_capitalised_opener_the_document_never_writes_capitalised_mid_sentence_opens_a_sentence_at_a_seam() -> None:
    # maint-guide-start, PDF-like: a heading's head glued to a lead-in ('… über Debians' / 'Hier
    # einige wichtige Dokumente, …'); the short document never writes 'hier' in lower case, so its
    # casing alone cannot tell, but 'hier' is an opener of the language and never capitalised
    # mid-sentence there
    unit = _joined("Es folgen einige Beobachtungen über Debians", "Hier einige wichtige Dokumente, die Sie zusätzlich zu diesem Dokument auch lesen sollten:")
    assert LEFT_CASING.lower["hier"] == 0
    assert seam_openers.open_seams(unit, LEFT_CASING, "de") == [unit.text.index("Hier")]
    assert runs_into_function_word("Debians", "Hier", LEFT_CASING, "de")
    # not a noun, not after a stop, not one the document capitalises mid-sentence (a name)
    assert not runs_into_function_word("Debians", "Dokumente", LEFT_CASING, "de")
    assert seam_openers.open_seams(_joined("Es folgen einige Beobachtungen über Debians.", "Hier einige wichtige Dokumente."), LEFT_CASING, "de") == []
    named = Casing.learn(["wie es auch Einige nennen", "so sagen es Einige immer"])
    assert not runs_into_function_word("über", "Einige", named, "de")
