"""Web pages: the main text of an HTML file as blocks, page furniture set aside with its reason.

lxml parses (entities, broken markup, encodings); this module only decides what is text: headings,
list items and table cells become blocks of their own, paragraphs blocks separated by blank lines,
and navigation, page header/footer, asides, forms, skip links, link lists, "References"/"Other
languages" sections and image alt text are recorded as removals instead of reaching the builder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from harness.align.readers.base import Document, Removal
from harness.errors import HarnessError

SILENT = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe",
                    "object", "embed", "canvas", "select", "option", "button", "textarea", "input"})
FURNITURE = {"nav": "navigation", "header": "page header", "footer": "page footer", "aside": "aside", "form": "form"}
# class or id names of furniture, as whole names (not 'sidebar-layout', not 'footnotes')
FURNITURE_NAMES = {
    **dict.fromkeys(["nav", "navbar", "navheader", "navfooter", "navigation", "breadcrumb", "breadcrumbs", "menu",
                     "mw-jump-link", "skiplink", "skip-link", "pagination", "pager"], "navigation"),
    **dict.fromkeys(["toc", "table-of-contents"], "table of contents"),
    **dict.fromkeys(["footer", "site-footer", "page-footer", "printfooter", "catlinks", "copyright"], "page footer"),
    **dict.fromkeys(["site-header", "masthead", "banner", "cookie-banner", "cookies"], "page header"),
    **dict.fromkeys(["sidebar", "share", "sharing", "social", "related", "advertisement", "ad", "ads"], "aside"),
}
ROLES = {"navigation": "nav", "banner": "header", "contentinfo": "footer", "complementary": "aside", "search": "form"}
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
OWN_BLOCK = {"li": "item", "dt": "item", "dd": "item", "td": "cell", "th": "cell", "caption": "cell"}
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "body", "ul", "ol", "dl", "menu", "table", "thead", "tbody",
    "tfoot", "tr", "blockquote", "pre", "figure", "figcaption", "address", "hr", "details", "summary",
    "center", "fieldset", "legend",
}) | HEADINGS | frozenset(OWN_BLOCK)
# a heading that opens a section of link furniture rather than text ('References', 'Weblinks' ...)
FURNITURE_HEADING = re.compile(
    r"(?:references|notes and references|external links|further reading|bibliography|sources|see also|"
    r"other languages|in other languages|languages|navigation menu|contents|table of contents|"
    r"einzelnachweise|weblinks|literatur|quellen|anmerkungen|siehe auch|andere sprachen|sprachen|inhalt|"
    r"inhaltsverzeichnis|références|liens externes|voir aussi|autres langues)\s*:?",
    re.I,
)
_EDIT = re.compile(r"\[?\s*(?:edit(?: source)?|bearbeiten|quelltext bearbeiten|modifier(?: le code)?|editar)(?:\s*\|\s*\w+)*\s*\]?", re.I)
_SKIP_LINK = re.compile(r"(?:skip|jump) to|zum inhalt|zur navigation|springe? zu|aller au contenu", re.I)
_URL = re.compile(r"(?:https?://|www\.)\S+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_MARK = re.compile(r"\[?[\d*†‡§,\s–-]{1,12}\]?")  # <sup>1</sup>, <sup>[12]</sup>: a footnote or link mark
BREAK = "\x00"  # <br> inside a block: a line break that survives whitespace collapsing


@dataclass(frozen=True)
class Block:
    kind: str  # heading | item | cell | para
    text: str
    level: int = 0  # 1-6 for headings
    link_share: float = 0.0  # share of the characters inside <a>
    main: bool = True  # inside the page's main content


def decode_html(data: bytes, name: str) -> str:
    """The page's text by its BOM, its <meta charset>, else UTF-8; one clear error otherwise."""
    declared = None
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16"
    else:
        declared = _CHARSET.search(data[:4096])
        encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        text = data.decode(encoding)
    except LookupError:
        raise HarnessError(f"{name} declares an unknown charset {encoding!r}") from None
    except UnicodeDecodeError as exc:
        said = f"not valid {encoding} as it declares" if declared else "not UTF-8 and declares no other charset"
        raise HarnessError(f"{name} is {said} (byte {exc.start}); convert it first") from exc
    if "\x00" in text:
        raise HarnessError(f"{name} is a binary file, not a web page")
    return _XML_DECLARATION.sub("", text, count=1)


