#!/bin/sh
# run.sh NAME SECONDS MAXLEN BUILD [LIBFUZZER-FLAG...] - runs the fuzzer
# BUILD/fuzz_NAME for SECONDS (make fuzz-NAME; see tests/fuzz/fuzz.mk).
#
# The working corpus is BUILD/corpus/NAME/: the committed seeds
# (tests/fuzz/corpus/NAME/) and regressions (tests/fuzz/regressions/NAME/)
# are copied into it first and never written to; what the fuzzer adds stays
# there for the next run.  tests/fuzz/NAME.dict, when present, is the
# fuzzer's dictionary.  Crashes, leaks, timeouts and out-of-memory
# inputs are saved as BUILD/crashes/NAME-crash-*, -leak-*, -timeout-*,
# -oom-*; the run's output is BUILD/logs/NAME.log (its last lines are
# printed).  Exits 1 when the run found anything.
set -u
name=$1 seconds=$2 maxlen=$3 build=$4
shift 4
bin="$build/fuzz_$name"
work="$build/corpus/$name"
crashes="$build/crashes"
logs="$build/logs"
# fuzz_xls writes each input to a temporary file, removed at exit; a
# crashing run leaves it here rather than in /tmp
TMPDIR="$build/tmp"
export TMPDIR
mkdir -p "$work" "$crashes" "$logs" "$TMPDIR"
for d in "tests/fuzz/corpus/$name" "tests/fuzz/regressions/$name"; do
  [ -d "$d" ] || continue
  for f in "$d"/*; do
    [ -f "$f" ] && cp "$f" "$work/"
  done
done
before=$(ls "$crashes" | grep -c "^$name-" || true)
# a dictionary of the format's tokens, when there is one
dict=""
[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
log="$logs/$name.log"
echo "fuzz $name: ${seconds}s, max_len $maxlen, corpus $work ($(ls "$work" | wc -l) files)"
# a crash stops libFuzzer at once; leaks are checked after every input
BAOCAO_ROOT=$(pwd) "$bin" -max_total_time="$seconds" -max_len="$maxlen" \
  -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$crashes/$name-" $dict "$@" "$work" >"$log" 2>&1
rc=$?
tail -n 14 "$log" | grep -E '^(#|Done|stat::|==|SUMMARY|artifact_prefix|Test unit written)' || true
after=$(ls "$crashes" | grep -c "^$name-" || true)
if [ "$rc" != 0 ] || [ "$after" != "$before" ]; then
  echo "fuzz $name: FOUND something (exit $rc); see $log and $crashes/" >&2
  exit 1
fi
echo "fuzz $name: clean"
