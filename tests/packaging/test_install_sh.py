"""packaging/linux/install.sh on a fake bundle, and the launcher and metainfo it installs.

The bundle is a shell script standing in for the PyInstaller executable, with the icons
where the real bundle keeps them; HOME, XDG_DATA_HOME and the prefix are all under
tmp_path, so nothing here touches the real home.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from scoping_app import APP_NAME

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
INSTALL_SH = LINUX / "install.sh"
APP_ID = "studio.aiscoping.ScopingStudio"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
BUNDLE_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
INSTALLED_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Written by update-desktop-database and gtk-update-icon-cache into folders that already
# existed: caches of the folder, not files the script installs.
CACHES = {"mimeinfo.cache", "icon-theme.cache"}


def png(size: int) -> bytes:
    """A real size x size PNG (one flat colour), small however large the size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    rows = (b"\x00" + b"\x2a\x6f\xb5" * size) * size
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16"/></svg>\n'


def make_bundle(
    where: Path,
    version: str,
    sizes: tuple[int, ...] = BUNDLE_SIZES,
    extra: str | None = None,
    runs: bool = True,
) -> Path:
    """A folder laid out like the PyInstaller bundle; its executable prints ``version``."""
    where.mkdir(parents=True)
    exe = where / "scoping-app"
    exit_code = 0 if runs else 3
    exe.write_text(f'#!/bin/sh\necho "scoping-app {version}"\nexit {exit_code}\n')
    exe.chmod(0o755)
    icons = where / "_internal" / "resources" / "icons"
    (icons / "png").mkdir(parents=True)
    for size in sizes:
        (icons / "png" / f"scoping-app-{size}.png").write_bytes(png(size))
    (icons / "scoping-app.svg").write_bytes(SVG)
    if extra:
        (where / "_internal" / extra).write_text("only in this build\n")
    return where


