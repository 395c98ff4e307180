"""Reading single cells whose text carries structure: tick boxes, 起止时间, the 审核意见 cell, 年度.

Each reader returns what it understood and the pieces it did not, so the
caller can keep those as leftovers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forms.importing.labels import fold
from forms.model.money import amount_problem, normalize

TICKED = "☑☒✓✔√■▣"
"""Marks an operator uses for a ticked box."""
UNTICKED = "□☐"
"""Marks of an empty box."""

_BOX = re.compile(f"([{TICKED}{UNTICKED}])")
_NUMBERING = re.compile(r"^\s*\d+\s*[.．、]\s*")
_SUBTYPES = re.compile(r"^\s*其中\s*[:：]?\s*")
_PERIOD_WORDS = re.compile(r"\s*(?:至|到|~|～|—+|–)\s*")
_DATE_LIKE = re.compile(r"\d{4}\s*(?:[.．/年-]\s*\d{1,2}\s*月?)?(?:\s*[.．/-]\s*\d{1,2}\s*日?)?")
_YEAR = re.compile(r"(\d{4})")
_CONTACT = re.compile(r"(?P<name>[^\d()（）+]*?)[\s,，、;；/:：]*[(（]?(?P<phone>\+?\d[\d\s\-－—()（）转]*\d)[)）]?")


@dataclass(frozen=True, slots=True)
class Box:
    """One tick box and the label printed beside it."""

    label: str
    """The label, numbering (“1.”) and “其中：” removed."""
    ticked: bool


def read_boxes(text: str) -> tuple[list[Box], str]:
    """The boxes in a cell (“新增项目□ 延续项目☑”, or “☑新增项目 □延续项目”) and any text beyond them.

    Whether a label comes before or after its box is decided by the cell: a
    cell that starts with a box puts labels after their boxes.
    """
    parts = _BOX.split(text)
    if len(parts) == 1:
        return [], text.strip()
    boxes: list[Box] = []
    prefix = not parts[0].strip()
    if prefix:
        # ["", box, label, box, label, …]
        for index in range(1, len(parts) - 1, 2):
            boxes.append(Box(_clean_label(parts[index + 1]), parts[index] in TICKED))
        return boxes, ""
    # [label, box, label, box, …, trailing]
    for index in range(0, len(parts) - 1, 2):
        boxes.append(Box(_clean_label(parts[index]), parts[index + 1] in TICKED))
    return boxes, parts[-1].strip()


def _clean_label(text: str) -> str:
    text = _SUBTYPES.sub("", _NUMBERING.sub("", text.strip()))
    return _SUBTYPES.sub("", text).strip(" \t\u3000:：,，;；、")


def split_period(text: str) -> tuple[str, str] | None:
    """Start and end of 项目起止时间 exactly as written (“2021.01-2021.12”), or ``None`` when it is not two dates."""
    pieces = _PERIOD_WORDS.split(text.strip())
    if len(pieces) == 2 and all(pieces):
        return pieces[0].strip(), pieces[1].strip()
    # Only hyphens: the one with a date on both sides (2021-01-2021-12 has three).
    for match in re.finditer(r"\s*[-－]\s*", text):
        start, end = text[: match.start()].strip(), text[match.end() :].strip()
        if _DATE_LIKE.fullmatch(start) and _DATE_LIKE.fullmatch(end):
            return start, end
    return None


def finance_opinion(text: str, seal: str, date_blank: str) -> str:
    """The 财政部门审核意见 cell without the printed “（盖章）” and the blank “年 月 日”.

    A filled-in date (“2021年3月1日”) is the reviewer's text and stays.
    """
    printed = re.compile("|".join(_loose_pattern(fold(label)) for label in (seal, date_blank)))
    kept = [printed.sub("", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in kept if line).strip()


def _loose_pattern(folded: str) -> str:
    # Folded labels are half-width; the cell may use either width, and any spacing.
    def one(char: str) -> str:
        if "!" <= char <= "~":
            return f"[{re.escape(char)}{re.escape(chr(ord(char) + 0xFEE0))}]"
        return re.escape(char)

    return r"\s*".join(one(char) for char in folded)


def split_contact(text: str) -> tuple[str, str] | None:
    """Name and phone of a “王芳 13800000000” cell; the name alone when there are no digits; else ``None``."""
    text = text.strip()
    match = _CONTACT.fullmatch(text)
    if match is not None:
        return match.group("name").strip(" \t\u3000,，、;；/:："), match.group("phone").strip()
    if not re.search(r"\d", text):
        return text, ""
    return None


_PRINTED = re.compile(
    r"[(（]\s*(?:盖章|签章|公章|签字|签名|章|签字盖章|盖章签字)\s*[)）]"
    r"|(?:金额)?单位\s*[:：]\s*(?:人民币)?万元"
    r"|(?<![0-9０-９〇零一二三四五六七八九十])年[\s\u3000]*月[\s\u3000]*日"
)


def strip_printed(text: str) -> str:
    """``text`` without the form's printed blanks (“（盖章）”, “单位：万元”, an unfilled “年 月 日”), stripped."""
    if not _PRINTED.search(text):
        return text.strip()
    return _PRINTED.sub(" ", text).strip(" \t\u3000:：,，;；")


_AMOUNT_UNIT = re.compile(r"\s*(?:万元|万)$")
_NUMBER = re.compile(r"\d+(?:[.．]\d+)?")
_ONE_AMOUNT = re.compile(r"\s*(?P<number>\d+(?:\.\d+)?)\s*(?:万元|万)?\s*(?P<rest>.*)", re.S)


def read_amount(text: str) -> tuple[str, str, bool]:
    """An amount cell (万元) read: the amount to keep, prose beside it, and whether it is unclear.

    “250” stays as written; “250万” or “250 万元” gives “250”; one number in 万
    with words around it (“30万元（含设备费）”) gives the number and the words;
    anything else (two numbers, 元 not 万元) is kept whole and marked unclear.
    """
    stripped = text.strip()
    if not stripped or amount_problem(stripped) is None:
        return _AMOUNT_UNIT.sub("", stripped), "", False
    folded = normalize(stripped)
    match = _ONE_AMOUNT.fullmatch(folded)
    if match is not None and len(_NUMBER.findall(folded)) == 1 and not match.group("rest").startswith("元"):
        rest = match.group("rest").strip("()（）,，;；、 ")
        if amount_problem(match.group("number")) is None:
            return match.group("number"), rest, False
    return stripped, "", True


def year_in(text: str) -> str | None:
    """The four-digit year in a line like “（2021 年度）”."""
    match = _YEAR.search(text)
    return match.group(1) if match else None


def split_items(texts: list[str]) -> list[str]:
    """Items of a multi-line cell: the numbering (“1.”, “（2）”) when every item has its own, and the ending “；。”."""
    numbered = all(_item_number(text, index) for index, text in enumerate(texts, start=1))
    items = []
    for index, text in enumerate(texts, start=1):
        if numbered:
            text = text[len(_item_number(text, index) or "") :]
        items.append(text.strip().rstrip("；;。，,、").strip())
    return items


def _item_number(text: str, index: int) -> str | None:
    circled = "①②③④⑤⑥⑦⑧⑨⑩"
    patterns = [rf"{index}\s*[.．、)）]\s*", rf"[（(]\s*{index}\s*[)）]\s*"]
    if index <= len(circled):
        patterns.append(rf"{circled[index - 1]}\s*")
    for pattern in patterns:
        match = re.match(pattern, text)
        if match:
            return match.group(0)
    return None
