"""Putting recovered text back into a draft, one field path at a time, checked against the model."""

from __future__ import annotations

import typing
from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from forms.model.declaration import Declaration
from forms.store.journal import Entry

MAX_NEW_ROWS = 50
"""Rows a recovered path may add past the end of a table (rows added since the last save)."""


@dataclass
class Applied:
    """The draft with recovered text in it, and what happened to each entry."""

    draft: Declaration
    """A copy of the draft with the entries applied."""
    changed: list[str] = field(default_factory=list)
    """Field paths whose text was changed."""
    problems: list[str] = field(default_factory=list)
    """Entries left out, each with its reason in Chinese."""


def apply_recovery(draft: Declaration, entries: Iterable[Entry]) -> Applied:
    """A copy of ``draft`` with each entry's text set on its field; ``draft`` itself is unchanged.

    A path must name a text field of the model (``project.name``,
    ``expenses.lines.3.item``); a table grows by empty rows when the path names
    a row typed after the last save. Anything else is reported, not applied.
    """
    result = Applied(draft.model_copy(deep=True))
    for entry in entries:
        try:
            if set_text(result.draft, entry.field, entry.text):
                result.changed.append(entry.field)
        except LookupError as problem:
            result.problems.append(f"“{entry.field}”：{problem.args[0]}，未恢复")
    return result


def set_text(draft: Declaration, path: str, text: str) -> bool:
    """Set the text field at ``path``; returns whether its value changed.

    Raises:
        LookupError: ``path`` names no text field (the message says why, in Chinese).
    """
    parts = path.split(".")
    node: object = draft
    row_type: type | None = None
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        if isinstance(node, BaseModel):
            fields = type(node).model_fields
            if part not in fields:
                raise LookupError("没有这个字段")
            if last:
                return _assign(node, part, text)
            row_type = _row_type(fields[part].annotation)
            node = getattr(node, part)
        elif isinstance(node, list):
            if not part.isascii() or not part.isdigit():
                raise LookupError("表格行号无效")
            index = int(part)
            _grow(node, index, row_type)
            if last:
                if not isinstance(node[index], str):
                    raise LookupError("不是文字字段")
                before, node[index] = node[index], text
                return before != text
            node = node[index]
        else:
            raise LookupError("没有这个字段")
    raise LookupError("没有这个字段")  # pragma: no cover - the loop returns on the last part


def _assign(model: BaseModel, name: str, text: str) -> bool:
    before = getattr(model, name)
    if not isinstance(before, str):
        raise LookupError("不是文字字段")
    try:
        setattr(model, name, text)
    except ValidationError:
        raise LookupError("取值不在允许范围内") from None
    return before != text


def _grow(rows: list[object], index: int, row_type: type | None) -> None:
    if index < len(rows):
        return
    if row_type is None or index >= len(rows) + MAX_NEW_ROWS:
        raise LookupError("表格中没有这一行")
    try:
        while len(rows) <= index:
            rows.append(row_type())
    except (TypeError, ValidationError):
        raise LookupError("这个表格不能新增行") from None


def _row_type(annotation: object) -> type | None:
    # list[ExpenseLine] -> ExpenseLine; list[str] -> None (a list of plain text never grows here).
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        return item if isinstance(item, type) and issubclass(item, BaseModel) else None
    return None
