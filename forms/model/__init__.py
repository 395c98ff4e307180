"""What a declaration is: the model (``declaration``), the template (form vocabulary), money, dates,
指标值 (``indicator_value``), totals, table limits and field names in words. Imports only the standard
library, pydantic and itself.
"""
