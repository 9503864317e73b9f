"""Adding data calculators to the package's registry (``calculators.register_rules``)."""

import json

from . import RulesCalculator, SpecError


def register(specs, calculators, by_id):
    """Check every spec (SpecError), then add them all to ``calculators`` (id -> metadata) and
    ``by_id`` (id -> calculator); the ids, in order. An id of a Python calculator, or an id twice in
    ``specs``, is refused (ValueError) and nothing is added. A data calculator registered again with
    the same id is replaced (registering the same spec twice is harmless)."""
    if isinstance(specs, dict) or not isinstance(specs, (list, tuple)):
        raise ValueError("register_rules takes a list of calculator specs")
    made = [RulesCalculator(json.loads(json.dumps(spec))) for spec in specs]
    ids = [calculator.ID for calculator in made]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ValueError(f"calculator ids given twice: {', '.join(twice)}")
    clashes = [i for i in ids if i in by_id and not isinstance(by_id[i], RulesCalculator)]
    if clashes:
        raise ValueError(f"calculator ids already used by Python calculators: {', '.join(clashes)}")
    for calculator in made:
        calculators[calculator.ID] = calculator.METADATA
        by_id[calculator.ID] = calculator
    return ids


def register_json(specs_json, calculators, by_id):
    """The browser worker's entry: a JSON list of specs in; ``{"ok": true, "ids": [...]}`` or
    ``{"ok": false, "errors": [{"field": null, "zh", "en"}]}`` out, as JSON text."""
    try:
        specs = json.loads(specs_json)
        ids = register(specs, calculators, by_id)
    except SpecError as error:
        answer = {"ok": False, "errors": [{"field": None, "zh": p["zh"], "en": p["en"]} for p in error.problems]}
    except (ValueError, TypeError, RecursionError) as error:
        answer = {"ok": False, "errors": [{"field": None, "zh": "计算器数据有误。", "en": str(error)}]}
    else:
        answer = {"ok": True, "ids": ids}
    return json.dumps(answer, ensure_ascii=False, sort_keys=True)
