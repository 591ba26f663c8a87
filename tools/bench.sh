#!/bin/sh
# tools/bench.sh - the benchmark (make bench; method and figures in
# docs/performance.md).
#
#   sh tools/bench.sh BUILD [N...]        (default N: 100 1000 10000 30000)
#
# Needs BUILD/baocao, BUILD/tools/genbench and the two programs of
# tests/bench/ built by `make bench`: BUILD/tests/bench/measure (runs a
# command: wall time, CPU time of all its threads, peak RSS; can stop it when
# a --timings stage has ended) and BUILD/tests/bench/xmlvalid (the XML
# anchor: libxml2's streaming schema validation, the schema compiled once).
#
# For each N: a synthetic cycle of N submissions (BUILD/tools/genbench,
# cached in BUILD/bench/nN/ until genbench changes), then, with the files
# in the page cache:
#   1. `baocao run --timings` on the whole cycle: wall, CPU, peak RSS, the
#      time of each stage;
#   2. XML: `baocao run --timings` on the cycle's XML files alone (hard
#      links in BUILD/bench/nN-xml/), stopped as soon as the aggregate is
#      built: wall = its lines files + aggregate.build, CPU = the process's
#      CPU at the stop less its CPU when setup ended; against xmlvalid on
#      the same files (its loop: wall and CPU);
#   3. XLSX: the same on the first BENCH_XLSX_MAX workbooks (hard links in
#      BUILD/bench/nN-xlsx/), against tests/bench/openpyxl_read.py (openpyxl
#      read-only, every cell of every sheet; its loop: wall and CPU) on the
#      same workbooks, when /usr/bin/python3 has openpyxl
#      (sh tools/deps.sh --bench installs it);
# and once, `baocao run` on the sample cycles in input/ (wall and CPU).
# Prints the figures and the targets (issue 12: per core and wall, with the
# anchors' own figures) and rewrites the part of docs/performance.md
# between its "bench results" markers.
#
# Environment: BENCH_TIMEOUT (seconds a run may take, default 900; a run
# stopped by it still reports the stages it finished), BENCH_REPEAT (runs
# of each measurement, the lowest wall and the lowest CPU kept, default 3;
# a run over 30 s is not repeated; openpyxl runs once), BENCH_XLSX_MAX
# (workbooks of the XLSX comparison, default 1000), BENCH_SEED (2030),
# BENCH_JOBS (genbench processes, default nproc), BENCH_DOC (file to
# update, default docs/performance.md; "-" for none).
set -eu

BUILD=${1:?usage: sh tools/bench.sh BUILD [N...]}
shift
NS=${*:-100 1000 10000 30000}
BIN=$BUILD/baocao
GEN=$BUILD/tools/genbench
MEASURE=$BUILD/tests/bench/measure
XMLVALID=$BUILD/tests/bench/xmlvalid
ROOT=$BUILD/bench
XSD=templates/schema/submission.xsd
PY=/usr/bin/python3
TIMEOUT=${BENCH_TIMEOUT:-900}
REPEAT=${BENCH_REPEAT:-3}
XLSX_MAX=${BENCH_XLSX_MAX:-1000}
SEED=${BENCH_SEED:-2030}
JOBS=${BENCH_JOBS:-$(nproc 2>/dev/null || echo 1)}
DOC=${BENCH_DOC:-docs/performance.md}
CORES=$(nproc 2>/dev/null || echo 1)
YEAR=2026

# the targets (issue 12)
T_SAMPLE_S=0.3     # the sample cycle's whole run, wall seconds
T_XML=0.8          # x the anchor's speed, per core
T_XLSX=20          # x openpyxl read-only, per core
T_RSS_MB=100       # peak RSS at N = 10,000 and 30,000

for f in "$BIN" "$GEN" "$MEASURE" "$XMLVALID"; do
    [ -x "$f" ] || { echo "bench: $f missing (make BUILD=$BUILD bench)" >&2; exit 2; }
done
mkdir -p "$ROOT/results"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
HAVE_OPENPYXL=0
[ -x "$PY" ] && "$PY" -c 'import openpyxl' 2>/dev/null && HAVE_OPENPYXL=1

