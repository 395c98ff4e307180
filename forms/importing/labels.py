"""The form's printed labels, and the variants other units print, matched the way text extraction leaves them.

Labels and their synonyms come from the template (``template.labels`` and
``template.synonyms``): the wording lives in the template file, not here.
Matching ignores spaces, line breaks, full-width/half-width forms and a
trailing colon, so “项 目”, “绩效管理\\n联络员” and “项目名称：” all match.
A label is only matched whole: text that merely starts with one (主管部门审核意见,
年度目标值, 年度绩效目标(90分)) is another label, never a label and a value.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from forms.model.template import Template, available_templates, load_template

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
INDICATOR_COLUMNS = {
    "indicator_unit": "unit", "indicator_explanation": "explanation", "indicator_standard": "standard",
    "indicator_note": "note", "indicator_weight": "weight",
}  # fmt: skip
"""Label keys of the indicator table's extra columns, and the ``Indicator`` field each fills."""
COLUMN_KEYS = (
    "item", "last_year", "this_year", "explanation", "task", "start", "end", "level1", "level2", "level3", "value",
    *INDICATOR_COLUMNS,
)  # fmt: skip
"""Column headings inside the tables."""

ROW_MATES: dict[str, tuple[str, ...]] = {
    "department": ("period",),
    "leader": ("phone",),
    "liaison": ("phone",),
    "unit_head": ("filled_by", "fill_date"),
    "filled_by": ("fill_date",),
}
"""Labels that share a printed row, so run-together text is cut at them even when they are short."""

_SPACE = re.compile(r"\s+")
_SEPARATED = re.compile(r"[\s:：]$")
_LONGER_LABEL = re.compile(r"[(（](?!\s*(?:盖章|签章|签字|公章))|及|和|值|审核|意见|签字|签章|说明|代码|编码|负责人")
"""What, right after a label, makes it part of a longer label (主管部门审核意见, 年度目标值, 年度绩效目标(90分))."""
_MIN_CUT = 4
"""Labels shorter than this cut run-together text only beside their row mates or before a colon."""


def fold(text: str) -> str:
    """Text reduced for comparing labels: NFKC, no whitespace, no trailing colon."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).rstrip(":")


@dataclass(frozen=True, slots=True)
class Split:
    """A cell that starts with a label: the label's key and the text after it."""

    key: str
    rest: str


def label_texts(template: Template, key: str) -> list[str]:
    """Every text the template prints or accepts for ``key``: its label first, then its synonyms."""
    texts = [template.labels[key]] if key in template.labels else []
    texts.extend(template.synonyms.get(key, ()))
    if key in ("leader_contact", "liaison_contact"):
        # A person and a phone in one cell (项目负责人及电话), composed from the template's own labels.
        people = label_texts(template, key.removesuffix("_contact"))
        phones = ["电话", *label_texts(template, "phone")]
        texts.extend(f"{person}及{phone}" for person in people for phone in phones)
    return texts


