"""Office files as input: telling Word, Excel and old binary files apart, and opening a zip package safely.

A ``.docx``/``.xlsx`` is a zip package, so a hostile one can be a zip bomb (a
few KB that expand to gigabytes), truncated, encrypted (Office stores those as
an OLE file) or not a package at all. ``office_kind`` names what the bytes are;
``check_package`` reads every member once, counting what it really expands to
against a cap, before any Office library sees the bytes.
"""

from __future__ import annotations

import io
import time
import zipfile
import zlib
from pathlib import Path

from forms.importing.reading import SourceError

MAX_FILE_BYTES = 20 * 1024 * 1024
"""The largest Office file read: a form with a scanned stamp is a few MB."""
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
"""The most a package may expand to, all members together (declared and actual)."""
MAX_XML_BYTES = 8 * 1024 * 1024
"""The most XML a package may hold, unpacked: a form's text is under 1 MB, and parsing 8 MB takes seconds
and a few hundred MB of memory (python-docx and openpyxl build the whole tree)."""
MAX_ROWS = 5000
"""Table rows and paragraphs read from one file: a form has about 60, a year of a bureau's forms a few
thousand. Caps the mapping's time too (about a second for this many)."""
MAX_MEMBERS = 2000
"""A Word or Excel file has a few dozen parts."""
MAX_SECONDS = 20.0
"""Reading one file stops with an error after this long."""

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORD_SUFFIXES = (".docx", ".docm", ".dotx")
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xltx")
OLD_WORD_SUFFIXES = (".doc", ".wps", ".dot", ".odt", ".rtf")
OLD_EXCEL_SUFFIXES = (".xls", ".et", ".ods")

ENCRYPTED = (
    "文件设置了打开密码（已加密），无法读取。请用 Word/WPS/Excel 输入密码打开它，"
    "在“文件 → 信息 → 保护文档（或工作簿）→ 用密码进行加密”中删去密码并保存，再导入"
)


class Deadline:
    """A time limit for reading one file, checked between steps (parsers cannot be interrupted)."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = MAX_SECONDS if seconds is None else seconds
        self.end = time.monotonic() + self.seconds
        self.rows = 0

    def count_row(self) -> None:
        """Count one table row (or paragraph with text) read, checking the time too."""
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise SourceError(f"内容超过 {MAX_ROWS} 行（表格行和段落），远多于申报表，已拒绝读取")
        self.check()

    def check(self) -> None:
        """Raise when the time is up."""
        if time.monotonic() > self.end:
            raise SourceError(f"读取超时（超过 {max(self.seconds, 0):.0f} 秒），文件过于庞大或结构异常，不像是申报表")


def office_kind(raw: bytes, path: Path) -> str | None:
    """``"docx"``, ``"xlsx"``, ``"doc"`` or ``"xls"`` (old formats, converted first), or ``None`` for text.

    Judged by content; the suffix only decides what a file that is neither says it should have been.

    Raises:
        SourceError: an encrypted Office file, or a Word/Excel suffix on something that is not one.
    """
    suffix = path.suffix.lower()
    if raw.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        names = _zip_names(raw)
        if names is None:
            if suffix in (*WORD_SUFFIXES, *EXCEL_SUFFIXES):
                raise SourceError(_damaged(suffix))
            return None  # the text reader calls it a zip file
        if any(name.startswith("word/") for name in names):
            return "docx"
        if any(name.startswith("xl/") for name in names):
            return "xlsx"
        if "content.xml" in names:  # OpenDocument (LibreOffice, WPS): converted like an old file
            return "xls" if b"opendocument.spreadsheet" in raw[:200] else "doc"
        if suffix in (*WORD_SUFFIXES, *EXCEL_SUFFIXES):
            raise SourceError(f"扩展名是 {suffix}，内容却是普通的压缩文件，缺少 Word/Excel 文档的内容，文件可能已损坏")
        return None
    if raw.startswith(OLE):
        return _ole_kind(raw, suffix)
    if suffix in (*WORD_SUFFIXES, *EXCEL_SUFFIXES):
        what = "Word 文档" if suffix in WORD_SUFFIXES else "Excel 工作簿"
        raise SourceError(
            f"扩展名是 {suffix}，内容却不是{what}（不是 zip 包），可能是改了扩展名的其他文件，或下载不完整。"
            f"请用 Word/WPS/Excel 打开原文件，另存为 {suffix} 后再导入"
        )
    return None


def _ole_kind(raw: bytes, suffix: str) -> str:
    # The storage names sit in the OLE directory as UTF-16LE; finding them needs no OLE parser.
    def has(name: str) -> bool:
        return name.encode("utf-16-le") in raw

    if has("EncryptedPackage") or has("EncryptionInfo"):
        raise SourceError(ENCRYPTED)
    if has("WordDocument"):
        return "doc"
    if has("Workbook") or has("Book"):
        return "xls"
    if suffix in (*OLD_EXCEL_SUFFIXES, *EXCEL_SUFFIXES):
        return "xls"
    if suffix in (*OLD_WORD_SUFFIXES, *WORD_SUFFIXES):
        return "doc"
    raise SourceError("这是旧版 Office 格式的文件，但看不出是 Word 文档还是 Excel 表格，无法读取")


def check_package(raw: bytes, what: str, deadline: Deadline) -> None:
    """Read every member of the zip package ``raw`` once, within the caps, without keeping it.

    The declared sizes are checked first (cheap), then the actual ones while
    decompressing, since a crafted zip may lie about its sizes.

    Raises:
        SourceError: damaged, encrypted members, too many members, or expanding past ``MAX_UNPACKED_BYTES``.
    """
    too_big = f"{what}解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB（可能是“压缩炸弹”），不像是申报表，已拒绝读取"
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise SourceError(f"{what}包含 {len(members)} 个部件，远多于正常文档，已拒绝读取")
            if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                raise SourceError(too_big)
            xml = sum(member.file_size for member in members if member.filename.endswith((".xml", ".rels")))
            if xml > MAX_XML_BYTES:
                raise SourceError(
                    f"{what}的文字内容有 {xml / 1024 / 1024:.0f} MB，远多于一份申报表（上限 "
                    f"{MAX_XML_BYTES // 1024 // 1024} MB），已拒绝读取"
                )
            total = 0
            for member in members:
                if member.flag_bits & 0x1:
                    raise SourceError(ENCRYPTED)
                with archive.open(member) as stream:
                    while chunk := stream.read(1 << 16):
                        total += len(chunk)
                        if total > MAX_UNPACKED_BYTES:
                            raise SourceError(too_big)
                        deadline.check()
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError):
        raise SourceError(_damaged(".docx" if what.startswith("Word") else ".xlsx")) from None


def _damaged(suffix: str) -> str:
    what = "Word 文档" if suffix in WORD_SUFFIXES else "Excel 工作簿"
    return (
        f"{what}已损坏或不完整（压缩包无法完整读出），可能没有下载或复制完整。"
        f"请用 Word/WPS/Excel 打开原文件，另存为 {suffix} 后再导入"
    )


def _zip_names(raw: bytes) -> list[str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
