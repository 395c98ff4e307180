"""Filled-in forms read into drafts: Word and Excel files cell by cell (``docx_rows``, ``xlsx_rows``,
old formats through ``convert``), Word text, ``|``-joined text and saved web pages. ``importer`` is the
entry point; reading, rows, labels, tables and mapping its steps. Imports forms.model and forms.store.
"""
