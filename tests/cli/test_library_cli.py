"""``shenbao library``: what the library holds, a search, and the drafts' indicators saved into the unit's file."""

from __future__ import annotations

from pathlib import Path

import pytest

from forms.model.declaration import new_declaration
from forms.store.drafts import save_draft
from forms.workflows.library import UNIT_LIBRARY, unit_library
from tui.cli import main


def folder_with_drafts(folder: Path) -> Path:
    draft = new_declaration(year="2021")
    draft.project.name = "政务大厅租金"
    rows = draft.performance.indicators
    rows[0].name, rows[0].value = "进驻窗口单位", "14个"
    rows[1].name, rows[1].value = "窗口差错率\x1b[31m", "不高于1%"
    save_draft(draft, folder / "政务大厅租金.toml")
    return folder


def test_summary_and_search(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = folder_with_drafts(tmp_path)
    assert main(["library", "--drafts", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "内置 204 条" in out and "草稿中用过而未收录的 1 条" in out and f"{UNIT_LIBRARY} 0 条" in out
    assert main(["library", "差错", "--drafts", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "窗口差错率" in out and "≤1%" in out and "\x1b" not in out
    assert main(["library", "满意", "--level2", "服务对象满意度", "--drafts", str(folder)]) == 0
    assert all(line.startswith("服务对象满意度") for line in capsys.readouterr().out.splitlines())
    assert main(["library", "没有这种指标", "--drafts", str(folder)]) == 1


def test_save_appends_what_the_drafts_use_and_keeps_the_units_own_text(tmp_path: Path, capsys) -> None:
    folder = folder_with_drafts(tmp_path)
    own = (
        '# 我们自己的指标\n[[kinds]]\nkind = "本单位"\nindicators = [{ level1 = "产出指标", '
        'level2 = "数量指标", name = "进驻窗口单位", sign = "≥", value = "15", unit = "个" }]'
    )
    (folder / UNIT_LIBRARY).write_text(own, encoding="utf-8")
    assert main(["library", "--save", "--drafts", str(folder)]) == 0
    assert "已追加 1 条" in capsys.readouterr().out
    text = (folder / UNIT_LIBRARY).read_text(encoding="utf-8")
    assert text.startswith(own + "\n")
    names = [(e.name, e.typed_value, e.standard) for e in unit_library(folder)]
    assert names == [("进驻窗口单位", "≥15个", ""), ("窗口差错率\x1b[31m", "≤1%", "历史标准")]
    assert main(["library", "--save", "--drafts", str(folder)]) == 0
    assert "已包含" in capsys.readouterr().out
    assert (folder / UNIT_LIBRARY).read_text(encoding="utf-8") == text


def test_a_broken_unit_file_is_reported_and_never_replaced(tmp_path: Path, capsys) -> None:
    folder = folder_with_drafts(tmp_path)
    (folder / UNIT_LIBRARY).write_text("kinds = = 1\n", encoding="utf-8")
    assert main(["library", "--save", "--drafts", str(folder)]) == 2
    assert "第 1 行" in capsys.readouterr().err
    assert (folder / UNIT_LIBRARY).read_text(encoding="utf-8") == "kinds = = 1\n"
    assert main(["library", "--drafts", str(folder)]) == 2
