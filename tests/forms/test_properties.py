"""Properties over generated drafts and strings, hostile text included.

Every draft the model accepts round-trips through TOML unchanged and saves to
the same bytes twice; checks and both exports never raise on one, and every
amount that is not one is flagged under its own field; the exports let no
control character, escape sequence or bidi override through; date parsing
never raises anything but its own error on any text.

Amounts, the importer, rollover and the summary have their own files
(``test_properties_*.py``); what is drawn is in ``draft_strategies``, how many
and how in ``property_settings`` (quick and deterministic by default, 10,000
random drafts per property with ``SHENBAO_LONG=1``). Every failure a run has
found is an ``@example`` beside its property.
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from draft_strategies import DRAFTS, HOSTILE, KNOWN_FAILURES, issue17_draft, many_28_digit_lines
from hypothesis import event, example, given
from hypothesis import strategies as st
from property_settings import examples

from forms.checks.runner import check
from forms.model.dates import DateError, month_problem, parse_date, parse_month, parse_year, split_period
from forms.model.declaration import Declaration, new_declaration
from forms.model.money import amount_problem
from forms.render.formats import render
from forms.store.drafts import dumps, load_draft, loads, save_draft

_TERMINAL_CONTROLS = {chr(c) for c in range(0x20) if c != 0x0A} | {chr(c) for c in range(0x7F, 0xA0)}
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def replay_known_failures(test: Any) -> Any:
    """``@example`` every draft that once broke a property over drafts (``draft_strategies.KNOWN_FAILURES``)."""
    for draft in reversed(KNOWN_FAILURES):
        test = example(draft)(test)
    return test


@examples(80)
@given(DRAFTS)
@replay_known_failures
def test_every_draft_round_trips_through_toml_unchanged(draft: Declaration) -> None:
    text = dumps(draft)
    again = loads(text)
    assert same_content(again, draft)
    assert dumps(again) == text


@examples(25)
@given(DRAFTS)
@replay_known_failures
def test_every_draft_saves_and_loads_byte_identically(draft: Declaration) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.toml"
        save_draft(draft, path)
        first = path.read_bytes()
        assert same_content(load_draft(path), draft)
        save_draft(load_draft(path), path)
        assert path.read_bytes() == first


def same_content(loaded: Declaration, draft: Declaration) -> bool:
    """Equal drafts, the file format aside: a draft using a format-2 field is written (and read back) as format 2."""
    assert loaded.schema_version == max(draft.schema_version, draft.required_schema())
    return loaded.model_dump(exclude={"schema_version"}) == draft.model_dump(exclude={"schema_version"})


def _amount_cells(draft: Declaration) -> list[tuple[str, str]]:
    cells = [
        (f"{t}.total_{c}", getattr(getattr(draft, t), f"total_{c}"))
        for t in ("funding", "expenses")
        for c in ("last_year", "this_year")
    ]
    for i, row in enumerate(draft.funding.sources):
        cells += [(f"funding.sources.{i}.{c}", getattr(row, c)) for c in ("last_year", "this_year")]
    for i, line in enumerate(draft.expenses.lines):
        cells += [(f"expenses.lines.{i}.{c}", getattr(line, c)) for c in ("last_year", "this_year")]
    return cells


@examples(60)
@given(DRAFTS)
@example(issue17_draft())  # found by hypothesis (issue 17): InvalidOperation from quantize via the cost check
@example(many_28_digit_lines())  # issue 17: a sum of 28-digit lines overflowed the 28-digit default context
def test_checks_never_raise_and_flag_every_amount_under_its_field(draft: Declaration) -> None:
    findings = check(draft)
    event(f"template known: {draft.template == 'district-2021'}; findings: {min(len(findings), 10)}")
    for finding in findings:
        assert finding.severity in ("error", "warning")
        assert isinstance(finding.message, str) and finding.message
    flagged = {f.path for f in findings if f.severity == "error"}
    for path, text in _amount_cells(draft):
        if amount_problem(text) is not None:
            assert path in flagged, (path, text[:50])


@examples(40)
@given(DRAFTS, st.booleans(), st.sampled_from([None, "注意：本表未通过检查", "\x1b]0;x\x07[/]"]))
@example(issue17_draft(), False, None)
@example(many_28_digit_lines(), True, None)
def test_exports_never_raise_and_nothing_reaches_the_terminal(draft: Declaration, ascii: bool, banner: Any) -> None:
    for fmt in ("text", "md"):
        out = render(draft, fmt, ascii=ascii, banner=banner)
        assert out.endswith("\n")
        assert not (set(out) & _TERMINAL_CONTROLS), (fmt, sorted(set(out) & _TERMINAL_CONTROLS))
        assert not (set(out) & _BIDI), fmt
        if ascii and fmt == "text":
            assert not (set(out) & set("┌┐└┘├┤┬┴┼─│☑□"))


DATEISH = st.text(st.sampled_from("0123456789２０年月日号度.-/ ~—至到()（）全年"), max_size=20)


@examples(400)
@given(st.one_of(st.text(), DATEISH))
def test_date_parsing_accepts_or_explains(text: str) -> None:
    for parse in (parse_month, parse_date, parse_year):
        try:
            parse(text)
        except DateError as error:
            assert str(error)
    assert month_problem(text) is None or month_problem(text)
    start, end = split_period(text)
    assert isinstance(start, str) and isinstance(end, str)


def test_the_hostile_pieces_are_what_they_claim() -> None:
    # Guard against an editor "cleaning" this file: the pieces must stay raw.
    assert "\x1b[31m" in HOSTILE and "\u202e" in HOSTILE and "\x00" in HOSTILE
    assert all(unicodedata.category(c) != "Cs" for piece in HOSTILE for c in piece)
    assert new_declaration() == loads(dumps(new_declaration()))
