"""The summary of all projects: exact totals, the table in three formats, and the bar chart."""

import csv
import io
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from repo_paths import DRAFTS

from forms.checks.runner import check, errors, warnings
from forms.model.declaration import Declaration
from forms.render.chart import ASCII_BLOCKS, BLOCKS, bar_cells, bar_chart, truncate
from forms.render.summary import BOM, render_csv, render_markdown, render_text
from forms.render.width import cell_width
from forms.store.drafts import DraftError, draft_paths, load_draft, save_draft
from forms.workflows.rollover import rollover
from forms.workflows.summary import Summary, summarize, summarize_folder

EXAMPLES = DRAFTS
# 本年度申请资金 合计 of the seven reference forms, read off tests/data/2021-declaration-forms.txt.
THIS_YEAR = {
    "电子政务外网线路租赁": "25",
    "行政审批服务局软硬件运维费": "48.588",
    "政务大厅运行经费": "52",
    "政务大厅租金": "15",
    "大厅工作人员考核补助": "16.56",
    "优化营商环境经费": "13",
    "网络安全等级测评及设备": "30",
}
LAST_YEAR = {
    "电子政务外网线路租赁": "25",
    "行政审批服务局软硬件运维费": "40.98",
    "政务大厅运行经费": "56.8",
    "政务大厅租金": "15",
    "大厅工作人员考核补助": "12.64",
    "优化营商环境经费": "5",
    "网络安全等级测评及设备": "0",
}


@pytest.fixture(scope="module")
def summary() -> Summary:
    return summarize_folder(EXAMPLES)


def test_grand_totals_of_the_seven_examples_are_exact(summary: Summary) -> None:
    assert summary.total == Decimal("200.148")
    assert summary.last_total == Decimal("155.42")
    assert summary.total == sum((Decimal(v) for v in THIS_YEAR.values()), Decimal(0))
    assert summary.source_total("区级资金") == (Decimal("155.42"), Decimal("200.148"))
    assert summary.source_total("市级资金") == (None, None)


def test_a_row_per_project_with_its_money_by_source(summary: Summary) -> None:
    rows = {row.name: row for row in summary.rows}
    assert set(rows) == set(THIS_YEAR)
    for name, row in rows.items():
        assert row.total == Decimal(THIS_YEAR[name]) and row.last_total == Decimal(LAST_YEAR[name])
        assert row.sources["区级资金"] == (Decimal(LAST_YEAR[name]), Decimal(THIS_YEAR[name]))
        assert row.sources["省级资金"] == (None, None)
    assert summary.sources == ("市级资金", "省级资金", "中央资金", "区级资金")
    assert summary.used_sources() == ("区级资金",)


def test_finding_counts_are_the_checks(summary: Summary) -> None:
    drafts = [load_draft(p) for p in draft_paths(EXAMPLES)]
    assert summary.errors == sum(len(errors(check(d))) for d in drafts)
    assert summary.warnings == sum(len(warnings(check(d))) for d in drafts)
    assert all(row.warnings == len(warnings(check(d))) for row, d in zip(summary.rows, drafts, strict=True))


def test_year_filter_keeps_only_that_year_and_unreadable_files(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path, dirs_exist_ok=True)
    save_draft(rollover(load_draft(tmp_path / "政务大厅租金.toml")), tmp_path / "next.toml")
    (tmp_path / "broken.toml").write_text("schema = 1\nyear = \n", "utf-8")
    whole = summarize_folder(tmp_path)
    assert len(whole.projects) == 8 and len(whole.unreadable) == 1
    next_year = summarize_folder(tmp_path, year=2022)
    assert [row.file for row in next_year.rows] == ["broken.toml", "next.toml"]
    assert next_year.total == Decimal(15) and next_year.last_total == Decimal(15)
    assert summarize_folder(tmp_path, year=2021).total == Decimal("200.148")
    text = render_text(whole, width=None)
    assert "含多个年度（2021、2022），可用 --year 只汇总一年" in text
    assert "政务大厅租金（2022）" in text and "项目汇总（万元）" in text and "2021 年度项目汇总" not in text
    narrow = bar_chart(whole, width=50)
    assert any(line.startswith("政务大厅租金（2022）") for line in narrow)
    assert any(line.startswith("行政审批服…（2021）") for line in narrow)  # the year survives shortening


