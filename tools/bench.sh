#!/bin/sh
# tools/bench.sh - the benchmark (make bench; method and figures in
# docs/performance.md).
#
#   sh tools/bench.sh BUILD [N...]        (default N: 100 1000 10000)
#
# For each N: a synthetic cycle of N submissions (build/tools/genbench,
# cached in BUILD/bench/nN/ until genbench changes), then, with the files
# in the page cache:
#   - `baocao run --timings` on the whole cycle: wall time and peak RSS
#     (/usr/bin/time), the time of each stage (the --timings lines);
#   - `baocao run --timings` on the cycle's XML files alone (hard links in
#     BUILD/bench/nN-xml/), stopped once aggregation is done: the wall time
#     of its loop over the files (ingest + validate on -j threads, adding
#     each file) plus building the aggregate (lines files, aggregate.build)
#     against
#   - `xmllint --noout --stream --schema templates/schema/submission.xsd`
#     on the same XML files;
#   - tests/bench/openpyxl_read.py (openpyxl read-only, every cell of every
#     sheet) on the cycle's XLSX files, against the wall time of baocao's
#     loop over the same files alone (hard links in BUILD/bench/nN-xlsx/:
#     ingest + validate on -j threads; line files), and against the
#     threads' summed XLSX ingest time of the first run (per core) (when
#     /usr/bin/python3 has openpyxl: apt-get install python3-openpyxl);
# and once, `baocao run` on the sample cycles in input/.  Prints a table
# and rewrites the part of docs/performance.md between its "bench results"
# markers.
#
# Environment: BENCH_TIMEOUT (seconds a baocao run may take, default 600;
# a run stopped by it still reports the stages it finished), BENCH_REPEAT
# (runs of each measurement, best kept, default 3; runs longer than 30 s
# are not repeated), BENCH_SEED (2030), BENCH_JOBS (genbench processes,
# default nproc), BENCH_DOC (file to update, default docs/performance.md;
# "-" for none).
set -eu

BUILD=${1:?usage: sh tools/bench.sh BUILD [N...]}
shift
NS=${*:-100 1000 10000}
BIN=$BUILD/baocao
GEN=$BUILD/tools/genbench
ROOT=$BUILD/bench
XSD=templates/schema/submission.xsd
PY=/usr/bin/python3
TIMEOUT=${BENCH_TIMEOUT:-600}
REPEAT=${BENCH_REPEAT:-3}
SEED=${BENCH_SEED:-2030}
JOBS=${BENCH_JOBS:-$(nproc 2>/dev/null || echo 1)}
DOC=${BENCH_DOC:-docs/performance.md}
YEAR=2026

for f in "$BIN" "$GEN"; do
    [ -x "$f" ] || { echo "bench: $f missing (make BUILD=$BUILD bench)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
mkdir -p "$ROOT/results"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
HAVE_XMLLINT=0
command -v xmllint >/dev/null 2>&1 && HAVE_XMLLINT=1
HAVE_OPENPYXL=0
[ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null && HAVE_OPENPYXL=1

# a value from a "key value" results file; "-" when absent
get() {
    v=$(awk -v k="$2" '$1 == k { print $2; exit }' "$1" 2>/dev/null)
    echo "${v:--}"
}

# the ms of a --timings stage in a stderr log, "-" when absent
stage_ms() {
    v=$(awk -v s="$2" '$1 == "baocao:" && $2 == "timing" && $3 == s { print $4; exit }' "$1")
    echo "${v:--}"
}
stage_field() { # LOG STAGE FIELD (files, bytes, maxrss_kb)
    v=$(awk -v s="$2" -v f="$3" '$1 == "baocao:" && $2 == "timing" && $3 == s {
            for (i = 6; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) print kv[2] } exit }' "$1")
    echo "${v:--}"
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# `baocao run` under the timeout: LOG TIMEFILE ARGS...; TIMEFILE gets
# "WALL_S PEAK_RSS_KB" (wall from the clock, RSS from /usr/bin/time).
# Returns 0 finished (exit 0 or 1), 124 stopped by the timeout, else failed.
timed_run() {
    log=$1 tf=$2
    shift 2
    set +e
    t0=$(now)
    /usr/bin/time -f "%M" -o "$tf.rss" timeout "$TIMEOUT" "$BIN" run "$@" --timings \
        2>"$log" >/dev/null
    rc=$?
    t1=$(now)
    set -e
    echo "$(elapsed "$t0" "$t1") $(tail -n 1 "$tf.rss")" >"$tf"
    rm -f "$tf.rss"
    case $rc in 0|1) return 0 ;; *) return $rc ;; esac
}

