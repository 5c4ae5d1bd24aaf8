"""The window: PySide6 widgets over the services.

PySide6, once imported, reads the source of every module imported after it (its
``__feature__`` check, an ``inspect.getsource`` per module). The Qt-free layers
the window runs on are imported here first, so they load before PySide6 does and
the check never reads them.
"""

from __future__ import annotations

import scoping_app.domain.completeness
import scoping_app.domain.messages
import scoping_app.services.database
import scoping_app.services.export
import scoping_app.services.projects
import scoping_app.services.templates  # noqa: F401  (all five: loaded before PySide6)
