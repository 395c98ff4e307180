"""Generate many realistic drafts from the example drafts, for the many-drafts benchmarks.

``python3 -m tests.bench.gen_drafts DIR [-n 10000] [--seed 6]`` writes N drafts
into DIR with ``forms.store.drafts.save_draft``. Each is one of the examples in
``drafts/`` (a built-in one if that folder is empty) with another unit, name,
year and scale of money; most are consistent, some carry the mistakes operators
make (a declared total that does not add up, an amount with a typo, a missing
phone number), a few are 定稿, and a very few files are not drafts at all.
The same seed gives the same drafts.
"""

from __future__ import annotations

import argparse
import random
import re
from decimal import Decimal
from pathlib import Path

from forms.model.declaration import Declaration, ExpenseLine, ScheduleRow, new_declaration
from forms.model.money import amount_or_none, format_amount
from forms.store.drafts import draft_paths, file_name_for, load_draft, save_draft

EXAMPLES = Path(__file__).resolve().parents[2] / "drafts"
UNITS = (
    *("区行政审批服务局", "区教育局", "区卫生健康局", "区交通运输局", "区农业农村局", "区民政局", "区文化和旅游局"),
    *("区住房和城乡建设局", "区生态环境分局", "区市场监督管理局", "区人力资源和社会保障局", "区财政局", "区水利局"),
    *("区司法局", "区应急管理局", "区城市管理局", "区体育局", "区科学技术局", "区自然资源分局", "区退役军人事务局"),
)
PHASES = ("", "", "", "（二期）", "（三期）", "（续建）", "（第一批）", "（第二批）", "（提升）", "（补短板）")
SCALES = tuple(Decimal(s) for s in ("0.5", "0.8", "1", "1", "1.2", "1.5", "2", "3"))
YEARS = ("2020", "2021", "2021", "2022", "2023", "2024", "2025")
BROKEN = ('schema = 1\nproject = { name = "未闭合\n', "这不是草稿文件\n", 'schema = 9\nyear = "2031"\n')
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "敏静伟芳娜秀英丽强磊军洋勇艳杰娟涛明超霞平刚"


def examples(folder: Path = EXAMPLES) -> list[Declaration]:
    """The example drafts to vary: every readable draft in ``folder``, else a built-in one."""
    found = []
    for path in draft_paths(folder):
        try:
            found.append(load_draft(path))
        except Exception:  # an unreadable example is simply not used
            continue
    return found or [builtin_example()]


def builtin_example() -> Declaration:
    """电子政务外网线路租赁 as in the reference forms (used when ``drafts/`` has no examples yet)."""
    draft = new_declaration(year="2021")
    draft.unit = "区行政审批服务局"
    p = draft.project
    p.name, p.attribute, p.department = "电子政务外网线路租赁", "延续项目", "区行政审批服务局"
    p.start, p.end = "2021.01", "2021.12"
    p.leader, p.leader_phone, p.liaison, p.liaison_phone = "胡敏", "5720008", "田静", "5720007"
    p.types, p.overview, p.basis = ["修缮类", "其他专项类"], "电子政务外网线路租赁", "电子政务外网线路租赁"
    draft.funding.total_last_year = draft.funding.total_this_year = "25"
    draft.funding.sources[-1].last_year = draft.funding.sources[-1].this_year = "25"
    draft.expenses.total_last_year = draft.expenses.total_this_year = "25"
    draft.expenses.total_basis = "电子政务外网线路租赁及维修"
    draft.expenses.lines = [ExpenseLine(item="1.维修（护）费", last_year="8", this_year="8"),
                            ExpenseLine(item="2.租赁费", last_year="17", this_year="17")]  # fmt: skip
    draft.implementation.measures = "合同"
    draft.implementation.schedule = [ScheduleRow(task="电子政务外网线路租赁及维修", start="2021.01", end="2021.12")]
    draft.performance.long_term_goal, draft.performance.annual_goal = "政务外网网速", "100兆"
    values = [("进驻窗口单位", "14个"), ("企业群众服务满意率", "90%"), ("政务外网全覆盖", "年底前"),
              ("控制在预算内", "25万元"), ("进驻窗口单位", "14个"), ("增加进驻窗口人员数量", "40名"),
              ("优化受理审批办结流程", "3个"), ("减少群众跑的次数", "1年"), ("群众满意度", "90%")]  # fmt: skip
    for row, (name, value) in zip(draft.performance.indicators, values, strict=False):
        row.name, row.value = name, value
    draft.sign_off.unit_head, draft.sign_off.filled_by, draft.sign_off.fill_date = "李强", "田静", "2021.03.05"
    return draft


