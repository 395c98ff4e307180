"""The issue-7 subcommands: rollover, duplicate, summary, show and profile; output, files and exit statuses."""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from repo_paths import DRAFTS

from forms.checks.field_names import describe
from forms.checks.runner import check, status_text
from forms.render.formats import render
from forms.store.drafts import draft_paths, load_draft
from forms.workflows.profile import PROFILE_FILE, load_profile
from tui.cli import main

EXAMPLES = DRAFTS


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    drafts = tmp_path / "drafts"
    shutil.copytree(EXAMPLES, drafts)
    return drafts


def fingerprints(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


# rollover


def test_rollover_one_draft_writes_a_new_file_and_touches_no_other(folder: Path, capsys: pytest.CaptureFixture) -> None:
    before = fingerprints(folder)
    assert main(["rollover", "--drafts", str(folder), "行政审批服务局软硬件运维费.toml"]) == 0
    after = fingerprints(folder)
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) - set(before) == {"行政审批服务局软硬件运维费-2022.toml"}
    new = load_draft(folder / "行政审批服务局软硬件运维费-2022.toml")
    assert (new.year, new.funding.sources[3].last_year, new.funding.total_last_year) == ("2022", "48.588", "48.588")
    out = capsys.readouterr().out
    assert "已结转：行政审批服务局软硬件运维费.toml → 行政审批服务局软硬件运维费-2022.toml" in out


def test_rollover_by_project_name_and_by_path(folder: Path) -> None:
    assert main(["rollover", "--drafts", str(folder), "政务大厅租金", str(folder / "优化营商环境经费.toml")]) == 0
    assert (folder / "政务大厅租金-2022.toml").exists() and (folder / "优化营商环境经费-2022.toml").exists()


def test_rollover_a_year_then_again_refuses_then_force(folder: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["rollover", "--drafts", str(folder), "--year", "2021"]) == 0
    assert len(draft_paths(folder)) == 14
    capsys.readouterr()
    before = fingerprints(folder)
    assert main(["rollover", "--drafts", str(folder), "--year", "2021年"]) == 1
    assert fingerprints(folder) == before
    assert "已有 2022 年度的草稿 政务大厅租金-2022.toml" in capsys.readouterr().err
    assert main(["rollover", "--drafts", str(folder), "--force", "政务大厅租金.toml"]) == 0
    assert (folder / "政务大厅租金-2022-2.toml").exists()
    assert fingerprints(folder)["政务大厅租金-2022.toml"] == before["政务大厅租金-2022.toml"]


def test_rolled_over_drafts_can_roll_over_again(folder: Path) -> None:
    assert main(["rollover", "--drafts", str(folder), "--year", "2021"]) == 0
    assert main(["rollover", "--drafts", str(folder), "--year", "2022"]) == 0
    assert load_draft(folder / "政务大厅运行经费-2023.toml").funding.total_last_year == "52"


def test_rollover_dry_run_writes_nothing(folder: Path, capsys: pytest.CaptureFixture) -> None:
    before = fingerprints(folder)
    assert main(["rollover", "--drafts", str(folder), "--year", "2021", "--dry-run"]) == 0
    assert fingerprints(folder) == before
    assert capsys.readouterr().out.count("将结转：") == 7


def test_rollover_reports_unreadable_and_yearless_drafts_and_carries_the_rest(
    folder: Path, capsys: pytest.CaptureFixture
) -> None:
    (folder / "broken.toml").write_text("schema = 1\nyear = [\n", "utf-8")
    text = (folder / "政务大厅租金.toml").read_text("utf-8").replace('year = "2021"', 'year = ""')
    (folder / "政务大厅租金.toml").write_text(text, "utf-8")
    assert main(["rollover", "--drafts", str(folder), "broken", "政务大厅租金.toml", "优化营商环境经费"]) == 2
    err = capsys.readouterr().err
    assert "broken.toml" in err and "政务大厅租金.toml：无法结转：年度未填写" in err
    assert (folder / "优化营商环境经费-2022.toml").exists()
    assert not (folder / "broken-2022.toml").exists()


@pytest.mark.parametrize("argv", [[], ["政务大厅租金", "--year", "2021"]])
def test_rollover_needs_drafts_or_a_year_not_both(folder: Path, argv: list[str], capsys: pytest.CaptureFixture) -> None:
    assert main(["rollover", "--drafts", str(folder), *argv]) == 2
    assert "二者选一" in capsys.readouterr().err


