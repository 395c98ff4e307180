"""Display width of text in a terminal cell grid, and text made safe to print there.

Chinese characters take two cells, so every layout measures with ``cell_width``,
never ``len()``. Widths are Rich's (``rich.cells``), which Textual draws the app
with, so the screen and the exports agree; only where a terminal was measured to
draw a character otherwise (``_MEASURED`` and the two rules in ``char_width``,
each shown by a test) is Rich's answer corrected. "Ambiguous" characters (box
drawing, □, ≥, “ ”, …) count as one cell, as in most terminals; terminals set to
draw them wide get the ASCII style (``fold_ambiguous``), whose widths are the same
everywhere.

User text is data, and a draft may hold anything a clipboard can: ``clean``
removes what could drive a terminal (escape sequences, bidi overrides,
zero-width characters) and turns other control characters into visible symbols.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from rich.cells import cell_len, get_character_cell_size

Align = Literal["left", "right", "center"]

TAB_SIZE = 4
"""Tabs in user text become spaces up to the next multiple of this many cells."""

# Escape sequences a terminal would act on, 7-bit and 8-bit (C1) forms:
# CSI (colours, cursor moves), string commands ended by BEL or ST (OSC sets the
# window title or a hyperlink; DCS, SOS, PM, APC) and the short ESC-x commands.
# An unterminated one is not matched whole; its ESC is then shown as ␛, which
# leaves only harmless printable text behind.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]"
)
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029\x0b\x0c]")
_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
"""Variation selectors: printable to Python, invisible to a reader (``clean`` drops them)."""

# Ambiguous characters common in Chinese documents, spelled with characters whose
# width every terminal agrees on (check marks too: Chinese fonts draw ☑ wide). Anything not listed is tried through NFKC
# (① → 1, ² → 2, Ⅱ → II), then stripped of accents (é → e), else written as <U+XXXX>.
_FOLDS = {
    "“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "―": "-", "…": "...",
    "·": "・", "×": "x", "÷": "/", "±": "+/-", "°": "度", "℃": "摄氏度", "‰": "/1000",
    "≥": ">=", "≤": "<=", "≠": "!=", "≈": "~", "→": "->", "←": "<-", "↑": "^", "↓": "v",
    "√": "[x]", "☑": "[x]", "☒": "[x]", "✓": "[x]", "✔": "[x]", "□": "[ ]", "☐": "[ ]",
    "■": "#", "○": "o", "◎": "o", "●": "*", "★": "*", "☆": "*", "※": "*", "◆": "*", "◇": "*",
    "▲": "*", "△": "*", "€": "EUR", "§": "S", "\ufffd": "?",
}  # fmt: skip


# Measured in tmux 3.3a (xterm-256color), where rich.cells answers otherwise: the Hangul
# fillers take cells in the terminal, Rich counts them as nothing.
_MEASURED = {"\u3164": 2, "\uffa0": 1}


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Cells one character takes: Rich's measure, corrected where a terminal was measured to differ."""
    if char in _MEASURED:
        return _MEASURED[char]
    size = get_character_cell_size(char)
    if size == 2 and unicodedata.east_asian_width(char) not in "WF":
        # Made wide by a newer Unicode than terminals use (☰ trigrams, 𝍠 counting rods): drawn one cell.
        return 1
    if size == 0 and unicodedata.category(char) == "Mc":
        return 1  # a spacing mark (Devanagari ः) takes a cell of its own in the terminal
    return size


def cell_width(text: str) -> int:
    """Display width of ``text`` in terminal cells (CJK counts 2, ambiguous 1).

    Newlines count nothing: measure one line at a time.
    """
    if text.isascii():
        # Figures and plain names are most of a table's cells: one check where a count would visit every character.
        return len(text) if text.isprintable() else sum(1 for c in text if " " <= c <= "~")
    return _wide_width(text)


@lru_cache(maxsize=16384)
def _wide_width(text: str) -> int:
    # Labels and cells repeat across a folder's drafts: an export of thousands measures each once.
    # Rich measures whole graphemes (an emoji joined with U+200D is one picture); the corrections are per character.
    text = text.replace("\n", "")
    return cell_len(text) + sum(char_width(c) - get_character_cell_size(c) for c in text)


def pad(text: str, width: int, align: Align = "left") -> str:
    """``text`` padded with spaces to ``width`` cells; text already wider is returned unchanged."""
    gap = width - cell_width(text)
    if gap <= 0:
        return text
    if align == "right":
        return " " * gap + text
    if align == "center":
        left = gap // 2
        return " " * left + text + " " * (gap - left)
    return text + " " * gap


