#!/bin/sh
# xlsx-clients.sh BIN BUILD - the XLSX report as real spreadsheet programs
# read it.  Runs BIN on the sample cycles (input/) into a scratch folder,
# then proves a chain of equalities for every sheet and cell:
#
#   1. XLSX == aggregate   tests/e2e/figures.c: every marked cell equals
#                          its aggregate figure, every cached formula value
#                          equals its recomputation
#   2. LibreOffice == XLSX soffice --convert-to csv (every sheet, values
#                          unformatted) shows each cell as our own reader
#                          reads it (LibreOffice prints the cached values:
#                          it does not recalculate here)
#   3. Gnumeric == XLSX    ssconvert --recalc recalculates every formula;
#                          its CSV equals the cached values, so the values
#                          are those a recalculating client computes.  The
#                          control: a copy whose first formula caches a
#                          wrong value must show the right one in
#                          Gnumeric (so --recalc really recalculates) and
#                          differ from that copy in exactly that cell; so
#                          must a formula that reads another sheet.
#
# The comparing is tests/clients/clients.c (BUILD/tests/clients sheets).
# A program that is not installed is skipped with "bỏ qua: không có
# PROGRAM" and does not fail the test.  Each run is bounded by timeout.
set -u
BIN=$1 BUILD=$2
ROOT=$(pwd)
CLIENTS="$BUILD/tests/clients"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/xlsx-clients.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
say() { echo "xlsx-clients: $*"; }
bad() { echo "xlsx-clients: $*" >&2; fail=1; }
ms() { date +%s%3N; }
took() { echo "$(( $(ms) - $1 )) ms"; }

"$BIN" run --input input --output "$tmp/out" >/dev/null 2>"$tmp/run.log"
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
  bad "baocao run failed (exit $rc):"
  tail -5 "$tmp/run.log" >&2
  exit 1
fi
year=$(ls "$tmp/out" | sort | tail -1)
dir="$tmp/out/$year"
xlsx="$dir/bao-cao-$year.xlsx"

# 1. the XLSX against the aggregate
t=$(ms)
if "$BUILD/tests/figures" "$dir/tong-hop-$year.xml" "$dir/bao-cao-$year.html" \
    "$xlsx" "$ROOT/templates" >"$tmp/figures.log" 2>&1; then
  say "XLSX == aggregate: $(tail -1 "$tmp/figures.log") ($(took $t))"
else
  bad "XLSX != aggregate:"
  tail -20 "$tmp/figures.log" >&2
fi

# runs clients sheets; prints its summary or the mismatches
compare() {  # LABEL ARGS...
  label=$1; shift
  if "$CLIENTS" sheets "$@" >"$tmp/cmp.log" 2>&1; then
    say "$label: $(tail -1 "$tmp/cmp.log" | sed 's/^sheets: [^ ]*: //')"
  else
    bad "$label:"
    head -30 "$tmp/cmp.log" >&2
    [ "$(wc -l < "$tmp/cmp.log")" -gt 30 ] && tail -1 "$tmp/cmp.log" >&2
  fi
}

# 2. LibreOffice: every sheet as CSV, values unformatted (token 9 false),
# UTF-8 (76), English number format (1033); file per sheet: NAME-SHEET.csv
if command -v soffice >/dev/null 2>&1; then
  t=$(ms)
  if timeout 180 soffice -env:UserInstallation="file://$tmp/lo-profile" \
      --headless --norestore \
      --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1' \
      --outdir "$tmp/lo" "$xlsx" >"$tmp/lo.log" 2>&1 \
      && ls "$tmp/lo"/*.csv >/dev/null 2>&1; then
    compare "LibreOffice $(soffice --version 2>/dev/null | awk '{print $2; exit}') == XLSX ($(took $t))" \
      "$xlsx" "$tmp/lo/bao-cao-$year-"
  else
    bad "soffice --convert-to csv failed or timed out:"
    tail -5 "$tmp/lo.log" >&2
  fi
else
  say "bỏ qua: không có soffice (LibreOffice)"
fi

# 3. Gnumeric: recalculated, every sheet, raw values
gnumeric() {  # XLSX OUTDIR
  mkdir -p "$2"
  timeout 120 ssconvert --recalc -S -T Gnumeric_stf:stf_assistant \
    -O 'format=raw separator=, eol=unix charset=UTF-8 locale=C quoting-mode=auto' \
    "$1" "$2/bao-cao-$year-%s.csv" >"$tmp/gn.log" 2>&1 \
    && ls "$2"/*.csv >/dev/null 2>&1
}
if command -v ssconvert >/dev/null 2>&1; then
  t=$(ms)
  if gnumeric "$xlsx" "$tmp/gn"; then
    compare "Gnumeric $(ssconvert --version 2>/dev/null | sed -n "s/^ssconvert version '\(.*\)'/\1/p") --recalc == XLSX cached values ($(took $t))" \
      "$xlsx" "$tmp/gn/bao-cao-$year-"
  else
    bad "ssconvert --recalc failed or timed out:"
    tail -5 "$tmp/gn.log" >&2
  fi
  # the controls: a wrong cached value must be recalculated away, in a
  # formula over its own sheet and in one over another sheet (Tổng hợp's
  # money over Kinh phí)
  for how in "" --cross; do
    t=$(ms)
    if ! changed=$("$CLIENTS" tamper $how "$xlsx" "$tmp/tampered$how.xlsx"); then
      bad "cannot make the tampered copy ($how)"
    elif ! gnumeric "$tmp/tampered$how.xlsx" "$tmp/gn-tampered$how"; then
      bad "ssconvert --recalc of the tampered copy failed:"
      tail -5 "$tmp/gn.log" >&2
    else
      place=$(echo "$changed" | sed 's/ [^ ]* [^ ]*$//')
      if "$CLIENTS" sheets "$xlsx" "$tmp/gn-tampered$how/bao-cao-$year-" >"$tmp/c1.log" 2>&1 &&
         "$CLIENTS" sheets --differ "$place" "$tmp/tampered$how.xlsx" \
           "$tmp/gn-tampered$how/bao-cao-$year-" >"$tmp/c2.log" 2>&1; then
        say "Gnumeric control${how:+ (across sheets)}: $place cached as $(echo "$changed" | awk '{print $NF}') shows $(echo "$changed" | awk '{print $(NF-1)}') after --recalc ($(took $t))"
      else
        bad "Gnumeric control: caching a wrong value in $place ($changed) went unnoticed or broke other cells:"
        head -10 "$tmp/c1.log" "$tmp/c2.log" >&2
      fi
    fi
  done
else
  say "bỏ qua: không có ssconvert (Gnumeric)"
fi

[ $fail = 0 ] && say ok || say FAILED
exit $fail
