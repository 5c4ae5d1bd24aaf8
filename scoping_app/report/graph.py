"""The "Dependency graph" section: the window's layered layout as vector art.

Layers run left to right, prerequisites first. A graph that fits one page at a readable size
is drawn whole. A bigger one is cut into bands of consecutive layers (a tall layer over
several columns), packed onto pages top to bottom so that no page is left mostly blank.
Every arrow between two boxes of a band is drawn, routed through the gaps between the boxes
of the columns it passes (:func:`route_edges`), so that it never crosses a box; every link
to a box of another band is written under its box: "to Answer drafting, p. 9" or "from
Ticket export, above".

The layout is in :mod:`graph_layout`, the arrows' routes in :mod:`graph_routing`, the
positions on one page in :mod:`graph_page_art` and the drawing in :mod:`graph_drawing`.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Spacer

from scoping_app.report.blocks import Box, markup, section_title
from scoping_app.report.graph_drawing import GraphPage, Legend, PartPages
from scoping_app.report.graph_layout import GraphFacts, plan_graph
from scoping_app.report.graph_page_art import page_art
from scoping_app.report.model import PlanReport
from scoping_app.report.sections import GRAPH, TITLES
from scoping_app.report.styles import Styles

TITLE = TITLES[GRAPH]
INTRO = (
    "Each box is a capability with its expected effort in person-days; an arrow runs from a "
    "prerequisite to the capability that needs it. Layers run left to right, as in the app's "
    "window."
)


def graph_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    graph = report.details.graph if report.details else None
    story = section_title(TITLE, styles, INTRO)
    if graph is None or not graph.nodes:
        story.append(markup("The project has no capabilities yet.", styles.body))
        return story
    facts = GraphFacts(graph)
    story.append(Legend(box.width, facts, with_scope=report.recommended.found))
    story.append(Spacer(1, 8))
    # The room left on the first page: the section starts a page.
    used = 2.0
    for number, flowable in enumerate(story):
        _, height = flowable.wrap(box.width, box.height)
        used += height + flowable.getSpaceAfter() + (flowable.getSpaceBefore() if number else 0)
    plan = plan_graph(facts, box.width, box.height - used, box.height)
    pager = PartPages()
    for number in range(len(plan.bands)):
        if number:
            story.append(PageBreak())
        art = page_art(facts, plan, number, box.width)
        story.append(GraphPage(facts, plan, art, number, pager))
    return story
