"""The form's printed labels, and the variants other units print, matched the way text extraction leaves them.

Labels come from the template (``template.label(key)``); the aliases here are
the wording other units' versions of the same form use. Matching ignores
spaces, line breaks, full-width/half-width forms and a trailing colon, so
“项 目”, “绩效管理\\n联络员” and “项目名称：” all match.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from forms.model.template import Template

FIELD_KEYS = (
    "unit", "name", "attribute", "department", "period", "leader", "phone", "liaison", "project_type",
    "overview", "basis", "measures", "long_term_goal", "annual_goal", "other_notes", "finance_opinion",
    "unit_head", "filled_by", "fill_date", "leader_contact", "liaison_contact",
)  # fmt: skip
"""Labels followed by their value in the next cell."""
SECTION_KEYS = ("basic", "money", "goals")
"""Labels of the form's left-hand column: structure only."""
TABLE_KEYS = ("funding", "expenses", "schedule", "indicators")
"""Labels that open a table."""
COLUMN_KEYS = (
    "item", "last_year", "this_year", "explanation", "task", "start", "end", "level1", "level2", "level3", "value",
)  # fmt: skip
"""Column headings inside the tables."""

ALIASES: dict[str, tuple[str, ...]] = {
    "unit": ("填报单位", "申报单位"),
    "department": ("主管部门及代码", "主管单位"),
    "period": ("起止时间", "项目实施期", "项目期限"),
    "phone": ("联系方式",),
    # A person and a phone in one cell: read as two fields (``fields.split_contact``), never cut into a name.
    "leader_contact": ("项目负责人及电话", "项目负责人及联系电话", "项目负责人及联系方式", "负责人及联系电话"),
    "liaison_contact": ("绩效管理联络员及电话", "绩效管理联络员及联系电话", "联络员及电话", "联络员及联系电话"),
    "liaison": ("联络员", "绩效联络员"),
    "basis": ("立项依据",),
    "measures": ("保障措施", "单位已有的(或拟定的)保障项目实施的制度、措施"),
    "long_term_goal": ("长期目标", "总体绩效目标"),
    "annual_goal": ("年度绩效目标", "年度目标"),
    "funding": ("项目资金申请", "资金来源(万元)"),
    "expenses": ("支出明细预算",),
    "item": ("资金来源", "支出内容", "支出项目", "项目内容"),
    "explanation": ("测算依据", "测算依据及说明(万元)"),
    "level3": ("三级指标(指标内容)", "指标内容"),
    "value": ("指标值及单位", "指标值(含单位)", "目标值", "年度指标值"),
    "total": ("合计", "总计"),
}
"""Other units' wording for the same labels (compared after ``fold``)."""

ROW_MATES: dict[str, tuple[str, ...]] = {
    "department": ("period",),
    "leader": ("phone",),
    "liaison": ("phone",),
    "unit_head": ("filled_by", "fill_date"),
    "filled_by": ("fill_date",),
}
"""Labels that share a printed row, so run-together text may be cut at them."""

_SPACE = re.compile(r"\s+")
_SEPARATED = re.compile(r"[\s:：]$")


def fold(text: str) -> str:
    """Text reduced for comparing labels: NFKC, no whitespace, no trailing colon."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).rstrip(":")


@dataclass(frozen=True, slots=True)
class Split:
    """A cell that starts with a label: the label's key and the text after it."""

    key: str
    rest: str


class Labels:
    """The labels of one template, with lookups by folded text."""

    def __init__(self, template: Template) -> None:
        self.template = template
        keys = (*FIELD_KEYS, *SECTION_KEYS, *TABLE_KEYS, *COLUMN_KEYS, "total")
        self._by_text: dict[str, str] = {}
        for key in keys:
            for text in (template.label(key), *ALIASES.get(key, ())):
                self._by_text.setdefault(fold(text), key)
        # Longest first, so 项目负责人 wins over a shorter label that starts the same way.
        starters = sorted(
            ((key, text) for text, key in self._by_text.items() if key in FIELD_KEYS), key=lambda kt: -len(kt[1])
        )
        self._starters = [(key, _label_pattern(text)) for key, text in starters]

    def key(self, text: str) -> str | None:
        """The key of the label ``text`` is, or ``None``."""
        return self._by_text.get(fold(text)) if text else None

    def kind(self, key: str | None) -> str | None:
        """``"field"``, ``"section"``, ``"table"``, ``"column"``, ``"total"`` or ``None``."""
        if key is None:
            return None
        for kind, keys in (("field", FIELD_KEYS), ("section", SECTION_KEYS), ("table", TABLE_KEYS)):
            if key in keys:
                return kind
        return "column" if key in COLUMN_KEYS else "total"

    def split(self, text: str, *, strict: bool = False) -> list[tuple[str | None, str]]:
        """Cut run-together text (“项目名称：某某”) into ``(key, text)`` pieces, labels and values alternating.

        Only text that starts with a field label is cut; after it, only labels
        printed on the same row (``ROW_MATES``) cut again, so a value that
        happens to contain a label's words stays whole. With ``strict`` the
        label must be followed by a colon, a space or the end (inside tables,
        where cells are data).
        """
        for key, pattern in self._starters:
            match = pattern.match(text)
            if match is None:
                continue
            rest = text[match.end() :]
            if strict and rest and not _SEPARATED.search(match.group(0)):
                continue
            pieces: list[tuple[str | None, str]] = [(key, match.group(0).strip())]
            pieces.extend(self._cut_mates(key, rest.lstrip(" \t\u3000:：")))
            return pieces
        return [(None, text)]

    def _cut_mates(self, key: str, rest: str) -> list[tuple[str | None, str]]:
        for mate in ROW_MATES.get(key, ()):
            pattern = _mate_pattern(self.template.label(mate), *ALIASES.get(mate, ())[:1])
            match = pattern.search(rest)
            if match is not None:
                value = rest[: match.start()].strip()
                return [(None, value), *self.split(rest[match.start() :])]
        return [(None, rest.strip())]


def _char_class(char: str) -> str:
    # Labels are stored folded (half-width); the text may have either width.
    if "!" <= char <= "~":
        return f"[{re.escape(char)}{re.escape(chr(ord(char) + 0xFEE0))}]"
    return re.escape(char)


def _label_pattern(folded_label: str) -> re.Pattern[str]:
    body = r"\s*".join(_char_class(c) for c in folded_label)
    return re.compile(rf"\s*{body}\s*(?:[:：]\s*)?")


@cache
def _mate_pattern(*labels: str) -> re.Pattern[str]:
    bodies = sorted((r"\s*".join(_char_class(c) for c in fold(label)) for label in labels), key=len, reverse=True)
    return re.compile("|".join(bodies))
