"""Repaint only the widgets an update touches: Textual's compositor, with each widget's clip cut to its own region.

To send an update, Textual renders every widget whose *clip* (the visible area
of its container) overlaps the changed region, not just those whose own region
does: a key typed in one field of the editor had every row of the section, the
stepper and the key line render their cached lines again (about 20 widgets,
2 ms per key on a small machine, half the time a bare Textual Input takes for
the whole key). The output is the same either way, since lines outside the
changed region are dropped afterwards.

Everywhere Textual reads the compositor's visible widgets it intersects the
region with the clip, so handing it the clip already cut to the region changes
nothing but the choice of widgets to render. This leans on one internal of
Textual 8 (the compositor's ``visible_widgets`` map): ``tighten`` checks that it
is there and leaves the screen's compositor alone otherwise.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget

try:  # an internal module of Textual; without it the screen keeps its own compositor
    from textual._compositor import Compositor
except ImportError:  # pragma: no cover - a Textual without it
    Compositor = None  # type: ignore[assignment,misc]

__all__ = ["tighten"]


if Compositor is not None and isinstance(getattr(Compositor, "visible_widgets", None), property):

    class TightCompositor(Compositor):  # type: ignore[misc,valid-type]
        """Textual's compositor whose visible widgets carry their clip already cut to their region."""

        @property
        def visible_widgets(self) -> dict[Widget, tuple[Region, Region]]:
            """Each visible widget's region, and the part of it its container lets show."""
            if self._visible_widgets is None:
                widgets = Compositor.visible_widgets.fget(self)  # type: ignore[attr-defined]
                self._visible_widgets = {
                    widget: (region, region.intersection(clip)) for widget, (region, clip) in widgets.items()
                }
            return self._visible_widgets

else:  # pragma: no cover - a Textual without the internals this relies on
    TightCompositor = None  # type: ignore[assignment,misc]


def tighten(screen: Screen) -> bool:
    """Give ``screen`` (before it is mounted) the tight compositor; False when this Textual cannot take it."""
    current = getattr(screen, "_compositor", None)
    if TightCompositor is None or type(current) is not Compositor or not hasattr(current, "_visible_widgets"):
        return False
    screen._compositor = TightCompositor()
    return True
