"""Named test sets through sacrebleu's dataset API, from a cache laid out exactly as sacrebleu lays it out."""

from __future__ import annotations

import csv
import io
import json
import tarfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from harness.errors import HarnessError
from harness.references import load_reference

from .conftest import run, write

#: sacrebleu 2.x's wmt23 entry: this tarball, extracted under raw/, holds this file per language pair.
TOP = "wmt23-news-systems-v.0.1"
XML = f"{TOP}/xml/wmttest2023.de-en.all.xml"
TARBALL = "wmt23.v.0.1.tar.gz"  # sacrebleu's name: "<test set>.<URL basename>"

#: Per segment: source, reference by translator refA, by refB, a system's output.
ROWS = [
    ("Der Zug hatte zwei Stunden  Verspätung.", "The train was two hours late.",
     "The train was delayed by two hours.", "The train had two hours delay."),
    ("Kinder unter sechs fahren kostenlos.", "Children under six travel free.", "Kids under six ride for free.",
     "Children under six ride free."),
    ("Die Regierung stellte am Dienstag einen neuen Haushalt vor.", "On Tuesday the government presented a new budget.",
     "The government unveiled a new budget on Tuesday.", "The government presented a new budget on Tuesday."),
    ("Bitte schalten Sie Ihr Telefon aus.", "Please switch off your phone.", "Please turn your phone off.",
     "Please switch your phone off."),
    ("Das Museum ist montags geschlossen.", "The museum is closed on Mondays.", "The museum is shut on Mondays.",
     "The museum is closed Mondays."),
]
SRC, REF_A, REF_B, HYP = (list(column) for column in zip(*ROWS))


def _segments(tag: str, attrs: str, lines: list[str], ids: range) -> str:
    segs = "".join(f'<seg id="{i + 1}">{escape(lines[i])}</seg>' for i in ids)
    return f"<{tag} {attrs}><p>{segs}</p></{tag}>"


def _wmt_xml() -> str:
    """WMT21+ format: documents with the source, references by translator, and system outputs."""
    docs = []
    for number, ids in enumerate((range(0, 3), range(3, 5)), start=1):
        docs.append(f'<doc id="doc{number}" origlang="de" domain="news">'
                    + _segments("src", 'lang="de"', SRC, ids)
                    + _segments("ref", 'lang="en" translator="refA"', REF_A, ids)
                    + _segments("ref", 'lang="en" translator="refB"', REF_B, ids)
                    + _segments("hyp", 'language="en" system="sysX"', HYP, ids) + "</doc>")
    return ("<?xml version='1.0' encoding='utf-8'?>\n<dataset id=\"wmttest2023\"><collection id=\"general\">"
            + "".join(docs) + "</collection></dataset>\n")


def sacrebleu_cache(root: Path) -> Path:
    """``$SACREBLEU`` after ``sacrebleu --download wmt23``: the tarball in raw/ and its contents extracted there."""
    raw = root / "wmt23" / "raw"
    data = _wmt_xml().encode("utf-8")
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo(XML)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    (raw / XML).parent.mkdir(parents=True)
    (raw / TARBALL).write_bytes(buffer.getvalue())
    with tarfile.open(raw / TARBALL) as tar:
        tar.extractall(raw, filter="data")
    return root


def test_named_test_set_equals_sacrebleu_cli(tmp_path: Path, harness_scores) -> None:
    env = {"SACREBLEU": str(sacrebleu_cache(tmp_path / "sacrebleu"))}
    hyp = write(tmp_path / "hyp.txt", HYP)
    scores = harness_scores("reference=sacrebleu", "reference.test_set=wmt23", "reference.langpair=de-en",
                            "reference.download=false", "system=file", f"system.path={hyp}", "metrics=[bleu,chrf]",
                            name="wmt23-de-en", env=env)
    out = run("sacrebleu", "-t", "wmt23", "-l", "de-en", "-i", str(hyp), "-m", "bleu", "chrf", "-w", "14",
              env=env).stdout
    cli = {entry["name"]: entry for entry in json.loads(out)}
    for key, name in (("bleu", "BLEU"), ("chrf", "chrF2")):
        ours = scores["metrics"][key]
        assert ours["signature"] == cli[name]["signature"]
        assert f"{ours['score']:.12f}" == f"{float(cli[name]['score']):.12f}"
    assert scores["reference"]["segments"] == 5 and scores["reference"]["name"] == "wmt23-de-en"
    # sacrebleu's processed files, where sacrebleu puts them; its default reference (refA) only, as its CLI.
    processed = tmp_path / "sacrebleu" / "wmt23"
    assert (processed / "wmt23.de-en.src").read_text(encoding="utf-8").splitlines()[0] == \
        "Der Zug hatte zwei Stunden Verspätung."
    assert "nrefs:1" in scores["metrics"]["bleu"]["signature"]
    src_echo = run("sacrebleu", "-t", "wmt23", "-l", "de-en", "--echo", "src", env=env).stdout.splitlines()
    hyps_run = tmp_path / "results" / "wmt23-de-en" / "file-hyp.txt" / "segments.tsv"
    with hyps_run.open(encoding="utf-8", newline="") as handle:  # text cells quoted (CSV rules, tabs)
        assert [row[1] for row in list(csv.reader(handle, delimiter="\t"))[1:]] == src_echo


def test_not_in_the_cache_says_how_to_fetch_it(tmp_path: Path) -> None:
    env = {"SACREBLEU": str(tmp_path / "empty")}
    proc = run("harness", "reference=sacrebleu", "reference.test_set=wmt23", "reference.langpair=de-en",
               "reference.download=false", "system=identity", f"results_dir={tmp_path / 'r'}", env=env, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"error: sacrebleu test set wmt23 de-en is not in the local cache {tmp_path / 'empty'} "
        "(reference.download=false); fetch it where there is network with `sacrebleu --download wmt23 -l de-en` "
        f"and copy its folder wmt23 into {tmp_path / 'empty'}"]


def test_offline_download_fails_in_one_line(tmp_path: Path) -> None:
    """A download that cannot connect (a proxy on a closed port stands in for no network) is one line."""
    closed = "http://127.0.0.1:9"
    env = {"SACREBLEU": str(tmp_path / "empty"), "https_proxy": closed, "HTTPS_PROXY": closed, "no_proxy": "",
           "NO_PROXY": ""}
    proc = run("harness", "reference=sacrebleu", "reference.test_set=wmt23", "reference.langpair=de-en",
               "system=identity", f"results_dir={tmp_path / 'r'}", env=env, check=False)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot download sacrebleu test set wmt23 (")
    assert "sacrebleu --download wmt23 -l de-en" in lines[0]


@pytest.mark.parametrize("cfg, message", [
    ({"test_set": "wmt99", "langpair": "de-en"}, r"sacrebleu has no test set 'wmt99' \(e.g. wmt2"),
    ({"test_set": "wmt23", "langpair": "de-fr"},
     r"sacrebleu test set 'wmt23' has no language pair 'de-fr'; it has: cs-uk, de-en"),
])
def test_unknown_set_or_pair_is_named(cfg: dict, message: str) -> None:
    with pytest.raises(HarnessError, match=message):
        load_reference({**cfg, "download": False})
