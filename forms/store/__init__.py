"""Files on disk: the atomic write (``files.write_atomic``), the safe reader (``safe_io``), drafts
load/save (``drafts``), the one rule for files a user names for output (``output``), locks, the recovery
journal, conflicts and the folder index. Imports forms.model, forms.checks and forms.render.width.
"""
