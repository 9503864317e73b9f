"""Compiled templates kept in .cache/templates: reused, never stale, never shared by environments
that would compile the same template differently."""

from __future__ import annotations

import jinja2

from policy_site.site.template_cache import keep_compiled_templates

SOURCE = "{% if True %}\n  x\n{% endif %}\n"


def env_with(templates: dict[str, str], cache, **options) -> jinja2.Environment:
    return keep_compiled_templates(jinja2.Environment(loader=jinja2.DictLoader(templates), **options), cache)


def test_a_compiled_template_is_kept_and_used_by_the_next_environment(tmp_path):
    assert env_with({"t": SOURCE}, tmp_path).get_template("t").render() == "\n  x\n"
    kept = list((tmp_path / "templates").rglob("*.cache"))
    assert len(kept) == 1
    kept[0].write_bytes(b"")  # a damaged entry: jinja2 compiles again instead of failing
    assert env_with({"t": SOURCE}, tmp_path).get_template("t").render() == "\n  x\n"


def test_an_edited_template_is_compiled_again(tmp_path):
    assert env_with({"t": "one {{ 1 }}"}, tmp_path).get_template("t").render() == "one 1"
    assert env_with({"t": "two {{ 2 }}"}, tmp_path).get_template("t").render() == "two 2"


def test_environments_with_other_options_keep_their_own_compiled_templates(tmp_path):
    plain = env_with({"t": SOURCE}, tmp_path).get_template("t").render()
    trimmed = env_with({"t": SOURCE}, tmp_path, trim_blocks=True, lstrip_blocks=True).get_template("t").render()
    assert (plain, trimmed) == ("\n  x\n", "  x\n")
    assert len(list((tmp_path / "templates").iterdir())) == 2


def test_without_a_cache_nothing_is_kept(tmp_path):
    env = env_with({"t": SOURCE}, None)
    assert env.bytecode_cache is None and env.get_template("t").render() == "\n  x\n"
