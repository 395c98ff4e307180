"""``python3 -m tui``: the same as the ``shenbao`` command, for machines where scripts are not on PATH."""

import sys

from tui.cli import main

sys.exit(main())
