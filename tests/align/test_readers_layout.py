"""The PDF reader's geometry decisions on hand-made boxes (no PDF library involved)."""

from __future__ import annotations

from harness.align.readers.base import Removal
from harness.align.readers.boxes import Line, Page, Rule, Word, group_lines
from harness.align.readers.pdf import layout
from harness.align.readers.pdf_layout import cells, find_gutter, page_regions
from harness.align.readers.pdf_noise import MarkEvidence, contents_lines, drop_marks, footnote_area, running_lines

CHAR = 5.0  # a character's width in these made-up pages


def words(text: str, x: float, top: float, size: float = 10.0, bold: bool = False) -> list[Word]:
    """The words of one line set from x at the given top, a space being half a character wider."""
    out = []
    for token in text.split():
        out.append(Word(token, x, x + CHAR * len(token), top, top + size, size, bold))
        x += CHAR * len(token) + 3
    return out


def line(text: str, x: float, top: float, size: float = 10.0, bold: bool = False) -> Line:
    return Line(tuple(words(text, x, top, size, bold)))


def two_columns(top: float = 100, rows: int = 8) -> list[Word]:
    """A left column from x=50 and a right one from x=310."""
    left = [words(f"links {k} aaaa bbbb cccc dddd eeee ffff", 50, top + 12 * k) for k in range(rows)]
    right = [words(f"rechts {k} gggg hhhh iiii jjjj kkkk", 310, top + 12 * k) for k in range(rows)]
    return [w for row in left + right for w in row]


def test_gutter_between_two_columns_and_none_on_one_column() -> None:
    lines = group_lines(two_columns())  # each line holds a left and a right column's words
    gutter = find_gutter(lines, 0, 595)
    assert gutter is not None and max(w.x1 for w in two_columns() if w.x0 < 300) < gutter < 310
    one = [line("ein langer Satz der über die ganze Seitenbreite läuft und noch weiter geht", 50, 100 + 12 * k) for k in range(8)]
    assert find_gutter(one, 0, 595) is None


def test_full_width_title_then_left_column_then_right_column() -> None:
    title = words("Ein Titel über beide Spalten", 200, 60, size=14)
    regions = page_regions(group_lines(title + two_columns()), 595, 1)
    assert [r.column for r in regions] == ["full", "col1", "col2"]
    assert [ln.text for ln in regions[1].lines][:2] == ["links 0 aaaa bbbb cccc dddd eeee ffff", "links 1 aaaa bbbb cccc dddd eeee ffff"]
    assert regions[2].lines[-1].text == "rechts 7 gggg hhhh iiii jjjj kkkk"


def test_running_header_with_varying_page_number_and_a_lone_page_number() -> None:
    pages = []
    for n in (1, 2, 3):
        body = [line(f"Text der Seite {n} in Zeile {k}.", 50, 100 + 12 * k) for k in range(5)]
        header = Line(tuple(words("Chronik", 50, 40) + words(f"Seite {n}", 480, 40)))
        footer = line(f"- {n} -", 280, 760)
        pages.append([header, *body, footer] if n > 1 else [*body, footer])
    kept, removed = running_lines(pages, [1, 2, 3])
    assert [len(p) for p in kept] == [5, 5, 5]
    assert removed == [
        Removal("- 1 -", "page number", "page 1"),
        Removal("Chronik", "running header", "page 2"),
        Removal("Seite 2", "page number", "page 2"),
        Removal("- 2 -", "page number", "page 2"),
        Removal("Chronik", "running header", "page 3"),
        Removal("Seite 3", "page number", "page 3"),
        Removal("- 3 -", "page number", "page 3"),
    ]


def test_a_body_line_at_the_page_edge_stays() -> None:
    """Close to the body (normal leading), not repeated, no page number: text, not furniture."""
    page = [line(f"Zeile {k} mit Text.", 50, 100 + 12 * k) for k in range(5)]
    kept, removed = running_lines([page], [1])
    assert kept == [page] and removed == []


