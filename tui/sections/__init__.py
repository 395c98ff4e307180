"""The editor's eight sections of the form, one module each, on ``base.Section``. May import forms
and tui.widgets.
"""
