"""Named test sets (``reference=sacrebleu reference.test_set=wmt23 reference.langpair=de-en``) through
sacrebleu's own dataset API, from its local cache (``$SACREBLEU``, default ``~/.sacrebleu``).

The source and reference files are the ones ``sacrebleu -t TEST -l PAIR`` reads (its reference choice
included, e.g. WMT23's ``refA``), and they are read as its CLI reads them (``rstrip`` per line), so
scores equal ``sacrebleu -t TEST -l PAIR -i HYP``. sacrebleu decides where its cache is when it is
imported, from ``$SACREBLEU``: set it before starting the harness.
"""

from __future__ import annotations

import os
import urllib.error
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from harness.errors import HarnessError
from harness.langtags import check_lang
from harness.paths import check_name
from harness.references import ReferenceSet, read_lines


def _dataset(test_set: str, langpair: str) -> Any:
    from sacrebleu.dataset import DATASETS

    if test_set not in DATASETS:
        recent = ", ".join(sorted((n for n in DATASETS if n.startswith("wmt2")), reverse=True)[:4])
        raise HarnessError(f"sacrebleu has no test set {test_set!r} (e.g. {recent}); `sacrebleu --list` lists them")
    dataset = DATASETS[test_set]
    if langpair not in dataset.langpairs:
        raise HarnessError(f"sacrebleu test set {test_set!r} has no language pair {langpair!r}; it has: "
                           f"{', '.join(sorted(dataset.langpairs))}")
    return dataset


def _fetch_hint(test_set: str, langpair: str) -> str:
    return (f"fetch it where there is network with `sacrebleu --download {test_set} -l {langpair}` and copy "
            f"its folder {test_set} into {cache_dir()}")


def cache_dir() -> Path:
    """sacrebleu's cache, as sacrebleu decided it when imported."""
    from sacrebleu.utils import SACREBLEU_DIR

    return Path(SACREBLEU_DIR)


def is_local(dataset: Any) -> bool:
    """Whether sacrebleu will find every download of the set on disk (its own test: a non-empty file)."""
    for url in dataset.data or []:
        tarball = Path(dataset._rawdir) / dataset._get_tarball_filename(url)
        if not tarball.is_file() or tarball.stat().st_size == 0:
            return False
    return True


def test_set_files(test_set: str, langpair: str, download: bool) -> tuple[Path, list[Path]]:
    """The source file and the reference files of ``test_set``/``langpair``, from sacrebleu's cache."""
    dataset = _dataset(test_set, langpair)
    if not download and not is_local(dataset):
        raise HarnessError(f"sacrebleu test set {test_set} {langpair} is not in the local cache {cache_dir()} "
                           f"(reference.download=false); {_fetch_hint(test_set, langpair)}")
    try:
        source, refs = dataset.get_source_file(langpair), dataset.get_reference_files(langpair)
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc.strerror or exc
        raise HarnessError(f"cannot download sacrebleu test set {test_set} ({reason}); "
                           f"{_fetch_hint(test_set, langpair)}") from None
    if not refs:
        raise HarnessError(f"sacrebleu test set {test_set} {langpair} has no references")
    return Path(source), [Path(ref) for ref in refs]


def read_cli_lines(path: Path) -> list[str]:
    """A sacrebleu text file as its CLI reads it: UTF-8, lines split at ``\\n``, trailing whitespace stripped."""
    return [line.rstrip() for line in read_lines(path, what="sacrebleu test set file")]


def load_test_set(cfg: Mapping[str, Any]) -> ReferenceSet:
    """A ReferenceSet from a named sacrebleu test set (``conf/reference/sacrebleu.yaml``)."""
    test_set, langpair = str(cfg["test_set"]), str(cfg["langpair"])
    src_lang, _, tgt_lang = langpair.partition("-")
    check_lang("reference.langpair source", src_lang), check_lang("reference.langpair target", tgt_lang)
    download = cfg.get("download", True)
    if not isinstance(download, bool):
        raise HarnessError(f"reference.download must be true or false, got {download!r}")
    name = check_name("reference set", str(cfg.get("name") or f"{test_set}-{langpair}"))
    source, ref_paths = test_set_files(test_set, langpair, download)
    src, refs = read_cli_lines(source), [read_cli_lines(path) for path in ref_paths]
    for path, ref in zip(ref_paths, refs):
        if len(ref) != len(src):
            raise HarnessError(f"sacrebleu test set {test_set} {langpair}: {source} has {len(src)} lines "
                               f"but {path} has {len(ref)}")
    return ReferenceSet(
        name=name, src_lang=src_lang, tgt_lang=tgt_lang, src=src, ref=refs[0], src_path=source,
        ref_path=ref_paths[0], extra_refs=tuple(refs[1:]), extra_ref_paths=tuple(ref_paths[1:]),
        description=str(cfg.get("description") or f"sacrebleu test set {test_set}, {langpair}"),
        source=f"sacrebleu {_sacrebleu_version()} dataset {test_set} ({os.fspath(cache_dir() / test_set)})",
    )


def _sacrebleu_version() -> str:
    import sacrebleu

    return sacrebleu.__version__
