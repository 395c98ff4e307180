"""What the property tests draw: hostile text, amounts of every kind, drafts, and the known failures.

Drafts are generated from the model's own fields (a new field is covered
without touching this file); amount fields draw from ``AMOUNTS`` half the time,
so huge, exponent-like, negative-zero and over-precise amounts come up in every
run rather than when random text happens to spell one. ``EXAMPLE_DRAFTS`` are
the seven real forms with amounts replaced, which get past the checks' early
exits (the 成本指标 check needs a budget and a cost row, for one).
"""

from __future__ import annotations

import typing
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st
from pydantic import BaseModel
from repo_paths import DRAFTS

from forms.model.declaration import SCHEMA_VERSION, Declaration, ExpenseLine, FundingRow, Indicator
from forms.model.template import DEFAULT_TEMPLATE, load_template
from forms.store.drafts import load_draft

HOSTILE = [
    "[/]", "[@click=app.quit]x[/]", "[bold red]红[/bold red]", "[link=file:///etc/passwd]x[/link]",
    "\x1b[31m", "\x1b[2J\x1b[H", "\x1b]0;已被接管\x07", "\x1b]8;;http://evil.example\x1b\\链接\x1b]8;;\x1b\\",
    "\x1bP+q\x1b\\", "\x9b6n", "\x1b", "\x1b[", "\u202e", "\u202d", "\u2066", "\u2069", "\u200b", "\u200f", "\ufeff",
    "\x00", "\x07", "\x08", "\r", "\r\n", "\n", "\t", "\x0b", "\x0c", "\x7f", "\x85", "\u2028", "\u2029",
    "|", "||", "**粗**", "<script>alert(1)</script>", "`", "```", "\\", '"', "'''", '"""', "# ", "- ", "1. ",
    "=", "---", "&amp;", "☑", "□", "┼", "é", "ｅ\u0301", "\U0001f600", "\U0010ffff", "\ufffd",
    "12.5", "１２．５万元", "1,234.5", "-3", "1e3", "2021.01", "2021年3月", "全年",
    "../", "..", "/etc/passwd", "C:\\Windows", "~", ".shenbao-index.json", "a/b",
]  # fmt: skip
"""Pieces of text that have broken terminals, markup, TOML, parsers or paths somewhere."""

_ANY_CHAR = st.characters(exclude_categories=("Cs",))  # TOML (and UTF-8) cannot hold unpaired surrogates
TEXT = st.one_of(
    st.text(_ANY_CHAR, max_size=30),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(_ANY_CHAR, max_size=4)), max_size=6).map("".join),
    st.integers(300, 3000).map(lambda n: ("很长的一行没有换行" * n)[:n]),
)
"""Field text: arbitrary characters, hostile pieces strung together, or one very long line."""

EDGE_AMOUNTS = [
    "1" + "0" * 28, "9" * 28, "9" * 29, "1000000000000", "1000000000000.000001", "999999999999.999999",
    "0.000001", "0.0000001", "1.0000000", "0.000000", "-0", "-0.0", "－０", "+5", "1e5", "1E+30", "1e-7",
    "Infinity", "-Infinity", "NaN", "sNaN", "0x10", "1_000", "٣", "1,000,000,000,000", "1,000,000,000,001",
    " 1 2 3 ", "１２．３４５６７８万元", "12.5万", "5000元", "9" * 40, "9" * 41, "0." + "0" * 38 + "1",
]  # fmt: skip
"""Amounts at and around every limit, and texts that look like numbers to someone."""

AMOUNTISH = st.text(st.sampled_from("0123456789０１２３４５６７８９.,，。．-+eE万元 \u3000\t_٣"), max_size=20)
"""Characters an amount is made of, in any order."""


def _fixed(places: int) -> st.SearchStrategy[str]:
    return st.integers(0, 10 ** (12 + places)).map(lambda n: format(Decimal(n).scaleb(-places), "f"))


VALID_AMOUNTS = st.integers(0, 6).flatmap(_fixed)
"""Every amount the parser accepts, from 0 to the ceiling, with 0 to 6 decimals."""

AMOUNTS = st.one_of(
    VALID_AMOUNTS,
    VALID_AMOUNTS.map(lambda s: f"{s}万元"),
    st.sampled_from(EDGE_AMOUNTS),
    st.integers(13, 60).flatmap(lambda n: st.text("0123456789", min_size=n, max_size=n)),
    st.integers(7, 40).flatmap(lambda n: st.text("0123456789", min_size=n, max_size=n).map(lambda d: f"1.{d}")),
    st.integers(41, 12_000).map(lambda n: "9" * n),
    AMOUNTISH,
)
"""Amount text: valid up to the ceiling, at every limit, huge, long, exponent-like, over-precise."""

