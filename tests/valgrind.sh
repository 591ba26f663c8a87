#!/bin/sh
# valgrind.sh BIN BUILD [--no-e2e] [UNIT-PROGRAM...] - make valgrind: the
# end-to-end suite (tests/e2e/run.sh) with every run of BIN under
# valgrind's memcheck, then each unit program given under memcheck too.
#
# The e2e suite compares stderr byte for byte, so valgrind writes to log
# files only: BIN is replaced by a wrapper script that runs
#   valgrind --tool=memcheck --leak-check=full
#            --errors-for-leak-kinds=definite,indirect --error-exitcode=99
#            --suppressions=tests/valgrind.supp --log-file=LOG BIN ARGS
# (a memory error or a definite/indirect leak then also changes the exit
# status, which the suite reports).  Afterwards every log is read: the run
# fails when one reports an error or a definitely or indirectly lost
# byte, and the offending logs are shown.  Logs: BUILD/valgrind/e2e/ and
# BUILD/valgrind/unit/ (one per process).  Suppressions are only for
# documented library leaks: tests/valgrind.supp.
set -u
ROOT=$(pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
build=$(cd "$2" && pwd)
shift 2
e2e=1
if [ "${1:-}" = "--no-e2e" ]; then
  e2e=0
  shift
fi
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind: not installed (apt-get install valgrind)" >&2
  exit 2
fi
logs="$build/valgrind"
rm -rf "$logs"
mkdir -p "$logs/e2e" "$logs/unit" "$logs/bin"
VG="valgrind --tool=memcheck --leak-check=full \
--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
--suppressions=$ROOT/tests/valgrind.supp --num-callers=30"
failed=0

if [ "$e2e" = 1 ]; then
  # the wrapper stands for the binary; the real one keeps its own path
  # (argv[0]) so that messages naming it do not change
  wrap="$logs/bin/baocao"
  cat >"$wrap" <<EOF
#!/bin/sh
exec $VG --log-file="$logs/e2e/baocao.%p.log" "$bin" "\$@"
EOF
  chmod +x "$wrap"
  echo "valgrind: e2e suite with $bin under memcheck (slow)"
  if ! sh tests/e2e/run.sh "$wrap" "$build"; then
    echo "valgrind: the e2e suite failed under valgrind" >&2
    failed=1
  fi
fi

for t in "$@"; do
  name=$(basename "$t")
  echo "valgrind: $name"
  if ! $VG --log-file="$logs/unit/$name.%p.log" "$t" >"$logs/unit/$name.out" 2>&1; then
    echo "valgrind: $name failed (exit status or memcheck); see $logs/unit/$name.out" >&2
    failed=1
  fi
done

# every log: no error, nothing definitely or indirectly lost
n=0 bad=0
for f in "$logs"/e2e/*.log "$logs"/unit/*.log; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  if grep -Eq 'ERROR SUMMARY: [1-9]|definitely lost: [1-9]|indirectly lost: [1-9]' "$f"; then
    bad=$((bad + 1))
    echo "valgrind: $f:" >&2
    grep -E '^==[0-9]+== ' "$f" | sed -n '1,60p' >&2
  fi
done
echo "valgrind: $n processes checked, $bad with memory errors or leaks"
[ "$n" -gt 0 ] || failed=1
[ "$bad" -eq 0 ] || failed=1
exit $failed
