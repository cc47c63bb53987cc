"""Rebuild the reference-builder test corpus (tests/align/corpus/) from Debian packages.

Each document is a German–English pair of po4a/gettext-translated documentation, paired block
by block (corpus_blocks.py), rendered from that clean parallel text through real tools (corpus_render.py):

    de.2col.pdf  groff -ms, two columns, running header, page numbers, footnotes -> pdftotext
    de.1col.pdf  groff -ms, one column                                          -> pdftotext -layout
    de.html, en.html  web pages with navigation and links                       -> lynx -dump, w3m -dump
    de.scrambled.txt  harness.align.scramble (shuffled boxes, hyphens, footnote digits)
    de.pdflike.txt    harness.align.scramble.pdf_like (blocks cut mid-sentence, shuffled nearby, running
                      header, not always a blank line between blocks, pull quotes)

so the gold sentence pairs (gold.tsv) are known exactly. Needs apt-get, dpkg-deb, groff,
poppler-utils, lynx and w3m:

    PYTHONPATH=. .venv/bin/python bench/corpus/make_corpus.py [--debs DIR] [--out tests/align/corpus]
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus_blocks import Pair, html_blocks, pair_blocks
from corpus_render import Page, groff_ms, move_to_footnotes, plain, web_page

from harness.align.corpus import CORPUS
from harness.align.gold import gold_beads, tokens, write_gold
from harness.align.scramble import pdf_like, scramble
from harness.align.segment import split_sentences
from harness.align.tracked import track


@dataclass(frozen=True)
class Doc:
    name: str
    domain: str
    de_package: str
    en_package: str
    version: str
    licence: str
    de_file: str  # inside the extracted package; .gz: a man page, rendered to HTML by groff
    en_file: str
    start: str = ""  # first block: the heading whose English text starts so ("" = the first block)
    stop: str = ""  # the heading starting so ends the document ("" = end of page)
    site: str = "www.debian.org"


DOCS = (
    Doc(
        "history", "history of a free-software project (narrative)", "debian-history", "debian-history", "2.28",
        "GPL-2+", "usr/share/doc/debian-history/docs/detailed.de.html", "usr/share/doc/debian-history/docs/detailed.en.html",
        start="Chapter 4. A Detailed History", stop="4.8. ",
    ),
    Doc(
        "faq-support", "user FAQ (where to get help)", "debian-faq-de", "debian-faq", "11.1",
        "verbatim and modified copies permitted (Debian FAQ copyright, SPI)",
        "usr/share/doc/debian/FAQ/de/support.de.html", "usr/share/doc/debian/FAQ/support.en.html",
    ),
    Doc(
        "maint-guide-start", "tutorial (first steps in packaging)", "maint-guide-de", "maint-guide", "1.2.53",
        "GPL-2+", "usr/share/doc/maint-guide-de/html/start.de.html", "usr/share/doc/maint-guide/html/start.en.html",
    ),
    Doc(
        "kicad-pl-editor", "electronics CAD: page-layout editor manual", "kicad-doc-de", "kicad-doc-en", "6.0.11+dfsg-1",
        "GPL-3+ or CC-BY-3.0+ (KiCad documentation)", "usr/share/doc/kicad/help/de/pl_editor.html",
        "usr/share/doc/kicad/help/en/pl_editor.html", start="1. Introduction to Pl_Editor", stop="", site="docs.kicad.org",
    ),
    Doc(
        "edu-architecture", "school network architecture (administrator manual)", "debian-edu-doc-de", "debian-edu-doc-en",
        "2.12.23~deb12u1", "GPL-2+", "usr/share/doc/debian-edu-doc-de/debian-edu-bookworm-manual.html",
        "usr/share/doc/debian-edu-doc-en/debian-edu-bookworm-manual.html", start="3. Architecture", stop="4. Requirements",
        site="wiki.debian.org",
    ),
    Doc(
        "man-dpkg-deb", "command reference (manual page)", "dpkg", "dpkg", "1.21.23", "GPL-2+",
        "usr/share/man/de/man1/dpkg-deb.1.gz", "usr/share/man/man1/dpkg-deb.1.gz", site="manpages.debian.org",
    ),
    Doc(
        "man-po4a", "software localisation guide (manual page)", "po4a", "po4a", "0.69-1", "GPL-2+",
        "usr/share/man/de/man7/po4a.7.gz", "usr/share/man/man7/po4a.7.gz", site="po4a.org",
    ),
)

# Documents kept out of the committed corpus: rendered only with --held-out (to a directory of one's
# own), to measure the builder on documents it was never tuned on.
HELD_OUT = (
    Doc(
        "man-apt-cache", "package query tool (manual page)", "apt", "apt", "2.6.2", "GPL-2+",
        "usr/share/man/de/man8/apt-cache.8.gz", "usr/share/man/man8/apt-cache.8.gz", site="manpages.debian.org",
    ),
    Doc(
        "man-man", "manual pager (manual page)", "man-db", "man-db", "2.11.2-2", "GPL-2+",
        "usr/share/man/de/man1/man.1.gz", "usr/share/man/man1/man.1.gz", site="manpages.debian.org",
    ),
    Doc(
        "dref-network", "network setup (reference manual chapter)", "debian-reference-de", "debian-reference-en", "2.100",
        "GPL-2+", "usr/share/debian-reference/ch05.de.html", "usr/share/debian-reference/ch05.en.html",
    ),
)

# A second held-out set (--held-out 2), chosen after the first had been tuned on: other domains again
# (an essay, a query tool's manual page, a system-tips chapter; not ch. 6, which unit tests quote).
HELD_OUT_2 = (
    Doc(
        "manifesto", "essay (a project's founding manifesto)", "debian-history", "debian-history", "2.28", "GPL-2+",
        "usr/share/doc/debian-history/docs/manifesto.de.html", "usr/share/doc/debian-history/docs/manifesto.en.html",
    ),
    Doc(
        "man-dpkg-query", "package database query tool (manual page)", "dpkg", "dpkg", "1.21.23", "GPL-2+",
        "usr/share/man/de/man1/dpkg-query.1.gz", "usr/share/man/man1/dpkg-query.1.gz", site="manpages.debian.org",
    ),
    Doc(
        "dref-tips", "system tips (reference manual chapter)", "debian-reference-de", "debian-reference-en",
        "2.100", "GPL-2+", "usr/share/debian-reference/ch09.de.html", "usr/share/debian-reference/ch09.en.html",
    ),
)
# A third held-out set (--held-out 3), chosen after the second had been tuned on: a project's duties
# (Sphinx-built HTML, a generator not used before), a configuration file's manual page (section 5, pinning
# rules and their examples) and a data-management chapter.
HELD_OUT_3 = (
    Doc(
        "devref-duties", "a volunteer project's duties (developers' handbook chapter)", "developers-reference-de",
        "developers-reference", "12.18", "GPL-2", "usr/share/developers-reference/de/developer-duties.html",
        "usr/share/developers-reference/developer-duties.html", start="3.1. Package Maintainer",
        stop="Table of Contents",
    ),
    Doc(
        "man-apt-preferences", "package pinning configuration (manual page, section 5)", "apt", "apt", "2.6.2",
        "GPL-2+", "usr/share/man/de/man5/apt_preferences.5.gz", "usr/share/man/man5/apt_preferences.5.gz",
        stop="SEE ALSO", site="manpages.debian.org",
    ),
    Doc(
        "dref-data", "data management (reference manual chapter)", "debian-reference-de", "debian-reference-en",
        "2.100", "GPL-2+", "usr/share/debian-reference/ch10.de.html", "usr/share/debian-reference/ch10.en.html",
    ),
)
# A fourth held-out set (--held-out 4), kept from every tuning session: measured only before and after
# a round, as the nearest thing to the independent checks (a sources.list manual page, a
# developers' resources chapter, an internationalisation chapter).
HELD_OUT_4 = (
    Doc(
        "man-sources-list", "package sources configuration (manual page, section 5)", "apt", "apt", "2.6.2",
        "GPL-2+", "usr/share/man/de/man5/sources.list.5.gz", "usr/share/man/man5/sources.list.5.gz",
        stop="SEE ALSO", site="manpages.debian.org",
    ),
    Doc(
        "devref-resources", "resources for a project's members (developers' handbook chapter)",
        "developers-reference-de", "developers-reference", "12.18", "GPL-2",
        "usr/share/developers-reference/de/resources.html", "usr/share/developers-reference/resources.html",
        start="4.1. Mailing lists", stop="Table of Contents",
    ),
    Doc(
        "dref-i18n", "internationalisation and localisation (reference manual chapter)", "debian-reference-de",
        "debian-reference-en", "2.100", "GPL-2+", "usr/share/debian-reference/ch08.de.html",
        "usr/share/debian-reference/ch08.en.html",
    ),
)
# A fifth held-out set (--held-out 5), made when set 4 had been read once: a daemon starter's manual page
# (section 8), an application procedure (developers' handbook) and a desktop-system chapter.
HELD_OUT_5 = (
    Doc(
        "man-start-stop-daemon", "daemon starter (manual page, section 8)", "dpkg", "dpkg", "1.21.23", "GPL-2+",
        "usr/share/man/de/man8/start-stop-daemon.8.gz", "usr/share/man/man8/start-stop-daemon.8.gz",
        site="manpages.debian.org",
    ),
    Doc(
        "devref-new-maintainer", "applying to a volunteer project (developers' handbook chapter)",
        "developers-reference-de", "developers-reference", "12.18", "GPL-2",
        "usr/share/developers-reference/de/new-maintainer.html", "usr/share/developers-reference/new-maintainer.html",
        start="2.1. Getting started", stop="Table of Contents",
    ),
    Doc(
        "dref-gui", "desktop system (reference manual chapter)", "debian-reference-de", "debian-reference-en",
        "2.100", "GPL-2+", "usr/share/debian-reference/ch07.de.html", "usr/share/debian-reference/ch07.en.html",
    ),
)
HELD_OUT_SETS = {"1": HELD_OUT, "2": HELD_OUT_2, "3": HELD_OUT_3, "4": HELD_OUT_4, "5": HELD_OUT_5}

FOOTER = "Debian-Dokumentation"
SCRAMBLE_SEED = 11


SOURCE_DATE_EPOCH = "1706659200"  # 2024-01-31: PDFs carry this date, so a rebuild is byte-identical


def run(cmd: Sequence[str], stdin: bytes | None = None, cwd: Path | None = None) -> bytes:
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    return subprocess.run(list(cmd), input=stdin, cwd=cwd, env=env, check=True, capture_output=True).stdout


def unpack(package: str, version: str, debs: Path) -> Path:
    """apt-get download the exact version once; its files extracted beside the .deb."""
    root = debs / f"{package}_{version}"
    if not root.is_dir():
        debs.mkdir(parents=True, exist_ok=True)
        run(["apt-get", "download", f"{package}={version}"], cwd=debs)
        deb = max(debs.glob(f"{package}_*.deb"), key=lambda p: p.stat().st_mtime)
        run(["dpkg-deb", "-x", str(deb), str(root)])
    return root


def read_page(root: Path, name: str) -> str:
    """A page's HTML; a man page is rendered to HTML by groff first."""
    path = root / name
    if path.suffix == ".gz":  # in a scratch folder: grohtml writes the images of tables there
        with tempfile.TemporaryDirectory() as scratch:
            return run(["groff", "-man", "-Thtml", "-Kutf8"], stdin=gzip.decompress(path.read_bytes()), cwd=Path(scratch)).decode("utf-8")
    return path.read_text(encoding="utf-8", errors="replace")


