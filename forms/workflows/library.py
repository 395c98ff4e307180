"""The indicator library (指标库): indicators units write year after year, to pick from instead of typing.

Three sources make one ``Library``, in this order:

- the shipped file ``forms/library/indicators.toml``, grouped by kind of
  project (信息化运维, 网络线路租赁 …), each kind with the keywords that
  propose it for a project (``forms.workflows.proposal``);
- the unit's own ``_indicators.toml`` beside ``_profile.toml`` in the drafts
  folder, in the same format (the leading ``_`` keeps it out of the drafts list);
- every 三级指标 the unit has used in its drafts, with the value it used most
  (``IndicatorHelp.used``), so last year's own wording is found like the rest.

``Library.search`` is what the picker asks on every key typed: it scans
precomputed, case-folded text and never parses anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from forms.model.indicator_value import SIGNS, parse_indicator_value
from forms.model.template import Template
from forms.store.drafts import MAX_DRAFT_BYTES
from forms.store.safe_io import TomlProblem, UnsafeFile, parse_toml, read_regular, strip_bom
from forms.workflows.suggestions import IndicatorHelp

LIBRARY_FILE = Path(__file__).resolve().parent.parent / "library" / "indicators.toml"
"""The library shipped with shenbao."""
UNIT_LIBRARY = "_indicators.toml"
"""A unit's own library, in its drafts folder."""
STANDARDS = ("计划标准", "历史标准", "行业标准", "预算支出标准", "其他标准")
"""绩效标准, as the 一体化 system's 指标库 names them."""
USED_KIND = "本单位已用"
"""The kind of the indicators gathered from the unit's drafts."""
_FIELDS = ("level1", "level2", "name", "sign", "value", "unit", "explanation", "standard", "keywords")


