"""Who changed what: the author of edits, each edit told in words, and the history of a
project as the command line prints it and the window exports it."""

from __future__ import annotations

import csv
import getpass
import io
import os
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoping_app.store.files import write_atomically
from scoping_app.store.history import EditEntry

if TYPE_CHECKING:
    from scoping_app.domain.model import Project

__all__ = [
    "AUTHOR_VARIABLE",
    "EditEntry",
    "clean_author",
    "default_author",
    "describe_change",
    "history_json",
    "history_text",
    "local_time",
    "write_history",
]

AUTHOR_VARIABLE = "SCOPING_APP_AUTHOR"
UNKNOWN_AUTHOR = "Someone"
AUTHOR_LIMIT = 100  # characters of a name
NAMES_SHOWN = 3  # items named per part; the rest are counted

_PART_WORDS = {
    "info": "Project details",
    "process_steps": "Process steps",
    "data_sources": "Data sources",
    "metrics": "Metrics",
    "capabilities": "Capabilities",
    "failure_modes": "Failure modes",
    "decisions": "Decisions",
    "risks": "Risks",
    "slices": "Slices",
}


def clean_author(name: str) -> str:
    """A name on one line, without surrounding spaces, at most 100 characters ("" stays "")."""
    return " ".join(name.split())[:AUTHOR_LIMIT]


def default_author() -> str:
    """``$SCOPING_APP_AUTHOR``, else the login name, else "Someone"."""
    name = clean_author(os.environ.get(AUTHOR_VARIABLE, ""))
    if name:
        return name
    try:
        name = clean_author(getpass.getuser())
    except (OSError, KeyError, ImportError):  # no login name this process can read
        name = ""
    return name or UNKNOWN_AUTHOR


def describe_change(before: Project, after: Project, parts: Iterable[str]) -> str:
    """What an edit changed, in words: each part, and the items added, changed or removed,
    e.g. ``Capabilities: added "Ticket export"; changed "Search"``."""
    told = []
    for part in sorted(parts, key=list(_PART_WORDS).index):
        if part == "info":
            fields = [
                name.replace("_", " ")
                for name in type(before.info).model_fields
                if getattr(before.info, name) != getattr(after.info, name)
            ]
            told.append(f"{_PART_WORDS[part]}: {', '.join(fields)}")
        else:
            items = _items_changed(getattr(before, part), getattr(after, part))
            told.append(f"{_PART_WORDS[part]}: {items}")
    return "; ".join(told) or "Nothing"


def _items_changed(before: Sequence[Any], after: Sequence[Any]) -> str:
    from scoping_app.domain.words import item_name

    earlier = {item.key: item for item in before}
    later = {item.key: item for item in after}
    added = [item_name(item) for key, item in later.items() if key not in earlier]
    removed = [item_name(item) for key, item in earlier.items() if key not in later]
    changed = [
        item_name(item) for key, item in later.items() if key in earlier and earlier[key] != item
    ]
    told = [
        f"{verb} {_names(names)}"
        for verb, names in (("added", added), ("changed", changed), ("removed", removed))
        if names
    ]
    return ", ".join(told) or "order changed"


def _names(names: list[str]) -> str:
    quoted = [f'"{name}"' for name in names[:NAMES_SHOWN]]
    if len(names) > NAMES_SHOWN:
        quoted.append(f"{len(names) - NAMES_SHOWN} more")
    return " and ".join([", ".join(quoted[:-1]), quoted[-1]]) if len(quoted) > 1 else quoted[0]


def local_time(at: datetime) -> str:
    """When, in this computer's time zone, to the minute: ``2026-12-02 14:05``."""
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def history_json(entries: Sequence[EditEntry]) -> list[dict[str, str]]:
    """The history as ``scoping-app history --json`` prints it (times in UTC, ISO 8601)."""
    return [
        {
            "at": entry.at.isoformat(),
            "author": entry.author,
            "label": entry.label,
            "what": entry.what,
        }
        for entry in entries
    ]


def history_text(entries: Sequence[EditEntry]) -> str:
    """The history as a table of lines (local time), newest first."""
    if not entries:
        return "No recorded changes."
    rows = [("When", "Who", "Change", "What changed")]
    rows += [(local_time(e.at), e.author, e.label, e.what) for e in entries]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
        + f"  {row[3]}"
        for row in rows
    )


def write_history(entries: Sequence[EditEntry], path: Path) -> None:
    """Write the history to ``path`` (atomically, as every file the app writes): CSV for a
    ``.csv`` file, else the text table. Raises OSError when the file cannot be written."""
    if Path(path).suffix.lower() == ".csv":
        text = io.StringIO(newline="")
        writer = csv.writer(text)
        writer.writerow(["at (UTC)", "author", "change", "what changed"])
        for row in history_json(entries):
            cells = (row["author"], row["label"], row["what"])
            writer.writerow([row["at"], *(_not_a_formula(cell) for cell in cells)])
        data = text.getvalue()
    else:
        data = history_text(entries) + "\n"
    write_atomically(path, data.encode("utf-8"))


def _not_a_formula(cell: str) -> str:
    """A text a spreadsheet would take for a formula ("=…", "+…", "-…", "@…") kept as text."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
