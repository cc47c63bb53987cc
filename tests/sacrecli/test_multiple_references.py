"""Several references per segment: BLEU/chrF/TER equal ``sacrebleu REF1 REF2 -i HYP``, signatures included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness import leaderboard, stats
from harness.errors import HarnessError
from harness.references import load_reference

from .conftest import PROJECT_ROOT, run, sacrebleu_cli, write

SAMPLE = PROJECT_ROOT / "references" / "sample_deen"
HYPS = [
    "The government presented a new budget on Tuesday.",
    "Because of a storm the train to Berlin was two hours late.",
    "Many students look in vain for affordable apartments in the big cities.",
    "The researchers published their findings in an international journal.",
    "In summer 2023 it was hotter in southern Europe than ever.",
    "The museum is closed on Monday and open from 10 to 18 o'clock on all other days.",
    "The negotiations between both countries were broken off without result.",
    "Children under six years ride free.",
    "The new vaccine was tested on more than 30,000 volunteers.",
    "After the game the fans celebrated deep into the night.",
    "The firm wants to get all its electricity from renewable sources by 2030.",
    "Please turn off your mobile phone during the performance.",
]
CLI_NAMES = {"bleu": "BLEU", "chrf": "chrF2", "ter": "TER"}


def _check(ours: dict, cli: dict) -> None:
    for key, name in CLI_NAMES.items():
        assert ours[key]["signature"] == cli[name]["signature"], key
        assert "nrefs:2" in ours[key]["signature"]
        assert f"{ours[key]['score']:.12f}" == f"{float(cli[name]['score']):.12f}", key


def test_reference_set_with_two_aligned_files_equals_cli(tmp_path: Path, harness_scores) -> None:
    hyp = write(tmp_path / "hyp.txt", HYPS)
    scores = harness_scores("reference=sample_deen_2refs", "system=file", f"system.path={hyp}",
                            "metrics=[bleu,chrf,ter]", name="sample_deen_2refs")
    refs = [SAMPLE / "aligned.en", SAMPLE / "aligned.en.2"]
    _check(scores["metrics"], sacrebleu_cli(refs, hyp, "-m", "bleu", "chrf", "ter"))
    # The second reference counts: one reference alone gives other numbers.
    single = sacrebleu_cli(refs[:1], hyp, "-m", "bleu")["BLEU"]
    assert abs(float(single["score"]) - scores["metrics"]["bleu"]["score"]) > 1


def test_ref_list_on_the_command_line_equals_cli(tmp_path: Path, harness_scores) -> None:
    refs = [write(tmp_path / "a.en", (SAMPLE / "aligned.en").read_text().splitlines()[:6]),
            write(tmp_path / "b.en", (SAMPLE / "aligned.en.2").read_text().splitlines()[:6])]
    src = write(tmp_path / "src.de", (SAMPLE / "aligned.de").read_text().splitlines()[:6])
    hyp = write(tmp_path / "hyp.txt", HYPS[:6])
    scores = harness_scores("reference=files", f"reference.src={src}", f"reference.ref=[{refs[0]},{refs[1]}]",
                            "reference.src_lang=de", "reference.tgt_lang=en", "system=file", f"system.path={hyp}",
                            "metrics=[bleu,chrf,ter]")
    _check(scores["metrics"], sacrebleu_cli(refs, hyp, "-m", "bleu", "chrf", "ter"))


def test_reference_files_must_agree(tmp_path: Path) -> None:
    src = write(tmp_path / "s.de", ["a", "b"])
    good, short = write(tmp_path / "r1.en", ["x", "y"]), write(tmp_path / "r2.en", ["x"])
    cfg = {"name": "t", "src_lang": "de", "tgt_lang": "en", "src": str(src)}
    with pytest.raises(HarnessError, match=r"s.de has 2 lines but .*r2.en has 1"):
        load_reference({**cfg, "ref": [str(good), str(short)]})
    with pytest.raises(HarnessError, match="the same reference file is listed twice"):
        load_reference({**cfg, "ref": [str(good), str(good)]})
    one, two = load_reference({**cfg, "ref": str(good)}), load_reference({**cfg, "ref": [str(good)]})
    assert one.content_hash == two.content_hash and one.refs == [["x", "y"]]
    write(tmp_path / "r3.en", ["x", "z"])
    both = load_reference({**cfg, "ref": [str(good), str(tmp_path / "r3.en")]})
    assert both.refs == [["x", "y"], ["x", "z"]] and both.content_hash != one.content_hash


def test_significance_on_two_references_equals_cli_paired_bootstrap(tmp_path: Path, harness_scores) -> None:
    """The stored nrefs:2 statistics resample as sacrebleu's: ``sacrebleu REF1 REF2 -i A B --paired-bs``."""
    other = [h.replace("the ", "a ", 1) if i % 2 else h.split(",")[0] for i, h in enumerate(HYPS)]
    paths = [write(tmp_path / "hyp.txt", HYPS), write(tmp_path / "other.txt", other)]
    for path in paths:
        harness_scores("reference=sample_deen_2refs", "system=file", f"system.path={path}", "metrics=[bleu,chrf,ter]",
                       name="sample_deen_2refs", system=f"file-{path.name}")
    refs = [SAMPLE / "aligned.en", SAMPLE / "aligned.en.2"]
    out = run("sacrebleu", *map(str, refs), "-i", *map(str, paths), "-m", "bleu", "chrf", "ter", "--paired-bs",
              "--paired-bs-n", "300", "-f", "json", env={"SACREBLEU_SEED": "12345"}).stdout
    theirs = json.loads(out)[1]
    board = leaderboard.collect(tmp_path / "results" / "sample_deen_2refs")
    leaderboard.add_significance(board, stats.Options(resamples=300, baseline="file-hyp.txt", compat="sacrebleu"))
    for metric, name in (("BLEU", "BLEU"), ("chrF", "chrF2"), ("TER", "TER")):
        assert board.halfwidths[("file-other.txt", metric)] == theirs[name]["ci"], metric
        assert board.means[("file-other.txt", metric)] == theirs[name]["mean"], metric
        assert leaderboard.pvalue(board, "file-other.txt", "file-hyp.txt", metric) == theirs[name]["p_value"], metric
