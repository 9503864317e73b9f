"""JSON-string bridge used by the browser worker (Pyodide)."""

import json


def _dump(payload):
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, allow_nan=False)


def _failure(errors):
    return _dump({"ok": False, "errors": errors})


def _request_error(zh, en):
    return _failure([{"field": None, "zh": zh, "en": en}])


def calculate_json(request_json):
    """``{"id": ..., "inputs": {...}}`` as a JSON string in; a JSON string out:
    ``{"ok": true, "result": {...}}`` or ``{"ok": false, "errors": [...]}``."""
    from . import InputError, calculate

    if not isinstance(request_json, (str, bytes, bytearray)):
        return _request_error("请求必须是 JSON 文本。", "The request must be JSON text.")
    try:
        request = json.loads(request_json)
    except (ValueError, RecursionError):
        return _request_error("请求不是有效的 JSON。", "The request is not valid JSON.")
    if not isinstance(request, dict) or set(request) != {"id", "inputs"}:
        return _request_error(
            "请求必须是含有 id 和 inputs 两项的对象。",
            "The request must be an object with exactly “id” and “inputs”.",
        )
    try:
        result = calculate(request["id"], request["inputs"])
    except InputError as exc:
        return _failure(exc.errors)
    return _dump({"ok": True, "result": result})
