#!/bin/sh
# run.sh - the Windows zip's program under Wine (docs/windows.md).
#
#   sh tests/windows/run.sh --available   exit 0 when mingw-w64 and Wine are
#                                         here, else print why it is skipped
#   sh tests/windows/run.sh ZIP LINUX_BIN BUILD
#
# Unpacks ZIP (dist/baocao-<version>-win64.zip) and checks, with Wine
# (a private WINEPREFIX in build/win/wine, its wineserver stopped at the
# end):
#   sample      the sample cycles (input/): exit status, findings and the
#               four outputs byte-identical to LINUX_BIN's
#   e2e         the end-to-end cases of tests/e2e (the hostile table) with
#               baocao.exe as BIN: the same exit status, findings and
#               outputs as expected for Linux; the two cases that test
#               Linux mechanisms (strace fault injection, symbolic links,
#               FIFOs, ulimit, signals) are listed in WIN_SKIP with why
#   names       a folder and a file named in Vietnamese with spaces are
#               read, and the findings name them as Linux does
#   files       the .xls/.xlsx/.xml of tests/fixtures/lo and the fuzz corpus
#               validated with --annotate: the same findings and copies
#   wildcards   in\*.xls as cmd.exe passes it: the files a Linux shell would give
#   crlf        the nhan-xet file and XML submissions with CRLF line ends:
#               the same findings and outputs as Linux
#   iconv       the iconv shim (tools/windows/shim) against glibc's answers
#   encodings   XML declared windows-1252, windows-1258, ISO-8859-2: the
#               same findings as Linux (libxml2 through the iconv shim)
#   sharing     a submission held open without sharing (as Excel holds
#               it) gets a finding in Vietnamese, not a crash
#   bat         «Lap bao cao.bat» through `wine cmd /c`: the reports are
#               made beside it and the summary is shown
# and prints "windows: N passed, N failed".
set -u
ROOT=$(pwd)

WINE=""
for w in wine64 /usr/lib/wine/wine64 wine; do
  if command -v "$w" >/dev/null 2>&1; then WINE=$(command -v "$w"); break; fi
done
if [ "${1:-}" = --available ]; then
  missing=""
  command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || missing="gcc-mingw-w64-x86-64"
  [ -n "$WINE" ] || missing="$missing wine64"
  if [ -n "$missing" ]; then
    echo "check-windows: bỏ qua: không có $(echo $missing) (apt-get install $(echo $missing))"
    exit 1
  fi
  exit 0
fi

ZIP=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
LBIN=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
BUILD=$(cd "${3:-build}" && pwd)
WINESERVER=$(command -v wineserver || echo /usr/lib/wine/wineserver)
export WINEPREFIX="$ROOT/build/win/wine" WINEDEBUG=-all
# no Mono or Gecko install dialogs: baocao needs neither
export WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe="
unset DISPLAY
tmp=$(mktemp -d "$ROOT/build/win/test.XXXXXX")
cleanup() {
  [ -f "$tmp/stop" ] || : >"$tmp/stop"
  "$WINESERVER" -k 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "windows $1: ok"; }
bad() { fail=$((fail + 1)); echo "windows $1: FAILED${2:+: $2}" >&2; }

mkdir -p "$tmp/zip" "$WINEPREFIX"
(cd "$tmp/zip" && unzip -q "$ZIP") || { echo "windows: cannot unzip $ZIP" >&2; exit 1; }
APP=$(ls -d "$tmp"/zip/baocao-*-win64)
EXE="$APP/baocao.exe"
# one wineserver for every run below (stopped by cleanup)
"$WINESERVER" -p 2>/dev/null
"$WINE" wineboot -i >/dev/null 2>&1
export BC_WINE="$WINE" BC_WIN_EXE="$EXE"
WBIN="$ROOT/tests/windows/wine-baocao.sh"

# --- sample: byte-identical to the Linux build ---------------------------------
t0=$(date +%s)
# each build in a folder of its own, with the same names inside, so that the
# findings (which name the files) must be the same bytes
# (the templates: the repository's for Linux, the zip's for Windows)
for side in linux win; do
  mkdir -p "$tmp/sample/$side" && cp -R "$ROOT/input" "$tmp/sample/$side/input"
