"""The Info.plist keys of the macOS app, for the BUNDLE(...) call of packaging/scoping-app.spec.

The spec imports this file by path (``sys.path.insert(0, "packaging/macos")``), so it
imports nothing of the project and nothing outside the standard library.

PyInstaller writes its own minimal Info.plist first and then updates it with this
dictionary, so every key here wins over PyInstaller's default for it.

No ``CFBundleDocumentTypes`` or ``UTExportedTypeDeclarations``: a uniform type is matched
on the last extension only, so ``*.scope.json`` can only be declared by claiming every
``.json`` file, and the app does not handle the open-document event (QFileOpenEvent)
anyway. Declare the type once the app opens a file given to it by Finder; until then
Finder offering to open project files with it would open an empty window.
"""

from __future__ import annotations

import re

APP_ID = "studio.aiscoping.ScopingStudio"
APP_NAME = "AI Scoping Studio"
# The locked PySide6 (6.11) wheels are built for macOS 13 (their platform tag is
# macosx_13_0); Qt 6.8 alone would run on 12, but the bundle carries the locked Qt, and
# a lower number here would let macOS 12 start the app only to fail loading Qt.
MINIMUM_MACOS = "13.0"
COPYRIGHT_YEAR = 2026


def bundle_version(version: str) -> str:
    """The release part of ``version`` as macOS wants it: up to three integers.

    CFBundleShortVersionString must be "period-separated integers"; a pre-release or a
    local tag (``0.2.0rc1``, ``0.1.0+abc``) keeps only its numbers, ``0.2.0``.
    """
    match = re.match(r"\d+(?:\.\d+)*", version.strip())
    if match is None:
        raise ValueError(f"{version!r} does not start with a version number")
    parts = [str(int(part)) for part in match.group(0).split(".")][:3]
    parts += ["0"] * (3 - len(parts))
    return ".".join(parts)


def info_plist(version: str) -> dict[str, object]:
    """The keys for ``BUNDLE(info_plist=...)``; ``version`` is pyproject.toml's."""
    numbers = bundle_version(version)
    return {
        "CFBundleIdentifier": APP_ID,
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleShortVersionString": numbers,
        "CFBundleVersion": numbers,
        "LSMinimumSystemVersion": MINIMUM_MACOS,
        # The window needs a Dock icon and a menu bar (the spec builds a windowed program
        # on macOS; this keeps it so should that change).
        "LSBackgroundOnly": False,
        # Without it a Retina screen shows the window pixel-doubled and blurred.
        "NSHighResolutionCapable": True,
        # As in the Info.plist that Qt's own build tools (qmake, CMake) write for an app.
        "NSPrincipalClass": "NSApplication",
        # A form-and-graph window has no use for the discrete GPU; stay on the integrated one.
        "NSSupportsAutomaticGraphicsSwitching": True,
        # Dark mode follows the system setting instead of being forced to light.
        "NSRequiresAquaSystemAppearance": False,
        "LSApplicationCategoryType": "public.app-category.productivity",
        "NSHumanReadableCopyright": f"© {COPYRIGHT_YEAR} {APP_NAME}",
    }
