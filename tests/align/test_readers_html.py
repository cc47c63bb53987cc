"""The web-page reader: main content as blocks, page furniture set aside with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.align.readers import read_document, sniff
from harness.align.readers.base import Removal
from harness.align.readers.html import Block, set_aside_furniture
from harness.errors import HarnessError

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>The bridge</title>
<style>p { color: red }</style><script>document.write("no")</script></head>
<body>
<a class="skip" href="#content">Skip to main content</a>
<header><div class="logo">Bridge Magazine</div>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/archive">Archive</a></li></ul></nav></header>
<div class="layout">
<aside><h3>Popular</h3><p>Ten bridges you must see</p></aside>
<main id="content"><article>
<header><h1>The history of the bridge</h1><p class="byline">By Anna Example</p></header>
<p>The town built a new bridge in 1850.<sup><a href="#fn1">[1]</a></sup> Many people came to see it
   &amp; the papers wrote   about it &ndash; for weeks.</p>
<figure><img src="bridge.jpg" alt="A stone bridge at dawn"><figcaption>The bridge in 1900.</figcaption></figure>
<h2>What it is made of</h2>
<ul>
  <li>Seven arches of <em>grey</em> sandstone</li>
  <li>Iron railings<br>from 1901</li>
</ul>
<table><tr><th>Length</th><td>140 m</td></tr></table>
<pre class="screen">
$ measure  --bridge
140 m
</pre>
<form action="/search"><label>Search</label><input name="q"></form>
<p>Read more:</p>
<ul><li><a href="/a">Old bridges</a></li><li><a href="/b">New bridges</a></li></ul>
<h2>References</h2>
<ol><li id="fn1"><a href="https://example.org/chronicle">https://example.org/chronicle</a></li>
<li>Town chronicle, 1860, https://example.org/1860</li></ol>
<h2>Later years<span class="editsection">[<a href="/edit/3">edit</a>]</span></h2>
<p>In 1893 the river froze.</p>
<p>Other languages: <a href="/de">Deutsch</a>, <a href="/fr">Français</a></p>
</article></main>
</div>
<footer><p>Other languages: <a href="/de">Deutsch</a> <a href="/fr">Français</a></p><p>&copy; 2024</p></footer>
</body></html>
"""


