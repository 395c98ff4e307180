"""Import filled-in 申报表 from text (Word's “save as text”, ``|``-joined text, a saved web page) as drafts.

``import_text`` and ``import_file`` read forms; ``FormImport.draft`` is the
draft, with everything that fit no field kept in ``draft.imported.leftovers``.
Writing the drafts and the report are the caller's (``tui.cmd_import``), so
this module can be used without touching the drafts folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from forms.importing.forms_split import split_forms
from forms.importing.labels import Labels
from forms.importing.mapping import FormMapper
from forms.importing.reading import Source, SourceError, read_source
from forms.importing.report import filled_fields
from forms.importing.rows import Row, to_rows
from forms.model import Declaration, Leftover
from forms.template import DEFAULT_TEMPLATE, load_template

__all__ = ["FileImport", "FormImport", "SourceError", "import_file", "import_text"]


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


@dataclass(slots=True)
class FileImport:
    """What one file gave."""

    path: Path
    """The file as given."""
    encoding: str = ""
    """The encoding its text was read in (blank when it could not be read)."""
    forms: list[FormImport] = field(default_factory=list)
    """The forms found, in file order."""
    error: str = ""
    """Why nothing could be imported from it (blank when something was)."""


def import_text(text: str, source: str, *, template_id: str = DEFAULT_TEMPLATE, html: bool = False) -> list[FormImport]:
    """The forms in ``text``; ``source`` is the name recorded in each draft (a base name, not a path)."""
    template = load_template(template_id)
    labels = Labels(template)
    if html:
        from forms.importing.htmltable import html_rows

        rows: list[Row] = html_rows(text, template)
    else:
        rows = to_rows(text, template)
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
        found.append(FormImport(draft, form.first_line, form.last_line, mapper.notes))
        if stray:
            draft.imported.leftovers[:0] = stray
            stray = []
    if stray and found:
        assert found[-1].draft.imported is not None
        found[-1].draft.imported.leftovers.extend(stray)
    return found


def import_file(path: Path, *, template_id: str = DEFAULT_TEMPLATE) -> FileImport:
    """Read every form in the file at ``path``; never raises on the file's content."""
    try:
        source: Source = read_source(path)
    except SourceError as problem:
        return FileImport(path=path, error=str(problem))
    forms = import_text(source.text, path.name, template_id=template_id, html=source.html)
    result = FileImport(path=path, encoding=source.encoding, forms=forms)
    if not forms:
        result.error = "没有找到申报表的内容（没有“项目名称”“项目资金申请”等栏目）"
    return result


def _has_content(draft: Declaration) -> bool:
    # A form is there when a field beyond 年度 was filled; unrelated text gives only leftovers.
    filled, _ = filled_fields(draft)
    return bool(set(filled) - {"年度"})
