"""Reading an input file: its text and the encoding it was in, or a plain message saying why not.

Operators hand in whatever they have: UTF-8 or GBK text from Notepad, UTF-16
from Word's "Unicode" text, and sometimes the .docx itself. Files are told
apart by their first bytes, not by their suffix.
"""

from __future__ import annotations

import codecs
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from forms.store.safe_io import UnsafeFile, read_regular

MAX_BYTES = 8 * 1024 * 1024
"""A year of forms is a few hundred KB of text; anything this large is not one."""

SAVE_AS_TEXT = (
    "请用 Word 或 WPS 打开它，选择“文件 → 另存为”，保存类型选“纯文本(*.txt)”"
    "（编码选 UTF-8 或简体中文 GB2312 均可），再导入那个 .txt 文件"
)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")


class SourceError(Exception):
    """A file that cannot be imported; the message is plain Chinese and does not name the file."""


@dataclass(frozen=True, slots=True)
class Source:
    """An input file's text."""

    path: Path
    """The file as given."""
    text: str
    """Its decoded text, line ends folded to ``\\n``."""
    encoding: str
    """The encoding that read it, as shown to the operator (UTF-8, GB18030, …)."""
    html: bool = False
    """The text is a saved web page."""


def read_source(path: Path) -> Source:
    """Read ``path`` as the text of filled-in forms.

    Raises:
        SourceError: missing, unreadable, empty, too large, binary, or a Word/PDF file.
    """
    if not path.exists() and not path.is_symlink():
        raise SourceError("找不到该文件")
    try:
        # Counted while read, never trusting st_size: /dev/zero says 0 bytes and never ends; a FIFO blocks.
        raw = read_regular(path, MAX_BYTES, what="申报表文字", follow_links=True)
    except UnsafeFile as problem:
        raise SourceError(problem.reason) from None
    text, encoding = decode(raw)
    return Source(path=path, text=text, encoding=encoding, html=looks_like_html(text))


def decode(raw: bytes) -> tuple[str, str]:
    """The text in ``raw`` and the name of its encoding.

    Tries UTF-8 (with or without a byte-order mark), UTF-16 when it has a
    byte-order mark, then GB18030 (a superset of GBK and GB2312).

    Raises:
        SourceError: empty, a known binary format, or not text in any of those encodings.
    """
    if not raw:
        raise SourceError("文件是空的")
    refusal = binary_kind(raw)
    if refusal:
        raise SourceError(refusal)
    text, encoding = _decode_text(raw)
    # A stray escape or two is text with junk in it (kept, and cleaned for display); a lot is not text.
    if _looks_binary(text):
        raise SourceError("不是文本文件（含有大量控制字符），请导入纯文本(.txt)或网页(.html)文件")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError("文件里没有文字（只有空白）")
    return text, encoding


def binary_kind(raw: bytes) -> str | None:
    """What to tell the operator about a binary file we recognise by its first bytes, else ``None``."""
    if raw.startswith(b"PK\x03\x04"):
        names = _zip_names(raw)
        if any(name.startswith("word/") for name in names):
            return f"这是 Word 文档（.docx），不是纯文本。{SAVE_AS_TEXT}"
        if any(name.startswith("xl/") for name in names):
            return (
                "这是 Excel 表格（.xlsx），不是纯文本。请在 Excel 或 WPS 中另存为“文本文件(制表符分隔)(*.txt)”后再导入"
            )
        if "content.xml" in names:
            return f"这是 OpenDocument/WPS 文档，不是纯文本。{SAVE_AS_TEXT}"
        return "这是压缩文件（zip），不是纯文本。请先解压，再导入其中的 .txt 文件"
    if raw.startswith(_OLE):
        return f"这是旧版 Office 文件（.doc/.xls/.wps），不是纯文本。{SAVE_AS_TEXT}"
    if raw.startswith(b"%PDF"):
        return (
            "这是 PDF 文件，不是纯文本。请用 PDF 阅读器打开，全选复制文字，"
            "粘贴到记事本另存为 .txt 后再导入（表格可能需要核对）"
        )
    if raw.lstrip().startswith(b"{\\rtf"):
        return f"这是 RTF 格式的文档，不是纯文本。{SAVE_AS_TEXT}"
    if raw.startswith(_IMAGES):
        return "这是图片文件，无法读出文字。请导入申报表的文字（.txt）"
    return None


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is a saved web page (judged by its start, and a table in it)."""
    head = text.lstrip("\ufeff \t\n")[:512].lower()
    return head.startswith(("<!doctype html", "<html", "<meta", "<table")) or (
        head.startswith("<") and "<table" in text[:200_000].lower()
    )


def _decode_text(raw: bytes) -> tuple[str, str]:
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8（带 BOM）"
        except UnicodeDecodeError:
            raise SourceError("文件开头标明是 UTF-8，内容却不是有效的 UTF-8，文件可能已损坏") from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise SourceError("文件开头标明是 UTF-16，内容却无法按 UTF-16 读出，文件可能已损坏") from None
    if b"\x00" in raw:
        raise SourceError("不是文本文件（含有空字节），请导入纯文本(.txt)或网页(.html)文件")
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "GB18030（GBK）"
    except UnicodeDecodeError:
        raise SourceError(
            "无法识别文件的编码（既不是 UTF-8，也不是 GBK/GB18030），请另存为 UTF-8 文本后再导入"
        ) from None


def _zip_names(raw: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return []


def _looks_binary(text: str) -> bool:
    sample = text[:100_000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    return bad > max(16, len(sample) // 20)
