#!/bin/sh
# bench-wine.sh - the Windows build's time on the sample cycles under Wine,
# for tools/bench.sh (a figure next to the native one, not a target).
#
#   sh tools/windows/bench-wine.sh OUT_DIR
#
# Builds the zip's program when mingw-w64 and Wine are here (make windows),
# runs `baocao.exe run` on input/ once to warm Wine up, then REPEAT times
# (BENCH_REPEAT, default 3), and prints "wine_run_wall_s SECONDS" (the
# best) and "wine_version ..."; prints "wine_run_wall_s -" when it cannot.
# Its wineserver is stopped at the end.
set -u
out=${1:?usage: bench-wine.sh OUT_DIR}
repeat=${BENCH_REPEAT:-3}
if ! sh tests/windows/run.sh --available >/dev/null 2>&1 ||
   ! make -s windows >/dev/null 2>&1; then
  echo "wine_run_wall_s -"
  exit 0
fi
WINE=$(command -v wine64 || echo /usr/lib/wine/wine64)
WINESERVER=$(command -v wineserver || echo /usr/lib/wine/wineserver)
export WINEPREFIX="$(pwd)/build/win/wine" WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe="
unset DISPLAY
mkdir -p "$out"
"$WINESERVER" -p 2>/dev/null
best=""
i=0
while [ $i -le "$repeat" ]; do
  rm -rf "$out/out-wine"
  /usr/bin/time -f '%e' -o "$out/wine.time" "$WINE" build/win/baocao.exe run \
    --input input --output "$out/out-wine" --templates templates >/dev/null 2>&1
  t=$(tail -1 "$out/wine.time")
  # run 0 only starts Wine up
  if [ $i -gt 0 ] && { [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; }; then
    best=$t
  fi
  i=$((i + 1))
done
"$WINESERVER" -k 2>/dev/null
echo "wine_run_wall_s ${best:--}"
echo "wine_version $("$WINE" --version 2>/dev/null | head -1)"
