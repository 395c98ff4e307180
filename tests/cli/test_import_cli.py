"""``shenbao import``: the report, never overwriting a draft, --replace, --dry-run and exit statuses."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from repo_paths import REPO

from forms.store.drafts import draft_paths, dumps, load_draft
from tui.cli import main

ROOT = REPO
REFERENCE = ROOT / "tests" / "data" / "2021-declaration-forms.txt"
DATA = ROOT / "tests" / "data" / "import"
NAMES = {
    "电子政务外网线路租赁", "行政审批服务局软硬件运维费", "政务大厅运行经费", "政务大厅租金",
    "大厅工作人员考核补助", "优化营商环境经费", "网络安全等级测评及设备",
}  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["import", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_reference_gives_seven_drafts_and_a_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, str(REFERENCE), "--drafts", str(tmp_path))
    assert (status, err) == (0, "")
    assert {p.stem for p in draft_paths(tmp_path)} == NAMES
    for name in NAMES:
        assert name in out
    assert out.count("检查：") == 7
    assert "已填 18 项" in out and "未填" in out and "主管部门" in out
    assert "未导入的内容：无" in out
    assert "共导入 7 份申报表" in out
    # The drafts are the example drafts, byte for byte.
    for path in draft_paths(tmp_path):
        assert path.read_text(encoding="utf-8") == (ROOT / "drafts" / path.name).read_text(encoding="utf-8")


def test_import_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, str(REFERENCE), "--drafts", str(tmp_path))
    before = {p.name: p.read_bytes() for p in draft_paths(tmp_path)}
    status, out, _ = run(capsys, str(REFERENCE), "--drafts", str(tmp_path))
    assert status == 0
    assert {p.name: p.read_bytes() for p in draft_paths(tmp_path) if p.name in before} == before
    assert (tmp_path / "政务大厅租金-2.toml").exists()
    assert "政务大厅租金-2.toml" in out


def test_replace_keeps_the_old_draft_aside(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, str(REFERENCE), "--drafts", str(tmp_path))
    old = tmp_path / "政务大厅租金.toml"
    old.write_text(old.read_text(encoding="utf-8").replace('unit = ""', 'unit = "手改的"'), encoding="utf-8")
    status, out, _ = run(capsys, str(REFERENCE), "--drafts", str(tmp_path), "--replace")
    assert status == 0
    assert len(draft_paths(tmp_path)) == 7  # replaced, not added; the kept copies are not listed as drafts
    aside = sorted((tmp_path / ".replaced").glob("政务大厅租金-*.toml"))
    assert len(aside) == 1 and load_draft(aside[0]).unit == "手改的"
    assert load_draft(old).unit == ""
    assert "原有同名草稿已移到" in out and str(aside[0]) in out


def test_replace_by_the_same_draft_changes_and_archives_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, str(REFERENCE), "--drafts", str(tmp_path))
    before = {p.name: (p.read_bytes(), p.stat().st_ino) for p in draft_paths(tmp_path)}
    for _ in range(3):  # a nightly re-import of the same folder
        status, out, _ = run(capsys, str(REFERENCE), "--drafts", str(tmp_path), "--replace")
        assert status == 0 and out.count("与原有同名草稿完全相同") == 7
    assert not (tmp_path / ".replaced").exists() or not any((tmp_path / ".replaced").iterdir())
    assert {p.name: (p.read_bytes(), p.stat().st_ino) for p in draft_paths(tmp_path)} == before


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, str(REFERENCE), "--drafts", str(tmp_path / "d"), "--dry-run")
    assert status == 0 and "试运行" in out
    assert not (tmp_path / "d").exists()


def test_same_project_twice_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, _ = run(capsys, str(REFERENCE), str(REFERENCE), "--drafts", str(tmp_path), "--replace")
    assert status == 0
    assert len(draft_paths(tmp_path)) == 14
    assert not (tmp_path / ".replaced").exists()


def test_nothing_imported_is_status_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    status, out, err = run(capsys, str(empty), "--drafts", str(tmp_path / "d"))
    assert status == 2
    assert "empty.txt：文件是空的" in err and "Traceback" not in err
    assert "共导入 0 份" in out


def test_a_broken_docx_is_refused_with_instructions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docx = tmp_path / "forms.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    status, _, err = run(capsys, str(docx), "--drafts", str(tmp_path / "d"))
    assert status == 2 and "Word 文档结构有误" in err and "另存为 .docx" in err
    assert not (tmp_path / "d").exists()


def test_some_failed_is_status_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(
        capsys, str(DATA / "pipe-joined.txt"), str(tmp_path / "missing.txt"), "--drafts", str(tmp_path)
    )
    assert status == 1
    assert "missing.txt：找不到该文件" in err
    assert "高标准农田设施管护经费" in out and "1 处失败" in out


def test_unwritable_drafts_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "drafts"
    blocker.write_text("not a folder", encoding="utf-8")
    status, _, err = run(capsys, str(DATA / "pipe-joined.txt"), "--drafts", str(blocker))
    assert status == 2 and "无法写入草稿" in err and "Traceback" not in err


def test_encoding_and_leftovers_in_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, str(DATA / "gbk-encoded.txt"), str(DATA / "other-unit-version.txt"), "--drafts", str(tmp_path)
    )
    assert status == 0
    assert "编码 GB18030" in out
    assert "未导入的内容 8 处" in out and "第 64 行：其中：本级资金 | 0 | 40" in out
    assert "说明：" in out and "检查：" in out


def test_mostly_missing_form_warns_loudly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bare.txt"
    path.write_text("项目支出预算绩效目标申报表\n项目名称：只有名称的项目\n", encoding="utf-8")
    status, out, err = run(capsys, str(path), "--drafts", str(tmp_path / "d"))
    assert status == 1  # imported, but most of it not recognised: said so, and not “all well”
    assert "大部分内容没有识别出来" in out and "警告" in err and "其中 1 份大部分内容没有识别出来" in out
    draft = load_draft(tmp_path / "d" / "只有名称的项目.toml")
    assert draft.project.name == "只有名称的项目"


def test_drafts_option_before_the_subcommand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["--drafts", str(tmp_path), "import", str(DATA / "run-together.txt")])
    capsys.readouterr()
    assert status == 0 and (tmp_path / "社区养老服务站运营补贴.toml").exists()


def test_hostile_text_reaches_the_terminal_cleaned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "evil.txt"
    path.write_text("项目名称：甲\x1b[2J\n乱码\x1b]0;title\x07行\n", encoding="utf-8")
    status, out, _ = run(capsys, str(path), "--drafts", str(tmp_path / "d"))
    assert status == 1 and "\x1b" not in out  # 1: a form with only its name is mostly not recognised
    draft = load_draft(next(iter(draft_paths(tmp_path / "d"))))
    assert draft.project.name == "甲\x1b[2J"  # the draft keeps the text as it stood
    assert dumps(draft)


def test_dry_run_names_a_project_twice_without_clash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, str(REFERENCE), str(REFERENCE), "--drafts", str(tmp_path), "--dry-run")
    assert status == 0
    assert "政务大厅租金.toml" in out and "政务大厅租金-2.toml" in out


def test_an_internal_error_is_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.cli.import_

    def broken(path: Path) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(tui.cli.import_, "import_file", broken)
    status, _, err = run(capsys, str(DATA / "pipe-joined.txt"), "--drafts", str(tmp_path))
    assert status == 2 and "内部错误" in err and "Traceback" not in err


def test_replace_that_cannot_write_puts_the_old_draft_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.cli.import_

    run(capsys, str(DATA / "pipe-joined.txt"), "--drafts", str(tmp_path))
    path = tmp_path / "高标准农田设施管护经费.toml"
    path.write_text(path.read_text(encoding="utf-8") + "# 手改的\n", encoding="utf-8")  # differs: --replace archives
    old = path.read_bytes()

    def full_disk(draft: object, path: Path) -> None:
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(tui.cli.import_, "save_draft", full_disk)
    status, _, err = run(capsys, str(DATA / "pipe-joined.txt"), "--drafts", str(tmp_path), "--replace")
    assert status == 2 and "无法写入草稿" in err and "No space left" in err
    assert (tmp_path / "高标准农田设施管护经费.toml").read_bytes() == old
    assert list((tmp_path / ".replaced").iterdir()) == []


def test_template_picked_by_labels_or_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = DATA / "layouts" / "pipe-terminated.txt"
    status, out, _ = run(capsys, str(source), "--drafts", str(tmp_path / "a"))
    assert status == 0 and "表样：市级" in out and "按栏目文字选用表样" in out
    assert load_draft(next(iter(draft_paths(tmp_path / "a")))).template == "city-benji"
    # Named: the same file read on the district form, whose 本级/上级 rows it lacks.
    status, out, _ = run(capsys, str(source), "--drafts", str(tmp_path / "b"), "--template", "district-2021")
    assert status in (0, 1) and "按栏目文字选用表样" not in out
    assert load_draft(next(iter(draft_paths(tmp_path / "b")))).template == "district-2021"


def test_unknown_template_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, str(REFERENCE), "--drafts", str(tmp_path), "--template", "no-such")
    assert status == 2 and "未知的表样“no-such”" in err and "district-2021" in err
    assert not tmp_path.exists() or not any(tmp_path.iterdir())
