"""Adding data calculators to the package's registry (``calculators.register_rules``)."""

import json

from ..bridge import request_too_big
from . import RulesCalculator, SpecError


class RegistryError(ValueError):
    """Specs refused as a whole: ``.errors`` as an InputError's (``{"field": None, "zh", "en"}``)."""

    def __init__(self, zh, en):
        self.errors = [{"field": None, "zh": zh, "en": en}]
        super().__init__(en)


def register(specs, calculators, by_id):
    """Check every spec (SpecError), then add them all to ``calculators`` (id -> metadata) and
    ``by_id`` (id -> calculator); the ids, in order. An id of a Python calculator, or an id twice in
    ``specs``, is refused (RegistryError, a ValueError) and nothing is added. A data calculator
    registered again with the same id is replaced (registering the same spec twice is harmless)."""
    if not isinstance(specs, (list, tuple)):
        raise RegistryError("计算器数据必须是一个列表。", "register_rules takes a list of calculator specs.")
    made = [RulesCalculator(json.loads(json.dumps(spec))) for spec in specs]
    ids = [calculator.ID for calculator in made]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise RegistryError(f"计算器编号重复：{'、'.join(twice)}。", f"Calculator ids given twice: {', '.join(twice)}.")
    clashes = [i for i in ids if i in by_id and not isinstance(by_id[i], RulesCalculator)]
    if clashes:
        raise RegistryError(f"计算器编号已被 Python 计算器使用：{'、'.join(clashes)}。",
                            f"Calculator ids already used by Python calculators: {', '.join(clashes)}.")
    for calculator in made:
        calculators[calculator.ID] = calculator.METADATA
        by_id[calculator.ID] = calculator
    return ids


def _answer(payload):
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, allow_nan=False)


def _refused(zh, en):
    return _answer({"ok": False, "errors": [{"field": None, "zh": zh, "en": en}]})


def register_json(specs_json, calculators, by_id):
    """The browser worker's entry: a JSON list of specs in; ``{"ok": true, "ids": [...]}`` or
    ``{"ok": false, "errors": [{"field": null, "zh", "en"}]}`` out, as JSON text (as calculate_json)."""
    if isinstance(specs_json, (bytes, bytearray)):
        try:
            specs_json = specs_json.decode("utf-8")
        except UnicodeDecodeError:
            return _refused("计算器数据不是有效的 JSON。", "The calculator data is not valid JSON.")
    if not isinstance(specs_json, str):
        return _refused("计算器数据必须是 JSON 文本。", "The calculator data must be JSON text.")
    if request_too_big(specs_json):
        return _refused("计算器数据过大或嵌套过深。", "The calculator data is too large or too deeply nested.")
    try:
        specs = json.loads(specs_json)
    except (ValueError, RecursionError):
        return _refused("计算器数据不是有效的 JSON。", "The calculator data is not valid JSON.")
    try:
        ids = register(specs, calculators, by_id)
    except SpecError as error:
        return _answer({"ok": False, "errors": [{"field": None, "zh": p["zh"], "en": p["en"]} for p in error.problems]})
    except RegistryError as error:
        return _answer({"ok": False, "errors": error.errors})
    return _answer({"ok": True, "ids": ids})