class Labels:
    """The labels of one template, with lookups by folded text."""

    def __init__(self, template: Template) -> None:
        self.template = template
        keys = (*FIELD_KEYS, *SECTION_KEYS, *TABLE_KEYS, *COLUMN_KEYS, "total")
        self._by_text: dict[str, str] = {}
        for key in keys:
            for text in label_texts(template, key):
                self._by_text.setdefault(fold(text), key)
        # Then the other templates' wording for the same label keys: one unit's 资金来源 is another's 项 目.
        # Never a word that is a label and more (年度目标值), nor one this template prints for something else.
        for other in _other_templates(template.id):
            for key in keys:
                own = [fold(text) for text in label_texts(template, key)]
                for text in map(fold, label_texts(other, key)):
                    if not any(text.startswith(o) and _LONGER_LABEL.match(text[len(o) :]) for o in own if o):
                        self._by_text.setdefault(text, key)
        # Longest first, so 项目负责人及电话 wins over 项目负责人.
        starters = sorted(
            ((key, text) for text, key in self._by_text.items() if key in FIELD_KEYS), key=lambda kt: -len(kt[1])
        )
        # Indexed by first character: a cell is tried only against the labels it could start with.
        self._starters: dict[str, list[tuple[str, re.Pattern[str]]]] = defaultdict(list)
        for key, text in starters:
            self._starters[text[0]].append((key, _label_pattern(text)))
        self._sections: dict[str, list[tuple[str, re.Pattern[str]]]] = defaultdict(list)
        for text, key in self._by_text.items():
            if key in SECTION_KEYS and text:
                self._sections[text[0]].append((key, _label_pattern(text)))
        # Inside a value, text is cut at a printed label of some length, or at any label and a colon:
        # a synonym (年度目标) is too common in prose to end a value by itself.
        printed = {fold(template.labels[key]) for key in FIELD_KEYS if key in template.labels}
        cutters = [_label_body(t) for _, t in starters if t in printed and len(t) >= _MIN_CUT]
        cutters += [_label_body(t) + r"\s*[:：]" for _, t in starters]
        self._cutter = re.compile("|".join(cutters))
        names = [c for g in template.indicator_groups for c in g.categories]
        names += [g.name for g in template.indicator_groups]
        self.category_names: dict[str, str] = {}
        """Folded 二级 names and their synonyms → the template's 二级 (or 一级 for a group name)."""
        for name in names:
            for text in (name, *template.synonyms.get(name, ())):
                self.category_names.setdefault(fold(text), name)
        self.sources: dict[str, int] = {}
        """Folded funding source names and their synonyms → the row's position."""
        for position, source in enumerate(template.funding_sources):
            for text in (source, *template.synonyms.get(source, ())):
                self.sources.setdefault(fold(text), position)

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

        Only text that starts with a field label is cut, and only where the label
        ends a word (not 主管部门审核意见); after it, the text is cut again at the
        next field label, so “主管部门区民政局项目起止时间2021.01-2021.12” is two
        fields. With ``strict`` the label must be followed by a colon, a space or
        the end (inside tables, where cells are data).
        """
        first = fold(text.lstrip()[:1])
        for key, pattern in self._sections.get(first, ()):
            # “项目基本情况项目名称某某”: the group's label run into its first row.
            match = pattern.match(text)
            if match is not None and text[match.end() :].strip():
                after = self.split(text[match.end() :], strict=strict)
                if after[0][0] is not None:
                    return [(key, match.group(0).strip()), *after]
        for key, pattern in self._starters.get(first, ()):
            match = pattern.match(text)
            if match is None:
                continue
            rest = text[match.end() :]
            separated = bool(_SEPARATED.search(match.group(0)))
            if strict and rest and not separated:
                continue
            if not separated and _LONGER_LABEL.match(rest):
                continue
            pieces: list[tuple[str | None, str]] = [(key, match.group(0).strip())]
            pieces.extend(self._cut(key, rest.lstrip(" \t\u3000:：")))
            return pieces
        return [(None, text)]

    def _cut(self, key: str, rest: str) -> list[tuple[str | None, str]]:
        # The value runs to the next label that starts a field of its own (a row mate, or any long label).
        found: list[re.Match[str]] = []
        for mate in ROW_MATES.get(key, ()):
            match = _mate_pattern(*label_texts(self.template, mate)[:2]).search(rest)
            if match is not None:
                found.append(match)
        found.extend(self._cutter.finditer(rest))
        for match in sorted(found, key=lambda m: m.start()):
            after = self.split(rest[match.start() :])
            if after[0][0] is not None:
                return [(None, rest[: match.start()].strip()), *after]
        return [(None, rest.strip())]


def _other_templates(template_id: str) -> list[Template]:
    return [load_template(other) for other in available_templates() if other != template_id]


def _char_class(char: str) -> str:
    # Labels are stored folded (half-width); the text may have either width.
    if "!" <= char <= "~":
        return f"[{re.escape(char)}{re.escape(chr(ord(char) + 0xFEE0))}]"
    return re.escape(char)


def _label_body(folded_label: str) -> str:
    return r"\s*".join(_char_class(c) for c in folded_label)


def _label_pattern(folded_label: str) -> re.Pattern[str]:
    return re.compile(rf"\s*{_label_body(folded_label)}\s*(?:[:：]\s*)?")


@cache
def _mate_pattern(*labels: str) -> re.Pattern[str]:
    bodies = sorted((_label_body(fold(label)) for label in labels), key=len, reverse=True)
    return re.compile("|".join(bodies))
