"""Amount fields in 万元: they accept what operators type and keep what they cannot read.

``AmountInput`` takes any text (the draft stores text, so a typo is kept and
saved); when ``forms.model.money`` cannot read it as an amount, the field is marked
invalid and its Chinese message is shown by the ``ProblemLine`` under its line,
once the operator has left it (``tui.sections.notes``).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.widgets import Static

from forms.model.money import amount_problem
from tui.widgets.field import TextField, visible


class AmountInput(TextField):
    """A text field for an amount in 万元; anything may be typed, bad text is flagged, never dropped."""

    revealed = False
    """The operator is shown the problem (``tui.sections.notes``): marked red and said under the line."""

    def __init__(self, value: str = "", *, name: str | None = None, placeholder: str = "", classes: str = "") -> None:
        super().__init__(value, placeholder=placeholder, name=name, classes=classes)
        self.problem: str | None = amount_problem(value)
        """Why the text is not an amount (Chinese), or ``None`` when it is fine or blank."""

    def reveal(self, revealed: bool) -> None:
        """Show (or not yet) whether the text is an amount."""
        self.revealed = revealed
        self.set_class(revealed and self.problem is not None, "-invalid")

    def watch_value(self, value: str) -> None:
        """Re-judge the text on every change (cheap: a regular expression or two)."""
        self.problem = amount_problem(value)
        self.set_class(self.revealed and self.problem is not None, "-invalid")


class ProblemLine(Static):
    """The messages of the amount fields beside it; hidden while there are none."""

    DEFAULT_CSS = """
    ProblemLine {
        color: $text-error;
        height: auto;
        display: none;
        &.-shown { display: block; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self.messages: tuple[str, ...] = ()
        """The messages shown now."""

    def show_problems(self, problems: Iterable[str | None]) -> None:
        """Show every message given (``None`` entries are skipped); hide when none."""
        messages = tuple(problem for problem in problems if problem)
        if messages == self.messages:
            return
        self.messages = messages
        # The messages quote what was typed: literal content, never markup.
        self.update(Content(visible("\n".join(messages), keep_newlines=True)))
        self.set_class(bool(messages), "-shown")
