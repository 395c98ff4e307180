"""Exporting a declaration: the text form (box and ASCII styles) and Markdown.

Golden files under tests/data/render/ pin the text layout; after a deliberate
layout change regenerate them with ``SHENBAO_UPDATE_GOLDEN=1 python3 -m pytest tests/forms/render/test_render.py``
and review the diff.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from property_settings import examples
from repo_paths import DATA, DRAFTS, REPO

from forms.model.declaration import Declaration, ExpenseLine, FundingRow, Indicator, ScheduleRow, new_declaration
from forms.model.template import Template, load_template
from forms.render.formats import FORMATS, render
from forms.render.markdown import render_markdown
from forms.render.text import DEFAULT_WIDTH, MIN_WIDTH, render_text
from forms.render.width import cell_width, clean, fold_ambiguous, pad, wrap
from forms.store.drafts import draft_paths, load_draft

GOLDEN = DATA / "render"
EXAMPLES = draft_paths(DRAFTS)
HOSTILE = "a\x1b[31mred\x1b[0m\x1b]0;pwned\x07b\x9b2J\u202eevil\u202c\u2066x\u2069\u200b\ufeffc\x07\x00\x08d\x1b\re\x7f"
MARKUP = "[bold]x[/] [@click=app.quit]y[/]"
BOX_CHARS = set("─│┌┐└┘├┤┬┴┼")


def reference() -> Declaration:
    """电子政务外网线路租赁, the first form of tests/data/2021-declaration-forms.txt, typed in."""
    d = new_declaration(year="2021")
    p = d.project
    p.name, p.attribute, p.start, p.end = "电子政务外网线路租赁", "延续项目", "2021.01", "2021.12"
    p.leader, p.leader_phone, p.liaison, p.liaison_phone = "胡敏", "5720008", "田静", "5720007"
    p.types = ["修缮类", "其他专项类"]
    p.overview = p.basis = "电子政务外网线路租赁"
    d.funding.total_last_year = d.funding.total_this_year = "25"
    d.funding.sources[3].last_year = d.funding.sources[3].this_year = "25"
    d.expenses.total_last_year = d.expenses.total_this_year = "25"
    d.expenses.total_basis = "电子政务外网线路租赁及维修"
    d.expenses.lines = [
        ExpenseLine(item="1.维修（护）费", last_year="8", this_year="8"),
        ExpenseLine(item="2.租赁费", last_year="17", this_year="17"),
    ]
    d.implementation.measures = "合同"
    d.implementation.schedule = [ScheduleRow(task="电子政务外网线路租赁及维修", start="2021.01", end="2021.12")]
    d.performance.long_term_goal, d.performance.annual_goal = "政务外网网速", "100兆"
    values = [
        ("进驻窗口单位", "14个"), ("企业群众服务满意率", "90%"), ("政务外网全覆盖", "年底前"),
        ("控制在预算内", "25万元"), ("进驻窗口单位", "14个"), ("增加进驻窗口人员数量", "40名"),
        ("优化受理审批办结流程", "3个"), ("减少群众跑的次数", "1年"), ("群众满意度", "90%"),
    ]  # fmt: skip
    for indicator, (name, value) in zip(d.performance.indicators, values, strict=True):
        indicator.name, indicator.value = name, value
    d.sign_off.other_notes = "无"
    return d


def full() -> Declaration:
    """Every field filled, with long text, 48.588 and ambiguous-width characters (≥, “”)."""
    d = reference()
    d.unit = "某某区行政审批服务局"
    d.project.department = "某某区行政审批服务局"
    d.project.overview = "用于保障全区电子政务外网线路的租赁与维护，" * 8 + "确保“一网通办”稳定运行。"
    d.funding.total_this_year = d.funding.sources[3].this_year = "48.588"
    d.funding.sources[0].last_year = "1,000.50"
    d.expenses.lines[1].basis = "按合同 monthly fee of the leased lines, about 1.4 万元 per month, paid quarterly"
    d.performance.indicators[1].value = "≥90%"
    d.sign_off.finance_opinion = "同意。"
    d.sign_off.unit_head, d.sign_off.filled_by, d.sign_off.fill_date = "张三", "李四", "2021.01.05"
    return d


def hostile() -> Declaration:
    """User text meant to attack a terminal or a Markdown viewer, in fields of every kind."""
    d = reference()
    d.unit = d.project.name = HOSTILE
    d.project.overview = MARKUP + "\n" + HOSTILE
    d.funding.sources.append(FundingRow(source=HOSTILE, this_year=HOSTILE))
    d.expenses.lines[0].basis = HOSTILE + "\ttab"
    d.performance.indicators[0].name = HOSTILE
    d.sign_off.filled_by = HOSTILE
    return d


def labels(template: Template) -> list[str]:
    """Every word the printed form shows, from the template."""
    words = [template.title, *template.labels.values(), *template.attributes, *template.funding_sources]
    for cls in template.project_classes:
        words += [cls.name, *cls.subtypes]
    for group in template.indicator_groups:
        words += [group.name, *group.categories]
    return words


def grid(text: str) -> list[str]:
    """The lines of the bordered form (title and footer excluded)."""
    return [line for line in text.splitlines() if line[:1] in {"┌", "│", "├", "└", "+", "|"}]


def borders(line: str, chars: str) -> list[int]:
    """Display columns at which any of ``chars`` stands."""
    out, x = [], 0
    for char in line:
        if char in chars:
            out.append(x)
        x += cell_width(char)
    return out


def wide_ambiguous_width(text: str) -> int:
    """Width as a terminal drawing ambiguous characters two cells wide (a Chinese locale) sees it."""
    return sum(2 if unicodedata.east_asian_width(c) == "A" else cell_width(c) for c in text)


def assert_aligned(text: str, *, ascii: bool, width: int = DEFAULT_WIDTH) -> None:
    lines = grid(text)
    assert lines, "no table in the export"
    vertical, junctions = ("|", "+") if ascii else ("│", "┌┐└┘├┤┬┴┼")
    for line in lines:
        assert cell_width(line) == width, line
        if ascii:
            assert wide_ambiguous_width(line) == width, line
    for i, line in enumerate(lines):
        if line[0] != vertical:
            continue
        # Every cell border in a text line meets a junction in the rules above and below its row.
        columns = borders(line, vertical)
        above = next(lines[j] for j in range(i, -1, -1) if lines[j][0] != vertical)
        below = next(lines[j] for j in range(i, len(lines)) if lines[j][0] != vertical)
        for rule in (above, below):
            assert set(columns) <= set(borders(rule, junctions + vertical)), (line, rule)


def cell_texts(text: str, first: str, *, column: int = 1, ascii: bool = False) -> list[str]:
    """The lines of one cell (``column`` counts from 0) of the row whose first cell is ``first``."""
    vertical = "|" if ascii else "│"
    lines = [line for line in grid(text) if line[0] == vertical or "──" in line or "--" in line]
    start = next(i for i, line in enumerate(lines) if line[0] == vertical and line.split(vertical)[1].strip() == first)
    out = []
    for line in lines[start:]:
        if line[0] != vertical:
            break
        out.append(line.split(vertical)[column + 1].strip())
    return out


# --- text width, wrapping, cleaning -------------------------------------------


def test_cell_width_counts_cjk_as_two_and_marks_as_zero() -> None:
    assert cell_width("项目名称") == 8 and cell_width("a中b") == 4 and cell_width("（万元）") == 8
    assert cell_width("e\u0301") == 1 and cell_width("\u3000") == 2 and cell_width("☑□─") == 3
    assert cell_width("") == 0 and cell_width("\x1b") == 0


def test_pad_by_display_width() -> None:
    assert pad("中", 5) == "中   " and pad("中", 5, "right") == "   中" and pad("中", 5, "center") == " 中  "
    assert pad("中文字", 4) == "中文字"  # never cut


def test_wrap_breaks_cjk_anywhere_and_latin_at_spaces() -> None:
    assert wrap("电子政务外网线路租赁", 6) == ["电子政", "务外网", "线路租", "赁"]
    assert wrap("rent of leased lines", 10) == ["rent of", "leased", "lines"]
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert wrap("2021.01-2021.12", 10) == ["2021.01-", "2021.12"]
    assert wrap("第一行\n\n第三行", 20) == ["第一行", "", "第三行"]
    assert wrap("", 5) == [""]
    assert wrap("维修费用，租赁", 8) == ["维修费", "用，租赁"]  # no line starts with ，


@examples(80)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cf")), max_size=80), st.integers(2, 30))
def test_wrap_keeps_every_character_and_fits_the_width(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_width(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")


def test_clean_removes_what_drives_a_terminal_and_shows_other_controls() -> None:
    assert clean("a\x1b[31mred\x1b[0m") == "ared"
    assert clean("\x1b]0;title\x07x\x1b]8;;http://e\x1b\\link") == "xlink"
    assert clean("\x9b2Jx") == "x" and clean("a\x9b") == "a␛[" and clean("\x85") == "\n"
    assert clean("\u202eevil\u202c\u2066x\u2069\u200b\ufeff") == "evilx"
    assert clean("bell\x07 nul\x00 del\x7f lone\x1b") == "bell␇ nul␀ del␡ lone␛"
    assert clean("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert clean("a\tb") == "a   b" and clean("中\tb") == "中  b"
    assert clean("☺\ufe0f") == "☺" and clean("普通文字 ok") == "普通文字 ok"


def test_fold_ambiguous_spells_characters_every_terminal_agrees_on() -> None:
    assert fold_ambiguous("≥90%，“好”") == '>=90%，"好"'
    assert fold_ambiguous("①②、m²、Ⅱ、café、α、☑□") == "(1)(2)、m2、II、cafe、<U+03B1>、[x][ ]"
    assert fold_ambiguous("中文 ascii") == "中文 ascii"


# --- every label, every style -------------------------------------------------


@pytest.mark.parametrize("make", [full, reference, new_declaration, Declaration], ids=lambda f: f.__name__)
@pytest.mark.parametrize("style", ["text", "ascii", "md"])
def test_every_label_of_the_template_appears(make, style: str) -> None:
    draft = make()
    out = render(draft, "md" if style == "md" else "text", ascii=style == "ascii")
    for word in labels(draft.form_template()):
        assert word in out, word


@pytest.mark.parametrize("make", [full, reference, new_declaration, Declaration, hostile], ids=lambda f: f.__name__)
@pytest.mark.parametrize("ascii", [False, True])
def test_table_lines_are_all_one_width_and_borders_line_up(make, ascii: bool) -> None:
    assert_aligned(render_text(make(), ascii=ascii), ascii=ascii)


@pytest.mark.parametrize("width", [MIN_WIDTH, 57, 100])
def test_width_parameter(width: int) -> None:
    assert_aligned(render_text(full(), width=width, ascii=True), ascii=True, width=width)
    assert_aligned(render_text(full(), width=width), ascii=False, width=width)


def test_too_narrow_a_width_is_widened_to_the_minimum() -> None:
    assert {cell_width(line) for line in grid(render_text(full(), width=10))} == {MIN_WIDTH}


def test_ascii_style_uses_only_characters_every_terminal_agrees_on() -> None:
    draft = full()
    draft.project.basis = "面积≥50㎡、温度25℃、①②、“引号”、café、α、— …、☑□"
    out = render_text(draft, ascii=True)
    assert not [c for c in out if unicodedata.east_asian_width(c) == "A"]
    assert ">=90%" in out and '"一网通办"' in out
    assert not BOX_CHARS & set(out) and "☑" not in out and "□" not in out
    assert_aligned(out, ascii=True)


def test_box_style_counts_box_drawing_and_check_boxes_as_one_cell() -> None:
    out = render_text(reference())
    top = grid(out)[0]
    assert top.startswith("┌") and top.endswith("┐") and len(top) == DEFAULT_WIDTH


# --- content ------------------------------------------------------------------


def test_title_year_unit_and_footer() -> None:
    lines = render_text(full()).splitlines()
    assert lines[0].strip() == "项目支出预算绩效目标申报表"
    assert lines[1].strip() == "（2021 年度）"
    assert lines[2] == "填报单位（盖章）：某某区行政审批服务局"
    assert lines[-1].split() == ["单位负责人：张三", "填表人：李四", "填表时间：2021.01.05"]


def test_empty_draft_keeps_blank_cells_to_fill_in_by_hand() -> None:
    out = render_text(Declaration())
    assert "（     年度）" in out.splitlines()[1]
    assert cell_texts(out, "项目名称") == [""]
    assert cell_texts(out, "市级资金") == [""]
    expenses = out[out.index("支出明细预算") : out.index("单位已有的")]
    assert sum(1 for line in expenses.splitlines() if line.startswith("│") and not line.strip("│ ")) >= 2
    assert "新增项目□    延续项目□" in out


def test_cjk_columns_line_up_by_display_width() -> None:
    out = render_text(reference())
    rows = [line for line in grid(out) if line.count("│") >= 4 and ("资金" in line.split("│")[1] or "合 计" in line)]
    assert len({tuple(borders(line, "│")) for line in rows}) == 2  # funding table and expense table
    funding = [line for line in rows if line.count("│") == 4]
    assert len(funding) == 5 and len({tuple(borders(line, "│")) for line in funding}) == 1
    assert len({len(line) for line in funding}) > 1  # same display width despite different len()


def test_long_text_wraps_inside_its_cell() -> None:
    draft = full()
    for ascii in (False, True):
        out = render_text(draft, ascii=ascii)
        parts = cell_texts(out, "项目概况", ascii=ascii)
        assert len(parts) > 3
        assert "".join(parts) == draft.project.overview.replace("“", '"' if ascii else "“").replace(
            "”", '"' if ascii else "”"
        )
    basis = cell_texts(render_text(draft), "2.租赁费", column=3)
    assert len(basis) > 2 and "".join(basis).replace(" ", "") == draft.expenses.lines[1].basis.replace(" ", "")


def test_latin_words_wrap_at_spaces() -> None:
    out = render_text(full())
    lines = [line.split("│")[4].strip() for line in grid(out) if line.count("│") == 5]
    words = " ".join(lines).split()
    for word in ("monthly", "leased", "quarterly"):
        assert word in words


def test_ticked_boxes() -> None:
    out = render_text(reference())
    assert "新增项目□    延续项目☑" in out
    assert "1.基本建设类□   其中：新建□   扩建□   改建□" in out
    assert "2.行政事业类□   其中：采购类□   修缮类☑   奖励类□" in out
    assert "3.其他专项类☑" in out
    ascii = render_text(reference(), ascii=True)
    assert "新增项目[ ]    延续项目[x]" in ascii and "修缮类[x]" in ascii and "采购类[ ]" in ascii
    md = render_markdown(reference())
    assert "新增项目□ 延续项目☑" in md and "修缮类☑" in md and "3\\.其他专项类☑" not in md


def test_amounts_exact_and_right_aligned() -> None:
    draft = full()
    draft.expenses.lines[0].this_year = "二十万"
    for out in (render_text(draft), render_text(draft, ascii=True), render_markdown(draft)):
        assert "48.588" in out and "48.59 " not in out and "1000.50" in out and "二十万" in out
    row = next(line for line in grid(render_text(draft)) if "区级资金" in line)
    cell = row.split("│")[3]
    assert cell.endswith(" 48.588 ") and cell.strip() == "48.588"


def test_period_and_phones() -> None:
    out = render_text(reference())
    assert "│ 项目起止时间 │ 2021.01-2021.12" in out
    assert cell_texts(out, "项目负责人")[0] == "胡敏"
    assert out.count("联系电话") == 2 and "5720008" in out and "5720007" in out


def test_indicators_print_each_level_once_and_the_whole_skeleton() -> None:
    draft = reference()
    draft.performance.indicators.insert(
        1, Indicator(level1="产出指标", level2="数量指标", name="办件量", value="≥1万件")
    )
    out = render_text(draft)
    table = out[out.index("项目年度绩效指标") :]
    assert table.count("产出指标") == 1 and table.count("数量指标") == 1 and "办件量" in table
    empty = render_text(Declaration())
    for group in load_template("district-2021").indicator_groups:
        for category in group.categories:
            assert empty.count(category) == 1
    md = render_markdown(draft)
    assert md.count("| 产出指标 |") == 1 and "|  |  | 办件量 | ≥1万件 |" in md


def test_blank_skeleton_row_is_dropped_when_its_category_has_indicators() -> None:
    draft = reference()
    draft.performance.indicators.append(Indicator(level1="效益指标", level2="社会效益", name="", value=""))
    assert render_text(draft) == render_text(reference())


def test_data_outside_the_template_is_still_exported() -> None:
    draft = reference()
    draft.project.attribute = "其他属性"
    draft.project.types.append("信息化类")
    draft.funding.sources.append(FundingRow(source="其他资金", this_year="3"))
    draft.performance.indicators.append(Indicator(level1="满意度指标", level2="群众满意", name="回访", value="95%"))
    for out in (render_text(draft), render_markdown(draft)):
        for word in ("其他属性☑", "信息化类☑", "其他资金", "满意度指标", "群众满意", "回访", "95%"):
            assert word in out, word


def test_expense_and_schedule_lists_print_blank_rows_when_empty() -> None:
    out = render_text(new_declaration())
    start = out.index("支出明细预算")
    assert out[start:].split("单位已有的")[0].count("\n│ ") >= 4  # header, 合计 and two blank lines


# --- hostile text -------------------------------------------------------------


@pytest.mark.parametrize("style", ["text", "ascii", "md"])
def test_no_control_bidi_or_zero_width_character_reaches_the_output(style: str) -> None:
    out = render(hostile(), "md" if style == "md" else "text", ascii=style == "ascii", banner=HOSTILE)
    bad = [c for c in out if c != "\n" and unicodedata.category(c) in ("Cc", "Cf")]
    assert bad == []
    assert "red" in out and "evil" in out and "␛" in out and "␇" in out and "␀" in out


def test_markup_is_printed_literally() -> None:
    out = render_text(hostile())
    assert MARKUP in out
    md = render_markdown(hostile())
    assert "\\[bold\\]x\\[/\\]" in md and "\\[@click=app.quit\\]y\\[/\\]" in md


def test_tabs_become_spaces() -> None:
    out = render_text(hostile())
    assert "\t" not in out and "tab" in out


# --- markdown -----------------------------------------------------------------


def rendered_html(md: str) -> str:
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark").enable("table").render(md)


def test_markdown_structure() -> None:
    md = render_markdown(full())
    assert md.startswith("# 项目支出预算绩效目标申报表\n")
    headings = ["## 项目基本情况", "## 项目资金情况", "### 项目资金申请（万元）", "### 支出明细预算（万元）"]
    headings += ["## 项目年度实施进度计划", "## 项目年度绩效目标情况", "## 项目年度绩效指标", "## 财政部门审核意见"]
    for heading in headings:
        assert f"\n{heading}\n" in md
    assert "| 合 计 | 25 | 48.588 |" in md
    html = rendered_html(md)
    assert html.count("<table>") == 5  # 基本情况, 资金申请, 支出明细, 进度计划, 绩效指标


def test_markdown_escapes_user_text() -> None:
    draft = reference()
    draft.project.name = "**x** [a](b) <b>hi</b> `c` _u_ # h ~~s~~ a|b &amp;"
    draft.project.overview = "- not a list\n1. nor this\n+ nor\n# nor a heading"
    draft.implementation.measures = "- not a list\n\n    not code\n==="
    md = render_markdown(draft)
    assert "a\\|b" in md and "第一行" not in md
    assert "\\- not a list<br>1\\. nor this<br>\\+ nor<br>\\# nor a heading" in md
    html = rendered_html(md)
    assert "**x** [a](b) &lt;b&gt;hi&lt;/b&gt; `c` _u_ # h ~~s~~ a|b &amp;amp;" in html
    assert "<strong>" not in html.split("<h1>")[1] and "<a " not in html and "<code>" not in html
    assert "<li>" not in html and "<pre>" not in html and html.count("<h1>") == 1


def test_markdown_newlines_in_cells_become_br() -> None:
    draft = reference()
    draft.expenses.lines[0].basis = "第一行\n第二行"
    assert "| 第一行<br>第二行 |" in render_markdown(draft)


# --- banner and API -----------------------------------------------------------


def test_banner_comes_first() -> None:
    banner = "未通过检查：2 个错误（强制导出）"
    for ascii in (False, True):
        lines = render(full(), "text", ascii=ascii, banner=banner).splitlines()
        assert lines[0] == banner and set(lines[1]) == {"="} and lines[3].strip() == "项目支出预算绩效目标申报表"
    md = render(full(), "md", banner=banner)
    assert md.splitlines()[0] == f"> **{banner}**"
    assert render(full(), banner=None) == render_text(full())


def test_unknown_format_is_refused_in_chinese() -> None:
    assert FORMATS == ("text", "md", "docx", "xlsx", "indicators-xlsx", "indicators-csv", "yitihua")
    with pytest.raises(ValueError, match="不支持的导出格式"):
        render(full(), "pdf")  # type: ignore[arg-type]


def test_rendering_does_not_import_textual() -> None:
    code = "import sys\nimport forms.render.formats as r\nimport forms.model.declaration as m\n"
    code += "r.render(m.Declaration()); r.render(m.Declaration(), 'md');"
    # Of Rich, only the cell widths (forms.render.width): no console, no markup.
    code += (
        "rich = [m for m in sys.modules if m.split('.')[0] == 'rich' and not m.startswith(('rich.cells', 'rich._'))];"
    )
    code += "assert 'textual' not in sys.modules and rich in ([], ['rich']), sorted(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


@examples(60)
@given(
    st.text(st.characters(codec="utf-8", exclude_characters="|+│┼"), max_size=60),
    st.booleans(),
    st.integers(MIN_WIDTH, 100),
)
def test_any_text_in_any_field_keeps_the_form_aligned(text: str, ascii: bool, width: int) -> None:
    draft = reference()
    draft.year = draft.project.name = draft.expenses.lines[0].item = text
    draft.implementation.schedule[0].start = draft.sign_off.unit_head = text
    draft.performance.indicators.append(Indicator(level1=text, level2=text, name=text, value=text))
    out = render_text(draft, ascii=ascii, width=width)
    assert_aligned(out, ascii=ascii, width=width)
    assert not [c for c in out if c != "\n" and unicodedata.category(c) in ("Cc", "Cf")]
    lines = out.splitlines()
    after_grid = lines[len(lines) - lines[::-1].index(grid(out)[-1])]
    assert lines[1].strip().endswith("年度）") and after_grid.startswith("单位负责人：")


def test_a_draft_naming_an_unknown_template_renders_with_the_default_labels() -> None:
    draft = reference()
    draft.template = "no-such-template"
    assert "项目名称" in render_text(draft) and "项目名称" in render_markdown(draft)


# --- examples and golden files ------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_draft_exports(path: Path) -> None:
    draft = load_draft(path)
    for ascii in (False, True):
        out = render_text(draft, ascii=ascii)
        assert_aligned(out, ascii=ascii)
        assert draft.project.name.strip()[:4] in out
    md = render_markdown(draft)
    for word in labels(draft.form_template()):
        assert word in md


@pytest.mark.parametrize("ascii", [False, True], ids=["box", "ascii"])
def test_golden_text_export_of_the_reference_form(ascii: bool) -> None:
    golden = GOLDEN / f"reference-{'ascii' if ascii else 'box'}.txt"
    out = render_text(reference(), ascii=ascii)
    if os.environ.get("SHENBAO_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8"), "layout changed: see the module docstring to regenerate"