done
ln -s "$ROOT/templates" "$tmp/sample/linux/templates"
ln -s "$APP/templates" "$tmp/sample/win/templates"
(cd "$tmp/sample/linux" && "$LBIN" run --input input --output output \
   --templates templates >out 2>err; echo $? >rc)
(cd "$tmp/sample/win" && "$WINE" "$EXE" run --input input --output output \
   --templates templates >out 2>err; echo $? >rc)
L=$tmp/sample/linux W=$tmp/sample/win
why=""
cmp -s "$L/rc" "$W/rc" || why="exit $(cat "$W/rc"), Linux $(cat "$L/rc")"
cmp -s "$L/err" "$W/err" || { why="$why findings differ"; diff "$L/err" "$W/err" | head -20 >&2; }
n=0
for f in "$L"/output/*/*; do
  rel=${f#"$L/output/"}
  n=$((n + 1))
  cmp -s "$f" "$W/output/$rel" || why="$why $rel differs"
done
[ "$n" -ge 4 ] || why="$why only $n outputs"
if [ -z "$why" ]; then ok "sample ($n outputs identical, $(( $(date +%s) - t0 )) s)"; else bad sample "$why"; fi

# --- e2e: the hostile table -----------------------------------------------------
# two cases test Linux mechanisms Windows has not: faults-inputs (symbolic
# links, FIFOs, read errors injected with strace) and faults-write (strace,
# ulimit, flock from the shell, the render child killed by a signal); their
# Windows counterparts are the names and sharing checks below
WIN_SKIP=${WIN_SKIP-"faults-inputs faults-write"}
e2e=$tmp/e2e
mkdir -p "$e2e/tests/e2e"
for c in "$ROOT"/tests/e2e/*/; do
  c=${c%/}; name=$(basename "$c")
  case " $WIN_SKIP " in *" $name "*) echo "windows e2e $name: bỏ qua (Linux only)"; continue ;; esac
  cp -R "$c" "$e2e/tests/e2e/$name"
done
cp "$ROOT/tests/e2e/run.sh" "$e2e/tests/e2e/run.sh"
ln -s "$ROOT/templates" "$e2e/templates"
# copies, not links: a case's check may change its copy of the input
cp -R "$ROOT/input" "$e2e/input"
cp -R "$ROOT/tests/fixtures" "$e2e/tests/fixtures"
if (cd "$e2e" && sh tests/e2e/run.sh "$WBIN" "$BUILD") >"$tmp/e2e.log" 2>&1; then
  ok "e2e ($(grep -c ': ok$' "$tmp/e2e.log") cases)"
else
  grep -v ': ok$' "$tmp/e2e.log" | head -60 >&2
  bad e2e "$(tail -1 "$tmp/e2e.log")"
fi

