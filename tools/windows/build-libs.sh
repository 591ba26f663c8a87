#!/bin/sh
# build-libs.sh - cross-build baocao's libraries for 64-bit Windows from
# Debian's own source packages.
#
#   build-libs.sh BUILD_DIR        (make windows passes build/win)
#
# Needs gcc-mingw-w64-x86-64, libz-mingw-w64-dev (zlib), cmake,
# autoconf, automake, libtool and dpkg-dev (tools/deps.sh --windows
# installs them).  Each library is
# fetched with `apt-get source` (tools/windows/debsrc.sh adds the deb-src
# entries for the machine's own mirrors), unpacked with Debian's patches
# applied, built as a static library with x86_64-w64-mingw32-gcc and
# installed into BUILD_DIR/prefix.  BUILD_DIR/stamps/NAME marks a library
# done, so a second run does nothing; BUILD_DIR/versions.txt lists the
# source package versions used.  No binary comes from anywhere else.
#
# FreeXL and libxml2 need iconv, which Windows lacks:
# tools/windows/shim/iconv_win32.c provides it over the Windows code page
# API (installed as libiconv.a).  libxml2 is built without HTTP/FTP, ICU
# and LZMA; libzip without bzip2/lzma/zstd and crypto.
#
# BUILD_DIR/stamps/key holds a checksum of this script and the shim: when
# either changes, every library is built again (the sources are kept).
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
W=${1:?usage: build-libs.sh BUILD_DIR}
mkdir -p "$W"
W=$(cd "$W" && pwd)
P=$W/prefix
HOST=x86_64-w64-mingw32
CC=$HOST-gcc
AR=$HOST-ar
JOBS=${JOBS:-2}
# C99 printf (two-digit exponents, %zu) rather than msvcrt's, so numbers
# print as glibc prints them
LIB_CFLAGS="-O2 -D__USE_MINGW_ANSI_STDIO=1"
export PKG_CONFIG_LIBDIR="$P/lib/pkgconfig"
unset PKG_CONFIG_PATH
mkdir -p "$W/src" "$W/stamps" "$W/logs" "$P/include" "$P/lib"

# source package -> the name used for stamps and directories
PKGS="libxml2 libxslt pcre2 libzip libxlsxwriter utf8proc freexl"

log() { echo "windows: $*" >&2; }

# runs a step with its output in a log file; shows the end of it on failure
step() {
  name=$1; shift
  if ! "$@" >>"$W/logs/$name.log" 2>&1; then
    log "failed: $name (tail of $W/logs/$name.log:)"
    tail -30 "$W/logs/$name.log" >&2
    exit 1
  fi
}

# fetch PKG: build/win/src/PKG-<version>/ holding the patched source
fetch() {
  pkg=$1
  if ls -d "$W/src/$pkg"-[0-9]*/ >/dev/null 2>&1; then
    return 0
  fi
  sh "$top/tools/windows/debsrc.sh"
  cd "$W/src"
  # newest first; a mirror may lack the newest (a security update whose
  # files are gone): then the one before
  versions=$(apt-cache showsrc "$pkg" | sed -n 's/^Version: //p' | sort -r -V | uniq)
  [ -n "$versions" ] || { log "apt-cache showsrc $pkg: no source package"; exit 1; }
  ok=0
  for v in $versions; do
    if apt-get source --download-only -qq "$pkg=$v" >>"$W/logs/fetch.log" 2>&1; then
      ok=1; break
    fi
    log "$pkg $v: not downloadable here, trying the one before"
  done
  [ "$ok" = 1 ] || { log "apt-get source $pkg failed (see $W/logs/fetch.log)"; exit 1; }
  dsc=$(ls -t "$pkg"_*.dsc | head -1)
  step fetch dpkg-source --no-check -x "$dsc"
  echo "$pkg $v" >>"$W/versions.txt"
  cd "$W"
}

srcdir() { ls -d "$W/src/$1"-[0-9]*/ | head -1 | sed 's,/$,,'; }

autotools() {
  pkg=$1; shift
  s=$(srcdir "$pkg")
  b="$W/obj/$pkg"
  # as Debian's own build does (dh_autoreconf): its patches touch
  # Makefile.am and configure.ac
  if [ ! -f "$s/.autoreconf-done" ]; then
    (cd "$s" && step "$pkg" autoreconf -fi && touch .autoreconf-done)
  fi
  rm -rf "$b"; mkdir -p "$b"; cd "$b"
  step "$pkg" "$s/configure" --host=$HOST --prefix="$P" --disable-shared \
    --enable-static CPPFLAGS="-I$P/include -D__USE_MINGW_ANSI_STDIO=1" \
    CFLAGS="-O2" LDFLAGS="-L$P/lib" "$@"
  # the libraries only (MAKE_TARGETS/INSTALL_TARGETS) where the rest
  # does not cross-build
  step "$pkg" make -j"$JOBS" ${MAKE_TARGETS:-}
  step "$pkg" make ${INSTALL_TARGETS:-install}
  cd "$W"
}

