"""The projects plugin (mkdocs-material's ``projects``) as the top-level build drives it: it builds
each other language's site (``projects/<code>/mkdocs.yml``) into the top-level site, in worker
processes."""

from __future__ import annotations

import os

from ..data import languages

PROJECTS_GLOB = "POLICY_SITE_PROJECTS"
"""Set by the build itself (``build_only_languages_on``); mkdocs.yml reads it with ``!ENV``."""


def projects_plugin(config):
    return config.plugins.get("material/projects") or config.plugins.get("projects")


def builder(config):
    return getattr(projects_plugin(config), "builder", None)


def build_only_languages_on(config) -> None:
    """Point the projects plugin of the top-level mkdocs config at the projects of the languages
    that are on (each language's ``project``): a language not yet reviewed is not built.

    The projects plugin reads its settings again from the mkdocs.yml file when it starts (after
    the policy-site plugin's on_config), so the glob goes through the environment: mkdocs.yml says
    ``projects_config_files: !ENV [POLICY_SITE_PROJECTS, …]``.
    """
    projects = next((plugin for name, plugin in config.plugins.items() if name.split("/")[-1] == "projects"), None)
    if projects is None:
        return
    every = [lang.project for lang in languages.ALL if lang.project]
    on = [lang.project for lang in languages.ON if lang.project]
    folder = projects.config.projects_dir.rstrip("/") + "/"
    if on == every:
        glob = "*/mkdocs.yml"
    elif len(on) == 1 and on[0].startswith(folder):
        glob = on[0][len(folder):]
    else:  # one glob names the projects: all of them, or a single one
        raise ValueError(f"languages.yaml: cannot build exactly the projects {on} with the projects plugin")
    os.environ[PROJECTS_GLOB] = glob


def forget_finished_builds(config) -> None:
    """The preview: the projects plugin rebuilds another language only when its own folder changes;
    the data is shared, so forget its finished builds and let it build them again."""
    found = builder(config)
    if found is not None:
        found.pool_jobs.clear()


def stop_running_builds(config) -> None:
    """Stop the other languages' builds that still run (a worker may still be writing)."""
    pool = getattr(builder(config), "pool", None)
    if pool is not None and not isinstance(pool, type):
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