# The best of REPEAT runs (lowest wall time): RESULT-PREFIX ARGS...
# leaves PREFIX.log, PREFIX.time and PREFIX.status (ok, timeout, failed)
best_run() {
    pre=$1
    shift
    best=""
    i=0
    while [ $i -lt "$REPEAT" ]; do
        i=$((i + 1))
        st=ok
        timed_run "$pre.try.log" "$pre.try.time" "$@" || {
            rc=$?
            if [ $rc -eq 124 ]; then st=timeout; else st="failed($rc)"; fi
        }
        wall=$(awk '{ print $1; exit }' "$pre.try.time" 2>/dev/null || echo 0)
        case $wall in ''|*[!0-9.]*) wall=0 ;; esac
        if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$wall
            mv "$pre.try.log" "$pre.log"
            mv "$pre.try.time" "$pre.time"
            echo "$st" >"$pre.status"
        fi
        [ "$st" = ok ] || break
        awk -v a="$wall" 'BEGIN { exit !(a > 30) }' && break
    done
    rm -f "$pre.try.log" "$pre.try.time"
}

# `baocao run` on DIR stopped as soon as aggregation has ended: LOG ARGS...
run_until_aggregate() {
    log=$1
    shift
    : >"$log"
    "$BIN" run "$@" --timings 2>"$log" >/dev/null &
    pid=$!
    waited=0
    while kill -0 $pid 2>/dev/null; do
        if grep -q '^baocao: timing aggregate.build ' "$log"; then
            kill $pid 2>/dev/null || true
            break
        fi
        if [ $waited -ge $((TIMEOUT * 5)) ]; then
            kill $pid 2>/dev/null || true
            break
        fi
        sleep 0.2
        waited=$((waited + 1))
    done
    wait $pid 2>/dev/null || true
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
r0() { case $1 in -) echo - ;; *) awk -v x="$1" 'BEGIN { printf "%.0f", x }' ;; esac; }
# throughput: BYTES MS -> MB/s ; COUNT MS -> per second
per_s() {
    case "$2" in -|0|0.000) echo "-"; return ;; esac
    awk -v x="$1" -v ms="$2" -v d="$3" 'BEGIN { printf "%.*f", d, x / (ms / 1000) }'
}

