"""Paragraph- and document-level runs end to end: the oracle, a document-level file, the structure files."""

from __future__ import annotations

import pytest
import sacrebleu

from harness.align.model import AlignedPair, Alignment, Unit
from harness.align.output import render
from harness.errors import HarnessError
from harness.html_report import read_tsv
from harness.references import load_reference
from harness.structure import content_hash, make_units
from tests.units.conftest import ROOT, column, scores_of

METRICS = "metrics=[bleu,chrf]"
KAS = ROOT / "references" / "kas_colombia_nato"


def test_oracle_paragraphs_score_exactly_what_the_sentence_reference_scores(cli, tmp_path):
    sentence = cli("system=reference", METRICS)
    paragraph = cli("system=reference", "unit=paragraph", METRICS)
    assert sentence.returncode == 0, sentence.stderr
    assert paragraph.returncode == 0, paragraph.stderr
    plain = tmp_path / "results" / "kas_colombia_nato" / "reference"
    units = tmp_path / "results" / "kas_colombia_nato.paragraph" / "reference"
    assert column(units, "hyp") == column(units, "ref") == column(plain, "hyp")  # every sentence cut back exactly
    s, p = scores_of(plain), scores_of(units)
    for key in ("bleu", "chrf"):
        assert p["metrics"][key]["score"] == s["metrics"][key]["score"] == pytest.approx(100.0, abs=1e-9)
        assert p["metrics"][key]["signature"] == s["metrics"][key]["signature"] + "|unit:paragraph|reseg:mwer"
    unit = p["unit"]
    assert (unit["unit"], unit["reseg"], unit["units"]) == ("paragraph", "mwer", 38)
    assert unit["metrics"]["unit-bleu"]["score"] == pytest.approx(100.0, abs=1e-9)
    assert unit["metrics"]["unit-bleu"]["signature"].endswith("|unit:paragraph")
    rows = read_tsv(units / "units.tsv")
    assert len(rows) == 38 and list(rows.iloc[0])[:4] == ["1", "kas_colombia_nato", "1", "1"]
    board = (tmp_path / "results" / "kas_colombia_nato.paragraph" / "leaderboard.md").read_text(encoding="utf-8")
    assert board.startswith("Unit: paragraph (")
    assert "BLEU (paragraph) ↑" in board
    page = (tmp_path / "results" / "kas_colombia_nato.paragraph" / "report.html").read_text(encoding="utf-8")
    assert page.count('<table class="segments unit"') == 38
    assert "<caption>Paragraph 4 · document kas_colombia_nato · sentences 4–5</caption>" in page
    assert "BLEU 100.00 · chrF 100.00" in page


def test_command_systems_get_one_line_per_unit(cli, tmp_path):
    for system in ("system=identity", "system=command"):
        run = cli(system, "system.command=cat" if system == "system=command" else "system.cache=false",
                  "unit=paragraph", "metrics=[chrf]")
        assert run.returncode == 0, run.stderr
    results = tmp_path / "results" / "kas_colombia_nato.paragraph"
    units = read_tsv(results / "command" / "units.tsv")
    assert list(units["hyp"]) == list(units["src"])  # cat: hyp = src
    assert column(results / "command", "hyp") == column(results / "identity", "hyp")
    assert scores_of(results / "command")["metrics"]["chrf"]["score"] == pytest.approx(28.87, abs=0.005)


def test_document_level_file_with_other_line_count_is_resegmented_and_scored(cli, tmp_path):
    refs = (ROOT / "references" / "sample_deen" / "aligned.en").read_text(encoding="utf-8").splitlines()
    museum = refs[5].replace("Mondays and open", "Mondays. And open")  # one sentence split in two
    text = (f"{refs[0]} {refs[1][:-1]}; {refs[2]} {refs[3]}\n\n"  # sentences 2 and 3 merged
            f"{refs[4]} {museum}\n\n{refs[6]} {' '.join(refs[8:])}\n")  # sentence 8 dropped
    hyp_file = tmp_path / "document.en"
    hyp_file.write_text(text, encoding="utf-8")
    no_blank = tmp_path / "lines.en"
    no_blank.write_text(text.replace("\n\n", "\n"), encoding="utf-8")
    strict = cli("reference=sample_deen", "system=file", f"system.path={no_blank}", METRICS)
    assert strict.returncode == 2
    assert "has 3 lines but reference set 'sample_deen' has 12 segments; if it is a document-level" in strict.stderr
    run = cli("reference=sample_deen", "system=file", f"system.path={hyp_file}", "system.segmented=false", METRICS)
    assert run.returncode == 0, run.stderr
    assert "3 lines of" in run.stderr and "joined as the hypothesis of the whole document" in run.stderr
    run_dir = tmp_path / "results" / "sample_deen.document" / "file-document.en"
    expected = [refs[0], refs[1][:-1] + ";", *refs[2:5], museum, refs[6], "", *refs[8:]]
    assert column(run_dir, "hyp") == expected
    info = scores_of(run_dir)
    bleu = sacrebleu.corpus_bleu(expected, [refs]).score
    assert info["metrics"]["bleu"]["score"] == pytest.approx(bleu, abs=1e-9)
    assert 80 < bleu < 100
    assert info["unit"]["units"] == 1


