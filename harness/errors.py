"""User-facing errors: reported as one line, never as a traceback."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

#: Exit code for a user error (bad input, bad configuration, unavailable resource).
EXIT_USER_ERROR = 2


class HarnessError(Exception):
    """An error the user can fix; its message says what is wrong and what exists."""


#: Warnings already printed in this process (tables and report read the same files: one line each).
_WARNED: set[str] = set()


def warn_once(message: str) -> None:
    """Print ``warning: message`` on stderr unless this process already printed it."""
    if message not in _WARNED:
        _WARNED.add(message)
        print(f"warning: {message}", file=sys.stderr)


def _instantiation_message(exc: BaseException) -> str | None:
    """Hydra's "Error in call to target ..." names the config key; keep that and the real reason."""
    from hydra.errors import InstantiationException

    if not isinstance(exc, InstantiationException):
        return None
    cause = _root_cause(exc)
    if isinstance(cause, HarnessError):
        return str(cause)
    key = next((line.split(":", 1)[1].strip() for line in str(exc).splitlines() if line.startswith("full_key:")), "")
    if isinstance(cause, KeyError):
        reason = f"unknown value {cause.args[0]!r}"
    else:
        reason = str(cause).splitlines()[0] if cause is not exc and str(cause) else str(exc).splitlines()[0]
    return f"bad configuration of {key or 'a config entry'}: {reason}"


def _root_cause(exc: BaseException) -> BaseException:
    """Hydra wraps errors raised in constructors; the useful message is the innermost one."""
    while exc.__cause__ is not None and not isinstance(exc, HarnessError):
        exc = exc.__cause__
    return exc


def user_message(exc: BaseException) -> str | None:
    """The one-line message of an error the user can fix; None for a bug (keep its traceback)."""
    from omegaconf.errors import MissingMandatoryValue, OmegaConfBaseException

    cause = _root_cause(exc)
    instantiation = _instantiation_message(exc)
    if instantiation is not None:
        return instantiation
    if isinstance(cause, HarnessError):
        return str(cause)
    if isinstance(cause, MissingMandatoryValue) and getattr(cause, "full_key", None):
        return f"missing value for {cause.full_key}; set it on the command line: {cause.full_key}=..."
    if isinstance(cause, OmegaConfBaseException):
        return f"configuration error: {str(cause).splitlines()[0]}"
    if isinstance(cause, OSError) and cause.filename:
        return f"{cause.strerror or cause}: {cause.filename}"
    if isinstance(cause, OSError):  # the places that know the file name add it (atomic writes, readers)
        return f"{cause.strerror or cause} (errno {cause.errno})"
    return None


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn HarnessError (also when wrapped by Hydra) and config errors into one line + exit 2."""
    try:
        yield
    except Exception as exc:
        message = user_message(exc)
        if message is None:
            raise
        print(f"error: {message}", file=sys.stderr)
        sys.exit(EXIT_USER_ERROR)
