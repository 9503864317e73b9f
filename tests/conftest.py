"""Shared test fixtures: the repository's paths, the built sites, the browser.

The real site is built once per session (``mkdocs build --strict``, as the README's command
does) with ``SITE_URL`` set to the address it is then served from on 127.0.0.1, as a
deployment does: Material's instant navigation follows only links listed in the sitemap,
which is empty without a site_url. The small fixture policy is built without ``SITE_URL``,
as a local build from a folder.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest

from tests import schedule
from tests.browser_support import Traffic, bind, launch, offline_context, start, stop
from tests.site_build import mkdocs_build

REPO = Path(__file__).resolve().parents[1]
POLICY_DATA = REPO / "policy_data"
MINI_POLICY = REPO / "tests" / "fixtures" / "mini_policy"


def _register_data_calculators() -> None:
    """The calculators the real data writes as data (2.2's venue subsidy) join calculators.CALCULATORS,
    as in every build and `policy-site check`: loading the data registers them."""
    import calculators
    from policy_site.data.loader import check_policy

    check_policy(POLICY_DATA, known_calculators=calculators.CALCULATORS)


_register_data_calculators()


@contextlib.contextmanager
def _registry_kept():
    import calculators

    saved_metadata, saved_lookup = dict(calculators.CALCULATORS), dict(calculators._BY_ID)
    yield
    calculators.CALCULATORS.clear()
    calculators.CALCULATORS.update(saved_metadata)
    calculators._BY_ID.clear()
    calculators._BY_ID.update(saved_lookup)


@pytest.fixture(autouse=True, scope="module")
def calculators_registry_of_the_module():
    """calculators.CALCULATORS as it was before each test module (a module-scoped fixture that loads a
    library registers its calculators for the module's tests only)."""
    with _registry_kept():
        yield


@pytest.fixture(autouse=True)
def calculators_registry():
    """calculators.CALCULATORS as it was before each test: loading a library or calling register_rules adds
    calculators in place, and no test sees another's (the real data's, registered above, stay)."""
    with _registry_kept():
        yield


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the small fixture policy, as ``<tmp>/policy_data``."""
    target = tmp_path / "policy_data"
    shutil.copytree(MINI_POLICY, target)
    return target


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The real site, built once for the address it is served from (127.0.0.1, a free port)."""
    root = tmp_path_factory.mktemp("site") / "site"
    root.mkdir()
    site = bind(root)
    result = mkdocs_build(root, SITE_URL=site.url)
    assert result.returncode == 0, result.stdout + result.stderr
    yield start(site)
    stop(site)


@pytest.fixture(scope="session")
def built_site(served_site) -> Path:
    return served_site.root


@pytest.fixture(scope="session")
def site_url(served_site) -> str:
    return served_site.url


REPORT_ERROR_URL = 'mailto:corrections@example.org?subject=Error in "1.1"&body=<page>'
"""A mailto: with a subject and a body: quotes, & and <> reach the link as typed."""


@pytest.fixture(scope="session")
def built_fixture_site(tmp_path_factory) -> Path:
    """The small fixture policy built through the same plugin and templates."""
    dest = tmp_path_factory.mktemp("fixture_site") / "site"
    result = mkdocs_build(dest, data_dir=MINI_POLICY, REPORT_ERROR_URL=REPORT_ERROR_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


@pytest.fixture(scope="session")
def chromium():
    """One Debian Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


_TRAFFIC = Traffic()


@pytest.fixture(autouse=True)
def traffic():
    """This test's browser requests; the test fails if one left 127.0.0.1 or a page threw an error."""
    _TRAFFIC.reset()
    yield _TRAFFIC
    assert _TRAFFIC.foreign == [], f"requests left 127.0.0.1: {_TRAFFIC.foreign}"
    assert _TRAFFIC.errors == [], f"JavaScript errors: {_TRAFFIC.errors}"


def watched_context(chromium, **options):
    """A new offline context whose requests and page errors ``traffic`` records (30 s timeouts)."""
    context = _TRAFFIC.watch_context(offline_context(chromium, **options))
    context.set_default_timeout(30_000)
    return context


@contextlib.contextmanager
def closed_after(make):
    """``make(**options)`` as a factory whose every product (a context, a page) is closed at the end."""
    made = []

    def tracked(**options):
        made.append(make(**options))
        return made[-1]

    yield tracked
    for item in made:
        item.close()


@pytest.fixture
def new_context(chromium):
    """``new_context(**options)``: a fresh, watched, offline context (empty cache), closed after the test."""
    with closed_after(lambda **options: watched_context(chromium, **options)) as make:
        yield make


@pytest.fixture
def local_page(new_context):
    """A fresh page that can reach nothing but 127.0.0.1."""
    return new_context().new_page()


TIERS = ("unit", "build", "browser", "runtime", "js")
"""The folders under tests/, by cost; each test gets its folder's marker (``pytest -m "not browser"``)."""


def pytest_collection_modifyitems(items):
    tests_dir = Path(__file__).resolve().parent
    schedule.order(items, tests_dir.parent)  # the files in the order the workers should take them
    for item in items:
        try:
            folder = item.path.resolve().relative_to(tests_dir).parts[0]
        except ValueError:
            continue
        if folder in TIERS:
            item.add_marker(folder)