def select(pairs: list[Pair], start: str, stop: str) -> list[Pair]:
    """The blocks from the start heading to (not including) the stop heading."""
    first = next(k for k, p in enumerate(pairs) if not start or (p.role == "heading" and p.en.startswith(start)))
    last = next((k for k, p in enumerate(pairs) if k > first and p.role == "heading" and stop and p.en.startswith(stop)), len(pairs))
    return pairs[first:last]


def unique(pairs: list[Pair]) -> list[Pair]:
    """Blocks whose sentences all occur once in the document (a repeated sentence would make
    its gold links ambiguous)."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for p in pairs:
        keys = [
            ("de", *tokens(s.text)) for s in split_sentences(track(p.de), "de")
        ] + [("en", *tokens(s.text)) for s in split_sentences(track(p.en), "en")]
        if not seen.intersection(keys):
            out.append(p)
        seen.update(keys)
    return out


def clean_pairs(doc: Doc, debs: Path) -> tuple[list[Pair], int]:
    de_root = unpack(doc.de_package, doc.version, debs)
    en_root = unpack(doc.en_package, doc.version, debs)
    pairs, dropped = pair_blocks(html_blocks(read_page(de_root, doc.de_file)), html_blocks(read_page(en_root, doc.en_file)))
    chosen = unique(select(pairs, doc.start, doc.stop))
    return chosen, dropped


def write_document(doc: Doc, pairs: list[Pair], out: Path) -> dict[str, str]:
    """All files of one document; returns its manifest row."""
    out.mkdir(parents=True, exist_ok=True)
    marked, notes = move_to_footnotes(pairs)
    clean = [Pair(p.role, plain(p.de), p.en) for p in marked]
    (out / "clean.tsv").write_text(
        "role\tde\ten\n" + "".join(f"{p.role}\t{p.de}\t{p.en}\n" for p in clean), encoding="utf-8"
    )
    beads = gold_beads(((p.role, p.de, p.en) for p in clean), "de", "en")
    (out / "gold.tsv").write_text(write_gold(beads), encoding="utf-8")

    header = f"{doc.de_package} {doc.version}"
    de_page = Page(marked[0].de, header, tuple((p.role, p.de) for p in marked[1:]), tuple(notes))
    en_page = Page(marked[0].en, header, tuple((p.role, p.en) for p in marked[1:]))
    related = [("Debian", "https://www.debian.org/"), (doc.en_package, f"https://packages.debian.org/{doc.en_package}")]
    for columns in (1, 2):
        ms = out / f"de.{columns}col.ms"
        ms.write_text(groff_ms(de_page, columns, FOOTER), encoding="utf-8")
        (out / f"de.{columns}col.pdf").write_bytes(run(["groff", "-k", "-ms", "-mde", "-Tpdf", str(ms)]))
    run(["pdftotext", str(out / "de.2col.pdf"), str(out / "de.2col.txt")])
    run(["pdftotext", "-layout", str(out / "de.1col.pdf"), str(out / "de.1col.layout.txt")])
    for lang, page in (("de", de_page), ("en", en_page)):
        html_file = out / f"{lang}.html"
        html_file.write_text(web_page(page, lang, doc.site, related), encoding="utf-8")
        lynx = ["lynx", "-dump", "-display_charset=UTF-8", "-assume_local_charset=UTF-8", str(html_file)]
        (out / f"{lang}.lynx.txt").write_bytes(run(lynx))
        (out / f"{lang}.w3m.txt").write_bytes(run(["w3m", "-dump", "-cols", "80", "-I", "UTF-8", "-O", "UTF-8", str(html_file)]))
    scrambled, _ = scramble([p.de for p in clean], seed=SCRAMBLE_SEED)
    (out / "de.scrambled.txt").write_text(scrambled + "\n", encoding="utf-8")
    pdflike, _ = pdf_like([p.de for p in clean], seed=SCRAMBLE_SEED, header=FOOTER)
    (out / "de.pdflike.txt").write_text(pdflike + "\n", encoding="utf-8")
    sentences = sum(len(b.src) for b in beads)
    return {
        "doc": doc.name,
        "domain": doc.domain,
        "packages": doc.de_package if doc.de_package == doc.en_package else f"{doc.de_package}, {doc.en_package}",
        "version": doc.version,
        "licence": doc.licence,
        "files": f"{doc.de_file} | {doc.en_file}",
        "blocks": str(len(clean)),
        "de_sentences": str(sentences),
        "gold_beads": str(len(beads)),
        "footnotes": str(len(notes)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--debs", type=Path, default=Path("/tmp/mt-harness-corpus-debs"), help="download cache")
    parser.add_argument("--out", type=Path, default=CORPUS)
    parser.add_argument("--doc", action="append", help="only these documents (default: all)")
    parser.add_argument(
        "--held-out", nargs="?", const="1", choices=sorted(HELD_OUT_SETS),
        help="a held-out set (1: HELD_OUT, the default; 2-5: HELD_OUT_2 ... HELD_OUT_5) instead of the corpus (give --out)",
    )
    args = parser.parse_args()
    if args.held_out and args.out == CORPUS:
        sys.exit("error: --held-out documents stay out of the committed corpus; give --out DIR")
    for tool in ("apt-get", "dpkg-deb", "groff", "pdftotext", "lynx", "w3m"):
        if shutil.which(tool) is None:
            sys.exit(f"error: {tool} not found (apt-get install groff poppler-utils lynx w3m)")
    rows = []
    for doc in HELD_OUT_SETS[args.held_out] if args.held_out else DOCS:
        if args.doc and doc.name not in args.doc:
            continue
        pairs, dropped = clean_pairs(doc, args.debs)
        row = write_document(doc, pairs, args.out / doc.name)
        rows.append(row)
        print(f"{doc.name}: {row['blocks']} blocks ({dropped} dropped on the whole page), {row['de_sentences']} German sentences")
    if not args.doc:
        keys = list(rows[0])
        manifest = "\t".join(keys) + "\n" + "".join("\t".join(r[k] for k in keys) + "\n" for r in rows)
        (args.out / "manifest.tsv").write_text(manifest, encoding="utf-8")
        (args.out / "tools.tsv").write_text(tool_versions(), encoding="utf-8")


def tool_versions() -> str:
    """The Debian packages that rendered and extracted the files (their output differs by version)."""
    packages = ("groff", "groff-base", "poppler-utils", "lynx", "w3m")
    rows = run(["dpkg-query", "-W", "-f", "${Package}\t${Version}\n", *packages]).decode()
    return "package\tversion\n" + rows


if __name__ == "__main__":
    main()
