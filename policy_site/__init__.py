"""Generate the bilingual policy-explainer site from the data in ``policy_data/``.

The flow is one-directional::

    policy_data/*.yaml --load+validate--> model.Policy --render--> Markdown pages --mkdocs--> site/

``loader.load_policy`` is the only entry point for data; everything after it
trusts the typed, immutable model.
"""

from .data import model  # noqa: E402,F401  (loaded first: model.py and model_finder.py import each other)
