"""Where a field's findings are shown: on the line under the field's own line, once the operator has left it.

One rule for every kind of field (one-line, multi-line, pick, tick, table cell,
合计): the messages of the findings whose path is the field's, and an amount's
own reading problem, appear in a line under the line the field sits on — a
table row's own line, the line under the 合计 rows, or a line mounted under a
labelled field the first time it has something to say.

A field shows them once it is *revealed* (``Reveal``): the operator has left
it, it held text when its section was first shown, or 检查与导出 has been
reached. Until then nothing is red, so a new draft does not open in errors.
This is display only: the checks judge the whole draft exactly as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.widget import Widget

from forms.checks.runner import Finding
from tui.widgets.amount import AmountInput, ProblemLine
from tui.widgets.grid_row import GridRow


class RevealedPaths(set[str]):
    """A set of field paths that also knows every path above them (``expenses.lines.3`` above its cells).

    So asking whether a row has a revealed cell costs one look-up, not a pass
    over every path revealed (a table of 500 rows reveals thousands).
    """

    def __init__(self) -> None:
        super().__init__()
        self.above: set[str] = set()
        """Every proper dotted prefix of a path in the set."""

    def add(self, path: str) -> None:
        """Add one path."""
        super().add(path)
        head = path
        while "." in head:
            head = head.rpartition(".")[0]
            if head in self.above:
                break
            self.above.add(head)

    def update(self, *paths: Iterable[str]) -> None:  # type: ignore[override]
        """Add many paths."""
        for group in paths:
            for path in group:
                self.add(path)


class Reveal:
    """Which fields' findings the operator is shown: those left, those filled in before, or all."""

    def __init__(self) -> None:
        self.paths = RevealedPaths()
        """Paths of the fields revealed one by one."""
        self.all = False
        """检查与导出 was reached: every finding is shown from now on."""

    def shows(self, path: str) -> bool:
        """Whether a finding at ``path`` is shown (a row's finding once one of its cells was left)."""
        if self.all:
            return True
        if not path:
            return False
        return path in self.paths or path in self.paths.above

    def shown(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings the operator is shown now."""
        return [finding for finding in findings if self.shows(finding.path)]


def finding_text(finding: Finding) -> str:
    """A finding as its field's line says it."""
    return finding.message if finding.severity == "error" else f"警告：{finding.message}"


class FieldNotes:
    """The notes of one section: which line each field's messages go to, and what they say."""

    def __init__(self, section: Widget) -> None:
        self.section = section
        self.reveal = Reveal()
        self._messages: dict[str, list[str]] = {}  # finding messages by field path
        self._notes: dict[int, ProblemLine] = {}  # notes mounted under labelled lines, by line id
        self._owner: dict[str, int] = {}  # path -> the line (id) that says its findings (项目类型's ticks span three)

    def show(self, findings: Sequence[Finding], reveal: Reveal, fields: Sequence[Widget]) -> None:
        """Say the revealed findings of ``fields`` (the section's, in screen order) under their lines."""
        self.reveal = reveal
        self._messages = {}
        for finding in reveal.shown(findings):
            self._messages.setdefault(finding.path, []).append(finding_text(finding))
        lines: dict[int, tuple[Widget, list[Widget]]] = {}
        self._owner = {}
        for widget in fields:
            if isinstance(widget, AmountInput):
                widget.reveal(reveal.shows(widget.name or ""))
            line = self._line(widget)
            if line is None:
                continue
            lines.setdefault(id(line), (line, []))[1].append(widget)
            self._owner.setdefault(widget.name or "", id(line))
        for line, widgets in lines.values():
            self._say(line, widgets)

    def refresh_line(self, widget: Widget) -> None:
        """The field's text changed: say its line again (an amount may have become readable or not)."""
        line = self._line(widget)
        if line is not None:
            self.say(line)

    def say(self, line: Widget) -> None:
        """Say the messages of one line (a table row, or the section for its 合计 rows) again."""
        self._say(line, self._fields_of(line))

    def _say(self, line: Widget, widgets: list[Widget]) -> None:
        messages: list[str] = []
        for widget in widgets:
            path = widget.name or ""
            if isinstance(widget, AmountInput) and isinstance(line, GridRow):
                widget.reveal(self.reveal.shows(path))  # a table's row widget may now show another row
            if not self.reveal.shows(path):
                continue
            if isinstance(widget, AmountInput) and widget.problem:
                messages.append(widget.problem)
            if self._owner.get(path, id(line)) == id(line):
                messages += self._messages.get(path, [])
        note = self._note(line, bool(messages))
        if note is not None:
            note.show_problems(dict.fromkeys(messages))

    def _line(self, widget: Widget) -> Widget | None:
        # The line a field sits on: its table row, the 合计 rows (as one), or its labelled row.
        for node in widget.ancestors:
            if isinstance(node, GridRow) or (isinstance(node, Widget) and node.has_class("frow")):
                return node
            if isinstance(node, Widget) and node.has_class("total-row"):
                return self.section
            if node is self.section:
                return None
        return None

    def _fields_of(self, line: Widget) -> list[Widget]:
        if line is self.section:
            return [w for row in self.section.query(".total-row") for w in row.query("*") if w.name]
        return [w for w in line.query("*") if w.name]

    def _note(self, line: Widget, needed: bool) -> ProblemLine | None:
        if isinstance(line, GridRow):
            return line.problems
        if line is self.section:
            return getattr(self.section, "total_problems", None)
        note = self._notes.get(id(line))
        if note is None and needed and line.parent is not None:
            note = ProblemLine(classes="field-note")
            self._notes[id(line)] = note
            line.parent.mount(note, after=line)
        return note
