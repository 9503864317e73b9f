"""The build's settings that reach every page as they are: refused with a bilingual message
when they would break a link or the page itself.

- ``REPORT_ERROR_URL`` (the "report an error" link): an ``http(s)://`` address or ``mailto:``;
  an e-mail address without ``mailto:`` would be a relative link to a page that does not exist.
  Any other character is kept as typed (a mailto: subject may have spaces and quotes): the page
  escapes the address as an attribute value.
- ``SITE_URL``: no quotes, angle brackets or spaces (the theme writes it into attributes as it is).
- ``site_name`` and ``site_description`` in mkdocs.yml: no ``<``, ``>`` or ``"`` (Material writes
  them into the page and its ``<title>`` unescaped).
"""

from __future__ import annotations

import re

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_UNSAFE_URL = re.compile(r"[\"'<>\\`\s]")
_UNSAFE_TEXT = re.compile(r"[<>\"]")


def _shown(value: str) -> str:
    return value if len(value) <= 80 else value[:80] + "…"


def report_error_url_problems(value: str) -> list[tuple[str, str]]:
    """What is wrong with REPORT_ERROR_URL (empty: the link is hidden, nothing is wrong)."""
    if not value:
        return []
    shown = _shown(value)
    scheme = _SCHEME.match(value)
    if scheme is None:
        if "@" in value:
            return [(f"环境变量 REPORT_ERROR_URL（“{shown}”）缺少开头的 mailto:，链接会指向一个不存在的页面："
                     f"请写成 mailto:{value}。",
                     f"REPORT_ERROR_URL ('{shown}') lacks mailto: at its start, so the link would lead to a page that "
                     f"does not exist: write mailto:{value}.")]
        return [(f"环境变量 REPORT_ERROR_URL（“{shown}”）应以 https:// 或 mailto: 开头，例如 https://{value}。",
                 f"REPORT_ERROR_URL ('{shown}') must start with https:// or mailto:, e.g. https://{value}.")]
    kind = scheme.group(1).lower()
    rest = value[scheme.end():]
    if kind in ("http", "https") and re.match(r"//[^/?#]+", rest):
        return []
    if kind == "mailto" and rest:
        return []
    return [(f"环境变量 REPORT_ERROR_URL（“{shown}”）只能是 http(s):// 网址或 mailto: 地址，"
             "例如 mailto:policy@example.gov.cn 或 https://example.gov.cn/feedback。",
             f"REPORT_ERROR_URL ('{shown}') must be an http(s):// address or a mailto: address, e.g. "
             "mailto:policy@example.gov.cn or https://example.gov.cn/feedback.")]


def site_url_problems(value: str | None) -> list[tuple[str, str]]:
    if not value or not _UNSAFE_URL.search(value):
        return []
    shown = _shown(value)
    return [(f"网站地址 SITE_URL（“{shown}”）中不能有空格、引号或尖括号：请检查这个地址。",
             f"The site's address SITE_URL ('{shown}') may not contain spaces, quotes or angle brackets: check it.")]


def text_setting_problems(name: str, value: str | None) -> list[tuple[str, str]]:
    if not value or not _UNSAFE_TEXT.search(value):
        return []
    shown = _shown(value)
    return [(f"mkdocs.yml 的 {name}（“{shown}”）中不能有 < > 或 \"：主题会把它原样写进网页。请删除这些字符"
             "（引号可以用「」或“”）。",
             f"{name} in mkdocs.yml ('{shown}') may not contain <, > or \": the theme writes it into the page as it "
             "is. Remove them (for quotes, use “ ” or 「」).")]


def settings_problems(config, report_error_url: str) -> list[tuple[str, str]]:
    """Every problem of the settings of one project (its mkdocs config and the plugin's report_error_url)."""
    return (report_error_url_problems(report_error_url) + site_url_problems(config.site_url)
            + text_setting_problems("site_name", config.site_name)
            + text_setting_problems("site_description", config.site_description))


def settings_message(problems: list[tuple[str, str]]) -> str:
    return "\n".join(f"{zh}\n{en}" for zh, en in problems)