def test_footnote_area_under_a_rule_is_set_aside_small_caption_without_one_stays() -> None:
    body = [line(f"Haupttext Zeile {k} läuft hier.", 50, 100 + 12 * k) for k in range(6)]
    notes = [line("Erste Fußnote steht hier", 50, 200, 8), line("und läuft weiter.", 50, 209, 8)]
    kept, removed = footnote_area(body + notes, [Rule(50, 110, 195)], 10.0, 4)
    assert kept == body
    assert removed == [Removal("Erste Fußnote steht hier und läuft weiter.", "footnote area", "page 4")]
    kept, removed = footnote_area(body + notes, [], 10.0, 4)
    assert kept == body + notes and removed == []


def _marked(mark: str, after: str = "Brücke.") -> Line:
    """'Die Brücke.¹ Danach': a 7 pt mark raised 4 pt, glued to the word before it."""
    first, word = words(f"Die {after}", 50, 100)
    glued = Word(mark, word.x1 + 0.2, word.x1 + 3.7, 96, 103, 7.0)
    return Line((first, word, glued, *words("Danach", glued.x1 + 3, 100)))


def test_footnote_marks_need_evidence_exponents_stay() -> None:
    evidence = MarkEvidence({1: {"1"}})
    cleaned, removed = drop_marks(_marked("1"), 1, evidence.accept)
    assert cleaned.text == "Die Brücke. Danach"
    assert removed == [Removal("1", "footnote mark", "page 1, after 'Brücke.'")]
    exponent, removed = drop_marks(_marked("3", after="m"), 2, MarkEvidence({}).accept)
    assert exponent.text == "Die m3 Danach" and removed == []


def test_layout_renders_paragraphs_headings_and_list_items() -> None:
    lines = [
        line("Überschrift", 50, 100, bold=True),
        line("Erster Absatz beginnt hier und läuft bis zum Rand", 50, 124),
        line("und endet hier.", 50, 136),
        line("Zweiter Absatz eingerückt und lang bis zum Rand", 65, 148),
        line("und noch eine Zeile die bis zum Rand geht und", 50, 160),
        line("noch eine Zeile die bis zum Rand geht dann aus.", 50, 172),
        line("• Punkt eins geht über den ganzen Rand der Zeile", 50, 190),
        line("und weiter im Punkt.", 59, 202),
        line("• Punkt zwei.", 50, 220),
    ]
    page = Page(1, 595, 842, tuple(w for ln in lines for w in ln.words))
    assert layout([page]).text == (
        "Überschrift\n\nErster Absatz beginnt hier und läuft bis zum Rand\nund endet hier.\n\n"
        "Zweiter Absatz eingerückt und lang bis zum Rand\nund noch eine Zeile die bis zum Rand geht und\n"
        "noch eine Zeile die bis zum Rand geht dann aus.\n\n"
        "• Punkt eins geht über den ganzen Rand der Zeile\nund weiter im Punkt.\n\n• Punkt zwei.\n"
    )


def test_odd_and_even_pages_have_their_own_margins() -> None:
    """A book shifts even pages right: their flush lines are no first-line indents."""
    pages = []
    for number, shift in ((1, 0.0), (2, 30.0)):
        lines = []
        for k in range(24):
            first = k % 6 == 0
            text = f"Absatz {k // 6} Seite {number} beginnt mit einer langen Zeile" if first else f"und geht weiter mit Text in Zeile {k} bis zum Rand"
            lines.append(line(text, 50 + shift + (15 if first else 0), 100 + 12 * k))
        pages.append(Page(number, 595, 842, tuple(w for ln in lines for w in ln.words)))
    blocks = layout(pages).text.strip().split("\n\n")
    assert len(blocks) == 8 and all(b.startswith("Absatz") and b.count("\n") == 5 for b in blocks)


def test_table_of_contents_lines_are_set_aside() -> None:
    lines = [line("1.1 Console basics . . . . . . . . . . 1", 50, 100), line("Preface . . . . xiv", 50, 112),
             line("See section 1.2 on page 4.", 50, 124)]
    kept, removed = contents_lines(lines, 3)
    assert [ln.text for ln in kept] == ["See section 1.2 on page 4."]
    assert [r.reason for r in removed] == ["table of contents"] * 2


