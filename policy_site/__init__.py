"""Generate the bilingual policy-explainer site from the data in ``policy_data/``.

The flow is one-directional, and so are the imports (tests/unit/policy_site/test_layers.py)::

    policy_data/*.yaml --data: load+validate--> model.Policy --site: render--> Markdown pages --build: mkdocs--> site/

``data.loader.load_policy`` is the only entry point for data; everything after it trusts the
typed, immutable model. ``cli`` and ``finder_cli`` (the ``policy-site`` command) and ``importer``
(source text to data) sit beside the three layers.
"""
