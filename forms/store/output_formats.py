"""Output formats and their file suffixes: which format a file named for output is to be written in.

One table, ``OUTPUT_FORMATS``: a new writer's format (Word, Excel, an
indicator sheet) joins it with one line, and every writer then judges a
path's suffix against it the same way (``choose_format``). ``forms.store.output``
applies it with the rest of the output rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class OutputFormat:
    """A format a writer may produce: its ``--format`` name, its suffixes (the first is the default), its name."""

    name: str
    suffixes: tuple[str, ...]
    label: str
    ending: str = ""
    """A longer default ending than the suffix (``.指标.xlsx``), so a file sits beside another format's."""
    by_ending: bool = False
    """A bare suffix (``x.csv``) picks this format only when no other format claims it: its long ending does."""

    @property
    def default_ending(self) -> str:
        """What a file of this format is named with by default."""
        return self.ending or self.suffixes[0]

    @property
    def endings(self) -> tuple[str, ...]:
        """The long ending with each suffix (``.一体化.xlsx``, ``.一体化.json`` …); the suffixes without one."""
        if not self.ending:
            return self.suffixes
        stem = self.ending[: -len(self.suffixes[0])]
        return tuple(stem + suffix for suffix in self.suffixes)


OUTPUT_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("text", (".txt",), "文本"),
    OutputFormat("md", (".md", ".markdown"), "Markdown"),
    OutputFormat("csv", (".csv",), "CSV"),
    OutputFormat("docx", (".docx",), "Word"),
    OutputFormat("xlsx", (".xlsx",), "Excel"),
    OutputFormat("json", (".json",), "JSON"),
    # The indicator sheet sits beside the form's own .xlsx/.csv without replacing it.
    OutputFormat("indicators-xlsx", (".xlsx",), "一体化指标表（Excel）", ".指标.xlsx"),
    OutputFormat("indicators-csv", (".csv",), "一体化指标表（CSV）", ".指标.csv"),
    # One name, three forms: the file's suffix picks the web grid (.xlsx) or the system's fields (.json, .csv).
    OutputFormat("yitihua", (".xlsx", ".json", ".csv"), "一体化系统指标（Excel/JSON/CSV）", ".一体化.xlsx", True),
)
"""Every output format and its suffixes; a new writer's format joins with one line (two may share a suffix)."""

NOT_WRITTEN: dict[str, str] = {
    ".toml": "草稿",
    ".swp": "恢复日志",
    ".lock": "锁",
    ".doc": "Word 97-2003",
    ".wps": "WPS",
    ".xls": "Excel 97-2003",
    ".pdf": "PDF",
    ".html": "网页",
    ".htm": "网页",
}
"""Suffixes no writer produces: an export named ``x.toml`` would pass for a broken draft, ``x.pdf`` for a PDF."""


class OutputError(Exception):
    """A file that may not or could not be written; the message is plain Chinese and names the file."""


def suffix_of(fmt: str) -> str:
    """The ending a file of format ``fmt`` gets by default (``.txt`` for text, ``.指标.xlsx``)."""
    return _format(fmt).default_ending


def with_suffix(path: Path, fmt: str) -> Path:
    """``path`` with the ending of ``fmt``: a known ending is swapped, any other kept and the format's added."""
    name = path.name
    for ending in _LONG_ENDINGS:
        if name.lower().endswith(ending):
            return path.with_name(name[: -len(ending)] + suffix_of(fmt))
    if path.suffix.lower() in _SUFFIXES or path.suffix.lower() in NOT_WRITTEN:
        return path.with_name(path.stem + suffix_of(fmt))
    return path.with_name(name + suffix_of(fmt))


def choose_format(path: Path, offered: Sequence[str], *, explicit: str | None, default: str) -> str:
    """The format to write ``path`` in: ``explicit`` if the suffix agrees, else what the suffix says.

    A suffix no format claims (``report``, ``x.out``) takes ``explicit`` or
    ``default``; a suffix of another format than ``explicit`` is refused, and
    without ``explicit`` the suffix decides only when one offered format claims it.

    Raises:
        OutputError: the suffix contradicts ``explicit``, names a format this writer does not offer,
            is claimed by several, or is one no writer produces (``.toml``).
    """
    suffix = path.suffix.lower()
    if suffix in NOT_WRITTEN:
        raise OutputError(
            f"{path.name}：.{suffix[1:]} 是{NOT_WRITTEN[suffix]}文件的后缀，导出不写这种文件。{_hint(offered)}"
        )
    claimants = _by_ending(path.name.lower(), [f for f in _SUFFIXES.get(suffix, ()) if f in offered])
    if explicit is not None:
        if suffix in _SUFFIXES and explicit not in _SUFFIXES[suffix]:
            raise OutputError(
                f"{path.name}：后缀 {suffix} 与所选格式“{_format(explicit).label}”（{suffix_of(explicit)}）不符。"
                f"请把文件名改为 {with_suffix(Path(path.name), explicit).name}，或改用与后缀相符的格式。"
            )
        return explicit
    if suffix not in _SUFFIXES:
        return default
    if len(claimants) == 1:
        return claimants[0]
    if not claimants:
        label = _format(_SUFFIXES[suffix][0]).label
        raise OutputError(f"{path.name}：这里不能导出 {label}（{suffix}）文件。{_hint(offered)}")
    choices = "、".join(claimants)
    raise OutputError(f"{path.name}：后缀 {suffix} 可对应多种格式（{choices}），请用 --format 指定。")


def _format(name: str) -> OutputFormat:
    for fmt in OUTPUT_FORMATS:
        if fmt.name == name:
            return fmt
    raise ValueError(f"不支持的格式：{name}")


def _by_ending(name: str, claimants: list[str]) -> list[str]:
    # x.指标.xlsx is the indicator sheet and x.xlsx the form: the longest ending that fits decides.
    fitting = {f: max((len(e) for e in _format(f).endings if name.endswith(e)), default=0) for f in claimants}
    longest = max(fitting.values(), default=0)
    if not longest:
        # x.csv: a format that goes by its long ending steps back for one that takes the bare suffix.
        plain = [f for f in claimants if not _format(f).by_ending]
        return plain or claimants
    return [f for f in claimants if fitting[f] == longest]


def _hint(offered: Sequence[str]) -> str:
    return "可用的格式：" + "、".join(f"{_format(f).label}（{suffix_of(f)}）" for f in offered) + "。"


def _build_suffixes() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for fmt in OUTPUT_FORMATS:
        for suffix in fmt.suffixes:
            table[suffix] = (*table.get(suffix, ()), fmt.name)
    return table


_SUFFIXES = _build_suffixes()
_LONG_ENDINGS = sorted({e.lower() for f in OUTPUT_FORMATS if f.ending for e in f.endings}, key=len, reverse=True)