# a value from a "key value" results file; "-" when absent
get() {
    v=$(awk -v k="$2" '$1 == k { print $2; exit }' "$1" 2>/dev/null)
    echo "${v:--}"
}
# a value from a "key=value ..." line (measure's, xmlvalid's); "-" when absent
kv() {
    v=$(awk -v k="$2" '{ for (i = 1; i <= NF; i++) { n = index($i, "=");
            if (substr($i, 1, n - 1) == k) { print substr($i, n + 1); exit } } }' "$1" 2>/dev/null)
    echo "${v:--}"
}

# the ms of a --timings stage in a log, "-" when absent
stage_ms() {
    v=$(awk -v s="$2" '$1 == "baocao:" && $2 == "timing" && $3 == s { print $4; exit }' "$1")
    echo "${v:--}"
}
stage_field() { # LOG STAGE FIELD (files, bytes, maxrss_kb)
    v=$(awk -v s="$2" -v f="$3" '$1 == "baocao:" && $2 == "timing" && $3 == s {
            for (i = 6; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) print kv[2] } exit }' "$1")
    echo "${v:--}"
}

# num X: 0 unless X is a positive number
num() { case $1 in ''|-|*[!0-9.]*) return 1 ;; esac; awk -v x="$1" 'BEGIN { exit !(x + 0 > 0) }'; }
# div A B [DECIMALS]: A / B, "-" unless both are positive numbers
div() {
    if num "$1" && num "$2"; then awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { printf "%.*f\n", d, a / b }'
    else echo -; fi
}
# fix X [DECIMALS]: X rounded, "-" unless a number
fix() { case $1 in ''|-|*[!0-9.]*) echo - ;; *) awk -v x="$1" -v d="${2:-3}" 'BEGIN { printf "%.*f\n", d, x }' ;; esac; }
# verdict VALUE LIMIT ge|lt -> "met" / "not met: ..."
verdict() {
    num "$1" || { echo "not measured"; return; }
    awk -v v="$1" -v l="$2" -v op="$3" 'BEGIN {
        if (op == "ge") { if (v + 0 >= l + 0) print "met"; else printf "not met (%.2fx short)\n", l / v }
        else { if (v + 0 < l + 0) print "met"; else printf "not met (%.2fx over)\n", v / l } }'
}
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
r0() { case $1 in -) echo - ;; *) awk -v x="$1" 'BEGIN { printf "%.0f", x }' ;; esac; }
# throughput: BYTES MS -> MB/s ; COUNT MS -> per second
per_s() {
    case "$2" in -|0|0.000) echo "-"; return ;; esac
    awk -v x="$1" -v ms="$2" -v d="$3" 'BEGIN { printf "%.*f", d, x / (ms / 1000) }'
}

# ------------------------------------------------------------ measurements
# Each writes one "key=value ..." line to PRE.m (status, wall_s, cpu_s,
# maxrss_kb) and its log to PRE.log.

# the whole run: m_run PRE ARGS...
m_run() {
    local mp=$1
    shift
    "$MEASURE" --log "$mp.log" --timeout "$TIMEOUT" -- "$BIN" run "$@" --timings >"$mp.m"
}