def read_html(data: bytes, name: str) -> Document:
    from lxml import etree, html

    text = decode_html(data, name)
    if not text.strip():
        raise HarnessError(f"{name} is empty")
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise HarnessError(f"{name} is not a readable web page ({exc})") from exc
    removed: list[Removal] = []
    blocks = list(_walk(root, _main_element(root), removed))
    kept = [b for b in blocks if b.main]
    removed += [Removal(b.text, "outside main content", "html body") for b in blocks if not b.main]
    kept, furniture = set_aside_furniture(kept)
    removed += furniture
    if not kept:
        raise HarnessError(f"{name} has no text in its main content")
    return Document("\n\n".join(_marked(b) for b in kept) + "\n", tuple(removed))


def _marked(block: Block) -> str:
    """A list item's text under a bullet: the page says it is an item (<li>, <dt>, <dd>), and an
    item that ends without a stop ('… gzip → bzip2 → xz') would otherwise read as a sentence cut
    before the next item, which the builder re-joins; the bullet keeps it a unit of its own, as
    the same list dumped by lynx or w3m does."""
    return f"• {block.text}" if block.kind == "item" else block.text


def _main_element(root: object) -> object | None:
    """<main> or role=main, else the only <article>; None: the whole body is the content."""
    found = root.xpath("//main | //*[@role='main']")  # type: ignore[attr-defined]
    if found:
        return found[0]
    articles = root.xpath("//article")  # type: ignore[attr-defined]
    return articles[0] if len(articles) == 1 else None


def _tag(el: object) -> str:
    tag = getattr(el, "tag", None)
    return tag.lower() if isinstance(tag, str) else ""


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _text_of(el: object) -> str:
    """All text of an element, pieces from different tags kept apart by a space."""
    return _collapse(" ".join(el.itertext()))  # type: ignore[attr-defined]


def _furniture(el: object, in_main: bool, main: object | None) -> tuple[str, str] | None:
    """(reason, where) when the element is page furniture: a nav/header/footer/aside/form element
    or ARIA role, or a class/id that names one ('navheader', 'toc', 'breadcrumbs'). A header inside
    the main content that holds the article's heading is content, and nothing around the main
    content is furniture as a whole."""
    tag = ROLES.get(str(el.get("role", "")).lower(), _tag(el))  # type: ignore[attr-defined]
    if tag in FURNITURE:
        if tag == "header" and in_main and any(_tag(d) in HEADINGS for d in el.iter()):  # type: ignore[attr-defined]
            return None
        return FURNITURE[tag], f"html {tag}"
    names = f"{el.get('class', '')} {el.get('id', '')}".lower().split()  # type: ignore[attr-defined]
    named = next((n for n in names if n in FURNITURE_NAMES), None)
    if named is None or _tag(el) in ("body", "main", "article") or (main is not None and main in el.iter()):  # type: ignore[attr-defined]
        return None
    return FURNITURE_NAMES[named], f"html {_tag(el)}.{named}"


def _hidden(el: object) -> bool:
    get = el.get  # type: ignore[attr-defined]
    style = str(get("style", "")).replace(" ", "").lower()
    return get("hidden") is not None or get("aria-hidden") == "true" or "display:none" in style


class _Blocks:
    """Inline text gathered until the next block boundary; one Block per non-empty run."""

    def __init__(self) -> None:
        self.parts: list[tuple[str, bool]] = []  # (text, inside a link)
        self.out: list[Block] = []
        self.pre = 0  # inside <pre>: its line breaks are kept

    def add(self, text: str | None, link: bool) -> None:
        if text:
            self.parts.append((text.replace("\n", BREAK) if self.pre else text, link))

    def flush(self, kind: str, level: int, main: bool) -> None:
        lines = "".join(t for t, _ in self.parts).split(BREAK)
        text = "\n".join(c for c in (_collapse(line) for line in lines) if c)
        if text:
            linked = sum(len(_collapse(t)) for t, link in self.parts if link)
            self.out.append(Block(kind, text, level, min(1.0, linked / max(1, len(text))), main))
        self.parts = []


