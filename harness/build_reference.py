"""``python -m harness.build_reference src=RAW tgt=RAW src_lang=de tgt_lang=en out=DIR``.

Builds a line-aligned reference set from a raw document and its raw translation: cleaning,
segmentation, block-order restoration, sentence alignment; prints a quality summary.
"""

from __future__ import annotations

from pathlib import Path

import hydra
from hydra.utils import instantiate
from omegaconf import DictConfig

from harness.align import readers
from harness.errors import HarnessError, user_errors
from harness.langtags import check_lang


def read_document(path: str, role: str) -> str:
    """A raw document (plain text, PDF or web page) as text in reading order, or one clear error;
    for callers that need no record of the layout noise set aside (readers.read_document has it)."""
    return readers.read_document(path, role).text


MIN_COVERAGE = 0.25  # below this share of confidently aligned source sentences nothing is written


def check_languages(src: str, tgt: str, src_lang: str, tgt_lang: str) -> None:
    """A document clearly in another language than declared is a mistake to say, not to align."""
    from harness.align.lang import LANGUAGE_NAMES, looks_like

    for role, text, lang, key in (("source", src, src_lang, "src_lang"), ("target", tgt, tgt_lang, "tgt_lang")):
        found = looks_like(text, lang)
        if found:
            name = LANGUAGE_NAMES.get(found, found)
            raise HarnessError(f"the {role} document looks like {name} text, not {key}={lang}; check the file or {key}")


def check_coverage(result: object) -> None:
    """Too few confident pairs means the documents do not match (or the builder cannot tell):
    say so and write nothing rather than a reference set of junk."""
    from harness.align.model import Alignment

    assert isinstance(result, Alignment)
    aligned = sum(len(p.src) for p in result.pairs)
    left = sum(1 for a in result.unaligned if a.side == "src" and a.unit.kind in ("body", "heading", "item", "lead", "title"))
    if aligned < MIN_COVERAGE * (aligned + left):
        raise HarnessError(
            f"only {aligned} of {aligned + left} source sentences could be aligned with confidence; "
            "are these documents translations of each other? (nothing written)"
        )


def drop_copies(result: object, src_lang: str, mode: str) -> object:
    """copies=drop (default): pairs whose sides are the same text leave the reference set for
    unaligned.tsv, so copying the source does not look like translating (harness/align/copies.py)."""
    from harness.align.copies import MODES, set_aside_copies
    from harness.align.model import Alignment

    assert isinstance(result, Alignment)
    if mode not in MODES:
        raise HarnessError(f"copies must be 'drop' or 'keep' (pairs whose sides are the same text), not {mode!r}")
    if mode == "keep":
        return result
    kept = set_aside_copies(result, src_lang)
    if not kept.pairs:
        raise HarnessError("every aligned pair is a copy (the same text on both sides); nothing to evaluate (copies=keep keeps them)")
    return kept


def build_reference(cfg: DictConfig) -> str:
    """Run the pipeline for one configured pair; returns the printed summary."""
    from harness.align import output
    from harness.align.bootstrap import confident_pairs, learn_dictionary
    from harness.align.dictionary import find_dictionary
    from harness.align.model import swapped
    from harness.align.pipeline import build

    src_lang, tgt_lang = check_lang("src_lang", cfg.src_lang), check_lang("tgt_lang", cfg.tgt_lang)
    if not src_lang or not tgt_lang or src_lang == tgt_lang:
        raise HarnessError(f"src_lang and tgt_lang must be two different languages (got {src_lang!r}, {tgt_lang!r})")
    src_doc, tgt_doc = readers.read_document(cfg.src, "source"), readers.read_document(cfg.tgt, "target")  # text, PDF or HTML
    src, tgt = src_doc.text, tgt_doc.text
    check_languages(src, tgt, src_lang, tgt_lang)
    if cfg.reorder not in ("src", "tgt"):
        raise HarnessError(f"reorder must be 'src' or 'tgt' (the side whose blocks may be out of order), not {cfg.reorder!r}")
    if cfg.reorder == "tgt":  # the translation is the PDF: align target-first, then swap back
        src, tgt, src_lang, tgt_lang = tgt, src, tgt_lang, src_lang
    dictionary = find_dictionary(src_lang, tgt_lang, cfg.dictionary)
    scorer = instantiate(cfg.similarity)(src_lang=src_lang, tgt_lang=tgt_lang, dictionary=dictionary)
    result = build(src, tgt, src_lang, tgt_lang, scorer, dictionary)
    if dictionary is None and cfg.bootstrap:  # second pass with word pairs learnt from the first
        learned = learn_dictionary(confident_pairs(result), src_lang, tgt_lang)
        scorer = instantiate(cfg.similarity)(src_lang=src_lang, tgt_lang=tgt_lang, dictionary=learned)
        result = build(src, tgt, src_lang, tgt_lang, scorer, None)
    if cfg.reorder == "tgt":
        result, src_lang, tgt_lang = swapped(result), tgt_lang, src_lang
    if not result.pairs:
        raise HarnessError("no sentence pair could be aligned; are these documents translations of each other?")
    check_coverage(result)
    result = drop_copies(result, src_lang, cfg.get("copies", "drop"))
    out = Path(cfg.out)
    output.write(result, out, src_lang, tgt_lang)
    removed = {"src": src_doc.removed, "tgt": tgt_doc.removed}
    output.write_removed(out, removed)
    return "\n".join(filter(None, [output.summary(result), output.removed_summary(removed), f"written to {out}/"]))


@hydra.main(version_base="1.3", config_path="../conf", config_name="build_reference")
def main(cfg: DictConfig) -> None:
    with user_errors():
        print(build_reference(cfg))


if __name__ == "__main__":
    main()
