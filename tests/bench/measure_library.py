"""The indicator picker's filter: time per key typed over a library of 2,000 entries (issue 20's target: < 10 ms).

The shipped library (~200 entries) is grown to ``size`` with what a unit's own
library and years of drafts add: the same indicators worded for other places
and programmes (“…（乡镇）”, “…（二期）”). Each query is typed one character at
a time, as in the picker, and every prefix is timed twice: ``Library.search``
alone (within the row's 二级 and across all), and the picker's whole refilter
(search, count line, list of matches rebuilt) in a headless app.
"""

from __future__ import annotations

import asyncio
import statistics
import time

from forms.model.template import load_template
from forms.workflows.library import Library, entry, shipped_library

QUERIES = (("服务对象满意度", "满意度"), ("质量指标", "系统正常"), ("时效指标", "线路 修复"), ("数量指标", "培训人次"))
"""(the row's 二级, what is typed) pairs; every prefix of the text is one key."""
VARIANTS = ("（乡镇）", "（社区）", "（二期）", "（本级）", "（分中心）", "（园区）", "（村级）", "（直属单位）")
VARIANTS += ("（延伸）",)


def grown_library(size: int = 2000) -> Library:
    """The shipped library, grown to ``size`` entries with place and phase variants of its names."""
    entries, kinds = shipped_library()
    grown = list(entries)
    for variant in VARIANTS:
        for item in entries:
            if len(grown) >= size:
                break
            grown.append(
                entry(
                    item.kind,
                    item.level1,
                    item.level2,
                    item.name + variant,
                    item.sign,
                    item.value,
                    unit=item.unit,
                    explanation=item.explanation,
                    keywords=list(item.keywords),
                )
            )
    return Library(grown[:size], kinds)


def _prefixes(text: str) -> list[str]:
    return [text[: n + 1] for n in range(len(text))]


def search_times(library: Library, runs: int) -> list[float]:
    """Seconds per key for ``Library.search``, within the row's 二级 and across all, every prefix, ``runs`` times."""
    samples: list[float] = []
    for _ in range(runs):
        for level2, text in QUERIES:
            for typed in _prefixes(text):
                for scope in (level2, None):
                    began = time.perf_counter()
                    library.search(typed, scope)
                    samples.append(time.perf_counter() - began)
    return samples


def refilter_times(library: Library, runs: int) -> list[float]:
    """Seconds per key for the picker's refilter (search and list rebuilt), headless at 80×24."""
    from textual.app import App
    from textual.widgets import Input

    from tui.widgets.indicator_picker import IndicatorPicker

    samples: list[float] = []

    async def run() -> None:
        app: App[None] = App()
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(runs):
                for level2, text in QUERIES:
                    picker = IndicatorPicker(library, level2)
                    await app.push_screen(picker)
                    await pilot.pause()
                    box = picker.query_one(Input)
                    for typed in _prefixes(text):
                        with box.prevent(Input.Changed):
                            box.value = typed
                        began = time.perf_counter()
                        picker.refilter()
                        samples.append(time.perf_counter() - began)
                    picker.dismiss(None)
                    await pilot.pause()

    asyncio.run(run())
    return samples


def picker_filter(runs: int = 5, size: int = 2000) -> dict[str, object]:
    """The raw samples: entries, keys, search and refilter seconds per key."""
    load_template("district-2021")  # parsed before timing, as in the editor
    library = grown_library(size)
    search = search_times(library, runs)
    refilter = refilter_times(library, max(1, runs // 2))
    return {"entries": len(library), "search": search, "refilter": refilter}


def summary(samples: list[float]) -> str:
    """Median and worst, in milliseconds."""
    return f"median {statistics.median(samples) * 1000:.2f} ms, max {max(samples) * 1000:.2f} ms"