class LibraryError(Exception):
    """A library file that cannot be read; the message is plain Chinese and names the file."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One indicator of the library."""

    kind: str
    level1: str
    level2: str
    name: str
    sign: str
    value: str
    unit: str = ""
    explanation: str = ""
    standard: str = ""
    keywords: tuple[str, ...] = ()
    haystack: str = field(default="", compare=False, repr=False)
    """Name, keywords and kind, case-folded: what a search looks in (the name first)."""
    name_length: int = field(default=0, compare=False, repr=False)
    """Length of the case-folded name at the start of ``haystack``."""

    @property
    def typed_value(self) -> str:
        """The 指标值 as an operator types it in a one-column form: ``≥95%``, ``12个``, ``年底前``."""
        if self.sign == "定性":
            return self.value
        sign = "" if self.sign == "＝" else self.sign
        return f"{sign}{self.value}{self.unit}" if self.value else ""


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of project: its name and the words that say a project is of this kind."""

    name: str
    keywords: tuple[str, ...]


def entry(kind: str, level1: str, level2: str, name: str, sign: str = "定性", value: str = "", **rest: object) -> Entry:
    """An ``Entry`` with its search text made."""
    keywords = tuple(str(word) for word in rest.pop("keywords", ()) or ())  # type: ignore[union-attr]
    folded = name.casefold()
    text = " ".join((folded, *keywords, kind)).casefold()
    return Entry(
        kind, level1, level2, name, sign, value, haystack=text, name_length=len(folded), keywords=keywords, **rest
    )  # type: ignore[arg-type]


class Library:
    """Entries and kinds, searchable by name or keyword within a 二级指标."""

    def __init__(self, entries: Iterable[Entry], kinds: Iterable[Kind] = ()) -> None:
        self.entries: list[Entry] = []
        """Every entry, without two of the same 二级 and 三级 name (the first source wins)."""
        seen: set[tuple[str, str]] = set()
        for item in entries:
            key = (item.level2, item.name)
            if key not in seen:
                seen.add(key)
                self.entries.append(item)
        self.kinds = list(kinds)
        """The kinds of project, in file order."""
        self._by_level2: dict[str, list[Entry]] = {}
        for item in self.entries:
            self._by_level2.setdefault(item.level2, []).append(item)

    def __len__(self) -> int:
        return len(self.entries)

    def search(self, typed: str, level2: str | None = None) -> list[Entry]:
        """Entries matching every word typed, under ``level2`` (all when ``None``), best first.

        A name starting with what was typed comes first, then a name holding
        it, then a keyword or the kind holding it; otherwise library order.
        """
        pool = self.entries if level2 is None else self._by_level2.get(level2, [])
        text = typed.strip().casefold()
        if not text:
            return list(pool)
        words = text.split()
        first: list[Entry] = []
        inside: list[Entry] = []
        other: list[Entry] = []
        single = len(words) == 1
        for item in pool:
            haystack = item.haystack
            if single:
                at = haystack.find(text)
                if at < 0:
                    continue
            elif all(word in haystack for word in words):
                at = haystack.find(text)
            else:
                continue
            # The name leads the haystack: a match starting at 0 starts the name, one inside it is in the name.
            inside_name = 0 <= at and at + len(text) <= item.name_length
            (first if at == 0 else inside if inside_name else other).append(item)
        return first + inside + other


def parse_library(text: str, source: str) -> tuple[list[Entry], list[Kind]]:
    """The entries and kinds of a library file's text.

    Raises:
        LibraryError: not TOML, or an indicator with a missing field, an unknown 计算符号 or 绩效标准.
    """
    try:
        data = parse_toml(text, what="指标库")
    except TomlProblem as problem:
        where = f"第 {problem.line} 行：" if problem.line else ""
        raise LibraryError(f"{source}：{where}{problem.reason}") from None
    entries: list[Entry] = []
    kinds: list[Kind] = []
    for number, group in enumerate(data.get("kinds", []), start=1):
        name = str(group.get("kind", "")).strip() if isinstance(group, dict) else ""
        if not name:
            raise LibraryError(f"{source}：第 {number} 个类别缺少 kind（类别名称）")
        kinds.append(Kind(name, tuple(str(word) for word in group.get("keywords", []))))
        for row, item in enumerate(group.get("indicators", []), start=1):
            entries.append(_entry(name, item, f"{source}：类别“{name}”第 {row} 条指标"))
    return entries, kinds


def _entry(kind: str, item: object, where: str) -> Entry:
    if not isinstance(item, dict):
        raise LibraryError(f"{where}不是一张表")
    unknown = set(item) - set(_FIELDS)
    if unknown:
        raise LibraryError(f"{where}：未知的栏目 “{sorted(unknown)[0]}”")
    for key in ("level1", "level2", "name", "sign"):
        if not str(item.get(key, "")).strip():
            raise LibraryError(f"{where}：缺少 {key}")
    if item["sign"] not in SIGNS:
        raise LibraryError(f"{where}：计算符号 “{item['sign']}” 应为 {' '.join(SIGNS)} 之一")
    standard = str(item.get("standard", ""))
    if standard and standard not in STANDARDS:
        raise LibraryError(f"{where}：绩效标准 “{standard}” 应为 {'、'.join(STANDARDS)} 之一")
    fields = {key: str(item.get(key, "")) for key in _FIELDS if key != "keywords"}
    return entry(kind, keywords=[str(word) for word in item.get("keywords", [])], **fields)


@cache
def shipped_library() -> tuple[tuple[Entry, ...], tuple[Kind, ...]]:
    """The library shipped with shenbao (read once)."""
    entries, kinds = parse_library(LIBRARY_FILE.read_text(encoding="utf-8"), LIBRARY_FILE.name)
    return tuple(entries), tuple(kinds)


def unit_library_text(folder: Path) -> str | None:
    """The text of the unit's own library in ``folder``; ``None`` when there is no file.

    Raises:
        LibraryError: the file exists but is not a readable UTF-8 file (a FIFO, a link out, too big …).
    """
    path = Path(folder) / UNIT_LIBRARY
    if not path.exists() and not path.is_symlink():
        return None
    try:
        # The safe reader: the folder is shared, and the file may be a FIFO, a device or a link out.
        return strip_bom(read_regular(path, MAX_DRAFT_BYTES, what="指标库")).decode("utf-8")
    except UnsafeFile as problem:
        raise LibraryError(f"{UNIT_LIBRARY}：{problem.reason}") from None
    except UnicodeDecodeError:
        raise LibraryError(f"{UNIT_LIBRARY}：不是 UTF-8 编码的文本") from None


def unit_library(folder: Path) -> list[Entry]:
    """The unit's own library in ``folder``; none when there is no file.

    Raises:
        LibraryError: the file exists but cannot be read as a library.
    """
    text = unit_library_text(folder)
    return [] if text is None else parse_library(text, UNIT_LIBRARY)[0]


def used_entries(help: IndicatorHelp, template: Template) -> list[Entry]:
    """The 三级指标 the unit's drafts use, as entries (一级 from the template, the most used value)."""
    level1 = {category: group.name for group in template.indicator_groups for category in group.categories}
    found: list[Entry] = []
    for level2, name, value, count in help.used():
        read = parse_indicator_value(value)
        sign, number, unit = (
            ("定性", value, "") if read is None or read.number is None else (read.sign, str(read.number), read.unit)
        )
        found.append(
            entry(USED_KIND, level1.get(level2, ""), level2, name, sign, number, unit=unit, keywords=[f"用过{count}次"])
        )
    return found


def build_library(template: Template, folder: Path | None = None, help: IndicatorHelp | None = None) -> Library:
    """The library an editor offers: the unit's own file, what its drafts used, then the shipped one.

    Raises:
        LibraryError: the unit's file cannot be read (the caller may fall back to ``build_library(template)``).
    """
    shipped, kinds = shipped_library()
    own = unit_library(folder) if folder is not None else []
    used = used_entries(help, template) if help is not None else []
    # What the unit writes comes first; a shipped entry of the same name keeps its explanation.
    keys = {(item.level2, item.name) for item in used}
    known = [item for item in shipped if (item.level2, item.name) in keys]
    rest = [item for item in shipped if (item.level2, item.name) not in keys]
    return Library([*own, *known, *used, *rest], kinds)
