"""Properties of the importer: any text, real or damaged, never raises, and ``shenbao import`` writes only drafts.

``import_text`` is driven with arbitrary text, with the real forms of the
reference cut, joined and damaged, and with HTML; ``shenbao import`` is run on
files of such text (and arbitrary bytes) into a fresh drafts folder: it ends
with its documented exit status, no internal error, and every file it leaves
is a readable draft inside the drafts folder (or its ``.replaced/``), with the
source file untouched and nothing written anywhere else in the test's folder.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from draft_strategies import HOSTILE, TEXT
from hypothesis import event, example, given
from hypothesis import strategies as st
from property_settings import examples
from repo_paths import DATA

from forms.importing.importer import import_text
from forms.model.template import available_templates
from forms.store.drafts import dumps, load_draft, loads
from tui.cli import main

_REFERENCE = (DATA / "2021-declaration-forms.txt").read_text("utf-8").splitlines()
_NAMES = st.one_of(TEXT, st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4).map("".join))
FORMISH = st.lists(
    st.one_of(
        st.sampled_from(_REFERENCE),
        TEXT,
        st.sampled_from(["\t", "\t\t", "<tr><td>"]),
        _NAMES.map(lambda name: f"项目名称：{name}"),
    ),
    max_size=40,
)


def _mutated(start: int, length: int, edits: list[tuple[int, str]]) -> str:
    # A stretch of the real forms with lines replaced by other text: gets deep into the mapping.
    lines = _REFERENCE[start : start + length]
    for where, text in edits:
        if lines:
            lines[where % len(lines)] = text
    return "\n".join(lines)


_FORM_STARTS = [number for number, line in enumerate(_REFERENCE) if line.endswith("目支出预算绩效目标申报表")]
REAL_BUT_DAMAGED = st.builds(
    _mutated,
    st.one_of(st.sampled_from(_FORM_STARTS), st.integers(0, len(_REFERENCE) - 1)),
    st.integers(1, 300),
    st.lists(st.tuples(st.integers(0), st.one_of(TEXT, _NAMES.map(lambda n: f"项目名称：{n}"))), max_size=6),
)


@examples(40)
@given(st.one_of(st.text(), FORMISH.map("\n".join), FORMISH.map("\t".join)), st.booleans())
def test_import_never_raises_on_any_text(text: str, html: bool) -> None:
    for form in import_text(text, "来源.txt", html=html):
        assert loads(dumps(form.draft)) == form.draft


@examples(40)
@given(REAL_BUT_DAMAGED)
def test_import_never_raises_on_damaged_real_forms(text: str) -> None:
    found = import_text(text, "来源.txt")
    event(f"forms found: {min(len(found), 2)}")
    for form in found:
        assert loads(dumps(form.draft)) == form.draft


_LAYOUTS = {
    "cells on lines": lambda text: text.replace("\t", "\n"),
    "|-terminated": lambda text: "\n".join(line.replace("\t", "") + "|" for line in text.split("\n")),
    "|-stream": lambda text: "\n".join(line.strip() + "|" for line in text.split("\n") if line.strip()),
    "spaces": lambda text: text.replace("\t", "    "),
    "run together": lambda text: "\n".join("".join(line.split()) for line in text.split("\n")),
    "tab rows": lambda text: text.replace("\n\t", "\t"),
}
"""The real forms in the other text layouts the importer reads (roughly: damaged on purpose)."""


@examples(40)
@given(REAL_BUT_DAMAGED, st.sampled_from(sorted(_LAYOUTS)), st.sampled_from([None, *available_templates()]))
@example(_mutated(0, 142, []), "cells on lines", "2022-cost")  # format-2 columns: the draft is format 2
def test_import_never_raises_on_other_layouts(text: str, layout: str, template_id: str | None) -> None:
    found = import_text(_LAYOUTS[layout](text), "来源.txt", template_id=template_id)
    event(f"{layout}: forms found {min(len(found), 2)}")
    for form in found:
        assert loads(dumps(form.draft)) == form.draft


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


CONTENT = st.one_of(
    REAL_BUT_DAMAGED.map(lambda t: t.encode()),
    FORMISH.map(lambda lines: "\n".join(lines).encode()),
    st.binary(max_size=300),
)


@examples(15, 10_000)
@given(CONTENT, st.sampled_from([".txt", ".html", ".htm", ""]), st.booleans(), st.booleans())
@example("\n".join(_REFERENCE).replace("优化营商环境经费", "../../逃出去").encode(), ".txt", True, False)
@example("项目名称：/etc/passwd\n项目名称：..\n项目名称：.shenbao-index".encode(), ".txt", False, True)
def test_shenbao_import_writes_only_drafts_inside_the_drafts_folder(
    content: bytes, suffix: str, replace: bool, folder_exists: bool
) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        source = root / "来源" / f"申报表{suffix}"
        source.parent.mkdir()
        source.write_bytes(content)
        drafts = root / "草稿" / "drafts"
        if folder_exists:
            drafts.mkdir(parents=True)
        before = _tree(root)
        args = ["--drafts", str(drafts), "import", *(["--replace"] if replace else []), str(source)]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            codes = [main(args), main(args)]  # the second run meets the first one's names
        assert set(codes) <= {0, 1, 2}, codes
        assert "内部错误" not in err.getvalue(), err.getvalue()[-500:]
        after = _tree(root)
        made = {name: data for name, data in after.items() if name not in before}
        assert {name: after[name] for name in before} == before, "nothing there before was changed"
        event(f"drafts written: {min(len(made), 4)}")
        for name in made:
            path = root / name
            assert path.parent in (drafts, drafts / ".replaced"), name
            assert path.suffix == ".toml" and not path.name.startswith("."), name
            load_draft(path)