cmake_build() {
  pkg=$1; shift
  s=$(srcdir "$pkg")
  b="$W/obj/$pkg"
  rm -rf "$b"; mkdir -p "$b"
  step "$pkg" cmake -S "$s" -B "$b" -DCMAKE_SYSTEM_NAME=Windows \
    -DCMAKE_C_COMPILER=$CC -DCMAKE_RC_COMPILER=$HOST-windres \
    -DCMAKE_FIND_ROOT_PATH="$P;/usr/$HOST" \
    -DCMAKE_FIND_ROOT_PATH_MODE_PROGRAM=NEVER \
    -DCMAKE_FIND_ROOT_PATH_MODE_LIBRARY=ONLY \
    -DCMAKE_FIND_ROOT_PATH_MODE_INCLUDE=ONLY \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$P" \
    -DCMAKE_C_FLAGS="-D__USE_MINGW_ANSI_STDIO=1" \
    -DBUILD_SHARED_LIBS=OFF "$@"
  step "$pkg" cmake --build "$b" -j "$JOBS"
  step "$pkg" cmake --install "$b"
}

build() {
  case "$1" in
  iconv-shim)
    mkdir -p "$W/obj/iconv"
    step iconv $CC $LIB_CFLAGS -Wall -Wextra -c -o "$W/obj/iconv/iconv_win32.o" \
      "$top/tools/windows/shim/iconv_win32.c"
    rm -f "$P/lib/libiconv.a"
    step iconv $AR rcs "$P/lib/libiconv.a" "$W/obj/iconv/iconv_win32.o"
    cp "$top/tools/windows/shim/iconv.h" "$top/tools/windows/shim/localcharset.h" "$P/include/"
    ;;
  libxml2)
    autotools libxml2 --without-python --with-iconv="$P" --without-icu \
      --without-lzma --with-zlib="/usr/$HOST" --without-http --without-ftp \
      --without-readline --without-history --without-debug
    ;;
  libxslt)
    autotools libxslt --without-python --without-crypto --without-plugins \
      --without-debugger --with-libxml-prefix="$P"
    ;;
  pcre2)
    # pcre2posix_test does not link statically with mingw-w64 (it asks
    # for the DLL's import symbols): the 8-bit library alone
    MAKE_TARGETS=libpcre2-8.la \
    INSTALL_TARGETS="install-libLTLIBRARIES install-nodist_includeHEADERS install-includeHEADERS install-pkgconfigDATA" \
    autotools pcre2 --disable-pcre2grep-libz --disable-pcre2grep-libbz2 \
      --disable-pcre2test-libreadline
    ;;
  libzip)
    cmake_build libzip -DENABLE_BZIP2=OFF -DENABLE_LZMA=OFF -DENABLE_ZSTD=OFF \
      -DENABLE_COMMONCRYPTO=OFF -DENABLE_GNUTLS=OFF -DENABLE_MBEDTLS=OFF \
      -DENABLE_OPENSSL=OFF -DENABLE_WINDOWS_CRYPTO=OFF -DBUILD_TOOLS=OFF \
      -DBUILD_REGRESS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF
    ;;
  libxlsxwriter)
    # compiled as its CMakeLists.txt would for MinGW (which also asks for
    # a C++ compiler it never uses): src/*.c, the bundled minizip (Debian
    # links the system one, a separate package of the same code), the
    # bundled MD5 (Debian uses OpenSSL's; only images use it) and
    # tmpfileplus
    s=$(srcdir libxlsxwriter)
    o="$W/obj/libxlsxwriter"
    rm -rf "$o"; mkdir -p "$o"
    for f in "$s"/src/*.c "$s"/third_party/minizip/ioapi.c \
             "$s"/third_party/minizip/zip.c "$s"/third_party/md5/md5.c \
             "$s"/third_party/tmpfileplus/tmpfileplus.c; do
      step libxlsxwriter $CC $LIB_CFLAGS -DUSE_FILE32API -Wno-char-subscripts \
        -I"$s/include" -I"/usr/$HOST/include" -c -o "$o/$(basename "$f" .c).o" "$f"
    done
    rm -f "$P/lib/libxlsxwriter.a"
    step libxlsxwriter $AR rcs "$P/lib/libxlsxwriter.a" "$o"/*.o
    cp -R "$s/include/xlsxwriter.h" "$s/include/xlsxwriter" "$P/include/"
    ;;
  utf8proc)
    # one C file: compiled as it is
    s=$(srcdir utf8proc)
    mkdir -p "$W/obj/utf8proc"
    step utf8proc $CC $LIB_CFLAGS -DUTF8PROC_STATIC -c -o "$W/obj/utf8proc/utf8proc.o" "$s/utf8proc.c"
    rm -f "$P/lib/libutf8proc.a"
    step utf8proc $AR rcs "$P/lib/libutf8proc.a" "$W/obj/utf8proc/utf8proc.o"
    cp "$s/utf8proc.h" "$P/include/"
    ;;
  freexl)
    autotools freexl
    ;;
  esac
}

key=$(cat "$0" "$top"/tools/windows/shim/* | cksum | cut -d' ' -f1)
if [ "$(cat "$W/stamps/key" 2>/dev/null)" != "$key" ]; then
  [ -f "$W/stamps/key" ] && log "build recipe changed: building every library again"
  rm -rf "$W/stamps" "$P" "$W/obj"
  mkdir -p "$W/stamps" "$P/include" "$P/lib"
  echo "$key" >"$W/stamps/key"
fi

for t in iconv-shim $PKGS; do
  [ -f "$W/stamps/$t" ] && continue
  case "$t" in iconv-shim) ;; *) fetch "$t" ;; esac
  log "building $t"
  build "$t"
  touch "$W/stamps/$t"
done
