#!/usr/bin/env bash
# Installs AI Scoping Studio for the current user, without root:
#
#   install.sh [--bundle DIR] [--prefix DIR] [--uninstall]
#
#   --bundle DIR  the PyInstaller bundle (a folder holding the executable scoping-app);
#                 default: ./scoping-app beside this script (the release archive), else
#                 dist/scoping-app of the repository this script is in
#   --prefix DIR  default: ~/.local. The program goes to PREFIX/lib/scoping-app, a link
#                 to PREFIX/bin/scoping-app; the launcher, metainfo and icons go to
#                 ${XDG_DATA_HOME:-PREFIX/share}
#   --uninstall   removes what an earlier install with the same --prefix put there
#
# Installing again replaces the earlier install, including files it no longer has.
set -euo pipefail

readonly APP_ID=studio.aiscoping.ScopingStudio
readonly APP_NAME="AI Scoping Studio"
readonly EXE=scoping-app
# 1024 is left out: hicolor has no such size and nothing asks for one.
readonly ICON_SIZES=(16 24 32 48 64 128 256 512)
# Caches the refresh tools write beside our files; they belong to the folder, not to us.
readonly CACHE_FILES=(icon-theme.cache mimeinfo.cache)

here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"

usage() {
    sed -n '2,15s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

die() {
    printf 'install.sh: %s\n' "$1" >&2
    exit 1
}

bundle=""
prefix="${HOME:?HOME is not set}/.local"
uninstall=false
while (($# > 0)); do
    case "$1" in
        --bundle)
            (($# >= 2)) || die "--bundle needs a folder."
            bundle="$2"
            shift 2
            ;;
        --bundle=*)
            bundle="${1#--bundle=}"
            shift
            ;;
        --prefix)
            (($# >= 2)) || die "--prefix needs a folder."
            prefix="$2"
            shift 2
            ;;
        --prefix=*)
            prefix="${1#--prefix=}"
            shift
            ;;
        --uninstall)
            uninstall=true
            shift
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *)
            usage >&2
            die "unknown argument: $1"
            ;;
    esac
done

absolute() {
    if [[ "$1" == /* ]]; then printf '%s\n' "$1"; else printf '%s\n' "$PWD/$1"; fi
}

[[ -n "$prefix" ]] || die "--prefix must not be empty."
prefix="$(absolute "${prefix%/}")"
data_home="$(absolute "${XDG_DATA_HOME:-$prefix/share}")"
data_home="${data_home%/}"
# The manifest is one path a line; a newline inside a path would split it.
[[ "$prefix$data_home" != *$'\n'* ]] || die "The prefix and XDG_DATA_HOME must not contain a newline."

readonly lib_parent="$prefix/lib"
readonly lib_dir="$lib_parent/$EXE"
readonly bin_dir="$prefix/bin"
readonly bin_link="$bin_dir/$EXE"
readonly apps_dir="$data_home/applications"
readonly metainfo_dir="$data_home/metainfo"
readonly hicolor="$data_home/icons/hicolor"
readonly manifest="$lib_parent/$EXE.manifest"

# Guards every removal, so that a damaged manifest cannot make us delete anything else.
is_ours() {
    case "$1" in
        "$bin_link" | */applications/"$APP_ID".desktop | */metainfo/"$APP_ID".metainfo.xml) return 0 ;;
        */icons/hicolor/*/apps/"$APP_ID".png | */icons/hicolor/scalable/apps/"$APP_ID".svg) return 0 ;;
        *) return 1 ;;
    esac
}

is_our_link() {
    [[ -L "$bin_link" && "$(readlink -- "$bin_link")" == "$lib_dir/$EXE" ]]
}

# A bundle that hangs (waiting on a display, say) must not hang the install with it.
run_version() {
    if command -v timeout >/dev/null 2>&1; then
        timeout 120 "$1" --version </dev/null 2>&1
    else
        "$1" --version </dev/null 2>&1
    fi
}

