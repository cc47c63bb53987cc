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
