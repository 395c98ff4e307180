"""Import filled-in 申报表 as drafts: from text (Word's “save as text”, ``|``-joined text), a saved web page,
a Word document or an Excel workbook (old .doc/.xls converted by LibreOffice when it is installed).

``import_text`` and ``import_file`` read forms; every format is cut into rows of
cells and mapped by one mapper (``import_rows``); ``FormImport.draft`` is the
draft, with everything that fit no field kept in ``draft.imported.leftovers``.
Writing the drafts and the report are the caller's (``tui.cli.import_``), so
this module can be used without touching the drafts folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from forms.importing import reading
from forms.importing.choose import choose_template
from forms.importing.forms_split import split_forms
from forms.importing.labels import Labels
from forms.importing.layouts import text_rows
from forms.importing.mapping import FormMapper
from forms.importing.office import MAX_FILE_BYTES, Deadline, check_package, office_kind
from forms.importing.reading import SourceError, decode, looks_like_html
from forms.importing.report import filled_fields, mostly_missing
from forms.importing.rows import Row
from forms.model.declaration import Declaration, Leftover
from forms.model.template import DEFAULT_TEMPLATE, load_template
from forms.store.safe_io import UnsafeFile, read_regular

__all__ = ["FileImport", "FormImport", "SourceError", "import_file", "import_office", "import_rows", "import_text"]

_PACKAGE_NAMES = {"docx": "Word 文档", "xlsx": "Excel 工作簿"}


@dataclass(slots=True)
class FormImport:
    """One form read from a file."""

    draft: Declaration
    """The draft, leftovers included."""
    first_line: int
    """The form's first line in the file."""
    last_line: int
    """The form's last line in the file."""
    notes: list[str] = field(default_factory=list)
    """Deviations from the template that were resolved (a renamed label, a title with a lost character)."""
    where: str = ""
    """The part of the file it is in, when the file has parts (an Excel worksheet: 工作表“…”)."""


@dataclass(slots=True)
class FileImport:
    """What one file gave."""

    path: Path
    """The file as given."""
    encoding: str = ""
    """The encoding its text was read in (blank when it could not be read, or was not text)."""
    kind: str = ""
    """What an Office file was read as (Word 文档, Excel 工作簿, and whether LibreOffice converted it)."""
    forms: list[FormImport] = field(default_factory=list)
    """The forms found, in file order."""
    error: str = ""
    """Why nothing could be imported from it (blank when something was)."""


def import_text(text: str, source: str, *, template_id: str | None = None, html: bool = False) -> list[FormImport]:
    """The forms in ``text``; ``source`` is the name recorded in each draft (a base name, not a path).

    ``template_id`` names the template the forms follow; ``None`` picks the one whose labels the text prints most.
    """
    chosen = template_id is None
    template_id = template_id or choose_template([text])
    template = load_template(template_id)
    if html:
        from forms.importing.htmltable import html_rows

        rows: list[Row] = html_rows(text, template)
    else:
        rows = text_rows(text, Labels(template))
    return import_rows(rows, source, template_id=template_id, chosen=chosen)


def import_rows(
    rows: list[Row], source: str, *, template_id: str | None = None, where: str = "", chosen: bool = False
) -> list[FormImport]:
    """The forms in ``rows`` (from text, a web page, a Word table or a worksheet), mapped by their labels.

    ``template_id`` ``None`` picks the template by the rows' text; ``chosen`` says it was picked so.
    """
    if template_id is None:
        chosen, template_id = True, choose_template(text for row in rows for text in row.texts)
    template = load_template(template_id)
    labels = Labels(template)
    found: list[FormImport] = []
    stray: list[Leftover] = []
    for form in split_forms(rows, labels):
        mapper = FormMapper(template, labels, source)
        draft = mapper.map(form.rows)
        assert draft.imported is not None
        if not _has_content(draft):
            # A title with no form under it: its text joins the next form (or the last one), never vanishes.
            stray.extend(draft.imported.leftovers)
            continue
        if chosen and template_id != DEFAULT_TEMPLATE:
            mapper.note(f"按栏目文字选用表样“{template.name}”（{template_id}），可用 --template 指定其他表样")
        found.append(FormImport(draft, form.first_line, form.last_line, mapper.notes, where))
        if stray:
            draft.imported.leftovers[:0] = stray
            stray = []
    if stray and found:
        assert found[-1].draft.imported is not None
        found[-1].draft.imported.leftovers.extend(stray)
    return found


