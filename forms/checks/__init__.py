"""What a finance-bureau reviewer would raise: the runner (``check``), money and indicator checks
(the 成本 figure is in ``indicators``), the row limit per table (``limits``), the ``Finding`` type and
field paths in words (``field_names``). Imports forms.model.
"""
