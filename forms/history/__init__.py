"""A drafts folder's history in git: commits on events, a draft's changes field by field, hand-in bundles.

``record(folder, paths, message, author=None)`` is what the rest of shenbao calls
after an event (定稿, 改回草稿, import, rollover, delete, a review); it does
nothing when the folder has no history. Everything here runs the git command
line (``forms.history.repo``); no git library, no daemon.
"""

from forms.history.commit import init_repo, operator, record
from forms.history.repo import GitMissing, HistoryError, NotARepo, is_repo

__all__ = ["GitMissing", "HistoryError", "NotARepo", "init_repo", "is_repo", "operator", "record"]
