#!/bin/sh
# run.sh - the independent recount (tests/recount/README.md): every figure
# of tong-hop-Y.xml counted again by recount.py, on the sample input/ and
# on the edge-case cycles gencycles.py writes.
#
#   sh tests/recount/run.sh BIN BUILD     (make check-recount)
#
# Differences on tests/recount/allow.txt (each naming the fault or reading
# of issue 13 it belongs to) are counted but do not fail (RECOUNT_VERBOSE=1
# prints each of them); any other difference fails.
set -u
BIN=${1:-build/baocao}
BUILD=${2:-build}
HERE=$(dirname "$0")
PLAN=templates/plan/de-an-2030.xml
XSD=templates/schema/submission.xsd
DUMP=$BUILD/tests/recount-dump
ALLOW=$HERE/allow.txt
PY=${PYTHON:-python3}

if ! command -v "$PY" >/dev/null 2>&1; then
    echo "recount: $PY not found (apt-get install python3)" >&2
    exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/recount.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
quiet=--quiet
[ -n "${RECOUNT_VERBOSE:-}" ] && quiet=

# recount CASE INPUT-DIR YEARS...   (with the plan $plan)
plan=$PLAN
recount() {
    case_=$1 in_=$2
    shift 2
    if ! "$DUMP" "$plan" "$XSD" "$in_" > "$tmp/$case_.dump.xml"; then
        echo "recount: the dump of $in_ failed" >&2
        fail=1
        return
    fi
    for y in "$@"; do
        "$BIN" run --plan "$plan" --input "$in_" --output "$tmp/$case_.out" --year "$y" --jobs 1 \
            > "$tmp/$case_.$y.log" 2>&1
        rc=$?
        if [ $rc -gt 1 ]; then
            echo "recount: baocao run --year $y on $in_ failed ($rc):" >&2
            tail -5 "$tmp/$case_.$y.log" >&2
            fail=1
            continue
        fi
        "$PY" "$HERE/recount.py" --plan "$plan" --dump "$tmp/$case_.dump.xml" \
            --aggregate "$tmp/$case_.out/$y/tong-hop-$y.xml" \
            --case "$case_-$y" --allow "$ALLOW" --used-log "$tmp/used" \
            $quiet || fail=1
    done
}

recount sample input 2023 2025 2026

# the recount must be able to fail: a copy of the aggregate of CASE (as
# run above, so that its allowed differences stay allowed) with N figures
# changed (sed expressions) must give exactly those N differences (their
# paths matching the grep pattern)
#   selftest CASE-YEAR DUMP AGGREGATE N PATH-PATTERN SED-ARGS...
selftest() {
    case_=$1 dump_=$2 agg=$3 n=$4 pat=$5
    shift 5
    [ -f "$agg" ] || { echo "recount: self-test $case_: no aggregate" >&2; fail=1; return; }
    sed "$@" "$agg" > "$tmp/selftest.xml"
    if "$PY" "$HERE/recount.py" --plan "$PLAN" --dump "$dump_" \
        --aggregate "$tmp/selftest.xml" --case "$case_" --allow "$ALLOW" --quiet \
        > "$tmp/selftest.log" 2>&1; then
        echo "recount: self-test on $case_ FAILED: a changed aggregate passed" >&2
        fail=1
    elif [ "$(grep -c "^DIFF $case_:\($pat\):" "$tmp/selftest.log")" != "$n" ] ||
         ! grep -q " $n failed" "$tmp/selftest.log"; then
        echo "recount: self-test on $case_ FAILED: not the $n changed figures:" >&2
        cat "$tmp/selftest.log" >&2
        fail=1
    else
        echo "recount: self-test on $case_: a changed aggregate gives its $n differences"
    fi
}
# T1's cumulative, SKHCN's files
selftest sample-2026 "$tmp/sample.dump.xml" "$tmp/sample.out/2026/tong-hop-2026.xml" 2 \
    'targets/T1/cumulative\|units/SKHCN/files' \
    -e '/<target id="T1"/s/cumulative="\([0-9]*\)"/cumulative="\19"/' \
    -e '/<unit code="SKHCN"/s/ files="\([0-9]*\)"/ files="\17"/'
if "$PY" "$HERE/gencycles.py" --out "$tmp/gen"; then
    recount gen "$tmp/gen" 2021 2022 2023 2024 2025 2026
    # the figures added for readings b, d, g, h, j: the first revision's
    # old value, T5's applications this year, T8's marks supported this
    # year, the units with an accepted file, this year's Part A money
    selftest gen-2026 "$tmp/gen.dump.xml" "$tmp/gen.out/2026/tong-hop-2026.xml" 5 \
        'revisions/[0-9]*/T[0-9]/old\|targets/T5/year-filed\|targets/T8/supported-in-year\|summary/units-valid\|budget/@allocated-a' \
        -e '0,/<revision /s/\(<revision [^>]*\) old="\([0-9]*\)"/\1 old="\29"/' \
        -e '/<target id="T5"/s/year-filed="\([0-9]*\)"/year-filed="\19"/' \
        -e '/<target id="T8"/s/supported-in-year="\([0-9]*\)"/supported-in-year="\19"/' \
        -e '/<summary /s/units-valid="\([0-9]*\)"/units-valid="\19"/' \
        -e '/<budget /s/allocated-a="\([0-9.]*\)"/allocated-a="1\1"/'
    # the same cycles under an amended plan (docs/plan-data.md,
    # "Amendments"): a copy of the plan with the sample amendment in its
    # folder (a 2026-2030 phase, B9 amounts, B12, DPTTH and BLS merged
    # into BDPTTH from 1/4/2025)
    mkdir -p "$tmp/plan/de-an-2030.d"
    cp "$PLAN" "$tmp/plan/de-an-2030.xml"
    cp templates/plan/amendment-sample.xml "$tmp/plan/de-an-2030.d/01-sample.xml"
    plan=$tmp/plan/de-an-2030.xml
    recount amended "$tmp/gen" 2025 2026
    plan=$PLAN
else
    echo "recount: gencycles.py failed" >&2
    fail=1
fi

# allow-list lines no case needed: their fault is fixed, the line must go
touch "$tmp/used"
grep -v '^[[:space:]]*#' "$ALLOW" | grep -v '^[[:space:]]*$' | sed 's/[[:space:]]*#.*//' |
while IFS= read -r line; do
    norm=$(printf '%s\n' "$line" | tr -s ' \t' '  ')
    if ! tr -s ' \t' '  ' < "$tmp/used" | grep -Fxq -- "$norm"; then
        echo "recount: allow-list line no longer needed (its fault is fixed: remove it): $line"
    fi
done

if [ $fail -ne 0 ]; then
    echo "recount: FAILED (differences above not on $ALLOW)"
    exit 1
fi
echo "recount: every figure agrees but those on $ALLOW ($(grep -c "^[^#]" "$ALLOW") lines)"