# ingest + validate + aggregate: the run stopped once the aggregate is
# built; wall from its --timings lines (files + aggregate.build), CPU the
# process's at the stop less its CPU when setup ended
m_until_aggregate() {
    local mp=$1 st w c
    shift
    "$MEASURE" --log "$mp.log" --timeout "$TIMEOUT" --mark setup --stop-at aggregate.build \
        -- "$BIN" run "$@" --timings >"$mp.raw"
    st=$(kv "$mp.raw" status)
    [ "$st" = stopped ] && st=ok
    w=$(awk '$1 == "baocao:" && $2 == "timing" && ($3 == "files" || $3 == "aggregate.build") { s += $4 }
             END { printf "%.3f", s / 1000 }' "$mp.log")
    c=$(awk -v a="$(kv "$mp.raw" cpu_s)" -v b="$(kv "$mp.raw" mark_cpu_s)" 'BEGIN { printf "%.3f", a - b }')
    grep -q '^baocao: timing aggregate.build ' "$mp.log" || { st=failed; w=-; c=-; }
    echo "status=$st wall_s=$w cpu_s=$c maxrss_kb=$(kv "$mp.raw" maxrss_kb)" >"$mp.m"
    rm -f "$mp.raw"
}

# the XML anchor on a list of files: m_xmlvalid PRE LIST
m_xmlvalid() {
    local rc st
    set +e
    "$XMLVALID" "$XSD" --list "$2" >"$1.log" 2>&1
    rc=$?
    set -e
    st=ok
    [ $rc -eq 0 ] || st="failed($rc)"
    echo "status=$st wall_s=$(kv "$1.log" wall_s) cpu_s=$(kv "$1.log" cpu_s) maxrss_kb=-" >"$1.m"
}

# openpyxl on a list of workbooks: m_openpyxl PRE LIST
m_openpyxl() {
    local rc st
    set +e
    timeout "$TIMEOUT" "$PY" tests/bench/openpyxl_read.py --list "$2" >"$1.log" 2>&1
    rc=$?
    set -e
    st=ok
    [ $rc -eq 0 ] || st="failed($rc)"
    [ $rc -eq 124 ] && st=timeout
    echo "status=$st wall_s=$(kv "$1.log" seconds) cpu_s=$(kv "$1.log" cpu_seconds) maxrss_kb=-" >"$1.m"
}

# best_of TIMES PRE MEASUREMENT ARGS...: the measurement run TIMES times
# (fewer when one fails or takes over 30 s); PRE.m gets the lowest wall
# (with that run's status, RSS and log) and the lowest CPU
best_of() {
    local times=$1 pre=$2 m=$3 bw="" bc="" i=0 st w c

    shift 3
    rm -f "$pre.m" "$pre.log"
    while [ $i -lt "$times" ]; do
        i=$((i + 1))
        "$m" "$pre.try" "$@" || true
        st=$(kv "$pre.try.m" status) w=$(kv "$pre.try.m" wall_s) c=$(kv "$pre.try.m" cpu_s)
        if [ -z "$bw" ] || { num "$w" && awk -v a="$w" -v b="$bw" 'BEGIN { exit !(b == "-" || a < b) }'; }; then
            bw=$w
            sed "s/ cpu_s=[^ ]*//" "$pre.try.m" >"$pre.best"
            mv "$pre.try.log" "$pre.log"
        fi
        if num "$c" && { [ -z "$bc" ] || awk -v a="$c" -v b="$bc" 'BEGIN { exit !(a < b) }'; }; then
            bc=$c
        fi
        [ "$st" = ok ] || break
        awk -v a="$w" 'BEGIN { exit !(a > 30) }' && break
    done
    echo "$(cat "$pre.best") cpu_s=${bc:--} runs=$i" >"$pre.m"
    rm -f "$pre.best" "$pre.try.m" "$pre.try.log"
}

# hard links to the files matching *.EXT of a cycle, the first MAX of them:
# subset DIR EXT MAX (remade when the cycle or MAX changes)
subset() {
    local d=$1-$2
    if [ ! -f "$d/.made" ] || [ "$(cat "$d/.made")" != "$3 $(cat "$1/.stamp")" ]; then
        rm -rf "$d"
        mkdir -p "$d/$YEAR"
        ls "$1/$YEAR" | grep "\\.$2\$" | head -n "$3" | while read -r f; do
            ln "$1/$YEAR/$f" "$d/$YEAR/" 2>/dev/null || cp "$1/$YEAR/$f" "$d/$YEAR/"
        done
        echo "$3 $(cat "$1/.stamp")" >"$d/.made"
    fi
    ls "$d/$YEAR"/*."$2" >"$d.list"
}

STAGES="setup ingest ingest.xml ingest.xlsx validate files aggregate aggregate.build
        aggregate.check render.bao-cao render.kiem-tra render.xlsx render write.staged write findings total"

# the figures of a whole run (PRE.m, PRE.log) into a results file: RES PRE
run_results() {
    {
        echo "run_status $(kv "$2.m" status)"
        echo "run_wall_s $(kv "$2.m" wall_s)"
        echo "run_cpu_s $(kv "$2.m" cpu_s)"
        echo "run_rss_kb $(kv "$2.m" maxrss_kb)"
        for s in $STAGES; do
            echo "ms_$s $(stage_ms "$2.log" "$s")"
            echo "rss_$s $(stage_field "$2.log" "$s" maxrss_kb)"
        done
        echo "run_files $(stage_field "$2.log" ingest files)"
        echo "run_bytes $(stage_field "$2.log" ingest bytes)"
    } >>"$1"
}

# ingest + validate + aggregate against an anchor: RES KEY PRE-BAOCAO PRE-ANCHOR
vs_results() {
    for k in wall_s cpu_s status; do
        echo "$2_baocao_$k $(kv "$3.m" $k)"
        echo "$2_anchor_$k $(kv "$4.m" $k)"
    done >>"$1"
}

for N in $NS; do
    dir=$ROOT/n$N
    res=$ROOT/results/n$N.txt
    : >"$res"
    # the cycle depends on genbench's arguments and sources (and the form)
    stamp="genbench --n $N --seed $SEED --year $YEAR --xml 33 $(cat tools/genbench.c tools/gen_util.h src/form.c src/form.h src/fields.c templates/plan/de-an-2030.xml | cksum)"
    if [ ! -f "$dir/.stamp" ] || [ "$(cat "$dir/.stamp")" != "$stamp" ]; then
        echo "bench: N=$N: generating $dir ..." >&2
        rm -rf "$dir" "$dir-xml" "$dir-xlsx"
        "$GEN" --n "$N" --seed "$SEED" --year "$YEAR" --xml 33 --jobs "$JOBS" \
            --out "$dir" >"$ROOT/gen.out"
        cat "$ROOT/gen.out" >&2
        # "genbench: N báo cáo (U đơn vị, R đơn) ..."
        sed -n 's/^genbench: [0-9]* báo cáo (\([0-9]*\) đơn vị, \([0-9]*\) đơn).*/units \1\
records \2/p' "$ROOT/gen.out" >"$dir/.gen"
        echo "$stamp" >"$dir/.stamp"
    fi
    subset "$dir" xml 999999999
    subset "$dir" xlsx "$XLSX_MAX"
    cat "$dir/.gen" >>"$res"
    {
        echo "files $N"
        echo "xml_files $(wc -l <"$dir-xml.list")"
        echo "xlsx_files $(ls "$dir/$YEAR" | grep -c '\.xlsx$' || true)"
        echo "bytes $(cat "$dir/$YEAR"/* | wc -c)"   # read once: the page cache is warm
        echo "xml_bytes $(cat "$dir-xml/$YEAR"/* | wc -c)"
        echo "xlsx_cmp_files $(wc -l <"$dir-xlsx.list")"
        echo "xlsx_cmp_bytes $(cat "$dir-xlsx/$YEAR"/* | wc -c)"
    } >>"$res"
    pre=$ROOT/results/n$N

    echo "bench: N=$N: baocao run ..." >&2
    rm -rf "$ROOT/out-n$N"
    best_of "$REPEAT" "$pre-run" m_run --input "$dir" --output "$ROOT/out-n$N" --plan "$dir/plan-bench.xml"
    rm -rf "$ROOT/out-n$N"
    run_results "$res" "$pre-run"

    for x in xml xlsx; do
        echo "bench: N=$N: $x only ..." >&2
        rm -rf "$ROOT/out-n$N-$x"
        best_of "$REPEAT" "$pre-$x" m_until_aggregate --input "$dir-$x" --output "$ROOT/out-n$N-$x" \
            --plan "$dir/plan-bench.xml"
    done
    echo "bench: N=$N: xmlvalid ..." >&2
    best_of "$REPEAT" "$pre-xmlvalid" m_xmlvalid "$dir-xml.list"
    vs_results "$res" xml "$pre-xml" "$pre-xmlvalid"
    if [ $HAVE_OPENPYXL = 1 ] && [ -s "$dir-xlsx.list" ]; then
        echo "bench: N=$N: openpyxl ..." >&2
        best_of 1 "$pre-openpyxl" m_openpyxl "$dir-xlsx.list"
    else
        echo "status=not-installed wall_s=- cpu_s=-" >"$pre-openpyxl.m"
    fi
    vs_results "$res" xlsx "$pre-xlsx" "$pre-openpyxl"
done

echo "bench: sample cycle ..." >&2
rm -rf "$ROOT/out-sample"
sres=$ROOT/results/sample.txt
: >"$sres"
best_of "$REPEAT" "$ROOT/results/sample-run" m_run --input input --output "$ROOT/out-sample"
run_results "$sres" "$ROOT/results/sample-run"
# the Windows build under Wine (docs/windows.md): a figure, not a target
sh tools/windows/bench-wine.sh "$ROOT/wine" >>"$sres"

# ------------------------------------------------------------------ report
rss_mb() { if num "$1"; then awk -v k="$1" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }'; else echo -; fi; }
rss_mib() { if num "$1"; then awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; else echo -; fi; }
# BYTES SECONDS -> MB/s
mbps() { if num "$1" && num "$2"; then awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; else echo -; fi; }
# per workbook: SECONDS COUNT -> ms
per_ms() { if num "$1" && num "$2"; then awk -v s="$1" -v n="$2" 'BEGIN { printf "%.2f", s * 1000 / n }'; else echo -; fi; }

header() {
    echo "Machine: $CORES cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
         "$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM," \
         "Linux $(uname -r); libxml2 $(xmllint --version 2>&1 | sed -n '1s/.*version //p');" \
         "$( [ $HAVE_OPENPYXL = 1 ] && "$PY" -c 'import openpyxl, sys; print("openpyxl %s, Python %s" % (openpyxl.__version__, sys.version.split()[0]))' || echo 'openpyxl not installed')."
    echo "Load average when the benchmark started: $LOAD_START; when it ended: $(cut -d' ' -f1-3 /proc/loadavg)" \
         "(above 0 at the start: other processes shared the $CORES cores; compare CPU figures then)."
    echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'). Command: \`make bench BENCH_N=\"$NS\"\`" \
         "(tools/bench.sh; timeout $TIMEOUT s a run; lowest wall and lowest CPU of $REPEAT runs, one run when it takes over 30 s; openpyxl once)."
}

targets() {
    echo "### The targets (issue 12; measured, never asserted in tests)"
    echo
    echo "Per core compares CPU time (user + sys of every thread); wall compares elapsed time, baocao on"
    echo "$CORES threads (-j default), the anchors on one. Ratio: the anchor's time over baocao's."
    echo
    echo "| target | N | baocao | anchor | ratio | target | verdict |"
    echo "|---|--:|--:|--:|--:|--:|---|"
    w=$(get "$sres" run_wall_s) c=$(get "$sres" run_cpu_s)
    echo "| sample cycle, whole run, wall | | $(fix "$w") s | | | < $T_SAMPLE_S s | $(verdict "$w" "$T_SAMPLE_S" lt) |"
    echo "| sample cycle, whole run, CPU | | $(fix "$c") s | | | (wall target) | |"
    echo "| sample cycle, the Windows build under Wine ($(get "$sres" wine_version)), wall | | $(get "$sres" wine_run_wall_s) s | | | (a figure, not a target) | |"
    for N in $NS; do
        res=$ROOT/results/n$N.txt
        xb=$(get "$res" xml_bytes)
        bc=$(get "$res" xml_baocao_cpu_s) ac=$(get "$res" xml_anchor_cpu_s)
        r=$(div "$ac" "$bc")
        echo "| XML ingest+validate+aggregate vs libxml2 streaming XSD (schema once), per core | $N |" \
             "$(fix "$bc") s CPU, $(mbps "$xb" "$bc") MB/s |" \
             "$(fix "$ac") s CPU, $(mbps "$xb" "$ac") MB/s | $r | >= $T_XML | $(verdict "$r" "$T_XML" ge) |"
        bw=$(get "$res" xml_baocao_wall_s) aw=$(get "$res" xml_anchor_wall_s)
        r=$(div "$aw" "$bw")
        echo "| XML ingest+validate+aggregate vs libxml2 streaming XSD, wall | $N |" \
             "$(fix "$bw") s, $(mbps "$xb" "$bw") MB/s |" \
             "$(fix "$aw") s, $(mbps "$xb" "$aw") MB/s | $r | >= $T_XML | $(verdict "$r" "$T_XML" ge) |"
    done
    for N in $NS; do
        res=$ROOT/results/n$N.txt
        n=$(get "$res" xlsx_cmp_files)
        bc=$(get "$res" xlsx_baocao_cpu_s) ac=$(get "$res" xlsx_anchor_cpu_s)
        r=$(div "$ac" "$bc" 1)
        echo "| XLSX ingest+validate+aggregate vs openpyxl read-only, per core | $N |" \
             "$(per_ms "$bc" "$n") ms CPU a workbook | $(per_ms "$ac" "$n") ms | $r | >= $T_XLSX | $(verdict "$r" "$T_XLSX" ge) |"
        bw=$(get "$res" xlsx_baocao_wall_s) aw=$(get "$res" xlsx_anchor_wall_s)
        r=$(div "$aw" "$bw" 1)
        echo "| XLSX ingest+validate+aggregate vs openpyxl read-only, wall | $N |" \
             "$(per_ms "$bw" "$n") ms a workbook | $(per_ms "$aw" "$n") ms | $r | >= $T_XLSX | $(verdict "$r" "$T_XLSX" ge) |"
    done
    for N in $NS; do
        res=$ROOT/results/n$N.txt
        k=$(get "$res" run_rss_kb)
        note=""
        [ "$(get "$res" run_status)" = ok ] || note=" (run $(get "$res" run_status))"
        case $N in
            10000|30000) t="< $T_RSS_MB MB" v=$(verdict "$(rss_mb "$k")" "$T_RSS_MB" lt) ;;
            *) t="(at 10,000 and 30,000)" v="" ;;
        esac
        echo "| peak RSS, whole run | $N | $(rss_mb "$k") MB ($(rss_mib "$k") MiB)$note, $(get "$res" records) records | | | $t | $v |"
    done
    for N in 10000 30000; do
        case " $(echo $NS) " in
            *" $N "*) ;;
            *) echo "| peak RSS, whole run | $N | | | | < $T_RSS_MB MB | not measured (BENCH_N without $N) |" ;;
        esac
    done
}

