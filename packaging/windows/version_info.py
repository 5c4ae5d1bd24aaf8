"""The Windows version resource of scoping-app.exe, for EXE(version=...) in the spec.

Explorer's Properties > Details, the Task Manager and SmartScreen show these fields; without
them the executable says "Python" or nothing at all.

The spec imports this file by path (``sys.path.insert(0, "packaging/windows")``), so it
imports nothing of the project. PyInstaller is imported inside the function: the module
loads (and its version parsing can be tested) where PyInstaller is not installed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PyInstaller.utils.win32.versioninfo import VSVersionInfo

APP_NAME = "AI Scoping Studio"
COMPANY = "AI Scoping Studio"
COPYRIGHT_YEAR = 2026
# U.S. English (0x0409) in Unicode (code page 1200): the one language of the strings.
LANGUAGE, CODEPAGE = 0x0409, 1200
VOS_NT_WINDOWS32 = 0x40004
VFT_APP = 0x1
VS_FF_PRERELEASE = 0x2
VS_FFI_FILEFLAGSMASK = 0x3F


def file_version(version: str) -> tuple[int, int, int, int]:
    """``0.1.0`` as Windows wants it: four numbers of 16 bits; ``0.2.0rc1`` gives (0, 2, 0, 0)."""
    match = re.match(r"\d+(?:\.\d+)*", version.strip())
    if match is None:
        raise ValueError(f"{version!r} does not start with a version number")
    numbers = [int(part) for part in match.group(0).split(".")][:4]
    if any(number > 0xFFFF for number in numbers):
        raise ValueError(f"{version!r} has a part above 65535, which Windows cannot store")
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def is_prerelease(version: str) -> bool:
    """Anything after the numbers (``rc1``, ``.dev3``, ``+local``) marks a pre-release."""
    return re.fullmatch(r"\d+(?:\.\d+)*", version.strip()) is None


def version_info(version: str, filename: str = "scoping-app.exe") -> VSVersionInfo:
    """The version resource for ``version`` (pyproject.toml's), as PyInstaller takes it.

    ``filename`` is the executable's own name; the spec's windowed twin can pass its own.
    """
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = file_version(version)
    text = version.strip()
    strings = [
        ("CompanyName", COMPANY),
        ("FileDescription", APP_NAME),
        ("FileVersion", text),
        ("InternalName", filename.removesuffix(".exe")),
        ("LegalCopyright", f"© {COPYRIGHT_YEAR} {COMPANY}"),
        ("OriginalFilename", filename),
        ("ProductName", APP_NAME),
        ("ProductVersion", text),
    ]
    return VSVersionInfo(
        ffi=FixedFileInfo(
            filevers=numbers,
            prodvers=numbers,
            mask=VS_FFI_FILEFLAGSMASK,
            flags=VS_FF_PRERELEASE if is_prerelease(version) else 0,
            OS=VOS_NT_WINDOWS32,
            fileType=VFT_APP,
            subtype=0,
            date=(0, 0),
        ),
        kids=[
            StringFileInfo(
                [
                    StringTable(
                        f"{LANGUAGE:04X}{CODEPAGE:04X}",
                        [StringStruct(name, value) for name, value in strings],
                    )
                ]
            ),
            VarFileInfo([VarStruct("Translation", [LANGUAGE, CODEPAGE])]),
        ],
    )
