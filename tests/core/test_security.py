"""Hostile input: a results folder must never run code, language codes never reach paths or shells,
credentials never reach disk, and stored names never become LaTeX or Markdown markup."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from omegaconf import OmegaConf

from harness import escaping, leaderboard
from harness.build_reference import build_reference
from harness.errors import HarnessError
from harness.metrics import registry
from harness.metrics.sacrebleu import BLEU
from harness.publish import publish
from harness.records import SCORES, RunRecord, write_run
from harness.redact import redact, redact_url
from harness.references import ReferenceSet, load_reference
from systems.command import Command
from systems.openai import OpenAI

REFS = ["a b c d", "e f", "g h i", "j k l m n", "o p"]
SYSTEMS = {"good": ["a b c d", "e f", "g h x", "j k l m n", "o p"], "poor": ["a", "e", "g h", "j", "o"]}


def _write_runs(results: Path, edit=lambda key, summary: None) -> ReferenceSet:
    """Two real runs of BLEU on a toy reference set; ``edit`` may tamper with each stored summary."""
    reference = ReferenceSet("toy", "de", "en", REFS, REFS, results / "s", results / "r")
    for name, hyps in SYSTEMS.items():
        result = BLEU().score(hyps, REFS, REFS)
        summary = result.summary()
        edit("bleu", summary)
        info = {"system": {"name": name}, "reference": {"content_hash": reference.content_hash},
                "metrics": {"bleu": summary}}
        write_run(results / "toy" / name, reference, RunRecord(name, hyps, {"bleu": result}, info))
    return reference


# --- 1. a results folder never runs code -----------------------------------------------------------


@pytest.mark.parametrize("target", ["subprocess.Popen", "os.system", "builtins.exec", "harness.metrics.base.Metric",
                                    "tests.core.test_security.Touch"])
def test_a_crafted_scores_json_runs_no_code(tmp_path: Path, target: str) -> None:
    marker = tmp_path / "pwned"
    payload = {"_target_": target, "args": ["touch", str(marker)], "cmd": f"touch {marker}",
               "source": f"open({str(marker)!r}, 'w')"}
    reference = _write_runs(tmp_path, lambda key, summary: summary.update(config=payload))
    board = publish(tmp_path / "toy", reference.content_hash, {"resamples": 50, "seed": 1})
    assert not marker.exists()
    assert "stored statistics do not reproduce the score; no interval" in " ".join(board.notes)
    assert (tmp_path / "toy" / "report.html").exists()


def test_the_projects_own_metrics_are_still_rebuilt(tmp_path: Path) -> None:
    reference = _write_runs(tmp_path)
    board = publish(tmp_path / "toy", reference.content_hash, {"resamples": 50, "seed": 1})
    assert ("good", "BLEU") in board.ci and not board.notes


def test_the_allow_list_imports_nothing_else() -> None:
    assert registry.metric_class("subprocess.Popen") is None
    assert registry.metric_class("harness.metrics.sacrebleu.BLEU") is BLEU
    # Allowed class, arguments that are not plain data: not built.
    assert registry.rebuild({"_target_": "harness.metrics.sacrebleu.BLEU", "tokenize": {"_target_": "os.system"}}) is None
    assert registry.rebuild({"_target_": "harness.metrics.sacrebleu.BLEU", "no_such_argument": 1}) is None
    assert isinstance(registry.rebuild({"_target_": "harness.metrics.sacrebleu.BLEU", "tokenize": "intl"}), BLEU)


class Touch:  # a class a crafted file could name: importing this module is harmless, building it is not
    def __init__(self, *args, **kwargs) -> None:
        raise AssertionError("a stored _target_ was instantiated")


# --- 2. language codes ----------------------------------------------------------------------------


def _reference_cfg(tmp_path: Path, **langs: str) -> dict:
    (tmp_path / "t.de").write_text("Guten Morgen.\n", encoding="utf-8")
    (tmp_path / "t.en").write_text("Good morning.\n", encoding="utf-8")
    return {"name": "t", "src": str(tmp_path / "t.de"), "ref": str(tmp_path / "t.en"), "src_lang": "de",
            "tgt_lang": "en", **langs}


@pytest.mark.parametrize("code", ["../../x", "en;touch X;", "en/x", "e", "en-", "de en", "$(id)", "en\nx"])
def test_bad_language_codes_are_refused(tmp_path: Path, code: str) -> None:
    with pytest.raises(HarnessError, match="reference.tgt_lang=.* is not a language code"):
        load_reference(_reference_cfg(tmp_path, tgt_lang=code))


@pytest.mark.parametrize("code", ["en", "en-GB", "zh-Hant-TW", "es-419", "deu_Latn", "yue"])
def test_real_language_codes_pass(tmp_path: Path, code: str) -> None:
    assert load_reference(_reference_cfg(tmp_path, tgt_lang=code)).tgt_lang == code


def test_tgt_lang_cannot_write_outside_results_dir(harness, results: Path, tmp_path: Path) -> None:
    cfg = _reference_cfg(tmp_path)
    out = harness("reference=files", f"reference.src={cfg['src']}", f"reference.ref={cfg['ref']}",
                  "reference.src_lang=de", "reference.tgt_lang=../../../escaped", "reference.name=t",
                  "system=identity", "metrics=[bleu]")
    assert out.returncode == 2, out.stderr
    assert out.stderr.splitlines() == ["error: reference.tgt_lang='../../../escaped' is not a language code; "
                                       "use a BCP-47 tag such as de, en-GB, zh-Hant"]
    assert not list(tmp_path.rglob("hypotheses.*")) and not list(tmp_path.rglob("*escaped*"))


def test_build_reference_refuses_a_path_as_language(tmp_path: Path) -> None:
    cfg = OmegaConf.create({"src": "a", "tgt": "b", "src_lang": "de", "tgt_lang": "../x", "out": str(tmp_path / "o")})
    with pytest.raises(HarnessError, match="tgt_lang='../x' is not a language code"):
        build_reference(cfg)
    assert not (tmp_path / "x").exists() and not list(tmp_path.rglob("aligned.*"))


def test_substituted_values_are_shell_quoted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    command = Command("echo {tgt_lang} >/dev/null; cat")
    assert command.translate(["Hallo"], "de", "en;touch X;") == ["Hallo"]
    assert not (tmp_path / "X").exists()
    assert Command("echo {src_lang}-{tgt_lang}").translate(["x"], "de", "en-GB") == ["de-en-GB"]
    assert Command(["echo", "{tgt_lang};x"]).translate(["x"], "de", "en") == ["en;x"]


# --- 3. credentials in URLs -----------------------------------------------------------------------


@pytest.mark.parametrize(("url", "stored"), [
    ("https://user:sk-secret@api.example.com/v1", "https://api.example.com/v1"),
    ("http://sk-secret@127.0.0.1:8000/v1", "http://127.0.0.1:8000/v1"),
    ("https://h.example/v1?key=sk-secret&region=eu", "https://h.example/v1?key=REDACTED&region=eu"),
    ("https://api.openai.com/v1", "https://api.openai.com/v1"),
])
def test_urls_lose_their_credentials(url: str, stored: str) -> None:
    assert redact_url(url) == stored
    assert redact({"a": [url], "b": 1}) == {"a": [stored], "b": 1}


def test_fingerprint_holds_no_credentials() -> None:
    plain = OpenAI(model="m", base_url="https://api.example.com/v1", api_key_env=None)
    secret = OpenAI(model="m", base_url="https://user:sk-secret@api.example.com/v1", api_key_env=None)
    assert secret.fingerprint == plain.fingerprint


class _ChatServer(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        text = body["messages"][-1]["content"]
        data = json.dumps({"choices": [{"message": {"content": text}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def chat_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ChatServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_base_url_credentials_never_reach_disk(harness, results: Path, chat_server: str) -> None:
    out = harness("system=openai", f"system.base_url=http://user:sk-secret-123@{chat_server}/v1",
                  "system.api_key_env=null", "system.name=local", "metrics=[bleu]")
    assert out.returncode == 0, out.stderr
    written = [p.read_bytes() for p in results.rglob("*") if p.is_file()]
    assert written and not any(b"sk-secret-123" in data for data in written)
    stored = json.loads((results / "sample_deen" / "local" / SCORES).read_text(encoding="utf-8"))
    assert stored["system"]["config"]["base_url"] == f"http://{chat_server}/v1"


# --- 4. names in LaTeX and Markdown tables --------------------------------------------------------


def test_stored_names_are_escaped_in_tex_and_md(tmp_path: Path) -> None:
    hostile = "B|L\\input{/etc/passwd}$x$_%#&\n| injected | row |"

    def rename(key: str, summary: dict) -> None:
        summary["name"] = hostile

    reference = _write_runs(tmp_path, rename)
    board = leaderboard.write(tmp_path / "toy", reference.content_hash, {"resamples": 50, "seed": 1})
    tex = (tmp_path / "toy" / "leaderboard.tex").read_text(encoding="utf-8")
    assert "\\input{" not in tex and r"\textbackslash{}input\{/etc/passwd\}\$x\$\_\%\#\&" in tex
    markdown = (tmp_path / "toy" / "leaderboard.md").read_text(encoding="utf-8")
    table = [line for line in markdown.splitlines() if line.startswith("|")]
    assert len(table) == 4  # header, rule, two systems: nothing injected
    columns = {line.replace("\\|", "").count("|") for line in table}
    assert columns == {3}, table
    assert not any(line.startswith("| injected") for line in markdown.splitlines())
    assert board.scores.columns.tolist() == [hostile]


def test_escaping_helpers() -> None:
    assert escaping.latex("a_b & {c} ~^") == r"a\_b \& \{c\} \textasciitilde{}\textasciicircum{}"
    assert escaping.markdown("a|b\n*c*") == r"a\|b \*c\*"
