"""The parts of ``forms.importer``: reading a file, cutting it into rows and forms, mapping cells to fields.

Use ``forms.importer``; these modules are its internals:

- ``reading``: bytes to text (UTF-8, GB18030, UTF-16), and a plain refusal of PDF and other binaries;
- ``rows``: text to rows of cells, for Word's tab-indented text, ``|``-joined and tab-separated lines;
- ``htmltable``: a saved web page to the same rows;
- ``office``: Word/Excel/old formats told apart by content, and a zip package checked against bombs;
- ``docx_rows`` and ``xlsx_rows``: a Word document's tables and an Excel sheet to the same rows, cell by cell;
- ``convert``: .doc/.wps/.xls to .docx/.xlsx with LibreOffice, when it is installed;
- ``labels``: the form's printed labels (and other units' variants), matched loosely;
- ``fields``: cells with structure of their own (tick boxes, 起止时间, the 审核意见 cell);
- ``forms_split``: rows cut into one list per form;
- ``mapping`` and ``tables``: one form's rows to a ``Declaration``, keeping every unmapped piece;
- ``report``: the per-form report the command prints.
"""
