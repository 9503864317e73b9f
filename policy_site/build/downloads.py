"""The structured data offered for download on the "about the data" page."""

from __future__ import annotations

import json

from ..site.render import SiteInputs
from ..data.schema import schemas


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def data_files(site: SiteInputs) -> dict[str, str]:
    """``{uri: text}`` of the downloads: the whole policy, the calculators' metadata and the schemas."""
    policy = site.policy.model_dump(mode="json", by_alias=True)
    if site.documents:  # the library's documents (documents/<id>/), each with its sections: their data too
        policy["documents"] = [{**document.meta.model_dump(mode="json", by_alias=True),
                                "sections": [s.model_dump(mode="json", by_alias=True) for s in document.sections]}
                               for document in site.documents]
    out = {
        "data/policy.json": _dump(policy),
        "data/calculators.json": _dump(site.calculators),
    }
    all_schemas = schemas()
    out["data/schema/index.json"] = _dump({name: f"{name}.schema.json" for name in all_schemas})
    for name, schema in all_schemas.items():
        out[f"data/schema/{name}.schema.json"] = _dump(schema)
    return out
