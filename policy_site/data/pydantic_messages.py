"""Turn pydantic's validation errors into messages staff can act on, in Chinese and English."""

from __future__ import annotations

from typing import Any

from .model_base import NOT_BLANK

_LANG = {"zh": ("中文", "Chinese"), "en": ("英文翻译", "English translation")}


def explain(err: dict[str, Any], typed: str | None = None) -> tuple[str, str]:
    """The bilingual message for one pydantic error; ``typed`` is the value as written in the YAML
    file when YAML read it as something other than text (``1.2``, ``6321234``, ``No``)."""
    kind = err["type"]
    loc = err["loc"]
    field = str(loc[-1]) if loc else ""
    ctx = err.get("ctx") or {}
    if kind == "bilingual":
        return ctx["zh"], ctx["en"]
    if kind == "missing":
        if field in _LANG:
            zh, en = _LANG[field]
            return f"缺少{zh}（{field}）：请补上。", f"The {en} ({field}) is missing: add it."
        return f"缺少必填字段“{field}”：请添加。", f"The required field '{field}' is missing: add it."
    if kind == "extra_forbidden":
        return (f"未知字段“{field}”（可能拼写错误）：请对照说明检查拼写，或删除它。",
                f"Unknown field '{field}' (a typo?): check the spelling against the data guide, or remove it.")
    if kind in ("string_type",):
        value = err.get("input")
        if value is None:
            return _empty(field)
        if typed is not None and isinstance(value, (bool, int, float)):
            what_zh, what_en = ("是非值（true/false）", "a yes/no value") if isinstance(value, bool) else ("数字", "a number")
            quoted = '"' + typed.replace("\\", "\\\\").replace('"', '\\"') + '"'
            return (f"这里应填写文字，但 YAML 把 {typed} 读成了{what_zh}：请加上引号，写成 {quoted}。",
                    f"This must be text, but YAML reads {typed} as {what_en}: put it in quotes, write {quoted}.")
        return "这里应填写文字。", "This must be text."
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == NOT_BLANK:
        return _empty(field, blank=True)
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        length = len(err.get("input") or "")
        return (f"太长了：最多 {limit} 个字符，这里有 {length} 个。请缩短，或检查是否误粘贴了多余的内容。",
                f"Too long: at most {limit} characters, this has {length}. Shorten it, or check that nothing "
                "extra was pasted in.")
    if kind == "string_too_short":
        return _empty(field)
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if "\\." in pattern:
            hint_zh, hint_en = "条款编号应写成“部分.条”，如 \"1.2\"（加引号）", "a clause id is 'section.item', e.g. \"1.2\" (quoted)"
        elif "https?" in pattern:
            hint_zh, hint_en = "网址应以 http:// 或 https:// 开头", "a website must start with http:// or https://"
        elif "a-z" in pattern:
            hint_zh, hint_en = "编号只能用小写英文字母、数字和下划线，且以字母开头", \
                "an id uses only lowercase letters, digits and underscores, starting with a letter"
        else:
            hint_zh, hint_en = "编号应为数字，如 \"1\"（加引号）", "a section id is a number, e.g. \"1\" (quoted)"
        return f"格式不对：{hint_zh}。", f"Wrong format: {hint_en}."
    if kind.startswith("date") or kind.startswith("datetime"):
        return ("日期无效：请写成 年-月-日，如 2019-01-01，并确认这一天存在。",
                "Not a valid date: write it as YYYY-MM-DD, e.g. 2019-01-01, and check that the day exists.")
    if kind == "less_than_equal":
        return (f"数值太大：不能超过 {ctx.get('le'):,}。请核对这个数字（是否多打了几位？）。",
                f"The value is too large: it must not be above {ctx.get('le'):,}. Check the figure (digits too many?).")
    if kind == "decimal_max_places":
        places = ctx.get("decimal_places")
        return f"小数位太多：最多 {places} 位。", f"Too many decimal places: at most {places}."
    if kind.startswith("decimal") or kind in ("finite_number", "float_parsing", "int_parsing"):
        return "金额或数字无效：请只写数字，如 1650 或 1650.5（不要写“元”或逗号）。", \
            "Not a valid amount: write digits only, e.g. 1650 or 1650.5 (no 'yuan', no commas)."
    if kind in ("greater_than_equal", "greater_than"):
        return f"数值不能小于 {ctx.get('ge', ctx.get('gt'))}。", f"The value must not be below {ctx.get('ge', ctx.get('gt'))}."
    if kind in ("too_short",):
        return f"至少需要 {ctx.get('min_length', 1)} 项：请补充。", f"At least {ctx.get('min_length', 1)} item(s) needed: add them."
    if kind == "bool_type" or kind == "bool_parsing":
        return "这里应填写 true 或 false。", "This must be true or false."
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        if field in ("title", "summary", "text", "name", "description", "label", "value", "definition", "term"):
            return (f"“{field}”应分中英文两行填写：zh: … 和 en: …。",
                    f"'{field}' needs two lines, one per language: zh: … and en: ….")
        return "这里应为一组“键: 值”。", "This must be a set of 'key: value' pairs."
    if kind in ("list_type", "tuple_type"):
        return "这里应为列表（每项以“- ”开头，或写成 [a, b]）。", "This must be a list (items starting with '- ', or [a, b])."
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        return f"只能填写以下之一：{expected}。", f"This must be one of: {expected}."
    msg = err.get("msg", "")
    return f"值无效：{msg}", f"Invalid value: {msg}"


def _empty(field: str, blank: bool = False) -> tuple[str, str]:
    zh_how = "只有空格" if blank else "是空的"
    en_how = "only white space" if blank else "empty"
    if field in _LANG:
        zh, en = _LANG[field]
        return f"{zh}（{field}）{zh_how}：请填写。", f"The {en} ({field}) is {en_how}: fill it in."
    return f"这里{zh_how}：请填写。", f"This is {en_how}: fill it in."