def test_main_content_blocks_and_removals(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    doc = read_document(page, "target")
    assert doc.text.split("\n\n") == [
        "The history of the bridge",
        "By Anna Example",
        "The town built a new bridge in 1850. Many people came to see it & the papers wrote about it – for weeks.",
        "The bridge in 1900.",
        "What it is made of",
        "• Seven arches of grey sandstone",  # a list item under a bullet (see html._marked)
        "• Iron railings\nfrom 1901",
        "Length",
        "140 m",
        "$ measure --bridge\n140 m",
        "Read more:",
        "Later years",
        "In 1893 the river froze.\n",
    ]
    assert doc.removed == (
        Removal("Skip to main content", "skip link", "html a"),
        Removal("Bridge Magazine Home Archive", "page header", "html header"),
        Removal("Popular Ten bridges you must see", "aside", "html aside"),
        Removal("[1]", "footnote mark", "html sup"),
        Removal("A stone bridge at dawn", "image alt text", "html img"),
        Removal("Search", "form", "html form"),
        Removal("[ edit ]", "edit link", "html heading"),
        Removal("Other languages: Deutsch Français © 2024", "page footer", "html footer"),
        Removal("Old bridges", "link list", "html links"),
        Removal("New bridges", "link list", "html links"),
        Removal("References", "link furniture", "html h2"),
        Removal("https://example.org/chronicle", "link furniture", "html section"),
        Removal("Town chronicle, 1860, https://example.org/1860", "link furniture", "html section"),
        Removal("Other languages: Deutsch, Français", "link furniture", "html links"),
    )


def test_declared_charset_is_honoured(tmp_path: Path) -> None:
    """Also: without <main> the body is the content."""
    page = tmp_path / "latin1.html"
    page.write_bytes(
        b'<html><head><meta charset="iso-8859-1"></head><body><nav><a href="/">Start</a></nav>'
        b"<h1>Titel</h1><p>Ein Satz \xfcber Br\xfccken.</p><p>https://example.org/x</p></body></html>"
    )
    doc = read_document(page, "source")
    assert doc.text == "Titel\n\nEin Satz über Brücken.\n"
    assert doc.removed == (Removal("Start", "navigation", "html nav"), Removal("https://example.org/x", "URL", "html links"))


def test_undeclared_non_utf8_page_is_one_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "latin1.html"
    page.write_bytes(b"<html><body><p>Br\xfccke</p></body></html>")
    with pytest.raises(HarnessError, match=r"^source document '.*latin1.html' is not UTF-8 and declares no other charset \(byte 17\); convert it first$"):
        read_document(page, "source")


def test_page_with_only_furniture_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "nav.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    with pytest.raises(HarnessError, match=r"has no text in its main content$"):
        read_document(page, "target")


def test_html_is_recognised_by_content_whatever_the_name() -> None:
    assert sniff(b"\xef\xbb\xbf  <!DOCTYPE html><html>", ".txt") == "html"
    assert sniff(b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', "") == "html"
    assert sniff(b"<p>a fragment</p>", ".htm") == "html"
    assert sniff(b"<b>bold</b> is not a page", ".txt") == "text"


def test_furniture_section_ends_at_the_next_heading_of_its_level() -> None:
    blocks = [
        Block("heading", "See also", 2),
        Block("heading", "Bridges in Saxony", 3),
        Block("item", "Dresden", 0, 1.0),
        Block("heading", "History", 2),
        Block("para", "Built in 1850."),
    ]
    kept, removed = set_aside_furniture(blocks)
    assert [b.text for b in kept] == ["History", "Built in 1850."]
    assert [r.reason for r in removed] == ["link furniture"] * 3


def test_furniture_named_by_class_docbook_style(tmp_path: Path) -> None:
    """DocBook's HTML has no <nav>: its navigation header/footer and table of contents are named by class."""
    page = tmp_path / "ch01.html"
    page.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>'
        '<div class="navheader"><table><tr><th colspan="3">Chapter 1. Tutorials</th></tr><tr>'
        '<td><a href="pr01.html"><img src="prev.png" alt="Prev"/></a></td></tr></table></div>'
        '<div class="chapter"><h1 class="title">Chapter 1. Tutorials</h1>'
        '<div class="toc"><p><b>Table of Contents</b></p><dl><dt><a href="#a">1.1. Basics</a></dt></dl></div>'
        '<div class="section"><h2>1.1. Basics</h2><p>Learning\nthe shell takes time.</p></div></div>'
        '<div class="navfooter"><table><tr><td>Preface </td><td> Chapter 2. Packages</td></tr></table></div>'
        "</body></html>",
        encoding="utf-8",
    )
    doc = read_document(page, "source")
    assert doc.text == "Chapter 1. Tutorials\n\n1.1. Basics\n\nLearning the shell takes time.\n"
    assert [(r.reason, r.where) for r in doc.removed] == [
        ("navigation", "html div.navheader"),
        ("table of contents", "html div.toc"),
        ("navigation", "html div.navfooter"),
    ]


def test_a_list_item_ending_without_a_stop_stays_a_unit_of_its_own(tmp_path: Path) -> None:
    """Debian Reference ch. 10 (English web page): an item ending without a stop ('… gzip →
    bzip2 → xz') is an item, not a sentence cut before the next item."""
    from harness.align.blocks import read_pieces
    from harness.align.cleaning import evidence_from

    page = tmp_path / "ch10.en.html"
    page.write_text(
        "<html><body><p>The following are tips.</p><ul>\n"
        "<li>Popular compression method in FOSS tools such as tar(1) has been moving as follows: gzip → bzip2 → xz</li>\n"
        "<li>cp(1), scp(1) and tar(1) may have some limitation for special files. cpio(1) is most versatile.</li>\n"
        "</ul></body></html>\n",
        encoding="utf-8",
    )
    text = read_document(page, "target").text
    assert [(p.kind, p.text.text) for p in read_pieces(text, "en", evidence_from(text))] == [
        ("body", "The following are tips."),
        ("item", "Popular compression method in FOSS tools such as tar(1) has been moving as follows: gzip → bzip2 → xz"),
        ("item", "cp(1), scp(1) and tar(1) may have some limitation for special files. cpio(1) is most versatile."),
    ]