# a markdown table, one row a cycle: table ROW-FUNCTION HEADER-LINE RULE-LINE
# (ROW-FUNCTION prints the row of cycle $N, results in $res)
table() {
    echo "$2"
    echo "$3"
    for N in $NS; do
        res=$ROOT/results/n$N.txt
        "$1"
    done
}
e2e_row() {
    k=$(get "$res" run_rss_kb)
    printf '| %s | %s / %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s |\n' "$N" \
        "$(get "$res" xml_files)" "$(get "$res" xlsx_files)" "$(get "$res" units)" \
        "$(get "$res" records)" "$(mb "$(get "$res" bytes)")" "$(fix "$(get "$res" run_wall_s)")" \
        "$(fix "$(get "$res" run_cpu_s)")" "$(div "$N" "$(get "$res" run_wall_s)" 1)" \
        "$(rss_mb "$k")" "$(rss_mib "$k")" "$(get "$res" run_status)"
}
# "WALL / CPU" of a comparison's side: wall_cpu KEY-PREFIX
wall_cpu() { echo "$(fix "$(get "$res" "$1_wall_s")") / $(fix "$(get "$res" "$1_cpu_s")")"; }
cmp_row() {
    echo "| $N | $(get "$res" xml_files) | $(mb "$(get "$res" xml_bytes)") | $(wall_cpu xml_anchor) |" \
         "$(wall_cpu xml_baocao) | $(get "$res" xlsx_cmp_files) | $(mb "$(get "$res" xlsx_cmp_bytes)") |" \
         "$(wall_cpu xlsx_anchor) | $(wall_cpu xlsx_baocao) |"
}

