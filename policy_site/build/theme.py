"""What the theme's own templates (docs/overrides, Material's partials) get from the policy-site
plugin: links it made page-relative kept as they are, the one escaping of attribute values, the
languages for 404.html, and on each page its twins in the other languages."""

from __future__ import annotations

from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup

from ..data import languages
from ..site import formatting, ui_strings
from ..site.sitemap import twin_url
from ..site.template_cache import keep_compiled_templates

# Each language's name in the header menu, marked with its own language for screen readers.
LANGUAGE_NAMES = {lang.code: Markup(f'<span lang="{lang.html}">{lang.name}</span>') for lang in languages.ALL}


class PageRelativeUrl(str):
    """A link already relative to the page it is on: the `url` template filter leaves it as it is."""


def theme_env(env, cache: Path | None = None):
    """The theme's environment with our filters and globals; its compiled templates kept in ``cache``."""
    keep_compiled_templates(env, cache)
    # mkdocs' `url` filter mangles links that climb above the site root ("../clauses/1.2/"
    # from the English site); links we have already made relative to their page pass untouched.
    url_filter = env.filters["url"]

    @pass_context
    def url_keeping_page_relative(context, value):
        return value if isinstance(value, PageRelativeUrl) else url_filter(context, value)

    env.filters["url"] = url_keeping_page_relative
    env.filters["attribute_value"] = formatting.attribute  # the one escaping of attribute values
    env.globals["policy_languages"] = ui_strings.theme_languages()  # for 404.html
    return env


def page_context(context, page, config, language: str):
    """This page first in the language menu, then its twin in each other language that is on."""
    this = languages.BY_CODE[language]
    up = "../" * this.root.count("/")
    twins = [{"lang": other.code, "url": PageRelativeUrl(twin_url(page.url, up + other.root)),
              "read_here": ui_strings.string("read_this_page_here", other.code)}
             for other in languages.ON if other is not this]
    config.extra["alternate"] = [{"name": LANGUAGE_NAMES[this.code], "link": PageRelativeUrl("./"), "lang": this.code}] + [
        {"name": LANGUAGE_NAMES[twin["lang"]], "link": twin["url"], "lang": twin["lang"]} for twin in twins]
    context["policy_twins"] = twins
    context["policy_language"] = this
    context["policy_t"] = lambda key: ui_strings.string(key, this.code)
    return context
