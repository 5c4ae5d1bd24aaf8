#!/usr/bin/env bash
# Builds the macOS app of AI Scoping Studio and its .dmg; signs, notarizes and staples
# them when the credentials are there.
#
#   bash packaging/macos/build-macos.sh
#
#   MACOS_SIGN_IDENTITY   a "Developer ID Application: NAME (TEAMID)" identity in the keychain
#   MACOS_NOTARY_PROFILE  a notarytool keychain profile, made once with
#                         xcrun notarytool store-credentials PROFILE --apple-id ... --team-id ...
#
# Without MACOS_SIGN_IDENTITY the app and the .dmg are built unsigned (PyInstaller's ad-hoc
# signatures only), and the script says so at the end.
#
# Written for the bash that macOS ships (3.2): no associative arrays, no empty arrays.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

APP_NAME="AI Scoping Studio"
venv="$root/build/venv-macos"
# The spec's BUNDLE(name=...) decides this name.
app="$root/dist/$APP_NAME.app"
exe="$app/Contents/MacOS/scoping-app"
entitlements="$root/packaging/macos/entitlements.plist"
identity="${MACOS_SIGN_IDENTITY:-}"
notary_profile="${MACOS_NOTARY_PROFILE:-}"
started=$(date +%s)
scratch=""

say() { printf '==> %s\n' "$*"; }
fail() {
    printf 'build-macos: %s\n' "$*" >&2
    exit 1
}
cleanup() { [ -z "$scratch" ] || rm -rf "$scratch"; }
trap cleanup EXIT

[ "$(uname -s)" = Darwin ] || fail "this script builds the macOS app; run it on a Mac"
command -v uv >/dev/null 2>&1 || fail "uv is needed: python3 -m pip install uv (or brew install uv)"
for tool in codesign hdiutil ditto xattr lipo; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is needed (Xcode command line tools: xcode-select --install)"
done
if [ -n "$notary_profile" ] && [ -z "$identity" ]; then
    fail "MACOS_NOTARY_PROFILE is set but MACOS_SIGN_IDENTITY is not: Apple notarizes signed apps only"
fi
if [ -n "$identity" ]; then
    # Caught here rather than after a ten-minute build.
    security find-identity -v -p codesigning | grep -qF "$identity" ||
        fail "no valid code-signing identity \"$identity\" in the keychain (security find-identity -v -p codesigning)"
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/scoping-build.XXXXXX")

say "runtime-only environment in build/venv-macos"
# Its own environment, from uv.lock, without the dev group: the bundle must not carry pytest.
export UV_PROJECT_ENVIRONMENT="$venv"
uv sync --frozen --no-dev --group packaging --no-editable --quiet
for unwanted in pytest hypothesis pytestqt; do
    if ls -d "$venv"/lib/python*/site-packages/"$unwanted" >/dev/null 2>&1; then
        fail "$unwanted is in the runtime environment; the bundle must not carry it"
    fi
done

say "PyInstaller"
rm -rf "$app" "$root/dist/scoping-app" "$root/build/pyinstaller"
uv run --no-sync pyinstaller --noconfirm --log-level WARN \
    --distpath "$root/dist" --workpath "$root/build/pyinstaller" packaging/scoping-app.spec
[ -x "$exe" ] || fail "PyInstaller made no $exe: does the spec's BUNDLE(name=...) still say \"$APP_NAME.app\"?"
if find "$app" -path '*/pytest*' -print -quit | grep -q .; then
    fail "pytest found in the app"
fi

version=$("$exe" --version | awk '{print $2}')
{ [ -n "$version" ] && [ "$version" != "0.0.0+unknown" ]; } || fail "the app does not know its version"
archs=$(lipo -archs "$exe")
case "$archs" in
    *" "*) arch=universal2 ;;
    *) arch=$archs ;;
esac
dmg="$root/dist/scoping-app-$version-macos-$arch.dmg"

# From another folder, with a HOME of its own: a bundle that reads the source tree or the
# builder's home would pass here and fail on the user's Mac. The offscreen platform (the
# PySide6 wheel ships it and the spec keeps it) lets a runner without a screen open the window.
self_test() {
    local place="$scratch/self-test-$1"
    mkdir -p "$place/home" "$place/tmp"
    say "self-test of the $1 app from another folder with a temporary HOME"
    (
        cd "$place"
        env -i PATH=/usr/bin:/bin HOME="$place/home" TMPDIR="$place/tmp" LANG=en_US.UTF-8 \
            QT_QPA_PLATFORM=offscreen "$exe" self-test --gui
    ) || fail "the self-test of the $1 app failed"
    local written
    written=$(find "$place/home" -name '*.db' -print 2>/dev/null | head -n 1)
    [ -z "$written" ] || fail "the self-test wrote a database in the user's folder: $written"
}