def test_small_code_at_a_column_foot_is_no_footnote_but_a_numbered_note_is() -> None:
    body = [line(f"Haupttext Zeile {k} läuft hier.", 50, 100 + 12 * k) for k in range(6)]
    code = [line("127.0.0.1 localhost", 50, 200, 9), line("::1 ip6-localhost", 50, 210, 9)]
    assert footnote_area(body + code, [], 10.0, 1) == (body + code, [])
    notes = [line("1A write-once medium prevents", 60, 200, 8), line("accidents.", 50, 209, 8), line("2Some data cannot be made again.", 60, 218, 8),
             line("⁸Marks as superscript digits,", 60, 227, 8), line("1⁵as some fonts map them.", 60, 236, 8)]
    kept, removed = footnote_area(body + notes, [], 10.0, 1)
    assert kept == body
    assert [r.text for r in removed] == [
        "1A write-once medium prevents accidents.", "2Some data cannot be made again.",
        "⁸Marks as superscript digits,", "1⁵as some fonts map them.",
    ]


def test_table_rows_are_cells_loosely_justified_lines_are_not() -> None:
    row = Line(tuple(words("Strg-U", 50, 100) + words("löscht die Zeile vor dem Cursor", 150, 100)))
    assert [c.text for c in cells(row)] == ["Strg-U", "löscht die Zeile vor dem Cursor"]
    two = Line(tuple(words("F1", 50, 100) + words("Hilfe", 150, 100)))
    assert [c.text for c in cells(two)] == ["F1", "Hilfe"]
    loose = Line(tuple(w for k, t in enumerate(["Sperrdatei", "aus", "/var/cache/", "und"]) for w in words(t, 50 + 80 * k, 100)))
    assert cells(loose) == [loose]


def test_a_contents_entry_under_the_running_header_is_no_page_number() -> None:
    pages = []
    for n in (1, 2, 3):
        header = Line(tuple(words("Debian Reference", 50, 40) + words(f"{n} / 9", 480, 40)))
        entry = Line(tuple(words("7 GUI System", 50, 80) + words("119", 500, 80)))
        body = [line(f"Text der Seite {n} in Zeile {k}.", 50, 110 + 12 * k) for k in range(5)]
        pages.append([header, entry, *body] if n == 2 else [header, *body])
    kept, removed = running_lines(pages, [1, 2, 3])
    assert kept[1][0].text == "7 GUI System 119"
    assert {(r.reason, r.text) for r in removed} == {("running header", "Debian Reference")} | {("page number", f"{n} / 9") for n in (1, 2, 3)}


def test_chapter_running_titles_go_large_chapter_headings_stay() -> None:
    """Ten pages, two chapters: each chapter's title runs over its pages (3 of 10 is enough);
    'Kapitel N' in large type atop a chapter's first page repeats too, but is a heading."""
    pages = []
    for n in range(1, 11):
        chapter = 1 if n <= 5 else 2
        top = [line(f"Kapitel {chapter}", 50, 60, size=20)] if n in (1, 6) else [line(f"{chapter} Titel des Kapitels {chapter}", 50, 40)]
        pages.append([*top, *(line(f"Text {n} Zeile {k}.", 50, 110 + 12 * k) for k in range(5))])
    kept, removed = running_lines(pages, list(range(1, 11)), 10.0)
    assert [p[0].text for p in kept if p[0].text.startswith("Kapitel")] == ["Kapitel 1", "Kapitel 2"]
    assert [r.where for r in removed] == [f"page {n}" for n in (2, 3, 4, 5, 7, 8, 9, 10)]
    assert {r.reason for r in removed} == {"running header"}


def test_a_drop_cap_joins_the_first_of_the_lines_it_spans() -> None:
    cap = Word("D", 50, 72, 100, 130, 30.0)
    rows = [words(text, 75, 100 + 12 * k) for k, text in enumerate(["ie Stadt baute", "eine neue", "Brücke im Jahr"])]
    lines = group_lines([cap, *(w for row in rows for w in row)])
    assert [ln.text for ln in lines] == ["Die Stadt baute", "eine neue", "Brücke im Jahr"]


