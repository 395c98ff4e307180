"""``shenbao import FILE…``: filled-in forms (Word, Excel, text from Word, ``|``-joined text, web pages) to drafts.

One draft per form. An existing draft is never overwritten: a clash gets a new
name, or with ``--replace`` the old file is first moved into the hidden
``.replaced/`` folder inside the drafts folder; a draft the bureau approved
(通过) is not replaced at all until it is reopened (``shenbao review DRAFT
--reopen``, recorded), and that form counts as failed; the review record of a
draft it does replace (退回, 重新打开) is carried into the new one. The report
goes to stdout, problems to stderr.

Each file's forms are read on the template whose labels they print most, or on
the one ``--template ID`` names.

Exit status: 0 every file and form imported with its main fields; 1 some
imported and some failed (a file unreadable, a draft not writable), or a form
imported with most of it not recognised; 2 nothing imported.

With ``--indicators-into DRAFT`` the one FILE is an 一体化 indicator file whose
rows replace that draft's indicators instead (``tui.cli.import_indicators``).
"""

from __future__ import annotations

import argparse
import datetime
import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

from forms.checks.runner import check, status_text
from forms.importing.importer import FileImport, FormImport, import_file
from forms.importing.report import form_report, mostly_missing
from forms.model.declaration import Declaration
from forms.model.template import available_templates
from forms.render.width import clean
from forms.store.drafts import (
    DRAFT_SUFFIX,
    DraftError,
    drafts_folder,
    dumps,
    file_name_for,
    load_draft,
    read_draft_bytes,
    save_draft,
    write_atomic,
)
from forms.workflows.review import is_approved, locked_message
from tui.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, drafts_option
from tui.cli.history import record_cli

UNCHANGED = "\0unchanged"
"""What ``_write`` says when ``--replace`` met a draft with the very bytes it would write."""
REPLACED_FOLDER = ".replaced"
"""Where ``--replace`` keeps the drafts it replaced (hidden, so it is not listed as drafts)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``import`` to the command line."""
    parser = subparsers.add_parser(
        "import",
        help="导入已填好的申报表（Word、Excel、纯文本、网页）为草稿",
        description=(
            "读取一个或多个已填好的申报表文件（Word 文档 .docx、Excel 工作簿 .xlsx、Word/WPS 另存的纯文本 .txt、"
            "以 | 分隔的文本、保存的网页 .html；旧版 .doc/.wps/.xls 在装有 LibreOffice 时先自动转换），"
            "每份申报表写成一份草稿，并逐份报告已填栏目、未导入的内容和检查结果。"
            "不会覆盖已有草稿：同名时另起新名，或用 --replace 先把旧草稿移到草稿文件夹的 .replaced/ 中。"
            "按各文件中栏目文字最吻合的表样导入，或用 --template 指定表样。"
            "退出码：0 全部导入且主要栏目齐全，1 部分导入（有文件或草稿失败，或有申报表大部分内容未识别），"
            "2 没有导入任何申报表。"
        ),
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="申报表文件（.docx、.xlsx、.txt、.html，或 .doc/.wps/.xls）"
    )
    drafts_option(parser)
    parser.add_argument(
        "--replace",
        action="store_true",
        help=f"同名草稿已存在时替换它（旧文件先移到草稿文件夹的 {REPLACED_FOLDER}/ 中；已审核通过的草稿须先重新打开）",
    )
    parser.add_argument("--dry-run", action="store_true", help="只显示报告，不写任何文件")
    parser.add_argument(
        "--template",
        metavar="ID",
        help=f"按指定表样导入（{'、'.join(available_templates())}；不指定时按栏目文字自动选择）",
    )
    parser.add_argument(
        "--indicators-into",
        metavar="DRAFT",
        help="FILE 是一体化指标文件（shenbao export --format yitihua 导出的 .xlsx/.json/.csv）："
        "用它替换已有草稿 DRAFT 的全部绩效指标（先显示改动几行并询问）",
    )
    parser.add_argument("--yes", action="store_true", help="与 --indicators-into 同用：不询问，直接替换（供脚本使用）")
    parser.set_defaults(func=run_import)


def run_import(args: argparse.Namespace) -> int:
    """Import every file named; the exit status is documented in the module docstring."""
    if args.indicators_into is not None or args.yes:
        from tui.cli.import_indicators import run_indicators_into

        return run_indicators_into(args)
    folder = drafts_folder(getattr(args, "drafts", None))
    template_id = getattr(args, "template", None)
    if template_id is not None and template_id not in available_templates():
        print(f"shenbao：未知的表样“{clean(template_id)}”（已有：{'、'.join(available_templates())}）", file=sys.stderr)
        return EXIT_UNREADABLE
    written: list[Path] = []
    failures = 0
    unrecognised = 0
    for name in args.files:
        try:
            result = import_file(Path(name), template_id=template_id)
        except Exception as problem:  # a bug of ours must not cost the other files, nor show a traceback
            print(
                f"shenbao：{clean(name)}：导入时发生内部错误（{type(problem).__name__}），请把该文件反馈给维护者",
                file=sys.stderr,
            )
            failures += 1
            continue
        if result.error:
            print(f"shenbao：{clean(name)}：{result.error}", file=sys.stderr)
            failures += 1
            continue
        _file_heading(result)
        for number, form in enumerate(result.forms, start=1):
            if not _one_form(form, result, number, folder, args, written):
                failures += 1
            elif mostly_missing(form.draft):
                unrecognised += 1
    imported = len(written)
    if written and not args.dry_run:
        names = [f"{p.stem}" for p in written]
        record_cli(folder, written, f"导入 {imported} 份申报表" if imported > 1 else f"导入：{names[0]}")
    where = "（试运行，未写入文件）" if args.dry_run else f"，草稿文件夹：{clean(str(folder))}"
    summary = f"共导入 {imported} 份申报表{where}" + (f"；{failures} 处失败，见上方错误信息" if failures else "")
    if unrecognised:
        summary += f"；其中 {unrecognised} 份大部分内容没有识别出来，请核对原文件或用 --template 指定表样"
    print(summary)
    if imported == 0:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if failures or unrecognised else EXIT_OK


