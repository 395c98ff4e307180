"""The editor's section widgets, one module per section of the form, in the form's order.

Each section owns its slice of the draft (see ``tui.sections.base.Section``).
Nothing is imported here, so the drafts list paints before any of them loads.
"""
