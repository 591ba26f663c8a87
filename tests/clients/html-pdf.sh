#!/bin/sh
# html-pdf.sh BIN BUILD - the HTML reports as a browser prints them.
# Runs BIN on the sample cycles (input/) into a scratch folder, prints
# bao-cao-<year>.html and kiem-tra-<year>.html to PDF with headless
# Chromium, and checks each PDF:
#
#   - more than one page, every page A4 (595 x 842 pt, either way round);
#   - its text (pdftotext) holds every heading of the HTML (the text of
#     h1-h6 and caption, taken from the HTML with xmllint, so the test
#     follows the templates) and a fixed list of must-haves (the national
#     heading, "Kính gửi", "Nơi nhận", "Phụ lục I", "Dữ liệu minh họa",
#     ...), compared with their diacritics, ignoring case (CSS prints some
#     headings upper-case) and line breaks (tests/clients/clients.c text);
#   - the signed report (bao-cao): its body, up to the page with
#     "Nơi nhận:", is at most 15 pages; its text holds no software
#     artefact: no finding code (DUP-APPNO, PLAN-PL1-...; the document
#     symbol "/BC-SKHCN" aside), no file path (input/..., *.xml, *.xlsx,
#     *.xls), no XML element name (<filed>), no English status word
#     (filed, granted, refused, accepted, rejected); the same for the
#     report of tests/e2e/communes-2026 (a report from each of the 65
#     communes);
#   - every glyph comes from the template's font stack ("Times New Roman",
#     "Liberation Serif"; pdffonts).  When no installed font of that stack
#     has the Vietnamese letters (fonts-liberation 1.x lacks U+1EA0-1EF9;
#     fonts-liberation2 has them), the browser falls back to another font
#     for those letters only: then this is a notice, not a failure.
#
# A program that is not installed is skipped with "bỏ qua: không có
# PROGRAM" and does not fail the test.  Each run is bounded by timeout.
set -u
BIN=$1 BUILD=$2
CLIENTS="$BUILD/tests/clients"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/html-pdf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
say() { echo "html-pdf: $*"; }
bad() { echo "html-pdf: $*" >&2; fail=1; }
ms() { date +%s%3N; }

browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
  say "bỏ qua: không có chromium"
  exit 0
fi
for p in pdftotext pdfinfo pdffonts xmllint; do
  if ! command -v "$p" >/dev/null 2>&1; then
    say "bỏ qua: không có $p"
    exit 0
  fi
done

"$BIN" run --input input --output "$tmp/out" >/dev/null 2>"$tmp/run.log"
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
  bad "baocao run failed (exit $rc):"
  tail -5 "$tmp/run.log" >&2
  exit 1
fi
year=$(ls "$tmp/out" | sort | tail -1)
dir=$(cd "$tmp/out/$year" && pwd)

# a font of the stack with the Vietnamese letters (U+1EC7 ệ) installed?
viet_font=0
if command -v fc-list >/dev/null 2>&1 &&
   fc-list ':charset=1ec7' family | grep -q -e 'Liberation Serif' -e 'Times New Roman'; then
  viet_font=1
fi

