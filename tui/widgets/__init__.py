"""Widgets the screens and sections share: fields, amounts, choices, the grid, the stepper, footer
and dialogs. May import forms (for text width and safe text) and each other; no screen or section.
"""
