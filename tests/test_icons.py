"""The committed icon files: PNG sizes, the .ico and .icns containers, and that the PNGs
are what packaging/icons/make_icons.py makes from the SVGs today (so an SVG edited without
running the script fails here)."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "packaging" / "icons" / "make_icons.py"
PNG_DIR = ROOT / "resources" / "icons" / "png"
ICO = ROOT / "packaging" / "icons" / "scoping-app.ico"
ICNS = ROOT / "packaging" / "icons" / "scoping-app.icns"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
ICNS_SIZES = {
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
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
REGENERATE = "run: uv run python packaging/icons/make_icons.py"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_icons", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sources_exist() -> None:
    for name in ("scoping-app.svg", "scoping-app-small.svg"):
        text = (ROOT / "resources" / "icons" / name).read_text(encoding="utf-8")
        assert "<svg" in text
        for unsupported in ("<filter", "<mask", "<style", "<text", "<image"):
            assert unsupported not in text, f"{name}: QtSvg cannot draw {unsupported}>"


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_has_its_size(size: int) -> None:
    path = PNG_DIR / f"scoping-app-{size}.png"
    assert path.is_file(), f"{path} is missing; {REGENERATE}"
    assert png_size(path.read_bytes()) == (size, size)


def test_ico_lists_each_size_as_a_png() -> None:
    data = ICO.read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        entry = data[6 + 16 * index : 22 + 16 * index]
        width, height, colours, zero, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", entry
        )
        size = width or 256
        assert (height or 256) == size
        assert (colours, zero, planes, bits) == (0, 0, 1, 32)
        assert offset + length <= len(data)
        assert png_size(data[offset : offset + length]) == (size, size)
        sizes.append(size)
    assert sorted(sizes) == ICO_SIZES


def test_icns_elements_are_pngs_of_their_size() -> None:
    data = ICNS.read_bytes()
    magic, total = struct.unpack(">4sI", data[:8])
    assert magic == b"icns"
    assert total == len(data)
    found: dict[bytes, int] = {}
    at = 8
    while at < total:
        kind, length = struct.unpack(">4sI", data[at : at + 8])
        assert length > 8 and at + length <= total, kind
        width, height = png_size(data[at + 8 : at + length])
        assert width == height, kind
        found[kind] = width
        at += length
    assert at == total
    assert found == ICNS_SIZES


@pytest.mark.parametrize("size", [16, 64])  # one size from each SVG
def test_committed_png_is_what_the_script_renders(size: int, tmp_path: Path, qapp: object) -> None:
    # qapp: pytest-qt's QApplication comes first; the script would otherwise make a
    # QGuiApplication, and later widget tests could not run under it.
    script = load_script()
    made = script.render_png(size, tmp_path)
    assert made == tmp_path / f"scoping-app-{size}.png"
    committed = PNG_DIR / made.name
    assert made.read_bytes() == committed.read_bytes(), f"{committed} is stale; {REGENERATE}"
