"""Display widths: Rich's measure (what Textual draws with), corrected only where a terminal was measured to differ.

The widths in ``MEASURED`` were read in tmux 3.3a (xterm-256color): ``printf 'A<text>'`` then
``tmux display -p '#{cursor_x}'``, less one for the ``A``.
"""

import pytest
from rich.cells import cell_len

from forms.render.width import cell_width, char_width

MEASURED = [
    # (text, width in the terminal, why)
    ("\u3164", 2, "HANGUL FILLER"),
    ("\uffa0", 1, "HALFWIDTH HANGUL FILLER"),
    ("\u2630", 1, "☰ trigram: wide only in a newer Unicode than terminals use"),
    ("\U0001d360", 1, "𝍠 counting rod: likewise"),
    ("\u0903", 1, "Devanagari spacing mark ः"),
]


@pytest.mark.parametrize(("text", "width", "why"), MEASURED)
def test_where_rich_and_the_terminal_differ_the_terminal_wins(text: str, width: int, why: str) -> None:
    assert cell_len(text) != width, f"Rich now agrees on {why}: the correction can go"
    assert cell_width(text) == width == char_width(text)


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("中文", 4),
        ("合计（计算）", 12),
        ("a\u0301", 1),  # a combining accent takes no cell
        ("\U0001f468\u200d\U0001f469", 2),  # an emoji sequence joined by U+200D is one picture
        ("\u302a", 0),  # an ideographic tone mark sits on the character before it
        ("“≥□”", 4),  # ambiguous: one cell each
        ("x\ny", 2),  # newlines count nothing
    ],
)
def test_everything_else_is_riches_measure(text: str, width: int) -> None:
    assert cell_width(text) == width == cell_len(text.replace("\n", ""))
