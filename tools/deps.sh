# Sourced by run-tests and run-demo: installs the Debian 12 packages Quorum
# needs (as root), or prints the exact line to run (otherwise).
QUORUM_PACKAGES="build-essential meson ninja-build pkg-config libgtk-4-dev libadwaita-1-dev \
libsoup-3.0-dev libjson-glib-dev libsqlite3-dev sqlite3 libsecret-1-dev \
libsecret-tools gettext appstream desktop-file-utils xvfb xauth dbus dbus-x11 \
gnome-keyring at-spi2-core libglib2.0-dev-bin imagemagick x11-apps \
python3-gi gir1.2-gtk-4.0 gir1.2-atspi-2.0 gir1.2-adw-1 libgtk-4-bin \
valgrind clang flatpak-builder locales"

quorum_missing_packages () {
  missing=""
  for p in $QUORUM_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  echo "$missing"
}

quorum_install_deps () {
  missing=$(quorum_missing_packages)
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing:$missing"
      apt-get update -q >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null || return 1
    else
      echo "Missing Debian packages. Run as root:"
      echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends$missing"
      return 1
    fi
  fi
  # Turkish output needs the tr_TR.UTF-8 locale generated.
  if ! locale -a 2>/dev/null | grep -qi '^tr_TR\.utf-\?8$'; then
    if [ "$(id -u)" = 0 ]; then
      localedef -i tr_TR -f UTF-8 tr_TR.UTF-8 2>/dev/null || true
      localedef -i en_US -f UTF-8 en_US.UTF-8 2>/dev/null || true
    else
      echo "Note: the tr_TR.UTF-8 locale is missing (sudo localedef -i tr_TR -f UTF-8 tr_TR.UTF-8)"
    fi
  fi
  return 0
}
