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

# recount CASE INPUT-DIR YEARS...
recount() {
    case_=$1 in_=$2
    shift 2
    if ! "$DUMP" "$PLAN" "$XSD" "$in_" > "$tmp/$case_.dump.xml"; then
        echo "recount: the dump of $in_ failed" >&2
        fail=1
        return
    fi
    for y in "$@"; do
        "$BIN" run --input "$in_" --output "$tmp/$case_.out" --year "$y" --jobs 1 \
            > "$tmp/$case_.$y.log" 2>&1
        rc=$?
        if [ $rc -gt 1 ]; then
            echo "recount: baocao run --year $y on $in_ failed ($rc):" >&2
            tail -5 "$tmp/$case_.$y.log" >&2
            fail=1
            continue
        fi
        "$PY" "$HERE/recount.py" --plan "$PLAN" --dump "$tmp/$case_.dump.xml" \
            --aggregate "$tmp/$case_.out/$y/tong-hop-$y.xml" \
            --case "$case_-$y" --allow "$ALLOW" --used-log "$tmp/used" \
            $quiet || fail=1
    done
}

recount sample input 2023 2025 2026

# the recount must be able to fail: a copy of the 2026 aggregate with two
# figures changed (T1's cumulative, SKHCN's files) must give exactly
# those two differences
selftest() {
    agg=$tmp/sample.out/2026/tong-hop-2026.xml
    [ -f "$agg" ] || { echo "recount: self-test: no aggregate" >&2; fail=1; return; }
    sed -e '/<target id="T1"/s/cumulative="\([0-9]*\)"/cumulative="\19"/' \
        -e '/<unit code="SKHCN"/s/ files="\([0-9]*\)"/ files="\17"/' \
        "$agg" > "$tmp/tampered.xml"
    if "$PY" "$HERE/recount.py" --plan "$PLAN" --dump "$tmp/sample.dump.xml" \
        --aggregate "$tmp/tampered.xml" --case sample-selftest --allow "$ALLOW" --quiet \
        > "$tmp/selftest.log" 2>&1; then
        echo "recount: self-test FAILED: a changed aggregate passed" >&2
        fail=1
    elif [ "$(grep -c '^DIFF sample-selftest:\(targets/T1/cumulative\|units/SKHCN/files\):' "$tmp/selftest.log")" != 2 ] ||
         ! grep -q ' 2 failed' "$tmp/selftest.log"; then
        echo "recount: self-test FAILED: not the two changed figures:" >&2
        cat "$tmp/selftest.log" >&2
        fail=1
    else
        echo "recount: self-test: a changed aggregate gives its 2 differences"
    fi
}
selftest
if "$PY" "$HERE/gencycles.py" --out "$tmp/gen"; then
    recount gen "$tmp/gen" 2021 2022 2023 2024 2025 2026
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
