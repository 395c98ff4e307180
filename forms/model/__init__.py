"""What a declaration is: the model (``declaration``), the template (form vocabulary), money, dates,
指标值 (``indicator_value``) and totals. Imports only the standard library, pydantic and itself: every
other forms package builds on it.
"""
