"""A control character typed or pasted into a name is refused at the field, in words."""

from __future__ import annotations

from typing import Any

from scoping_app.services.projects import ProjectService
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.capabilities.page import CapabilitiesStep
from tests.ui.conftest import OpenPage


def test_an_escape_character_in_a_name_is_refused_under_the_field(
    open_page: OpenPage, session: ProjectSession, service: ProjectService, qtbot: Any
) -> None:
    step: CapabilitiesStep = open_page(CapabilitiesStep)
    before = service.load(session.project_id)
    step.select("ticket_export")
    name = step.form.fields["name"].edit
    name.setText("Ticket \x1b[31mexport")  # as a paste would put it
    name.editingFinished.emit()
    assert step.form.error_text("name") == (
        "holds the control character U+001B, which a name or one-line text may not hold "
        '(it is the text "Ticket \\u001b[31mexport")'
    )
    assert service.load(session.project_id) == before


def test_a_tab_and_a_new_line_in_a_description_are_kept(
    open_page: OpenPage, session: ProjectSession, service: ProjectService, qtbot: Any
) -> None:
    step: CapabilitiesStep = open_page(CapabilitiesStep)
    step.select("ticket_export")
    description = step.form.fields["description"].edit
    description.setPlainText("Two lines\nand\ta tab")
    description.left.emit()
    assert step.form.error_text("description") == ""
    stored = service.load(session.project_id).capability("ticket_export")
    assert stored.description == "Two lines\nand\ta tab"
