"""Rows cut into forms: a new form at each title, or at a second 项目名称 when titles are missing."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from forms.importing.labels import Labels
from forms.importing.rows import Row


@dataclass(slots=True)
class FormRows:
    """The rows of one form."""

    rows: list[Row]

    @property
    def first_line(self) -> int:
        """The form's first line in the file."""
        return self.rows[0].line if self.rows else 0

    @property
    def last_line(self) -> int:
        """The form's last line in the file."""
        if not self.rows:
            return 0
        return max(n for cell in self.rows[-1].cells for n, _ in cell.pieces)


def split_forms(rows: list[Row], labels: Labels) -> list[FormRows]:
    """The forms in ``rows``, in file order; text before the first title goes with the first form."""
    starts = [index for index, row in enumerate(rows) if row.loose == "title"]
    if not starts or starts[0] != 0:
        starts = [0, *starts[1:]] if starts else [0]
    bounds = [*starts, len(rows)]
    forms: list[FormRows] = []
    for begin, end in pairwise(bounds):
        forms.extend(FormRows(part) for part in _cut_at_names(rows[begin:end], labels) if part)
    return forms


def _cut_at_names(rows: list[Row], labels: Labels) -> list[list[Row]]:
    # Forms copied without their titles still start with 项目名称: a second one starts a second form,
    # together with the 年度 and 填报单位 lines just above it.
    cuts = [0]
    seen = False
    for index, row in enumerate(rows):
        if not _names_project(row, labels):
            continue
        if seen:
            cut = index
            while cut > cuts[-1] + 1 and rows[cut - 1].loose in ("year", "unit"):
                cut -= 1
            cuts.append(cut)
        seen = True
    cuts.append(len(rows))
    return [rows[a:b] for a, b in pairwise(cuts)]


def _names_project(row: Row, labels: Labels) -> bool:
    for text in row.texts:
        if labels.key(text) == "name" or labels.split(text, strict=True)[0][0] == "name":
            return True
    return False
