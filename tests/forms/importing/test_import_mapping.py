"""Cells to fields on small hand-written forms: the edge cases of the mapping, one per test."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from property_settings import examples

from forms.importing.importer import import_text
from forms.model.declaration import Declaration
from forms.store.drafts import dumps, loads


def word(text: str) -> str:
    """Word's text layout written readably: → is the tab that starts a cell."""
    return text.replace("→", "\t")


def single(text: str) -> Declaration:
    forms = import_text(text, "t.txt")
    assert len(forms) == 1
    return forms[0].draft


def kept(draft: Declaration) -> list[tuple[int, str]]:
    assert draft.imported is not None
    return [(item.line, item.text) for item in draft.imported.leftovers]


INDICATOR_HEAD = "→\n→项目年度绩效指标\n→一级指标\n→二级指标\n→三级指标\n→指标值\n\n"


def test_multi_line_cell_with_unequal_counts_stays_whole_with_a_note() -> None:
    text = word(
        "→项目名称\n→甲\n\n" + INDICATOR_HEAD + "→\n→\n→产出\n指标\n→数量指标\n→培训场次\n\n培训人数\n→12场\n\n"
    )
    draft = single(text)
    [row] = draft.performance.indicators
    assert (row.level2, row.name, row.value) == ("数量指标", "培训场次\n\n培训人数", "12场")
    [(line, note)] = kept(draft)
    assert line == 16 and "条数不同" in note and "培训场次 培训人数 / 12场" in note


def test_numbered_items_are_split_and_their_numbers_dropped() -> None:
    text = word(
        "→项目名称\n→甲\n\n"
        + INDICATOR_HEAD
        + "→\n→\n→产出指标\n→数量指标\n→1.培训场次；\n2.培训人数。\n→1.12场\n2.300人\n\n"
    )
    rows = [(i.name, i.value) for i in single(text).performance.indicators]
    assert rows == [("培训场次", "12场"), ("培训人数", "300人")]


def test_unnumbered_values_keep_leading_digits() -> None:
    text = word("→项目名称\n→甲\n\n" + INDICATOR_HEAD + "→\n→\n→产出指标\n→数量指标\n→场次\n人数\n→12场\n3000人\n\n")
    assert [(i.name, i.value) for i in single(text).performance.indicators] == [("场次", "12场"), ("人数", "3000人")]


def test_a_second_value_for_a_filled_field_is_kept_not_overwritten() -> None:
    draft = single("项目名称：甲\n主管部门：区教育局\n主管部门：区财政局\n")
    assert draft.project.department == "区教育局"
    assert kept(draft) == [(3, "主管部门：区财政局")]


def test_unknown_ticked_box_and_two_attributes_are_kept() -> None:
    draft = single("项目名称：甲\n项目属性：新增项目☑ 延续项目☑\n项目类型：信息化类☑ 行政事业类☑ 其他类□\n")
    assert (draft.project.attribute, draft.project.types) == ("新增项目", ["行政事业类"])
    texts = [text for _, text in kept(draft)]
    assert "项目属性：延续项目☑（同时勾选了多项）" in texts
    assert "项目类型：信息化类☑（模板中没有此项）" in texts


def test_period_that_is_not_two_dates_is_kept_whole_in_start() -> None:
    forms = import_text("项目名称：甲\n项目起止时间：全年\n", "t.txt")
    draft = forms[0].draft
    assert (draft.project.start, draft.project.end) == ("全年", "")
    assert any("项目起止时间" in note for note in forms[0].notes)


def test_period_with_hyphenated_dates() -> None:
    draft = single("项目名称：甲\n项目起止时间：2021-03-2021-11\n")
    assert (draft.project.start, draft.project.end) == ("2021-03", "2021-11")


def test_forms_without_titles_are_cut_at_each_project_name() -> None:
    forms = import_text("（2021年度）\n项目名称：甲\n项目概况：一\n（2021年度）\n项目名称：乙\n项目概况：二\n", "t.txt")
    assert [(f.draft.project.name, f.draft.project.overview, f.first_line) for f in forms] == [
        ("甲", "一", 1),
        ("乙", "二", 4),
    ]


def test_text_that_is_no_form_gives_no_draft() -> None:
    assert import_text("会议纪要\n今天讨论了预算。\n", "t.txt") == []


def test_full_width_spaces_around_values_go_inner_text_stays() -> None:
    draft = single(word("→项目名称\n→\u3000电子　政务 \u3000\n\n→\n→项目概况\n→ 第一行 \n  第二行\u3000\n\n"))
    assert draft.project.name == "电子　政务"
    assert draft.project.overview == "第一行 \n  第二行"


def test_user_text_that_looks_like_markup_is_data() -> None:
    draft = single("项目名称：[@click=app.quit]x[/]\n项目概况：[b]粗[/b]\n")
    assert draft.project.name == "[@click=app.quit]x[/]"
    assert draft.project.overview == "[b]粗[/b]"


