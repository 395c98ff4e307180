"""Two versions of a draft compared field by field, each field named in the form's own words.

Works on the TOML data of each version (``forms.store.glance.toml_data``), not
on the form model: an old version written by an earlier shenbao, or one the
model would now refuse, still shows what changed, and ``shenbao log`` starts
without importing pydantic. Labels come from the draft's template file
(``[labels]``); rows of a table are named by what identifies them (the funding
source, the 三级指标, the expense item) rather than only by number.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

DEFAULT_TEMPLATE = "district-2021"
"""The template a draft without one follows (as ``forms.model.template`` says)."""
STATES = {"draft": "草稿", "final": "定稿", "returned": "退回", "approved": "通过", "reopened": "重新打开"}
"""State values (the draft's, and the bureau's review's) in words; one unknown here is shown as written."""
_SKIP = frozenset({"schema"})
_SKIP_TABLES = ("review.history.",)
"""The review's record of every step repeats what ``review.*`` shows changing; it is not listed again."""
_TABLES = {
    "funding.sources": "资金来源",
    "expenses.lines": "支出明细",
    "implementation.schedule": "进度计划",
    "performance.indicators": "绩效指标",
    "imported.leftovers": "未导入的内容",
}
_ROW_NAMES = {"funding.sources": "source", "expenses.lines": "item", "performance.indicators": "name"}
# Keys whose label has another key in the template, and fields no template labels.
_KEYS = {"name@performance.indicators": "level3", "basis@expenses.lines": "explanation", "total_basis": "explanation"}
_OWN = {
    "state": "状态",
    "template": "表样模板",
    "project.start": "项目起止时间（起）",
    "project.end": "项目起止时间（止）",
    "project.leader_phone": "项目负责人联系电话",
    "project.liaison_phone": "绩效管理联络员联系电话",
    "project.types": "项目类型",
    "unit": "填报单位",
    "parent": "所属小计",
    "unit@performance.indicators": "计量单位",
    "explanation@performance.indicators": "指标值说明",
    "standard": "绩效标准",
    "note": "备注",
    "weight": "分值",
    "side": "表侧",
    "imported.source": "导入来源",
    "review.state": "审核状态",
    "review.opinion": "审核意见",
    "review.reviewer": "审核人",
    "review.date": "审核时间",
    "text": "内容",
    "source@funding.sources": "来源名称",
    "implementation.measures": "保障措施",
    "expenses": "支出明细",
}


@dataclass(frozen=True)
class Change:
    """One field that differs between two versions."""

    path: str
    """The dotted field path (``funding.total_this_year``)."""
    label: str
    """The field in the form's words (“本年度申请资金 合计”)."""
    old: str
    """Its text before (``""`` when blank or absent)."""
    new: str
    """Its text after."""


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Every field of a draft's data as ``dotted.path -> text``, in the file's order; lists of text joined by 、."""
    flat: dict[str, str] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if path in _SKIP or path.startswith(_SKIP_TABLES):
            continue
        if isinstance(value, dict):
            flat.update(flatten(value, f"{path}."))
        elif isinstance(value, list) and all(isinstance(v, dict) for v in value) and value:
            for number, row in enumerate(value):
                flat.update(flatten(row, f"{path}.{number}."))
        elif isinstance(value, list):
            flat[path] = "、".join(str(v) for v in value)
        else:
            flat[path] = str(value)
    return flat


def changes(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[Change]:
    """The fields that differ from ``old`` to ``new`` (either may be ``None``: no such version), in form order."""
    before, after = flatten(old or {}), flatten(new or {})
    named = new if new is not None else old or {}
    labels = template_labels(str(named.get("template", DEFAULT_TEMPLATE)))
    found = []
    for path in {**after, **before}:
        was, now = before.get(path, ""), after.get(path, "")
        if was != now:
            if path in ("state", "review.state"):
                was, now = STATES.get(was, was), STATES.get(now, now)
            found.append(Change(path, label(path, named, labels), was, now))
    return found


def label(path: str, data: dict[str, Any], labels: dict[str, str]) -> str:
    """The field at ``path`` in words: “本年度申请资金 合计”, “市级资金 本年度申请资金”, “绩效指标“满意度” 指标值”."""
    parts = path.split(".")
    table = next((t for t in _TABLES if path.startswith(f"{t}.")), None)
    field = parts[-1]
    if table is None:
        if field.startswith("total_"):
            money = _word(field.removeprefix("total_"), labels)
            if field == "total_basis":
                money = _word("explanation", labels)
            where = "" if parts[0] == "funding" else f"{_OWN.get(parts[0]) or _word(parts[0], labels)} "
            return f"{where}{money} {_word('total', labels)}"
        if parts[0] == "performance" and len(parts) > 2 and parts[1] == "weights":
            return f"分值 {'.'.join(parts[2:])}"
        return _OWN.get(path) or _word(_KEYS.get(field, field), labels)
    number = int(parts[2]) if len(parts) > 3 and parts[2].isdigit() else None
    key = _KEYS.get(f"{field}@{table}", field)
    column = _OWN.get(f"{field}@{table}") or _word(key, labels)
    if number is None:
        return f"{_TABLES[table]} {column}"
    row = _row_name(data, table, number)
    if table == "funding.sources" and row:
        return f"{row} {column}"
    if row:
        return f"{_TABLES[table]}“{row}” {column}"
    return f"{_TABLES[table]}第 {number + 1} 行 {column}"


def _row_name(data: dict[str, Any], table: str, number: int) -> str:
    key = _ROW_NAMES.get(table)
    node: Any = data
    for part in table.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    if key is None or not isinstance(node, list) or number >= len(node) or not isinstance(node[number], dict):
        return ""
    name = node[number].get(key, "")
    return short(" ".join(str(name).split()), 10) if name else ""


def _word(key: str, labels: dict[str, str]) -> str:
    return re.sub(r"（[^（）]*）$", "", labels.get(key, _OWN.get(key, key))).replace(" ", "")


def short(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with …, for a label."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@cache
def template_labels(template_id: str) -> dict[str, str]:
    """The ``[labels]`` of a shipped template (the default template's for an unknown id)."""
    for name in (template_id, DEFAULT_TEMPLATE):
        if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
            continue
        try:
            text = (resources.files("forms") / "templates" / f"{name}.toml").read_text("utf-8")
            labels = tomllib.loads(text).get("labels", {})
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        return {str(k): str(v) for k, v in labels.items()} if isinstance(labels, dict) else {}
    return {}
