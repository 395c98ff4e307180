"""Reading input files: encodings, and a plain refusal of what is not text (told by content, not suffix)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from forms.importing import reading
from forms.importing.importer import import_file
from forms.importing.reading import SourceError, decode, read_source

FORM = "项目支出预算绩效目标申报表\n（2021 年度）\n项目名称：档案数字化\n项目属性：新增项目☑ 延续项目□\n"


def zipped(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            # A fixed date: the bytes (and so the test's id) must be the same in every pytest worker.
            archive.writestr(zipfile.ZipInfo(name, date_time=(2021, 1, 1, 0, 0, 0)), "<xml/>")
    return buffer.getvalue()


def test_utf8_with_and_without_bom() -> None:
    assert decode(FORM.encode("utf-8")) == (FORM, "UTF-8")
    assert decode(b"\xef\xbb\xbf" + FORM.encode("utf-8")) == (FORM, "UTF-8（带 BOM）")


def test_gbk_and_utf16() -> None:
    text, encoding = decode(FORM.replace("☑", "√").encode("gbk"))
    assert text.startswith("项目支出") and encoding == "GB18030（GBK）"
    assert decode(FORM.encode("utf-16")) == (FORM, "UTF-16")


def test_windows_line_ends_are_folded() -> None:
    assert decode(b"a\r\nb\rc")[0] == "a\nb\nc"


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "空的"),
        (" \n\t\u3000\n".encode(), "没有文字"),
        (zipped("[Content_Types].xml", "word/document.xml"), "Word 文档（.docx）"),
        (zipped("xl/workbook.xml"), "Excel"),
        (zipped("notes.txt"), "压缩文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), ".doc"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"{\\rtf1\\ansi\\ansicpg936 ...}", "RTF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(20), "图片"),
        (b"ELF\x00\x01\x02" * 40, "不是文本文件"),
        (b"\x01\x02\x03\x04abc" * 40, "不是文本文件"),
        (b"abc\x81\x20" * 10, "无法识别文件的编码"),
    ],
)
def test_refusals_say_what_the_file_is(raw: bytes, words: str) -> None:
    with pytest.raises(SourceError) as caught:
        decode(raw)
    assert words in str(caught.value)


def test_docx_refusal_says_how_to_get_the_text() -> None:
    with pytest.raises(SourceError) as caught:
        decode(zipped("word/document.xml"))
    assert "另存为" in str(caught.value) and "纯文本" in str(caught.value)


def test_docx_with_a_txt_suffix_is_still_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "申报表.txt"
    path.write_bytes(zipped("word/document.xml"))
    result = import_file(path)
    assert result.forms == [] and "Word 文档结构有误" in result.error


def test_missing_file_folder_and_oversized(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "找不到" in import_file(tmp_path / "nope.txt").error
    assert "文件夹" in import_file(tmp_path).error
    big = tmp_path / "big.txt"
    big.write_text(FORM, encoding="utf-8")
    monkeypatch.setattr(reading, "MAX_BYTES", 10)
    assert "过大" in import_file(big).error


def test_html_is_recognised_by_content(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<!DOCTYPE html><html><body><table><tr><td>项目名称</td><td>甲</td></tr></table>", encoding="utf-8")
    assert read_source(path).html
    assert import_file(path).forms[0].draft.project.name == "甲"


def test_plain_text_mentioning_tables_is_not_html() -> None:
    assert not reading.looks_like_html("项目名称：甲\n说明：<table> 标签\n")
