"""Form templates: the fixed vocabulary of one region's declaration form, loaded from data.

A template file (TOML under ``forms/templates/``) holds every label the form
prints, the funding sources, the project classes and the indicator taxonomy.
Code asks the template; it never spells those words itself.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, model_validator

DEFAULT_TEMPLATE = "district-2021"

INDICATOR_COLUMNS = ("value", "unit", "weight", "standard", "explanation", "note")
"""The indicator columns a template may list, by ``Indicator`` field name, in the order a form would print them."""


class ProjectClass(BaseModel):
    """One 项目类型 class with the sub-types printed after 其中."""

    model_config = ConfigDict(frozen=True)

    name: str
    """The class as printed, e.g. 行政事业类."""
    subtypes: tuple[str, ...] = ()
    """Its sub-types in print order, e.g. 采购类, 修缮类, 奖励类."""


class IndicatorGroup(BaseModel):
    """One 一级指标 with its 二级 categories."""

    model_config = ConfigDict(frozen=True)

    name: str
    """The 一级指标, e.g. 产出指标."""
    categories: tuple[str, ...]
    """Its 二级指标 in print order."""
    weight_range: tuple[str, str] | None = None
    """The 分值/权重 this 一级 may carry, as (lowest, highest) decimal text, where the template has weights."""


class Rules(BaseModel):
    """Template-specific inputs to the checks."""

    model_config = ConfigDict(frozen=True)

    cost_category: str = "成本指标"
    """The 二级 whose 指标值 is compared with the budget total."""
    qualitative_values: tuple[str, ...] = ()
    """指标值 accepted without a number (grades, deadlines)."""


class Layout(BaseModel):
    """How the form's table is laid out on paper (Word) and in a worksheet (Excel).

    The table is a grid of ``columns_cm``. A group of rows (项目基本情况 …) puts its
    label in ``group_spans[key]`` columns (1 when not listed) at the left of its
    rows; each row shape (``forms.render.form_table``) lists the columns its cells span,
    left to right, after the labels of its groups, 0 meaning "the rest of the row".
    """

    model_config = ConfigDict(frozen=True)

    paper: str = "A4"
    """Paper size (A4 is the only one the exports know today)."""
    margins_cm: tuple[float, float, float, float] = (2.0, 2.0, 2.0, 2.0)
    """Top, right, bottom, left."""
    columns_cm: tuple[float, ...] = (1.5, 2.4, 2.0, 2.2, 2.6, 2.2, 4.1)
    """Width of each grid column; together they fill the space between the margins."""
    group_spans: dict[str, int] = {}
    """Grid columns of a group's label, by label key (default 1)."""
    shapes: dict[str, tuple[int, ...]] = {
        "pair": (1, 0),
        "quad": (1, 2, 1, 0),
        "note": (2, 0),
        "whole": (0,),
        "funding": (2, 1, 0),
        "expenses": (2, 1, 1, 0),
        "schedule": (3, 1, 0),
        "indicators": (1, 1, 2, 0),
    }
    """Column spans of each row shape's cells."""
    body_font: str = "仿宋_GB2312"
    """East Asian font of the table and the lines around it."""
    title_font: str = "宋体"
    """East Asian font of the title."""
    latin_font: str = "Times New Roman"
    """Font of Latin letters and digits."""
    title_pt: float = 18
    body_pt: float = 10.5


