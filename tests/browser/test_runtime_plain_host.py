"""A host that compresses nothing (``python3 -m http.server``): the visitor still downloads about the
compressed size of the runtime. The worker sees that Pyodide's small module came uncompressed and
fetches the gzip copies the build wrote beside the wasm and the zip, inflates them and checks the
inflated bytes against the manifest's sha256; the build states that figure
(``Runtime.plain_download_bytes``)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from policy_site.build.build_inputs import load_site_inputs
from policy_site.build.pyodide_runtime import build_runtime, rules_file
from tests.browser_support import QuietHandler, QuietServer, wait_state

REPO = Path(__file__).resolve().parents[2]
CALC = "startup_loan"


class CountingServer:
    """Serves ``root`` as it is (no Content-Encoding, as python3 -m http.server) and counts the
    body bytes it sends for each path."""

    def __init__(self, root: Path):
        self.sent: dict[str, int] = {}
        outer = self

        class Handler(QuietHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(root), **kwargs)

            def copyfile(self, source, outputfile):
                data = source.read()
                path = self.path.split("?")[0]
                outer.sent[path] = outer.sent.get(path, 0) + len(data)
                outputfile.write(data)

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def counting(calc_site):
    server = CountingServer(calc_site.root)
    yield server
    server.close()


@pytest.mark.parametrize("lang", ["zh"])
def test_a_host_without_compression_sends_about_the_compressed_size(counting, calc_site, new_context, lang):
    rules = rules_file(load_site_inputs(REPO / "policy_data", say_warnings=False))  # the data's calculators
    runtime = build_runtime(REPO, assets_dir=REPO / "docs" / "assets", rules=rules)  # as the plugin builds it
    manifest = json.loads((calc_site.root / "pyodide" / "runtime.json").read_text())
    assert manifest["version"] == runtime.version
    page = new_context().new_page()
    page.goto(counting.url + f"calculators/{CALC}/")
    assert wait_state(page, CALC, "ready", "error", timeout=90_000) == "ready"
    answer = page.evaluate("(r) => globalThis.__policyRuntime.call('calculate_json', r)",
                           json.dumps({"id": CALC, "inputs": {"applicant_type": "individual"}}))
    assert json.loads(answer["response"])["result"]["max_loan_yuan"] == 150000

    sent = {path: n for path, n in counting.sent.items() if path.startswith("/pyodide/")}
    assert "/pyodide/pyodide.asm.wasm.gz" in sent and "/pyodide/pyodide.asm.wasm" not in sent, sent
    assert f"/pyodide/{manifest['zip']}.gz" in sent, sent
    total = sum(sent.values())
    raw = manifest["total"]
    # What the build states for such a host is what went over the wire (the manifest itself aside).
    runtime_files = total - sent.get("/pyodide/runtime.json", 0)
    assert runtime_files == runtime.plain_download_bytes, (runtime_files, runtime.plain_download_bytes, sent)
    assert runtime_files < 0.45 * raw, (runtime_files, raw)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_states_the_size_true_for_a_host_without_compression(counting, new_context, lang):
    """A visitor who saves data is offered the download with its size: on this host, the size of the
    gzip copies and Pyodide's modules as they are (not the brotli figure a compressing host sends)."""
    runtime = build_runtime(REPO, assets_dir=REPO / "docs" / "assets")
    context = new_context()
    context.add_init_script("Object.defineProperty(navigator.connection, 'saveData', {get: () => true});")
    page = context.new_page()
    page.goto(counting.url + ("en/" if lang == "en" else "") + f"calculators/{CALC}/")
    assert wait_state(page, CALC, "idle", "error", timeout=30_000) == "idle"
    button = page.locator(".policy-calc__load").inner_text()
    assert f"{runtime.plain_download_mb} MB" in button and runtime.plain_download_mb != runtime.download_mb, button
    page.click(".policy-calc__load")
    assert wait_state(page, CALC, "ready", "error", timeout=90_000) == "ready"
    assert page.evaluate("globalThis.__policyRuntime.hostCompresses") is False
