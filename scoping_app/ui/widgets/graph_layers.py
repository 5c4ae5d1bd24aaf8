"""Which layers the dependency graph keeps after an edit, so that its boxes do not jump.

A capability with no dependency either way (nothing it requires, nothing requiring it)
sits in the first layer and changes no other box's layer: adding, deleting, undoing or
redoing one keeps every other box where it was, without laying the graph out again.
"""

from __future__ import annotations

Structure = dict[str, tuple[str, ...]]  # a capability's key: the keys it requires


def layers_after(
    layers: list[list[str]], before: Structure, after: Structure
) -> list[list[str]] | None:
    """The drawn layers kept when only capabilities with no dependency came or went (new ones
    at the end of the first layer, as they come last in the project); None: lay out again.

    Such a box needs nothing and nothing needs it, so every other box keeps its layer and
    row, and the graph does not jump when one is added, deleted, undone or redone.
    """
    if not layers:
        return None
    needed = {key for requires in after.values() for key in requires}
    needed_before = {key for requires in before.values() for key in requires}
    kept = [key for key in before if key in after]
    if any(before[key] != after[key] for key in kept):
        return None
    gone = set(before) - set(after)
    new = [key for key in after if key not in before]
    if any(before[key] or key in needed_before for key in gone):
        return None
    if any(after[key] or key in needed for key in new):
        return None
    shown = [[key for key in layer if key not in gone] for layer in layers]
    shown = [layer for layer in shown if layer] or [[]]
    shown[0].extend(new)
    return shown if shown[0] else None
