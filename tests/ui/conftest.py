"""Fixtures of the window tests: a real service on a database under tmp_path, dialogs that
answer without blocking, the main window, and a step page on its own (``open_page``)."""

from __future__ import annotations

import gc
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QAbstractItemModel, QSettings, Qt, QThreadPool
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from scoping_app.services.database import open_service
from scoping_app.services.projects import ProjectService
from scoping_app.ui.dialogs import DamagedChoice, Dialogs
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.project_view import ProjectView
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.settings import open_settings
from scoping_app.ui.widgets.step_page import StepPage
from tests.conftest import EXAMPLE_FILE

Step = TypeVar("Step", bound=StepPage)


@dataclass
class FakeDialogs(Dialogs):
    """Answers every dialog at once and remembers what was asked."""

    open_answer: Path | None = None
    save_answer: Path | None = None
    confirm_answer: bool = True
    new_project_answer: tuple[str, str, str] | None = None
    damaged_answer: DamagedChoice = DamagedChoice.QUIT
    errors: list[tuple[str, str, str]] = field(default_factory=list)
    confirmations: list[str] = field(default_factory=list)
    informations: list[str] = field(default_factory=list)
    damaged: list[tuple[str, str | None]] = field(default_factory=list)
    identities_known: list[bool] = field(default_factory=list)
    backup_answer: int | None = None
    backups_offered: list[list[Path]] = field(default_factory=list)
    choose_answer: int | None = None
    choices: list[tuple[str, list[str]]] = field(default_factory=list)
    text_answer: str | None = None
    texts_asked: list[tuple[str, str]] = field(default_factory=list)

    def error(self, parent: Any, title: str, text: str, details: str = "") -> None:
        self.errors.append((title, text, details))

    def information(self, parent: Any, title: str, text: str) -> None:
        self.informations.append(text)

    def confirm(self, parent: Any, title: str, text: str, action: str) -> bool:
        self.confirmations.append(text)
        return self.confirm_answer

    def choose(self, parent: Any, title: str, text: str, options: Any, action: str) -> int | None:
        self.choices.append((text, list(options)))
        return self.choose_answer

    def ask(self, parent: Any, title: str, text: str, answers: Any) -> int | None:
        self.choices.append((text, list(answers)))
        return self.choose_answer

    def text(self, parent: Any, title: str, label: str, value: str) -> str | None:
        self.texts_asked.append((label, value))
        return self.text_answer

    def open_file(self, parent: Any, caption: str, filters: str) -> Path | None:
        return self.open_answer

    def save_file(self, parent: Any, caption: str, suggested: str, filters: str) -> Path | None:
        return self.save_answer

    def damaged_database(
        self, parent: Any, set_aside: str, backup: str | None, identity_known: bool = True
    ) -> DamagedChoice:
        self.damaged.append((set_aside, backup))
        self.identities_known.append(identity_known)
        return self.damaged_answer

    def choose_backup(self, parent: Any, backups: Any) -> int | None:
        self.backups_offered.append([b.path for b in backups])
        return self.backup_answer

    def new_project(self, parent: Any, taken: Any) -> tuple[str, str, str] | None:
        return self.new_project_answer


@pytest.fixture(autouse=True)
def _nothing_set_aside_from_collection() -> Iterator[None]:
    """A window sets its open project aside from garbage collection (ui/collection.py); each
    test gives it back, so no test's objects outlive it for the collector."""
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def _no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real modal dialog would hang the suite: fail loudly instead."""

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("a modal dialog was opened in a test; answer it through Dialogs")

    for name in ("exec", "information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    for name in ("getOpenFileName", "getSaveFileName", "exec"):
        monkeypatch.setattr(QFileDialog, name, refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'scoping.db'}"


@pytest.fixture
def service(db_url: str, tmp_path: Path) -> Iterator[ProjectService]:
    opened = open_service(db_url, backup_dir=tmp_path / "backups")
    yield opened
    opened.close()


@pytest.fixture
def example_id(service: ProjectService) -> int:
    return service.import_file(EXAMPLE_FILE).id


@pytest.fixture
def settings() -> QSettings:
    return open_settings()


@pytest.fixture
def make_window(qtbot: Any, service: ProjectService, settings: QSettings, dialogs: FakeDialogs):
    """Builds main windows on the shared service; each is closed (threads drained) at the end."""
    windows: list[MainWindow] = []

    def make(restore: bool = False) -> MainWindow:
        """A new main window; ``restore`` keeps the geometry it restored from the settings."""
        window = MainWindow(service, settings, dialogs, QThreadPool())
        qtbot.addWidget(window)
        if not restore:
            window.resize(1280, 800)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.runner.wait()
        window.close()


@pytest.fixture
def window(make_window: Any) -> MainWindow:
    return make_window()


@pytest.fixture
def open_example(window: MainWindow, example_id: int, qtbot: Any) -> MainWindow:
    """The window with the example project open (and the start list refreshed)."""
    window.start_screen.refresh()
    assert window.open_project(example_id)
    return window


@pytest.fixture
def session(service: ProjectService, example_id: int) -> ProjectSession:
    """The example project, open for editing."""
    return ProjectSession(service, example_id)


OpenPage = Callable[..., Any]


@pytest.fixture
def open_page(qtbot: Any, session: ProjectSession, dialogs: FakeDialogs) -> OpenPage:
    """Opens a step page on its own (on ``session`` unless told), refreshed as the window does.

    The page is shown and active at 1066 x 748 (keys reach shortcuts only in the active
    window); a page that asks questions is given the fake dialogs.
    """

    def open_one(page_class: Callable[..., StepPage], on: ProjectSession | None = None) -> Any:
        on = on or session
        takes_dialogs = "dialogs" in inspect.signature(page_class).parameters
        page = page_class(on, dialogs) if takes_dialogs else page_class(on)
        qtbot.addWidget(page)
        on.project_changed.connect(lambda change: page.show_project(change.project, change.parts))
        page.show_project(on.project)
        page.resize(1066, 748)
        page.show()
        qtbot.waitExposed(page)
        page.activateWindow()
        qtbot.waitUntil(page.isActiveWindow)
        return page

    return open_one


def wait_for_scope(qtbot: Any, window: MainWindow) -> None:
    step = window.project_view.slices  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not step.computing and step.scope is not None, timeout=20_000)


def project_view(window: MainWindow) -> ProjectView:
    """The open project's view (a test that asks for it has opened a project)."""
    view = window.project_view
    assert view is not None
    return view


def show_and_wait(
    window: MainWindow, qtbot: Any, pick: Callable[[ProjectView], Step], ready: str
) -> Step:
    """Show the step ``pick`` names and wait until its worker is done and ``ready`` is set."""
    view = project_view(window)
    step = pick(view)
    view.show_step(view.step_index(step))
    qtbot.waitUntil(
        lambda: not getattr(step, "updating") and getattr(step, ready) is not None,  # noqa: B009
        timeout=20_000,
    )
    return step


def cell(model: QAbstractItemModel, row: int, header: str) -> Any:
    """The text in ``row`` under the column headed ``header`` (tests find columns by header,
    so that reordering the columns does not break them)."""
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return model.index(row, headers.index(header)).data()
