"""Any external translator that reads one segment per line on stdin and writes one per line."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import signal
import subprocess
from typing import Any

from harness.errors import HarnessError
from harness.signals import on_termination
from systems.base import System

#: The placeholders a command may contain; other braces are the command's own.
_PLACEHOLDER = re.compile(r"\{(src_lang|tgt_lang)\}")


class Command(System):
    """Pipes segments through a command (marian-decoder, a Moses pipeline, a script ...).

    ``command`` is a string run by the shell (pipes allowed) or a list run directly. ``{src_lang}``
    and ``{tgt_lang}`` in it are replaced. ``version`` is any string that names what the command
    does; change it when the command's outputs change, so cached translations are not reused.
    """

    default_name = "command"

    def __init__(
        self,
        command: str | list[str],
        timeout: float = 3600,
        env: dict[str, str] | None = None,
        version: str = "",
        name: str | None = None,
        cache: bool = True,
    ) -> None:
        if not command or command == "???":
            raise HarnessError("system 'command' needs a command: system.command='my-translator --flag'")
        self.command = command if isinstance(command, str) else [str(part) for part in command]
        self.timeout = float(timeout)
        self.env = {str(k): str(v) for k, v in (env or {}).items()}
        self.version = version
        super().__init__(name=name, cache=cache)

    def _argv(self, src_lang: str, tgt_lang: str) -> str | list[str]:
        """Only the documented placeholders are filled (``awk '{print}'`` keeps its braces); in a shell
        string each value is quoted, so a language code can never become shell syntax."""
        values = {"src_lang": src_lang, "tgt_lang": tgt_lang}
        if isinstance(self.command, str):
            return _PLACEHOLDER.sub(lambda m: shlex.quote(values[m[1]]), self.command)
        return [_PLACEHOLDER.sub(lambda m: values[m[1]], part) for part in self.command]

    def _display(self, argv: str | list[str]) -> str:
        return argv if isinstance(argv, str) else shlex.join(argv)

    def translate(self, segments: list[str], src_lang: str, tgt_lang: str) -> list[str]:
        bad = next((i for i, s in enumerate(segments) if "\n" in s or "\r" in s), None)
        if bad is not None:
            raise HarnessError(f"system {self.name!r}: segment {bad} contains a line break; cannot pipe it")
        argv = self._argv(src_lang, tgt_lang)
        shown = self._display(argv)
        stdin = "".join(f"{s}\n" for s in segments).encode("utf-8")
        returncode, stdout, stderr = run_piped(argv, stdin, self.timeout, self.name, {**os.environ, **self.env})
        if returncode != 0:
            tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            detail = f": {' | '.join(tail)}" if tail else ""
            raise HarnessError(f"system {self.name!r}: command exited with {returncode}: {shown}{detail}")
        try:
            text = stdout.decode("utf-8")
        except UnicodeDecodeError:
            raise HarnessError(f"system {self.name!r}: command output is not UTF-8: {shown}") from None
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if len(lines) != len(segments):
            raise HarnessError(
                f"system {self.name!r}: command returned {len(lines)} lines for {len(segments)} segments: {shown}"
            )
        return [line.rstrip("\r") for line in lines]

    def fingerprint_config(self) -> dict[str, Any]:
        return {"command": self.command, "env": self.env, "version": self.version}


def run_piped(
    argv: str | list[str], stdin: bytes, timeout: float, name: str, env: dict[str, str] | None = None
) -> tuple[int, bytes, bytes]:
    """Run a translator process on `stdin`; a timeout or a command that cannot start is one clear error
    naming system `name`."""
    shown = argv if isinstance(argv, str) else shlex.join(argv)
    try:
        return _run(argv, stdin, timeout, dict(os.environ) if env is None else env)
    except subprocess.TimeoutExpired:
        raise HarnessError(f"system {name!r}: command timed out after {timeout:g}s: {shown}") from None
    except OSError as exc:
        raise HarnessError(f"system {name!r}: cannot run {shown}: {exc.strerror}") from None


def _run(argv: str | list[str], stdin: bytes, timeout: float, env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Run in its own process group so a timeout, Ctrl-C, SIGTERM or SIGHUP kills the whole pipeline,
    not just the shell."""
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        shell=isinstance(argv, str),
        env=env,
        start_new_session=True,
    )
    try:
        with on_termination(lambda: _kill_group(proc)):
            stdout, stderr = proc.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        proc.communicate()
        raise
    except BaseException:
        _kill_group(proc)
        proc.wait()
        raise
    return proc.returncode, stdout, stderr


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