check() {  # NAME MUST-HAVE...
  name=$1; shift
  html="$dir/$name.html" pdf="$tmp/$name.pdf"
  t=$(ms)
  if ! timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
      --disable-background-networking --disable-component-update \
      --disable-sync --no-first-run --user-data-dir="$tmp/profile-$name" \
      --no-pdf-header-footer --print-to-pdf="$pdf" "file://$html" \
      >"$tmp/$name.log" 2>&1 || [ ! -s "$pdf" ]; then
    bad "$name: $browser --print-to-pdf failed or timed out:"
    grep -v -e dbus -e '^$' "$tmp/$name.log" | tail -5 >&2
    return
  fi
  took=$(( $(ms) - t ))

  pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  if [ -z "$pages" ] || [ "$pages" -le 1 ]; then
    bad "$name: the PDF has ${pages:-no} page(s), expected more than one"
  fi
  notA4=$(pdfinfo -f 1 -l "${pages:-1}" "$pdf" | awk '
    /^Page +[0-9]+ size:/ {
      w = $4 + 0; h = $6 + 0
      if (!((w > 594 && w < 596 && h > 841 && h < 843) ||
            (h > 594 && h < 596 && w > 841 && w < 843)))
        print "page " $2 ": " $4 " x " $6 " pt"
    }' | head -3)
  [ -n "$notA4" ] && bad "$name: pages not A4 (595 x 842 pt): $notA4"

  # the phrases: the HTML's headings, then the fixed must-haves
  xmllint --html --xpath \
    '//h1//text()|//h2//text()|//h3//text()|//h4//text()|//h5//text()|//h6//text()|//caption//text()' \
    "$html" 2>/dev/null |
    sed 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&amp;/\&/g' >"$tmp/$name.phrases"
  headings=$(grep -c '[^[:space:]]' "$tmp/$name.phrases")
  [ "$headings" -ge 3 ] || bad "$name: only $headings headings found in the HTML"
  for m in "$@"; do echo "$m"; done >>"$tmp/$name.phrases"
  pdftotext -enc UTF-8 "$pdf" "$tmp/$name.txt"
  if "$CLIENTS" text "$tmp/$name.txt" "$tmp/$name.phrases" >"$tmp/$name.text" 2>&1; then
    found=$(tail -1 "$tmp/$name.text" | sed 's/^text: [^:]*: //')
  else
    bad "$name: the PDF's text lacks what the HTML says:"
    sed "s|$tmp/||" "$tmp/$name.text" | head -20 >&2
    found="(failed)"
  fi

  # the fonts: LiberationSerif*/TimesNewRoman* only ("ABCDEF+" is the
  # subset tag; a Type 3 font has no name)
  others=$(pdffonts "$pdf" | awk 'NR > 2 {
      n = $1; sub(/^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\+/, "", n)
      if (n !~ /^(LiberationSerif|TimesNewRoman)/) print (n == "[none]" ? "Type 3" : n)
    }' | sort -u | tr "\n" " " | sed "s/ $//")
  if [ -n "$others" ]; then
    if [ $viet_font = 1 ]; then
      bad "$name: glyphs printed in fonts outside the stack: $others"
    else
      say "$name: notice: no Times New Roman / Liberation Serif with Vietnamese letters installed (fonts-liberation2); the browser used $others for them"
    fi
  fi
  say "$name.html -> PDF: $pages A4 pages, $found, $(( $(ms) - t )) ms ($took ms printing)"
}

check "bao-cao-$year" \
  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" \
  "BÁO CÁO" "Kính gửi" "Nơi nhận" "Phụ lục I" "Phụ lục II" "Phụ lục III" \
  "Phụ lục IV" "Dữ liệu minh họa"
# the signed report: body pages and software artefacts
signed() {  # [PDF [LABEL]]
  pdf=${1:-"$tmp/bao-cao-$year.pdf"}
  [ -s "$pdf" ] || return
  n=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  body=""
  p=1
  while [ "$p" -le "${n:-0}" ]; do
    if pdftotext -f "$p" -l "$p" -enc UTF-8 "$pdf" - | grep -q 'Nơi nhận:'; then body=$p; break; fi
    p=$((p + 1))
  done
  if [ -z "$body" ]; then
    bad "${2:-bao-cao-$year}: no page holds «Nơi nhận:»"
  elif [ "$body" -gt 15 ]; then
    bad "${2:-bao-cao-$year}: the body (up to «Nơi nhận:») prints on $body pages, more than 15"
  else
    say "${2:-bao-cao-$year}: body on $body A4 pages (at most 15), $n in all"
  fi
  pdftotext -enc UTF-8 "$pdf" - | tr '\n' ' ' | sed 's#/BC-[A-Z]*##g' >"$tmp/signed.txt"
  # a code: two capitals or more, a hyphen, more capitals or digits,
  # not part of a longer word (NQ-HĐND, T1-T3 are no codes)
  for re in '(?<![\p{L}\d/])[A-Z]{2,}[A-Z0-9]*-[A-Z0-9-]*[A-Z0-9](?![\p{L}\d])' 'input/' \
            '[\w-]\.xlsx?\b' '[\w-]\.xml\b' '<[a-z][a-z-]*>' \
            '\b(filed|granted|refused|accepted|rejected)\b'; do
    hit=$(LC_ALL=C.UTF-8 grep -o -P -e "$re" "$tmp/signed.txt" | sort -u | head -5 | tr '\n' ' ')
    [ -n "$hit" ] && bad "${2:-bao-cao-$year}: the signed report holds software artefacts ($re): $hit"
  done
}
signed
# a 2026 cycle with a report from each of the 65 communes: the body still
# fits (the communes that reported nothing are named together)
if "$BIN" run --input tests/e2e/communes-2026/input --output "$tmp/communes" \
     --year 2026 >/dev/null 2>"$tmp/communes.log" || [ $? -eq 1 ]; then
  if timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
      --disable-background-networking --disable-component-update \
      --disable-sync --no-first-run --user-data-dir="$tmp/profile-communes" \
      --no-pdf-header-footer --print-to-pdf="$tmp/communes.pdf" \
      "file://$(cd "$tmp/communes/2026" && pwd)/bao-cao-2026.html" >/dev/null 2>&1; then
    signed "$tmp/communes.pdf" "bao-cao-2026 (65 communes)"
  else
    bad "communes: $browser --print-to-pdf failed or timed out"
  fi
else
  bad "baocao run on tests/e2e/communes-2026 failed"
fi
check "kiem-tra-$year" \
  "KẾT QUẢ KIỂM TRA SỐ LIỆU BÁO CÁO NĂM $year" "Dữ liệu minh họa"

[ $fail = 0 ] && say ok || say FAILED
exit $fail
