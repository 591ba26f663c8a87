#!/bin/sh
# tools/lo-fixtures.sh - regenerate the LibreOffice-made workbook fixtures.
#
#   sh tools/lo-fixtures.sh [OUTDIR]
#
# Converts every tests/fixtures/lo/*.fods (flat ODS, written by hand) with
# LibreOffice into NAME.xlsx and NAME.xls in OUTDIR (default: beside the
# sources, i.e. the committed fixtures).  tests/unit/test_xls_reader.c
# reads each pair with both workbook readers and, when soffice is on PATH,
# runs this script into a temporary folder to check that a fresh
# conversion reads the same as the committed one (the bytes differ: each
# conversion stamps its own time into the document properties).
#
# LibreOffice runs headless with a private, throw-away profile, so it
# neither touches nor waits for the user's own instance.
# Exit: 0 done, 1 a conversion failed, 2 soffice is not installed.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
src="$here/tests/fixtures/lo"
out="${1:-$src}"

if ! command -v soffice >/dev/null 2>&1; then
    echo "lo-fixtures.sh: soffice not found (apt-get install libreoffice-calc-nogui)" >&2
    exit 2
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
profile=$(mktemp -d "${TMPDIR:-/tmp}/lo-fixtures.XXXXXX")
trap 'rm -rf "$profile"' EXIT INT TERM

for fods in "$src"/*.fods; do
    name=$(basename "$fods" .fods)
    for target in 'xlsx:Calc MS Excel 2007 XML' 'xls:MS Excel 97'; do
        ext=${target%%:*}
        rm -f "$out/$name.$ext"
        if ! soffice -env:UserInstallation="file://$profile/user" --headless \
                --norestore --convert-to "$target" --outdir "$out" "$fods" \
                >"$profile/log" 2>&1 || [ ! -s "$out/$name.$ext" ]; then
            echo "lo-fixtures.sh: converting $fods to .$ext failed:" >&2
            cat "$profile/log" >&2
            exit 1
        fi
        echo "$out/$name.$ext"
    done
done
