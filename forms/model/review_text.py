"""How a draft's review state reads, without the form model (the drafts list glances at files before pydantic).

``forms.workflows.review`` takes the review steps; this module only words them.
"""

from __future__ import annotations

REVIEW_NAMES: dict[str, str] = {"returned": "退回", "approved": "通过", "reopened": "已重新打开"}
"""How each review state reads."""


def review_text(state: str, opinion: str = "", reviewer: str = "", date: str = "") -> str:
    """One line for the list's detail and the editor's notice: “退回：审核意见…（张三 2026-12-06 09:30）”.

    The opinion comes first: it is what the unit must act on, and what a narrow line must not cut.
    """
    if not state:
        return ""
    who = " ".join(part for part in (reviewer.strip(), date.strip()) if part)
    by = f"（{who}）" if who else ""
    name = REVIEW_NAMES.get(state, state)
    if state == "returned":
        return f"{name}：{opinion.strip() or '（未填写审核意见）'}{by}"
    if state == "reopened":
        reason = f"：{opinion.strip()}" if opinion.strip() else ""
        return f"审核通过后{name}{reason}{by}，须重新送审"
    return f"审核{name}{by}，已锁定；要修改须先重新打开"


def review_fields(data: object) -> tuple[str, str]:
    """(state, line) of the ``review`` table of a draft's raw TOML data; blank when there is none or it is odd."""
    if not isinstance(data, dict) or not isinstance(data.get("state"), str):
        return "", ""
    texts = [data.get(key, "") for key in ("opinion", "reviewer", "date")]
    opinion, reviewer, date = (text if isinstance(text, str) else "" for text in texts)
    return data["state"], review_text(data["state"], opinion, reviewer, date)