class Template(BaseModel):
    """A whole form template."""

    model_config = ConfigDict(frozen=True)

    id: str
    """The key drafts use to name their template."""
    title: str
    """The form's printed title."""
    name: str
    """A short human name for choosing among templates."""
    labels: dict[str, str]
    """Printed labels keyed by field name."""
    attributes: tuple[str, ...]
    """项目属性 choices, e.g. 新增项目, 延续项目."""
    funding_sources: tuple[str, ...]
    """资金来源 rows under 合计."""
    project_classes: tuple[ProjectClass, ...]
    """项目类型 classes and sub-types."""
    indicator_groups: tuple[IndicatorGroup, ...]
    """The indicator taxonomy."""
    rules: Rules = Rules()
    """Inputs to the checks."""
    layout: Layout = Layout()
    """The printed table's grid, for the Word and Excel exports."""

    # The shape of the form. The defaults are district-2021's, so a template
    # file only lists where its form differs; code asks these, never the id.
    sections: tuple[str, ...] = (
        "basic",
        "funding",
        "expenses",
        "implementation",
        "goals",
        "indicators",
        "sign_off",
    )
    """The form's parts in print order (``expenses`` absent: no 支出明细 table, and no check against one)."""
    funding_columns: tuple[str, ...] = ("last_year", "this_year")
    """The amount columns of 资金来源 (and 支出明细), by field name."""
    funding_subtotals: dict[str, tuple[str, ...]] = {}
    """Subtotal rows of 资金来源 (each also in ``funding_sources``) with the rows that add into them."""
    indicator_columns: tuple[str, ...] = ("value",)
    """The indicator table's columns after 三级, by field name (``value``, ``unit``, ``weight`` …)."""
    sides: tuple[str, ...] = ()
    """The sides of a two-sided indicator table (e.g. 总体, 年度); empty for one table."""
    goals: tuple[str, ...] = ("long_term_goal", "annual_goal")
    """The goal fields the form prints, by field name (their labels are in ``labels``)."""
    weight_total: str | None = None
    """What the 三级 weights must add up to (e.g. 100), where the template has weights."""
    synonyms: dict[str, tuple[str, ...]] = {}
    """Other labels units print for a label key (项目支出名称 for ``name``), for the importer.

    A key is a label key, or a name the template prints as data (a funding source, an
    一级 or 二级 name: 生态效益指标 = 环境效益指标).
    """
    period_may_cross_year: bool = False
    """Whether the project period may run past the year's end (2023.07-2024.01); dates within it pass."""

    @model_validator(mode="after")
    def _shape_fits(self) -> Template:
        # A template is data a person edits: a subtotal naming a row the form lacks must fail on load, not in an export.
        for subtotal, rows in self.funding_subtotals.items():
            for name in (subtotal, *rows):
                if name not in self.funding_sources:
                    raise ValueError(f"funding_subtotals: “{name}” is not in funding_sources")
        unknown = set(self.indicator_columns) - set(INDICATOR_COLUMNS)
        if unknown or "value" not in self.indicator_columns:
            raise ValueError(f"indicator_columns must hold value and only {INDICATOR_COLUMNS}")
        if not self.funding_columns or set(self.funding_columns) - {"last_year", "this_year"}:
            raise ValueError("funding_columns must be some of last_year, this_year")
        return self

    def parent_of(self, source: str) -> str | None:
        """The subtotal row a funding row adds into, ``None`` for a top-level row."""
        return next((total for total, rows in self.funding_subtotals.items() if source in rows), None)

    def column_label(self, column: str) -> str:
        """An indicator column's heading: label ``indicator_<column>`` (计量单位), else ``<column>`` (指标值)."""
        return self.labels.get(f"indicator_{column}", self.label(column))

    def year_side(self) -> str | None:
        """The side whose indicators are this year's (the last one), ``None`` for a one-sided table."""
        return self.sides[-1] if self.sides else None

    def has(self, section: str) -> bool:
        """Whether the form has a part (``expenses`` …) or an indicator column (``unit`` …)."""
        return section in self.sections or section in self.indicator_columns

    def label(self, key: str) -> str:
        """The printed label for ``key`` (the key itself when the template lacks it)."""
        return self.labels.get(key, key)

    def class_of(self, ticked: str) -> ProjectClass | None:
        """The class a ticked box belongs to, whether it is the class or a sub-type."""
        for cls in self.project_classes:
            if ticked == cls.name or ticked in cls.subtypes:
                return cls
        return None

    def group_of(self, category: str) -> IndicatorGroup | None:
        """The 一级 that owns a 二级 category."""
        for group in self.indicator_groups:
            if category in group.categories:
                return group
        return None


class TemplateError(LookupError):
    """A draft names a template this installation does not have."""


def available_templates() -> list[str]:
    """The ids of the templates shipped with shenbao."""
    folder = resources.files("forms") / "templates"
    return sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))


@cache
def load_template(template_id: str = DEFAULT_TEMPLATE) -> Template:
    """Load a shipped template by id.

    Raises:
        TemplateError: no template has that id.
    """
    if template_id not in available_templates():
        known = "、".join(available_templates())
        raise TemplateError(f"未知的表样模板 “{template_id}”（已有：{known}）")
    text = (resources.files("forms") / "templates" / f"{template_id}.toml").read_text("utf-8")
    return Template.model_validate(tomllib.loads(text))