def _file_heading(result: FileImport) -> None:
    encoding = "" if result.encoding in ("UTF-8", "") else f"，编码 {result.encoding}"
    kind = f"，{result.kind}" if result.kind else ""
    print(f"== {clean(str(result.path))}：{len(result.forms)} 份申报表{kind}{encoding} ==")


def _one_form(
    form: FormImport, result: FileImport, number: int, folder: Path, args: argparse.Namespace, written: list[Path]
) -> bool:
    draft = form.draft
    try:
        target, aside = _target(draft.project.name, folder, replace=args.replace, written=written)
        old = _readable(target) if aside is not None else None
        if old is not None and is_approved(old):
            # 通过 locks the draft for its unit: replacing it is a change like any other, so it waits for a reopening.
            refused = locked_message(old, target, "不能被导入的申报表替换，未写入任何文件")
            print(
                f"shenbao：{clean(str(result.path))} 第 {form.first_line} 行起的申报表：{clean(refused)}",
                file=sys.stderr,
            )
            return False
        if old is not None and old.review is not None:
            # The bureau's record (退回, 通过, 重新打开) belongs to the project, not to the file the form replaces.
            draft = draft.model_copy(update={"review": old.review})
        replaced = _write(draft, target, aside, dry_run=args.dry_run)
    except OSError as problem:
        where = f"{problem.filename}：" if problem.filename else ""
        print(
            f"shenbao：{clean(str(result.path))} 第 {form.first_line} 行起的申报表无法写入草稿："
            f"{clean(where)}{problem.strerror or problem}",
            file=sys.stderr,
        )
        return False
    written.append(target)
    where = f" {form.where}" if form.where else ""
    heading = f"第 {number}/{len(result.forms)} 份，{result.path.name}{where} 第 {form.first_line}–{form.last_line} 行"
    lines = form_report(
        draft,
        heading=heading,
        target=str(target),
        notes=form.notes,
        status=status_text(check(draft)),
        replaced="" if replaced == UNCHANGED else replaced,
    )
    if replaced == UNCHANGED:
        lines.insert(2, "  与原有同名草稿完全相同：未改动，也未另存旧草稿")
    print("\n".join(lines))
    if mostly_missing(draft):
        print(
            f"shenbao：警告：{clean(str(result.path))} 第 {form.first_line} 行起的申报表"
            "大部分内容没有识别出来，请核对原文件",
            file=sys.stderr,
        )
    return True


def _write(draft: Declaration, target: Path, aside: Path | None, *, dry_run: bool) -> str:
    """Write the draft (moving the draft it replaces aside first); where the old one went, if anywhere.

    Replacing a draft by the same bytes changes nothing, so it is not archived:
    a script that re-imports a folder every night must not fill ``.replaced/``.
    """
    if aside is not None and _holds(target, dumps(draft).encode("utf-8")):
        return UNCHANGED
    if dry_run:
        return f"{aside}（试运行，未移动）" if aside is not None else ""
    if aside is None:
        save_draft(draft, target)
        return ""
    aside.parent.mkdir(parents=True, exist_ok=True)
    # The old draft is linked into .replaced/ and then replaced atomically: a kill at any moment
    # leaves the draft old or new, never missing (moving it aside first left a window without it).
    _keep(target, aside)
    try:
        save_draft(draft, target)
    except OSError:
        aside.unlink(missing_ok=True)  # the old draft is still in place: a failed import leaves things as they were
        raise
    return str(aside)


def _readable(path: Path) -> Declaration | None:
    """The draft ``--replace`` would replace; ``None`` when it is not a readable draft (kept aside all the same)."""
    try:
        return load_draft(path)
    except DraftError:
        return None


def _keep(target: Path, aside: Path) -> None:
    """A second name for the draft in ``.replaced/``: a hard link, or a copy where links are not supported."""
    try:
        os.link(target, aside, follow_symlinks=False)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EXDEV, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            raise
        try:
            write_atomic(aside, read_draft_bytes(target))
        except DraftError as problem:
            raise OSError(errno.EIO, problem.reason, str(target)) from None


def _holds(path: Path, data: bytes) -> bool:
    # Only a regular file of the same size is read: never a FIFO, and never more than the new bytes.
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        with path.open("rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False


def _target(name: str, folder: Path, *, replace: bool, written: list[Path]) -> tuple[Path, Path | None]:
    """Where the draft goes, and where an existing draft of the same name must first be moved (``--replace``)."""
    natural = folder / _natural_name(name)
    if replace and natural not in written and (natural.exists() or natural.is_symlink()):
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = folder / REPLACED_FOLDER / f"{natural.stem}-{stamp}{DRAFT_SUFFIX}"
        counter = 2
        while aside.exists():
            aside = folder / REPLACED_FOLDER / f"{natural.stem}-{stamp}-{counter}{DRAFT_SUFFIX}"
            counter += 1
        return natural, aside
    target = file_name_for(name, folder)
    number = 2
    # A dry run writes nothing, so a name it already gave out is not yet taken on disk.
    while target in written or target.exists():
        target = folder / f"{natural.stem}-{number}{DRAFT_SUFFIX}"
        number += 1
    return target, None


def _natural_name(name: str) -> str:
    # The name file_name_for gives when nothing clashes: ask it in an empty folder.
    with tempfile.TemporaryDirectory() as empty:
        return file_name_for(name, Path(empty)).name