old_files=()
old_dirs=()
read_manifest() {
    [[ -f "$manifest" ]] || return 0
    local kind path
    while IFS=' ' read -r kind path; do
        case "$kind" in
            file) old_files+=("$path") ;;
            dir) old_dirs+=("$path") ;;
        esac
    done <"$manifest"
}

remove_file() {
    local path="$1"
    is_ours "$path" || {
        printf '  kept      %s (not a file this script installs)\n' "$path"
        return 0
    }
    if [[ "$path" == "$bin_link" ]] && { [[ -e "$path" ]] || [[ -L "$path" ]]; } && ! is_our_link; then
        printf '  kept      %s (not the link this script makes)\n' "$path"
        return 0
    fi
    if [[ -e "$path" || -L "$path" ]]; then
        rm -f -- "$path"
        printf '  removed   %s\n' "$path"
    fi
}

# Deepest first, and only when empty but for a refresh tool's cache of what we took out.
remove_created_dirs() {
    local dir name only_cache entry removed=0
    while IFS= read -r dir; do
        [[ -d "$dir" ]] || continue
        only_cache=true
        for entry in "$dir"/* "$dir"/.[!.]*; do
            [[ -e "$entry" || -L "$entry" ]] || continue
            name="${entry##*/}"
            if [[ " ${CACHE_FILES[*]} " != *" $name "* ]]; then
                only_cache=false
                break
            fi
        done
        if $only_cache; then
            for name in "${CACHE_FILES[@]}"; do rm -f -- "${dir:?}/$name"; done
            rmdir -- "$dir" 2>/dev/null && removed=$((removed + 1))
        fi
    done < <(printf '%s\n' "$@" | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2-)
    if ((removed > 0)); then
        printf '  removed   %d folders the install had created, now empty\n' "$removed"
    fi
    return 0
}

refresh_caches() {
    if [[ -d "$apps_dir" ]] && command -v update-desktop-database >/dev/null 2>&1; then
        if update-desktop-database -q "$apps_dir"; then
            printf '  refreshed the launcher cache in %s\n' "$apps_dir"
        else
            printf '  warning: update-desktop-database %s failed\n' "$apps_dir" >&2
        fi
    fi
    # -t: a user's hicolor folder has no index.theme of its own; -f: rebuild even if fresh.
    if [[ -d "$hicolor" ]] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
        if gtk-update-icon-cache -q -f -t "$hicolor"; then
            printf '  refreshed the icon cache in %s\n' "$hicolor"
        else
            printf '  warning: gtk-update-icon-cache %s failed\n' "$hicolor" >&2
        fi
    fi
}

if $uninstall; then
    read_manifest
    if [[ ! -f "$manifest" && ! -e "$lib_dir" ]]; then
        die "$APP_NAME is not installed under $prefix (no $lib_dir)."
    fi
    if [[ ! -f "$manifest" ]]; then
        # An install whose manifest was lost: the places this script would have used.
        old_files=("$bin_link" "$apps_dir/$APP_ID.desktop" "$metainfo_dir/$APP_ID.metainfo.xml"
            "$hicolor/scalable/apps/$APP_ID.svg")
        for size in "${ICON_SIZES[@]}"; do old_files+=("$hicolor/${size}x$size/apps/$APP_ID.png"); done
    fi
    printf 'Uninstalling %s from %s:\n' "$APP_NAME" "$prefix"
    for path in "${old_files[@]}"; do remove_file "$path"; done
    if [[ -d "$lib_dir" ]]; then
        if [[ -f "$lib_dir/$EXE" ]]; then
            rm -rf -- "$lib_dir"
            printf '  removed   %s/\n' "$lib_dir"
        else
            printf '  kept      %s (it has no %s: not an install of ours)\n' "$lib_dir" "$EXE"
        fi
    fi
    if [[ -f "$manifest" ]]; then
        rm -f -- "$manifest"
        printf '  removed   %s\n' "$manifest"
    fi
    remove_created_dirs "${old_dirs[@]}"
    refresh_caches
    printf 'Done.\n'
    exit 0
fi

