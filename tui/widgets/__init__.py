"""Widgets shared by the screens: confirmation, amounts, grids, the stepper."""