def test_rollover_of_a_year_without_drafts(folder: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["rollover", "--drafts", str(folder), "--year", "2030"]) == 2
    assert "没有 2030 年度的草稿" in capsys.readouterr().out


def test_rollover_names_prose_that_still_mentions_last_year(folder: Path, capsys: pytest.CaptureFixture) -> None:
    path = folder / "优化营商环境经费.toml"
    path.write_text(path.read_text("utf-8").replace('annual_goal = "一个单位"', 'annual_goal = "2021年底前"'), "utf-8")
    assert main(["rollover", "--drafts", str(folder), "优化营商环境经费.toml"]) == 0
    assert "请核对仍写着 2021 的栏目：本年度绩效目标" in capsys.readouterr().out


def test_a_year_that_is_not_one_is_refused_by_argparse(folder: Path, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["rollover", "--drafts", str(folder), "--year", "明年"])
    assert caught.value.code == 2
    assert "不是有效的年度" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("project.overview", "项目概况"),
        ("performance.annual_goal", "本年度绩效目标"),
        ("performance.indicators.2.value", "绩效指标第 3 行指标值"),
        ("performance.indicators.0.name", "绩效指标第 1 行三级指标"),
        ("expenses.lines.4.basis", "支出明细第 5 行测算依据及说明"),
        ("implementation.schedule.0.task", "进度计划第 1 行项目实施内容"),
        ("unit", "填报单位"),
    ],
)
def test_field_paths_are_described_in_the_forms_words(path: str, words: str) -> None:
    assert describe(path, load_draft(EXAMPLES / "政务大厅租金.toml")) == words


# duplicate


def test_duplicate_copies_as_a_new_draft(folder: Path, capsys: pytest.CaptureFixture) -> None:
    before = fingerprints(folder)
    assert main(["duplicate", "--drafts", str(folder), "政务大厅租金"]) == 0
    copy = load_draft(folder / "政务大厅租金（副本）.toml")
    assert copy.project.name == "政务大厅租金（副本）" and copy.imported is None
    assert main(["duplicate", "--drafts", str(folder), "政务大厅租金.toml", "--name", "二号大厅租金"]) == 0
    assert load_draft(folder / "二号大厅租金.toml").funding.total_this_year == "15"
    assert {k: v for k, v in fingerprints(folder).items() if k in before} == before
    assert main(["duplicate", "--drafts", str(folder), "没有这个"]) == 2
    assert "找不到草稿 “没有这个”" in capsys.readouterr().err


def test_duplicate_shows_escape_sequences_in_a_file_name_harmlessly(
    folder: Path, capsys: pytest.CaptureFixture
) -> None:
    hostile = folder / "\x1b]0;owned\x07租金\x1b[2J.toml"
    (folder / "政务大厅租金.toml").rename(hostile)
    capsys.readouterr()
    assert main(["duplicate", "--drafts", str(folder), str(hostile), "--name", "\x1b[31m红\x07"]) == 0
    out, err = capsys.readouterr()
    assert "已复制" in out and not any(c in out + err for c in "\x1b\x07")


# summary


def test_summary_text(folder: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["summary", "--drafts", str(folder), "--width", "80"]) == 0
    out = capsys.readouterr().out
    assert "2021 年度项目汇总（万元）" in out
    assert "200.148" in out and "155.42" in out and "本年度申请与上年度安排对比" in out


def test_summary_csv_with_bom_to_a_file(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "汇总.csv"
    assert main(["summary", "--drafts", str(folder), "--format", "csv", "--bom", "-o", str(target)]) == 0
    data = target.read_bytes()
    assert data.startswith("\ufeff文件,".encode()) and data.count(b"\r\n") == 8


def test_summary_md_for_a_year(folder: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["summary", "--drafts", str(folder), "--format", "md", "--year", "2021"]) == 0
    assert "| **合计** |" in capsys.readouterr().out
    assert main(["summary", "--drafts", str(folder), "--year", "2022"]) == 0
    assert "没有 2022 年度的草稿" in capsys.readouterr().out


def test_summary_of_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["summary", "--drafts", str(tmp_path / "nowhere")]) == 2
    assert "草稿文件夹不存在" in capsys.readouterr().err


# show


def test_show_prints_the_rendered_form_when_not_a_terminal(folder: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["show", "--drafts", str(folder), "优化营商环境经费"]) == 0
    draft = load_draft(folder / "优化营商环境经费.toml")
    banner = f"检查结果：{status_text(check(draft))}（详见 shenbao validate）"
    assert capsys.readouterr().out == render(draft, "text", banner=banner)


