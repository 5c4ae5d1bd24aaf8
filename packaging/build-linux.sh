#!/usr/bin/env bash
# Build the Linux bundle of AI Scoping Studio and check it as a user would get it.
#
#   bash packaging/build-linux.sh
#
# 1. a runtime-only environment (uv.lock, without the dev group) in build/venv-linux;
# 2. PyInstaller on packaging/scoping-app.spec into dist/scoping-app/;
# 3. libpython stripped (only it: stripped numpy/OpenBLAS or Qt libraries break);
# 4. every library resolved (ldd), the size within budget;
# 5. the bundle's self-test, with the window, from another folder and a temporary HOME;
# 6. dist/scoping-app-<version>-linux-<arch>.tar.gz with install.sh and the desktop files.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

APP_ID=studio.aiscoping.ScopingStudio
BUDGET_MIB=${SCOPING_APP_BUNDLE_BUDGET_MIB:-256}
venv="$root/build/venv-linux"
bundle="$root/dist/scoping-app"
started=$(date +%s)

say() { printf '==> %s\n' "$*"; }
fail() { printf 'build-linux: %s\n' "$*" >&2; exit 1; }

if command -v uv >/dev/null 2>&1; then
    uv=(uv)
elif python3 -m uv --version >/dev/null 2>&1; then
    uv=(python3 -m uv)
else
    fail "uv is needed: python3 -m pip install uv"
fi
command -v ldd >/dev/null 2>&1 || fail "ldd is needed (Debian: libc-bin)"
command -v objdump >/dev/null 2>&1 || fail "objdump is needed by PyInstaller (Debian: binutils)"

say "runtime-only environment in build/venv-linux"
UV_PROJECT_ENVIRONMENT="$venv" "${uv[@]}" sync --frozen --no-dev --group packaging --no-editable --quiet
for unwanted in pytest hypothesis pytestqt; do
    if compgen -G "$venv/lib/python*/site-packages/$unwanted" >/dev/null; then
        fail "$unwanted is in the runtime environment; the bundle must not carry it"
    fi
done

say "PyInstaller"
rm -rf "$bundle" "$root/build/pyinstaller"
"$venv/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath "$root/dist" --workpath "$root/build/pyinstaller" packaging/scoping-app.spec

say "strip libpython"
for lib in "$bundle"/_internal/libpython3*.so*; do
    [ -f "$lib" ] && strip --strip-unneeded "$lib"
done

say "every library resolves"
missing=$(find "$bundle" -type f \( -name '*.so*' -o -name scoping-app \) -print0 |
    LD_LIBRARY_PATH="$bundle/_internal" xargs -0 ldd 2>/dev/null | grep 'not found' | sort -u || true)
[ -z "$missing" ] || fail "libraries not found:
$missing"

size_mib=$(( $(du -sk "$bundle" | cut -f1) / 1024 ))
say "bundle size ${size_mib} MiB (budget ${BUDGET_MIB} MiB)"
[ "$size_mib" -le "$BUDGET_MIB" ] || fail "the bundle is ${size_mib} MiB, over its budget of ${BUDGET_MIB} MiB"
for unwanted in pytest hypothesis; do
    if find "$bundle" -path "*/$unwanted*" -print -quit | grep -q .; then
        fail "$unwanted found in the bundle"
    fi
done

say "self-test from another folder with a temporary HOME"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(
    cd "$scratch"
    env -i PATH=/usr/bin:/bin HOME="$scratch/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
        "$bundle/scoping-app" self-test --gui
)
[ ! -e "$scratch/home/.local/share/scoping-app/scoping.db" ] ||
    fail "the self-test wrote a database in the user's folder"

version=$("$bundle/scoping-app" --version | awk '{print $2}')
if [ -z "$version" ] || [ "$version" = "0.0.0+unknown" ]; then
    fail "the bundle does not know its version"
fi
arch=$(uname -m)
name="scoping-app-$version"
say "archive dist/$name-linux-$arch.tar.gz"
stage="$scratch/$name"
mkdir -p "$stage"
cp -a "$bundle" "$stage/scoping-app"
cp packaging/linux/install.sh "$stage/"
cp "packaging/linux/$APP_ID.desktop" "packaging/linux/$APP_ID.metainfo.xml" "$stage/"
tar -C "$scratch" -czf "$root/dist/$name-linux-$arch.tar.gz" "$name"

say "done in $(( $(date +%s) - started )) s: dist/scoping-app/scoping-app and dist/$name-linux-$arch.tar.gz"