# --- names: Vietnamese folder and file names with spaces ---------------------
vn="$tmp/Báo cáo Lạng Sơn"
mkdir -p "$vn/Dữ liệu/2026"
ln -s "$ROOT/templates" "$vn/templates"
first=$(ls "$ROOT/input/2026" | grep -m1 '\.xlsx$')
cp "$ROOT/input/2026/$first" "$vn/Dữ liệu/2026/Huyện Cao Lộc (bản sửa).xlsx"
cp "$ROOT/input/2026"/*.xml "$vn/Dữ liệu/2026/"
(cd "$vn" && "$LBIN" run --input "Dữ liệu" --output "Kết quả" --templates templates \
   >/dev/null 2>l.err; echo $? >l.rc; mv "Kết quả" "Kết quả Linux")
(cd "$vn" && "$WINE" "$EXE" run --input "Dữ liệu" --output "Kết quả" --templates templates \
   >/dev/null 2>w.err; echo $? >w.rc)
why=""
cmp -s "$vn/l.rc" "$vn/w.rc" || why="exit $(cat "$vn/w.rc"), Linux $(cat "$vn/l.rc")"
cmp -s "$vn/l.err" "$vn/w.err" || { why="$why findings differ"; diff "$vn/l.err" "$vn/w.err" | head -10 >&2; }
grep -q 'Huyện Cao Lộc (bản sửa).xlsx' "$vn/Kết quả/2026/tong-hop-2026.xml" ||
  why="$why the file is not listed"
for f in tong-hop-2026.xml bao-cao-2026.html kiem-tra-2026.html bao-cao-2026.xlsx; do
  cmp -s "$vn/Kết quả Linux/2026/$f" "$vn/Kết quả/2026/$f" || why="$why $f differs"
done
# the same file through a Windows path: drive letter, backslashes
(cd "$vn" && "$WINE" "$EXE" validate --templates templates \
   "Z:$(echo "$vn" | tr / '\\')\\Dữ liệu\\2026\\Huyện Cao Lộc (bản sửa).xlsx" \
   >/dev/null 2>v.err; echo $? >v.rc)
grep -q 'đã kiểm tra 1 tệp: 1 hợp lệ' "$vn/v.err" && [ "$(cat "$vn/v.rc")" = 0 ] ||
  why="$why validate Z:\\...: exit $(cat "$vn/v.rc"): $(head -2 "$vn/v.err")"
if [ -z "$why" ]; then ok names; else bad names "$why"; fi

# --- files: the workbooks and XML of the fuzz corpus and the fixtures ---------
# every .xls (FreeXL, its strings through the iconv shim), .xlsx and .xml
# there, validated with --annotate by both builds: the same findings and
# the same marked-up copies; FreeXL's copies in %TEMP% are gone afterwards
F=$tmp/files
for side in linux win; do
  mkdir -p "$F/$side/in"
  for d in tests/fixtures/lo tests/fuzz/corpus/xls tests/fuzz/corpus/xlsx tests/fuzz/corpus/xml \
           tests/fuzz/regressions/xls tests/fuzz/regressions/xlsx tests/fuzz/regressions/xml; do
    [ -d "$ROOT/$d" ] || continue
    for f in "$ROOT/$d"/*.xls "$ROOT/$d"/*.xlsx "$ROOT/$d"/*.xml; do
      [ -f "$f" ] && cp "$f" "$F/$side/in/$(echo "$d" | tr / -)-$(basename "$f")"
    done
  done
  ln -s "$ROOT/templates" "$F/$side/templates"
done
(cd "$F/linux" && "$LBIN" validate --templates templates --annotate ann in/* >/dev/null 2>err; echo $? >rc)
(cd "$F/win" && "$WINE" "$EXE" validate --templates templates --annotate ann in/* >/dev/null 2>err; echo $? >rc)
why=""
cmp -s "$F/linux/rc" "$F/win/rc" || why="exit $(cat "$F/win/rc"), Linux $(cat "$F/linux/rc")"
cmp -s "$F/linux/err" "$F/win/err" || { why="$why findings differ"; diff "$F/linux/err" "$F/win/err" | head -10 >&2; }
n=$(ls "$F/linux/in" | wc -l) a=0
for f in "$F"/linux/ann/*; do
  [ -f "$f" ] || continue
  a=$((a + 1))
  cmp -s "$f" "$F/win/ann/$(basename "$f")" || why="$why ann/$(basename "$f") differs"
done
left=$(find "$WINEPREFIX/drive_c" -name 'baocao-xls.*' 2>/dev/null | wc -l)
[ "$left" = 0 ] || why="$why $left copies left in %TEMP%"
if [ -z "$why" ]; then ok "files ($n files, $a marked-up copies)"; else bad files "$why"; fi
# wildcards: cmd.exe passes in\*.xls as it is; baocao.exe expands it as the
# Linux shell does (C locale: bytewise order); *.xls must not match .xlsx
(cd "$F/linux" && LC_ALL=C "$LBIN" validate --templates templates in/*.xls in/tests-fuzz-corpus-xml-* \
   >/dev/null 2>wild.err; echo $? >wild.rc)
(cd "$F/win" && "$WINE" "$EXE" validate --templates templates 'in\*.xls' 'IN\TESTS-fuzz-corpus-xml-*' \
   >/dev/null 2>wild.err; echo $? >wild.rc)
sed 's|^IN/|in/|' "$F/win/wild.err" >"$F/win/wild.cmp"
if cmp -s "$F/linux/wild.err" "$F/win/wild.cmp" && cmp -s "$F/linux/wild.rc" "$F/win/wild.rc"; then
  ok wildcards
else
  diff "$F/linux/wild.err" "$F/win/wild.cmp" | head -10 >&2
  bad wildcards "exit $(cat "$F/win/wild.rc"), Linux $(cat "$F/linux/wild.rc")"
fi

# --- crlf: text files saved by Windows programs ------------------------------
# the Sở's nhan-xet file and the XML submissions with CRLF line ends: the
# same findings and outputs on both builds
for side in linux win; do
  mkdir -p "$tmp/crlf/$side"
  cp -R "$ROOT/tests/e2e/nhan-xet/input" "$tmp/crlf/$side/input"
  find "$tmp/crlf/$side/input" -name '*.txt' -o -name '*.xml' | while read -r f; do
    sed 's/$/\r/' "$f" >"$f.crlf" && mv "$f.crlf" "$f"
  done
  ln -s "$ROOT/templates" "$tmp/crlf/$side/templates"
done
C=$tmp/crlf
(cd "$C/linux" && "$LBIN" run --input input --output output --templates templates >/dev/null 2>err; echo $? >rc)
(cd "$C/win" && "$WINE" "$EXE" run --input input --output output --templates templates >/dev/null 2>err; echo $? >rc)
why=""
cmp -s "$C/linux/rc" "$C/win/rc" || why="exit $(cat "$C/win/rc"), Linux $(cat "$C/linux/rc")"
cmp -s "$C/linux/err" "$C/win/err" || { why="$why findings differ"; diff "$C/linux/err" "$C/win/err" | head -10 >&2; }
for f in "$C"/linux/output/*/*; do
  cmp -s "$f" "$C/win/output/${f#"$C/linux/output/"}" || why="$why ${f#"$C/linux/output/"} differs"
