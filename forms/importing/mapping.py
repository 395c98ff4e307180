"""One form's rows to a ``Declaration``: cells mapped to fields by their labels, never by position.

Every non-blank piece of text ends up in a field, is recognised as the form's
own printing (labels, headings, “（盖章）”), or is kept as a ``Leftover`` with
its line so a reviewer sees it. Amounts and dates are kept exactly as written.
"""

from __future__ import annotations

from forms.importing.fields import (
    finance_opinion,
    read_boxes,
    split_contact,
    split_period,
    strip_printed,
    year_in,
)
from forms.importing.labels import Labels, fold
from forms.importing.rows import Row, is_web_furniture
from forms.importing.tables import TableReader
from forms.model.declaration import Declaration, Funding, FundingRow, Imported, Leftover, Performance
from forms.model.template import Template

_TEXT_FIELDS = {
    "unit": ("", "unit"),
    "name": ("project", "name"),
    "department": ("project", "department"),
    "leader": ("project", "leader"),
    "liaison": ("project", "liaison"),
    "overview": ("project", "overview"),
    "basis": ("project", "basis"),
    "measures": ("implementation", "measures"),
    "long_term_goal": ("performance", "long_term_goal"),
    "annual_goal": ("performance", "annual_goal"),
    "other_notes": ("sign_off", "other_notes"),
    "unit_head": ("sign_off", "unit_head"),
    "filled_by": ("sign_off", "filled_by"),
    "fill_date": ("sign_off", "fill_date"),
}
"""Labels whose value is kept as written, and where it goes (part of the draft, field)."""


_PARAGRAPHS = {
    "attribute", "project_type", "overview", "basis", "measures", "long_term_goal", "annual_goal", "other_notes",
}  # fmt: skip
"""Fields whose cell may hold several paragraphs, which some layouts give as several cells."""


