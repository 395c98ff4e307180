"""Field-by-field changes between two versions' data, named in the form's words (no git needed)."""

from __future__ import annotations

import pytest

from forms.history.fields import changes


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ({"funding": {"total_this_year": "48.588"}}, {"funding": {"total_this_year": "50"}}, "本年度申请资金 合计"),
        (
            {"expenses": {"total_last_year": "1"}},
            {"expenses": {"total_last_year": "2"}},
            "支出明细 上年度安排资金 合计",
        ),
        (
            {"funding": {"sources": [{"source": "市级资金", "this_year": ""}]}},
            {"funding": {"sources": [{"source": "市级资金", "this_year": "30"}]}},
            "市级资金 本年度申请资金",
        ),
        (
            {"performance": {"indicators": [{"name": "满意度", "value": "90%"}]}},
            {"performance": {"indicators": [{"name": "满意度", "value": "95%"}]}},
            "绩效指标“满意度” 指标值",
        ),
        (
            {"expenses": {"lines": [{"item": ""}]}},
            {"expenses": {"lines": [{"item": "", "basis": "x"}]}},
            "支出明细第 1 行 测算依据及说明",
        ),
        ({"review": {"state": "returned"}}, {"review": {"state": "approved"}}, "审核状态"),
        ({"project": {"types": ["行政事业类"]}}, {"project": {"types": ["行政事业类", "其他"]}}, "项目类型"),
    ],
)
def test_a_changed_field_is_named_as_the_form_names_it(old: dict, new: dict, expected: str) -> None:
    assert [c.label for c in changes(old, new)] == [expected]


def test_states_are_words_and_the_review_record_is_not_repeated() -> None:
    step = {"action": "approved", "by": "审核员", "date": "2026-12-06 09:00", "opinion": ""}
    old = {"state": "draft", "review": {"state": "returned", "history": []}}
    new = {"state": "final", "review": {"state": "approved", "history": [step]}}
    assert [(c.label, c.old, c.new) for c in changes(old, new)] == [
        ("状态", "草稿", "定稿"),
        ("审核状态", "退回", "通过"),
    ]
    assert changes(new, new) == []
