"""The one interface every MT system implements."""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any

from harness.redact import redact

if TYPE_CHECKING:
    from harness.references import ReferenceSet


class System(ABC):
    """A translator of batches of segments.

    Subclasses implement :meth:`translate` and list in :meth:`fingerprint_config` every setting that
    changes their outputs (model, decoding settings, prompt ...), so cached translations are reused
    only when they would be identical.
    """

    #: Default run name when the config gives none.
    default_name: str = "system"
    #: True when output i answers source segment i by position (a file of hypotheses), so the
    #: translation cache must not skip or deduplicate segments.
    positional: bool = False

    def __init__(self, name: str | None = None, cache: bool = True) -> None:
        self.name = name or self.derive_name()
        self.cache = cache

    def derive_name(self) -> str:
        """The run name when none is configured; systems reading a path derive it from the path."""
        return self.default_name

    def setup(self, reference: ReferenceSet) -> None:
        """Called once before translating a reference set; most systems need nothing."""

    def fits(self, texts: list[str], src_lang: str, tgt_lang: str) -> list[bool]:
        """Whether each text is short enough to translate whole; a paragraph or document unit that is not
        is sent split at sentence boundaries (:mod:`harness.unit_translate`). No limit by default."""
        return [True] * len(texts)

    @abstractmethod
    def translate(self, segments: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        """Return one translation per segment, in order."""

    def fingerprint_config(self) -> dict[str, Any]:
        """Settings that change outputs (never secrets)."""
        return {}

    @property
    def fingerprint(self) -> str:
        """Stable identity of this system's outputs: class + output-relevant settings (URLs without
        credentials: the fingerprint names cache entries and is stored with results)."""
        cls = type(self)
        payload = json.dumps(
            {"class": f"{cls.__module__}.{cls.__qualname__}", "config": redact(self.fingerprint_config())},
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]