class FormMapper:
    """Builds one draft from one form's rows."""

    def __init__(self, template: Template, labels: Labels, source: str) -> None:
        self.template = template
        self.labels = labels
        self.draft = Declaration(
            template=template.id,
            funding=Funding(
                sources=[FundingRow(source=s, parent=template.parent_of(s)) for s in template.funding_sources]
            ),
            performance=Performance(indicators=[]),
            imported=Imported(source=source),
        )
        self.notes: list[str] = []
        self.title = ""
        self.tables = TableReader(self)
        self.person = ""
        self.renamed: set[object] = set()
        """Wordings already reported as read as the template's (一级/二级 names)."""
        self.web = 0
        """Lines of a web page's own (索引号, [打印] …) skipped: reported once, not one leftover each."""

    def leave(self, line: int, text: str) -> None:
        """Keep text that fits no field, with its line, in the draft (the form's printed blanks excepted)."""
        assert self.draft.imported is not None
        if not finance_opinion(text, self.template.label("seal"), self.template.label("date_blank")):
            return  # only “（盖章）” and “年 月 日” as printed (the Word export gives them their own cell): not data
        if not strip_printed(text):
            return  # “单位：万元”, “（签字）”: the form's printing, not data
        self.draft.imported.leftovers.append(Leftover(line=line, text=text))

    def note(self, text: str) -> None:
        """Tell the report about a deviation from the template that was resolved (once)."""
        if text not in self.notes:
            self.notes.append(text)

    def map(self, rows: list[Row]) -> Declaration:
        """Read every row; the draft, with indicators in the template's order."""
        index = 0
        while index < len(rows):
            index += self._row(rows, index)
        # A form with the format-2 columns (计量单位, sides, subtotals) is a format-2 draft, as it will be saved.
        self.draft.schema_version = max(self.draft.schema_version, self.draft.required_schema())
        if self.web:
            self.note(f"跳过了网页自身的内容 {self.web} 行（索引号、发布机构、[下载] [打印] 按钮等），不属于申报表")
        order = {c: n for n, c in enumerate(c for g in self.template.indicator_groups for c in g.categories)}
        sides = {side: n for n, side in enumerate(self.template.sides)}
        self.draft.performance.indicators.sort(
            key=lambda i: (sides.get(i.side or "", 0), order.get(i.level2, len(order)))
        )
        return self.draft

    def category(self, level1: str, level2: str, line: int) -> str | None:
        """The template's 二级 for a row's 一级/二级 cells, noting any renaming; ``None`` when none fits."""
        category = match_category(level2, self.labels)
        shown = level2
        if category is None and not level2:
            category, shown = match_category(level1, self.labels), level1
        if category is None:
            return None
        group = self.template.group_of(category)
        # Said once per wording, not on every row it is printed on.
        if shown and fold(shown) != fold(category) and fold(shown) not in self.renamed:
            self.renamed.add(fold(shown))
            self.note(f"第 {line} 行：二级指标“{shown}”按模板记为“{category}”")
        named = self.labels.category_names.get(fold(level1)) if level1 else None
        if (
            group
            and level1
            and named != group.name
            and not fold(group.name).startswith(fold(level1).removesuffix("指标"))
        ):
            if (fold(level1), category) not in self.renamed:
                self.renamed.add((fold(level1), category))
                self.note(f"第 {line} 行：一级指标“{level1}”不在模板中，其下的“{category}”按模板归入“{group.name}”")
        elif group and named == group.name and fold(level1) != fold(group.name) and fold(level1) not in self.renamed:
            self.renamed.add(fold(level1))
            self.note(f"第 {line} 行：一级指标“{level1}”按模板记为“{group.name}”")
        return category

    def _row(self, rows: list[Row], index: int) -> int:
        row = rows[index]
        first = next((text for text in row.texts if text), "")
        if row.loose == "web" or (not row.loose and is_web_furniture(first)):
            self.web += 1
            return 1
        if row.loose == "title":
            self._title(row)
            return 1
        if row.loose == "year":
            self._year(row.texts[0], row.line)
            return 1
        exact = [self.labels.key(text) for text in row.texts]
        kinds = [self.labels.kind(key) for key in exact]
        if row.loose in (None, "text") and ("table" in kinds or kinds.count("column") >= 2):
            self.tables.header(row, exact)
            return 1
        # Inside a table a cell is data unless its label is set off; a whole line run together is not a cell.
        pieces = self._pieces(row, strict=self.tables.kind is not None and len(row.cells) > 1)
        if any(self.labels.kind(key) in ("field", "section") for key, _, _ in pieces):
            self.tables.close()
            self._labelled(pieces)
            return 1
        if self.tables.kind is not None and not row.loose:
            return self.tables.data(rows, index)
        for _, text, line in pieces:
            if text:
                self.leave(line, text)
        return 1

    def _pieces(self, row: Row, *, strict: bool) -> list[tuple[str | None, str, int]]:
        pieces: list[tuple[str | None, str, int]] = []
        for cell, text in zip(row.cells, row.texts, strict=True):
            key = self.labels.key(text)
            if key is not None:
                pieces.append((key, text, cell.line))
                continue
            pieces.extend((k, t, cell.line) for k, t in self.labels.split(text, strict=strict))
        return pieces

    def _labelled(self, pieces: list[tuple[str | None, str, int]]) -> None:
        index = 0
        while index < len(pieces):
            key, text, line = pieces[index]
            kind = self.labels.kind(key)
            if kind == "field" and key is not None:
                # The value is the next cell with text, unless a label comes first (merged cells leave blanks).
                ahead = index + 1
                while ahead < len(pieces) and pieces[ahead][0] is None and not pieces[ahead][1]:
                    ahead += 1
                if ahead < len(pieces) and pieces[ahead][0] is None:
                    end = ahead + 1
                    if key in _PARAGRAPHS:
                        # A cell of several paragraphs given one line each: the lines up to the next label.
                        while end < len(pieces) and pieces[end][0] is None:
                            end += 1
                    value = "\n".join(text for _, text, _ in pieces[ahead:end] if text)
                    self._field(key, value, pieces[ahead][2])
                    index = end
                    continue
                self._field(key, "", line)
            elif kind != "section" and text:
                self.leave(line, text)
            index += 1

    def _field(self, key: str, value: str, line: int) -> None:
        label = self.labels.template.label(key)
        if key in ("leader_contact", "liaison_contact"):
            self._contact(key.removesuffix("_contact"), value, line)
            return
        if key in ("leader", "liaison"):
            self.person = key
        if key == "phone":
            key = "liaison_phone" if self.person == "liaison" else "leader_phone"
            self._set(("project", key), value, line, label)
        elif key in _TEXT_FIELDS:
            self._set(_TEXT_FIELDS[key], value, line, label)
        elif key == "finance_opinion":
            opinion = finance_opinion(value, self.template.label("seal"), self.template.label("date_blank"))
            self._set(("sign_off", "finance_opinion"), opinion, line, label)
        elif key == "period":
            self._period(value, line, label)
        elif key in ("attribute", "project_type"):
            self._boxes(key, value, line)

    def _set(self, where: tuple[str, str], value: str, line: int, label: str) -> None:
        part = getattr(self.draft, where[0]) if where[0] else self.draft
        value = strip_printed(value)
        if not value:
            return
        if getattr(part, where[1]):
            self.leave(line, f"{label}：{value}")  # a second value for a field already filled
        else:
            setattr(part, where[1], value)

    def _contact(self, person: str, value: str, line: int) -> None:
        # “项目负责人及电话：王芳 13800000000”: the person and the phone, or the whole text kept when unsure.
        label = f"{self.template.label(person)}及电话"
        parts = split_contact(value)
        if parts is None:
            self.leave(line, f"{label}：{value}")
            return
        self.person = person
        self._set(("project", person), parts[0], line, label)
        self._set(("project", f"{person}_phone"), parts[1], line, label)

    def _period(self, value: str, line: int, label: str) -> None:
        project = self.draft.project
        period = split_period(value)
        if not value:
            return
        if project.start or project.end:
            self.leave(line, f"{label}：{value}")
        elif period is None:
            project.start = value  # kept whole; the checks report the missing end
            self.note(f"第 {line} 行：{label}“{value}”不是“开始-结束”的形式，已整体填入开始时间")
        else:
            project.start, project.end = period

    def _boxes(self, key: str, value: str, line: int) -> None:
        if key == "attribute":
            options = list(self.template.attributes)
        else:
            options = [n for c in self.template.project_classes for n in (c.name, *c.subtypes)]
        boxes, rest = read_boxes(value)
        if not boxes and fold(value) in {fold(option) for option in options}:
            boxes, rest = [], ""
            chosen = [next(o for o in options if fold(o) == fold(value))]
        else:
            chosen = []
        for box in boxes:
            match = next((o for o in options if fold(o) == fold(box.label)), None)
            if match is not None and box.ticked:
                chosen.append(match)
            elif box.ticked:
                self.leave(line, f"{self.template.label(key)}：{box.label}☑（模板中没有此项）")
            elif match is None and box.label:
                self.note(f"第 {line} 行：{self.template.label(key)}的选项“{box.label}”模板中没有（未勾选）")
        if rest:
            self.leave(line, f"{self.template.label(key)}：{rest}")
        if key == "project_type":
            self.draft.project.types.extend(o for o in chosen if o not in self.draft.project.types)
        elif chosen:
            if self.draft.project.attribute:
                chosen = [self.draft.project.attribute, *chosen]
            self.draft.project.attribute = chosen[0]
            for extra in chosen[1:]:
                self.leave(line, f"{self.template.label('attribute')}：{extra}☑（同时勾选了多项）")

    def _title(self, row: Row) -> None:
        text = row.texts[0]
        if fold(text) != fold(self.template.title) and not self.title:
            self.note(f"第 {row.line} 行：标题“{text}”与模板标题“{self.template.title}”不一致，按申报表标题识别")
        self.title = self.title or text
        year = year_in(text)
        if year:
            self._year(text, row.line)

    def _year(self, text: str, line: int) -> None:
        year = year_in(text) or ""
        if self.draft.year and year != self.draft.year:
            self.leave(line, text)
        else:
            self.draft.year = year


def match_category(text: str, labels: Labels) -> str | None:
    """The template's 二级 that ``text`` names (its name, a synonym, or an unambiguous shortening), or ``None``."""
    template = labels.template
    categories = [c for g in template.indicator_groups for c in g.categories]
    named = labels.category_names.get(fold(text))
    if named in categories:
        return named
    folded = fold(text).removesuffix("指标")
    if not folded:
        return None
    bases = {c: fold(c).removesuffix("指标") for c in categories}
    for test in (
        lambda base: base == folded,
        lambda base: len(folded) >= 2 and base.endswith(folded),
        lambda base: base in folded,
    ):
        found = [c for c in categories if test(bases[c])]
        if len(found) == 1:
            return found[0]
    return None
