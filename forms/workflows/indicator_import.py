"""Replacing a draft's indicators with those of an 一体化 file, and saying first how many rows change.

``arranged`` lays indicators out as a draft keeps them: side by side, each
side in the template's 一级/二级 order with one blank row for a 二级 that has
none (the skeleton an operator fills in), rows of other categories after. The
export writes the same order, so exporting a draft and importing the file back
gives ``arranged(draft's indicators)``: the round trip.

``compare`` counts what a replacement does to the rows an operator typed
(added, removed, changed, unchanged), matched by side, 一级, 二级 and 三级
name. ``replace_in_file`` is the command line's whole step: lock, read, replace,
save atomically, refusing if the draft changed on disk meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from forms.model.declaration import Declaration, Indicator
from forms.model.template import Template
from forms.render.yitihua import category_of, filled, ordered, side_of, sides_of


def arranged(indicators: list[Indicator], template: Template) -> list[Indicator]:
    """The filled rows side by side in the template's order, a blank row for each empty 二级."""
    out: list[Indicator] = []
    for side, rows in ordered(indicators, template):
        side_value = side if template.sides else None
        for group in template.indicator_groups:
            for category in group.categories:
                mine = [r for r in rows if category_of(r, template) == (group.name, category)]
                if mine:
                    out.extend(r.model_copy() for r in mine)
                else:
                    out.append(Indicator(level1=group.name, level2=category, side=side_value))
        out.extend(r.model_copy() for r in rows if category_of(r, template) is None)
    return out


@dataclass(frozen=True)
class Change:
    """What replacing the indicators does to the typed rows."""

    added: int
    removed: int
    changed: int
    same: int

    @property
    def total(self) -> int:
        """Rows that change: added, removed or changed."""
        return self.added + self.removed + self.changed

    def summary(self) -> str:
        """In words: ``将改动 3 行指标（新增 1 行，删除 1 行，修改 1 行；12 行不变）``."""
        if not self.total:
            return f"指标没有变化（{self.same} 行相同）"
        parts = [
            f"{word} {n} 行" for word, n in (("新增", self.added), ("删除", self.removed), ("修改", self.changed)) if n
        ]
        return f"将改动 {self.total} 行指标（{'，'.join(parts)}；{self.same} 行不变）"


def compare(old: list[Indicator], new: list[Indicator], template: Template) -> Change:
    """How the typed rows of ``old`` become those of ``new``, matched by side, 一级, 二级 and name, in order."""
    sides = sides_of(template)

    def keyed(rows: list[Indicator]) -> dict[tuple[str, str, str, str], list[Indicator]]:
        table: dict[tuple[str, str, str, str], list[Indicator]] = {}
        for row in rows:
            if filled(row):
                key = (side_of(row, sides), row.level1.strip(), row.level2.strip(), row.name.strip())
                table.setdefault(key, []).append(row)
        return table

    before, after = keyed(old), keyed(new)
    added = removed = changed = same = 0
    for key in before.keys() | after.keys():
        was, now = before.get(key, []), after.get(key, [])
        pairs = min(len(was), len(now))
        for a, b in zip(was, now, strict=False):
            if _content(a) == _content(b):
                same += 1
            else:
                changed += 1
        removed += len(was) - pairs
        added += len(now) - pairs
    return Change(added, removed, changed, same)


def _content(row: Indicator) -> tuple[object, ...]:
    return tuple(getattr(row, field) for field in ("value", "unit", "explanation", "standard", "note", "weight"))


def replaced(draft: Declaration, indicators: list[Indicator], template: Template) -> Declaration:
    """A copy of ``draft`` whose indicators are ``indicators``, arranged."""
    new = draft.model_copy(deep=True)
    new.performance.indicators = arranged(indicators, template)
    return new


class NotReplaced(Exception):
    """The draft was left as it was; the message says why, in plain Chinese."""


def replace_in_file(
    path: Path, read: Callable[[Template], list[Indicator]], confirm: Callable[[Change], bool]
) -> Change:
    """Replace the indicators of the draft at ``path`` with what ``read`` gives for its template.

    The draft is locked while this runs (another shenbao holding it refuses),
    ``confirm`` is asked with the change (not when nothing changes), and the
    draft is saved atomically only if its file is still as it was read.

    Raises:
        NotReplaced: locked elsewhere, unreadable, 通过 or 定稿, the file unreadable, declined, or the save failed.
    """
    from forms.render.parts import template_of
    from forms.render.width import clean
    from forms.store.conflicts import ChangedOnDisk, load_draft_checked, save_draft_checked
    from forms.store.drafts import DraftError
    from forms.store.locks import Lock, acquire
    from forms.store.safe_io import os_reason
    from forms.workflows.review import is_approved, locked_message

    try:
        lock = acquire(path)
    except OSError as error:
        raise NotReplaced(f"无法锁定草稿（{os_reason(error)}），未替换") from None
    if not isinstance(lock, Lock):
        who = f"由 {lock.info.owner.user} 在 {lock.info.owner.host} 上" if lock.info else ""
        raise NotReplaced(clean(f"此草稿正{who}编辑，未替换（请先在那边关闭这份草稿）"))
    try:
        try:
            draft, expected = load_draft_checked(path)
        except DraftError as error:
            raise NotReplaced(str(error)) from None
        if is_approved(draft):
            raise NotReplaced(locked_message(draft, path, "不能替换指标，草稿未改动"))
        if draft.state == "final":
            raise NotReplaced("这份草稿已定稿，不能替换指标（请先在界面中改回草稿）")
        template = template_of(draft)
        new = replaced(draft, read(template), template)
        change = compare(draft.performance.indicators, new.performance.indicators, template)
        if new == draft or not change.total:
            return change  # a new order or skeleton alone is no reason to rewrite the file
        if not confirm(change):
            raise NotReplaced("未替换，草稿没有改动")
        try:
            save_draft_checked(new, path, expected)
        except ChangedOnDisk as problem:
            raise NotReplaced(f"草稿在读取之后被改动（{problem.reason}），未替换") from None
        except OSError as error:
            raise NotReplaced(f"无法保存草稿：{error.strerror or error}（原草稿未改动）") from None
        return change
    finally:
        lock.release()
