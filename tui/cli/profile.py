"""Subcommand ``profile``: show or edit the unit profile filled into every new draft.

``shenbao profile`` prints it; ``shenbao profile --set 填报单位=区行政审批服务局
--set year=2022`` changes fields, named by key or by Chinese label; an empty
value clears one. A profile file that cannot be read is reported and left alone.
"""

from __future__ import annotations

import argparse
import sys

from forms.render.width import cell_width, clean, pad
from forms.store.drafts import drafts_folder
from forms.workflows.profile import (
    LABELS,
    ProfileError,
    UnitProfile,
    field_key,
    load_profile,
    profile_findings,
    save_profile,
)
from forms.workflows.profile import profile_path as path_of
from tui.cli import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, drafts_option

SEVERITY = {"error": "错误", "warning": "警告"}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``profile`` to the command line."""
    profile = subparsers.add_parser(
        "profile",
        help="查看或修改单位信息（新建草稿时自动填入）",
        description=(
            "单位信息保存在草稿文件夹的 _profile.toml 中，新建草稿时填入尚未填写的栏目。"
            f"可设置的栏目：{'、'.join(f'{label}（{key}）' for key, label in LABELS.items())}。"
        ),
    )
    profile.add_argument(
        "--set",
        dest="assignments",
        action="append",
        default=[],
        metavar="栏目=值",
        help="设置一个栏目，可重复；栏目可写中文名或英文键，值为空则清除",
    )
    drafts_option(profile)
    profile.set_defaults(func=run_profile)


def run_profile(args: argparse.Namespace) -> int:
    """``shenbao profile``: print the profile, after applying ``--set`` assignments if any.

    Exit status: 0 shown or saved; 1 a value was refused (nothing saved); 2 the
    file cannot be read, or an assignment names no field.
    """
    folder = drafts_folder(getattr(args, "drafts", None))
    try:
        profile = load_profile(folder)
    except ProfileError as error:
        print(f"shenbao：{error}；请修正或删除该文件（不会被覆盖）", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.assignments:
        changes: dict[str, str] = {}
        for assignment in args.assignments:
            key, sep, value = assignment.partition("=")
            field = field_key(key)
            if not sep or field is None:
                known = "、".join(f"{label}（{k}）" for k, label in LABELS.items())
                print(f"shenbao：无法识别 “{assignment}”：应为 栏目=值，栏目可为：{known}", file=sys.stderr)
                return EXIT_UNREADABLE
            changes[field] = value.strip()
        profile = profile.model_copy(update=changes)
        # Only what is being set is judged: an old value is not this command's business.
        findings = [f for f in profile_findings(profile) if f.path in changes]
        for finding in findings:
            print(f"  {SEVERITY[finding.severity]}  {clean(finding.message)}", file=sys.stderr)
        if any(f.severity == "error" for f in findings):
            print("shenbao：单位信息未保存", file=sys.stderr)
            return EXIT_FINDINGS
        try:
            save_profile(profile, folder)
        except ProfileError as error:
            print(f"shenbao：{error}；未保存", file=sys.stderr)
            return EXIT_UNREADABLE
        except OSError as error:
            print(f"shenbao：无法保存单位信息：{error.strerror or error}", file=sys.stderr)
            return EXIT_UNREADABLE
        print(f"已保存单位信息：{path_of(folder)}")
        from tui.cli.history import record_cli

        record_cli(folder, [path_of(folder)], "修改单位信息")
    print("\n".join(profile_lines(profile, folder_name=str(path_of(folder)))))
    return EXIT_OK


def profile_lines(profile: UnitProfile, *, folder_name: str) -> list[str]:
    """The profile as aligned ``label  value`` lines under a heading naming its file."""
    width = max(cell_width(label) for label in LABELS.values())
    lines = [f"单位信息（{clean(folder_name)}）："]
    for key, label in LABELS.items():
        value = clean(getattr(profile, key)).replace("\n", " ").strip()
        lines.append(f"  {pad(label, width)}  {value or '（未填）'}")
    return lines
