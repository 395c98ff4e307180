"""A draft's history laid out for a terminal: one block per version, one line per changed field.

::

    2026-12-06 09:30  3f2a9c1  张三  定稿：政务大厅租金
      本年度申请资金 合计           48.588 → 50
      市级资金 本年度申请资金       30 → 31.412
      状态                          草稿 → 定稿

Widths are measured in terminal cells (``forms.render.width``), so Chinese
labels line up; a value too long for the line is cut with …, and all user
text is cleaned, so nothing in a draft can drive the terminal.
"""

from __future__ import annotations

from forms.history.log import Version
from forms.render.width import cell_width, char_width, clean, pad

LABEL_CELLS = 40
"""The widest the label column gets (at most half the line); a longer label is cut."""
HEADLINE = ("project.name", "year", "funding.total_this_year", "state")
"""What a new draft's first version shows (every field would be a page)."""
EMPTY = "（空）"
"""How a blank value is shown."""


def render_history(name: str, versions: list[Version], *, width: int = 80, latest: bool = False) -> str:
    """The history of the draft ``name`` as text lines ``width`` cells wide at most (newest version first).

    ``latest``: ``versions`` are only the most recent ones (``shenbao log -n``).
    """
    if not versions:
        return clean(f"{name} 还没有修改记录（尚未在定稿、导入、结转等时提交过）。") + "\n"
    count = f"最近 {len(versions)} 个版本" if latest else f"{len(versions)} 个版本"
    lines = [cut(clean(f"{name} 的修改记录：{count}，最新的在前"), width), ""]
    for version in versions:
        lines.extend(version_lines(version, width=width))
        lines.append("")
    return "\n".join(lines)


def version_lines(version: Version, *, width: int = 80) -> list[str]:
    """One version's heading and its changed fields."""
    heading = f"{version.stamp}  {version.commit[:7]}  {_flat(version.author)}  {_flat(version.subject)}"
    lines = [cut(clean(heading), width)]
    note = _note(version)
    if note:
        lines.append(cut(clean(f"  {note}"), width))
    if version.problem or version.status == "D":
        return lines
    shown = version.changes
    if version.status == "A":
        shown = [c for c in shown if c.path in HEADLINE and c.new]
    label_cells = min(LABEL_CELLS, width // 2, max((cell_width(clean(c.label)) for c in shown), default=0))
    room = max(width - 2 - label_cells - 2, 16)
    for change in shown:
        label = pad(cut(clean(change.label), label_cells), label_cells)
        was, now = _flat(change.old) or EMPTY, _flat(change.new) or EMPTY
        if version.status == "A":
            value = cut(now, room)
        else:
            space = room - 3
            old_cells = min(cell_width(was), max(space - cell_width(now), space // 2))
            value = f"{cut(was, old_cells)} → {cut(now, space - cell_width(cut(was, old_cells)))}"
        lines.append(f"  {label}  {value}".rstrip())
    if not shown and version.status != "A":
        lines.append("  （栏目内容未变）")
    return lines


def _note(version: Version) -> str:
    if version.problem:
        return f"此版本{version.problem}" if not version.problem.startswith("上一版本") else version.problem
    if version.status == "D":
        return "草稿已删除（移到回收站）"
    if version.status == "A":
        return f"首次记录：{sum(1 for c in version.changes if c.new)} 个栏目已填"
    if version.status == "R":
        return f"文件改名为 {version.path}"
    return ""


def _flat(text: str) -> str:
    """User text on one line, cleaned."""
    return " ".join(clean(text).split())


def cut(text: str, cells: int) -> str:
    """``text`` cut to at most ``cells`` terminal cells, ending in … when something was cut."""
    if cell_width(text) <= cells:
        return text
    kept, used = [], 0
    for char in text:
        size = char_width(char)
        if used + size > cells - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept) + "…"
