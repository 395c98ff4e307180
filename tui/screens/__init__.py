"""The app's screens: the drafts list, the editor and its parts, help, recovery, profile, summary,
viewer. May import forms, tui.folder, tui.editing, tui.sections and tui.widgets; never tui.cli.
"""
