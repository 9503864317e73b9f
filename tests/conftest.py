"""Shared test fixtures: paths of the repository, the real data and the small fixture policy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
POLICY_DATA = REPO / "policy_data"
MINI_POLICY = REPO / "tests" / "fixtures" / "mini_policy"


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the small fixture policy, as ``<tmp>/policy_data``."""
    target = tmp_path / "policy_data"
    shutil.copytree(MINI_POLICY, target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with the README's build (strict)."""
    from tests.site_build import mkdocs_build

    dest = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(dest)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


@pytest.fixture(scope="session")
def built_fixture_site(tmp_path_factory) -> Path:
    """The small fixture policy built through the same plugin and templates."""
    from tests.site_build import mkdocs_build

    dest = tmp_path_factory.mktemp("fixture_site") / "site"
    result = mkdocs_build(dest, data_dir=MINI_POLICY, REPORT_ERROR_URL="mailto:corrections@example.org")
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


@pytest.fixture(scope="session")
def site_url(built_site):
    """The real built site served on 127.0.0.1 for the whole session."""
    from tests.browser_support import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    """One Debian Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    from tests.browser_support import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def local_page(chromium):
    """A fresh page whose test fails if any request leaves 127.0.0.1."""
    from tests.browser_support import LocalOnly

    context = chromium.new_context()
    guard = LocalOnly(context)
    page = context.new_page()
    yield page
    context.close()
    assert guard.foreign == [], f"requests left 127.0.0.1: {guard.foreign}"