def vary(example: Declaration, rng: random.Random, used: set[str]) -> Declaration:
    """A new draft from ``example``: another unit, name, year and scale; sometimes with a mistake."""
    draft = example.model_copy(deep=True)
    unit = rng.choice(UNITS)
    old_year, year = draft.year or "2021", rng.choice(YEARS)
    draft.year, draft.unit, draft.project.department = year, unit, unit
    name = f"{unit.removeprefix('区')}{example.project.name or '项目'}{rng.choice(PHASES)}"
    base, number = name, 1
    while name in used:  # a bureau numbers its repeats: “…（2）”
        number += 1
        name = f"{base}（{number}）"
    used.add(name)
    draft.project.name = name
    draft.project.leader = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(("", *GIVEN))
    draft.project.liaison = rng.choice(SURNAMES) + rng.choice(GIVEN)
    draft.project.leader_phone = f"57{rng.randrange(10**5):05d}"
    draft.project.liaison_phone = f"57{rng.randrange(10**5):05d}"
    _shift_years(draft, old_year, year)
    budget = draft.funding.total_this_year
    _scale_money(draft, rng.choice(SCALES) * Decimal(rng.randint(1, 4)))
    for row in draft.performance.indicators:
        if budget and "万元" in row.value:  # the 成本指标 names the budget: keep it equal to the new one
            row.value = row.value.replace(budget, draft.funding.total_this_year)
        elif "%" not in row.value:  # counts (14个, 40名) vary; rates stay rates
            row.value = re.sub(r"^\d+", lambda m: str(max(1, int(int(m.group()) * rng.uniform(0.5, 2)))), row.value)
    draft.state = "final" if rng.random() < 0.1 else "draft"
    _maybe_break(draft, rng)
    return draft


def _shift_years(draft: Declaration, old: str, new: str) -> None:
    def shift(text: str) -> str:
        return text.replace(old, new)

    p, s = draft.project, draft.sign_off
    p.start, p.end, s.fill_date = shift(p.start), shift(p.end), shift(s.fill_date)
    for row in draft.implementation.schedule:
        row.start, row.end = shift(row.start), shift(row.end)


def _scale_money(draft: Declaration, factor: Decimal) -> None:
    """Scale every amount and make the declared totals the sums again (0.01 万元 precision)."""

    def scaled(text: str) -> str:
        value = amount_or_none(text)
        return text if value is None else format_amount((value * factor).quantize(Decimal("0.01")).normalize())

    for table in (draft.funding.sources, draft.expenses.lines):
        for row in table:
            row.last_year, row.this_year = scaled(row.last_year), scaled(row.this_year)
    for part, rows in ((draft.funding, draft.funding.sources), (draft.expenses, draft.expenses.lines)):
        for column in ("last_year", "this_year"):
            values = [amount_or_none(getattr(row, column)) for row in rows]
            if any(v is not None for v in values) and getattr(part, f"total_{column}"):
                total = sum((v for v in values if v is not None), Decimal(0))
                setattr(part, f"total_{column}", format_amount(total.normalize()))


def _maybe_break(draft: Declaration, rng: random.Random) -> None:
    roll = rng.random()
    if roll < 0.08 and draft.funding.total_this_year:
        draft.funding.total_this_year = format_amount((amount_or_none(draft.funding.total_this_year) or 0) + 1)
    elif roll < 0.12 and draft.expenses.lines:
        draft.expenses.lines[0].this_year = draft.expenses.lines[0].this_year + "万"[: rng.randint(0, 1)] + "o"
    elif roll < 0.16:
        draft.project.leader_phone = ""


def generate(folder: Path, count: int, *, seed: int = 6, broken_share: float = 0.001) -> list[Path]:
    """Write ``count`` drafts into ``folder`` (a share of them unreadable files); returns their paths."""
    rng = random.Random(seed)
    bases = examples()
    used: set[str] = set()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        draft = vary(bases[index % len(bases)], rng, used)
        path = file_name_for(draft.project.name, folder)
        if rng.random() < broken_share:
            path.write_text(rng.choice(BROKEN), encoding="utf-8")
        else:
            save_draft(draft, path)
        paths.append(path)
    return paths


def main() -> None:
    """Command line: ``gen_drafts DIR [-n N] [--seed S]``."""
    parser = argparse.ArgumentParser(description="生成大量草稿用于性能测试")
    parser.add_argument("folder", type=Path)
    parser.add_argument("-n", "--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    paths = generate(args.folder, args.count, seed=args.seed)
    print(f"{len(paths)} drafts in {args.folder}")


if __name__ == "__main__":
    main()
