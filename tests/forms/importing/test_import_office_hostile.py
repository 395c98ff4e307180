"""Office files that are not forms, or not what they claim: a clear Chinese error, and nothing written.

Also the old formats (.doc/.wps/.xls): without LibreOffice the message says what
to install or how to save the file; with it (a fake ``soffice`` on PATH that
copies a prepared .docx) the converted file is imported.
"""

from __future__ import annotations

import datetime
import io
import os
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest
from office_forms import layout, write_docx
from repo_paths import REPO

from forms.importing import office
from forms.importing.importer import import_file
from forms.importing.xlsx_rows import cell_text
from forms.store.drafts import dumps, load_draft
from tui.cli import main

ROOT = REPO
SOURCE = ROOT / "drafts" / "政务大厅租金.toml"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def form_docx(tmp_path: Path) -> bytes:
    return write_docx(layout(load_draft(SOURCE)), tmp_path / "form.docx").read_bytes()


def refused(tmp_path: Path, name: str, raw: bytes, capsys: pytest.CaptureFixture[str]) -> str:
    """Import ``raw`` saved as ``name`` with the command; assert nothing was written; the error."""
    path = tmp_path / name
    path.write_bytes(raw)
    drafts = tmp_path / "drafts"
    status = main(["import", str(path), "--drafts", str(drafts)])
    out, err = capsys.readouterr()
    assert status == 2 and "共导入 0 份" in out and "Traceback" not in err
    assert not drafts.exists() or not any(drafts.iterdir())
    return err


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_word_document_that_is_not_a_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = write_docx(["会议纪要", "今天讨论了办公室搬迁。", ["时间", "地点", "", "", "", ""]], tmp_path / "x.docx")
    assert "没有找到申报表的内容" in refused(tmp_path, "纪要.docx", raw.read_bytes(), capsys)


def test_encrypted_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Office saves a password-protected .docx as an OLE file holding EncryptedInfo and EncryptedPackage.
    raw = OLE + bytes(500) + "EncryptionInfo".encode("utf-16-le") + bytes(60) + "EncryptedPackage".encode("utf-16-le")
    err = refused(tmp_path, "加密.docx", raw + bytes(2000), capsys)
    assert "打开密码" in err and "删去密码" in err


