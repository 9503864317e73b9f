"""The browser scripts as ES modules (docs/assets): one folder for the runtime, one small kit, the
pages' scripts importing them; and the build's ``?v=`` on those imports, so that each module is
loaded once, at its release's address (the one its page preloads and the service worker keeps)."""

import re
from pathlib import Path

import pytest

from policy_site.build import pyodide_runtime

REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "docs" / "assets"
IMPORT = re.compile(r"""^(?:import|export)\b[^;"']*?\bfrom\s*["']([^"']+)["']""", re.MULTILINE)
# Which folder may import from which: the pages' scripts use the kit and the runtime; the kit uses
# only itself; the runtime is on its own (its worker and early start cannot import at all).
MAY_IMPORT = {"calculator": {"kit", "runtime"}, "finder": {"kit", "runtime"}, "kit": {"kit"}, "runtime": set()}


def imports(module: Path) -> list[Path]:
    found = IMPORT.findall(module.read_text(encoding="utf-8"))
    assert all(name.startswith(("./", "../")) for name in found), (module, found)  # our own modules only
    return [(module.parent / name).resolve() for name in found]


def graph(entry: Path) -> set[Path]:
    """Every module ``entry`` loads, itself included."""
    seen, todo = set(), [entry.resolve()]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += imports(module)
    return seen


@pytest.mark.parametrize("folder", sorted(MAY_IMPORT))
def test_each_folder_imports_only_what_it_may(folder):
    for module in sorted((ASSETS / folder).glob("*.js")):
        for target in imports(module):
            assert target.is_file(), (module, target)
            assert target.parent.parent == ASSETS and target.parent.name in MAY_IMPORT[folder], (module, target)


def test_the_pages_scripts_share_the_kit_and_the_runtime():
    calculator, finder = graph(ASSETS / "calculator" / "calculator.js"), graph(ASSETS / "finder" / "finder.js")
    shared = {p.relative_to(ASSETS).as_posix() for p in calculator & finder}
    assert {"runtime/runtime.js", "kit/dom.js", "kit/language.js", "kit/amount.js", "kit/receipt.js"} <= shared


def test_every_versioned_script_is_served_with_versioned_imports(tmp_path):
    """What the build serves: each relative import at ``?v=<version>``, nothing else changed; the
    other files as they are."""
    served = pyodide_runtime.site_assets(ASSETS, "0123abcd")
    sources = {"assets/" + p.relative_to(ASSETS).as_posix(): p for p in ASSETS.rglob("*") if p.is_file()}
    assert set(served) == set(sources)
    rewritten = 0
    for uri, content in served.items():
        source = sources[uri].read_text(encoding="utf-8") if uri.endswith(".js") else None
        if isinstance(content, Path):
            assert content == sources[uri] and not (source and IMPORT.search(source)), uri
            continue
        text = content.decode("utf-8")
        specifiers = IMPORT.findall(text)
        assert specifiers and all(name.endswith(".js?v=0123abcd") for name in specifiers), (uri, specifiers)
        assert text.replace("?v=0123abcd", "") == source, uri
        rewritten += 1
    assert rewritten >= 3  # calculator.js, finder.js and the kit's modules that import others
    assert all(isinstance(content, Path) for content in pyodide_runtime.site_assets(ASSETS, None).values())
