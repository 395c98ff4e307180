"""What ``shenbao summary --all-units`` prints: the table, its CSV or the checks alone, made again only when needed.

A reviewer asks for the same bureau's summary many times between two hand-ins.
``bureau_report`` looks at every unit's files (``forms.workflows.bureau_cache``);
when none changed since the last report made with the same options, that report
is the answer, and nothing is summed or laid out again. Otherwise the drafts are
listed (changed units through their index), summed (``forms.workflows.bureau_summary``),
checked (``forms.workflows.bureau_checks``) and laid out (``forms.render.bureau``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from forms.render.width import clean
from forms.workflows.bureau_cache import BureauCache
from forms.workflows.bureau_folder import unit_folders

Kind = Literal["text", "csv", "checks"]


@dataclass(frozen=True)
class ReportOptions:
    """How the report is asked for: everything its text depends on besides the drafts."""

    kind: Kind = "text"
    """The table (``text``), one CSV row per project (``csv``), or only the checks' lines (``checks``)."""
    year: int | None = None
    """The year summed up; the latest present when ``None``."""
    rise: Decimal = Decimal("0.2")
    """The rise (a fraction) above which a project without 测算依据 is named."""
    ascii: bool = False
    """Plain ASCII rules and ellipses."""
    width: int | None = 80
    """The table's width in cells; ``None`` for no limit."""
    bom: bool = False
    """CSV with a byte-order mark (for Excel)."""

    def key(self, folder: Path) -> list:
        """The options as the cache compares them (the folder as typed: it is printed when nothing is found)."""
        return [str(folder), self.kind, self.year, str(self.rise), self.ascii, self.width, self.bom]


def bureau_report(folder: Path, options: ReportOptions) -> tuple[str, bool]:
    """The report of the bureau ``folder``, and whether the reviewer's checks found something."""
    folder = Path(folder)
    cache = BureauCache(folder)
    for place in [folder, *unit_folders(folder)]:
        cache.unchanged("" if place == folder else place.name, place)
    kept = cache.report(options.key(folder))
    if kept is not None:
        return kept
    text, found = _made(folder, options, cache)
    cache.keep_report(options.key(folder), text, found)
    cache.save()
    return text, found


def _made(folder: Path, options: ReportOptions, cache: BureauCache) -> tuple[str, bool]:
    # Imported here: when the last report still holds, none of this is needed, and a summary starts faster without.
    from forms.render.bureau import check_lines, render_bureau_csv, render_bureau_text
    from forms.workflows.bureau import read_bureau
    from forms.workflows.bureau_checks import copied_sets, rises_without_basis
    from forms.workflows.bureau_summary import summarize_drafts

    summary = summarize_drafts(read_bureau(folder, cache), year=options.year, folder=folder)
    copied, rises = copied_sets(summary), rises_without_basis(summary, options.rise)
    checks = check_lines(copied, rises, options.rise)
    found = bool(copied or rises)
    if options.kind == "checks":
        return "\n".join(clean(line) for line in checks) + "\n", found
    if options.kind == "csv":
        return render_bureau_csv(summary, bom=options.bom), found
    if not summary.rows:
        which = f" {options.year} 年度的" if options.year is not None else ""
        return f"{clean(str(folder))} 的各单位中没有{which}草稿。\n", found
    return render_bureau_text(summary, checks, ascii=options.ascii, width=options.width), found
