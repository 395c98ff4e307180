"""Issue 6's targets: raw samples in, rows of figure / baseline / ratio / target / verdict out.

A row's verdict is ``PASS``, ``FAIL``, or ``info`` for figures that are only
reported. Time figures are medians; byte figures per key are means.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass

from forms.render.width import pad

QUICK_STARTUP_LIMIT = 2.0
"""``--quick`` exits 1 when a start-up ratio passes this while the 1-minute load average is under 1."""
ANIMATED = 3
"""A response in this many separate bursts or more is an animation (one update is one burst, maybe two)."""
HALF_SCREEN = 12
"""A Tab that rewrites this many rows or more scrolled the screen."""


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    item: str
    value: float | None
    unit: str
    baseline: float | None = None
    limit: float | None = None
    """The largest passing value: a ratio when there is a baseline, else an absolute figure."""
    note: str = ""
    startup: bool = False
    """A start-up ratio: ``--quick`` fails on these alone, past ``QUICK_STARTUP_LIMIT`` on a quiet machine."""

    @property
    def ratio(self) -> float | None:
        """``value / baseline`` (None without a baseline, or when either is missing or zero)."""
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def verdict(self) -> str:
        """PASS / FAIL against ``limit``, ``info`` when there is none, ``n/a`` when not measured."""
        if self.limit is None:
            return "info"
        measured = self.ratio if self.baseline is not None else self.value
        if measured is None:
            return "n/a"
        return "PASS" if measured <= self.limit + 1e-9 else "FAIL"

    def as_dict(self) -> dict[str, object]:
        """The row with its ratio and verdict, for JSON."""
        return {**asdict(self), "ratio": self.ratio, "verdict": self.verdict}


def median(values: list) -> float | None:
    """Median of the values that were measured (None entries skipped)."""
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def mean(values: list) -> float | None:
    """Mean of the measured values."""
    present = [v for v in values if v is not None]
    return statistics.fmean(present) if present else None


def startup_rows(s: dict) -> list[Row]:
    """Start-up: list ≤ 1.5×, editor ≤ 2× the bare Input app's paint."""
    bare = median(s["bare"])
    return [
        Row("bare Input app: first screen", bare, "s"),
        Row("shenbao: first frame with any text", median(s["first"]), "s", bare),
        Row("shenbao: list column headings painted", median(s["header"]), "s", bare),
        Row("shenbao: drafts list painted", median(s["list"]), "s", bare, 1.5, startup=True),
        Row("shenbao: open draft in editor", median(s["open"]), "s", bare, 2.0, "from Enter to editor painted"),
        Row("bare Input app: first screen bytes", median(s["bare_bytes"]), "B"),
        Row("shenbao: list first screen bytes", median(s["list_bytes"]), "B", median(s["bare_bytes"])),
        Row("shenbao: editor first screen bytes", median(s["editor_bytes"]), "B", median(s["bare_bytes"])),
    ]


def folder_rows(f: dict) -> list[Row]:
    """Start-up on the examples as an operator has them: cached, cold, with a stray file; each ≤ 1.5× the bare app."""
    bare = median(f["bare"])
    return [
        Row("bare Input app: first screen (folders)", bare, "s"),
        Row("list painted: examples, cached", median(f["cached"]), "s", bare, 1.5, "index built", startup=True),
        Row("list painted: examples, cold", median(f["cold"]), "s", bare, 1.5, "just copied, no index", startup=True),
        Row("list painted: examples + stray notes.toml", median(f["stray"]), "s", bare, 1.5, startup=True),
    ]


def imports_rows(i: dict) -> list[Row]:
    """Nothing the first screen does not need before it paints; subcommands never import Textual."""
    extra = i.get("not_needed_before_paint", [])
    textual = [name for name, loaded in i.get("subcommands", {}).items() if loaded]
    return [
        Row("modules imported before list paints", i["before_paint"]["modules"], "", note="info"),
        Row("later-only modules before paint", len(extra), "", limit=0, note=", ".join(extra[:6])),
        Row("subcommands importing Textual", len(textual), "", limit=0, note=", ".join(textual)),
    ]


