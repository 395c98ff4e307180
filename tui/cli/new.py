"""Subcommand ``new``: an empty draft of a chosen template (``--template ID``), with the unit profile filled in.

``shenbao new --template 2022-cost --name 政务大厅运行`` writes ``政务大厅运行.toml``
into the drafts folder, laid out on the template (its funding rows, indicator
skeleton and columns). Without ``--template`` the unit profile's default
template is used (``_profile.toml``: ``template = "…"``), else district-2021.
``--list-templates`` prints the templates this installation has.
"""

from __future__ import annotations

import argparse

from forms.model.template import available_templates, load_template
from forms.render.width import clean
from forms.store.drafts import drafts_folder, file_name_for, save_draft
from forms.workflows.profile import ProfileError, default_template, load_profile, start_draft
from tui.cli import EXIT_OK, drafts_option
from tui.cli.show import fail


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``new`` to the command line."""
    new = subparsers.add_parser(
        "new",
        help="按表样新建一份空白草稿",
        description="在草稿文件夹中新建一份空白草稿：按所选表样排好资金来源与指标框架，并填入单位信息。",
    )
    new.add_argument("--template", metavar="ID", help="表样编号（默认为单位信息中的默认表样，否则 district-2021）")
    new.add_argument("--name", metavar="NAME", default="", help="项目名称（也用作文件名）")
    new.add_argument("--year", metavar="YEAR", help="年度（默认为单位信息中的年度，否则今年）")
    new.add_argument("--list-templates", action="store_true", help="列出可用的表样后退出")
    drafts_option(new)
    new.set_defaults(func=run_new)


def run_new(args: argparse.Namespace) -> int:
    """``shenbao new``: 0 written; 2 an unknown template, an unreadable profile or a file not written."""
    if args.list_templates:
        for template_id in available_templates():
            print(f"{template_id}\t{load_template(template_id).name}")
        return EXIT_OK
    folder = drafts_folder(getattr(args, "drafts", None))
    try:
        profile = load_profile(folder)
    except ProfileError as error:
        return fail(f"单位信息无法读取：{error}（请修正后再试；文件不会被覆盖）")
    template_id = args.template if args.template is not None else default_template(profile)
    if template_id not in available_templates():
        known = "、".join(available_templates())
        return fail(f"没有编号为“{clean(template_id)}”的表样（可用：{known}；shenbao new --list-templates 查看）")
    draft = start_draft(template_id, profile, name=args.name, year=args.year)
    target = file_name_for(draft.project.name, folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        save_draft(draft, target)
    except OSError as error:
        return fail(f"无法写入 {target}：{error.strerror or error}")
    print(clean(f"已新建：{target.name}（表样：{load_template(template_id).name}，{template_id}）"))
    return EXIT_OK
