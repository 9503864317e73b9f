"""axe-core in the page: the axe.min.js that PyPI's axe-playwright-python ships, injected and run
directly (``axe.run``), keeping the violations of serious or critical impact."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

BLOCKING = ("serious", "critical")


@lru_cache(maxsize=1)
def axe_source() -> str:
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


SETTLE = """async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const deadline = performance.now() + 3000;
  // Until two frames in a row start no transition (or 3 s have passed).
  while (performance.now() < deadline) {
    await frame(); await frame();
    const running = document.getAnimations().filter((a) => a.playState === "running");
    if (!running.length) return;
    await Promise.race([Promise.all(running.map((a) => a.finished.catch(() => null))),
                        new Promise((resolve) => setTimeout(resolve, deadline - performance.now()))]);
  }
}"""


def run_axe(page, options: dict | None = None, within: list[str] | None = None) -> list[dict]:
    """Every violation axe finds on the page once its transitions have ended (all of axe's rules);
    ``within``: only in the elements these CSS selectors match (the part of the page that changed).

    Material fades elements in and out (the back-to-top button, the header title, the language
    menu); measured halfway, their colours fail contrast checks that they pass once settled.
    """
    page.evaluate(SETTLE)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    context = {"include": [[selector] for selector in within]} if within else None
    return page.evaluate("([context, options]) => axe.run(context ?? document, options).then((r) => r.violations)",
                         [context, options or {"resultTypes": ["violations"]}])


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v.get("impact") in BLOCKING]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} element(s))")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)