def typing_rows(t: dict) -> list[Row]:
    """Bytes per typed character ≤ 1.1×, time to quiet ≤ 1.5× the bare Input (no blink)."""
    bare_bytes = mean([k["bytes"] for k in t["bare"]])
    bare_time = median([k["seconds"] for k in t["bare"]])
    return [
        Row("bare Input (default blink): bytes/char", mean([k["bytes"] for k in t["bare_blink"]]), "B"),
        Row("项目名称: bytes per typed character", mean([k["bytes"] for k in t["app"]]), "B", bare_bytes, 1.1),
        Row("项目名称: time to quiet per character", median([k["seconds"] for k in t["app"]]), "s", bare_time, 1.5),
        Row("slowest character", _slowest(t["app"]), "s", _slowest(t["bare"])),
        Row("主管部门: bytes per character", mean([k["bytes"] for k in t.get("app_other_field", [])]), "B", bare_bytes),
        Row("主管部门: time to quiet", median([k["seconds"] for k in t.get("app_other_field", [])]), "s", bare_time),
        Row("bytes in 3 s after last key", median(t["after_typing_bytes"]), "B", note="autosave / checks"),
    ]


def _slowest(keys: list[dict]) -> float:
    return max((k["seconds"] or 0.0) for k in keys)


def moving_rows(m: dict) -> list[Row]:
    """Tab median ≤ 4 KB and ≤ 30 ms; scrolling Tabs and section switches ≤ one full repaint, not animated."""
    walks: dict[str, list[dict]] = m["app"]
    tabs = [k for keys in walks.values() for k in keys]
    bare = m["bare"]
    scrolling = [k for k in tabs if k["rows"] >= HALF_SCREEN or k["frames"] >= ANIMATED]
    animated = [k for k in bare if k["frames"] >= ANIMATED]
    sections = "; ".join(f"§{int(i) + 1}: {_brief(keys)}" for i, keys in walks.items())
    switches = m["switches"]
    # A switch that paints in waves more than 50 ms apart is still one switch to the operator.
    whole = [{**s, "bytes": s["bytes"] + s.get("late", 0)} for s in switches]
    most = max((k["frames"] for k in bare), default=0)
    return [
        Row("bare app Tab: median bytes", _median_of(bare, "bytes"), "B", note=f"{m['fields']} Inputs"),
        Row("bare app Tab: median time to quiet", _median_of(bare, "seconds"), "s"),
        Row("bare app Tab that scrolls: median bytes", _median_of(animated, "bytes"), "B",
            note=f"{len(animated)} of {len(bare)} animated, up to {most} bursts"),
        Row("Tab: median bytes", _median_of(tabs, "bytes"), "B", limit=4096, note=sections),
        Row("Tab: median time to quiet", _median_of(tabs, "seconds"), "s", limit=0.030),
        Row("Tab that scrolls: max bytes / repaint", _worst(scrolling), "×", limit=1.0,
            note=f"{len(scrolling)} of {len(tabs)} Tabs rewrote ≥{HALF_SCREEN} rows or animated"),
        Row("Tab: most bursts (animation ≥3)", max((k["frames"] for k in tabs), default=None), "", limit=ANIMATED - 1),
        Row("section switch: max bytes / repaint (50 ms)", _worst(switches), "×", note=_brief(switches)),
        Row("section switch: with later waves / repaint", _worst(whole), "×", limit=1.0,
            note=f"up to {max((s.get('late', 0) for s in switches), default=0)} B came in waves >50 ms later"),
        Row("section switch: most bursts", max((s["frames"] for s in switches), default=None), "", limit=ANIMATED - 1),
    ]  # fmt: skip


def _median_of(responses: list[dict], key: str) -> float | None:
    return median([r[key] for r in responses])


def _brief(responses: list[dict]) -> str:
    """``median bytes, median ms`` of some key responses."""
    return f"{_median_of(responses, 'bytes') or 0:.0f} B, {1000 * (_median_of(responses, 'seconds') or 0):.0f} ms"


def _worst(responses: list[dict]) -> float | None:
    """The largest ratio of a response's bytes to a full repaint of its screen."""
    return max((r["bytes"] / r["repaint"] for r in responses if r.get("repaint")), default=None)


def idle_rows(i: dict) -> list[Row]:
    """Zero bytes per second while nobody types."""
    return [
        Row("bare Input (default blink): idle", i["bare_blink"], "B/s"),
        Row("bare Input (no blink): idle", i["bare"], "B/s"),
        Row("drafts list: idle", i["list"], "B/s", limit=0),
        Row("editor: idle", i["editor"], "B/s", limit=0),
    ]