_AMOUNT_FIELDS = {"last_year", "this_year", "total_last_year", "total_this_year"}


def _strategy_for(annotation: Any, owner: type[BaseModel], name: str) -> st.SearchStrategy[Any]:
    if owner is Declaration and name == "template":
        return st.one_of(st.just(DEFAULT_TEMPLATE), TEXT)
    if owner is Declaration and name == "schema_version":
        # A draft from a newer schema is refused by design, and versions start at 1.
        return st.integers(min_value=1, max_value=SCHEMA_VERSION)
    if annotation is str and name in _AMOUNT_FIELDS:
        return st.one_of(AMOUNTS, TEXT)
    if annotation is str and owner is Indicator and name == "value":
        return st.one_of(TEXT, AMOUNTS, AMOUNTS.map(lambda s: f"控制在{s}万元内"), AMOUNTS.map(lambda s: f"{s}元"))
    if annotation is str:
        return TEXT
    if annotation is int:
        return st.integers(-(2**63), 2**63 - 1)  # what TOML integers hold
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin is list:
        return st.lists(_strategy_for(args[0], owner, name), max_size=4)
    if origin is dict:
        return st.dictionaries(_strategy_for(args[0], owner, name), _strategy_for(args[1], owner, name), max_size=4)
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


EXAMPLES_FOLDER = DRAFTS
EXAMPLES = [load_draft(path) for path in sorted(EXAMPLES_FOLDER.glob("*.toml"))]
"""The seven real forms of the reference."""


def _damaged(example: int, edits: list[tuple[int, str]], many: list[str]) -> Declaration:
    # A real form with some amounts replaced and, sometimes, many more expense lines: deep into every check.
    draft = EXAMPLES[example % len(EXAMPLES)].model_copy(deep=True)
    cells = [(draft.funding, f"total_{c}") for c in ("last_year", "this_year")]
    cells += [(draft.expenses, f"total_{c}") for c in ("last_year", "this_year")]
    cells += [(row, c) for row in [*draft.funding.sources, *draft.expenses.lines] for c in ("last_year", "this_year")]
    for where, text in edits:
        setattr(*cells[where % len(cells)], text)
    draft.expenses.lines += [ExpenseLine(item=f"第{i}项", last_year=t, this_year=t) for i, t in enumerate(many)]
    return draft


EXAMPLE_DRAFTS = st.builds(
    _damaged,
    st.integers(0, len(EXAMPLES) - 1),
    st.lists(st.tuples(st.integers(0), AMOUNTS), max_size=6),
    st.one_of(st.just([]), st.lists(st.one_of(VALID_AMOUNTS, st.sampled_from(EDGE_AMOUNTS)), max_size=80)),
)
"""A real form with amounts replaced by anything in ``AMOUNTS``."""

DRAFTS = st.one_of(
    models(Declaration),
    st.builds(
        _on_template,
        models(Declaration),
        st.lists(st.tuples(TEXT, TEXT), min_size=len(_SOURCES), max_size=len(_SOURCES)),
    ),
    EXAMPLE_DRAFTS,
)
"""Any draft the model accepts."""


def issue17_draft() -> Declaration:
    """Found by ``test_checks_never_raise`` (issue 17): a 29-digit source with 合计 blank crashed every command."""
    draft = EXAMPLES[0].model_copy(deep=True)
    assert draft.project.name == "优化营商环境经费"
    draft.funding.total_this_year = ""
    draft.funding.sources[3].this_year = "1" + "0" * 28
    draft.performance.indicators.append(Indicator(level1="产出指标", level2="成本指标", name="成本", value="13万元"))
    return draft


def many_28_digit_lines() -> Declaration:
    """The second half of issue 17: a sum of 28-digit lines overflows the default 28-digit context."""
    draft = EXAMPLES[0].model_copy(deep=True)
    draft.expenses.total_this_year = ""
    draft.expenses.lines = [ExpenseLine(item=f"第{i}项", this_year="9" * 28) for i in range(40)]
    return draft


def digits_in_a_cost_value() -> Declaration:
    """Found reviewing issue 17: 10,000 digits without a unit in a 成本指标 value took the cost check 32 s."""
    draft = EXAMPLES[0].model_copy(deep=True)
    draft.performance.indicators.append(
        Indicator(level1="产出指标", level2="成本指标", name="成本", value="9" * 10_000)
    )
    return draft


KNOWN_FAILURES = [issue17_draft(), many_28_digit_lines(), digits_in_a_cost_value()]
"""Drafts that broke a property once; each property over drafts replays them as ``@example``."""
