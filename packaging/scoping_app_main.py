"""What the frozen bundle runs: the same command line as the installed ``scoping-app``."""

from __future__ import annotations

import sys

from scoping_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
