#!/bin/sh
# Install the Debian packages given as arguments that are not installed yet:
# with apt-get as root, through sudo otherwise, or print the one command to run.
missing=""
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "itbtimer needs these system packages (or your system's equivalents):$missing" >&2
    exit 0
fi
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
else
    echo "itbtimer needs system packages; run: sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "installing system packages:$missing"
$SUDO apt-get update -qq >/dev/null && \
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
