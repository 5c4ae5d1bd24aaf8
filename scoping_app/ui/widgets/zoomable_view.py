"""A graphics view that fits its whole scene in view until the user zooms, and zooms with
the wheel (under the mouse), by steps, or to an absolute scale."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsView, QWidget

ZOOM_STEP = 1.2
MIN_SCALE = 0.02
MAX_SCALE = 4.0


class ZoomableView(QGraphicsView):
    """The scene fitted (never blown up past its natural size) until the user zooms."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fitted = True  # fit the whole scene until the user zooms

    def fit(self) -> None:
        self._fitted = True
        self._fit()

    def _fit(self) -> None:
        rect: QRectF = self.scene().sceneRect()
        if rect.isEmpty():
            return
        self.resetTransform()
        view = self.viewport().rect().adjusted(2, 2, -2, -2)
        if view.width() <= 0 or view.height() <= 0:
            return
        factor = min(view.width() / rect.width(), view.height() / rect.height())
        factor = min(factor, 1.0)  # never blow a small graph up past its natural size
        self.scale(factor, factor)
        self.centerOn(rect.center())

    def zoom_by(self, factor: float, under_mouse: bool = False) -> None:
        """Zoom in (factor > 1) or out, about the view's centre, or the point under the
        mouse (the wheel)."""
        current = self.scale_factor()
        target = min(max(current * factor, MIN_SCALE), MAX_SCALE)
        self._fitted = False
        anchor = QGraphicsView.ViewportAnchor
        self.setTransformationAnchor(
            anchor.AnchorUnderMouse if under_mouse else anchor.AnchorViewCenter
        )
        self.scale(target / current, target / current)
        self.setTransformationAnchor(anchor.AnchorUnderMouse)

    def set_zoom(self, scale: float) -> None:
        """An absolute zoom (1.0 is 100%), keeping the centre of the view where it is."""
        centre = self.mapToScene(self.viewport().rect().center())
        self._fitted = False
        self.resetTransform()
        self.scale(scale, scale)
        self.centerOn(centre)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def scale_factor(self) -> float:
        return self.transform().m11()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self._fit()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._fitted:
            self._fit()

    def wheelEvent(self, event: Any) -> None:
        """The wheel zooms, under the mouse; the scroll bars and a background drag pan."""
        delta = event.angleDelta().y()
        if delta == 0:
            super().wheelEvent(event)
            return
        self.zoom_by(ZOOM_STEP ** (delta / 120), under_mouse=True)
        event.accept()
