"""The PDF reader on real typesetting: groff -ms two-column pages made here, read back by geometry.

The parallel German/English text lives in tests/align/data/readers/ in a tiny markup ('# title',
'## heading', paragraphs, '[^footnote]'); the German is typeset by groff with running headers,
page numbers in the footer and footnotes, the English is rendered as a web page with furniture.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.align.readers import read_document
from harness.align.readers.base import Removal
from harness.align.readers.boxes import group_lines
from harness.align.readers.pdf import load_pages
from harness.align.readers.pdf_noise import is_page_number

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data" / "readers"
NOTE = re.compile(r"\[\^([^\]]+)\]")

needs_groff = pytest.mark.skipif(
    shutil.which("groff") is None or shutil.which("gropdf") is None,
    reason="groff's PDF output (gropdf) is not installed: apt-get install groff",
)


def parse(markup: str) -> list[tuple[str, str]]:
    """('title'|'heading'|'para', text) blocks of the test data's markup."""
    blocks = []
    for block in markup.strip().split("\n\n"):
        if block.startswith("## "):
            blocks.append(("heading", block[3:]))
        elif block.startswith("# "):
            blocks.append(("title", block[2:]))
        else:
            blocks.append(("para", " ".join(block.split())))
    return blocks


def to_ms(blocks: list[tuple[str, str]], header: str, hyphenate: bool = True) -> str:
    """groff -ms source: small pages, two columns, running header with 'Seite N', '– N –' footer."""
    out = [".nr PO 0.5i", ".nr LL 4.5i", ".nr HM 0.6i", ".nr FM 0.7i", ".pl 4.5i", f".ds LH {header}",
           ".ds CH", ".ds RH Seite %", r".ds CF \(en\~%\~\(en", "" if hyphenate else ".nh"]
    for kind, text in blocks:
        if kind == "title":
            out += [".TL", text, ".2C"]
        elif kind == "heading":
            out += [".SH", text]
        else:
            out.append(".PP")
            for piece in re.split(r"(\[\^[^\]]+\])", text):
                note = NOTE.fullmatch(piece)
                if note:  # the mark glued to the word before, the note at the column foot
                    out[-1] += r"\**"
                    out += [".FS", note.group(1), ".FE"]
                elif piece.strip():
                    out.append(piece.strip())
    return "\n".join(out) + "\n"


def typeset(ms: str, path: Path) -> Path:
    source = path.with_suffix(".ms")
    source.write_text(ms, encoding="utf-8")
    with path.open("wb") as pdf:
        subprocess.run(["groff", "-ms", "-Tpdf", "-Kutf8", "-P-p4.5i,5.5i", str(source)], stdout=pdf, stderr=subprocess.PIPE, check=True)
    return path


def to_html(blocks: list[tuple[str, str]]) -> str:
    """A web page around the text: skip link, navigation, note marks as links, a References list
    of URLs, image alt text, a footer with 'Other languages'."""
    body, notes = [], []
    for kind, text in blocks:
        def mark(m: re.Match[str]) -> str:
            notes.append(m.group(1))
            return f'<sup><a href="#n{len(notes)}">[{len(notes)}]</a></sup>'

        text = NOTE.sub(mark, html.escape(text, quote=False))
        tag = {"title": "h1", "heading": "h2"}.get(kind, "p")
        body.append(f"<{tag}>{text}</{tag}>")
    body.insert(2, '<figure><img src="bridge.jpg" alt="The bridge in winter"></figure>')
    refs = "".join(f'<li id="n{k}">{n} <a href="https://example.org/{k}">https://example.org/{k}</a></li>'
                   for k, n in enumerate(notes, start=1))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Lindenau</title>'
        "<script>var x = 1;</script></head><body>"
        '<a href="#main">Skip to content</a>'
        '<header><a href="/">Town Magazine</a><nav><ul><li><a href="/">Home</a></li>'
        '<li><a href="/history">History</a></li></ul></nav></header>'
        f'<main id="main"><article>{"".join(body)}<h2>References</h2><ol>{refs}</ol></article></main>'
        '<footer><p>Other languages: <a href="/de">Deutsch</a> <a href="/fr">Français</a></p>'
        "<p>© 2024 Town Magazine</p></footer></body></html>\n"
    )


def paragraphs(text: str) -> list[str]:
    """Blocks of the reader's text (blank-line separated), lines joined, line-end hyphens closed."""
    return [re.sub(r"-\n(?=[a-zäöüß])", "", block).replace("\n", " ") for block in text.strip().split("\n\n")]


