"""The baseline every start-up figure is compared with: a bare PySide6 window, shown and painted.

    python benchmarks/bare_window.py

A QMainWindow holding one QLabel, at the app's default size, shown, laid out and
painted once, then closed: what any PySide6 program pays before it shows anything
of its own. benchmarks/startup.py runs it as a whole process beside the app's rows.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main() -> None:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("AI Scoping Studio"))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.repaint()
    app.processEvents()
    window.close()


if __name__ == "__main__":
    main()
