"""A link checker for a built static site: every internal href/src must resolve to a file
in the output, every #fragment to an id in the target page, and nothing may climb
above the site root.

Pure standard library, so it runs without a browser and can be unit-tested on a
synthetic folder (tests/build/test_links.py).
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# (tag, attribute) pairs whose URL must resolve.
LINK_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")}
SKIPPED_SCHEMES = {"mailto", "tel", "javascript", "data"}


@dataclass(frozen=True)
class Link:
    page: str          # the page it is on, relative to the site root (posix)
    tag: str
    url: str           # the attribute as written
    hreflang: str | None = None


@dataclass(frozen=True)
class Problem:
    page: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.url!r} — {self.reason}"


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if attributes.get(name):
                self.ids.add(attributes[name])
        for attr in ("href", "src"):
            if (tag, attr) in LINK_ATTRS and attributes.get(attr) is not None:
                self.links.append((tag, attributes[attr], attributes.get("hreflang")))

    handle_startendtag = handle_starttag


@dataclass
class ParsedPage:
    ids: set[str]
    links: list[Link]


class SiteChecker:
    """Checks one built site folder. ``site_url``: absolute URLs starting with it are internal."""

    def __init__(self, root: Path, site_url: str = ""):
        self.root = Path(root)
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        # The path of the site root on its host: where absolute-path links ("/x") start from.
        self.base_path = urlsplit(self.site_url).path if self.site_url else "/"
        self._cache: dict[Path, ParsedPage] = {}

    # -- parsing ---------------------------------------------------------------
    def pages(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*.html") if p.is_file())

    def parse(self, path: Path) -> ParsedPage:
        if path not in self._cache:
            parser = _PageParser()
            parser.feed(path.read_text(encoding="utf-8"))
            parser.close()
            rel = path.relative_to(self.root).as_posix()
            self._cache[path] = ParsedPage(parser.ids, [Link(rel, t, u, h) for t, u, h in parser.links])
        return self._cache[path]

    # -- resolving -------------------------------------------------------------
    def resolve(self, page: str, url: str) -> tuple[str | None, str | None, str | None]:
        """(target path relative to the root, fragment, problem) for a link on ``page``.

        The target is None for links that are not checked (external, mailto:, ...).
        """
        url = url.strip()
        if self.site_url and url.startswith(self.site_url):
            url = self.base_path + url[len(self.site_url):]
        parts = urlsplit(url)
        if parts.scheme in SKIPPED_SCHEMES:
            return None, None, None
        if parts.scheme or parts.netloc:
            return None, None, None  # another host: not ours to check here
        fragment = unquote(parts.fragment) if parts.fragment else None
        path = unquote(parts.path)
        if not path:
            return page, fragment, None  # "#x" or "?q": this very page
        if path.startswith("/"):
            if not path.startswith(self.base_path) and path + "/" != self.base_path:
                return None, None, f"absolute path outside the site root {self.base_path}"
            joined = path[len(self.base_path):]
        else:
            joined = posixpath.join(posixpath.dirname(page), path)
        trailing = path.endswith("/")
        normal = posixpath.normpath(joined) if joined else "."
        if normal == ".." or normal.startswith("../"):
            return None, None, "points outside the site root"
        target = self.root / normal
        if target.is_dir():
            target = target / "index.html"
        elif trailing:
            return None, None, "no such folder in the built site"
        if not target.is_file():
            return None, None, "no such file in the built site"
        return target.relative_to(self.root).as_posix(), fragment, None

    def check_link(self, link: Link) -> Problem | None:
        target, fragment, problem = self.resolve(link.page, link.url)
        if problem:
            return Problem(link.page, link.url, problem)
        if target is None or not fragment or not target.endswith(".html"):
            return None
        if fragment not in self.parse(self.root / target).ids:
            return Problem(link.page, link.url, f"no id {fragment!r} in {target}")
        return None

    # -- the whole site ----------------------------------------------------------
    def links(self) -> list[Link]:
        return [link for path in self.pages() for link in self.parse(path).links]

    def problems(self) -> list[Problem]:
        return [p for link in self.links() if (p := self.check_link(link))]

    def search_index_problems(self) -> list[Problem]:
        """Every location of every search index (search/search_index.json) must resolve too."""
        problems = []
        for index in sorted(self.root.rglob("search/search_index.json")):
            site_root = index.parent.parent
            prefix = site_root.relative_to(self.root).as_posix()
            page = (prefix + "/" if prefix != "." else "") + "index.html"
            rel_index = index.relative_to(self.root).as_posix()
            for doc in json.loads(index.read_text(encoding="utf-8")).get("docs", []):
                link = Link(page, "search", doc["location"] or "./")
                if (problem := self.check_link(link)):
                    problems.append(Problem(rel_index, doc["location"], problem.reason))
        return problems


def check_site(root: Path, site_url: str = "") -> list[Problem]:
    checker = SiteChecker(root, site_url)
    return checker.problems() + checker.search_index_problems()