def test_show_markdown_ascii_and_by_path(folder: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["show", str(folder / "政务大厅租金.toml"), "--format", "md"]) == 0
    assert "政务大厅租金" in capsys.readouterr().out
    assert main(["show", "--drafts", str(folder), "政务大厅租金.toml", "--ascii"]) == 0
    assert "┌" not in capsys.readouterr().out


def test_show_pages_through_pager_on_a_terminal(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    paged = tmp_path / "paged.txt"
    script = f"import sys; open({str(paged)!r}, 'wb').write(sys.stdin.buffer.read())"
    monkeypatch.setenv("PAGER", f"{sys.executable} -c {script!r}")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["show", "--drafts", str(folder), "电子政务外网线路租赁"]) == 0
    assert capsys.readouterr().out == ""
    text = paged.read_text("utf-8")
    assert "电子政务外网线路租赁" in text and "项目支出预算绩效目标申报表" in text
    assert main(["show", "--drafts", str(folder), "电子政务外网线路租赁", "--no-pager"]) == 0
    assert capsys.readouterr().out == text


@pytest.mark.parametrize("pager", ["", "cat", "/nonexistent/pager", "'unbalanced"])
def test_show_falls_back_to_printing(
    pager: str, folder: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGER", pager)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["show", "--drafts", str(folder), "政务大厅租金"]) == 0
    assert "政务大厅租金" in capsys.readouterr().out


def test_show_unknown_ambiguous_and_unreadable(folder: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["show", "--drafts", str(folder), "无此项目"]) == 2
    assert "找不到草稿 “无此项目”" in capsys.readouterr().err
    assert main(["rollover", "--drafts", str(folder), "政务大厅租金.toml"]) == 0
    capsys.readouterr()
    assert main(["show", "--drafts", str(folder), "政务大厅租金"]) == 0  # the file name wins
    shutil.move(folder / "政务大厅租金.toml", folder / "a.toml")
    assert main(["show", "--drafts", str(folder), "政务大厅租金"]) == 2
    assert "有 2 份草稿的项目名称是 “政务大厅租金”" in capsys.readouterr().err
    (folder / "bad.toml").write_text("schema = 1\nyear = 2021\n", "utf-8")
    assert main(["show", "--drafts", str(folder), "bad"]) == 2
    assert "bad.toml" in capsys.readouterr().err


# profile


def test_profile_show_and_set(folder: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["profile", "--drafts", str(folder)]) == 0
    assert "填报单位            （未填）" in capsys.readouterr().out
    argv = ["profile", "--drafts", str(folder), "--set", "填报单位=区行政审批服务局", "--set", "year=2022"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "已保存单位信息" in out and "区行政审批服务局" in out
    profile = load_profile(folder)
    assert (profile.unit, profile.year) == ("区行政审批服务局", "2022")
    assert main(["profile", "--drafts", str(folder), "--set", "year="]) == 0
    assert load_profile(folder).year == "" and load_profile(folder).unit == "区行政审批服务局"
    assert len(draft_paths(folder)) == 7


def test_profile_refuses_bad_values_and_unknown_keys(folder: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["profile", "--drafts", str(folder), "--set", "年度=明年"]) == 1
    assert "不是有效的年度" in capsys.readouterr().err
    assert not (folder / PROFILE_FILE).exists()
    assert main(["profile", "--drafts", str(folder), "--set", "单位=x"]) == 2
    assert "无法识别 “单位=x”" in capsys.readouterr().err
    assert main(["profile", "--drafts", str(folder), "--set", "leader_phone=abc"]) == 0  # a warning only
    assert "不像是电话号码" in capsys.readouterr().err


def test_profile_never_overwrites_a_bad_file(folder: Path, capsys: pytest.CaptureFixture) -> None:
    path = folder / PROFILE_FILE
    path.write_text("unit = 5\n", "utf-8")
    assert main(["profile", "--drafts", str(folder), "--set", "unit=x"]) == 2
    assert path.read_text("utf-8") == "unit = 5\n"
    assert "第 1 行：栏目 “unit” 应为文字" in capsys.readouterr().err


# hygiene


def test_issue7_subcommands_do_not_import_textual(folder: Path) -> None:
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"for argv in (['summary'], ['show', '政务大厅租金'], ['rollover', '--year', '2021', '-n'], ['profile']):\n"
        f"    main([*argv, '--drafts', {str(folder)!r}])\n"
        "import forms.workflows.suggestions, forms.workflows.profile, forms.workflows.rollover, forms.render.summary\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.stdout.strip().endswith("CLEAN"), result.stdout + result.stderr
