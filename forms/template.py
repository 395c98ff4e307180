"""Form templates: the fixed vocabulary of one region's declaration form, loaded from data.

A template file (TOML under ``forms/templates/``) holds every label the form
prints, the funding sources, the project classes and the indicator taxonomy.
Code asks the template; it never spells those words itself.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

DEFAULT_TEMPLATE = "district-2021"


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


class Rules(BaseModel):
    """Template-specific inputs to the checks."""

    model_config = ConfigDict(frozen=True)

    cost_category: str = "成本指标"
    """The 二级 whose 指标值 is compared with the budget total."""
    qualitative_values: tuple[str, ...] = ()
    """指标值 accepted without a number (grades, deadlines)."""


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
