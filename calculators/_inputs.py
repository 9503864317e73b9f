"""Input validation driven by the field specs in the metadata.

One validator for every calculator: it reads ``fields`` (type, range,
required/default, choices, applies_when) and a calculator's ``NOT_ABOVE``
pairs, collects every error it finds, and raises ``InputError`` with
bilingual messages. Numbers become ``Decimal(str(x))``.
"""

import math
from decimal import Decimal

from ._money import fmt_number

_SHOWN_KEY_CHARS = 60


class InputError(ValueError):
    """Inputs that cannot be calculated. ``.errors`` is a list of
    ``{"field", "zh", "en"}``; ``field`` is None for whole-input errors."""

    def __init__(self, errors):
        self.errors = [
            {"field": e["field"], "zh": e["zh"], "en": e["en"]} for e in errors
        ]
        super().__init__("; ".join(e["en"] for e in self.errors))


def error(field, zh, en):
    return {"field": field, "zh": zh, "en": en}


def _shown(key):
    if len(key) > _SHOWN_KEY_CHARS:
        return key[:_SHOWN_KEY_CHARS] + "…"
    return key


def _choice_list(spec, values=None, lang="zh"):
    sep = "、" if lang == "zh" else ", "
    return sep.join(
        f"{c[lang]}（{c['value']}）" if lang == "zh" else f"{c[lang]} ({c['value']})"
        for c in spec["choices"]
        if values is None or c["value"] in values
    )


def _check(spec, value):
    """Return (ok, converted value or error dict)."""
    name = spec["name"]
    zh_label = spec["label"]["zh"]
    en_label = spec["label"]["en"]
    kind = spec["type"]

    if kind == "choice":
        if isinstance(value, str) and any(c["value"] == value for c in spec["choices"]):
            return True, value
        return False, error(
            name,
            f"「{zh_label}」必须是以下之一：{_choice_list(spec)}。",
            f"“{en_label}” must be one of: {_choice_list(spec, lang='en')}.",
        )

    if kind == "bool":
        if type(value) is bool:
            return True, value
        return False, error(
            name,
            f"「{zh_label}」必须是“是”或“否”（true 或 false）。",
            f"“{en_label}” must be yes or no (true or false).",
        )

    if kind == "int":
        if type(value) is not int:
            return False, error(
                name,
                f"「{zh_label}」必须是整数。",
                f"“{en_label}” must be a whole number.",
            )
        number = value
    else:  # "number"
        if type(value) not in (int, float) or (
            type(value) is float and not math.isfinite(value)
        ):
            return False, error(
                name,
                f"「{zh_label}」必须是一个有限的数字。",
                f"“{en_label}” must be a finite number.",
            )
        number = value

    low, high = spec["min"], spec["max"]
    # int and float compare exactly with the int bounds, before any conversion
    # (a huge int is never turned into text).
    if (low is not None and number < low) or (high is not None and number > high):
        return False, _range_error(spec)

    if kind == "int":
        return True, value
    converted = Decimal(str(value))
    if converted == 0:
        converted = Decimal(0)  # drop the sign of -0.0
    return True, converted


def _range_error(spec):
    name = spec["name"]
    zh_label = spec["label"]["zh"]
    en_label = spec["label"]["en"]
    low, high = spec["min"], spec["max"]
    if high is None:
        return error(
            name,
            f"「{zh_label}」不能小于{fmt_number(low)}。",
            f"“{en_label}” cannot be less than {fmt_number(low)}.",
        )
    return error(
        name,
        f"「{zh_label}」必须在{fmt_number(low)}到{fmt_number(high)}之间。",
        f"“{en_label}” must be between {fmt_number(low)} and {fmt_number(high)}.",
    )


def _default(spec):
    default = spec["default"]
    if spec["type"] == "number" and default is not None:
        return Decimal(str(default))
    return default


def validate(fields, inputs, not_above=()):
    """Check ``inputs`` against the field specs; return the converted values.

    ``values`` holds every field that applies: given, or its default (None
    for an optional field without a default). ``not_above`` lists
    ``(field, limit_field)`` pairs: the first may not exceed the second.
    """
    if not isinstance(inputs, dict):
        raise InputError([
            error(
                None,
                "输入必须是一个对象（字段名到值的映射）。",
                "The inputs must be an object that maps field names to values.",
            )
        ])

    by_name = {spec["name"]: spec for spec in fields}
    errors = []
    bad_key_reported = False
    for key in inputs:
        if not isinstance(key, str):
            if not bad_key_reported:
                errors.append(error(None, "字段名必须是文本。", "Field names must be text."))
                bad_key_reported = True
        elif key not in by_name:
            errors.append(error(
                key,
                f"「{_shown(key)}」不是本计算器的输入项。",
                f"“{_shown(key)}” is not an input of this calculator.",
            ))

    values = {}
    for spec in fields:
        name = spec["name"]
        condition = spec["applies_when"]
        if condition is not None:
            controller = condition["field"]
            if controller not in values:
                continue  # the controlling field is missing or wrong: already reported
            if values[controller] not in condition["values"]:
                if name in inputs:
                    ctrl_spec = by_name[controller]
                    errors.append(error(
                        name,
                        f"「{spec['label']['zh']}」只适用于「{ctrl_spec['label']['zh']}」为"
                        f"{_choice_list(ctrl_spec, condition['values'])}的情况，请不要填写。",
                        f"“{spec['label']['en']}” applies only when “{ctrl_spec['label']['en']}” is "
                        f"{_choice_list(ctrl_spec, condition['values'], 'en')}; leave it out.",
                    ))
                continue
        if name not in inputs:
            if spec["required"]:
                errors.append(error(
                    name,
                    f"请填写「{spec['label']['zh']}」。",
                    f"Please enter “{spec['label']['en']}”.",
                ))
            else:
                values[name] = _default(spec)
            continue
        ok, result = _check(spec, inputs[name])
        if ok:
            values[name] = result
        else:
            errors.append(result)

    for name, limit in not_above:
        if values.get(name) is not None and values.get(limit) is not None:
            if values[name] > values[limit]:
                spec, limit_spec = by_name[name], by_name[limit]
                errors.append(error(
                    name,
                    f"「{spec['label']['zh']}」不能多于「{limit_spec['label']['zh']}」。",
                    f"“{spec['label']['en']}” cannot be more than “{limit_spec['label']['en']}”.",
                ))

    if errors:
        raise InputError(errors)
    return values
