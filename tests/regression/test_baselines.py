"""The offline systems, run through the whole pipeline, must reproduce tests/baselines/<reference>.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from omegaconf import OmegaConf

from harness.paths import CONF_DIR
from harness.regression import load_baseline

BASELINES = Path(__file__).resolve().parents[1] / "baselines"
#: Systems that need no network, model or key, and the language pairs their Debian data translates
#: (None: any): every baseline must guard those that exist and can translate its reference set.
OFFLINE_SYSTEMS: dict[str, set[tuple[str, str]] | None] = {
    "identity": None,
    "reference": None,
    "dictionary": {("de", "en")},
    "apertium": {("en", "es")},
}
CASES = [
    pytest.param(path, system, id=f"{path.stem}-{system}")
    for path in sorted(BASELINES.glob("*.yaml"))
    for system in load_baseline(path).systems
]


def test_every_shipped_reference_set_has_a_baseline() -> None:
    shipped = {p.stem for p in (CONF_DIR / "reference").glob("*.yaml")} - {"files", "sacrebleu"}  # templates
    missing = sorted(name for name in shipped if not (BASELINES / f"{name}.yaml").exists())
    assert not missing, f"create with: python -m harness.baselines update reference={missing[0]}"


@pytest.mark.parametrize("baseline", sorted(BASELINES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_offline_system_is_guarded(baseline: Path) -> None:
    reference = OmegaConf.load(CONF_DIR / "reference" / f"{load_baseline(baseline).reference}.yaml")
    pair = (reference.src_lang, reference.tgt_lang)
    existing = [
        s for s, pairs in OFFLINE_SYSTEMS.items()
        if (CONF_DIR / "system" / f"{s}.yaml").exists() and (pairs is None or pair in pairs)
    ]
    missing = [s for s in existing if s not in load_baseline(baseline).systems]
    assert not missing, (f"{baseline.name} has no scores for {', '.join(missing)}; add them with: python -m "
                         f"harness.baselines update reference={baseline.stem} systems=[{','.join(existing)}]")


@pytest.mark.parametrize(("baseline", "system"), CASES)
def test_scores_match_baseline(score_regression, baseline: Path, system: str) -> None:
    runs = score_regression(baseline, systems=[system])
    assert set(runs) == {system}
