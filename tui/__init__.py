"""The shenbao terminal app and its command line.

The subcommands (``tui.cli``) import only ``forms``; Textual is imported only
when the app itself starts.
"""
