"""Text blocks of a translated HTML manual, with their roles, and the pairing of two language versions.

po4a/gettext translations keep the HTML structure of the original, so the k-th block of the German
page is the translation of the k-th block of the English page. Pairs that break that promise (a
different structure, a paragraph left in English) are dropped, never guessed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

ROLES = ("heading", "item", "paragraph")
_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6", "dt"}
_ITEM = {"li"}
_PARAGRAPH = {"p", "dd"}
_BLOCKS = _HEADING | _ITEM | _PARAGRAPH
_SKIP = {"pre", "script", "style", "table", "head", "title"}
_FURNITURE = re.compile(r"\b(toc\d?|navheader|navfooter|list-of-\w+)\b")  # DocBook navigation and contents


@dataclass(frozen=True)
class Block:
    role: str  # heading | item | paragraph
    text: str


@dataclass(frozen=True)
class Pair:
    role: str
    de: str
    en: str


class _Blocks(HTMLParser):
    """Innermost block elements in document order; text inside <pre>/<table> is left out
    (code listings and tables are not running text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.stack: list[tuple[str, list[str]]] = []
        self.skip = 0
        self.skip_div = 0  # depth inside a navigation or table-of-contents <div>
        self.bold_lead = ""  # "open" / "closed": a bold run opened the current block (see handle_starttag)
        self.in_headerlink = False  # inside Sphinx's <a class="headerlink">¶</a>: a permalink sign, not text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = " ".join(v or "" for k, v in attrs if k in ("class", "id"))
        furniture = tag == "div" and _FURNITURE.search(names)
        if self.skip_div or furniture:
            self.skip_div += tag == "div"
        if tag == "a" and "headerlink" in names.split():
            self.in_headerlink = True
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCKS:
            self._close_text()
            self.stack.append((tag, []))
            self.bold_lead = ""
        elif tag in ("b", "strong") and self.stack and not "".join(self.stack[-1][1]).strip():
            self.bold_lead = "open"  # groff -man -Thtml sets a subsection heading (.SS) as <b>…</b><br> opening a <p>
        elif tag == "br" and self.stack and self.bold_lead == "closed":
            self._close_text("heading")
        elif tag == "br" and self.stack:
            self.stack[-1][1].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.skip_div and tag == "div":
            self.skip_div -= 1
        if tag == "a":
            self.in_headerlink = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS and self.stack and self.stack[-1][0] == tag:
            self._close_text()
            self.stack.pop()
        elif tag in ("b", "strong") and self.bold_lead == "open":
            self.bold_lead = "closed"

    def handle_data(self, data: str) -> None:
        if self.bold_lead == "closed" and data.strip():
            self.bold_lead = ""  # bold words run on into the text: emphasis, not a heading
        if self.stack and not (self.skip or self.skip_div or self.in_headerlink):
            self.stack[-1][1].append(data)

    def _close_text(self, role: str = "") -> None:
        """Text gathered in the open block so far becomes a block of its own (a <li> whose
        text precedes a nested <p> keeps that text; a bold line opening a paragraph is its heading)."""
        self.bold_lead = ""
        if self.stack and "".join(self.stack[-1][1]).strip():
            tag, parts = self.stack[-1]
            inside_item = any(t in _ITEM for t, _ in self.stack)
            self.blocks.append((role or _role(tag, inside_item), "".join(parts)))
            parts.clear()


def _role(tag: str, inside_item: bool) -> str:
    if tag in _HEADING:
        return "heading"
    return "item" if tag in _ITEM or inside_item else "paragraph"


def html_blocks(html: str) -> list[Block]:
    """Blocks of running text, whitespace normalised."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return [Block(role, " ".join(text.split())) for role, text in parser.blocks if text.strip()]


_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]+")
_GERMAN = frozenset("der die das und ist nicht mit von für auf den dem ein eine einer werden wird sie sich auch oder wenn zu im des".split())
_ENGLISH = frozenset("the and is not with of for on a be will you it or if to in this that are can".split())


def _signature(block: Block) -> tuple[str, frozenset[str]]:
    """What a translation keeps of a block: its role and its numbers."""
    return block.role, frozenset(_NUMBER.findall(block.text))


def looks_english(text: str) -> bool:
    """po4a leaves the original where a translation is missing: more English than German
    function words on the German side."""
    words = [w.lower() for w in _WORD.findall(text)]
    return sum(w in _ENGLISH for w in words) > sum(w in _GERMAN for w in words)


def translated(de: Block, en: Block) -> bool:
    """A real translation: text differs, is not left in English, and is of a plausible length."""
    if de.text == en.text or looks_english(de.text) or not _WORD.search(de.text):
        return False
    return 0.5 <= len(de.text) / max(1, len(en.text)) <= 2.5


def pair_blocks(de: list[Block], en: list[Block]) -> tuple[list[Pair], int]:
    """Blocks paired where both pages have the same structure (same roles and numbers in
    the same order), untranslated blocks left out; also how many blocks were dropped."""
    matcher = difflib.SequenceMatcher(None, [_signature(b) for b in de], [_signature(b) for b in en], autojunk=False)
    pairs = [
        Pair(de[i].role, de[i].text, en[j].text)
        for a, b, size in matcher.get_matching_blocks()
        for i, j in zip(range(a, a + size), range(b, b + size))
        if translated(de[i], en[j])
    ]
    return pairs, max(len(de), len(en)) - len(pairs)
