#!/bin/sh
# tools/lo-fixtures.sh - regenerate the workbook fixtures made by other
# programs than ours (LibreOffice, Gnumeric).
#
#   sh tools/lo-fixtures.sh [OUTDIR]
#
# Converts every tests/fixtures/lo/*.fods (flat ODS, written by hand) with
# LibreOffice into NAME.xlsx and NAME.xls in OUTDIR (default: beside the
# sources, i.e. the committed fixtures); the clerk-*.fods also into
# NAME.xlsm (LibreOffice) and, from that NAME.xlsx, into NAME.gnumeric.xls
# and NAME.gnumeric.xlsx with Gnumeric's ssconvert (Gnumeric reads flat
# ODS as text, so it is given LibreOffice's .xlsx).
# tests/unit/test_xls_reader.c reads each pair with both workbook readers
# and, when soffice is on PATH, runs this script into a temporary folder
# to check that a fresh conversion reads the same as the committed one
# (the bytes differ: each conversion stamps its own time into the
# document properties); tests/unit/test_ingest_xlsx.c reads the clerk-*
# files (issue 14).
#
# LibreOffice runs headless with a private, throw-away profile, so it
# neither touches nor waits for the user's own instance.
# Exit: 0 done, 1 a conversion failed, 2 soffice (or, for the clerk-*
# files, ssconvert) is not installed.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
src="$here/tests/fixtures/lo"
out="${1:-$src}"

if ! command -v soffice >/dev/null 2>&1; then
    echo "lo-fixtures.sh: soffice not found (apt-get install libreoffice-calc-nogui)" >&2
    exit 2
fi
if ! command -v ssconvert >/dev/null 2>&1; then
    echo "lo-fixtures.sh: ssconvert not found (apt-get install gnumeric)" >&2
    exit 2
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
profile=$(mktemp -d "${TMPDIR:-/tmp}/lo-fixtures.XXXXXX")
trap 'rm -rf "$profile"' EXIT INT TERM

for fods in "$src"/*.fods; do
    name=$(basename "$fods" .fods)
    targets='xlsx:Calc MS Excel 2007 XML|xls:MS Excel 97'
    case $name in
    clerk-*) targets="$targets|xlsm:Calc MS Excel 2007 VBA XML" ;;
    esac
    IFS='|'
    for target in $targets; do
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
    unset IFS
    case $name in
    clerk-*)
        for target in 'xls:Gnumeric_Excel:excel_biff8' \
                      'xlsx:Gnumeric_Excel:xlsx2'; do
            ext=${target%%:*}
            dst="$out/$name.gnumeric.$ext"
            rm -f "$dst"
            if ! ssconvert -T "${target#*:}" "$out/$name.xlsx" "$dst" \
                    >"$profile/log" 2>&1 || [ ! -s "$dst" ]; then
                echo "lo-fixtures.sh: converting $name.xlsx with Gnumeric failed:" >&2
                cat "$profile/log" >&2
                exit 1
            fi
            echo "$dst"
        done
        ;;
    esac
done
