"""One draft open in the app: the session (lock, fingerprint, journal), its last save on exit, the
questions asked before opening and the SIGHUP/SIGTERM guard. Imports forms and tui.folder.
"""
