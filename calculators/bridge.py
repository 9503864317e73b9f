"""JSON-string bridge used by the browser worker (Pyodide)."""

import json
import re

# Checked before parsing: json.loads recurses once per nesting level, and deep nesting that
# CPython refuses with a RecursionError overflows the JavaScript stack under Pyodide (a fatal
# error that kills the worker). The same limits hold in both, so both give the same answer.
MAX_REQUEST_CHARS = 1_000_000
# The finder's rules, sent once to be held (finder.hold_rules_json): a library of about 800
# documents of the plan's size (about 23 KB of rules a document).
MAX_RULES_CHARS = 20_000_000
MAX_DEPTH = 200
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def request_too_big(text, max_chars=None):
    """True when JSON text is longer than ``max_chars`` (MAX_REQUEST_CHARS) or nests arrays/objects
    more than MAX_DEPTH deep."""
    if len(text) > (MAX_REQUEST_CHARS if max_chars is None else max_chars):
        return True
    depth = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > MAX_DEPTH:
            return True
    return False


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
    if isinstance(request_json, (bytes, bytearray)):
        try:
            request_json = request_json.decode("utf-8")
        except UnicodeDecodeError:
            return _request_error("请求不是有效的 JSON。", "The request is not valid JSON.")
    if request_too_big(request_json):
        return _request_error("请求过大或嵌套过深。", "The request is too large or too deeply nested.")
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
