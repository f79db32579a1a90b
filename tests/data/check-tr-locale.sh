#!/bin/sh
# Checks that the Turkish catalogue built in the build tree is found the way
# the programs look for it (bindtextdomain on QUORUM_LOCALEDIR), singular and
# plural: first through LANGUAGE=tr under C.UTF-8 (works without a Turkish
# locale on glibc >= 2.35), then under a real tr_TR.UTF-8 locale. Skips (77)
# after the first part when the machine has no tr_TR.UTF-8 locale;
# docs/packaging.md says how CI generates it.
# Usage: check-tr-locale.sh LOCALE_BUILDDIR
set -eu
dir=$1

if ! command -v gettext >/dev/null || ! command -v ngettext >/dev/null; then
  echo "SKIP: gettext/ngettext programs not installed (package gettext-base)"
  exit 77
fi
[ -f "$dir/tr/LC_MESSAGES/quorum.mo" ] || { echo "FAIL: $dir/tr/LC_MESSAGES/quorum.mo not built"; exit 1; }

check() {
  if [ "$1" = "$2" ]; then
    echo "ok: $2"
  else
    echo "FAIL: expected '$2', got '$1'"
    exit 1
  fi
}
turkish() {
  check "$(gettext -d quorum 'Offline')" 'Çevrimdışı'
  check "$(ngettext -d quorum 'Offline, %u change waiting' 'Offline, %u changes waiting' 3)" \
        'Çevrimdışı, %u değişiklik bekliyor'
}
export TEXTDOMAINDIR="$dir"

# With no Turkish requested, the English text must come back.
check "$(LC_ALL=C.UTF-8 LANGUAGE= gettext -d quorum 'Offline')" 'Offline'

echo "-- LC_ALL=C.UTF-8 LANGUAGE=tr"
LC_ALL=C.UTF-8 LANGUAGE=tr turkish

if [ -n "$(LC_ALL=tr_TR.UTF-8 locale 2>&1 >/dev/null)" ] \
   || [ "$(LC_ALL=tr_TR.UTF-8 locale charmap 2>/dev/null)" != UTF-8 ]; then
  echo "SKIP: the tr_TR.UTF-8 locale is not generated on this machine"
  exit 77
fi
echo "-- LC_ALL=tr_TR.UTF-8"
LC_ALL=tr_TR.UTF-8 LANGUAGE= turkish