for N in $NS; do
    dir=$ROOT/n$N
    res=$ROOT/results/n$N.txt
    : >"$res"
    # the cycle depends on genbench's arguments and sources (and the form)
    stamp="genbench --n $N --seed $SEED --year $YEAR --xml 33 $(cat tools/genbench.c src/form.c src/form.h | cksum)"
    if [ ! -f "$dir/.stamp" ] || [ "$(cat "$dir/.stamp")" != "$stamp" ]; then
        echo "bench: N=$N: generating $dir ..." >&2
        rm -rf "$dir" "$dir-xml" "$dir-xlsx"
        t0=$(now)
        "$GEN" --n "$N" --seed "$SEED" --year "$YEAR" --xml 33 --jobs "$JOBS" \
            --out "$dir" >"$ROOT/gen.out"
        t1=$(now)
        cat "$ROOT/gen.out" >&2
        {
            echo "gen_s $(elapsed "$t0" "$t1")"
            # "genbench: N báo cáo (U đơn vị, R đơn) ..."
            sed -n 's/^genbench: [0-9]* báo cáo (\([0-9]*\) đơn vị, \([0-9]*\) đơn).*/units \1\
records \2/p' "$ROOT/gen.out"
        } >"$dir/.gen"
        echo "$stamp" >"$dir/.stamp"
    fi
    # the XML files alone and the workbooks alone, as hard links
    for x in xml xlsx; do
        [ -d "$dir-$x/$YEAR" ] && continue
        mkdir -p "$dir-$x/$YEAR"
        for f in "$dir/$YEAR"/*.$x; do
            ln "$f" "$dir-$x/$YEAR/" 2>/dev/null || cp "$f" "$dir-$x/$YEAR/"
        done
    done
    cat "$dir/.gen" >>"$res"
    n_xml=$(ls "$dir/$YEAR" | grep -c '\.xml$' || true)
    n_xlsx=$(ls "$dir/$YEAR" | grep -c '\.xlsx$' || true)
    xml_bytes=$(cat "$dir/$YEAR"/*.xml | wc -c)
    all_bytes=$(cat "$dir/$YEAR"/* | wc -c)
    {
        echo "files $N"
        echo "xml_files $n_xml"
        echo "xlsx_files $n_xlsx"
        echo "bytes $all_bytes"
        echo "xml_bytes $xml_bytes"
    } >>"$res"

    # 1. the whole cycle
    echo "bench: N=$N: baocao run ..." >&2
    rm -rf "$ROOT/out-n$N"
    best_run "$ROOT/results/n$N-run" --input "$dir" --output "$ROOT/out-n$N" \
        --plan "$dir/plan-bench.xml"
    log=$ROOT/results/n$N-run.log
    echo "run_status $(cat "$ROOT/results/n$N-run.status")" >>"$res"
    echo "run_wall_s $(awk '{ print $1 }' "$ROOT/results/n$N-run.time")" >>"$res"
    echo "run_rss_kb $(awk '{ print $2 }' "$ROOT/results/n$N-run.time")" >>"$res"
    for s in setup ingest ingest.xml ingest.xlsx validate files aggregate aggregate.build \
             aggregate.check render.bao-cao render.kiem-tra render.xlsx render write findings total; do
        echo "ms_$s $(stage_ms "$log" "$s")" >>"$res"
        echo "rss_$s $(stage_field "$log" "$s" maxrss_kb)" >>"$res"
    done
    echo "accepted $(grep -o '[0-9]* hợp lệ' "$log" | awk '{ print $1 }' | head -1)" >>"$res"

    # 2. the XML files alone, to the end of aggregation, and xmllint; the
    #    XLSX files alone, for openpyxl
    for x in xml xlsx; do
        echo "bench: N=$N: $x only ..." >&2
        xlog=$ROOT/results/n$N-$x.log
        rm -rf "$ROOT/out-n$N-$x"
        bestx=""
        i=0
        while [ $i -lt "$REPEAT" ]; do
            i=$((i + 1))
            run_until_aggregate "$xlog.try" --input "$dir-$x" --output "$ROOT/out-n$N-$x" \
                --plan "$dir/plan-bench.xml"
            # wall: the loop over the files (-j threads) + building the aggregate
            t=$(awk -v x="$x" '$1 == "baocao:" && $2 == "timing" &&
                     ($3 == "files" || (x == "xml" && $3 == "aggregate.build")) { s += $4 }
                     END { printf "%.3f", s }' "$xlog.try")
            if [ -z "$bestx" ] || awk -v a="$t" -v b="$bestx" 'BEGIN { exit !(a < b) }'; then
                bestx=$t
                mv "$xlog.try" "$xlog"
            fi
            awk -v a="$t" 'BEGIN { exit !(a > 30000) }' && break
        done
        rm -f "$xlog.try"
        grep -q '^baocao: timing aggregate.build ' "$xlog" || bestx=-
        if [ $x = xml ]; then
            echo "xml_ingest_validate_aggregate_ms $bestx" >>"$res"
        else
            echo "xlsx_files_wall_ms $bestx" >>"$res"
        fi
        for s in ingest validate files aggregate aggregate.build; do
            echo "${x}_ms_$s $(stage_ms "$xlog" "$s")" >>"$res"
        done
    done
    if [ $HAVE_XMLLINT = 1 ]; then
        bestl=""
        i=0
        while [ $i -lt "$REPEAT" ]; do
            i=$((i + 1))
            set +e
            t0=$(now)
            /usr/bin/time -f "%M" -o "$ROOT/xmllint.time" \
                xmllint --noout --stream --schema "$XSD" "$dir/$YEAR"/*.xml \
                2>"$ROOT/xmllint.log"
            t1=$(now)
            set -e
            t=$(elapsed "$t0" "$t1")
            if [ -z "$bestl" ] || awk -v a="$t" -v b="$bestl" 'BEGIN { exit !(a < b) }'; then
                bestl=$t
                echo "xmllint_rss_kb $(tail -n 1 "$ROOT/xmllint.time")" >"$ROOT/xmllint.rss"
            fi
            awk -v a="$t" 'BEGIN { exit !(a > 30) }' && break
        done
        echo "xmllint_s $bestl" >>"$res"
        cat "$ROOT/xmllint.rss" >>"$res"
        echo "xmllint_valid $(grep -c ' validates$' "$ROOT/xmllint.log" || true)" >>"$res"
    fi

    # 3. openpyxl on the same workbooks
    if [ $HAVE_OPENPYXL = 1 ] && [ "$n_xlsx" -gt 0 ]; then
        echo "bench: N=$N: openpyxl ..." >&2
        ls "$dir/$YEAR"/*.xlsx >"$ROOT/xlsx.list"
        set +e
        timeout "$TIMEOUT" "$PY" tests/bench/openpyxl_read.py --list "$ROOT/xlsx.list" \
            >"$ROOT/openpyxl.out"
        rc=$?
        set -e
        if [ $rc -eq 0 ]; then
            echo "openpyxl_s $(sed -n 's/.* seconds=\([0-9.]*\).*/\1/p' "$ROOT/openpyxl.out")" >>"$res"
            echo "openpyxl_cells $(sed -n 's/.* cells=\([0-9]*\).*/\1/p' "$ROOT/openpyxl.out")" >>"$res"
        else
            echo "openpyxl_s timeout" >>"$res"
        fi
    fi
