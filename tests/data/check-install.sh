#!/bin/sh
# Installs a configured, built meson tree into a fresh DESTDIR and checks that
# every file the desktop integration promises is there and that the installed
# quorum-cli runs.
#
# Usage: check-install.sh BUILD_DIR PREFIX BINDIR DATADIR LOCALEDIR GUI GUI_BIN
#   BINDIR, DATADIR, LOCALEDIR: as meson's options (relative to PREFIX or
#   absolute); GUI: true with -Dgui=true (desktop entry, metainfo, icons,
#   D-Bus service expected); GUI_BIN: true when the build defines the
#   `quorum` executable, which must then be installed too.
set -eu

if [ $# -ne 7 ]; then
  echo "usage: $0 BUILD_DIR PREFIX BINDIR DATADIR LOCALEDIR GUI GUI_BIN" >&2
  exit 2
fi
build=$1 prefix=$2 gui=$6 gui_bin=$7

abs() { case $1 in /*) echo "$1" ;; *) echo "$prefix/$1" ;; esac; }
bindir=$(abs "$3")
datadir=$(abs "$4")
localedir=$(abs "$5")

destdir=$(mktemp -d)
trap 'rm -rf "$destdir"' EXIT

# --no-rebuild: the test runner already built the tree, and a second ninja
# in the same build dir while tests run would fight over its lock.
if ! meson install -C "$build" --destdir "$destdir" --no-rebuild --quiet >"$destdir.log" 2>&1; then
  cat "$destdir.log"; rm -f "$destdir.log"
  echo "FAIL: meson install --destdir failed"
  exit 1
fi
rm -f "$destdir.log"

root="$destdir"
failures=0
expect() {
  if [ -e "$root$1" ]; then
    echo "ok: $1"
  else
    echo "MISSING: $1"
    failures=$((failures + 1))
  fi
}

expect "$datadir/glib-2.0/schemas/org.quorum.Quorum.gschema.xml"
expect "$bindir/quorum-cli"
# Every language in LINGUAS must arrive as a compiled catalogue.
for lang in $(sed -e 's/#.*//' "$(dirname "$0")/../../po/LINGUAS"); do
  expect "$localedir/$lang/LC_MESSAGES/quorum.mo"
done
if [ "$gui_bin" = true ]; then
  expect "$bindir/quorum"
fi
if [ "$gui" = true ]; then
  expect "$datadir/applications/org.quorum.Quorum.desktop"
  expect "$datadir/metainfo/org.quorum.Quorum.metainfo.xml"
  expect "$datadir/dbus-1/services/org.quorum.Quorum.service"
  expect "$datadir/icons/hicolor/scalable/apps/org.quorum.Quorum.svg"
  expect "$datadir/icons/hicolor/symbolic/apps/org.quorum.Quorum-symbolic.svg"
fi
if [ "$failures" -gt 0 ]; then
  echo "FAIL: $failures installed file(s) missing"
  exit 1
fi

if [ "$gui" = true ]; then
  # The installed entry must be the translated one and the service must
  # start the installed binary.
  grep -q '^Name\[tr\]=' "$root$datadir/applications/org.quorum.Quorum.desktop" \
    || { echo "FAIL: installed desktop file has no Turkish translation"; exit 1; }
  grep -qx "Exec=$bindir/quorum --gapplication-service" \
    "$root$datadir/dbus-1/services/org.quorum.Quorum.service" \
    || { echo "FAIL: D-Bus service does not run $bindir/quorum"; exit 1; }
fi

glib-compile-schemas --strict --dry-run "$root$datadir/glib-2.0/schemas" \
  || { echo "FAIL: installed schemas do not compile"; exit 1; }

rc=0
out=$(QUORUM_DATA_DIR="$destdir/data" "$root$bindir/quorum-cli" --help 2>&1) || rc=$?
if [ "$rc" -ne 0 ]; then
  echo "$out"
  echo "FAIL: installed quorum-cli --help exited with $rc"
  exit 1
fi
case $out in
  *quorum-cli*|*Usage*|*usage*) echo "ok: installed quorum-cli --help runs" ;;
  *) echo "$out"; echo "FAIL: installed quorum-cli --help printed no usage"; exit 1 ;;
esac
echo "install into DESTDIR: all checks passed"
