#!/bin/sh
# debsrc.sh - make `apt-get source` work: add deb-src entries for the very
# mirrors and suites the machine already installs binary packages from.
#
#   debsrc.sh
#
# Reads the machine's own apt sources (deb822 *.sources files with
# "Types: deb", one-line sources.list entries "deb ..."), writes the same
# entries as deb-src into /etc/apt/sources.list.d/baocao-deb-src.sources /
# .list and runs apt-get update; through sudo when not root.  Does nothing
# when deb-src entries are already there.  No host is named here: every
# URI comes from the machine's configuration.
set -eu

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
dir=/etc/apt/sources.list.d

has_src() {
  grep -qsE '^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list $dir/*.list && return 0
  grep -qsE '^Types:.*deb-src' $dir/*.sources && return 0
  return 1
}

if has_src; then
  exit 0
fi
if [ -n "$sudo" ] && ! sudo -n true 2>/dev/null; then
  echo "debsrc: need root (or sudo) to add deb-src entries to $dir" >&2
  exit 1
fi

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
# deb822: each stanza whose Types holds "deb", with Types set to deb-src
for f in $dir/*.sources; do
  [ -f "$f" ] || continue
  case "$f" in */baocao-deb-src.sources) continue ;; esac
  awk '
    function flush() { if (keep && body != "") printf "%s\n", body; body = ""; keep = 0 }
    /^[[:space:]]*$/ { flush(); next }
    /^Types:/ { if ($0 ~ /[[:space:]]deb([[:space:]]|$)/) keep = 1
                body = body "Types: deb-src\n"; next }
    /^#/ { next }
    { body = body $0 "\n" }
    END { flush() }
  ' "$f" >>"$tmp"
done
if [ -s "$tmp" ]; then
  $sudo cp "$tmp" $dir/baocao-deb-src.sources
  $sudo chmod 644 $dir/baocao-deb-src.sources
fi
# one-line format
: >"$tmp"
for f in /etc/apt/sources.list $dir/*.list; do
  [ -f "$f" ] || continue
  sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" >>"$tmp"
done
if [ -s "$tmp" ]; then
  $sudo cp "$tmp" $dir/baocao-deb-src.list
  $sudo chmod 644 $dir/baocao-deb-src.list
fi
echo "debsrc: added deb-src entries; apt-get update" >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq >&2