def import_file(path: Path, *, template_id: str | None = None) -> FileImport:
    """Read every form in the file at ``path`` (text, web page, Word, Excel); never raises on the file's content."""
    if not os.path.lexists(path):
        return FileImport(path=path, error="找不到该文件")
    try:
        # The operator named this file: a link to it is followed wherever it points (read_regular alone
        # refuses links out of their folder, which guards the drafts folder, not a file named on purpose).
        raw = read_regular(Path(os.path.realpath(path)), MAX_FILE_BYTES, what="申报表")
        kind = office_kind(raw, path)
        if kind is not None:
            return import_office(path, raw, kind, template_id=template_id)
        if len(raw) > reading.MAX_BYTES:
            raise SourceError(f"文件过大（{len(raw) // 1024} KB），不像是申报表的文字")
        text, encoding = decode(raw)
    except UnsafeFile as problem:
        return FileImport(path=path, error=problem.reason)
    except SourceError as problem:
        return FileImport(path=path, error=str(problem))
    forms = import_text(text, path.name, template_id=template_id, html=looks_like_html(text))
    return _result(FileImport(path=path, encoding=encoding, forms=forms))


def import_office(path: Path, raw: bytes, kind: str, *, template_id: str | None = None) -> FileImport:
    """The forms in the Office file ``raw`` of ``kind`` (``office_kind``), its tables read cell by cell.

    Raises:
        SourceError: LibreOffice needed and missing, or a damaged, encrypted, oversized or too slow package.
    """
    from forms.importing.convert import convert
    from forms.importing.docx_rows import docx_rows
    from forms.importing.xlsx_rows import xlsx_sheets

    converted = ""
    if kind in ("doc", "xls"):
        raw = convert(raw, kind)
        converted = f"（由 {path.suffix or kind} 经 LibreOffice 转换）"
        kind = "docx" if kind == "doc" else "xlsx"
    deadline = Deadline()
    check_package(raw, _PACKAGE_NAMES[kind], deadline)
    template = load_template(template_id or DEFAULT_TEMPLATE)  # for the title lines; the labels come later
    forms: list[FormImport] = []
    if kind == "docx":
        forms = import_rows(docx_rows(raw, template, deadline), path.name, template_id=template_id)
    else:
        forms = _workbook_forms(xlsx_sheets(raw, template, deadline), path.name, template_id)
    return _result(FileImport(path=path, kind=_PACKAGE_NAMES[kind] + converted, forms=forms))


def _workbook_forms(sheets: list[tuple[str, list[Row]]], source: str, template_id: str | None) -> list[FormImport]:
    # A workbook often holds a form per sheet plus other sheets (a summary, lists). When some sheet holds a
    # real form, a sheet where most of a form was not recognised is something else: not made into a draft.
    per_sheet = [
        (sheet, import_rows(rows, source, template_id=template_id, where=f"工作表“{sheet}”")) for sheet, rows in sheets
    ]
    if not any(not mostly_missing(form.draft) for _, forms in per_sheet for form in forms):
        return [form for _, forms in per_sheet for form in forms]
    kept: list[FormImport] = []
    skipped: list[str] = []
    for sheet, forms in per_sheet:
        if forms and all(mostly_missing(form.draft) for form in forms):
            skipped.append(f"工作表“{sheet}”不像申报表（大部分栏目没有识别出来），未导入")
        else:
            kept.extend(forms)
    kept[0].notes.extend(skipped)
    return kept


def _result(result: FileImport) -> FileImport:
    if not result.forms and not result.error:
        result.error = "没有找到申报表的内容（没有“项目名称”“项目资金申请”等栏目）"
    return result


def _has_content(draft: Declaration) -> bool:
    # A form is there when a field beyond 年度 was filled; unrelated text gives only leftovers.
    filled, _ = filled_fields(draft)
    return bool(set(filled) - {"年度"})