def many_rows(d: dict, small: str, large: str) -> list[Row]:
    """List paints and scrolls ≤ 2× with many drafts; ≤ 200 MB."""
    s, b = d[small], d[large]

    def scroll(runs: list) -> float | None:
        return median([k["seconds"] for run in runs for k in run])

    return [
        Row(f"first frame, {large} drafts", median(b["first"]), "s", median(s["first"]), note=f"vs {small}"),
        Row(f"list painted, {large} drafts", median(b["paint"]), "s", median(s["paint"]), 2.0, f"vs {small}"),
        Row(
            f"list fully loaded, {large} (runs)",
            median(b["loaded"]),
            "s",
            median(s["loaded"]),
            note=" / ".join(f"{v:.1f}" if v is not None else "-" for v in b["loaded"]),
        ),
        Row(f"bytes sent until loaded, {large}", median(b["load_bytes"]), "B", median(s["load_bytes"])),
        Row(f"scroll key to quiet, {large}", scroll(b["scroll"]), "s", scroll(s["scroll"]), 2.0, f"vs {small}"),
        Row(f"peak memory, {large} drafts", max(b["rss"]), "MB", limit=200, note=f"{small}: {max(s['rss']):.0f} MB"),
    ]


def cli_rows(c: dict, e: dict) -> list[Row]:
    """``shenbao list``/``validate`` ≤ 2× parsing with tomllib (best of runs); export rates reported."""
    parse = min(c["parse"])
    rows = [
        Row("tomllib parse of every file", parse, "s"),
        Row("shenbao list", min(c["list"]), "s", parse, 2.0),
        Row("shenbao validate", min(c["validate"]), "s", parse, 2.0),
    ]
    if e:
        for fmt in ("text", "md"):
            rows.append(Row(f"export {fmt}: drafts per second", e[f"{fmt}_per_s"], "/s", note="render only"))
        rows.append(Row("load_draft: drafts per second", e["load_per_s"], "/s"))
    return rows


def percentile(values: list[float], share: float) -> float:
    """The value ``share`` of the samples are at or under (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def picker_rows(p: dict) -> list[Row]:
    """The indicator picker per key typed over the library (issue 20): search ≤ 10 ms at the 95th percentile."""
    n = p["entries"]
    search = [t * 1000 for t in p["search"]]
    refilter = [t * 1000 for t in p["refilter"]]
    return [
        Row(f"picker search per key, {n} entries, p95", percentile(search, 0.95), "ms", limit=10, note=_spread(search)),
        Row(f"picker refilter + list per key, {n}, p95", percentile(refilter, 0.95), "ms", note=_spread(refilter)),
    ]


def _spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f} ms, max {max(values):.2f} ms, {len(values)} keys"


def table_rows(t: dict) -> list[Row]:
    """Big tables (issue 18): F6 into 支出明细 and Tab there, each size against the 10-row table of a real form."""
    sizes = [str(size) for size in t["sizes"]]
    base = sizes[0]
    f6 = {size: _median_of(t["f6"][size], "seconds") for size in sizes}
    tab = {size: _median_of(t["tabs"][size], "seconds") for size in sizes}
    rows = []
    for size in sizes:
        against, limit = (None, None) if size == base else (f6[base], TABLE_LIMIT)
        rows.append(Row(f"F6 into 支出明细, {size} rows", f6[size], "s", against, limit, _brief(t["f6"][size])))
        against = None if size == base else tab[base]
        slowest = f"slowest {1000 * _slowest(t['tabs'][size]):.0f} ms"
        rows.append(Row(f"Tab in 支出明细, {size} rows: median", tab[size], "s", against, limit, slowest))
    return rows


TABLE_LIMIT = 2.0
"""A table of up to 500 rows opens, and Tabs, within this many times a real form's 10-row one."""


def table(rows: list[Row]) -> str:
    """The rows as an aligned plain-text table."""
    lines = [f"{'item':44} {'value':>11} {'baseline':>11} {'ratio':>7} {'target':>8}  verdict  note"]
    for row in rows:
        target = (
            "" if row.limit is None else f"≤{row.limit:g}×" if row.baseline is not None else _fmt(row.limit, row.unit)
        )
        target = target if not target or target.startswith("≤") else f"≤{target}"
        lines.append(
            f"{pad(row.item, 44)} {_fmt(row.value, row.unit):>11} {_fmt(row.baseline, row.unit):>11} "
            f"{'' if row.ratio is None else f'{row.ratio:.2f}':>7} {target:>8}  {row.verdict:7}  {row.note}"
        )
    return "\n".join(lines)


def _target(row: Row) -> str:
    if row.limit is None:
        return ""
    return f"≤{row.limit:g}×" if row.baseline is not None else f"≤{_fmt(row.limit, row.unit)}"


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"
    if unit in ("B", "B/s"):
        return f"{value:.0f} {unit}"
    return f"{value:.2f} {unit}".strip() if isinstance(value, float) and value % 1 else f"{value:.0f} {unit}".strip()