def _walk(root: object, main: object | None, removed: list[Removal]) -> list[Block]:
    blocks = _Blocks()

    def visit(el: object, in_main: bool, link: bool, kind: str, level: int) -> None:
        tag = _tag(el)
        in_main = in_main or el is main
        if not tag or tag in SILENT or _hidden(el):
            blocks.add(getattr(el, "tail", None), link)
            return
        text = _text_of(el)
        if tag == "a" and _SKIP_LINK.match(text) and str(el.get("href", "")).startswith("#"):  # type: ignore[attr-defined]
            furniture: tuple[str, str] | None = ("skip link", "html a")
        else:
            furniture = _furniture(el, in_main and main is not None, main)
        if furniture is not None:
            if text:
                removed.append(Removal(text, *furniture))
            blocks.add(getattr(el, "tail", None), link)
            return
        if kind == "heading" and tag in ("a", "span") and _EDIT.fullmatch(text):
            removed.append(Removal(text, "edit link", "html heading"))
            blocks.add(getattr(el, "tail", None), link)
            return
        if tag == "sup" and _MARK.fullmatch(text):
            removed.append(Removal(text, "footnote mark", "html sup"))
            blocks.add(getattr(el, "tail", None), link)
            return
        if tag == "img" and _collapse(str(el.get("alt", ""))):  # type: ignore[attr-defined]
            removed.append(Removal(_collapse(str(el.get("alt"))), "image alt text", "html img"))  # type: ignore[attr-defined]
        if tag == "br":
            blocks.add(BREAK, link)
        own = tag in BLOCK_TAGS
        if own:
            blocks.flush(kind, level, in_main)
            if tag in HEADINGS:
                kind, level = "heading", int(tag[1])
            elif tag in OWN_BLOCK:
                kind = OWN_BLOCK[tag]
            elif tag == "p":
                kind = "para"
        inner_link = link or tag == "a"
        blocks.pre += tag == "pre"
        blocks.add(el.text, inner_link)  # type: ignore[attr-defined]
        for child in el:  # type: ignore[attr-defined]
            visit(child, in_main, inner_link, kind, level)
        if own:
            blocks.flush(kind, level, in_main)
        blocks.pre -= tag == "pre"
        blocks.add(getattr(el, "tail", None), link)

    body = root.find("body")  # type: ignore[attr-defined]
    visit(body if body is not None else root, main is None, False, "para", 0)
    blocks.flush("para", 0, main is None)
    return blocks.out


def set_aside_furniture(blocks: list[Block]) -> tuple[list[Block], list[Removal]]:
    """Drop link furniture from extracted blocks: a 'References'/'Other languages'/'See also' section
    up to the next heading of the same or a higher level, runs of blocks that are all link text,
    and blocks that are only a URL."""
    kept: list[Block] = []
    removed: list[Removal] = []
    section_level = 0  # > 0 while inside a furniture section
    for k, block in enumerate(blocks):
        if block.kind == "heading" and section_level and block.level <= section_level:
            section_level = 0
        if section_level:
            removed.append(Removal(block.text, "link furniture", "html section"))
        elif block.kind == "heading" and FURNITURE_HEADING.fullmatch(block.text):
            section_level = block.level
            removed.append(Removal(block.text, "link furniture", f"html h{block.level}"))
        elif _labelled_links(block):
            removed.append(Removal(block.text, "link furniture", "html links"))
        elif _all_link(block) and (_all_link_at(blocks, k - 1) or _all_link_at(blocks, k + 1)):
            removed.append(Removal(block.text, "link list", "html links"))
        elif _URL.sub("", block.text).strip(" .,;:-–()[]^*·•|") == "":
            removed.append(Removal(block.text, "URL", "html links"))
        else:
            kept.append(block)
    return kept, removed


def _labelled_links(block: Block) -> bool:
    """'Other languages: Deutsch Français', 'Siehe auch: …': a furniture label over links."""
    label, colon, _rest = block.text.partition(":")
    return bool(colon) and block.link_share >= 0.3 and FURNITURE_HEADING.fullmatch(label.strip() + ":") is not None


def _all_link(block: Block) -> bool:
    return block.kind != "heading" and block.link_share >= 0.9


def _all_link_at(blocks: list[Block], k: int) -> bool:
    return 0 <= k < len(blocks) and _all_link(blocks[k])