done

# the sample cycles in input/ (the real plan)
echo "bench: sample cycle ..." >&2
rm -rf "$ROOT/out-sample"
best_run "$ROOT/results/sample-run" --input input --output "$ROOT/out-sample"
sres=$ROOT/results/sample.txt
{
    echo "run_status $(cat "$ROOT/results/sample-run.status")"
    echo "run_wall_s $(awk '{ print $1 }' "$ROOT/results/sample-run.time")"
    echo "run_rss_kb $(awk '{ print $2 }' "$ROOT/results/sample-run.time")"
    for s in setup ingest ingest.xml ingest.xlsx validate files aggregate aggregate.build \
             aggregate.check render.bao-cao render.kiem-tra render.xlsx write total; do
        echo "ms_$s $(stage_ms "$ROOT/results/sample-run.log" "$s")"
        echo "rss_$s $(stage_field "$ROOT/results/sample-run.log" "$s" maxrss_kb)"
    done
    echo "files $(stage_field "$ROOT/results/sample-run.log" ingest files)"
    echo "bytes $(stage_field "$ROOT/results/sample-run.log" ingest bytes)"
    # the Windows build under Wine (docs/windows.md): a figure, not a target
    sh tools/windows/bench-wine.sh "$ROOT/wine"
} >"$sres"

