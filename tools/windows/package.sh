#!/bin/sh
# package.sh - the Windows zip (docs/windows.md).
#
#   package.sh BAOCAO.EXE VERSION OUT.zip
#
# OUT.zip holds one folder, baocao-VERSION-win64/, with baocao.exe (static:
# no DLL beside it), templates/, the man page as HTML (baocao.html), the
# double-click script «Lap bao cao.bat», «Huong dan.txt» (Vietnamese, UTF-8
# with a BOM so Notepad shows it right) and an empty input/2026/ for the
# units' files.  Text files a Windows program reads are written with CRLF.
# Every file gets the time of the last commit, so the same tree makes the
# same zip.
set -eu
exe=$1 version=$2 out=$3
top=$(cd "$(dirname "$0")/../.." && pwd)
name=baocao-$version-win64
work=$top/build/win/dist
stage=$work/$name
rm -rf "$stage"
mkdir -p "$stage/input/2026"
cp "$exe" "$stage/baocao.exe"
cp -R "$top/templates" "$stage/"
python3 "$top/tools/windows/man2html.py" "$top/docs/baocao.1" >"$stage/baocao.html"
sed 's/$/\r/' "$top/tools/windows/Lap-bao-cao.bat" >"$stage/Lap bao cao.bat"
{ printf '\357\273\277'; sed 's/$/\r/' "$top/tools/windows/huong-dan.txt"; } \
  >"$stage/Huong dan.txt"
when=$(git -C "$top" log -1 --format=%ct 2>/dev/null || echo 1767225600)
find "$stage" -exec touch -h -d "@$when" {} +
mkdir -p "$(dirname "$out")"
out_abs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
rm -f "$out_abs"
(cd "$work" && find "$name" | LC_ALL=C sort | TZ=UTC zip -X -q -@ "$out_abs")
echo "windows: $out ($(du -k "$out_abs" | cut -f1) KiB)"