def clean(text: str) -> str:
    """User text made safe for a terminal, keeping every visible character.

    - Escape sequences (ANSI colours, cursor moves, window titles, links) are removed.
    - Line breaks of every kind (``\\r\\n``, ``\\r``, U+2028, …) become ``\\n``.
    - Tabs become spaces to the next multiple of ``TAB_SIZE`` cells.
    - Bidi controls (U+202A–202E, U+2066–2069, marks), zero-width characters, BOM,
      soft hyphen and variation selectors are removed: they are invisible, and they
      reorder or hide text and make its width unpredictable.
    - A byte of a file name that is not UTF-8 (carried as a surrogate by ``os.fsdecode``)
      is shown escaped, ``\\xff``; any other lone surrogate as ``\ufffd``.
    - Any other control character is shown as its Unicode control picture: ESC as
      ``␛``, BEL as ``␇``, NUL as ``␀``, DEL as ``␡``. An 8-bit C1 control is shown
      as its 7-bit spelling, e.g. U+009B (CSI) as ``␛[``.
    """
    if text.isprintable() and not _SELECTORS.search(text):
        # Nothing to do (most text): no control, format, separator or surrogate character,
        # which is everything the loop below changes but the variation selectors.
        return text
    text = _LINE_BREAKS.sub("\n", _ESCAPES.sub("", text))
    out: list[str] = []
    for char in text:
        code = ord(char)
        if char == "\n" or char == "\t":
            out.append(char)
        elif code < 0x20:
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("\u2421")
        elif 0x80 <= code < 0xA0:
            out.append("\u241b" + chr(code - 0x40))
        elif 0xDC80 <= code < 0xDD00:
            # A byte of a file name that is not UTF-8 (os.fsdecode's surrogateescape): shown as the byte.
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code < 0xE000:
            out.append("\ufffd")  # a lone surrogate cannot even be encoded for output
        elif _invisible(char):
            continue
        else:
            out.append(char)
    cleaned = "".join(out)
    return _expand_tabs(cleaned) if "\t" in cleaned else cleaned


def _invisible(char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cf":
        return True
    return category == "Mn" and ("\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef")


def _expand_tabs(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        parts = line.split("\t")
        built = parts[0]
        for part in parts[1:]:
            built += " " * (TAB_SIZE - cell_width(built) % TAB_SIZE) + part
        lines.append(built)
    return "\n".join(lines)


def fold_ambiguous(text: str) -> str:
    """``text`` with every ambiguous-width character replaced, so all terminals agree on its width.

    Used by the ASCII style: “ ” become ``"``, ≥ becomes ``>=``, ☑ ``[x]``, ① ``1``,
    é ``e``; a character with no sensible spelling becomes ``<U+XXXX>``.
    """
    if text.isascii():
        return text
    return "".join(_fold_char(c) if c in _FOLDS or unicodedata.east_asian_width(c) == "A" else c for c in text)


@lru_cache(maxsize=1024)
def _fold_char(char: str) -> str:
    if char in _FOLDS:
        return _FOLDS[char]
    if "\u2460" <= char <= "\u2473":  # ① … ⑳
        return f"({ord(char) - 0x245F})"
    if "\u2500" <= char <= "\u257f":  # box drawing typed into a field
        return "-" if char in "─━┄┅┈┉╌╍═" else "|" if char in "│┃┆┇┊┋╎╏║" else "+"
    for form in (unicodedata.normalize("NFKC", char), _strip_accents(char)):
        if form != char and not any(unicodedata.east_asian_width(c) == "A" for c in form):
            return form
    return f"<U+{ord(char):04X}>"


def _strip_accents(char: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` cells; always at least one line (``[""]`` for empty text).

    Newlines in ``text`` are kept as line breaks. Chinese may break between any two
    characters; Latin words and numbers break at spaces where possible and are cut
    only when longer than a line. Spaces at a break are dropped. A character wider
    than ``width`` (a CJK character in a one-cell column) gets a line of its own.
    """
    width = max(width, 1)
    lines: list[str] = []
    for paragraph in text.replace("\t", " ").split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width))
    return lines


def _tokens(paragraph: str) -> list[str]:
    # A token is a run of spaces, a run of narrow characters (a Latin word or a
    # number), or one wide character; zero-width marks stay with what they follow.
    tokens: list[str] = []
    kind = ""  # of the last token: "space", "word" or "wide"
    for char in paragraph:
        size = char_width(char)
        this = "space" if char == " " else "wide" if size == 2 else "word"
        if tokens and (this == kind != "wide" or (size == 0 and kind != "space")):
            tokens[-1] += char
        else:
            tokens.append(char)
            kind = this
        if char == "-" and this == "word":
            kind = "hyphen"  # a line may break after a hyphen: 2021.01-|2021.12
    return tokens


_NO_LINE_START = frozenset("，。、；：？！）》」』”’〉】…—")


def _wrap_paragraph(paragraph: str, width: int) -> list[str]:
    lines: list[str] = []
    line, used = "", 0
    for token in _tokens(paragraph):
        size = cell_width(token)
        if used + size <= width:
            if token[0] != " " or line:
                line, used = line + token, used + size
            continue
        if token[0] == " ":
            lines.append(line.rstrip(" "))
            line, used = "", 0
            continue
        carried = ""
        if token in _NO_LINE_START and len(line) > 1 and char_width(line[-1]) == 2:
            # Chinese typesetting never starts a line with closing punctuation.
            line, carried = line[:-1], line[-1]
        if line.strip(" "):
            lines.append(line.rstrip(" "))
        line, used = "", 0
        token, size = carried + token, size + cell_width(carried)
        if size <= width:
            line, used = token, size
            continue
        for char in token:  # longer than a line: cut it
            char_size = cell_width(char)
            if used + char_size > width and line:
                lines.append(line)
                line, used = "", 0
            line, used = line + char, used + char_size
    lines.append(line.rstrip(" "))
    return lines