@pytest.fixture(scope="module")
def german() -> list[tuple[str, str]]:
    return parse((DATA / "bruecke.de.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pdf(german: list[tuple[str, str]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("groff") is None or shutil.which("gropdf") is None:
        pytest.skip("groff's PDF output (gropdf) is not installed: apt-get install groff")
    return typeset(to_ms(german, "Lindenau"), tmp_path_factory.mktemp("pdf") / "bruecke.pdf")


def _page_texts(path: Path) -> list[str]:
    """A naive reading: each page line by line across its whole width."""
    pages = load_pages(path.read_bytes(), str(path))
    return ["\n".join(line.text for line in group_lines(page.words)) for page in pages]


@needs_groff
def test_two_columns_are_read_in_order_and_paragraphs_stay_whole(pdf: Path, german: list[tuple[str, str]]) -> None:
    expected = [NOTE.sub("", text) for _, text in german]
    pages = _page_texts(pdf)
    # the layout really is two columns over pages: a naive line-by-line reading interleaves them
    assert "Der Bau Bögen aus grauem" in pages[0]
    assert "Bald nach der Eröffnung" in pages[0] and "Wolle. Am Sonntag" in pages[1]
    doc = read_document(pdf, "source")
    assert paragraphs(doc.text) == expected
    assert "bei-\nden Ufer" in doc.text  # hyphenated line ends are kept; the builder decides


@needs_groff
def test_three_columns_are_read_left_to_right(german: list[tuple[str, str]], tmp_path: Path) -> None:
    ms = to_ms(german, "Lindenau").replace(".2C", ".MC 1.4i 0.15i")  # three 1.4-inch columns
    pdf = typeset(ms, tmp_path / "three.pdf")
    assert "beschloss der Stadtrat grauem Sandstein.2 Brücke" in _page_texts(pdf)[0]  # naive reading interleaves
    doc = read_document(pdf, "source")
    assert paragraphs(doc.text) == [NOTE.sub("", text) for _, text in german]
    assert {r.reason for r in doc.removed} == {"page number", "running header", "footnote area", "footnote mark"}


@needs_groff
def test_headers_page_numbers_footnotes_and_marks_are_removed_with_reasons(pdf: Path) -> None:
    doc = read_document(pdf, "source")
    assert set(doc.removed) == {
        Removal("– 1 –", "page number", "page 1"),
        Removal("Lindenau", "running header", "page 2"),
        Removal("Seite 2", "page number", "page 2"),
        Removal("– 2 –", "page number", "page 2"),
        Removal("1 Nach der Stadtchronik von 1860.", "footnote area", "page 1"),
        Removal("2 Der Sandstein wurde auf Booten gebracht.", "footnote area", "page 1"),
        Removal("1", "footnote mark", "page 1, after 'Taler.'"),
        Removal("2", "footnote mark", "page 1, after 'Sandstein.'"),
    }
    for noise in ("Seite", "–", "Stadtchronik", "Booten", "Taler.1", "Sandstein.2"):
        assert noise not in doc.text


@needs_groff
def test_running_header_repeated_over_many_pages(german: list[tuple[str, str]], tmp_path: Path) -> None:
    """Three copies of the text: the header repeats on pages 2.., the footnote at a page foot is
    set aside while the paragraph it interrupts goes on in the next column."""
    blocks = german + [(k, t.replace("[^", "[^Wieder: ")) for k, t in german[1:]] * 2
    doc = read_document(typeset(to_ms(blocks, "Chronik der Stadt Lindenau"), tmp_path / "long.pdf"), "source")
    reasons = {(r.reason, r.text) for r in doc.removed}
    pages = max(int(r.where.split()[1].rstrip(",")) for r in doc.removed)
    assert pages >= 4
    assert {("running header", "Chronik der Stadt Lindenau")} <= reasons
    assert {("page number", f"Seite {n}") for n in range(2, pages + 1)} <= reasons
    assert {("page number", f"– {n} –") for n in range(1, pages + 1)} <= reasons
    assert sum(r.reason == "footnote area" for r in doc.removed) == 6
    assert paragraphs(doc.text) == [NOTE.sub("", t) for _, t in blocks]


@pytest.mark.parametrize("text", ["3", "- 3 -", "–3–", "— 12 —", "Seite 3", "Page 3 of 9", "S. 4", "xiv", "3/9"])
def test_page_number_forms(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["Kapitel 3", "1850 wurde", "civil", "3. Der Bau", "Seite", ""])
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "harness.build_reference", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)


@needs_groff
def test_build_reference_from_a_two_column_pdf_and_a_web_page(pdf: Path, german: list[tuple[str, str]], tmp_path: Path) -> None:
    english = parse((DATA / "bridge.en.txt").read_text(encoding="utf-8"))
    page = tmp_path / "bridge.html"
    page.write_text(to_html(english), encoding="utf-8")
    out = tmp_path / "out"
    run = _cli(f"src={pdf}", f"tgt={page}", "src_lang=de", "tgt_lang=en", f"out={out}")
    assert run.returncode == 0, run.stderr
    de = (out / "aligned.de").read_text(encoding="utf-8").splitlines()
    en = (out / "aligned.en").read_text(encoding="utf-8").splitlines()
    from harness.align.segment import split_sentences
    from harness.align.tracked import track

    def sentences(blocks: list[tuple[str, str]], lang: str) -> list[str]:
        return [s.text for kind, text in blocks for s in
                ([track(NOTE.sub("", text), 1)] if kind != "para" else split_sentences(track(NOTE.sub("", text), 1), lang))]

    assert list(zip(de, en)) == list(zip(sentences(german, "de"), sentences(english, "en")))
    assert run.stdout.splitlines()[-2] == (
        "  layout noise set aside (removed.tsv): src footnote area 2, footnote mark 2, page number 3, running header 1; "
        "tgt footnote mark 1, image alt text 1, link furniture 2, page footer 1, page header 1, skip link 1"
    )
    removed = (out / "removed.tsv").read_text(encoding="utf-8").splitlines()
    assert removed[0] == "side\treason\twhere\ttext"
    rows = {tuple(line.split("\t")[:2]) for line in removed[1:]}
    assert rows == {
        ("src", "page number"), ("src", "running header"), ("src", "footnote area"), ("src", "footnote mark"),
        ("tgt", "skip link"), ("tgt", "page header"), ("tgt", "footnote mark"), ("tgt", "image alt text"),
        ("tgt", "link furniture"), ("tgt", "page footer"),
    }


def _quality(built: list[tuple[str, str]], de: list[str], en: list[str]) -> tuple[float, float]:
    """Precision: links whose two sentences come from the same paragraph pair; recall: links found
    among the sentence pairs of paragraphs with as many sentences on both sides."""
    from harness.align.segment import split_sentences
    from harness.align.tracked import track

    def key(text: str) -> str:
        return re.sub(r"[\s\-]", "", text)

    def owners(text: str, paragraphs: list[str]) -> set[int]:
        return {k for k, p in enumerate(paragraphs) if key(text) and key(text) in key(p)}

    truth = set()
    for d, e in zip(de, en):
        ds, es = split_sentences(track(d), "de"), split_sentences(track(e), "en")
        if len(ds) == len(es):
            truth |= {(a.text, b.text) for a, b in zip(ds, es)}
    right = sum(bool(owners(a, de) & owners(b, en)) for a, b in built)
    return right / len(built), len(set(built) & truth) / len(truth)


@needs_groff
def test_man_page_as_pdf_and_web_page_aligns_as_well_as_its_plain_text(data_dir: Path, ding: object, tmp_path: Path) -> None:
    """apt-get(8): German typeset on 11 small two-column pages, English as a web page; the build
    must be as good as the build from the clean paragraphs (measured: P 0.947 / R 0.931 against
    0.955 / 0.954; what is lost are line-end hyphens in paths and a two-line heading)."""
    from itertools import product

    from harness.align.pipeline import build
    from harness.align.similarity import LexicalScorer

    de = [p.strip() for p in (data_dir / "apt-get.de.txt").read_text(encoding="utf-8").split("\n\n")]
    en = [p.strip() for p in (data_dir / "apt-get.en.txt").read_text(encoding="utf-8").split("\n\n")]

    def blocks(paragraphs: list[str]) -> list[tuple[str, str]]:
        return [("title", "apt-get(8)")] + [("heading" if len(p.split()) <= 4 and not p.endswith(".") else "para", p) for p in paragraphs]

    pdf = typeset(to_ms(blocks(de), "APT-GET(8)"), tmp_path / "apt-get.pdf")
    page = tmp_path / "apt-get.html"
    page.write_text(to_html(blocks(en)), encoding="utf-8")
    source, target = read_document(pdf, "source"), read_document(page, "target")
    assert sum(r.reason == "running header" for r in source.removed) >= 10
    scores = {}
    for name, (src, tgt) in {"plain": ("\n\n".join(de), "\n\n".join(en)), "read": (source.text, target.text)}.items():
        result = build(src, tgt, "de", "en", LexicalScorer("de", "en", ding), ding)  # type: ignore[arg-type]
        scores[name] = _quality([(a.text, b.text) for p in result.pairs for a, b in product(p.src, p.tgt)], de, en)
    print(f"apt-get(8) from PDF + web page: P {scores['read'][0]:.3f} R {scores['read'][1]:.3f}; plain text {scores['plain']}")
    assert scores["read"][0] >= scores["plain"][0] - 0.01 and scores["read"][1] >= scores["plain"][1] - 0.03
