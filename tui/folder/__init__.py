"""The drafts folder as the app sees it: the store (the only app code that touches draft files), new
drafts from old, each file's summary line and who else is editing. Imports forms; no Textual.
"""