# --- install ---------------------------------------------------------------------------

if [[ -z "$bundle" ]]; then
    if [[ -d "$here/$EXE" ]]; then
        bundle="$here/$EXE"
    else
        bundle="$here/../../dist/$EXE"
    fi
fi
[[ -d "$bundle" ]] || die "There is no bundle at $bundle: build it with packaging/build-linux.sh or pass --bundle DIR."
bundle="$(cd -- "$bundle" && pwd -P)"
[[ -f "$bundle/$EXE" && -x "$bundle/$EXE" ]] ||
    die "The bundle $bundle has no executable $EXE, so it is not a build of $APP_NAME."
if [[ -d "$lib_dir" && "$(cd -- "$lib_dir" && pwd -P)" == "$bundle" ]]; then
    die "The bundle $bundle is the installed copy itself; pass the bundle it was built as."
fi
desktop_src="$here/$APP_ID.desktop"
metainfo_src="$here/$APP_ID.metainfo.xml"
[[ -f "$desktop_src" ]] || die "The launcher file $desktop_src is missing beside this script."
[[ -f "$metainfo_src" ]] || die "The metainfo file $metainfo_src is missing beside this script."
if [[ -e "$bin_link" || -L "$bin_link" ]] && ! is_our_link; then
    die "$bin_link exists and is not the link this script makes (a pip or pipx install?); remove it or choose another --prefix."
fi
if [[ -e "$lib_dir" && ! -d "$lib_dir" ]]; then
    die "$lib_dir exists and is not a folder; remove it or choose another --prefix."
fi

read_manifest
created_dirs=()
for dir in "${old_dirs[@]}"; do [[ -d "$dir" ]] && created_dirs+=("$dir"); done

