"""The declaration model: one 项目支出预算绩效目标申报表, every field in the form's order.

Every value an operator types is kept as text, amounts and dates included, so a
half-finished draft with a typo loads and saves exactly as typed; the checks
(``forms.checks.runner``) judge the text, and ``forms.model.money`` turns amounts into
``Decimal``. Declared totals (合计) are stored as declared; computed sums are
derived (``forms.model.totals``), never stored.

Field names are the keys of the TOML draft file, and a dotted path of them
(``funding.sources.0.this_year``) names a field for findings and for the UI.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from forms.model.template import DEFAULT_TEMPLATE, Template, load_template

SCHEMA_VERSION = 2
"""The newest draft file format this version reads; files with a larger number are refused.

Format 2 adds optional fields for other templates (a funding row's parent, an
indicator's unit, explanation, standard, note, weight and side, declared group
weights, the bureau's review). Every one of them is absent from a file until used, so a format-1 draft
loads and saves byte for byte; a draft that uses one is written as format 2
(``required_schema``), which older versions refuse by number rather than by key.
"""

State = Literal["draft", "final"]
ReviewState = Literal["returned", "approved", "reopened"]
"""退回 (returned to the unit with an opinion), 通过 (approved: locked), 重新打开 (an approval undone, recorded)."""


class _Part(BaseModel):
    # Unknown keys are errors, not silently dropped: a typo in a hand-edited
    # draft must be seen, and nothing in the file may be lost on the next save.
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, validate_assignment=True)


class Project(_Part):
    """项目基本情况."""

    name: str = ""
    """项目名称."""
    attribute: str = ""
    """项目属性: one of the template's attributes (新增项目 / 延续项目), or blank."""
    department: str = ""
    """主管部门."""
    start: str = ""
    """项目起止时间, start, as typed (e.g. 2021.01)."""
    end: str = ""
    """项目起止时间, end, as typed."""
    leader: str = ""
    """项目负责人."""
    leader_phone: str = ""
    """项目负责人's 联系电话."""
    liaison: str = ""
    """绩效管理联络员."""
    liaison_phone: str = ""
    """绩效管理联络员's 联系电话."""
    types: list[str] = Field(default_factory=list)
    """项目类型: every box ticked, class or sub-type, in print order; validation judges the mix."""
    overview: str = ""
    """项目概况."""
    basis: str = ""
    """项目立项依据."""


class FundingRow(_Part):
    """One 资金来源 row of 项目资金申请."""

    source: str
    """The source as the template prints it (市级资金, …)."""
    last_year: str = ""
    """上年度安排资金 in 万元, as typed."""
    this_year: str = ""
    """本年度申请资金 in 万元, as typed."""
    parent: str | None = None
    """The subtotal row this row adds into (e.g. 财政拨款小计), when the template has subtotals (format 2)."""


class Funding(_Part):
    """项目资金申请（万元）."""

    total_last_year: str = ""
    """合计 of 上年度安排资金 as declared."""
    total_this_year: str = ""
    """合计 of 本年度申请资金 as declared."""
    sources: list[FundingRow] = Field(default_factory=list)
    """One row per funding source of the template."""


class ExpenseLine(_Part):
    """One line of 支出明细预算."""

    item: str = ""
    """项目 (what the money is spent on)."""
    last_year: str = ""
    """上年度安排资金 in 万元, as typed."""
    this_year: str = ""
    """本年度申请资金 in 万元, as typed."""
    basis: str = ""
    """测算依据及说明."""


class Expenses(_Part):
    """支出明细预算（万元）."""

    total_last_year: str = ""
    """合计 of 上年度安排资金 as declared."""
    total_this_year: str = ""
    """合计 of 本年度申请资金 as declared."""
    total_basis: str = ""
    """测算依据及说明 of the whole."""
    lines: list[ExpenseLine] = Field(default_factory=list)
    """Any number of expense lines."""


class ScheduleRow(_Part):
    """One row of 项目年度实施进度计划."""

    task: str = ""
    """项目实施内容."""
    start: str = ""
    """开始时间, as typed."""
    end: str = ""
    """结束时间, as typed."""


class Implementation(_Part):
    """保障措施 and 进度计划."""

    measures: str = ""
    """单位已有的（或拟订的）保障项目实施的制度、措施."""
    schedule: list[ScheduleRow] = Field(default_factory=list)
    """项目年度实施进度计划."""


class Indicator(_Part):
    """One row of 项目年度绩效指标."""

    level1: str = ""
    """一级指标 (from the template)."""
    level2: str = ""
    """二级指标 (from the template)."""
    name: str = ""
    """三级指标, free text."""
    value: str = ""
    """指标值, free text (a number with a unit, a comparator, or a grade)."""
    unit: str | None = None
    """计量单位, where the template has the column (format 2)."""
    explanation: str | None = None
    """指标值说明, where the template has the column (format 2)."""
    standard: str | None = None
    """绩效标准 (计划/历史/行业/预算支出/其他标准), where the template has the column (format 2)."""
    note: str | None = None
    """备注 or 指标解释, where the template has the column (format 2)."""
    weight: str | None = None
    """分值/权重 of this 三级 row as typed, where the template has weights (format 2)."""
    side: str | None = None
    """Which side of a two-sided table the row is on (总体 or 年度), where the template has sides (format 2)."""


class Performance(_Part):
    """项目年度绩效目标情况 and 项目年度绩效指标."""

    long_term_goal: str = ""
    """长期绩效目标."""
    annual_goal: str = ""
    """本年度绩效目标."""
    indicators: list[Indicator] = Field(default_factory=list)
    """The indicator table, in the template's 一级/二级 order."""
    weights: dict[str, str] | None = None
    """Declared 分值/权重 of 一级 and 二级 rows as typed, keyed by ``一级`` or ``一级/二级`` (format 2)."""


class SignOff(_Part):
    """其他说明的问题, 财政部门审核意见 and the signatures."""

    other_notes: str = ""
    """其他说明的问题."""
    finance_opinion: str = ""
    """财政部门审核意见 (filled in by the finance bureau)."""
    unit_head: str = ""
    """单位负责人."""
    filled_by: str = ""
    """填表人."""
    fill_date: str = ""
    """填表时间, as typed."""


class Leftover(_Part):
    """Text an import could not map to a field, kept for a reviewer."""

    line: int = 0
    """Line in the imported file (0 when unknown)."""
    text: str
    """The text as it stood."""


class Imported(_Part):
    """Where a draft came from, when it was imported."""

    source: str = ""
    """The imported file's name."""
    leftovers: list[Leftover] = Field(default_factory=list)
    """Everything that could not be mapped; checks report each one."""


class ReviewEvent(_Part):
    """One step of a draft's review record: who returned, approved or reopened it, when, and why."""

    action: ReviewState
    """What was done."""
    by: str = ""
    """Who did it (the reviewer, or the unit's operator for a reopening)."""
    date: str = ""
    """When (``YYYY-MM-DD HH:MM``)."""
    opinion: str = ""
    """审核意见 of a return, or the reason given for a reopening."""


class Review(_Part):
    """The finance bureau's review of a draft (format 2): its latest verdict and every step before it."""

    state: ReviewState
    """退回, 通过 or 重新打开 (the latest step)."""
    opinion: str = ""
    """审核意见 of the latest step (what the unit must fix after a 退回)."""
    reviewer: str = ""
    """Who took the latest step."""
    date: str = ""
    """When the latest step was taken (``YYYY-MM-DD HH:MM``)."""
    history: list[ReviewEvent] = Field(default_factory=list)
    """Every step, oldest first: a reopening of an approved draft is never lost."""


class Declaration(_Part):
    """A whole 项目支出预算绩效目标申报表: one project's draft."""

    schema_version: int = Field(default=1, alias="schema", ge=1, le=SCHEMA_VERSION)
    """The file format version (``schema`` in the file)."""
    template: str = DEFAULT_TEMPLATE
    """Id of the form template this draft follows."""
    state: State = "draft"
    """草稿 (draft) or 定稿 (final, read-only in the app until reopened)."""
    year: str = ""
    """年度, as typed."""
    unit: str = ""
    """填报单位."""
    project: Project = Field(default_factory=Project)
    """项目基本情况."""
    funding: Funding = Field(default_factory=Funding)
    """项目资金申请."""
    expenses: Expenses = Field(default_factory=Expenses)
    """支出明细预算."""
    implementation: Implementation = Field(default_factory=Implementation)
    """保障措施与进度计划."""
    performance: Performance = Field(default_factory=Performance)
    """绩效目标与绩效指标."""
    sign_off: SignOff = Field(default_factory=SignOff)
    """其他说明、审核意见与签署."""
    imported: Imported | None = None
    """Import provenance and leftovers; absent for drafts typed in."""
    review: Review | None = None
    """The bureau's review (退回/通过 with 审核意见, format 2); absent until a reviewer acts."""

    model_config = ConfigDict(
        extra="forbid", use_attribute_docstrings=True, validate_assignment=True, populate_by_name=True
    )

    def required_schema(self) -> int:
        """The lowest file format that holds everything this draft uses (1 unless a format-2 field is set)."""
        uses_v2 = (
            self.review is not None
            or self.performance.weights is not None
            or any(row.parent is not None for row in self.funding.sources)
            or any(
                value is not None
                for row in self.performance.indicators
                for value in (row.unit, row.explanation, row.standard, row.note, row.weight, row.side)
            )
        )
        return 2 if uses_v2 else 1

    def form_template(self) -> Template:
        """The template this draft names (raises ``TemplateError`` if unknown)."""
        return load_template(self.template)


def new_declaration(template_id: str = DEFAULT_TEMPLATE, *, year: str = "") -> Declaration:
    """An empty draft laid out on its template: every funding source and the indicator skeleton.

    Funding rows that add into a subtotal name it as their ``parent``; a two-sided
    indicator table gets the skeleton once per side; the template's extra
    indicator columns start blank (so the draft is format 2 from the start).
    """
    template = load_template(template_id)
    extra = {column: "" for column in template.indicator_columns if column != "value"}
    sides: tuple[str | None, ...] = template.sides or (None,)
    return Declaration(
        template=template_id,
        year=year,
        funding=Funding(sources=[FundingRow(source=s, parent=template.parent_of(s)) for s in template.funding_sources]),
        performance=Performance(
            indicators=[
                Indicator(level1=group.name, level2=category, side=side, **extra)
                for side in sides
                for group in template.indicator_groups
                for category in group.categories
            ]
        ),
    )