done
if [ -z "$why" ]; then ok crlf; else bad crlf "$why"; fi

# --- iconv: the shim itself -------------------------------------------------------
if x86_64-w64-mingw32-gcc -O2 -I"$ROOT/tools/windows/shim" -o "$tmp/iconv_test.exe" \
     "$ROOT/tests/windows/iconv_test.c" "$ROOT/tools/windows/shim/iconv_win32.c" 2>"$tmp/iconv.err" &&
   "$WINE" "$tmp/iconv_test.exe" >"$tmp/iconv.out" 2>&1; then
  ok "iconv ($(tail -1 "$tmp/iconv.out" | tr -d '\r'))"
else
  cat "$tmp/iconv.err" "$tmp/iconv.out" 2>/dev/null | head -20 >&2
  bad iconv
fi

# --- encodings: XML declared in a Windows code page ----------------------------
# libxml2 reads them through iconv: glibc's on Linux, the shim over the
# Windows API in the zip (tools/windows/shim); the same findings either way
enc=$tmp/enc
mkdir -p "$enc/2026"
ln -s "$ROOT/templates" "$enc/templates"
src=$(ls "$ROOT"/input/2026/*.xml | head -1)
for e in windows-1252 windows-1258 ISO-8859-2; do
  python3 - "$src" "$e" "$enc/2026/$e.xml" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
text = text.replace('encoding="UTF-8"', 'encoding="%s"' % sys.argv[2], 1)
codec = {"windows-1252": "cp1252", "windows-1258": "cp1258", "ISO-8859-2": "iso8859_2"}[sys.argv[2]]
open(sys.argv[3], "wb").write(text.encode(codec, errors="xmlcharrefreplace"))
PY
done
printf '<?xml version="1.0" encoding="windows-1252"?>\n<x>\201</x>\n' >"$enc/2026/undefined-byte.xml"
(cd "$enc" && "$LBIN" validate --templates templates 2026/*.xml >/dev/null 2>l.err; echo $? >l.rc)
(cd "$enc" && "$WINE" "$EXE" validate --templates templates 2026/*.xml >/dev/null 2>w.err; echo $? >w.rc)
if cmp -s "$enc/l.err" "$enc/w.err" && cmp -s "$enc/l.rc" "$enc/w.rc"; then
  ok encodings
else
  diff "$enc/l.err" "$enc/w.err" | head -10 >&2
  bad encodings "exit $(cat "$enc/w.rc"), Linux $(cat "$enc/l.rc")"
fi

# --- sharing: a submission open in another program ----------------------------
x86_64-w64-mingw32-gcc -O2 -o "$tmp/hold.exe" "$ROOT/tests/windows/hold.c" 2>"$tmp/hold.err" || bad sharing "hold.c: $(head -3 "$tmp/hold.err")"
if [ -f "$tmp/hold.exe" ]; then
  mkdir -p "$tmp/share/2026"
  cp "$ROOT/input/2026/$first" "$tmp/share/2026/mo-trong-excel.xlsx"
  (cd "$tmp/share" && "$WINE" "$tmp/hold.exe" 2026/mo-trong-excel.xlsx ready stop) &
  holder=$!
  i=0
  while [ ! -f "$tmp/share/ready" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
  (cd "$tmp/share" && "$WINE" "$EXE" validate 2026/mo-trong-excel.xlsx >/dev/null 2>err; echo $? >rc)
  : >"$tmp/share/stop"
  wait "$holder"
  if [ "$(cat "$tmp/share/rc")" = 1 ] && grep -q 'FILE-READ.*đang mở trong chương trình khác' "$tmp/share/err"; then
    ok sharing
  else
    bad sharing "exit $(cat "$tmp/share/rc"): $(head -3 "$tmp/share/err")"
  fi
  # the output folder's lock (LockFileEx) held by another process: refused
  # as on Linux, with its message and exit 2
  rm -f "$tmp/share/ready" "$tmp/share/stop"
  mkdir -p "$tmp/share/output" "$tmp/share/in/2026"
  cp "$ROOT/input/2026/$first" "$tmp/share/in/2026/"
  ln -s "$ROOT/templates" "$tmp/share/templates"
  (cd "$tmp/share" && "$WINE" "$tmp/hold.exe" output/.baocao.lock ready stop lock) &
  holder=$!
  i=0
  while [ ! -f "$tmp/share/ready" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
  (cd "$tmp/share" && "$WINE" "$EXE" run --input in --output output --templates templates \
     >/dev/null 2>lock.err; echo $? >lock.rc)
  : >"$tmp/share/stop"
  wait "$holder"
  mkdir -p "$tmp/share/l/output" && : >"$tmp/share/l/output/.baocao.lock"
  (cd "$tmp/share/l" && flock output/.baocao.lock "$LBIN" run --input ../in --output output \
     --templates ../templates >/dev/null 2>../lock-linux.err; echo $? >../lock-linux.rc) 2>/dev/null
  if [ "$(cat "$tmp/share/lock.rc")" = 2 ] && [ -s "$tmp/share/lock.err" ] &&
     { ! command -v flock >/dev/null 2>&1 || cmp -s "$tmp/share/lock.err" "$tmp/share/lock-linux.err"; }; then
    ok lock
  else
    bad lock "exit $(cat "$tmp/share/lock.rc"): $(head -2 "$tmp/share/lock.err")"
  fi
fi

# --- bat: the double-click script -----------------------------------------------
# (its outputs against the Linux run of the sample, whose templates path is
# the same "templates": the script runs in its folder, beside them)
# unpacked again into a folder named in Vietnamese with spaces and ")"
BAT="$tmp/Thư mục (thử) có dấu"
mkdir -p "$BAT"
(cd "$BAT" && unzip -q "$ZIP")
APP=$(ls -d "$BAT"/baocao-*-win64)
cp -R "$ROOT/input/." "$APP/input/"
(cd "$APP" && BAOCAO_NO_PAUSE=1 BAOCAO_NO_OPEN=1 "$WINE" cmd /c "Lap bao cao.bat" \
   >"$tmp/bat.out" 2>&1; echo $? >"$tmp/bat.rc")
why=""
for f in tong-hop-2026.xml bao-cao-2026.html kiem-tra-2026.html bao-cao-2026.xlsx; do
  cmp -s "$APP/output/2026/$f" "$L/output/2026/$f" || why="$why $f"
done
# Wine's cmd reads the script's own lines in its OEM code page whatever
# chcp says, so only baocao's summary (its own UTF-8) and the folder named
# in the last lines are checked here
tr -d '\r' <"$tmp/bat.out" | grep -q 'baocao: năm 2026: đọc .* báo cáo ghi tại output/2026/' || why="$why no summary"
tr -d '\r' <"$tmp/bat.out" | grep -q 'output.2026.' || why="$why no folder"
[ "$(cat "$tmp/bat.rc")" = 1 ] || why="$why exit $(cat "$tmp/bat.rc")"
if [ -z "$why" ]; then ok bat; else tail -5 "$tmp/bat.out" >&2; bad bat "$why"; fi

echo "windows: $pass passed, $fail failed"
[ "$fail" = 0 ]