# Notes every folder that mkdir -p is about to create, so that uninstall takes out only those.
make_dir() {
    local dir="$1" missing=()
    while [[ ! -d "$dir" ]]; do
        missing+=("$dir")
        dir="$(dirname -- "$dir")"
    done
    if ((${#missing[@]} > 0)); then
        mkdir -p -- "$1"
        created_dirs+=("${missing[@]}")
    fi
}

# Quoting of an Exec argument (Desktop Entry spec, "The Exec key"): reserved characters need
# double quotes with \ " ` $ escaped, then the string level doubles every backslash, and %
# is a field code unless doubled.
exec_arg() {
    local s="$1"
    if [[ ! "$s" =~ ^[A-Za-z0-9_/.,+@:=-]+$ ]]; then
        s="${s//\\/\\\\}"
        s="${s//\"/\\\"}"
        s="${s//\`/\\\`}"
        s="${s//\$/\\\$}"
        s="\"$s\""
        s="${s//\\/\\\\}"
    fi
    printf '%s' "${s//%/%%}"
}

stage=""
retired=""
cleanup() {
    [[ -z "$stage" ]] || rm -rf -- "$stage"
    [[ -z "$retired" ]] || rm -rf -- "$retired"
}
trap cleanup EXIT

make_dir "$lib_parent"
# Beside the target so that the final mv is a rename on one file system.
stage="$(mktemp -d "$lib_parent/.$EXE.new.XXXXXX")"
cp -a -- "$bundle/." "$stage/"
chmod 755 "$stage"
# A bundle that does not start would replace a working install: try it before the swap.
if ! staged_version="$(run_version "$stage/$EXE")"; then
    die "The bundle $bundle does not run ($EXE --version said: ${staged_version:-nothing}); the earlier install, if any, is untouched."
fi

if [[ -d "$lib_dir" ]]; then
    retired="$(mktemp -d "$lib_parent/.$EXE.old.XXXXXX")"
    mv -- "$lib_dir" "$retired/"
fi
mv -- "$stage" "$lib_dir"
stage=""
if [[ -n "$retired" ]]; then
    rm -rf -- "$retired"
    retired=""
fi

printf 'Installing %s for %s:\n' "$APP_NAME" "$(id -un 2>/dev/null || printf 'this user')"
printf '  program   %s/ (from %s)\n' "$lib_dir" "$bundle"

new_files=()

make_dir "$bin_dir"
ln -sfn -- "$lib_dir/$EXE" "$bin_link"
new_files+=("$bin_link")
printf '  command   %s -> %s\n' "$bin_link" "$lib_dir/$EXE"

make_dir "$apps_dir"
desktop_dst="$apps_dir/$APP_ID.desktop"
exec_path="$(exec_arg "$lib_dir/$EXE")"
rewritten=0
{
    while IFS= read -r line || [[ -n "$line" ]]; do
        if [[ "$line" == "Exec=$EXE" || "$line" == "Exec=$EXE "* ]]; then
            line="Exec=$exec_path${line#"Exec=$EXE"}"
            rewritten=$((rewritten + 1))
        fi
        printf '%s\n' "$line"
    done <"$desktop_src"
} >"$desktop_dst.tmp"
if ((rewritten == 0)); then
    rm -f -- "$desktop_dst.tmp"
    die "$desktop_src has no Exec=$EXE line to point at the installed program."
fi
chmod 644 "$desktop_dst.tmp"
mv -f -- "$desktop_dst.tmp" "$desktop_dst"
new_files+=("$desktop_dst")
printf '  launcher  %s\n' "$desktop_dst"

make_dir "$metainfo_dir"
install -m 644 -- "$metainfo_src" "$metainfo_dir/$APP_ID.metainfo.xml"
new_files+=("$metainfo_dir/$APP_ID.metainfo.xml")
printf '  metainfo  %s\n' "$metainfo_dir/$APP_ID.metainfo.xml"

icons_src="$lib_dir/_internal/resources/icons"
installed_icons=()
for size in "${ICON_SIZES[@]}"; do
    src="$icons_src/png/$EXE-$size.png"
    if [[ -f "$src" ]]; then
        dst_dir="$hicolor/${size}x$size/apps"
        make_dir "$dst_dir"
        install -m 644 -- "$src" "$dst_dir/$APP_ID.png"
        new_files+=("$dst_dir/$APP_ID.png")
        installed_icons+=("${size}x$size")
    else
        printf '  warning: the bundle has no %s; the launcher falls back on smaller or scalable icons\n' "$src" >&2
    fi
done
if [[ -f "$icons_src/$EXE.svg" ]]; then
    make_dir "$hicolor/scalable/apps"
    install -m 644 -- "$icons_src/$EXE.svg" "$hicolor/scalable/apps/$APP_ID.svg"
    new_files+=("$hicolor/scalable/apps/$APP_ID.svg")
    installed_icons+=(scalable)
else
    printf '  warning: the bundle has no %s\n' "$icons_src/$EXE.svg" >&2
fi
printf '  icons     %s/{%s}/apps/%s.*\n' "$hicolor" "$(
    IFS=,
    printf '%s' "${installed_icons[*]}"
)" "$APP_ID"

# Files the earlier install had and this one does not (say, an icon size since dropped).
for path in "${old_files[@]}"; do
    [[ " ${new_files[*]} " == *" $path "* ]] || remove_file "$path"
done

{
    for path in "${new_files[@]}"; do printf 'file %s\n' "$path"; done
    # Unique, as a reinstall carries the earlier list forward.
    printf '%s\n' "${created_dirs[@]}" | awk 'NF && !seen[$0]++ { print "dir " $0 }'
} >"$manifest.tmp"
mv -f -- "$manifest.tmp" "$manifest"
printf '  manifest  %s (what --uninstall removes)\n' "$manifest"

refresh_caches

if ! version="$(run_version "$lib_dir/$EXE")"; then
    die "Installed, but $lib_dir/$EXE --version failed: ${version:-no output}."
fi
printf 'Installed and checked: %s\n' "$version"
case ":${PATH:-}:" in
    *":$bin_dir:"*) ;;
    *) printf 'Note: %s is not on your PATH; the launcher works anyway, or run %s.\n' "$bin_dir" "$bin_link" ;;
esac