# ------------------------------------------------------------------ report
report() {
    echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
         "$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM," \
         "Linux $(uname -r); $(xmllint --version 2>&1 | head -1 | sed 's/^xmllint: //');" \
         "$( [ $HAVE_OPENPYXL = 1 ] && "$PY" -c 'import openpyxl, sys; print("openpyxl %s, Python %s" % (openpyxl.__version__, sys.version.split()[0]))' || echo 'openpyxl not installed')."
    echo "Load average when the benchmark started: $LOAD_START; when it ended: $(cut -d' ' -f1-3 /proc/loadavg)" \
         "(a load above 0 means other processes shared the 2 cores during the measurements)."
    echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'). Command: \`make bench BENCH_N=\"$NS\"\`" \
         "(tools/bench.sh $BUILD $NS; timeout $TIMEOUT s a run, best of $REPEAT runs under 30 s)."
    echo
    echo "### Stages (\`baocao run --timings\`, whole cycle: 1/3 XML, 2/3 XLSX; MB/s of input files)"
    echo
    echo "ingest and validate add up the times of the $(nproc) worker threads (-j default); files is the"
    echo "wall time of the loop over the files (both, on the threads, and adding each file to the aggregate)."
    echo
    printf '| stage |'
    for N in $NS; do printf ' N=%s ms | MB/s | subm./s |' "$N"; done
    echo
    printf '|---|'
    for N in $NS; do printf -- '--:|--:|--:|'; done
    echo
    for s in setup ingest ingest.xml ingest.xlsx validate files aggregate aggregate.build \
             aggregate.check render.bao-cao render.kiem-tra render.xlsx write total; do
        printf '| %s |' "$s"
        for N in $NS; do
            res=$ROOT/results/n$N.txt
            ms=$(get "$res" "ms_$s")
            case $s in
                ingest.xml) b=$(get "$res" xml_bytes); c=$(get "$res" xml_files) ;;
                ingest.xlsx) b=$(($(get "$res" bytes) - $(get "$res" xml_bytes))); c=$(get "$res" xlsx_files) ;;
                *) b=$(get "$res" bytes); c=$(get "$res" files) ;;
            esac
            if [ "$ms" = - ]; then
                printf ' %s | | |' "$( [ "$(get "$res" run_status)" = timeout ] && echo "(stopped)" || echo -)"
            else
                case $s in
                    setup|aggregate.check|aggregate.build|render.*|write)
                        printf ' %.0f | | |' "$ms" ;;
                    *) printf ' %.0f | %s | %s |' "$ms" "$(per_s "$b" "$ms" 1 | awk '{ printf "%.1f", $1 / 1e6 }')" \
                           "$(per_s "$c" "$ms" 0)" ;;
                esac
            fi
        done
        echo
    done
    echo
    echo "Peak RSS (MB) when each stage ended (the maxrss_kb of its --timings line):"
    echo
    printf '| after |'
    for N in $NS; do printf ' N=%s |' "$N"; done
    printf ' sample |\n|---|'
    for N in $NS; do printf -- '--:|'; done
    printf -- '--:|\n'
    for s in setup validate aggregate aggregate.check render.bao-cao render.kiem-tra render.xlsx total; do
        printf '| %s |' "$s"
        for f in $(for N in $NS; do echo "$ROOT/results/n$N.txt"; done) "$sres"; do
            printf ' %s |' "$(awk -v k="$(get "$f" "rss_$s")" 'BEGIN { if (k + 0 > 0) printf "%.0f", k / 1024; else print "-" }')"
        done
        echo
    done
    echo
    echo "### End to end and the targets"
    echo
    echo "| N | files (XML / XLSX) | units | records | MB | wall s | subm./s | peak RSS MB | status |"
    echo "|--:|--|--:|--:|--:|--:|--:|--:|--|"
    for N in $NS; do
        res=$ROOT/results/n$N.txt
        st=$(get "$res" run_status)
        [ "$st" = timeout ] && st="stopped by the ${TIMEOUT} s timeout"
        w=$(get "$res" run_wall_s)
        rate=$(per_s "$N" "$(awk -v w="$w" 'BEGIN { print w * 1000 }')" 1)
        [ "$(get "$res" run_status)" = ok ] || { w=">$w"; rate=-; }
        printf '| %s | %s / %s | %s | %s | %s | %s | %s | %.0f | %s |\n' "$N" "$(get "$res" xml_files)" \
            "$(get "$res" xlsx_files)" "$(get "$res" units)" "$(get "$res" records)" \
            "$(mb "$(get "$res" bytes)")" "$w" "$rate" \
            "$(awk -v k="$(get "$res" run_rss_kb)" 'BEGIN { print k / 1024 }')" "$st"
    done
    echo
    echo "| N | XML MB | xmllint --stream --schema s | MB/s | baocao XML ingest+validate+aggregate s (wall) | MB/s | ratio (target >= 0.50) |"
    echo "|--:|--:|--:|--:|--:|--:|--:|"
    for N in $NS; do
        res=$ROOT/results/n$N.txt
        xb=$(get "$res" xml_bytes); ls_=$(get "$res" xmllint_s); bm=$(get "$res" xml_ingest_validate_aggregate_ms)
        awk -v n="$N" -v xb="$xb" -v l="$ls_" -v bm="$bm" 'BEGIN {
            lm = (l + 0 > 0) ? sprintf("%.1f", xb / 1e6 / l) : "-"
            bs = (bm + 0 > 0) ? sprintf("%.2f", bm / 1000) : "-"
            bmb = (bm + 0 > 0) ? sprintf("%.1f", xb / 1e6 / (bm / 1000)) : "-"
            r = (bm + 0 > 0 && l + 0 > 0) ? sprintf("%.2f", (xb / (bm / 1000)) / (xb / l)) : "-"
            printf "| %s | %.1f | %s | %s | %s | %s | %s |\n", n, xb / 1e6, l, lm, bs, bmb, r }'
    done
    echo
    echo "| N | XLSX files | openpyxl read-only s | baocao XLSX ingest+validate s (wall, -j $(nproc)) | speed-up (target >= 8) | baocao XLSX ingest s (threads summed) | per core |"
    echo "|--:|--:|--:|--:|--:|--:|--:|"
    for N in $NS; do
        res=$ROOT/results/n$N.txt
        awk -v n="$N" -v f="$(get "$res" xlsx_files)" -v o="$(get "$res" openpyxl_s)" \
            -v w="$(get "$res" xlsx_files_wall_ms)" -v b="$(get "$res" ms_ingest.xlsx)" 'BEGIN {
            ws = (w + 0 > 0) ? sprintf("%.2f", w / 1000) : "-"
            rw = (w + 0 > 0 && o + 0 > 0) ? sprintf("%.1f", o / (w / 1000)) : "-"
            bs = (b + 0 > 0) ? sprintf("%.2f", b / 1000) : "-"
            r = (b + 0 > 0 && o + 0 > 0) ? sprintf("%.1f", o / (b / 1000)) : "-"
            printf "| %s | %s | %s | %s | %s | %s | %s |\n", n, f, o, ws, rw, bs, r }'
    done
    echo
    echo "Sample cycles (\`baocao run --input input\`, $(get "$sres" files) files, $(mb "$(get "$sres" bytes)") MB, the real plan):" \
         "wall $(get "$sres" run_wall_s) s (target < 0.3 s), peak RSS $(awk -v k="$(get "$sres" run_rss_kb)" 'BEGIN { printf "%.0f", k / 1024 }') MB;" \
         "stages ms: setup $(r0 "$(get "$sres" ms_setup)"), ingest $(r0 "$(get "$sres" ms_ingest)")" \
         "(XLSX $(r0 "$(get "$sres" ms_ingest.xlsx)")), validate $(r0 "$(get "$sres" ms_validate)") (threads summed), files $(r0 "$(get "$sres" ms_files)") (wall)," \
         "aggregate $(r0 "$(get "$sres" ms_aggregate)"), aggregate.check $(r0 "$(get "$sres" ms_aggregate.check)")," \
         "render bao-cao $(r0 "$(get "$sres" ms_render.bao-cao)") / kiem-tra $(r0 "$(get "$sres" ms_render.kiem-tra)")" \
         "/ xlsx $(r0 "$(get "$sres" ms_render.xlsx)"), write $(r0 "$(get "$sres" ms_write)")."
}

