"""The pure parts of the corpus maker (bench/corpus/): reading translated HTML into role blocks,
pairing two language versions, moving remarks to footnotes, and the bench table."""

from __future__ import annotations

import sys
from pathlib import Path

from harness.align.corpus import Row, table
from harness.align.gold import Score

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "corpus"))

from corpus_blocks import Block, Pair, html_blocks, looks_english, pair_blocks  # noqa: E402
from corpus_render import Page, groff_ms, move_to_footnotes, plain, web_page  # noqa: E402

PAGE = """<html><head><title>Nicht dies</title></head><body>
<div class="navheader"><p>Zurück | Weiter</p></div>
<div class="toc"><dl><dt>1. Inhalt</dt></dl></div>
<h2>1. Einführung</h2>
<p>Das Paket <code>dpkg</code> installiert
   Software.</p>
<ul><li>Erstens ist gut.</li><li><p>Zweitens.</p></li></ul>
<pre>$ dpkg -i paket.deb</pre>
</body></html>"""


def test_html_blocks_keep_running_text_with_roles() -> None:
    assert html_blocks(PAGE) == [
        Block("heading", "1. Einführung"),
        Block("paragraph", "Das Paket dpkg installiert Software."),
        Block("item", "Erstens ist gut."),
        Block("item", "Zweitens."),
    ]


def test_a_bold_line_opening_a_paragraph_is_its_heading() -> None:
    """groff -man -Thtml sets a subsection heading (.SS) as <b>…</b><br> at the start of a <p>;
    bold words running on into the text are emphasis."""
    page = (
        '<p style="margin-left:11%"><b>Graphical\noverview of the po4a scripts</b> <br>\nThe following schema gives an overview.</p>'
        "<p><b>Note</b> that this is emphasis.<br>Still the same paragraph.</p>"
    )
    assert html_blocks(page) == [
        Block("heading", "Graphical overview of the po4a scripts"),
        Block("paragraph", "The following schema gives an overview."),
        Block("paragraph", "Note that this is emphasis. Still the same paragraph."),
    ]


def test_a_sphinx_permalink_sign_is_not_text() -> None:
    """developers-reference (Sphinx): a heading ends with <a class="headerlink">¶</a>, a permalink
    sign no reader of the page reads as part of the title; other links keep their text."""
    page = (
        '<h2>3.1. Pflichten von Paketbetreuern<a class="headerlink" href="#package-maintainer-s-duties" '
        'title="Link to this heading">¶</a></h2><p>Siehe <a href="x.html">Abschnitt 4</a>.</p>'
    )
    assert html_blocks(page) == [Block("heading", "3.1. Pflichten von Paketbetreuern"), Block("paragraph", "Siehe Abschnitt 4.")]


def test_held_out_sets_stay_apart_from_the_corpus_and_from_each_other() -> None:
    """Each held-out set measures documents never tuned on: no document or source page in two sets
    (nor in the corpus), and never Debian Reference chapter 3, kept for independent checks."""
    from make_corpus import DOCS, HELD_OUT_SETS

    sets = [DOCS, *HELD_OUT_SETS.values()]
    pages = [(d.de_package, d.de_file, d.start) for docs in sets for d in docs]
    names = [d.name for docs in sets for d in docs]
    assert len(set(pages)) == len(pages) and len(set(names)) == len(names)
    assert not any("ch03" in d.de_file or "ch03" in d.en_file for docs in sets for d in docs)
    assert sorted(HELD_OUT_SETS) == ["1", "2", "3", "4", "5"]


def test_pairing_drops_untranslated_and_unmatched_blocks() -> None:
    de = [
        Block("heading", "2. Installation"),
        Block("paragraph", "Installieren Sie das Paket mit 3 Befehlen."),
        Block("paragraph", "This paragraph was left in English by the translation."),
        Block("item", "--verbose"),
        Block("paragraph", "Ein Absatz, den es nur auf Deutsch gibt, mit 7 Zahlen."),
        Block("paragraph", "Danach ist alles fertig."),
    ]
    en = [
        Block("heading", "2. Installation"),
        Block("paragraph", "Install the package with 3 commands."),
        Block("paragraph", "This paragraph was left in English by the translation."),
        Block("item", "--verbose"),
        Block("paragraph", "After that everything is done."),
    ]
    pairs, dropped = pair_blocks(de, en)
    assert pairs == [
        Pair("paragraph", "Installieren Sie das Paket mit 3 Befehlen.", "Install the package with 3 commands."),
        Pair("paragraph", "Danach ist alles fertig.", "After that everything is done."),
    ]
    assert dropped == 4  # same heading text, English paragraph, option name, the extra German block
    assert looks_english("the package is installed") and not looks_english("Ian Murdock merkt an:")


def test_remarks_move_to_footnotes_in_german_only() -> None:
    pairs = [
        Pair("heading", "Titel", "Title"),
        Pair("paragraph", "Siehe die Webseite (https://www.debian.org/doc/) für mehr.", "See the web site (https://www.debian.org/doc/) for more."),
    ]
    marked, notes = move_to_footnotes(pairs)
    assert notes == ["https://www.debian.org/doc/"]
    assert plain(marked[1].de) == "Siehe die Webseite für mehr." and marked[1].en == pairs[1].en
    page = Page("Titel", "pkg 1.0", (("paragraph", marked[1].de),), tuple(notes))
    ms = groff_ms(page, 2, "Fuß")
    assert ".2C" in ms and "Webseite\\**\n.FS\nhttps://www.debian.org/doc/\n.FE" in ms and ".ds RF Seite %" in ms
    html = web_page(page, "de", "www.debian.org", [("Debian", "https://www.debian.org/")])
    assert "<nav>" in html and "Webseite für mehr." in html and "<footer>" in html


def test_table_marks_rows_that_did_not_run_and_averages_the_others() -> None:
    rows = [
        Row("doc", "pdf2col", Score(0.5, 1.0, 2 / 3, 1, 2, 1, 0, 1.0), 2.0),
        Row("doc", "pdf2col.pdf", None, 0.0, "not supported yet"),
        Row("doc", "web", Score(1.0, 0.5, 2 / 3, 1, 1, 2, 0, 0.5), 4.0),
    ]
    lines = table(rows).splitlines()
    assert lines[2] == "| doc | pdf2col | 0.500 | 1.000 | 0.667 | 2.0 |"
    assert lines[3] == "| doc | pdf2col.pdf | not supported yet | | | |"
    assert lines[-1] == "| **mean** (2 runs) | | 0.750 | 0.750 | 0.667 | 3.0 |"