def test_truncated_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = form_docx(tmp_path)
    err = refused(tmp_path, "半截.docx", raw[: len(raw) // 2], capsys)
    assert "已损坏或不完整" in err and "另存为 .docx" in err


def test_a_docx_that_is_not_a_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(tmp_path, "假的.docx", "项目名称：某某\n".encode(), capsys)
    assert "内容却不是Word 文档" in err and "不是 zip 包" in err
    assert "内容却不是Excel 工作簿" in refused(tmp_path, "假的.xlsx", b"\x00\x01junk" * 10, capsys)


def test_a_zip_bomb_is_refused_by_declared_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = zip_of({"[Content_Types].xml": b"<x/>", "word/document.xml": bytes(office.MAX_UNPACKED_BYTES + 1)})
    assert len(bomb) < 200_000
    assert "压缩炸弹" in refused(tmp_path, "炸弹.docx", bomb, capsys)


def test_a_zip_bomb_lying_about_its_size_is_stopped_while_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(office, "MAX_UNPACKED_BYTES", 1_000_000)
    bomb = bytearray(zip_of({"word/document.xml": bytes(3_000_000)}))
    # Declare 1000 bytes in both the local header and the central directory.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = bomb.index(signature)
        bomb[at + offset : at + offset + 4] = (1000).to_bytes(4, "little")
    err = refused(tmp_path, "说谎.docx", bytes(bomb), capsys)
    assert "已损坏" in err or "压缩炸弹" in err


def test_too_many_members(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = zip_of({f"word/media/{n}.xml": b"" for n in range(office.MAX_MEMBERS + 1)})
    assert "个部件" in refused(tmp_path, "碎片.docx", raw, capsys)


def test_reading_stops_at_the_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "form.docx"
    path.write_bytes(form_docx(tmp_path))
    monkeypatch.setattr(office, "MAX_SECONDS", -1.0)
    assert "读取超时" in import_file(path).error


def old_word(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(OLE + bytes(500) + "WordDocument".encode("utf-16-le") + bytes(3000))
    return path


@pytest.fixture
def no_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.mark.usefixtures("no_soffice")
def test_old_formats_without_libreoffice_say_what_to_do(tmp_path: Path) -> None:
    for name in ("去年.doc", "去年.wps"):
        error = import_file(old_word(tmp_path, name)).error
        assert "apt-get install libreoffice-writer-nogui" in error and "Word 文档(*.docx)" in error
    xls = tmp_path / "去年.xls"
    xls.write_bytes(OLE + bytes(500) + "Workbook".encode("utf-16-le") + bytes(3000))
    error = import_file(xls).error
    assert "apt-get install libreoffice-calc-nogui" in error and "Excel 工作簿(*.xlsx)" in error


def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """Put a ``soffice`` script first on PATH: ``body`` runs with $OUT (the --outdir) and $IN (the input)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(
        "#!/bin/sh\n"
        'while [ $# -gt 0 ]; do case "$1" in --outdir) OUT="$2"; shift;; -*) ;; *) IN="$1";; esac; shift; done\n'
        + body
        + "\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")


def test_old_word_is_converted_by_libreoffice_and_imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prepared = tmp_path / "prepared.docx"
    prepared.write_bytes(form_docx(tmp_path))
    fake_soffice(tmp_path, monkeypatch, f'base=$(basename "$IN"); cp "{prepared}" "$OUT/${{base%.*}}.docx"')
    result = import_file(old_word(tmp_path, "去年.doc"))
    assert result.error == "" and "LibreOffice" in result.kind
    source = load_draft(SOURCE)
    got = result.forms[0].draft
    assert dumps(got.model_copy(update={"imported": source.imported})) == dumps(source)
    assert got.imported is not None and got.imported.source == "去年.doc"


def test_a_failed_or_slow_conversion_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_soffice(tmp_path, monkeypatch, 'case "$IN" in *) sleep "${DELAY:-0}";; esac; exit 1')
    assert "没能把它转换成 .docx" in import_file(old_word(tmp_path, "坏.doc")).error
    from forms.importing import convert

    monkeypatch.setenv("DELAY", "30")
    monkeypatch.setattr(convert, "TIMEOUT", 0.5)
    assert "转换超时" in import_file(old_word(tmp_path, "慢.doc")).error


class _Cell:
    def __init__(self, value: object, number_format: str = "General") -> None:
        self.value, self.number_format = value, number_format


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (48.588, "General", "48.588"),
        (25, "0.00", "25"),
        (0.1 + 0.2, "General", "0.3"),
        (0.9, "0%", "90%"),
        (0.955, "0.0%", "95.5%"),
        (datetime.datetime(2021, 1, 31), "yyyy-mm-dd", "2021-01-31"),
        ("=1+1", "@", "=1+1"),
        (True, "General", "是"),
    ],
)
def test_excel_values_read_as_typed(value: object, number_format: str, text: str) -> None:
    assert cell_text(_Cell(value, number_format)) == text


def test_more_rows_or_text_than_any_form_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "form.docx"
    path.write_bytes(form_docx(tmp_path))
    monkeypatch.setattr(office, "MAX_ROWS", 10)
    assert "内容超过 10 行" in import_file(path).error
    monkeypatch.setattr(office, "MAX_XML_BYTES", 1000)
    assert "文字内容" in import_file(path).error


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is optional; this runs where it is installed")
def test_real_libreoffice_converts_a_doc(tmp_path: Path) -> None:
    docx = tmp_path / "form.docx"
    docx.write_bytes(form_docx(tmp_path))
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    result = import_file(tmp_path / "form.doc")
    assert result.error == "" and result.kind == "Word 文档（由 .doc 经 LibreOffice 转换）"
    source = load_draft(SOURCE)
    assert dumps(result.forms[0].draft.model_copy(update={"imported": source.imported})) == dumps(source)


def test_a_fifo_is_refused_and_a_link_to_a_form_elsewhere_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "管道.docx"
    os.mkfifo(fifo)
    assert "命名管道" in import_file(fifo).error
    elsewhere = tmp_path / "共享盘"
    elsewhere.mkdir()
    form = elsewhere / "form.docx"
    form.write_bytes(form_docx(tmp_path))
    (tmp_path / "mine").mkdir()
    link = tmp_path / "mine" / "去年.docx"
    link.symlink_to(form)
    result = import_file(link)
    assert result.error == "" and result.forms[0].draft.imported is not None
    assert result.forms[0].draft.imported.source == "去年.docx"
