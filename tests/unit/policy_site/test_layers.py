"""The generator's layers, read from its source with ``ast``: data → site → build, the command line
beside them, imports pointing one way only.

- ``policy_site.data`` reads, validates and checks ``policy_data/``: it knows no pages (imports
  nothing of site or build, neither jinja2 nor mkdocs).
- ``policy_site.site`` makes the pages from the model: it knows no mkdocs (imports data only).
- ``policy_site.build`` is the mkdocs plugins and what a build needs besides pages.
- ``policy_site.cli``, ``policy_site.finder_cli`` and ``policy_site.importer`` (the ``policy-site``
  command, and a source text read into data) sit above them and may import any layer.

No module imports another inside a function, a class or an ``if`` (``TYPE_CHECKING`` included):
such an import only hides a cycle or a layer crossed the wrong way. ``calculators`` is a leaf.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "policy_site"
CALCULATORS = REPO / "calculators"
LAYERS = {"data": 0, "site": 1, "build": 2}
TOP = 3
"""cli, finder_cli, the importer and the package's own __init__."""
OURS = ("policy_site", "calculators")
FORBIDDEN_OUTSIDE = {"data": ("mkdocs", "jinja2"), "site": ("mkdocs",)}
"""Libraries a layer must not import: data knows no pages, site knows no mkdocs."""


def module_name(path: Path, root: Path = REPO) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(path, package.parent): path for path in sorted(package.rglob("*.py"))}


def layer(name: str) -> int:
    parts = name.split(".")
    return LAYERS.get(parts[1], TOP) if len(parts) > 1 else TOP


def imported(name: str, path: Path, node: ast.Import | ast.ImportFrom, known: set[str]) -> list[str]:
    """The modules an import statement names (a ``from x import y`` names ``x.y`` when y is a module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        package = package[:len(package) - node.level + 1]
        base = ".".join(package + ([node.module] if node.module else []))
    else:
        base = node.module or ""
    found = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in known]
    return found if len(found) == len(node.names) else [base, *found]


def imports(package: Path = PACKAGE) -> dict[str, list[tuple[str, int, bool]]]:
    """Every module's imports: (module imported, line, at the top of the module or not)."""
    found = modules(package)
    known = set(found)
    graph: dict[str, list[tuple[str, int, bool]]] = {}
    for name, path in found.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {id(node) for node in tree.body}
        graph[name] = [(target, node.lineno, id(node) in top)
                       for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                       for target in imported(name, path, node, known)]
    return graph


def ours(target: str) -> bool:
    return target.split(".")[0] in OURS


def cycles(graph: dict[str, list[tuple[str, int, bool]]]) -> list[list[str]]:
    """The import cycles among our modules (each found once, from its first module in order)."""
    edges = {name: sorted({t for t, _, _ in targets if t in graph and t != name}) for name, targets in graph.items()}
    found, done = [], set()
    for start in sorted(edges):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in edges[node]:
                if nxt == start:
                    found.append(path)
                elif nxt not in path and nxt not in done:
                    stack.append((nxt, path + [nxt]))
        done.add(start)
    return found


def layer_problems(graph: dict[str, list[tuple[str, int, bool]]]) -> list[str]:
    problems = []
    for name, targets in graph.items():
        for target, line, _ in targets:
            if target.startswith("policy_site") and layer(target) > layer(name):
                problems.append(f"{name}:{line} imports {target}, a layer above it")
            forbidden = FORBIDDEN_OUTSIDE.get(name.split(".")[1] if "." in name else "", ())
            if target.split(".")[0] in forbidden:
                problems.append(f"{name}:{line} imports {target}")
    return problems


def nested_imports(graph: dict[str, list[tuple[str, int, bool]]]) -> list[str]:
    return [f"{name}:{line} imports {target} inside a function, class or if"
            for name, targets in graph.items() for target, line, at_top in targets if ours(target) and not at_top]


@pytest.fixture(scope="module")
def graph():
    return imports()


def test_every_module_is_in_a_layer_or_beside_them(graph):
    """A new module goes into data, site or build; only the command line sits at the top."""
    top = sorted(name for name in graph if layer(name) == TOP)
    beside = [name for name in top if name not in ("policy_site", "policy_site.cli", "policy_site.finder_cli")
              and not name.startswith("policy_site.importer")]
    assert not beside, f"modules outside the layers: {beside}"
    assert {name.split(".")[1] for name in graph if layer(name) < TOP} == set(LAYERS)


def test_imports_point_down_the_layers(graph):
    assert not layer_problems(graph), "\n".join(layer_problems(graph))


def test_no_import_cycles(graph):
    found = cycles(graph)
    assert not found, "\n".join(" → ".join([*cycle, cycle[0]]) for cycle in found)


def test_no_import_of_our_modules_inside_a_function(graph):
    assert not nested_imports(graph), "\n".join(nested_imports(graph))


def test_the_calculators_import_nothing_of_the_generator():
    graph = imports(CALCULATORS)
    wrong = [f"{name}:{line} imports {target}" for name, targets in graph.items()
             for target, line, _ in targets if target.split(".")[0] == "policy_site"]
    assert not wrong, "\n".join(wrong)


def test_the_checks_find_what_they_look_for(tmp_path):
    """Each check, on a small package that breaks its rule, reports it (so a pass above means something)."""
    package = tmp_path / "policy_site"
    for folder in ("data", "site", "build"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "data" / "model.py").write_text("from . import finder\n")
    (package / "data" / "finder.py").write_text("from .model import x\n")
    (package / "data" / "loader.py").write_text("import mkdocs\nfrom ..site import render\n")
    (package / "site" / "render.py").write_text("def page():\n    from ..build import plugin\n")
    (package / "build" / "plugin.py").write_text("")
    graph = imports(package)
    assert cycles(graph) == [["policy_site.data.finder", "policy_site.data.model"]]
    assert layer_problems(graph) == ["policy_site.data.loader:1 imports mkdocs",
                                     "policy_site.data.loader:2 imports policy_site.site.render, a layer above it",
                                     "policy_site.site.render:2 imports policy_site.build.plugin, a layer above it"]
    assert nested_imports(graph) == ["policy_site.site.render:2 imports policy_site.build.plugin "
                                     "inside a function, class or if"]