def test_funding_row_names_without_zijin_and_a_repeated_source() -> None:
    text = "项目名称：甲\n项目资金申请（万元）\n项目|上年度安排资金|本年度申请资金\n合计|1|2\n区级|1|2\n区级资金|9|9\n"
    draft = single(text)
    assert (draft.funding.sources[3].last_year, draft.funding.sources[3].this_year) == ("1", "2")
    assert kept(draft) == [(6, "区级资金 | 9 | 9")]


def test_indicator_row_whose_category_is_unknown_is_kept() -> None:
    text = "项目名称：甲\n一级指标|二级指标|三级指标|指标值\n产出指标|创新指标|专利|2项\n产出指标|数量指标|场次|3场\n"
    draft = single(text)
    assert [(i.level2, i.name) for i in draft.performance.indicators] == [("数量指标", "场次")]
    assert kept(draft) == [(3, "产出指标 | 创新指标 | 专利 | 2项")]


def test_indicators_are_put_in_template_order() -> None:
    text = "项目名称：甲\n一级指标|二级指标|三级指标|指标值\n效益指标|社会效益|受益|1万人\n产出指标|数量指标|场次|3场\n"
    assert [i.level2 for i in single(text).performance.indicators] == ["数量指标", "社会效益"]


def test_filled_finance_opinion_keeps_the_reviewers_text() -> None:
    draft = single(word("→项目名称\n→甲\n\n→财政部门\n审核意见\n→同意。\n（盖章）\n2021年3月1日\n\n"))
    assert draft.sign_off.finance_opinion == "同意。\n2021年3月1日"


def test_text_under_a_title_without_a_form_joins_a_neighbouring_form() -> None:
    text = "项目支出预算绩效目标申报表\n项目名称：甲\n项目支出预算绩效目标申报表\n（2021年度）\n此页空白\n"
    forms = import_text(text, "t.txt")
    assert [f.draft.project.name for f in forms] == ["甲"]
    assert kept(forms[0].draft) == [(5, "此页空白")]


PIECES = [
    "项目名称", "项目属性", "联系电话", "项目资金申请（万元）", "支出明细预算（万元）", "项目年度实施进度计划",
    "项目年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "合 计", "区级资金", "数量指标", "产出\n指标",
    "☑", "□", "1.", "12.5", "项目支出预算绩效目标申报表", "（2021 年度）", "单位负责人：", "第 1 页", "\u3000", " ",
    "\t", "\n", "\n\n", "|", "：", "[/]", "\x1b", "甲", "2021.01-2021.12",
]  # fmt: skip


@examples(150)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_any_text_imports_without_raising_and_round_trips(parts: list[str]) -> None:
    for form in import_text("".join(parts), "t.txt"):
        assert loads(dumps(form.draft)) == form.draft


def test_attribute_written_out_or_unreadable() -> None:
    assert single("项目名称：甲\n项目属性：延续项目\n").project.attribute == "延续项目"
    draft = single("项目名称：甲\n项目属性：续建\n")
    assert draft.project.attribute == ""
    assert kept(draft) == [(2, "项目属性：续建")]


def test_labels_run_into_their_values_without_a_separator() -> None:
    draft = single("项目名称电子政务外网线路租赁\n项目负责人胡敏联系电话5720008\n")
    assert (draft.project.name, draft.project.leader, draft.project.leader_phone) == (
        "电子政务外网线路租赁", "胡敏", "5720008",
    )  # fmt: skip


def test_row_cut_by_a_page_break_is_joined_and_the_page_number_kept() -> None:
    text = word(
        "→项目名称\n→甲\n\n" + INDICATOR_HEAD + "→\n→\n→产出指标\n→数量指标\n\n第 1 页 共 2 页\n\n→培训场次\n→12场\n\n"
    )
    draft = single(text)
    assert [(i.level2, i.name, i.value) for i in draft.performance.indicators] == [("数量指标", "培训场次", "12场")]
    assert kept(draft) == [(16, "第 1 页 共 2 页")]


def test_table_cells_that_start_like_labels_stay_data() -> None:
    text = word(
        "→项目名称\n→甲\n\n→\n→支出明细预算（万元）\n→项 目\n→上年度安排资金\n→本年度申请资金\n→测算依据及说明\n\n"
        "→\n→\n→电话费\n→1\n→1\n→\n\n→\n→\n→项目概况编制费\n→2\n→2\n→\n\n→\n→\n→保障措施宣传\n→3\n→3\n→\n\n"
    )
    draft = single(text)
    assert [line.item for line in draft.expenses.lines] == ["电话费", "项目概况编制费", "保障措施宣传"]
    assert draft.project.overview == "" and kept(draft) == []
