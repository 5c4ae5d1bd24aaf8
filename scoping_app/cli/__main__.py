"""``python -m scoping_app.cli``: the command line, as the installed ``scoping-app`` runs it."""

import sys

from scoping_app.cli import main

sys.exit(main())
