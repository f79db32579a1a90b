#!/bin/sh
# Fails when a file under src/, ui/ or data/ has strings marked for
# translation but is not listed in po/POTFILES.in (or POTFILES.skip), and
# when POTFILES.in lists a file that does not exist (xgettext would fail).
# Usage: check-potfiles.sh [SOURCE_ROOT]
set -eu

root=${1:-$(dirname "$0")/..}
cd "$root"

listed=$(mktemp)
trap 'rm -f "$listed"' EXIT
grep -hv -e '^[[:space:]]*#' -e '^[[:space:]]*$' po/POTFILES.in po/POTFILES.skip \
  | sed 's/[[:space:]]*$//' | sort -u >"$listed"

status=0

missing=$(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' po/POTFILES.in \
  | while read -r f; do [ -e "$f" ] || echo "$f"; done)
if [ -n "$missing" ]; then
  echo "po/POTFILES.in lists files that do not exist:"
  echo "$missing" | sed 's/^/  /'
  status=1
fi

# A call of _ N_ C_ NC_ Q_ or any *ngettext / *pgettext, or a translatable
# attribute in a .ui file; identifiers merely ending in "_" do not count.
pattern='(^|[^A-Za-z0-9_])(_|N_|C_|NC_|Q_)[[:space:]]*\(|ngettext[[:space:]]*\(|pgettext2?[[:space:]]*\(|translatable="yes"'

candidates=$(
  {
    for d in src ui data; do
      [ -d "$d" ] || continue
      find "$d" -type f \( -name '*.c' -o -name '*.h' -o -name '*.ui' \
        -o -name '*.in' -o -name '*.xml' -o -name '*.blp' \) -print
    done | xargs -r grep -lE "$pattern" 2>/dev/null || true
    # Data files carry translatable keys without any of the patterns above.
    find data -maxdepth 1 -type f \( -name '*.desktop.in' \
      -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml' \) -print 2>/dev/null
  } | sort -u
)

unlisted=$(echo "$candidates" | grep -v '^$' | grep -vxF -f "$listed" || true)
if [ -n "$unlisted" ]; then
  echo "Files with translatable strings missing from po/POTFILES.in:"
  echo "$unlisted" | sed 's/^/  /'
  status=1
fi

[ "$status" -eq 0 ] && echo "po/POTFILES.in is complete ($(wc -l <"$listed") files)."
exit "$status"
