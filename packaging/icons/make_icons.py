"""Make every application icon file from the two SVG sources.

Run it after editing ``resources/icons/scoping-app.svg`` (drawn for 48 px and up) or
``resources/icons/scoping-app-small.svg`` (fitted to the pixel grid for 16, 24 and 32 px)::

    uv run python packaging/icons/make_icons.py

It renders ``resources/icons/png/scoping-app-<N>.png`` with QtSvg, then packs those PNGs
into ``packaging/icons/scoping-app.ico`` (Windows) and ``packaging/icons/scoping-app.icns``
(macOS) in plain Python. The same Qt gives the same bytes on every run; commit the outputs.
"""

from __future__ import annotations

import functools
import os
import struct
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[2]
SVG = ROOT / "resources" / "icons" / "scoping-app.svg"
SMALL_SVG = ROOT / "resources" / "icons" / "scoping-app-small.svg"
SMALL_MAX = 32  # sizes up to this one come from SMALL_SVG
PNG_DIR = ROOT / "resources" / "icons" / "png"
ICO = ROOT / "packaging" / "icons" / "scoping-app.ico"
ICNS = ROOT / "packaging" / "icons" / "scoping-app.icns"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# PNG-based icns element types and their pixel sizes; ic11 to ic14 are the @2x variants
ICNS_TYPES = {
    b"icp4": 16,
    b"icp5": 32,
    b"icp6": 64,
    b"ic07": 128,
    b"ic08": 256,
    b"ic09": 512,
    b"ic10": 1024,
    b"ic11": 32,
    b"ic12": 64,
    b"ic13": 256,
    b"ic14": 512,
}
DOTS_PER_METRE = 3780  # 96 dpi, written to every PNG's pHYs chunk


@functools.cache
def application() -> QCoreApplication:
    """The running Qt application, or a new offscreen QGuiApplication (kept alive here)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1])


def png_name(size: int) -> str:
    return f"scoping-app-{size}.png"


def render(size: int) -> bytes:
    """The icon at ``size`` x ``size`` pixels, antialiased on a transparent ground, as PNG."""
    application()
    source = SMALL_SVG if size <= SMALL_MAX else SVG
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise ValueError(f"QtSvg cannot read {source}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    image.setDotsPerMeterX(DOTS_PER_METRE)
    image.setDotsPerMeterY(DOTS_PER_METRE)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG", 0):
        raise OSError(f"Qt could not encode the {size} px icon as PNG")
    return bytes(buffer.data().data())


def render_png(size: int, out_dir: Path) -> Path:
    """Render the icon at ``size`` pixels to ``out_dir/scoping-app-<size>.png``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / png_name(size)
    path.write_bytes(render(size))
    return path


def ico(pngs: Mapping[int, bytes]) -> bytes:
    """A Windows .ico file holding each PNG as is (a PNG entry per size)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, data in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns(pngs: Mapping[int, bytes]) -> bytes:
    """A macOS .icns file: one PNG element per type in :data:`ICNS_TYPES`."""
    body = b"".join(
        struct.pack(">4sI", kind, 8 + len(pngs[size])) + pngs[size]
        for kind, size in ICNS_TYPES.items()
    )
    return struct.pack(">4sI", b"icns", 8 + len(body)) + body


def _report(path: Path) -> None:
    print(f"wrote {path.relative_to(ROOT).as_posix()} ({path.stat().st_size:,} bytes)")


def main() -> None:
    application()
    pngs: dict[int, bytes] = {}
    for size in PNG_SIZES:
        path = render_png(size, PNG_DIR)
        pngs[size] = path.read_bytes()
        _report(path)
    ICO.parent.mkdir(parents=True, exist_ok=True)
    ICO.write_bytes(ico({size: pngs[size] for size in ICO_SIZES}))
    _report(ICO)
    ICNS.write_bytes(icns(pngs))
    _report(ICNS)


if __name__ == "__main__":
    main()
