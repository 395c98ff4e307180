"""The shenbao terminal app (``app``, ``screens``, ``sections``, ``widgets``, with ``folder`` and ``editing``
behind them) and its command line (``cli``, which imports only ``forms``). Textual is imported only when
the app itself starts.
"""
