"""The pages from the typed model: routes, templates, escaping, amounts, figures and charts, UI strings.
Knows no mkdocs (imports ``policy_site.data`` only)."""
