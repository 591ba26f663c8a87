#!/bin/sh
# make-input.sh TSV DIR - one minimal valid submission for 2026 from each
# commune-level unit of the official list TSV (code, xa|phuong, name; a
# header line) into DIR/2026/<code>.xml.  The committed input/ of this case
# is its output for tests/fixtures/communes-2025.tsv; `check` remakes it
# to prove that.
set -eu
tsv=$1
out=$2/2026
mkdir -p "$out"
tail -n +2 "$tsv" | while IFS="$(printf '\t')" read -r code type name; do
  case $type in
    phuong) word="phường" ;;
    *) word="xã" ;;
  esac
  cat > "$out/$code.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!-- Báo cáo tối thiểu của UBND $word $name (kiểm thử: tests/e2e/communes-2026) -->
<submission format="1" unit="$code" year="2026" date="2026-12-01" illustrative="true">
  <contact>
    <name>Cán bộ UBND $word $name</name>
  </contact>
</submission>
XML
done
