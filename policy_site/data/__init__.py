"""Read, validate and check the data in ``policy_data/``: YAML with line numbers, the typed model,
the cross-file checks. Knows no pages (imports nothing of ``policy_site.site`` or ``policy_site.build``)."""
