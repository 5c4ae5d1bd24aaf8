"""Fonts installed on this computer, found through fontconfig, for what DejaVu Sans lacks (CJK).

Only asked when a plan holds such characters, once per language and process. Without
fontconfig (``fc-list``), or when it is slow or finds nothing usable, there is no font:
the characters are then shown as □ and named in the plan's note.
"""

from __future__ import annotations

import functools
import struct
import subprocess
from dataclasses import dataclass

FC_LIST = "fc-list"
TIMEOUT_SECONDS = 5.0
_FORMAT = "%{file}\\t%{index}\\t%{family[0]}\\t%{style[0]}\\t%{spacing}\\n"
_MONOSPACE = 100  # fontconfig's FC_MONO spacing
_REGULAR_STYLES = frozenset({"regular", "book", "normal", "roman", "medium", "w3", "w4"})


@dataclass(frozen=True)
class SystemFont:
    path: str
    index: int  # the face in a TrueType collection (.ttc); 0 for a single font
    family: str
    style: str = ""
    monospace: bool = False


def fc_list(pattern: str) -> str:
    """fontconfig's fonts matching ``pattern``, one a line (see ``_FORMAT``); "" on failure."""
    try:
        done = subprocess.run(
            [FC_LIST, "--format", _FORMAT, pattern],
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    if done.returncode != 0:
        return ""
    return done.stdout.decode("utf-8", errors="replace")


def _parse(listing: str) -> list[SystemFont]:
    found: dict[tuple[str, int], SystemFont] = {}
    for line in listing.splitlines():
        parts = line.split("\t")
        if len(parts) != 5 or not parts[0]:
            continue
        path, index, family, style, spacing = parts
        try:
            number = int(index or 0)
        except ValueError:
            continue
        found.setdefault(
            (path, number),
            SystemFont(path, number, family, style, spacing.strip() == str(_MONOSPACE)),
        )
    return list(found.values())


def _preference(font: SystemFont) -> tuple[object, ...]:
    """Regular before bold or light, proportional before monospace, sans before serif."""
    family = font.family.lower()
    sans = any(word in family for word in ("sans", "hei", "gothic", "dotum", "gulim"))
    return (
        font.style.strip().lower() not in _REGULAR_STYLES,
        font.monospace or "mono" in family,
        not sans,
        font.path,
        font.index,
    )


def has_truetype_outlines(path: str, index: int = 0) -> bool:
    """Whether face ``index`` of the file has TrueType (glyf) outlines, which reportlab embeds.

    OpenType fonts with CFF (PostScript) outlines, such as most Noto CJK files, are not
    supported by reportlab; this tells them apart by reading only the table directory.
    """
    try:
        with open(path, "rb") as file:
            header = file.read(12)
            offset = 0
            if header[:4] == b"ttcf":
                (count,) = struct.unpack(">I", header[8:12])
                if not 0 <= index < count:
                    return False
                file.seek(12 + 4 * index)
                (offset,) = struct.unpack(">I", file.read(4))
                file.seek(offset)
                header = file.read(12)
            if header[:4] not in (b"\x00\x01\x00\x00", b"true"):
                return False
            (tables,) = struct.unpack(">H", header[4:6])
            directory = file.read(16 * tables)
    except (OSError, struct.error):
        return False
    tags = {directory[i : i + 4] for i in range(0, len(directory), 16)}
    return b"glyf" in tags and b"loca" in tags


@functools.cache
def candidates(language: str) -> tuple[SystemFont, ...]:
    """Installed fonts for ``language`` (a fontconfig language: zh, ja, ko) with TrueType
    outlines, best first. Cached: fontconfig is asked once per language and process."""
    listed = sorted(_parse(fc_list(f":lang={language}:outline=True")), key=_preference)
    return tuple(font for font in listed if has_truetype_outlines(font.path, font.index))


def forget() -> None:
    """Ask fontconfig again next time (for tests, and after fonts were installed)."""
    candidates.cache_clear()
