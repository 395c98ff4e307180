"""A bureau folder of three units × two years: exact subtotals, last year matched by name, the cross-unit checks."""

from decimal import Decimal
from pathlib import Path

import pytest
from bureau_support import EXPECTED, GRAND, RISEN, make_bureau

from forms.model.declaration import ExpenseLine, Indicator
from forms.render.bureau import check_lines, render_bureau_csv, render_bureau_text
from forms.render.width import cell_width
from forms.store.drafts import load_draft, save_draft
from forms.workflows.bureau_checks import copied_sets, indicator_set, rises_without_basis
from forms.workflows.bureau_folder import is_bureau, unit_folders
from forms.workflows.bureau_summary import BureauSummary, summarize_bureau


@pytest.fixture(scope="module")
def bureau(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_bureau(tmp_path_factory.mktemp("bureau"))


@pytest.fixture(scope="module")
def summary(bureau: Path) -> BureauSummary:
    return summarize_bureau(bureau)


def test_units_are_the_subfolders_with_a_profile(bureau: Path, tmp_path: Path) -> None:
    assert [p.name for p in unit_folders(bureau)] == ["bing", "jia", "yi"]
    assert is_bureau(bureau) and not is_bureau(tmp_path)
    (tmp_path / "exports").mkdir()  # a folder without a profile is not a unit
    assert not is_bureau(tmp_path)


def test_latest_year_is_summed_by_unit_with_exact_subtotals(summary: BureauSummary) -> None:
    assert summary.year == 2022
    got = {part.unit: (part.total, part.previous, part.compared) for part in summary.units}
    assert got == EXPECTED
    assert (summary.total, summary.previous, summary.compared) == GRAND
    assert all(isinstance(value, Decimal) for value in GRAND)


def test_previous_year_is_the_same_projects_draft_matched_by_name(summary: BureauSummary) -> None:
    rows = {(row.unit, row.name): row for row in summary.rows}
    rent = rows[("甲局", "政务大厅租金")]
    assert (rent.previous, rent.total, rent.change) == (Decimal("10"), Decimal("15"), Decimal("5"))
    assert rent.previous_file == "jia/政务大厅租金-2021.toml"
    new = rows[("乙局", "[bold]设备购置[/]")]
    assert new.previous is None and new.change is None


def test_an_earlier_year_has_no_previous_drafts(bureau: Path) -> None:
    earlier = summarize_bureau(bureau, year=2021)
    assert earlier.total == Decimal("89.333")
    assert earlier.previous == Decimal(0)


def test_checks_find_the_copied_set_and_the_rises_without_basis(summary: BureauSummary) -> None:
    copied = copied_sets(summary)
    assert [[(d.unit, d.name) for d in found.drafts] for found in copied] == [
        [("甲局", "软硬件运维费"), ("乙局", "政策宣传费")]
    ]
    assert copied[0].units == ("甲局", "乙局")
    rises = rises_without_basis(summary)
    assert {(r.draft.unit, r.draft.name) for r in rises} == RISEN
    assert all(r.from_draft for r in rises)
    # 40 % rises are named at 30 %, not at 45 %; the +50 % with a 测算依据 never is.
    assert {r.draft.name for r in rises_without_basis(summary, Decimal("0.45"))} == {"政务大厅租金"}
    assert rises_without_basis(summary, Decimal("0.6")) == []


def test_a_basis_on_one_line_counts_and_last_years_declared_amount_is_the_fallback(tmp_path: Path) -> None:
    folder = make_bureau(tmp_path / "b")
    rent = folder / "jia" / "政务大厅租金-2022.toml"
    draft = load_draft(rent)
    draft.expenses.lines = [ExpenseLine(item="租赁费", this_year="15", basis="每平方米 2 元")]
    save_draft(draft, rent)
    (folder / "bing" / "资料印刷费-2021.toml").unlink()  # no draft of last year: the declared 上年度 5.5 is used
    rises = rises_without_basis(summarize_bureau(folder))
    assert [(r.draft.name, r.from_draft, r.before) for r in rises] == [("资料印刷费", False, Decimal("5.5"))]


def test_sets_differing_in_one_value_or_too_small_are_not_copies(tmp_path: Path) -> None:
    folder = make_bureau(tmp_path / "b")
    path = folder / "yi" / "政策宣传费-2022.toml"
    draft = load_draft(path)
    draft.performance.indicators[0].value = "≥95%"
    save_draft(draft, path)
    assert copied_sets(summarize_bureau(folder)) == []
    small = [Indicator(name="满意度", value="90%")]
    draft.performance.indicators = small
    assert indicator_set(draft) == (("满意度", "90%"),)


def test_text_table_fits_80_cells_keeps_user_text_literal_and_lists_the_checks(summary: BureauSummary) -> None:
    checks = check_lines(copied_sets(summary), rises_without_basis(summary), Decimal("0.2"))
    text = render_bureau_text(summary, checks, width=80)
    table = text.split("\n\n")[1].splitlines()
    assert max(cell_width(line) for line in table) <= 80
    assert "[bold]设备购置[/]" in text and "新项目" in text
    assert "甲局（3 个项目）" in text and "合计（3 个单位，8 个项目）" in text
    assert "154.333" in text and "89.333" in text
    assert "增幅超过 20% 且未填测算依据：甲局·政务大厅租金 10 → 15（+50.0%，比上年草稿）" in text
    assert "指标完全相同（跨单位，3 项三级指标）：甲局·软硬件运维费、乙局·政策宣传费" in text


def test_csv_has_a_row_per_project_and_no_totals(summary: BureauSummary) -> None:
    lines = render_bureau_csv(summary).splitlines()
    assert lines[0].startswith("单位,文件,项目名称")
    assert len(lines) == 1 + 8
    assert any(line.startswith("乙局,yi/[bold]设备购置[_]-2022.toml,[bold]设备购置[/],2022,,40,,,,") for line in lines)


def test_an_unreadable_file_is_listed_and_counts_toward_nothing(tmp_path: Path) -> None:
    folder = make_bureau(tmp_path / "b")
    (folder / "yi" / "坏文件.toml").write_text("schema = 1\nyear = [\n", encoding="utf-8")
    summary = summarize_bureau(folder)
    assert [(d.unit, d.file) for d in summary.unreadable] == [("乙局", "yi/坏文件.toml")]
    assert (summary.total, summary.previous) == GRAND[:2]
    text = render_bureau_text(summary, [], width=80)
    assert "yi/坏文件.toml：无法读取：" in text and "（未计入合计）" in text


def test_review_states_show_in_the_review_column(tmp_path: Path) -> None:
    from forms.workflows.bureau_summary import RESUBMITTED
    from forms.workflows.review_file import review_file

    folder = make_bureau(tmp_path / "b")
    review_file(folder / "jia" / "政务大厅租金-2022.toml", "returned", opinion="请补充", by="李审核")
    printing = folder / "bing" / "资料印刷费-2022.toml"
    review_file(printing, "returned", opinion="请补充", by="李审核")
    draft = load_draft(printing)
    draft.state = "final"  # fixed and made 定稿 again by the unit
    save_draft(draft, printing)
    review_file(folder / "yi" / "干部培训费-2022.toml", "approved", by="李审核", force=True)
    rows = {row.name: row.review for row in summarize_bureau(folder).rows}
    assert rows["政务大厅租金"] == "returned" and rows["资料印刷费"] == RESUBMITTED and rows["干部培训费"] == "approved"
    text = render_bureau_text(summarize_bureau(folder), [], width=80)
    marks = {line.split()[0]: line.split()[-2] for line in text.splitlines() if line.startswith("  ")}
    assert (marks["政务大厅租金"], marks["资料印刷费"], marks["干部培训费"]) == ("退回", "复审", "通过")