# verdict: VALUE LIMIT (ge|lt) -> "met" / "not met (...)"
verdict() {
    awk -v v="$1" -v l="$2" -v op="$3" 'BEGIN {
        if (v == "-" || v == "") { print "not measured"; exit }
        if (op == "ge") { if (v + 0 >= l + 0) print "met"; else printf "not met: %.1fx short\n", l / v }
        else { if (v + 0 < l + 0) print "met"; else printf "not met: %.1fx over\n", v / l } }'
}

targets() {
    echo "### Targets (2-core machine, measured, never asserted in tests)"
    echo
    echo "| target | N | figure | verdict |"
    echo "|---|--:|--:|---|"
    for N in $NS; do
        res=$ROOT/results/n$N.txt
        xb=$(get "$res" xml_bytes); l=$(get "$res" xmllint_s); bm=$(get "$res" xml_ingest_validate_aggregate_ms)
        r=$(awk -v l="$l" -v bm="$bm" 'BEGIN { if (bm + 0 > 0 && l + 0 > 0) printf "%.2f", l / (bm / 1000); else print "-" }')
        echo "| XML ingest+validate+aggregate >= 0.50 x xmllint | $N | $r | $(verdict "$r" 0.5 ge) |"
    done
    for N in $NS; do
        res=$ROOT/results/n$N.txt
        r=$(awk -v o="$(get "$res" openpyxl_s)" -v b="$(get "$res" xlsx_files_wall_ms)" \
            'BEGIN { if (b + 0 > 0 && o + 0 > 0) printf "%.1f", o / (b / 1000); else print "-" }')
        echo "| XLSX ingest >= 8 x openpyxl read-only | $N | $r | $(verdict "$r" 8 ge) |"
    done
    for N in $NS; do
        res=$ROOT/results/n$N.txt
        m=$(awk -v k="$(get "$res" run_rss_kb)" 'BEGIN { if (k + 0 > 0) printf "%.0f", k / 1024; else print "-" }')
        note=""
        [ "$(get "$res" run_status)" = timeout ] && note=" (run stopped by the timeout)"
        if [ "$N" = 10000 ]; then
            echo "| peak RSS < 100 MB at N=10,000 | $N | $m MB$note | $(verdict "$m" 100 lt) |"
        else
            echo "| peak RSS (grows only with distinct records) | $N | $m MB$note, $(get "$res" records) records | |"
        fi
    done
    w=$(get "$sres" run_wall_s)
    echo "| sample cycle's whole run < 0.3 s | | $w s | $(verdict "$w" 0.3 lt) |"
    echo "| sample cycle, the Windows build under Wine ($(get "$sres" wine_version)) (a figure, not a target) | | $(get "$sres" wine_run_wall_s) s | |"
}

{ report; echo; targets; } >"$ROOT/results/report.md"
cat "$ROOT/results/report.md"

if [ "$DOC" != - ]; then
    begin='<!-- bench results: begin (written by tools/bench.sh; do not edit by hand) -->'
    end='<!-- bench results: end -->'
    if [ -f "$DOC" ] && grep -qF "$begin" "$DOC"; then
        awk -v b="$begin" -v e="$end" -v f="$ROOT/results/report.md" '
            $0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
            $0 == e { skip = 0 }
            !skip { print }' "$DOC" >"$DOC.tmp"
        mv "$DOC.tmp" "$DOC"
    else
        { [ -f "$DOC" ] && cat "$DOC"; echo; echo "$begin"; cat "$ROOT/results/report.md"; echo "$end"; } >"$DOC.tmp"
        mv "$DOC.tmp" "$DOC"
    fi
    echo "bench: results written to $DOC" >&2
fi
