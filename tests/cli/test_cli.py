"""The command line: list, validate and export, their output and exit statuses."""

from pathlib import Path

import pytest

from forms.model.declaration import Declaration, ExpenseLine, Indicator, ScheduleRow, new_declaration
from forms.store.drafts import load_draft, save_draft
from tui.cli import main


def complete_draft(name: str = "电子政务外网线路租赁") -> Declaration:
    """A draft a finance reviewer has no error to report on."""
    draft = new_declaration(year="2021")
    draft.unit = "区行政审批服务局"
    p = draft.project
    p.name, p.attribute, p.department = name, "延续项目", "区行政审批服务局"
    p.start, p.end = "2021.01", "2021.12"
    p.leader, p.leader_phone, p.liaison, p.liaison_phone = "胡敏", "5720008", "田静", "5720007"
    p.types = ["其他专项类"]
    p.overview = p.basis = "电子政务外网线路租赁"
    draft.funding.total_last_year = draft.funding.total_this_year = "25"
    draft.funding.sources[3].last_year = draft.funding.sources[3].this_year = "25"
    draft.expenses.total_last_year = draft.expenses.total_this_year = "25"
    draft.expenses.lines = [
        ExpenseLine(item="1.维修（护）费", last_year="8", this_year="8"),
        ExpenseLine(item="2.租赁费", last_year="17", this_year="17"),
    ]
    draft.implementation.measures = "合同"
    draft.implementation.schedule = [ScheduleRow(task="线路租赁及维修", start="2021.01", end="2021.12")]
    draft.performance.long_term_goal = "政务外网网速"
    draft.performance.annual_goal = "100兆"
    values = ["14个", "90%", "年底前", "25万元", "14个窗口", "40名", "3个", "1年", "90%"]
    names = [
        "进驻窗口单位",
        "服务满意率",
        "全覆盖",
        "控制在预算内",
        "节约费用",
        "增加人员",
        "优化流程",
        "减少跑腿",
        "满意度",
    ]
    draft.performance.indicators = [
        Indicator(level1=i.level1, level2=i.level2, name=n, value=v)
        for i, n, v in zip(draft.performance.indicators, names, values, strict=True)
    ]
    return draft


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    save_draft(complete_draft(), drafts / "good.toml")
    return drafts


def with_error(folder: Path) -> Path:
    draft = complete_draft("合计不符")
    draft.funding.total_this_year = "30"
    path = folder / "bad-total.toml"
    save_draft(draft, path)
    return path


def test_complete_draft_validates_clean(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "good.toml：" in out
    assert "错误" not in out


def test_validate_exits_1_on_errors_and_names_the_numbers(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = with_error(folder)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "错误" in out and "30" in out and "25" in out
    assert "[funding.total_this_year]" in out


def test_validate_exits_2_on_an_unreadable_file(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with_error(folder)
    broken = folder / "broken.toml"
    broken.write_text("schema = 1\n[project\n", "utf-8")
    assert main(["validate", "--drafts", str(folder)]) == 2
    out = capsys.readouterr().out
    assert "broken.toml：无法读取" in out and "第 2 行" in out
    assert "bad-total.toml" in out  # the other drafts are still reported
    assert broken.read_text("utf-8") == "schema = 1\n[project\n"


def test_validate_uses_the_drafts_folder_by_default(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SHENBAO_DRAFTS", str(folder))
    assert main(["validate"]) == 0
    assert "good.toml" in capsys.readouterr().out


def test_validate_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.toml")]) == 2
    assert "找不到" in capsys.readouterr().err


def test_list_shows_a_row_per_draft(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with_error(folder)
    (folder / "broken.toml").write_text("not toml at all", "utf-8")
    assert main(["list", "--drafts", str(folder)]) == 2  # a file could not be read (README's exit statuses)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["文件", "年度", "项目名称", "本年度申请合计", "状态"]
    by_file = {line.split()[0]: line for line in lines[1:]}
    assert "电子政务外网线路租赁" in by_file["good.toml"] and "25" in by_file["good.toml"]
    assert "错误" in by_file["bad-total.toml"]
    assert "无法读取" in by_file["broken.toml"]


def test_list_keeps_columns_aligned_with_chinese(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from forms.render.width import cell_width

    save_draft(complete_draft("短"), folder / "a.toml")
    main(["list", "--drafts", str(folder)])
    lines = capsys.readouterr().out.splitlines()
    starts = {cell_width(line[: line.index("2021")]) for line in lines[1:]}
    assert len(starts) == 1


def test_list_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--drafts", str(tmp_path / "none")]) == 2
    assert "不存在" in capsys.readouterr().err


def test_export_text_to_stdout(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(folder / "good.toml")]) == 0
    out = capsys.readouterr().out
    assert "项目支出预算绩效目标申报表" in out and "电子政务外网线路租赁" in out


def test_export_by_name_from_the_drafts_folder(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "good", "--drafts", str(folder), "--format", "md"]) == 0
    assert capsys.readouterr().out.startswith("#")


def test_export_refuses_errors_unless_forced(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = with_error(folder)
    out_file = tmp_path / "out.txt"
    assert main(["export", str(path), "-o", str(out_file)]) == 1
    err = capsys.readouterr().err
    assert "未导出" in err and "--force" in err
    assert not out_file.exists()
    assert main(["export", str(path), "-o", str(out_file), "--force"]) == 0
    text = out_file.read_text("utf-8")
    assert "未通过检查" in text.splitlines()[0]


def test_export_ascii_has_no_box_drawing(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(folder / "good.toml"), "--ascii"]) == 0
    out = capsys.readouterr().out
    assert not any("\u2500" <= ch <= "\u257f" for ch in out)
    assert "☑" not in out and "□" not in out


def test_export_unreadable_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.toml"
    path.write_text("schema = 7\n", "utf-8")
    assert main(["export", str(path)]) == 2
    assert "较新版本" in capsys.readouterr().err


def test_user_text_cannot_drive_the_terminal(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = load_draft(folder / "good.toml")
    draft.project.name = "evil\x1b]0;pwned\x07\x1b[2J"
    save_draft(draft, folder / "good.toml")
    main(["list", "--drafts", str(folder)])
    main(["export", str(folder / "good.toml")])
    assert "\x1b" not in capsys.readouterr().out


def test_help_is_in_chinese_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    for command in ("list", "validate", "export"):
        assert command in out
    # argparse's own words too: no English left for an operator to puzzle over.
    assert out.startswith("用法：shenbao") and "选项" in out and "显示本帮助并退出" in out
    for english in ("usage", "options", "show this help", "positional arguments"):
        assert english not in out


def test_bad_arguments_exit_2_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["export"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "shenbao export：错误：缺少必需的参数：PATH" in err and "required" not in err


def test_unknown_options_are_named_in_chinese_and_argparse_is_english_again_after(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import argparse

    with pytest.raises(SystemExit) as caught:
        main(["list", "--bogus"])
    assert caught.value.code == 2
    assert "错误：无法识别的参数：--bogus" in capsys.readouterr().err
    # Only shenbao's own parsing is in Chinese: other argparse users in the process are untouched.
    other = argparse.ArgumentParser(prog="other")
    with pytest.raises(SystemExit):
        other.parse_args(["--bogus"])
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err
