"""Export a declaration: the one entry point the app and the command line call.

``render(draft, "text")`` lays the form out like the printed page (box drawing,
or ASCII with ``ascii=True``, for terminals that draw box characters two cells
wide); ``render(draft, "md")`` writes Markdown. Both keep every label of the
form and every value of the draft, and neither lets user text act on a terminal
or on Markdown. ``export_bytes`` gives any format as a file's bytes, the office
ones included: ``docx`` (``forms.render.docx``), ``xlsx`` (``forms.render.xlsx``)
the indicator sheet for the 一体化 system, ``indicators-xlsx`` and
``indicators-csv`` (``forms.render.indicator_sheet``), and ``yitihua``, the
indicators in the system's own fields, whose form the file's suffix picks: the
web grid (.xlsx, ``forms.render.yitihua_xlsx``) or the exchange fields (.json,
.csv, ``forms.render.yitihua``; JSON when there is no file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, get_args

from forms.model.declaration import Declaration
from forms.store.output import suffix_of

Format = Literal["text", "md", "docx", "xlsx", "indicators-xlsx", "indicators-csv", "yitihua"]
FORMATS: tuple[Format, ...] = get_args(Format)
"""The export formats, in the order a user is offered them."""
TEXT_FORMATS: tuple[Format, ...] = ("text", "md")
"""The formats ``render`` returns as text (the others are files: ``export_bytes``)."""
SUFFIXES: dict[Format, str] = {fmt: suffix_of(fmt) for fmt in FORMATS}
"""The file name ending of each format (from ``forms.store.output.OUTPUT_FORMATS``)."""


def export_bytes(
    draft: Declaration,
    fmt: Format = "text",
    *,
    ascii: bool = False,
    banner: str | None = None,
    bom: bool = True,
    path: Path | None = None,
) -> bytes:
    """The declaration as a file's content in any format (text formats in UTF-8).

    ``bom`` puts a BOM before an indicator CSV, so Excel on a Chinese Windows reads it.
    ``path`` is the file being written: its suffix picks ``yitihua``'s form.

    Raises:
        ValueError: ``fmt`` is not one of ``FORMATS``.
    """
    if fmt == "docx":
        from forms.render.docx import render_docx

        return render_docx(draft, banner=banner)
    if fmt == "xlsx":
        from forms.render.xlsx import render_xlsx

        return render_xlsx(draft, banner=banner)
    if fmt == "indicators-xlsx":
        from forms.render.indicator_sheet import render_indicators_xlsx

        return render_indicators_xlsx(draft, banner=banner)
    if fmt == "indicators-csv":
        from forms.render.indicator_sheet import render_indicators_csv

        return render_indicators_csv(draft, bom=bom, banner=banner).encode("utf-8")
    if fmt == "yitihua":
        return _yitihua(draft, yitihua_form(path), banner=banner, bom=bom)
    return render(draft, fmt, ascii=ascii, banner=banner).encode("utf-8")


def render(draft: Declaration, fmt: Format = "text", *, ascii: bool = False, banner: str | None = None) -> str:
    """The declaration as text in the given format.

    Args:
        draft: the declaration (any state: empty fields print as blanks).
        fmt: ``"text"`` (laid out like the printed form) or ``"md"`` (Markdown).
        ascii: text only: draw with ``+-|`` and ``[x]``/``[ ]``, aligned in every terminal.
            Markdown ignores it.
        banner: a line to show first and prominently, e.g. “未通过检查：2 个错误（强制导出）”.

    Returns:
        The exported text, ending with a newline.

    Raises:
        ValueError: ``fmt`` is not one of ``FORMATS`` (the message is Chinese, for the user).
    """
    if fmt == "text":
        from forms.render.text import render_text

        return render_text(draft, ascii=ascii, banner=banner)
    if fmt == "md":
        from forms.render.markdown import render_markdown

        return render_markdown(draft, banner=banner)
    if fmt in FORMATS:
        raise ValueError(f"“{fmt}” 是文件格式，不是文本：请用 export_bytes 导出")
    raise ValueError(f"不支持的导出格式：“{fmt}”（可选：{'、'.join(FORMATS)}）")


def yitihua_form(path: Path | None) -> str:
    """Which form of ``yitihua`` a file gets: ``xlsx``, ``csv`` or ``json`` (also without a file)."""
    suffix = path.suffix.lower() if path is not None else ""
    return {".xlsx": "xlsx", ".csv": "csv"}.get(suffix, "json")


def _yitihua(draft: Declaration, form: str, *, banner: str | None, bom: bool) -> bytes:
    if form == "xlsx":
        from forms.render.yitihua_xlsx import render_yitihua_xlsx

        return render_yitihua_xlsx(draft, banner=banner)
    from forms.render.yitihua import render_yitihua_csv, render_yitihua_json

    if form == "csv":
        return render_yitihua_csv(draft, bom=bom, banner=banner).encode("utf-8")
    return render_yitihua_json(draft, banner=banner).encode("utf-8")


def is_binary(fmt: Format) -> bool:
    """Whether the format is a file that is not text (it cannot go to a terminal)."""
    return fmt in ("docx", "xlsx", "indicators-xlsx")
