#!/bin/sh
# The core layer may never see GTK: no include of it in src/core, and a GTK
# include compiled with exactly the core's dependencies must fail.
set -u
core="$1"
if grep -rnE '#include[[:space:]]*[<"](gtk|adwaita|gdk)/' "$core"; then
  echo "FAIL: src/core includes GTK (lines above)"; exit 1
fi
flags=$(pkg-config --cflags glib-2.0 gio-2.0 libsoup-3.0 json-glib-1.0 sqlite3 libsecret-1) || exit 77
if printf '#include <gtk/gtk.h>\n' | ${CC:-cc} $flags -fsyntax-only -x c - 2>/dev/null; then
  echo "FAIL: <gtk/gtk.h> compiles with the core's flags"; exit 1
fi
echo "ok: no GTK in src/core, and GTK headers are out of its reach"
