#!/bin/sh
# wine-baocao.sh - runs the Windows build's baocao.exe under Wine with the
# arguments given, for tests/e2e/run.sh (BIN) in tests/windows/run.sh.
exec "$BC_WINE" "$BC_WIN_EXE" "$@"
