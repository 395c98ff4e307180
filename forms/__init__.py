"""The shenbao form model: declarations, templates, checks, storage, import and rendering.

Nothing in this package imports Textual: the command line and scripts use it
without paying for the UI.
"""

__version__ = "0.1.0"
