#!/bin/sh
# Regenerates po/quorum.pot from POTFILES.in, merges it into po/LANG.po and
# lists what is still untranslated or fuzzy, so a translator can finish the
# catalogue in one pass. With --check nothing in the tree is written: the
# template and the merge go to a temporary directory and the script fails
# when any entry is untranslated or fuzzy (test data/po-tr-complete).
#
# Usage: po/update-tr.sh [--check] [LANG]     (LANG defaults to tr)
set -eu

check=false
if [ "${1:-}" = "--check" ]; then
  check=true
  shift
fi
lang=${1:-tr}

podir=$(cd "$(dirname "$0")" && pwd)
srcroot=$(dirname "$podir")
pofile="$podir/$lang.po"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The same arguments as meson's i18n.gettext(preset: 'glib'), so that this
# template and `meson compile quorum-pot` agree.
xgettext --package-name=quorum --msgid-bugs-address=https://quorum.example.org/issues/ \
  -D "$srcroot" -f "$podir/POTFILES.in" -o "$work/quorum.pot" \
  -k_ --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format

if $check; then
  merged="$work/$lang.po"
  msgmerge --quiet --previous -o "$merged" "$pofile" "$work/quorum.pot"
else
  cp "$work/quorum.pot" "$podir/quorum.pot"
  msgmerge --quiet --previous --update --backup=none "$pofile" "$podir/quorum.pot"
  merged="$pofile"
fi

# msgfmt counts messages without the header entry.
stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$merged" 2>&1)
count() { echo "$stats" | sed -n "s/.*[^0-9]\([0-9][0-9]*\) $1.*/\1/p;s/^\([0-9][0-9]*\) $1.*/\1/p" | head -n 1; }
untranslated=$(count 'untranslated message')
fuzzy=$(count 'fuzzy translation')
untranslated=${untranslated:-0}
fuzzy=${fuzzy:-0}

if [ "$untranslated" -gt 0 ]; then
  echo "== $untranslated untranslated in $lang.po =="
  msgattrib --untranslated --no-obsolete --no-wrap "$merged" | sed '1,/^$/d'
fi
if [ "$fuzzy" -gt 0 ]; then
  echo "== $fuzzy fuzzy in $lang.po =="
  msgattrib --only-fuzzy --no-obsolete --no-wrap "$merged" | sed '1,/^$/d'
fi

echo "$lang.po: $stats"

if $check && [ $((untranslated + fuzzy)) -gt 0 ]; then
  echo "Run po/update-tr.sh $lang, translate the entries above and commit $lang.po."
  exit 1
fi
exit 0