# notarytool's exit status does not always tell an Invalid submission from an Accepted
# one, so the status is read from its JSON; on refusal Apple's log says which file failed.
notarize() {
    local file="$1" out status id
    say "notarizing $(basename "$file") (this waits for Apple, usually a few minutes)"
    out=$(xcrun notarytool submit "$file" --keychain-profile "$notary_profile" --wait \
        --output-format json) || true
    status=$(printf '%s' "$out" | "$venv/bin/python" -c \
        'import json, sys; print(json.load(sys.stdin).get("status", ""))' 2>/dev/null || true)
    if [ "$status" != "Accepted" ]; then
        id=$(printf '%s' "$out" | "$venv/bin/python" -c \
            'import json, sys; print(json.load(sys.stdin).get("id", ""))' 2>/dev/null || true)
        printf '%s\n' "$out" >&2
        if [ -n "$id" ]; then
            xcrun notarytool log "$id" --keychain-profile "$notary_profile" >&2 || true
        fi
        fail "notarization of $(basename "$file") ended with status '${status:-unknown}'"
    fi
}

self_test unsigned

state="unsigned"
if [ -n "$identity" ]; then
    say "signing with \"$identity\": hardened runtime, entitlements, secure timestamp"
    # Extended attributes (Finder info, quarantine) make codesign refuse the bundle.
    xattr -cr "$app"
    # --deep signs every dylib, .so and Qt plugin in Contents/Frameworks with the same
    # identity, which is what library validation checks; it is also how PyInstaller's own
    # BUNDLE signs when given an identity.
    codesign --force --deep --options runtime --timestamp \
        --entitlements "$entitlements" --sign "$identity" "$app"
    codesign --verify --deep --strict --verbose=2 "$app"
    codesign --display --entitlements - "$app" 2>/dev/null | grep -q allow-jit ||
        fail "the signed app does not carry the entitlements of $entitlements"
    # The hardened runtime is where missing entitlements show: test the signed app too.
    self_test signed
    state="signed, not notarized"

    if [ -n "$notary_profile" ]; then
        # The app is notarized and stapled before it goes into the .dmg, so that a copy
        # dragged to /Applications opens offline too; the .dmg is notarized after.
        zip="$scratch/scoping-app-$version.zip"
        ditto -c -k --keepParent "$app" "$zip"
        notarize "$zip"
        xcrun stapler staple "$app"
        xcrun stapler validate "$app"
        spctl --assess --type exec --verbose=2 "$app"
        state="signed, notarized and stapled"
    else
        # Before notarization Gatekeeper answers "Unnotarized Developer ID": shown, not fatal.
        spctl --assess --type exec --verbose=2 "$app" ||
            say "Gatekeeper refuses the app until it is notarized (set MACOS_NOTARY_PROFILE)"
    fi
else
    say "not signing: MACOS_SIGN_IDENTITY is not set"
fi

say "disk image $(basename "$dmg")"
stage="$scratch/dmg"
mkdir -p "$stage"
# ditto keeps the signatures, the stapled ticket and the framework symlinks intact.
ditto "$app" "$stage/$APP_NAME.app"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
# hdiutil fails now and then with "Resource busy" while Spotlight looks at the new
# volume; a second try is the usual cure.
made=false
for attempt in 1 2 3; do
    if hdiutil create -quiet -volname "$APP_NAME" -srcfolder "$stage" -format UDZO -ov "$dmg"; then
        made=true
        break
    fi
    say "hdiutil create failed (attempt $attempt); trying again"
    sleep 5
done
$made || fail "hdiutil could not make $dmg"
hdiutil verify -quiet "$dmg"

if [ -n "$identity" ]; then
    codesign --force --timestamp --sign "$identity" "$dmg"
    if [ -n "$notary_profile" ]; then
        notarize "$dmg"
        xcrun stapler staple "$dmg"
        spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
    fi
fi

say "done in $(($(date +%s) - started)) s: $state"
printf '    %s\n    %s\n' "$app" "$dmg"
if [ -z "$identity" ]; then
    printf '%s\n' "The app and the .dmg are not signed: on another Mac Gatekeeper blocks them" \
        "(Control-click > Open lets a tester through). Set MACOS_SIGN_IDENTITY and" \
        "MACOS_NOTARY_PROFILE to build a release."
fi
