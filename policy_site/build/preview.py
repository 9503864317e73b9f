"""`mkdocs serve`: while a rebuild fails, every page of the preview shows why.

mkdocs' live-reload server keeps every page request waiting until a rebuild succeeds, so a
mistake in the data used to hang the preview with the message only in the terminal. Now:
broken data does not fail the preview's build at all (the plugin builds stub pages, see
``stub_pages``, so even a preview started on broken data runs); any other failure is recorded
by the server's wrapped builder instead of raised. While either is recorded, the server's
wrapped app answers each page request with an error page carrying the same bilingual messages
(file, line, fix) and the live-reload script: once the file is fixed, the next rebuild
succeeds and the open pages reload by themselves. (Written against mkdocs 1.6's
LiveReloadServer: it uses its _epoch_cond, _visible_epoch, _wanted_epoch and
_inject_js_into_html; tests/build/test_build_preview.py fails if those change.)
"""

from __future__ import annotations

import html
import logging
import traceback
from pathlib import Path

from mkdocs.exceptions import Abort, PluginError

log = logging.getLogger("mkdocs.plugins.policy_site")

# Broken data in the preview is shown, not a build failure: said outside mkdocs' logger, whose
# errors and warnings would abort the (strict) build that shows it.
terminal = logging.getLogger("policy_site.build.preview")
terminal.propagate = False
if not terminal.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("ERROR   -  %(message)s"))
    terminal.addHandler(_handler)

_PAGE = """<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>预览：构建出错 / Preview: the build failed</title>
<style>
body{{font:16px/1.6 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}}
h1{{font-size:1.4rem;color:#b00020}} pre{{white-space:pre-wrap;background:#fff4f4;border:1px solid #e0b4b4;
padding:1rem;border-radius:4px}}
</style>
</head>
<body>
<h1>预览：网站没有生成 <span lang="en">/ Preview: the site was not built</span></h1>
<p>请按下面的说明修改数据文件并保存，本页会自动刷新。<br>
<span lang="en">Fix the data file as described below and save it: this page reloads by itself.</span></p>
<pre>{message}</pre>
</body>
</html>
"""


HEADLINE = ("预览显示数据错误，修改并保存后会自动恢复 / The preview shows the data's mistakes; "
            "it recovers when the file is fixed and saved:")


def stub_pages(config, message: str) -> dict[str, str]:
    """While the data is broken: each generated page the navigation names, saying so (the build
    then succeeds, so `mkdocs serve` starts, or goes on, and shows the error on every page)."""
    docs = Path(config.docs_dir)
    body = ("# 数据有错误 / The data has mistakes\n\n"
            f"<pre>{html.escape(message)}</pre>\n")
    return {uri: body for uri in _nav_files(config.nav or []) if not (docs / uri).exists()}


def _nav_files(items) -> list[str]:
    found = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += _nav_files(value)
        elif isinstance(value, str) and value.endswith(".md"):
            found.append(value)
    return found


def message_of(error: BaseException) -> str:
    """What the staff member needs to read: our own messages as they are, anything else named."""
    if isinstance(error, PluginError):
        return str(error).strip()
    if isinstance(error, Abort):
        return (f"{error}\n构建时有警告（例如链接失效），详见终端。\n"
                f"The build had warnings (such as a broken link): see the terminal.")
    return (f"构建出错，详见终端 / The build failed, see the terminal:\n"
            f"{type(error).__name__}: {error}")


def error_page(error: BaseException) -> bytes:
    return _PAGE.format(message=html.escape(message_of(error))).encode()


def install(server, plugin) -> None:
    """Wrap ``server``'s builder and app so that a failed rebuild shows in the browser."""
    build = server.builder
    serve = server.get_app()

    def builder(config=None):
        plugin.build_error = None
        try:
            build() if config is None else build(config)  # sets plugin.preview_error for broken data
        except Exception as raised:  # noqa: BLE001 - every failure is shown, none hangs the preview
            error = plugin.build_error or raised  # the cause, before mkdocs made it an Abort
            if not isinstance(error, (PluginError, Abort)):  # for developers: `mkdocs serve -v`
                log.debug("".join(traceback.format_exception(error)))
            log.error("预览显示构建错误，修改并保存后会自动恢复 / The preview shows the build error; "
                      "it recovers when the file is fixed and saved:\n" + message_of(error))
            plugin.preview_error = error

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not path.startswith("/livereload/") and _is_page(path):
            with server._epoch_cond:  # wait for a rebuild in progress, as the server itself does
                server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch)
                epoch = server._visible_epoch
            error = plugin.preview_error
            if error is not None:
                body = server._inject_js_into_html(error_page(error), epoch)
                start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                            ("Content-Length", str(len(body)))])
                return [body]
        return serve(environ, start_response)

    server.builder = builder
    server.set_app(app)


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return path.endswith("/") or last.endswith(".html") or "." not in last


def serve(server, plugin, watched: list[Path]) -> None:
    """``mkdocs serve``: rebuild when a data file, an asset or a calculator changes; the top-level
    project also shows a failed rebuild in the browser (``install``)."""
    if plugin.top_level:
        install(server, plugin)
    for folder in watched:
        server.watch(str(folder))