def test_unreadable_files_are_listed_and_counted_nowhere(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "政务大厅租金.toml", tmp_path)
    (tmp_path / "broken.toml").write_text("not toml at all", "utf-8")
    summary = summarize_folder(tmp_path)
    broken = summary.unreadable[0]
    assert broken.file == "broken.toml" and "TOML" in (broken.problem or "")
    assert summary.total == Decimal(15)
    text = render_text(summary)
    assert "1 个文件无法读取，未计入合计" in text and "broken.toml：无法读取" in text
    assert "broken.toml" in render_csv(summary)


def test_unreadable_amounts_are_reported(tmp_path: Path) -> None:
    draft = load_draft(EXAMPLES / "政务大厅租金.toml")
    draft.funding.sources[3].this_year = "15万"
    draft.funding.sources[0].this_year = "一万"
    summary = summarize([(tmp_path / "a.toml", draft)])
    assert summary.unreadable_amounts == 1
    assert "有 1 处金额无法识别" in render_text(summary)


def test_summarize_takes_errors_from_the_caller(tmp_path: Path) -> None:
    summary = summarize([(tmp_path / "x.toml", DraftError(tmp_path / "x.toml", "坏了", line=3))])
    assert summary.unreadable[0].problem == "第 3 行：坏了"
    assert summary.total == Decimal(0) and summary.projects == ()


def table_lines(text: str) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("项目名称"))
    end = next(i for i, line in enumerate(lines) if line.startswith("合计"))
    return [line for line in lines[start : end + 1] if not set(line) <= {"─", "-"}]


@pytest.mark.parametrize("ascii", [False, True])
def test_text_table_columns_line_up_by_display_width(summary: Summary, ascii: bool) -> None:
    text = render_text(summary, ascii=ascii, width=None)
    lines = table_lines(text)
    assert len(lines) == 1 + 7 + 1
    assert len({cell_width(line) for line in lines}) == 1  # every row ends at the same cell
    assert "200.148" in lines[-1] and "155.42" in lines[-1]
    assert "2021 年度项目汇总（万元）" in text
    for name in THIS_YEAR:
        assert name in text
    if ascii:
        assert "─" not in text and BLOCKS[0] not in text


def test_text_table_shortens_names_to_fit_the_width(summary: Summary) -> None:
    text = render_text(summary, width=64)
    lines = table_lines(text)
    assert all(cell_width(line) <= 64 for line in lines)
    assert any(line.startswith("行政审批服务局") and "…" in line for line in lines)


def test_hostile_project_names_are_cleaned_and_escaped(tmp_path: Path) -> None:
    draft = load_draft(EXAMPLES / "政务大厅租金.toml")
    draft.project.name = "\x1b[31m红\x1b[0m[x](javascript:1)|=1+2"
    summary = summarize([(tmp_path / "a.toml", draft)])
    assert "\x1b" not in render_text(summary)
    md = render_markdown(summary)
    assert "\\[x\\](javascript:1)\\|" in md and "\x1b" not in md
    row = next(csv.reader(io.StringIO(render_csv(summary).splitlines()[1])))
    assert row[2] == "红[x](javascript:1)|=1+2"
    draft.project.name = "=HYPERLINK(1)"
    row = list(csv.reader(io.StringIO(render_csv(summarize([(tmp_path / "a.toml", draft)])))))[1]
    assert row[2] == "'=HYPERLINK(1)"


def test_markdown_has_a_row_per_project_a_bold_total_and_the_chart(summary: Summary) -> None:
    md = render_markdown(summary)
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert len(rows) == 2 + 7 + 1
    assert rows[-1].startswith("| **合计** |") and "**200.148**" in rows[-1]
    assert "```text" in md and BLOCKS[0] in md