end_to_end() {
    echo "### End to end (\`baocao run\` on the whole cycle: 1/3 XML, 2/3 XLSX)"
    echo
    table e2e_row "| N | files (XML / XLSX) | units | records | MB | wall s | CPU s | subm./s (wall) | peak RSS MB (MiB) | status |" \
        "|--:|--|--:|--:|--:|--:|--:|--:|--:|--|"
    echo
    echo "The comparisons: XML on all the cycle's XML files (xmlvalid: tests/bench/xmlvalid.c, its loop;"
    echo "schema compiled once, not counted); XLSX on the first $XLSX_MAX workbooks at most:"
    echo
    table cmp_row "| N | XML files | MB | xmlvalid wall / CPU s | baocao wall / CPU s | workbooks | MB | openpyxl wall / CPU s | baocao wall / CPU s |" \
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    echo
    echo "Sample cycles (\`baocao run --input input\`, $(get "$sres" run_files) files," \
         "$(mb "$(get "$sres" run_bytes)") MB, the real plan): wall $(fix "$(get "$sres" run_wall_s)") s," \
         "CPU $(fix "$(get "$sres" run_cpu_s)") s, peak RSS $(rss_mb "$(get "$sres" run_rss_kb)") MB;" \
         "stages ms: setup $(r0 "$(get "$sres" ms_setup)"), ingest $(r0 "$(get "$sres" ms_ingest)")" \
         "(XLSX $(r0 "$(get "$sres" ms_ingest.xlsx)")), validate $(r0 "$(get "$sres" ms_validate)") (threads summed)," \
         "files $(r0 "$(get "$sres" ms_files)") (wall), aggregate $(r0 "$(get "$sres" ms_aggregate)")," \
         "aggregate.check $(r0 "$(get "$sres" ms_aggregate.check)"), render bao-cao $(r0 "$(get "$sres" ms_render.bao-cao)")" \
         "/ kiem-tra $(r0 "$(get "$sres" ms_render.kiem-tra)") / xlsx $(r0 "$(get "$sres" ms_render.xlsx)")," \
         "write $(r0 "$(get "$sres" ms_write)"), total $(r0 "$(get "$sres" ms_total)")."
}

