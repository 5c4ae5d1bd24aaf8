"""Sentences name things by their names: no key of the example in the window's words or in
the command line's text output (keys stay in the JSON output and in the Key columns)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QTextEdit, QWidget

from scoping_app.cli import main
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.project_view import HINT_ROLE
from tests.conftest import EXAMPLE_FILE
from tests.ui.conftest import wait_for_scope

KEYED_LISTS = ("capabilities", "risks", "metrics", "slices", "data_sources")
REFERENCES = {"key", "requires", "delivers", "uses_data", "mitigates", "capabilities", "capability"}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w-]+", text.casefold()))


def _own_words(value: Any, field: str = "") -> set[str]:
    """Every word the example's own texts use (names, stories, units…), references left out."""
    if isinstance(value, dict):
        return set().union(*(_own_words(v, k) for k, v in value.items()))
    if isinstance(value, list):
        return set().union(set(), *(_own_words(v, field) for v in value))
    return _words(value) if isinstance(value, str) and field not in REFERENCES else set()


def telling_keys() -> list[str]:
    """The example's keys that are no word of its own texts: seen in a sentence, only a key
    could have put them there ("cache" is a word of “Answer cache…”, "r_leak" is not)."""
    data = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    words = _own_words(data)
    return [item["key"] for name in KEYED_LISTS for item in data[name] if item["key"] not in words]


def keys_in(texts: list[str]) -> dict[str, str]:
    """Each telling key found in ``texts``, with the first text that shows it."""
    found: dict[str, str] = {}
    for key in telling_keys():
        pattern = re.compile(rf"(?<![\w-]){re.escape(key)}(?![\w-])")
        for text in texts:
            if pattern.search(text):
                found[key] = text
                break
    return found


def test_the_example_has_keys_to_look_for() -> None:
    keys = telling_keys()
    assert {"r_leak", "r_stale", "handle_time", "ticket_export", "agent_assist"} <= set(keys)
    assert "cache" not in keys and "index" not in keys  # words of their own names
    assert keys_in(["1 open: r_stale", "covers handle_time."]) == {
        "r_stale": "1 open: r_stale",
        "handle_time": "covers handle_time.",
    }
    assert keys_in(["Answer cache for frequent questions", "p95 latency", "r_leak-ish"]) == {}


def _model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    """What a view's cells say (display, tooltip, sidebar hint), the Key column left out."""
    parent = parent or QModelIndex()
    texts = []
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model keeps its one column private
        columns = 1
    for column in range(columns):
        if model.headerData(column, Qt.Orientation.Horizontal) == "Key":
            continue
        for row in range(model.rowCount(parent)):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, HINT_ROLE):
                value = index.data(role)
                if isinstance(value, str):
                    texts.append(value)
    return texts


def window_texts(window: QWidget) -> list[str]:
    """Every word the window shows: labels, buttons, tooltips, read-only texts, cells."""
    texts = []
    for widget in window.findChildren(QWidget):
        texts.append(widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QTextEdit) and widget.isReadOnly():
            texts.append(widget.toPlainText())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += _model_texts(widget.model())
    return [text for text in texts if text]


def test_no_key_in_the_window_of_the_example(open_example: MainWindow, qtbot: Any) -> None:
    view = open_example.project_view
    assert view is not None
    texts: list[str] = []
    for index in range(view.pages.count()):
        view.show_step(index)
        page = view.pages.currentWidget()
        if page is view.slices:
            wait_for_scope(qtbot, open_example)
            for item in open_example.session.project.slices:  # type: ignore[union-attr]
                view.slices.select(item.key)
                texts += window_texts(open_example)
        if page in (view.readiness, view.export):
            qtbot.waitUntil(lambda p=page: not p.updating, timeout=20_000)
        texts += window_texts(open_example)
    assert any("Ticket export" in text for text in texts)  # the names are there
    assert keys_in(texts) == {}


@pytest.mark.parametrize("command", ["optimize", "compare", "audit"])
def test_no_key_in_the_text_output_of_the_command_line(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.db")
    assert main(["--db", db, "import", str(EXAMPLE_FILE)]) == 0
    name = capsys.readouterr().out.strip()
    assert main(["--db", db, command, name]) == 0
    out = capsys.readouterr().out
    assert keys_in(out.splitlines()) == {}
    assert main(["--db", db, command, name, "--json"]) == 0
    assert keys_in(capsys.readouterr().out.splitlines())  # the JSON keeps the keys
