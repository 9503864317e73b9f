"""What ``policy-site import`` prints once it has written a draft: what it read, and what needs a person,
in Chinese and English (the details are in the draft's review.md)."""

from __future__ import annotations

from .draft import Draft
from .outline import Document

_SHAPES = {"chapters": ("章、条", "chapters and articles"), "articles": ("条（无章）", "articles only"),
           "sections": ("部分、条", "sections and clauses"), "list": ("分组列表", "a list in groups")}
_LIST_MAX = 12


def import_report(document: Document, draft: Draft, written: str) -> str:
    structure = document.structure
    life = document.life
    zh_shape, en_shape = _SHAPES[draft.shape]
    title = document.title or "（无标题 / no title）"
    number = f"（{document.number}）" if document.number else ""
    out = [f"已导入 / Imported: {title}{number}",
           f"  写入 / written to: {written}",
           "",
           "读出 / Read:",
           f"  结构 / structure: {zh_shape} / {en_shape}: {len(structure.sections)} 个部分 sections, "
           f"{draft.clauses} 条 clauses, {draft.items} 项 items, {draft.annexes} 个附件 annex(es)",
           f"  原文 / source: {len(structure.lines)} 行（空行不计），每行都有一个位置 / {len(structure.lines)} lines "
           "(blank lines not counted), each in exactly one place",
           f"  文号 / number: {document.number or '原文未写 / not in the text'}",
           f"  发文机关 / issuers: {'、'.join(document.issuers) or '原文未写 / not in the text'}",
           f"  成文日期 / signed: {_day(document.signed)}",
           f"  施行 / in force from: {_day(life.in_force_from)}    失效 / expires: {_day(life.expires)}"
           + (f"    （原文第 {', '.join(map(str, life.lines))} 行 / source line(s) {', '.join(map(str, life.lines))}）"
              if life.lines else "")]
    for repealed in life.repeals:
        out.append(f"  废止 / repeals: {repealed.number or ''}" + (f"《{repealed.title}》" if repealed.title else ""))
    out += ["", "需要工作人员处理（详见 review.md）/ For a person to do (details in review.md):",
            f"  - 英文待补 / English pending: 标题和 {draft.clauses} 条 / the title and {draft.clauses} clause(s)"]
    if draft.untitled:
        out.append(f"  - 标题待写 / titles to write: {len(draft.untitled)} 条 clause(s): {_ids(draft.untitled)}")
    matched = [use for use in draft.agencies if use.agency]
    if draft.agencies:
        out.append(f"  - 单位 / agencies: {len(matched)} 个已对应 matched, {len(draft.proposals)} 个待添加 to add: "
                   + ("、".join(use.name for use in draft.proposals[:_LIST_MAX]) or "—"))
    else:
        out.append("  - 单位 / agencies: 原文没有标出，请按条填写 / the text marks none: fill them in clause by clause")
    out.append(f"  - 金额候选 / amount candidates: {len(draft.amounts)}（供计算器参考，不是规则 / for calculators, "
               "not rules)")
    if life.in_force_from is None and life.expires is None:
        out.append("  - 日期 / dates: 原文没有写明，留空 / the text gives none: left empty")
    for note in draft.notes:
        out.append(f"  - 第 {note.line} 行 / line {note.line}: {note.zh} / {note.en}")
    out += ["", f"下一步 / Next: policy-site check-document {written}"]
    return "\n".join(out)


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:_LIST_MAX])
    return shown + (f" … (+{len(ids) - _LIST_MAX})" if len(ids) > _LIST_MAX else "")


def _day(value) -> str:
    return value.isoformat() if value else "原文未写 / not in the text"