# the two lines heading a table with columns for each cycle:
# per_n_header FIRST GROUP-FORMAT GROUP-RULE [LAST LAST-RULE]
per_n_header() {
    printf '| %s |' "$1"
    for N in $NS; do printf " $2" "$N"; done
    printf '%s\n|---|' "${4:+ $4 |}"
    for N in $NS; do printf -- "$3"; done
    printf -- '%s\n' "${5:-}"
}

stages() {
    echo "### Stages (\`baocao run --timings\`, whole cycle; MB/s of input files)"
    echo
    echo "ingest and validate add up the times of the $CORES worker threads; files is the wall time of"
    echo "the loop over the files (both, on the threads, and adding each file to the aggregate)."
    echo
    per_n_header stage 'N=%s ms | MB/s | subm./s |' '--:|--:|--:|'
    for s in $STAGES; do
        [ "$s" = render ] || [ "$s" = findings ] && continue
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
                printf ' - | | |'
            else
                case $s in
                    setup|aggregate.check|aggregate.build|render.*|write*) printf ' %.0f | | |' "$ms" ;;
                    *) printf ' %.0f | %s | %s |' "$ms" "$(mbps "$b" "$(div "$ms" 1000 6)")" "$(per_s "$c" "$ms" 0)" ;;
                esac
            fi
        done
        echo
    done
    echo
    echo "Peak RSS (MiB) when each stage ended (the maxrss_kb of its --timings line):"
    echo
    per_n_header after 'N=%s |' '--:|' sample '--:|'
    for s in setup validate aggregate aggregate.check render.bao-cao render.kiem-tra render.xlsx total; do
        printf '| %s |' "$s"
        for f in $(for N in $NS; do echo "$ROOT/results/n$N.txt"; done) "$sres"; do
            printf ' %s |' "$(rss_mib "$(get "$f" "rss_$s")")"
        done
        echo
    done
}

{ header; echo; targets; echo; end_to_end; echo; stages; } >"$ROOT/results/report.md"
cat "$ROOT/results/report.md"

if [ "$DOC" != - ]; then
    begin='<!-- bench results: begin (written by tools/bench.sh; do not edit by hand) -->'
    end='<!-- bench results: end -->'
    if [ -f "$DOC" ] && grep -qF "$begin" "$DOC"; then
        awk -v b="$begin" -v e="$end" -v f="$ROOT/results/report.md" '
            $0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
            $0 == e { skip = 0 }
            !skip { print }' "$DOC" >"$DOC.tmp"
    else
        { [ -f "$DOC" ] && cat "$DOC"; echo; echo "$begin"; cat "$ROOT/results/report.md"; echo "$end"; } >"$DOC.tmp"
    fi
    mv "$DOC.tmp" "$DOC"
    echo "bench: results written to $DOC" >&2
fi
