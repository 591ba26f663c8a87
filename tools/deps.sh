#!/bin/sh
# deps.sh - check (and on Debian install) what baocao needs to build.
#
#   deps.sh [--install] [--quiet] [--test] [--bench] [--windows]
#
# Checks every pkg-config module; with --install, installs the missing
# Debian packages with apt-get (through sudo when not root), or stops with
# the exact command to run.  --test adds what `make check` needs, --bench
# what `make bench` compares with (openpyxl for Debian's /usr/bin/python3),
# --windows what `make windows` needs (docs/windows.md).
set -u
install=0 quiet=0 test=0 bench=0 windows=0
for a in "$@"; do
  case "$a" in
    --install) install=1 ;;
    --quiet) quiet=1 ;;
    --test) test=1 ;;
    --bench) bench=1 ;;
    --windows) windows=1 ;;
  esac
done

# pkg-config module -> Debian package
pairs="libxml-2.0:libxml2-dev libxslt:libxslt1-dev libexslt:libxslt1-dev
xlsxwriter:libxlsxwriter-dev libpcre2-8:libpcre2-dev libzip:libzip-dev
freexl:libfreexl-dev libutf8proc:libutf8proc-dev"
[ "$test" = 1 ] && pairs="$pairs cmocka:libcmocka-dev"

missing=""
command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v make >/dev/null 2>&1 || missing="$missing make"
for p in $pairs; do
  mod=${p%%:*} pkg=${p#*:}
  if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists "$mod"; then
    case " $missing " in *" $pkg "*) ;; *) missing="$missing $pkg" ;; esac
  fi
done
if [ "$test" = 1 ]; then
  command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
  command -v unzip >/dev/null 2>&1 || missing="$missing unzip"
  # the independent recount (tests/recount) and the fault injection
  # (tests/e2e/faults-*: strace -e inject)
  command -v python3 >/dev/null 2>&1 || missing="$missing python3"
  command -v strace >/dev/null 2>&1 || missing="$missing strace"
fi
if [ "$windows" = 1 ]; then
  # the cross compiler, zlib for it, what builds the libraries from their
  # Debian source packages (tools/windows/build-libs.sh) and the zip
  command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || missing="$missing gcc-mingw-w64-x86-64"
  [ -f /usr/x86_64-w64-mingw32/include/zlib.h ] || missing="$missing libz-mingw-w64-dev"
  command -v dpkg-source >/dev/null 2>&1 || missing="$missing dpkg-dev"
  command -v cmake >/dev/null 2>&1 || missing="$missing cmake"
  command -v autoreconf >/dev/null 2>&1 || missing="$missing autoconf"
  command -v automake >/dev/null 2>&1 || missing="$missing automake"
  command -v libtoolize >/dev/null 2>&1 || missing="$missing libtool"
  command -v zip >/dev/null 2>&1 || missing="$missing zip"
  command -v python3 >/dev/null 2>&1 || missing="$missing python3"
fi
if [ "$bench" = 1 ]; then
  /usr/bin/python3 -c 'import openpyxl' 2>/dev/null || missing="$missing python3-openpyxl"
fi
missing=$(echo $missing)
if [ -z "$missing" ]; then
  [ "$quiet" = 1 ] || echo "deps: everything needed is installed"
  exit 0
fi

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo "
cmd="${sudo}apt-get install -y --no-install-recommends $missing"
if [ "$install" = 1 ] && command -v apt-get >/dev/null 2>&1; then
  if [ -n "$sudo" ] && ! sudo -n true 2>/dev/null; then
    echo "deps: missing: $missing" >&2
    echo "deps: run: ${sudo}apt-get update && $cmd" >&2
    exit 1
  fi
  echo "deps: installing $missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  ${sudo}apt-get update -qq >&2 && ${sudo}apt-get install -y -qq --no-install-recommends $missing >&2 && exit 0
  echo "deps: apt-get failed; run: ${sudo}apt-get update && $cmd" >&2
  exit 1
fi
echo "deps: missing: $missing" >&2
echo "deps: run: ${sudo}apt-get update && $cmd" >&2
exit 1
