"""What a finance-bureau reviewer would raise: the runner (``check``), money and indicator checks
(the 成本 figure is in ``indicators``) and the ``Finding`` type. Imports forms.model.declaration.
"""
