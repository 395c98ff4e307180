"""Properties over generated drafts and strings, hostile text included.

Every draft the model accepts round-trips through TOML unchanged and saves to
the same bytes twice; checks and both exports never raise on one; the exports
let no control character, escape sequence or bidi override through; amount,
date and import parsing never raise anything but their own error on any text.

Drafts are generated from the model's own fields (a new field is covered
without touching this file). ``SHENBAO_EXAMPLES=N`` runs N examples of each
property instead of the moderate defaults (see notes/issue5-api.md for a long run).
"""

from __future__ import annotations

import os
import tempfile
import typing
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from forms.checks import check
from forms.dates import DateError, month_problem, parse_date, parse_month, parse_year, split_period
from forms.importer import import_text
from forms.model import SCHEMA_VERSION, Declaration, FundingRow, new_declaration
from forms.money import AmountError, amount_problem, parse_amount
from forms.render import render
from forms.storage import dumps, load_draft, loads, save_draft
from forms.template import DEFAULT_TEMPLATE, load_template

_OVERRIDE = int(os.environ.get("SHENBAO_EXAMPLES", "0"))


def examples(default: int) -> Any:
    """Hypothesis settings: ``default`` examples, or ``$SHENBAO_EXAMPLES`` for a long run."""
    return settings(
        max_examples=_OVERRIDE or default,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


HOSTILE = [
    "[/]", "[@click=app.quit]x[/]", "[bold red]红[/bold red]", "[link=file:///etc/passwd]x[/link]",
    "\x1b[31m", "\x1b[2J\x1b[H", "\x1b]0;已被接管\x07", "\x1b]8;;http://evil.example\x1b\\链接\x1b]8;;\x1b\\",
    "\x1bP+q\x1b\\", "\x9b6n", "\x1b", "\x1b[", "\u202e", "\u202d", "\u2066", "\u2069", "\u200b", "\u200f", "\ufeff",
    "\x00", "\x07", "\x08", "\r", "\r\n", "\n", "\t", "\x0b", "\x0c", "\x7f", "\x85", "\u2028", "\u2029",
    "|", "||", "**粗**", "<script>alert(1)</script>", "`", "```", "\\", '"', "'''", '"""', "# ", "- ", "1. ",
    "=", "---", "&amp;", "☑", "□", "┼", "é", "ｅ\u0301", "\U0001f600", "\U0010ffff", "\ufffd",
    "12.5", "１２．５万元", "1,234.5", "-3", "1e3", "2021.01", "2021年3月", "全年",
]  # fmt: skip
"""Pieces of text that have broken terminals, markup, TOML or parsers somewhere."""

_ANY_CHAR = st.characters(exclude_categories=("Cs",))  # TOML (and UTF-8) cannot hold unpaired surrogates
TEXT = st.one_of(
    st.text(_ANY_CHAR, max_size=30),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(_ANY_CHAR, max_size=4)), max_size=6).map("".join),
    st.integers(300, 3000).map(lambda n: ("很长的一行没有换行" * n)[:n]),
)
"""Field text: arbitrary characters, hostile pieces strung together, or one very long line."""


def _strategy_for(annotation: Any, owner: type[BaseModel], name: str) -> st.SearchStrategy[Any]:
    if owner is Declaration and name == "template":
        return st.one_of(st.just(DEFAULT_TEMPLATE), TEXT)
    if owner is Declaration and name == "schema_version":
        # A draft from a newer schema is refused by design, and versions start at 1.
        return st.integers(min_value=1, max_value=SCHEMA_VERSION)
    if annotation is str:
        return TEXT
    if annotation is int:
        return st.integers(-(2**63), 2**63 - 1)  # what TOML integers hold
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin is list:
        return st.lists(_strategy_for(args[0], owner, name), max_size=4)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return models(annotation)
    if type(None) in args:
        (inner,) = (a for a in args if a is not type(None))
        return st.none() | _strategy_for(inner, owner, name)
    raise TypeError(f"no strategy for {owner.__name__}.{name}: {annotation!r}")


def models(cls: type[BaseModel]) -> st.SearchStrategy[Any]:
    """Any instance of a model class, built field by field from its annotations."""
    fields = {name: _strategy_for(info.annotation, cls, name) for name, info in cls.model_fields.items()}
    return st.fixed_dictionaries(fields).map(lambda values: cls(**values))


_SOURCES = load_template(DEFAULT_TEMPLATE).funding_sources


def _on_template(draft: Declaration, amounts: list[tuple[str, str]]) -> Declaration:
    # Half the drafts keep the template's funding rows, as real ones do, so checks go past the row matching.
    rows = zip(_SOURCES, amounts, strict=True)
    draft.template = DEFAULT_TEMPLATE
    draft.funding.sources = [FundingRow(source=source, last_year=a, this_year=b) for source, (a, b) in rows]
    return draft


