"""Taking one edit back, or doing it again, without touching what others changed since.

An edit is known by the project before it and after it. Its difference is what
it touched: the project's fields it changed, and in each list the items (by key)
it added, removed or changed, and the order of the items it moved. To undo it,
each of those is set back from *after* to *before* on the project as it is now;
everything else stays as it is now. When one of them is no longer as the edit
left it (someone else changed it since), nothing is done and
:class:`ChangedSince` says which. Redo is the same with before and after swapped.
"""

from __future__ import annotations

from typing import Any

from scoping_app.domain.model import LIST_FIELDS, Project
from scoping_app.domain.words import item_name

ELSEWHERE = "was changed since, in another window or program"


class ChangedSince(Exception):
    """An item the edit touched is not as the edit left it; the message names it."""


def reverted(now: Project, before: Project, after: Project) -> Project:
    """``now`` with the edit from ``before`` to ``after`` taken back (a new project).

    Raises :class:`ChangedSince` when a field or item the edit touched differs in
    ``now`` from ``after``; ``now`` itself is never changed.
    """
    update: dict[str, Any] = {}
    if before.info != after.info:
        update["info"] = _reverted_info(now, before, after)
    for part in LIST_FIELDS:
        old, new = getattr(before, part), getattr(after, part)
        if old != new:
            update[part] = _reverted_list(part, getattr(now, part), old, new)
    return now.model_copy(update=update)


def _reverted_info(now: Project, before: Project, after: Project) -> Any:
    fields: dict[str, Any] = {}
    for name in type(before.info).model_fields:
        old, new = getattr(before.info, name), getattr(after.info, name)
        if old == new:
            continue
        if getattr(now.info, name) != new:
            raise ChangedSince(f"The project's {name.replace('_', ' ')} {ELSEWHERE}.")
        fields[name] = old
    return now.info.model_copy(update=fields)


def _reverted_list(part: str, now: list[Any], before: list[Any], after: list[Any]) -> list[Any]:
    """The items of ``now`` with those the edit touched set back to ``before``."""
    was = {item.key: item for item in before}
    became = {item.key: item for item in after}
    present = {item.key: item for item in now}
    touched = dict.fromkeys(k for k in {**was, **became} if was.get(k) != became.get(k))
    for key in touched:
        if present.get(key) != became.get(key):
            item = present.get(key) or became.get(key) or was[key]
            raise ChangedSince(f"{item_name(item)} {ELSEWHERE}.")
    result = [
        was[item.key] if item.key in touched else item
        for item in now
        if not (item.key in touched and item.key not in was)  # the edit added it
    ]
    for position, item in enumerate(before):  # what the edit removed, back where it was
        if item.key in touched and item.key not in became:
            result.insert(_place(result, before[:position]), item)
    return _reordered(part, result, before, after)


def _place(result: list[Any], earlier: list[Any]) -> int:
    """Where an item goes back: after the nearest item that preceded it and is still here."""
    keys = [item.key for item in result]
    for item in reversed(earlier):
        if item.key in keys:
            return keys.index(item.key) + 1
    return 0


def _reordered(part: str, result: list[Any], before: list[Any], after: list[Any]) -> list[Any]:
    """``result`` with the items the edit moved put back in ``before``'s order.

    The items both in ``before`` and ``after`` keep the places they hold in
    ``result``, filled in the order they had before; refused when they are no
    longer in the order the edit left them.
    """
    both = {item.key for item in before} & {item.key for item in after}
    old = [item.key for item in before if item.key in both]
    new = [item.key for item in after if item.key in both]
    if old == new:
        return result
    here = {item.key for item in result}
    if [key for key in new if key in here] != [item.key for item in result if item.key in both]:
        raise ChangedSince(f"The order of the {part.replace('_', ' ')} {ELSEWHERE}.")
    by_key = {item.key: item for item in result}
    order = iter(key for key in old if key in here)
    return [by_key[next(order)] if item.key in both else item for item in result]
