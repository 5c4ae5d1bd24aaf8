"""Writing a ``*.scope.json`` exchange file faithfully: every field, defaults included.

The file says ``format_version`` 2; a project that uses none of the fields version 2
added (a start date, a team size, cost and latency drivers) is written exactly as
version 1 wrote it, but for that number.

Exporting a project and importing the file gives back the same project. The
contract is docs/format.md ("The exchange file"); reading is
:mod:`scoping_app.store.importing`.
"""

from __future__ import annotations

import json
import os
from typing import Any

from scoping_app.domain.model import FORMAT, FORMAT_VERSION, Project, without_empty_additions
from scoping_app.store.files import write_atomically

__all__ = ["document", "dumps", "write_file"]

_EXACT_INT = 2**53  # integral floats below this are written as JSON integers


def document(project: Project) -> dict[str, Any]:
    """The exchange document for ``project``: every field written, defaults included, but
    for a field format version 2 added, which is left out while empty."""
    body = project.model_dump(mode="json", by_alias=True, exclude=without_empty_additions(project))
    return {"format": FORMAT, "format_version": FORMAT_VERSION, **_plain_numbers(body)}


def _plain_numbers(value: Any) -> Any:
    """Integral floats as JSON integers (5.0 -> 5); others keep their full precision."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < _EXACT_INT:
            return int(value)
        return value
    if isinstance(value, dict):
        return {name: _plain_numbers(item) for name, item in value.items()}
    if isinstance(value, list):
        return [_plain_numbers(item) for item in value]
    return value


def dumps(project: Project) -> str:
    """The file's text: UTF-8 JSON, indented by two, ending with a newline."""
    text = json.dumps(document(project), indent=2, ensure_ascii=False, allow_nan=False)
    return text + "\n"


def write_file(project: Project, path: str | os.PathLike[str]) -> None:
    """Write the project to ``path`` atomically: the old file stays whole until the new one is.

    Raises :class:`OSError` when the folder cannot be written; the target is then
    left as it was (see :func:`~scoping_app.store.files.write_atomically`).
    """
    write_atomically(path, dumps(project).encode("utf-8"))