def test_csv_parses_back_to_the_same_totals(summary: Summary) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(summary))))
    assert len(rows) == 7
    assert sum(Decimal(r["本年度合计"]) for r in rows) == Decimal("200.148")
    assert sum(Decimal(r["区级资金上年度"]) for r in rows) == Decimal("155.42")
    assert {r["项目名称"]: r["本年度合计"] for r in rows} == THIS_YEAR
    assert rows[0]["市级资金本年度"] == "" and rows[0]["无法读取原因"] == ""


def test_csv_bom_only_when_asked(summary: Summary) -> None:
    assert render_csv(summary, bom=True).startswith(BOM + "文件,")
    assert render_csv(summary).startswith("文件,")


def test_bar_lengths_are_in_half_cells_scaled_to_the_largest() -> None:
    assert bar_cells(Decimal(50), Decimal(50), 40) == 80
    assert bar_cells(Decimal(25), Decimal(50), 40) == 40
    assert bar_cells(Decimal("0.001"), Decimal(50), 40) == 1  # a positive amount always shows
    assert bar_cells(Decimal(0), Decimal(50), 40) == 0


@pytest.mark.parametrize(("width", "ascii"), [(80, False), (60, True), (120, False)])
def test_chart_fits_the_width_and_the_largest_bar_fills_it(summary: Summary, width: int, ascii: bool) -> None:
    lines = bar_chart(summary, width=width, ascii=ascii)
    full, half = ASCII_BLOCKS if ascii else BLOCKS
    bars = lines[2:]
    assert len(bars) == 2 * 7
    assert all(cell_width(line) <= width for line in lines[1:])
    longest = max(bars, key=lambda line: line.count(full))
    assert "政务大厅运行经费" in bars[bars.index(longest) - 1] and longest.rstrip().endswith("56.8")
    # The bars start in one column, whatever the width of the names before them.
    starts = {cell_width(line[: line.index("年") + 1]) for line in bars}
    assert len(starts) == 1
    security = next(i for i, line in enumerate(bars) if line.startswith("网络安全"))
    assert full not in bars[security + 1] and half not in bars[security + 1]  # 上年度 was 0


def test_chart_of_nothing() -> None:
    assert bar_chart(Summary(rows=(), sources=())) == []


def test_truncate_by_display_width() -> None:
    assert truncate("行政审批服务局软硬件运维费", 10) == "行政审批…"
    assert truncate("行政审批服务局", 14) == "行政审批服务局"
    assert truncate("abc行政", 6, "...") == "abc..."


def test_summary_of_one_draft_object(tmp_path: Path) -> None:
    draft: Declaration = load_draft(EXAMPLES / "优化营商环境经费.toml")
    only = summarize([(tmp_path / "x.toml", draft)])
    assert only.total == Decimal(13) and only.rows[0].file == "x.toml"


def test_several_years_get_a_total_per_year_and_none_across_years(tmp_path: Path) -> None:
    # Issue 19: money of 2021 and 2022 is never added into one 合计, in the text, Markdown and CSV alike.
    shutil.copytree(EXAMPLES, tmp_path, dirs_exist_ok=True)
    save_draft(rollover(load_draft(tmp_path / "政务大厅租金.toml")), tmp_path / "next.toml")
    whole = summarize_folder(tmp_path)
    across = str(whole.total)  # 200.148 + 15: a sum no report may show
    assert across == "215.148"
    text = render_text(whole, width=None)
    totals = [line for line in text.splitlines() if line.startswith("合计")]
    assert [line.split()[:2] for line in totals] == [["合计", "2021"], ["合计", "2022"]]
    assert "200.148" in totals[0] and "15" in totals[1] and across not in text
    markdown = render_markdown(whole)
    assert "**合计 2021**" in markdown and "**合计 2022**" in markdown and across not in markdown
    assert across not in render_csv(whole)  # CSV has no total row at all
    single = render_text(summarize_folder(tmp_path, year=2021), width=None)
    assert [line.split()[0] for line in single.splitlines() if line.startswith("合计")] == ["合计"]