def test_doc_id_file_makes_documents_and_paragraph_units_need_paragraph_ids(tmp_path):
    base = ROOT / "references" / "sample_deen"
    docids = tmp_path / "docids"
    docids.write_text("a\n" * 5 + "b\n" * 7, encoding="utf-8")
    cfg = {"name": "t", "src_lang": "de", "tgt_lang": "en", "src": str(base / "aligned.de"),
           "ref": str(base / "aligned.en"), "docids": str(docids)}
    reference = load_reference(cfg)
    units = make_units(reference, "document")
    assert units.spans == [(0, 5), (5, 12)]
    assert units.reference.src[1] == " ".join(reference.src[5:])
    assert make_units(load_reference({**cfg, "docids": None}), "document").spans == [(0, 12)]  # one document
    # unit runs are comparable only on the same units: their content hash names where units begin
    one_doc = load_reference({**cfg, "docids": None})
    assert content_hash(reference, "sentence") == reference.content_hash == one_doc.content_hash
    assert content_hash(reference, "document").startswith(reference.content_hash + "|document:")
    assert content_hash(reference, "document") != content_hash(one_doc, "document")
    with pytest.raises(HarnessError, match="has no paragraph ids; set reference.paragraphs=FILE"):
        make_units(reference, "paragraph")
    docids.write_text("a\n" * 3, encoding="utf-8")
    with pytest.raises(HarnessError, match="docids has 3 lines but the reference set has 12 segments"):
        load_reference(cfg)


def test_builder_writes_paragraph_ids_of_the_target_blocks_and_the_seed_set_has_them():
    def pair(block: int) -> AlignedPair:
        unit = Unit("x", "1", "body", block)
        return AlignedPair((unit,), (unit,), "body", 1.0)

    files = render(Alignment([pair(3), pair(3), pair(5)]), doc_id="doc")
    assert files["paragraphs"] == "p3\np3\np5\n" and files["docids"] == "doc\ndoc\ndoc\n"
    reference = load_reference({"name": "kas", "src_lang": "de", "tgt_lang": "en", "src": KAS / "aligned.de",
                                "ref": KAS / "aligned.en", "docids": KAS / "docids", "paragraphs": KAS / "paragraphs"})
    units = make_units(reference, "paragraph")
    assert len(units) == 38 and units.spans[:4] == [(0, 1), (1, 2), (2, 3), (3, 5)]
    assert set(reference.docs or []) == {"kas_colombia_nato"}


def test_a_document_level_file_with_one_line_per_paragraph_answers_paragraph_by_paragraph(tmp_path):
    from harness.unit_translate import translate_units
    from systems.file import File

    base = ROOT / "references" / "sample_deen"
    paragraphs = tmp_path / "paragraphs"
    paragraphs.write_text("".join(f"p{k // 4}\n" for k in range(12)), encoding="utf-8")  # 3 paragraphs of 4
    reference = load_reference({"name": "t", "src_lang": "de", "tgt_lang": "en", "src": base / "aligned.de",
                                "ref": base / "aligned.en", "paragraphs": paragraphs})
    hyp = tmp_path / "paragraphs.en"
    hyp.write_text("first\n\nsecond\n\nthird\n", encoding="utf-8")
    hyps, _ = translate_units(File(str(hyp), segmented=False), make_units(reference, "paragraph"))
    assert hyps == ["first", "second", "third"]
    with pytest.raises(HarnessError, match="has 3 lines but reference set 't' has 12 sentence units"):
        translate_units(File(str(hyp), segmented=False), make_units(reference, "sentence"))