DRAFTS = st.one_of(
    models(Declaration),
    st.builds(
        _on_template,
        models(Declaration),
        st.lists(st.tuples(TEXT, TEXT), min_size=len(_SOURCES), max_size=len(_SOURCES)),
    ),
)
"""Any draft the model accepts."""

_TERMINAL_CONTROLS = {chr(c) for c in range(0x20) if c != 0x0A} | {chr(c) for c in range(0x7F, 0xA0)}
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


@examples(80)
@given(DRAFTS)
def test_every_draft_round_trips_through_toml_unchanged(draft: Declaration) -> None:
    text = dumps(draft)
    again = loads(text)
    assert again == draft
    assert dumps(again) == text


@examples(25)
@given(DRAFTS)
def test_every_draft_saves_and_loads_byte_identically(draft: Declaration) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.toml"
        save_draft(draft, path)
        first = path.read_bytes()
        assert load_draft(path) == draft
        save_draft(load_draft(path), path)
        assert path.read_bytes() == first


@examples(60)
@given(DRAFTS)
def test_checks_never_raise(draft: Declaration) -> None:
    findings = check(draft)
    event(f"template known: {draft.template == DEFAULT_TEMPLATE}; findings: {min(len(findings), 10)}")
    for finding in findings:
        assert finding.severity in ("error", "warning")
        assert isinstance(finding.message, str) and finding.message


@examples(40)
@given(DRAFTS, st.booleans(), st.sampled_from([None, "注意：本表未通过检查", "\x1b]0;x\x07[/]"]))
def test_exports_never_raise_and_nothing_reaches_the_terminal(draft: Declaration, ascii: bool, banner: Any) -> None:
    for fmt in ("text", "md"):
        out = render(draft, fmt, ascii=ascii, banner=banner)
        assert out.endswith("\n")
        assert not (set(out) & _TERMINAL_CONTROLS), (fmt, sorted(set(out) & _TERMINAL_CONTROLS))
        assert not (set(out) & _BIDI), fmt
        if ascii and fmt == "text":
            assert not (set(out) & set("┌┐└┘├┤┬┴┼─│☑□"))


AMOUNTISH = st.text(st.sampled_from("0123456789０１２３４５６７８９.,，。．-+eE万元 \u3000\t_٣"), max_size=20)


@examples(400)
@given(st.one_of(st.text(), AMOUNTISH))
def test_amount_parsing_accepts_or_explains(text: str) -> None:
    try:
        value = parse_amount(text)
    except AmountError as error:
        assert str(error)
        assert amount_problem(text) == str(error)
    else:
        assert value is None or (isinstance(value, Decimal) and value.is_finite() and value >= 0)
        assert amount_problem(text) is None


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


_REFERENCE = (Path(__file__).parent / "data" / "2021-declaration-forms.txt").read_text("utf-8").splitlines()
FORMISH = st.lists(
    st.one_of(st.sampled_from(_REFERENCE), TEXT, st.sampled_from(["\t", "\t\t", "<tr><td>"])), max_size=40
)


def _mutated(start: int, length: int, edits: list[tuple[int, str]]) -> str:
    # A stretch of the real forms with lines replaced by other text: gets deep into the mapping.
    lines = _REFERENCE[start : start + length]
    for where, text in edits:
        if lines:
            lines[where % len(lines)] = text
    return "\n".join(lines)


_FORM_STARTS = [number for number, line in enumerate(_REFERENCE) if line.endswith("目支出预算绩效目标申报表")]
REAL_BUT_DAMAGED = st.builds(
    _mutated,
    st.one_of(st.sampled_from(_FORM_STARTS), st.integers(0, len(_REFERENCE) - 1)),
    st.integers(1, 300),
    st.lists(st.tuples(st.integers(0), TEXT), max_size=6),
)


@examples(40)
@given(st.one_of(st.text(), FORMISH.map("\n".join), FORMISH.map("\t".join)), st.booleans())
def test_import_never_raises_on_any_text(text: str, html: bool) -> None:
    for form in import_text(text, "来源.txt", html=html):
        assert loads(dumps(form.draft)) == form.draft


@examples(40)
@given(REAL_BUT_DAMAGED)
def test_import_never_raises_on_damaged_real_forms(text: str) -> None:
    found = import_text(text, "来源.txt")
    event(f"forms found: {min(len(found), 2)}")
    for form in found:
        assert loads(dumps(form.draft)) == form.draft


def test_the_hostile_pieces_are_what_they_claim() -> None:
    # Guard against an editor "cleaning" this file: the pieces must stay raw.
    assert "\x1b[31m" in HOSTILE and "\u202e" in HOSTILE and "\x00" in HOSTILE
    assert all(unicodedata.category(c) != "Cs" for piece in HOSTILE for c in piece)
    assert new_declaration() == loads(dumps(new_declaration()))
