#!/bin/sh
# run-unit.sh BUILD TEST... - runs each cmocka program; fails if any fails.
# Tests run from the repository root so they find templates/.
set -u
build=$1; shift
failed=0
for t in "$@"; do
  if ! "$t"; then
    echo "FAILED: $t" >&2
    failed=1
  fi
done
exit $failed