def test_lines_beside_a_drop_cap_open_no_paragraph() -> None:
    cap = Word("D", 50, 72, 100, 130, 30.0)
    rows = [words(text, 75, 100 + 12 * k) for k, text in enumerate(["ie Stadt baute im Jahr 1850 eine", "neue Brücke über den Fluss, die", "aus Stein war und sieben Bögen"])]
    rows += [words("hatte, die man weithin sehen konnte.", 50, 136)]
    rows += [words(f"Weitere Zeile {k} am linken Rand und lang genug", 50, 160 + 12 * k) for k in range(6)]
    page = Page(1, 595, 842, (cap, *(w for row in rows for w in row)))
    assert layout([page]).text.startswith(
        "Die Stadt baute im Jahr 1850 eine\nneue Brücke über den Fluss, die\naus Stein war und sieben Bögen\nhatte, die man weithin sehen konnte.\n\n"
    )


def test_a_table_is_read_row_by_row_not_as_two_columns() -> None:
    """Keys and descriptions leave a gap as clean as a gutter, but neither side is running text."""
    body = [line("Ein langer Absatz der über die ganze Breite der Seite läuft und noch weiter", 50, 100 + 12 * k) for k in range(2)]
    keys = ["F1", "F3", "F4", "F9", "F10", "Tab", "Entf", "Einfg"]
    descriptions = ["Hilfe", "interner Dateibetrachter", "interner Editor", "Menü öffnen", "beenden",
                    "Fenster wechseln", "Datei löschen", "Datei markieren"]
    rows = [w for k, (key, text) in enumerate(zip(keys, descriptions)) for w in words(key, 50, 150 + 12 * k) + words(text, 200, 150 + 12 * k)]
    page = Page(1, 595, 842, tuple(w for ln in body for w in ln.words) + tuple(rows))
    blocks = layout([page]).text.strip().split("\n\n")
    assert blocks[1:7] == ["F1", "Hilfe", "F3", "interner Dateibetrachter", "F4", "interner Editor"]


def test_a_table_cell_running_over_lines_stays_one_block() -> None:
    body = [line("Ein langer Absatz der über die ganze Breite der Seite läuft und noch weiter", 50, 100 + 12 * k) for k in range(4)]
    table = [
        Line(tuple(words("\\1 … \\9", 50, 160) + words("was der n-te geklammerte", 150, 160) + words("gibt 1 bis 9", 300, 160))),
        Line(tuple(words("Ausdruck fand", 150, 172) + words("aus", 300, 172))),
        Line(tuple(words("r*", 50, 184) + words("null oder mehr r", 150, 184) + words("Wiederholung", 300, 184))),
    ]
    after = line("Danach geht der Text weiter über die ganze Breite der Seite und noch mehr", 50, 214)
    page = Page(1, 595, 842, tuple(w for ln in [*body, *table, after] for w in ln.words))
    blocks = layout([page]).text.strip().split("\n\n")
    assert blocks[1:] == ["\\1 … \\9", "was der n-te geklammerte\nAusdruck fand", "gibt 1 bis 9\naus",
                          "r*", "null oder mehr r", "Wiederholung", after.text]


def test_text_columns_with_short_lines_are_still_columns() -> None:
    """A left column of list items and short lines (not running text), its baselines off the right
    column's: two text columns, read one after the other, not a table."""
    left = [words(t, 50, 100 + 14 * k) for k, t in enumerate(["Einstellung", "Ausgabe", "Dies ist hilfreich um ein Raster", "anzulegen.", "• Linien", "• Rechtecke", "Normal: Drehung = 0", "Gedreht: 20 Grad"])]
    right = [words(f"Rechte Spalte Zeile {k} mit laufendem Text bis", 310, 105 + 12 * k) for k in range(9)]
    regions = page_regions(group_lines(w for row in left + right for w in row), 595, 1)
    assert [r.column for r in regions] == ["col1", "col2"]
