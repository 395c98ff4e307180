"""Screens of the shenbao app: the drafts list, the editor and help."""