def test_bad_unit_choices_are_one_line_each(cli):
    typo = cli("system=identity", "unit=sentense", METRICS)
    assert typo.returncode == 2
    assert typo.stderr.strip() == "error: unit must be one of sentence, paragraph, document, got 'sentense'"
    no_ids = cli("reference=sample_deen", "system=identity", "unit=paragraph", METRICS)
    assert no_ids.returncode == 2
    assert "reference set 'sample_deen' has no paragraph ids; set reference.paragraphs=FILE" in no_ids.stderr


def test_a_system_returning_an_empty_unit_leaves_that_units_sentences_empty(tmp_path):
    from harness.unit_eval import run_units
    from systems.base import System

    class DropsSecond(System):
        """Answers every paragraph with its reference, except the second: nothing."""

        def setup(self, reference):
            self.answers = dict(zip(reference.src, reference.ref))
            self.second = reference.src[1]

        def translate(self, segments, src_lang, tgt_lang):
            return ["" if s == self.second else self.answers[s] for s in segments]

    reference = load_reference({"name": "kas", "src_lang": "de", "tgt_lang": "en", "src": KAS / "aligned.de",
                                "ref": KAS / "aligned.en", "docids": KAS / "docids", "paragraphs": KAS / "paragraphs"})
    run = run_units(DropsSecond(name="drops", cache=False), reference, "paragraph", 64, tmp_path / "cache")
    assert run.unit_hyps[1] == "" and run.units.spans[1] == (1, 2)
    assert run.hyps == [reference.ref[0], "", *reference.ref[2:]]


def test_a_paragraph_run_with_other_metrics_keeps_the_stored_ones_at_both_levels(cli, tmp_path):
    """Issue 14 point 1 on a unit run: sentence-level and unit-level metrics merge into the stored run,
    units.tsv gets every unit-level column, an option-named BLEU is a column of its own at both levels."""
    first = cli("system=identity", "system.cache=false", "unit=paragraph", "metrics=[bleu,chrf,ter]")
    assert first.returncode == 0, first.stderr
    run_dir = tmp_path / "results" / "kas_colombia_nato.paragraph" / "identity"
    before = scores_of(run_dir)
    second = cli("system=identity", "system.cache=false", "unit=paragraph", "metrics=[bleu]",
                 "metrics.bleu.tokenize=intl")
    assert second.returncode == 0, second.stderr
    info = scores_of(run_dir)
    assert list(info["metrics"]) == ["bleu", "chrf", "ter", "bleu[tokenize=intl]"]
    assert list(info["unit"]["metrics"]) == ["unit-bleu", "unit-chrf", "unit-bleu[tokenize=intl]"]
    for key in ("bleu", "chrf", "ter"):
        assert info["metrics"][key] == before["metrics"][key]
    for key in ("unit-bleu", "unit-chrf"):
        assert info["unit"]["metrics"][key] == before["unit"]["metrics"][key]
    intl = info["metrics"]["bleu[tokenize=intl]"]
    assert intl["name"] == "BLEU (tokenize=intl)" and "|tok:intl|" in intl["signature"]
    assert "|unit:paragraph|reseg:mwer" in intl["signature"]
    assert info["unit"]["metrics"]["unit-bleu[tokenize=intl]"]["signature"].endswith("|unit:paragraph")
    assert [n for n in info["unit"]["notes"] if n.startswith("TER not scored over whole units")]
    header = list(read_tsv(run_dir / "units.tsv").columns)
    assert header[7:] == ["BLEU", "chrF", "BLEU (tokenize=intl)"]
    from harness.records import read_stats
    arrays = read_stats(run_dir)
    assert arrays["unit-chrf.segments"].shape == (38,) and arrays["ter.stats"].shape[1] == 2
    board = (tmp_path / "results" / "kas_colombia_nato.paragraph" / "leaderboard.md").read_text(encoding="utf-8")
    assert board.startswith("Unit: paragraph (") and "n/a" not in board
    assert "chrF (paragraph) ↑" in board and "TER ↓" in board and "BLEU (tokenize=intl) (paragraph) ↑" in board
    tex = (tmp_path / "results" / "kas_colombia_nato.paragraph" / "leaderboard.tex").read_text(encoding="utf-8")
    assert r"\caption{Scores on kas\_colombia\_nato.paragraph. Unit: paragraph (each unit sent whole" in tex
