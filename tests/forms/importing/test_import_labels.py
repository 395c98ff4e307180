"""Labels are matched whole: a label that merely starts with a known one is split properly or not mapped."""

from __future__ import annotations

import pytest

from forms.importing.importer import import_text
from forms.importing.labels import Labels
from forms.model.template import load_template

LABELS = Labels(load_template("district-2021"))


@pytest.mark.parametrize(
    "text",
    ["主管部门审核意见", "主管部门审核意见同意申报", "年度目标值", "年度绩效目标(90分)", "项目负责人签字"],
)
def test_a_longer_label_is_not_a_label_and_a_value(text: str) -> None:
    assert LABELS.split(text) == [(None, text)]


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("项目负责人及电话王芳13800000000", [("leader_contact", "项目负责人及电话"), (None, "王芳13800000000")]),
        ("主管部门区民政局项目起止时间2021.01-2021.12", [
            ("department", "主管部门"), (None, "区民政局"), ("period", "项目起止时间"), (None, "2021.01-2021.12"),
        ]),
        ("项目基本情况项目名称村庄清洁", [("basic", "项目基本情况"), ("name", "项目名称"), (None, "村庄清洁")]),
        ("财政部门审核意见（盖章）", [("finance_opinion", "财政部门审核意见"), (None, "（盖章）")]),
    ],
)  # fmt: skip
def test_run_together_text_is_cut_at_whole_labels(text: str, pieces: list[tuple[str | None, str]]) -> None:
    assert LABELS.split(text) == pieces


def test_person_and_phone_in_one_cell_fill_both_fields() -> None:
    text = "项目支出预算绩效目标申报表\n项目名称：甲\n项目负责人及电话：王芳 13800000000\n主管部门审核意见：同意\n"
    [form] = import_text(text, "a.txt")
    project = form.draft.project
    assert (project.leader, project.leader_phone, project.department) == ("王芳", "13800000000", "")
    assert form.draft.imported is not None
    assert [item.text for item in form.draft.imported.leftovers] == ["主管部门审核意见：同意"]
