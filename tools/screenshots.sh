#!/bin/sh
# tools/screenshots.sh [BIN] - remake README's screenshots from the sample
# cycles in input/:
#
#   docs/img/bao-cao-trang-1.png  page 1 of bao-cao-<year>.html as headless
#                                 Chromium prints it (A4, 80 dpi)
#   docs/img/tong-hop.png         the first printed page of the XLSX's
#                                 «Tổng hợp» sheet (LibreOffice's PDF of
#                                 the workbook: that sheet comes first)
#
# BIN defaults to ./baocao (make).  Needs chromium, soffice
# (libreoffice-calc-nogui) and pdftoppm (poppler-utils); the report's font
# stack needs a font with the Vietnamese letters (fonts-liberation2), and
# LibreOffice draws the workbook's Calibri true to size only with Carlito
# (fonts-crosextra-carlito, metric-compatible), else with a wider font.
# Run from the repository root; review the PNGs before committing them.
set -eu
BIN=${1:-./baocao}
for p in chromium soffice pdftoppm; do
  if ! command -v "$p" >/dev/null 2>&1; then
    echo "screenshots.sh: $p not found" >&2
    exit 2
  fi
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/screenshots.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
"$BIN" run --input input --output "$tmp/out" >/dev/null 2>&1 || [ $? -eq 1 ]
year=$(ls "$tmp/out" | sort | tail -1)
dir=$(cd "$tmp/out/$year" && pwd)
mkdir -p docs/img

timeout 120 chromium --headless --no-sandbox --disable-gpu \
  --disable-background-networking --disable-component-update --disable-sync \
  --no-first-run --user-data-dir="$tmp/profile" --no-pdf-header-footer \
  --print-to-pdf="$tmp/bao-cao.pdf" "file://$dir/bao-cao-$year.html" \
  >"$tmp/chromium.log" 2>&1
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$tmp/bao-cao.pdf" docs/img/bao-cao-trang-1

timeout 180 soffice -env:UserInstallation="file://$tmp/lo-profile" --headless \
  --norestore --convert-to pdf --outdir "$tmp" "$dir/bao-cao-$year.xlsx" \
  >"$tmp/soffice.log" 2>&1
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$tmp/bao-cao-$year.pdf" docs/img/tong-hop

ls -l docs/img/bao-cao-trang-1.png docs/img/tong-hop.png
