"""Old Word/WPS/Excel files (.doc, .wps, .xls, .et, OpenDocument) converted to .docx/.xlsx by LibreOffice.

LibreOffice is optional: without ``soffice`` on PATH the operator is told what
to install or how to save the file. The conversion runs in a temporary folder
with its own LibreOffice profile (a running LibreOffice would otherwise take
the job and return at once, or hold a lock), a time limit, and its process
group killed on timeout.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from forms.importing.office import MAX_FILE_BYTES
from forms.importing.reading import SourceError
from forms.store.safe_io import UnsafeFile, read_regular

TIMEOUT = 90.0
"""Seconds a conversion may take; LibreOffice's first start in a new profile takes several."""

_HOW = {
    "doc": (
        "这是旧版 Word/WPS 文档（.doc/.wps）或 OpenDocument 文档（.odt），需要 LibreOffice 才能直接读取。"
        "请安装 LibreOffice（Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui），"
        "或用 Word/WPS 打开它，选“文件 → 另存为”，保存类型选“Word 文档(*.docx)”，再导入那个 .docx 文件"
    ),
    "xls": (
        "这是旧版 Excel/WPS 表格（.xls/.et）或 OpenDocument 表格（.ods），需要 LibreOffice 才能直接读取。"
        "请安装 LibreOffice（Debian/Ubuntu：sudo apt-get install libreoffice-calc-nogui），"
        "或用 Excel/WPS 打开它，选“文件 → 另存为”，保存类型选“Excel 工作簿(*.xlsx)”，再导入那个 .xlsx 文件"
    ),
}
_TARGET = {"doc": "docx", "xls": "xlsx"}


def soffice() -> str | None:
    """The LibreOffice command on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(raw: bytes, kind: str, timeout: float | None = None) -> bytes:
    """The bytes of ``raw`` (an old ``"doc"`` or ``"xls"`` file) converted to .docx or .xlsx.

    Raises:
        SourceError: LibreOffice missing (saying what to do instead), failing, or too slow.
    """
    program = soffice()
    if program is None:
        raise SourceError(_HOW[kind])
    target = _TARGET[kind]
    with tempfile.TemporaryDirectory(prefix="shenbao-convert-") as folder:
        work = Path(folder)
        source = work / f"input.{kind}"
        source.write_bytes(raw)
        out = work / "out"
        out.mkdir()
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ]
        _run(command, TIMEOUT if timeout is None else timeout, work)
        try:
            return read_regular(out / f"input.{target}", MAX_FILE_BYTES, what=f".{target} 文件")
        except UnsafeFile:
            raise SourceError(
                f"LibreOffice 没能把它转换成 .{target}（文件可能已损坏或设置了密码）。{_HOW[kind].split('。', 1)[1]}"
            ) from None


def _run(command: list[str], timeout: float, work: Path) -> None:
    try:
        process = subprocess.Popen(
            command,
            cwd=work,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, so a timeout can stop all of LibreOffice
            env={**os.environ, "HOME": str(work)},
        )
    except OSError as problem:
        raise SourceError(f"无法启动 LibreOffice（{problem.strerror or problem}）") from None
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            pass
        process.wait()
        raise SourceError(
            f"LibreOffice 转换超时（超过 {timeout:.0f} 秒），请用 Word/WPS/Excel 另存为新格式后再导入"
        ) from None
