"""What the service worker (sw.js) keeps for offline use, written after the build from the built site.

Once a visitor's calculator runtime is kept (and not on Save-Data), sw.js keeps in the background
the pages that make the tool work offline in the visitor's language: the home page, the finder,
every calculator and every clause page (the library's documents and their clauses too), with what they load. It reads the list from
``offline.json`` at the site root, written here:

    {"release": <hash of every listed file's bytes>,
     "langs": {"zh": {"pages": [...], "assets": [...], "offline": "offline.html"},
               "en": {"pages": ["en/", ...], "assets": [...], "offline": "en/offline.html"}}}

Paths are relative to the site root (the service worker's scope). ``release`` changes whenever a
listed file changes, is added or goes: the service worker then checks again every page it keeps
(a page the host no longer has is dropped) and keeps the new list. ``offline.html`` (one per
language, from templates/offline.html.j2 and the UI strings) is what it shows offline in place of a
page it does not keep: it lists the kept pages.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import jinja2

from .ui_strings import load_ui_strings

TEMPLATES = Path(__file__).with_name("templates")
MANIFEST = "offline.json"
OFFLINE_PAGE = "offline.html"
LANG_PREFIXES = {"zh": "", "en": "en/"}
HTML_LANGS = {"zh": "zh-Hans", "en": "en"}
SECTIONS = ("calculators", "clauses")  # every page in these folders is kept

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_TAG = re.compile(r"<(?:link|script)\b[^>]*>", re.I)
_ATTR = re.compile(r"""\b(href|src)\s*=\s*"([^"]*)\"""", re.I)
_REL = re.compile(r"""\brel\s*=\s*"([^"]*)\"""", re.I)
_SUBRESOURCE_RELS = {"stylesheet", "modulepreload", "icon", "preload"}


def write_offline_files(site_dir: Path) -> dict | None:
    """Write ``offline.json`` and each language's ``offline.html`` into ``site_dir``; returns the
    manifest (None when the site has no home page, e.g. a preview of broken data)."""
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        return None
    ui = load_ui_strings()
    langs = {}
    listed: set[str] = set()
    for lang, prefix in LANG_PREFIXES.items():
        if not (site_dir / prefix / "index.html").is_file():
            continue
        pages = _pages(site_dir, prefix)
        assets = sorted(_assets(site_dir, pages, prefix))
        offline = prefix + OFFLINE_PAGE
        (site_dir / offline).write_text(_offline_page(site_dir, lang, pages, ui), encoding="utf-8")
        langs[lang] = {"pages": pages, "assets": assets, "offline": offline}
        listed |= {offline, *pages, *assets}
    manifest = {"release": _release(site_dir, listed), "langs": langs}
    (site_dir / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def _pages(site_dir: Path, prefix: str) -> list[str]:
    """Home, the finder, every page of the calculators and the clauses, and each library document's
    page and clause pages: folder URLs."""
    pages = [prefix]
    if (site_dir / prefix / "finder" / "index.html").is_file():
        pages.append(f"{prefix}finder/")
    for section in SECTIONS:
        folder = site_dir / prefix / section
        if (folder / "index.html").is_file():
            pages.append(f"{prefix}{section}/")
        children = sorted((p.parent.name for p in folder.glob("*/index.html")), key=_natural) if folder.is_dir() else []
        pages += [f"{prefix}{section}/{name}/" for name in children]
    for document in sorted((site_dir / prefix / "documents").glob("*/index.html")):  # the library's documents
        pages.append(f"{prefix}documents/{document.parent.name}/")
        clauses = sorted((p.parent.name for p in document.parent.glob("clauses/*/index.html")), key=_natural)
        pages += [f"{prefix}documents/{document.parent.name}/clauses/{name}/" for name in clauses]
    return pages


def _natural(name: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _file(site_dir: Path, path: str) -> Path:
    """The file a site-relative URL path is served from (a folder's index.html)."""
    path = urlsplit(path).path
    return site_dir / (path + "index.html" if path.endswith("/") or not path else path)


def _assets(site_dir: Path, pages: list[str], prefix: str) -> set[str]:
    """What the pages load (style sheets, scripts, module preloads, icons), as site-relative URLs
    with their query; plus the search index, Material's search worker, and the calculators' worker."""
    found: set[str] = set()
    base = "http://site/"
    for page in pages:
        text = _file(site_dir, page).read_text(encoding="utf-8")
        for tag in _TAG.findall(text):
            rel = _REL.search(tag)
            if tag[1:5].lower() == "link" and not (rel and set(rel.group(1).lower().split()) & _SUBRESOURCE_RELS):
                continue
            for _, value in _ATTR.findall(tag):
                url = urljoin(base + page, html.unescape(value))
                if not url.startswith(base) or urlsplit(url).path.endswith("/"):
                    continue
                relative = url[len(base):].split("#", 1)[0]
                if _file(site_dir, relative).is_file():
                    found.add(relative)
    # Loaded by scripts, not by the page's markup.
    index = f"{prefix}search/search_index.json"
    if (site_dir / index).is_file():
        found.add(index)
    workers = site_dir / prefix / "assets" / "javascripts" / "workers"
    found |= {f"{prefix}assets/javascripts/workers/{p.name}" for p in workers.glob("*.js")} if workers.is_dir() else set()
    for url in list(found):
        worker = url.replace("early.js", "worker.js")
        if PurePosixPath(urlsplit(url).path).name == "early.js" and _file(site_dir, worker).is_file():
            found.add(worker)
    return found


def _title(site_dir: Path, page: str) -> tuple[str, str]:
    """(the page's own title, the site's name) from its <title>, "page - site"."""
    match = _TITLE.search(_file(site_dir, page).read_text(encoding="utf-8"))
    text = html.unescape(match.group(1)).strip() if match else page
    title, _, site_name = text.rpartition(" - ")
    return (title or text), site_name


def _offline_page(site_dir: Path, lang: str, pages: list[str], ui: dict) -> str:
    prefix = LANG_PREFIXES[lang]
    groups: dict[str, list[dict]] = {"main": [], "calculators": [], "clauses": []}
    site_name = ""
    for page in pages:
        title, site_name = _title(site_dir, page)
        inside = page[len(prefix):]
        section = inside.split("/", 1)[0]
        group = section if section in SECTIONS and inside != f"{section}/" else "main"
        if section == "documents" and "/clauses/" in inside:  # a library document's clause
            group = "clauses"
        groups[group].append({"href": inside or "./", "title": title})
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    strings = {key: value[lang] for key, value in ui.items() if key.startswith("offline_")}
    return env.get_template("offline.html.j2").render(html_lang=HTML_LANGS[lang], t=strings, groups=groups,
                                                     site_name=site_name)


def _release(site_dir: Path, listed: set[str]) -> str:
    digest = hashlib.sha256()
    for path in sorted(listed):
        digest.update(path.encode() + b"\0" + hashlib.sha256(_file(site_dir, path).read_bytes()).digest())
    return digest.hexdigest()[:16]
