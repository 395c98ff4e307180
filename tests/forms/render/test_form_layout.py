"""The form table on a template's grid: a layout is data, and a layout that does not fit says so."""

from __future__ import annotations

import io

import docx
import pytest

from forms.model.declaration import new_declaration
from forms.model.template import Layout, load_template
from forms.render import docx as render_docx
from forms.render.form_layout import LayoutError, office_text, place
from forms.render.form_table import FormGroup, form_table
from forms.render.parts import UNICODE_MARKS

TEMPLATE = load_template()


def test_every_cell_of_the_grid_belongs_to_exactly_one_region() -> None:
    draft = new_declaration(year="2021")
    placed = place(form_table(draft, TEMPLATE, UNICODE_MARKS), TEMPLATE.layout)
    covered: dict[tuple[int, int], int] = {}
    for n, region in enumerate(placed.regions):
        for row in range(region.top, region.bottom + 1):
            for col in range(region.left, region.right + 1):
                assert (row, col) not in covered
                covered[(row, col)] = n
    assert len(covered) == placed.rows * placed.columns


def test_the_group_labels_span_their_rows() -> None:
    parts = form_table(new_declaration(), TEMPLATE, UNICODE_MARKS)
    placed = place(parts, TEMPLATE.layout)
    groups = {r.paragraphs[0]: r for r in placed.regions if r.group}
    for part in parts:
        if isinstance(part, FormGroup):
            region = groups[part.label]
            assert region.bottom - region.top + 1 == len(part.rows())
    assert groups["单位已有的（或拟订的）保障项目实施的制度、措施"].right == 1  # two columns, as the layout says


def test_another_layout_is_data_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # A province whose form has one more column for 三级指标 and a wider label column: no code changes.
    shapes = dict(TEMPLATE.layout.shapes) | {"indicators": (1, 1, 3, 0), "quad": (1, 3, 1, 0)}
    layout = Layout(columns_cm=(1.5, 2.4, 2.0, 2.0, 2.0, 2.0, 1.6, 3.5), shapes=shapes)
    template = TEMPLATE.model_copy(update={"layout": layout})
    draft = new_declaration(year="2021")
    placed = place(form_table(draft, template, UNICODE_MARKS), layout)
    assert placed.columns == 8
    heads = [r for r in placed.regions if r.paragraphs == ["三级指标"]]
    assert [(r.left, r.right) for r in heads] == [(4, 6)]
    monkeypatch.setattr(render_docx, "template_of", lambda _draft: template)
    document = docx.Document(io.BytesIO(render_docx.render_docx(draft)))
    assert len(document.tables[0].columns) == 8


@pytest.mark.parametrize(
    "shapes",
    [{"pair": (1, 1)}, {"pair": (9, 0)}, {"pair": (0, 0)}, {"pair": ()}],
)
def test_a_layout_that_does_not_fit_its_grid_is_refused_plainly(shapes: dict[str, tuple[int, ...]]) -> None:
    layout = Layout(shapes=dict(TEMPLATE.layout.shapes) | shapes)
    with pytest.raises(LayoutError, match="pair"):
        place(form_table(new_declaration(), TEMPLATE, UNICODE_MARKS), layout)


def test_a_shape_the_layout_lacks_is_named() -> None:
    layout = Layout(shapes={k: v for k, v in TEMPLATE.layout.shapes.items() if k != "funding"})
    with pytest.raises(LayoutError, match="funding"):
        place(form_table(new_declaration(), TEMPLATE, UNICODE_MARKS), layout)


def test_office_text_holds_only_what_xml_can() -> None:
    assert office_text("a\x00\x01\x1b[1mb\ufffe\uffff\ud800") == "a␀␁b\ufffd\ufffd\ufffd"
    assert office_text("[bold]<x>&") == "[bold]<x>&"
