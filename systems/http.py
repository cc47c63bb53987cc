"""What every network MT system shares: retries with backoff, timeouts, API keys, bounded concurrency.

Retries are urllib3's ``Retry`` (exponential backoff with jitter, ``Retry-After`` honoured but
capped, so a server asking for an hour never hangs a run). After the last retry the error names
the system and the segment. API keys are read from an environment variable whose *name* is in the
config; the key itself is only ever put into a request header, never into a URL, a log or a file.
"""

from __future__ import annotations

import os
from abc import abstractmethod
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError, NameResolutionError, NewConnectionError
from urllib3.util.retry import Retry

from harness.errors import HarnessError
from systems.base import System

T = TypeVar("T")
R = TypeVar("R")

#: Statuses worth retrying: rate limits and server-side failures.
RETRY_STATUSES = (408, 429, 500, 502, 503, 504)


class _CappedRetry(Retry):
    """``Retry-After`` is obeyed up to ``max_wait`` seconds (urllib3 has no cap before 2.6)."""

    max_wait: float = 60.0

    def parse_retry_after(self, retry_after: str) -> float:
        return min(super().parse_retry_after(retry_after), self.max_wait)

    def new(self, **kw: Any) -> _CappedRetry:
        fresh = super().new(**kw)
        fresh.max_wait = self.max_wait
        return fresh

    def increment(self, method: str | None = None, url: str | None = None, response: Any = None,
                  error: Exception | None = None, _pool: Any = None, _stacktrace: Any = None) -> Retry:
        """No server listening (connection refused) or no such host: no retry will change that, so fail now,
        in milliseconds, instead of minutes of backoff with a urllib3 "Retrying" line per attempt."""
        if error is not None and _unreachable(error):
            raise MaxRetryError(_pool, url or "", error) from error
        return super().increment(method, url, response, error, _pool, _stacktrace)


def _unreachable(error: BaseException) -> bool:
    """The connection was refused, or the host name does not resolve."""
    if isinstance(error, NameResolutionError):
        return True
    return isinstance(error, NewConnectionError) and isinstance(error.__cause__, ConnectionRefusedError)


def make_session(max_retries: int, backoff: float, max_wait: float, pool_size: int) -> requests.Session:
    """A session that retries POSTs on timeouts, dropped connections, 429 and 5xx."""
    retry = _CappedRetry(
        total=max_retries,
        connect=max_retries,
        read=max_retries,
        status=max_retries,
        other=0,
        backoff_factor=backoff,
        backoff_jitter=backoff,
        backoff_max=max_wait,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=None,  # POST too: a translation request has no side effects
        respect_retry_after_header=True,
        raise_on_status=True,
    )
    retry.max_wait = max_wait
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry, pool_connections=1, pool_maxsize=max(1, pool_size))
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def read_api_key(system_name: str, env_var: str | None) -> str | None:
    """The key from the environment variable named in the config; None when no key is configured."""
    if not env_var:
        return None
    key = os.environ.get(env_var, "").strip()
    if not key:
        raise HarnessError(
            f"system {system_name!r}: environment variable {env_var} is not set; export {env_var}=... "
            f"(or set system.api_key_env to the variable that holds the key)"
        )
    return key


def _error_detail(response: requests.Response) -> str:
    """The API's own error message, short, on one line."""
    try:
        body: Any = response.json()
    except ValueError:
        body = response.text
    if isinstance(body, dict):
        error = body.get("error", body.get("message", body))
        if isinstance(error, dict):
            error = error.get("message", error)
        body = error
    text = " ".join(str(body).split())
    return text[:200]


def chunks_within(texts: list[str], max_items: int, max_chars: int) -> list[list[int]]:
    """Indexes of ``texts`` grouped into requests of at most ``max_items`` texts and ``max_chars`` characters.

    A single text longer than ``max_chars`` goes alone (the API says whether it accepts it).
    """
    groups: list[list[int]] = []
    current: list[int] = []
    size = 0
    for index, text in enumerate(texts):
        if current and (len(current) >= max_items or size + len(text) > max_chars):
            groups.append(current)
            current, size = [], 0
        current.append(index)
        size += len(text)
    if current:
        groups.append(current)
    return groups


def as_completed_in_pool(jobs: Iterable[T], work: Callable[[T], R], workers: int) -> Iterator[tuple[T, R]]:
    """``(job, result)`` as each finishes, at most ``workers`` at a time.

    The first error (or Ctrl-C) cancels what has not started and returns at once, without waiting
    for requests still in flight (their results would be thrown away anyway)."""
    jobs = iter(jobs)
    pool = ThreadPoolExecutor(max_workers=max(1, workers))
    running: dict[Future[R], T] = {}
    try:
        for job in jobs:
            running[pool.submit(work, job)] = job
            if len(running) >= workers:
                break
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                job = running.pop(future)
                yield job, future.result()
                following = next(jobs, None)
                if following is not None:
                    running[pool.submit(work, following)] = following
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


