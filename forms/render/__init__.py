"""A declaration drawn for people: ``formats`` (the entry point: text, Markdown, Word, Excel, the
一体化 indicator sheet), the shared form table and layout, the summary and its chart, and display width
and safe text (``width``). Imports forms.model and forms.checks; writing files is forms.store's.
"""
