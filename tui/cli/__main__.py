"""``python3 -m tui.cli``: the ``shenbao`` command."""

import sys

from tui.cli import main

sys.exit(main())