class HttpSystem(System):
    """A system behind an HTTP API. Subclasses implement :meth:`translate_stream`.

    ``timeout`` is per request (seconds); ``max_retries`` counts retries after the first attempt;
    ``backoff`` is the first backoff step (doubling each retry, plus jitter), ``max_wait`` caps
    both backoff and ``Retry-After``; ``concurrency`` bounds requests in flight. ``version`` is a
    free label: change it to stop reusing cached translations after the service changed.
    """

    def __init__(
        self,
        api_key_env: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 6,
        backoff: float = 1.0,
        max_wait: float = 60.0,
        concurrency: int = 4,
        version: str = "",
        name: str | None = None,
        cache: bool = True,
    ) -> None:
        if concurrency < 1:
            raise HarnessError(f"system {name or self.default_name!r}: concurrency must be at least 1")
        self.api_key_env = api_key_env or None
        self.timeout = float(timeout)
        self.max_retries = int(max_retries)
        self.backoff = float(backoff)
        self.max_wait = float(max_wait)
        self.concurrency = int(concurrency)
        self.version = version
        super().__init__(name=name, cache=cache)
        self._session: requests.Session | None = None

    @property
    def session(self) -> requests.Session:
        if self._session is None:
            self._session = make_session(self.max_retries, self.backoff, self.max_wait, self.concurrency)
        return self._session

    def api_key(self) -> str | None:
        """Read when needed, so a fully cached re-run needs no key."""
        return read_api_key(self.name, self.api_key_env)

    def post_json(self, url: str, payload: Any, headers: dict[str, str], what: str) -> Any:
        """POST JSON and return the decoded reply; every failure is one line naming ``what``."""
        prefix = f"system {self.name!r}: {what}"
        try:
            response = self.session.post(url, json=payload, headers=headers, timeout=self.timeout)
        except requests.exceptions.RetryError as exc:
            reason = getattr(exc.args[0], "reason", exc) if exc.args else exc
            raise HarnessError(f"{prefix} failed after {self.max_retries} retries: {reason}") from None
        except requests.exceptions.Timeout:
            raise HarnessError(f"{prefix} timed out after {self.timeout:g}s ({self.max_retries} retries)") from None
        except requests.exceptions.ConnectionError as exc:
            reason = _short_reason(exc)
            inner = getattr(exc.args[0], "reason", None) if exc.args else None
            if inner is not None and _unreachable(inner):  # not retried: see _CappedRetry.increment
                raise HarnessError(f"{prefix} failed: {reason} at {_origin(url)} (no server there? check base_url)") \
                    from None
            raise HarnessError(f"{prefix} failed after {self.max_retries} retries: {reason}") from None
        except requests.exceptions.RequestException as exc:
            raise HarnessError(f"{prefix} failed: {type(exc).__name__}") from None
        if response.status_code in (401, 403):
            hint = f"; check ${self.api_key_env}" if self.api_key_env else ""
            raise HarnessError(
                f"{prefix} was refused (HTTP {response.status_code}: {_error_detail(response)}){hint}"
            )
        if response.status_code >= 400:
            raise HarnessError(f"{prefix} failed (HTTP {response.status_code}: {_error_detail(response)})")
        try:
            return response.json()
        except ValueError:
            raise HarnessError(f"{prefix}: the reply is not JSON: {response.text[:100]!r}") from None

    @abstractmethod
    def translate_stream(self, segments: list[str], src_lang: str, tgt_lang: str) -> Iterator[tuple[int, str]]:
        """``(index, translation)`` as each arrives, so the caller can store it at once."""

    def translate(self, segments: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        out: list[str | None] = [None] * len(segments)
        for index, text in self.translate_stream(segments, src_lang, tgt_lang):
            out[index] = text
        missing = next((i for i, t in enumerate(out) if t is None), None)
        if missing is not None:
            raise HarnessError(f"system {self.name!r}: no translation for segment {segments[missing][:60]!r}")
        return [t for t in out if t is not None]

    def stream_batches(
        self,
        segments: list[str],
        groups: list[list[int]],
        build: Callable[[list[str]], tuple[str, Any, dict[str, str]]],
        parse: Callable[[Any], list[str]],
    ) -> Iterator[tuple[int, str]]:
        """For batch APIs: one request per group of segment indexes, ``concurrency`` at a time.

        ``build(texts)`` gives URL, JSON body and headers; ``parse(reply)`` the translations.
        """

        def request(group: list[int]) -> list[str]:
            texts = [segments[i] for i in group]
            what = segment_label(texts[0]) + (f" and {len(texts) - 1} more" if len(texts) > 1 else "")
            url, body, headers = build(texts)
            reply = self.post_json(url, body, headers, what)
            try:
                out = parse(reply)
            except (KeyError, IndexError, TypeError):
                raise HarnessError(f"system {self.name!r}: {what}: the reply has no translations") from None
            if len(out) != len(texts) or not all(isinstance(t, str) for t in out):
                raise HarnessError(f"system {self.name!r}: {what}: {len(out)} translations for {len(texts)} texts")
            return out

        for group, out in as_completed_in_pool(groups, request, self.concurrency):
            yield from zip(group, out)

    def service_fingerprint(self) -> dict[str, Any]:
        """Part of every network system's fingerprint (no keys, no URLs with secrets)."""
        return {"version": self.version}


def _short_reason(exc: BaseException) -> str:
    """requests nests urllib3 errors three deep; the innermost is the useful one."""
    reason: Any = exc.args[0] if exc.args else exc
    reason = getattr(reason, "reason", reason)
    text = str(reason)
    if "Read timed out" in text:
        return "read timed out"
    if "Connection refused" in text:
        return "connection refused"
    if isinstance(reason, NameResolutionError):
        return "host name not found"
    return " ".join(text.split())[:160]


def _origin(url: str) -> str:
    """scheme://host:port of a URL, the part that names the server."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def segment_label(text: str) -> str:
    return f"segment {text[:50]!r}" + ("..." if len(text) > 50 else "")
