"""The plan's contents page and outline: every section and subsection, linked, with its page.

The headings (h1 and h2 paragraphs) of the story are marked before the build; as each is
drawn, the canvas is told its key and position, and only when every page is laid out does
it bind the bookmarks, write the outline and put the page numbers on the contents page.
One pass: the contents has one line per heading, so its height does not depend on the
page numbers it will show.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, Paragraph

from scoping_app.report import scripts
from scoping_app.report.fonts import BOLD, REGULAR
from scoping_app.report.styles import ACCENT, GRID, MUTED, TEXT
from scoping_app.report.table_fitting import plain

TITLE = "Contents"
_LEVELS = {"h1": 0, "h2": 1}


@dataclass(frozen=True)
class Entry:
    """A heading of the plan: its bookmark's key, its words and its outline level."""

    key: str
    title: str
    level: int  # 0 a section, 1 a subsection
    listed: bool = True  # on the contents page (the contents' own heading is not)


@dataclass(frozen=True)
class _Look:
    font: str
    size: float
    height: float
    indent: float
    colour: Any


_LOOKS = {
    0: _Look(BOLD, 10, 21, 0, ACCENT),
    1: _Look(REGULAR, 9, 15, 14, TEXT),
}
_NUMBER_ROOM = 30.0  # at the right: the page number


def mark_headings(story: Iterable[Flowable], contents: Flowable | None = None) -> list[Entry]:
    """Give each h1 and h2 paragraph of ``story`` a bookmark key; return them in order.

    The contents' own heading ``contents``, and the headings before it, are marked for the
    outline but left off the contents page, which lists what follows it.
    """
    entries: list[Entry] = []
    listed = contents is None

    def mark(flowables: Iterable[Flowable]) -> list[Entry]:
        nonlocal listed
        marked: list[Entry] = []
        for flowable in flowables:
            inner = _inside(flowable)
            if inner is not None:
                # A heading inside a container (a brief kept to one page) is reached when
                # the container is drawn: the container carries its headings' entries.
                nested = mark(inner)
                flowable._plan_nested = nested
                marked += nested
                continue
            style = getattr(flowable, "style", None) if isinstance(flowable, Paragraph) else None
            level = _LEVELS.get(getattr(style, "name", ""))
            if level is None:
                continue
            previous = entries[-1].level if entries else -1
            entry = Entry(
                key=f"plan-heading-{len(entries) + 1}",
                title=" ".join(plain(flowable).split()) or "Untitled",
                level=min(level, previous + 1),  # the outline cannot skip a level
                listed=listed and flowable is not contents,
            )
            flowable._plan_entry = entry
            entries.append(entry)
            marked.append(entry)
            listed = listed or flowable is contents
        return marked

    mark(story)
    return entries


def _inside(flowable: Flowable) -> list[Flowable] | None:
    """The flowables a container (KeepTogether, KeepInFrame…) holds; None if not one."""
    if isinstance(flowable, (list, tuple)):
        return list(flowable)
    content = getattr(flowable, "_content", None)
    return list(content) if isinstance(content, (list, tuple)) else None


def entries_of(flowable: Flowable) -> list[Entry]:
    """The outline entries a drawn flowable carries: its own, or its content's headings."""
    entry = getattr(flowable, "_plan_entry", None)
    if entry is not None:
        return [entry]
    return list(getattr(flowable, "_plan_nested", ()))


class Contents(Flowable):
    """One line per section and subsection: its title, linked to it, and its page number.

    The canvas draws the numbers once every page is known (``hold_number``); on a canvas
    without that method the lines are drawn without numbers.
    """

    def __init__(self, entries: Iterable[Entry], width: float) -> None:
        super().__init__()
        self.entries = [entry for entry in entries if entry.listed]
        self.width = width
        self.height = sum(_LOOKS[entry.level].height for entry in self.entries)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        used, count = 0.0, 0
        for entry in self.entries:
            used += _LOOKS[entry.level].height
            if used > availHeight:
                break
            count += 1
        if count == 0 or count == len(self.entries):
            return []
        return [
            Contents(self.entries[:count], self.width),
            Contents(self.entries[count:], self.width),
        ]

    def draw(self) -> None:
        canvas = self.canv
        hold = getattr(canvas, "hold_number", None)
        top = self.height
        for entry in self.entries:
            look = _LOOKS[entry.level]
            baseline = top - look.height + (look.height - look.size) / 2 + 1
            if entry.level == 0:
                canvas.setStrokeColor(GRID)
                canvas.setLineWidth(0.5)
                canvas.line(0, top - look.height, self.width, top - look.height)
            room = self.width - look.indent - _NUMBER_ROOM - 12
            title = scripts.fit(entry.title, look.font, look.size, room)
            canvas.setFillColor(look.colour)
            width = scripts.draw_string(canvas, look.indent, baseline, title, look.font, look.size)
            end = look.indent + width + 4
            leaders = self.width - _NUMBER_ROOM + 2
            if leaders - end > 6:
                canvas.saveState()
                canvas.setStrokeColor(MUTED)
                canvas.setLineWidth(0.6)
                canvas.setDash(0.6, 2.4)
                canvas.line(end, baseline + 1, leaders, baseline + 1)
                canvas.restoreState()
            if hold is not None:
                x, y = canvas.absolutePosition(self.width, baseline)
                hold(entry.key, x, y, look.font, look.size)
            canvas.linkRect(
                "",
                entry.key,
                (0, top - look.height, self.width, top),
                relative=1,
                thickness=0,
            )
            top -= look.height
