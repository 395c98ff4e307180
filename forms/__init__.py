"""The shenbao form model, in six packages: ``model`` (what a declaration is), ``checks``, ``render``,
``store`` (files on disk), ``importing``, and ``workflows`` over many drafts. Never imports ``tui`` or
Textual (tests/test_import_contract.py): the command line and scripts use it without the UI.
"""

__version__ = "0.1.0"
