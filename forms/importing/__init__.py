"""The parts of ``forms.importer``: reading a file, cutting it into rows and forms, mapping cells to fields.

Use ``forms.importer``; these modules are its internals:

- ``reading``: bytes to text (UTF-8, GB18030, UTF-16), and a plain refusal of Word, PDF and other binaries;
- ``rows``: text to rows of cells, for Word's tab-indented text, ``|``-joined and tab-separated lines;
- ``htmltable``: a saved web page to the same rows;
- ``labels``: the form's printed labels (and other units' variants), matched loosely;
- ``fields``: cells with structure of their own (tick boxes, 起止时间, the 审核意见 cell);
- ``forms_split``: rows cut into one list per form;
- ``mapping`` and ``tables``: one form's rows to a ``Declaration``, keeping every unmapped piece;
- ``report``: the per-form report the command prints.
"""
