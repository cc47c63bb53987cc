"""Credentials never reach results or fingerprints: ``https://user:key@host`` is stored as ``https://host``.

Keys belong in environment variables (``api_key_env``), but a URL with a user and password, or a
``?key=`` query, works with most servers and is easy to paste; what is written to ``scores.json``
or hashed into a fingerprint (which names cache entries) has them removed.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that carry credentials (``?key=``, ``?api_key=``, ``?access_token=``, ``?sig=`` ...).
_SECRET_PARAM = re.compile(r"key|token|secret|password|passwd|pwd|auth|sig|credential", re.IGNORECASE)


def redact_url(url: str) -> str:
    """``url`` without user, password and secret query parameters; other text is returned unchanged."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    secret_query = any(_SECRET_PARAM.search(k) for k, _ in pairs)
    if not parts.scheme or not parts.netloc or ("@" not in parts.netloc and not secret_query):
        return url  # nothing to remove: the text stays byte for byte (fingerprints do not change)
    netloc = (f"[{host}]" if host and ":" in host else host or "") + (f":{port}" if port else "")
    query = urlencode([(k, "REDACTED" if _SECRET_PARAM.search(k) else v) for k, v in pairs]) if secret_query \
        else parts.query
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def redact(value: Any) -> Any:
    """Every URL inside a config (nested dicts and lists) redacted; the rest unchanged."""
    if isinstance(value, str):
        return redact_url(value) if "://" in value else value
    if isinstance(value, dict):
        return {k: redact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value
