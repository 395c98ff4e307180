"""Drafts on disk: one TOML file per project, read strictly, written atomically and deterministically.

Saving an unchanged draft gives the same bytes, so drafts diff well in git. A
file that cannot be read as a draft raises ``DraftError`` naming the file and
the line or field; callers must then leave that file alone.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from forms.model.declaration import Declaration

# Defined in forms.store.files (no pydantic there, for the app's start-up) and part of this module's API.
from forms.store.files import DRAFT_SUFFIX, DraftError, draft_paths, drafts_folder, file_mode, write_atomic  # noqa: F401

# The model-free reading lives in forms.store.glance (the drafts list uses it before pydantic is imported).
from forms.store.glance import MAX_DRAFT_BYTES, decode, key_line, read_draft_bytes, toml_data  # noqa: F401

HEADER = "# 项目支出预算绩效目标申报表 · shenbao 草稿（文件格式见 README）\n"
"""First line of every draft: tells a person opening the file what it is."""


def dumps(draft: Declaration) -> str:
    """The draft as TOML text, the same bytes for the same draft every time."""
    data = draft.model_dump(by_alias=True, exclude_none=True)
    # A format-1 draft stays format 1 (byte for byte) until it uses a format-2 field.
    data["schema"] = max(draft.schema_version, draft.required_schema())
    return HEADER + tomli_w.dumps(data)


def loads(text: str, path: Path | str = "<text>") -> Declaration:
    """Parse draft text.

    A leading byte-order mark is dropped; text nested deeper than any draft is refused unparsed.

    Raises:
        DraftError: not TOML, not a draft, from a newer schema, or a field of the wrong kind.
    """
    data = toml_data(text, path)
    try:
        return Declaration.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        loc = [str(part) for part in first["loc"]]
        field = ".".join(loc)
        key = next((part for part in reversed(loc) if not part.isdigit()), "")
        more = f"（另有 {error.error_count() - 1} 处问题）" if error.error_count() > 1 else ""
        raise DraftError(
            path, _explain(first["type"], field) + more, line=_key_line(text, key) if key else None, field=field
        ) from None


def load_draft(path: Path) -> Declaration:
    """Read one draft file.

    Raises:
        DraftError: the file is missing, not a regular file, too large, not UTF-8 or not a valid draft.
    """
    return loads_bytes(read_draft_bytes(path), path)


def loads_bytes(raw: bytes, path: Path | str = "<bytes>") -> Declaration:
    """Parse a draft file's bytes (UTF-8 TOML, with or without a byte-order mark).

    Raises:
        DraftError: not UTF-8, or as ``loads``.
    """
    return loads(decode(raw, path), path)


def save_draft(draft: Declaration, path: Path) -> None:
    """Write a draft atomically (see ``write_atomic``)."""
    write_atomic(path, dumps(draft).encode("utf-8"))


def file_name_for(name: str, folder: Path) -> Path:
    """A new, unused draft path in ``folder`` named after the project.

    Chinese is kept; separators, ``..``, control and reserved characters never
    reach the path; a clash gets a ``-2``, ``-3`` … suffix.
    """
    stem = _safe_stem(name)
    candidate = folder / f"{stem}{DRAFT_SUFFIX}"
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{stem}-{number}{DRAFT_SUFFIX}"
        number += 1
    return candidate


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_MAX_STEM = 60


def _safe_stem(name: str) -> str:
    text = unicodedata.normalize("NFC", name)
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    text = _UNSAFE.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" ._")
    return text[:_MAX_STEM].strip(" ._") or "未命名项目"


_file_mode = file_mode  # the name it had before it was public


_key_line = key_line  # the name it had before it moved


_EXPLAIN: dict[str, str] = {
    "extra_forbidden": "未知的字段 “{field}”（可能是拼写错误，或由较新版本写入）",
    "missing": "缺少字段 “{field}”",
    "string_type": "字段 “{field}” 应为文字（加引号），实为其他类型",
    "list_type": "字段 “{field}” 应为列表",
    "model_type": "字段 “{field}” 应为表格（键值对）",
    "model_attributes_type": "字段 “{field}” 应为表格（键值对）",
    "dict_type": "字段 “{field}” 应为表格（键值对）",
    "int_type": "字段 “{field}” 应为整数",
    "int_parsing": "字段 “{field}” 应为整数",
    "literal_error": "字段 “{field}” 的取值不在允许范围内",
    "greater_than_equal": "字段 “{field}” 的取值太小",
    "less_than_equal": "字段 “{field}” 的取值太大",
}


def _explain(error_type: str, field: str) -> str:
    template = _EXPLAIN.get(error_type, "字段 “{field}” 的内容不符合草稿格式")
    return template.format(field=field)


def as_data(draft: Declaration) -> dict[str, Any]:
    """The draft as plain data, as it is written to the file."""
    return draft.model_dump(by_alias=True, exclude_none=True)
