#!/bin/sh
# run.sh BIN BUILD - end-to-end tests: run the binary on input folders and
# compare whole outputs and diagnostics with expected files.
#
# A case is a folder tests/e2e/<case>/ with:
#   cmd              the arguments, one line (run from a scratch copy of the case)
#   input/           the input tree (or a file `input-from` naming a folder of
#                    the repository to copy as input/, e.g. "input")
#   expected/exit    the exit status
#   expected/stderr  the exact diagnostics
#   expected/output/ files that must be produced, byte for byte
#   check            optional shell script run in the scratch folder afterwards
#                    (with $BIN, $ROOT and $BUILD set); must exit 0
# Every tong-hop-*.xml produced is also validated against aggregate.xsd.
#
# UPDATE=1 sh tests/e2e/run.sh BIN BUILD rewrites the expected files from
# the actual ones (review the diff before committing).
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
BUILD=$(cd "$2" && pwd)
ROOT=$(pwd)
export BIN BUILD ROOT
# templates are linked into each scratch folder so that messages name them
# by a relative path, the same on every machine
export BAOCAO_TEMPLATES=templates
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

for case in tests/e2e/*/; do
  case=${case%/}
  name=$(basename "$case")
  [ -f "$case/cmd" ] || continue
  # E2E_ONLY=NAME runs one case
  [ -z "${E2E_ONLY:-}" ] || [ "$name" = "$E2E_ONLY" ] || continue
  work="$tmp/$name"
  mkdir -p "$work"
  ln -s "$ROOT/templates" "$work/templates"
  [ -d "$case/input" ] && cp -R "$case/input" "$work/input"
  if [ -f "$case/input-from" ]; then
    cp -R "$ROOT/$(cat "$case/input-from")" "$work/input"
  fi
  args=$(cat "$case/cmd")
  ( cd "$work" && eval "\"\$BIN\" $args" >"$work/.stdout" 2>"$work/.stderr"; echo $? >"$work/.exit" )
  ok=1
  if [ "${UPDATE:-0}" = 1 ]; then
    mkdir -p "$case/expected"
    cp "$work/.exit" "$case/expected/exit"
    cp "$work/.stderr" "$case/expected/stderr"
    if [ -d "$case/expected/output" ]; then
      (cd "$case/expected/output" && find . -type f) | while read -r f; do
        cp "$work/output/$f" "$case/expected/output/$f"
      done
    fi
  fi
  if ! cmp -s "$case/expected/exit" "$work/.exit"; then
    echo "e2e $name: exit status $(cat "$work/.exit"), expected $(cat "$case/expected/exit")" >&2
    ok=0
  fi
  if ! cmp -s "$case/expected/stderr" "$work/.stderr"; then
    echo "e2e $name: diagnostics differ:" >&2
    diff -u "$case/expected/stderr" "$work/.stderr" | head -40 >&2
    ok=0
  fi
  if [ -d "$case/expected/output" ]; then
    for f in $(cd "$case/expected/output" && find . -type f | sort); do
      if ! cmp -s "$case/expected/output/$f" "$work/output/$f"; then
        echo "e2e $name: output $f differs:" >&2
        diff -u "$case/expected/output/$f" "$work/output/$f" 2>&1 | head -40 >&2
        ok=0
      fi
    done
  fi
  for f in $(cd "$work" && find . -name 'tong-hop-*.xml' | sort); do
    if ! xmllint --noout --schema "$ROOT/templates/schema/aggregate.xsd" "$work/$f" 2>"$work/.xsd"; then
      echo "e2e $name: $f does not match aggregate.xsd:" >&2
      head -5 "$work/.xsd" >&2
      ok=0
    fi
  done
  if [ -f "$case/check" ]; then
    if ! (cd "$work" && sh "$ROOT/$case/check") >"$work/.check" 2>&1; then
      echo "e2e $name: check failed:" >&2
      tail -20 "$work/.check" >&2
      ok=0
    fi
  fi
  if [ $ok = 1 ]; then
    pass=$((pass + 1))
    echo "e2e $name: ok"
  else
    fail=$((fail + 1))
    echo "e2e $name: FAILED" >&2
  fi
done
echo "e2e: $pass passed, $fail failed"
[ $fail = 0 ]
