"""Headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``).

No driver binary to match to the browser version, no port, no extra package: commands go to the
browser on fd 3 and replies come back on fd 4, as NUL-terminated JSON (what Puppeteer's pipe
transport does). Tests are skipped when no Chromium is installed (``$CHROMIUM`` names another
binary), and fail instead when ``$MT_HARNESS_REQUIRE_CHROMIUM`` is set.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-extensions",
         "--disable-default-apps", "--hide-scrollbars", "--mute-audio", "--remote-debugging-pipe")


def chromium_binary() -> str | None:
    if os.environ.get("CHROMIUM"):
        return shutil.which(os.environ["CHROMIUM"])
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Page:
    """One browser tab; :meth:`send` waits for the reply, events are kept for inspection."""

    def __init__(self, binary: str, profile: Path, timeout: float = 30.0) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_fds() -> None:  # in the child, before exec: the pipe ends become fds 3 and 4
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.proc = subprocess.Popen([binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                     preexec_fn=wire_fds, pass_fds=(3, 4), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.timeout = timeout
        self.events: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self._buffer = b""
        self._session: str | None = None
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.send("Page.enable")
        self.send("Network.enable")
        self.send("Runtime.enable")

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        message_id = next(self._ids)
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params}
        if self._session and not method.startswith("Target."):
            message["sessionId"] = self._session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, event: str) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while True:
            for seen in self.events:
                if seen.get("method") == event:
                    self.events.remove(seen)
                    return seen
            self.events.append(self._read_message(deadline))

    def open(self, path: Path) -> None:
        self.send("Page.navigate", url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails'].get('exception', {}).get('description')}")
        return result["result"].get("value")

    def script_errors(self) -> list[str]:
        """Uncaught exceptions thrown by the page's own scripts."""
        return [e["params"]["exceptionDetails"].get("exception", {}).get("description", "")
                for e in self.events if e.get("method") == "Runtime.exceptionThrown"]

    def requested_urls(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def screenshot(self, path: Path, width: int = 1400, max_height: int = 4000) -> None:
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=600, deviceScaleFactor=1, mobile=False)
        height = int(self.js("document.documentElement.scrollHeight"))
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=min(height, max_height),
                  deviceScaleFactor=1, mobile=False)
        shot = self.send("Page.captureScreenshot", format="png")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


@pytest.fixture
def artifacts() -> Path:
    """Kept after the run (screenshots); tests/artifacts/ is not tracked."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Page]:
    binary = chromium_binary()
    if binary is None:
        message = "Chromium not installed (Debian: apt-get install chromium)"
        if os.environ.get("MT_HARNESS_REQUIRE_CHROMIUM"):  # CI: a missing browser is a failure, not a skip
            pytest.fail(message)
        pytest.skip(message)
    browser = Page(binary, tmp_path / "chromium-profile")
    try:
        yield browser
    finally:
        browser.close()


ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "references" / "sample_deen" / "aligned.en"


def perturbed_outputs() -> list[str]:
    """The reference with three known edits: a system between the identity floor and the ceiling."""
    hyps = REFERENCE.read_text(encoding="utf-8").splitlines()
    hyps[0] = hyps[0].lower()
    hyps[2] = "Many students search for flats."
    hyps[7] = hyps[7].replace("six", "seven")
    return hyps


@pytest.fixture(scope="session")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``results/sample_deen/`` with identity, reference and perturbed, made by the real CLI."""
    base = tmp_path_factory.mktemp("report-results")
    hyp_file = base / "perturbed.en"
    hyp_file.write_text("\n".join(perturbed_outputs()) + "\n", encoding="utf-8")
    env = {**os.environ, "MT_HARNESS_CACHE": str(base / "cache"), "TQDM_DISABLE": "1"}
    common = ["reference=sample_deen", f"results_dir={base / 'results'}"]
    for args in (["-m", "system=identity,reference"], ["system=file", f"system.path={hyp_file}", "system.name=perturbed"]):
        subprocess.run([sys.executable, "-m", "harness", *args, *common], check=True, capture_output=True, env=env,
                       cwd=ROOT)
    return base / "results" / "sample_deen"