@dataclass
class Place:
    """Where one test installs: a home, its data folder and a prefix, all in tmp_path."""

    root: Path
    home: Path
    data: Path
    prefix: Path

    @property
    def env(self) -> dict[str, str]:
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.data),
            "LANG": "C.UTF-8",
        }

    @property
    def lib(self) -> Path:
        return self.prefix / "lib" / "scoping-app"

    def run(self, *args: str, script: Path = INSTALL_SH) -> subprocess.CompletedProcess[str]:
        self.root.mkdir(parents=True, exist_ok=True)
        return subprocess.run(
            ["bash", str(script), *args],
            env=self.env,
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def install(self, bundle: Path) -> subprocess.CompletedProcess[str]:
        result = self.run("--bundle", str(bundle), "--prefix", str(self.prefix))
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    def tree(self) -> set[str]:
        """Every file, folder and link under home and prefix, caches left out."""
        found: set[str] = set()
        for top in (self.home, self.prefix):
            if not top.exists():
                continue
            found.add(str(top.relative_to(self.root)) + "/")
            for path in top.rglob("*"):
                if path.name in CACHES:
                    continue
                suffix = "/" if path.is_dir() and not path.is_symlink() else ""
                found.add(str(path.relative_to(self.root)) + suffix)
        return found


@pytest.fixture
def place(tmp_path: Path) -> Place:
    # A space in every path: the Exec line must quote it, and the script must survive it.
    root = tmp_path / "install root"
    home = root / "home"
    return Place(root, home, home / "xdg data", root / "the prefix")


def expected_exec(place: Place) -> str:
    return f'Exec="{place.lib / "scoping-app"}" gui'


def test_install_puts_every_file_in_place(place: Place, tmp_path: Path) -> None:
    bundle = make_bundle(tmp_path / "bundle", "1.2.3")
    result = place.install(bundle)

    exe = place.lib / "scoping-app"
    assert exe.is_file() and os.access(exe, os.X_OK)
    link = place.prefix / "bin" / "scoping-app"
    assert link.is_symlink() and os.readlink(link) == str(exe)

    desktop = place.data / "applications" / f"{APP_ID}.desktop"
    source_lines = DESKTOP.read_text().splitlines()
    installed_lines = desktop.read_text().splitlines()
    assert expected_exec(place) in installed_lines
    # Only the Exec line differs from the source.
    assert [line for line in installed_lines if not line.startswith("Exec=")] == [
        line for line in source_lines if not line.startswith("Exec=")
    ]
    metainfo = place.data / "metainfo" / f"{APP_ID}.metainfo.xml"
    assert metainfo.read_bytes() == METAINFO.read_bytes()

    hicolor = place.data / "icons" / "hicolor"
    for size in INSTALLED_SIZES:
        assert (hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png").read_bytes() == png(size)
    assert not (hicolor / "1024x1024").exists()
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").read_bytes() == SVG

    assert "scoping-app 1.2.3" in result.stdout
    assert str(desktop) in result.stdout
    assert result.stderr == ""


def test_the_installed_launcher_is_valid_with_its_quoted_path(place: Place, tmp_path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    place.install(make_bundle(tmp_path / "bundle", "1.2.3"))
    desktop = place.data / "applications" / f"{APP_ID}.desktop"
    checked = subprocess.run([tool, str(desktop)], capture_output=True, text=True)
    assert checked.returncode == 0 and checked.stdout + checked.stderr == "", checked.stdout


def test_exec_quoting_escapes_what_the_spec_reserves(tmp_path: Path) -> None:
    # $ and " in a folder name: double quotes, a backslash before each, doubled again.
    root = tmp_path / 'cost $5 "draft"'
    place = Place(root, root / "home", root / "home" / "data", root / "prefix")
    place.install(make_bundle(tmp_path / "bundle", "1.2.3"))
    desktop = place.data / "applications" / f"{APP_ID}.desktop"
    exec_line = next(line for line in desktop.read_text().splitlines() if line.startswith("Exec="))
    escaped = str(place.lib / "scoping-app").replace("$", "\\\\$").replace('"', '\\\\"')
    assert exec_line == f'Exec="{escaped}" gui'


def test_installing_again_replaces_the_earlier_install(place: Place, tmp_path: Path) -> None:
    old = make_bundle(tmp_path / "old", "0.9.0", extra="only-in-old.txt")
    place.install(old)
    assert (place.lib / "_internal" / "only-in-old.txt").is_file()

    # The new build has no 512 icon: the one the first install put there must go.
    sizes = tuple(size for size in BUNDLE_SIZES if size != 512)
    new = make_bundle(tmp_path / "new", "1.0.0", sizes=sizes)
    result = place.install(new)

    assert not (place.lib / "_internal" / "only-in-old.txt").exists()
    ran = subprocess.run([str(place.prefix / "bin" / "scoping-app")], capture_output=True)
    assert ran.stdout.decode().strip() == "scoping-app 1.0.0"
    assert "scoping-app 1.0.0" in result.stdout
    hicolor = place.data / "icons" / "hicolor"
    assert not (hicolor / "512x512" / "apps" / f"{APP_ID}.png").exists()
    assert (hicolor / "256x256" / "apps" / f"{APP_ID}.png").is_file()
    leftovers = [p.name for p in (place.prefix / "lib").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_uninstall_removes_exactly_what_install_put_there(place: Place, tmp_path: Path) -> None:
    # Things that were there before and are not ours: they must all survive.
    other_launcher = place.data / "applications" / "other.desktop"
    other_launcher.parent.mkdir(parents=True)
    other_launcher.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n")
    other_tool = place.prefix / "bin" / "other-tool"
    other_tool.parent.mkdir(parents=True)
    other_tool.write_text("#!/bin/sh\n")
    other_icon = place.data / "icons" / "hicolor" / "48x48" / "apps" / "other.png"
    other_icon.parent.mkdir(parents=True)
    other_icon.write_bytes(png(48))
    before = place.tree()

    place.install(make_bundle(tmp_path / "one", "1.0.0"))
    place.install(make_bundle(tmp_path / "two", "1.0.1"))
    assert place.tree() > before

    result = place.run("--prefix", str(place.prefix), "--uninstall")
    assert result.returncode == 0, result.stdout + result.stderr
    assert place.tree() == before
    assert other_launcher.is_file() and other_tool.is_file() and other_icon.is_file()


def test_uninstall_without_an_install_says_so(place: Place) -> None:
    result = place.run("--prefix", str(place.prefix), "--uninstall")
    assert result.returncode == 1
    assert "not installed" in result.stderr


@pytest.mark.parametrize("broken", ["missing", "no executable", "not executable"])
def test_a_missing_or_broken_bundle_is_refused(place: Place, tmp_path: Path, broken: str) -> None:
    bundle = tmp_path / "bundle"
    if broken != "missing":
        make_bundle(bundle, "1.2.3")
        exe = bundle / "scoping-app"
        if broken == "no executable":
            exe.unlink()
        else:
            exe.chmod(0o644)
    result = place.run("--bundle", str(bundle), "--prefix", str(place.prefix))
    assert result.returncode == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    expected = "There is no bundle at" if broken == "missing" else "has no executable scoping-app"
    assert expected in message
    assert not place.prefix.exists() and not place.home.exists()


def test_a_bundle_that_does_not_run_leaves_the_earlier_install(
    place: Place, tmp_path: Path
) -> None:
    place.install(make_bundle(tmp_path / "good", "1.0.0"))
    before = place.tree()
    result = place.run(
        "--bundle",
        str(make_bundle(tmp_path / "bad", "2.0.0", runs=False)),
        "--prefix",
        str(place.prefix),
    )
    assert result.returncode == 1
    assert "does not run" in result.stderr
    assert place.tree() == before
    ran = subprocess.run([str(place.lib / "scoping-app")], capture_output=True)
    assert ran.stdout.decode().strip() == "scoping-app 1.0.0"


def test_a_command_of_another_install_is_not_overwritten(place: Place, tmp_path: Path) -> None:
    theirs = place.prefix / "bin" / "scoping-app"
    theirs.parent.mkdir(parents=True)
    theirs.write_text("#!/bin/sh\necho pip's\n")
    result = place.run(
        "--bundle", str(make_bundle(tmp_path / "b", "1.0.0")), "--prefix", str(place.prefix)
    )
    assert result.returncode == 1
    assert "is not the link this script makes" in result.stderr
    assert theirs.read_text() == "#!/bin/sh\necho pip's\n"
    assert not (place.prefix / "lib").exists()


def test_the_archive_layout_finds_its_bundle_beside_the_script(
    place: Place, tmp_path: Path
) -> None:
    # dist/scoping-app-<version>-linux-<arch>.tar.gz unpacks to this folder.
    folder = tmp_path / "scoping-app-1.2.3"
    make_bundle(folder / "scoping-app", "1.2.3")
    for name in (INSTALL_SH, DESKTOP, METAINFO):
        shutil.copy2(name, folder / name.name)
    result = place.run("--prefix", str(place.prefix), script=folder / "install.sh")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"from {folder / 'scoping-app'}" in result.stdout
    assert (place.lib / "scoping-app").is_file()


def test_the_desktop_file_passes_desktop_file_validate() -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    checked = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    # It prints nothing at all when there is neither an error nor a warning.
    assert checked.returncode == 0 and checked.stdout + checked.stderr == "", checked.stdout


def test_the_desktop_file_names_the_app_as_qt_does() -> None:
    lines = DESKTOP.read_text().splitlines()
    entry = dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
    assert entry["Exec"] == "scoping-app gui"
    assert entry["Icon"] == APP_ID
    # Qt on X11 sets WM_CLASS's class to the application name.
    assert entry["StartupWMClass"] == APP_NAME
    assert entry["Name"] == APP_NAME


def test_the_metainfo_passes_appstreamcli_validate() -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (apt-get install appstream)")
    checked = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    output = checked.stdout + checked.stderr
    assert checked.returncode == 0, output
    # Infos and pedantic notes are allowed; errors and warnings are not.
    assert not re.search(r"^\s*[EW]:", output, re.MULTILINE), output


def test_the_metainfo_matches_the_project_and_its_screenshots() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("name") == APP_NAME
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    releases = component.findall("releases/release")
    assert releases and releases[0].get("version") == version
    launchable = component.find("launchable")
    assert launchable is not None and launchable.text == DESKTOP.name
    images = [image.text or "" for image in component.findall("screenshots/screenshot/image")]
    assert len(images) >= 2
    for url in images:
        assert url.startswith("https://aiscoping.studio/screenshots/")
        shot = LINUX / "screenshots" / url.rsplit("/", 1)[1]
        assert shot.is_file(), shot
        # The PNG header holds the size the metainfo claims.
        width, height = struct.unpack(">II", shot.read_bytes()[16:24])
        assert (width, height) == (1280, 800)
        assert shot.stat().st_size < 400_000
