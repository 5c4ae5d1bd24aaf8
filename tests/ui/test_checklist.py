"""A checklist refilled with a few lines changed keeps the others as they are."""

from __future__ import annotations

from typing import Any

from scoping_app.ui.widgets.checklist import CheckList, Entry


def _entries(keys: list[str], ticked: set[str]) -> list[Entry]:
    return [Entry(key, f"Capability {key}", key in ticked) for key in keys]


def test_a_refill_with_one_line_out_and_one_in_keeps_the_other_lines(qtbot: Any) -> None:
    checklist = CheckList("Requires", "Nothing to require")
    qtbot.addWidget(checklist)
    keys = [f"c{n:03}" for n in range(100)]
    # what c005 may require: every capability but itself
    checklist.fill(_entries([k for k in keys if k != "c005"], {"c001"}))
    kept = {checklist.item(row).text(): checklist.item(row) for row in range(checklist.count())}
    checklist.filter_box.setText("Capability c00")
    toggles: list[tuple[str, bool]] = []
    checklist.toggled.connect(lambda key, on: toggles.append((key, on)))

    # what c050 may require: c005 is in, c050 is out, c002 ticked, c001 not
    checklist.fill(_entries([k for k in keys if k != "c050"], {"c002"}))

    assert checklist.count() == 99
    shown = [checklist.item(row).data(0) for row in range(checklist.count())]
    assert shown == [f"Capability {k}" for k in keys if k != "c050"]
    for row in range(checklist.count()):
        item = checklist.item(row)
        if item.text() != "Capability c005":
            assert kept[item.text()] is item  # the same line, not made anew
    assert checklist.checked_keys() == ["c002"]
    assert checklist.shown_keys() == [f"c00{n}" for n in range(10)]  # the filter holds
    assert checklist.item_of("c005") is not None
    assert toggles == []  # refilling is not the user's ticking
