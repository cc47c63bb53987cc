"""Language codes are validated where they enter: they become file names and command arguments.

A code such as ``../../x`` would write ``hypotheses.<tgt_lang>`` outside the results directory, and
``en;touch X`` would run in a ``command`` system's shell; a BCP-47-like tag can do neither.
"""

from __future__ import annotations

import re
from typing import Any

from harness.errors import HarnessError

#: BCP-47-like: a 2-8 letter language subtag, then subtags of letters and digits (``de``, ``en-GB``,
#: ``zh-Hant-TW``, ``es-419``); ``_`` is accepted too for model codes such as ``deu_Latn``.
_TAG = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")


def check_lang(key: str, code: Any) -> str:
    """``code`` as a string when it looks like a language tag, else one error line naming ``key``."""
    text = str(code).strip() if isinstance(code, str) else code
    if not isinstance(text, str) or not _TAG.fullmatch(text):
        raise HarnessError(f"{key}={code!r} is not a language code; use a BCP-47 tag such as de, en-GB, zh-Hant")
    return text
