"""Export a declaration as text: the one entry point the app and the command line call.

``render(draft, "text")`` lays the form out like the printed page (box drawing,
or ASCII with ``ascii=True``, for terminals that draw box characters two cells
wide); ``render(draft, "md")`` writes Markdown. Both keep every label of the
form and every value of the draft, and neither lets user text act on a terminal
or on Markdown.
"""

from __future__ import annotations

from typing import Literal, get_args

from forms.model import Declaration
from forms.output import suffix_of

Format = Literal["text", "md"]
FORMATS: tuple[Format, ...] = get_args(Format)
"""The export formats, in the order a user is offered them."""
SUFFIXES: dict[Format, str] = {fmt: suffix_of(fmt) for fmt in FORMATS}
"""The file name suffix of each format (from ``forms.output.OUTPUT_FORMATS``)."""


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
        from forms.render_text import render_text

        return render_text(draft, ascii=ascii, banner=banner)
    if fmt == "md":
        from forms.render_md import render_markdown

        return render_markdown(draft, banner=banner)
    raise ValueError(f"不支持的导出格式：“{fmt}”（可选：{'、'.join(FORMATS)}）")
