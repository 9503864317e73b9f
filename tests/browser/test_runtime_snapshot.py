"""The memory snapshot of Python made on the visitor's device (docs/assets/runtime/worker.js).

- The first visit starts Python afresh and keeps a snapshot in the release's cache; the next visit
  restores it, and the restored Python answers every calculator case byte for byte as CPython does.
- The snapshot is made before any visitor's input reaches Python: the numbers a visitor typed are
  not in it.
- A damaged snapshot, or one whose last restore never finished, is forgotten: the page starts Python
  afresh, works, and keeps a new snapshot.
"""

from __future__ import annotations

import json
import time

import pytest

import calculators
from tests.browser_support import wait_state
from tests.runtime.test_parity import REQUESTS

CALC = "startup_loan"

# The kept snapshot's size, or 0; and whether a restore left its marker behind.
SNAPSHOT = """async () => {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        // the snapshot itself, not its &failed and &restoring marks
        if (request.url.includes('/pyodide/python-snapshot.bin?') && !request.url.includes('&')) {
          return (await (await cache.match(request)).arrayBuffer()).byteLength;
        }
      }
    }
    return 0; }"""


def visit(context, url: str, calc_id: str = CALC):
    page = context.new_page()
    page.goto(url)
    assert wait_state(page, calc_id, "ready", "done", "error", timeout=60_000) in ("ready", "done")
    return page


def started_from(page) -> str:
    page.wait_for_function("globalThis.__policyRuntime?.state === 'ready'", timeout=60_000)
    return page.evaluate("globalThis.__policyRuntime.startedFrom")


def wait_for_snapshot(page, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    while not (size := page.evaluate(SNAPSHOT)):
        assert time.monotonic() < deadline, "no snapshot was kept"
        page.wait_for_timeout(200)
    return size


@pytest.fixture
def kept(calc_site, new_context):
    """A context that has visited a calculator page once and kept the snapshot."""
    context = new_context()
    page = visit(context, calc_site.url + f"calculators/{CALC}/")
    assert started_from(page) == "start"
    wait_for_snapshot(page)
    page.close()
    return context


def test_the_next_visit_restores_python_and_it_answers_as_cpython_does(calc_site, kept):
    page = visit(kept, calc_site.url + "en/calculators/loan_guarantee_reward/", "loan_guarantee_reward")
    assert started_from(page) == "snapshot"
    requests = list(REQUESTS.values())
    answers = page.evaluate("""async (requests) => {
        const out = [];
        for (const request of requests) {
          const answer = await globalThis.__policyRuntime.call('calculate_json', request);
          out.push(answer.response ?? {failure: answer.failure});
        }
        return out; }""", requests)
    different = [(request[:80], answer) for request, answer in zip(requests, answers, strict=True)
                 if answer != calculators.calculate_json(request)]
    assert not different, different[:3]
    # And the finder, from the same restored Python.
    finder = '{"lang": "zh", "answers": {}}'
    assert page.evaluate("(r) => globalThis.__policyRuntime.call('find_json', r)", finder)["response"] == \
        calculators.find_json(finder)


def test_the_snapshot_holds_none_of_what_the_visitor_typed(calc_site, new_context):
    context = new_context()
    # A shared link computes at once, in the very first Python of this device.
    page = visit(context, calc_site.url + f"calculators/{CALC}/?applicant_type=individual&loan_yuan=98765.43")
    assert wait_state(page, CALC, "done", "error", timeout=60_000)
    wait_for_snapshot(page)
    found = page.evaluate("""async () => {
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const request of await cache.keys()) {
            if (!request.url.includes('/pyodide/python-snapshot.bin?') || request.url.includes('&')) continue;
            const bytes = new Uint8Array(await (await cache.match(request)).arrayBuffer());
            const text = new TextDecoder('latin1').decode(bytes);
            return ['98765.43', '9876543'].filter((needle) => text.includes(needle));
          }
        }
        return null; }""")
    assert found == []


@pytest.mark.parametrize("damage", ["garbage", "truncated", "unfinished restore"])
def test_a_damaged_snapshot_is_forgotten_and_python_starts_afresh(calc_site, kept, damage):
    page = kept.new_page()
    page.goto(calc_site.url)  # any page of the site: the cache is the origin's
    page.evaluate("""async (damage) => {
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const request of await cache.keys()) {
            if (!request.url.includes('/pyodide/python-snapshot.bin?') || request.url.includes('&')) continue;
            const response = await cache.match(request);
            const headers = {'X-Canary': response.headers.get('X-Canary') ?? ''};
            const bytes = new Uint8Array(await response.arrayBuffer());
            if (damage === 'garbage') bytes.fill(7, 0, 4096);
            const body = damage === 'truncated' ? bytes.subarray(0, bytes.length >> 1) : bytes;
            await cache.put(request, new Response(body, {headers}));
            if (damage === 'unfinished restore') await cache.put(request.url + '&restoring', new Response(''));
          }
        } }""", damage)
    page.close()
    page = visit(kept, calc_site.url + f"calculators/{CALC}/?applicant_type=individual")
    assert started_from(page) == "start"
    assert wait_state(page, CALC, "done", "error", timeout=60_000) == "done"
    answer = page.evaluate("(r) => globalThis.__policyRuntime.call('calculate_json', r)",
                           json.dumps({"id": CALC, "inputs": {"applicant_type": "individual"}}))
    assert json.loads(answer["response"])["result"]["max_loan_yuan"] == 150000
    # A new snapshot is kept, whole, and restored by the visit after.
    size = wait_for_snapshot(page)
    page.close()
    page = visit(kept, calc_site.url + f"calculators/{CALC}/")
    assert started_from(page) == "snapshot"
    assert page.evaluate(SNAPSHOT) == size
