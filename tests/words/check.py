#!/usr/bin/env python3
"""tests/words/check.py - no C file holds a word the reports print (issue 12).

Every word a report prints lives in the templates (templates/xslt/*.xsl)
or in the plan data (templates/plan/*.xml); C emits codes.  This test
collects the report vocabulary - the words the templates print for a
code (the text of every xsl:when and xsl:otherwise that holds a
Vietnamese letter: status, type, severity and assessment words) and the
plan's names of kinds, targets and tasks - and every string literal of
src/*.c and src/*.h (comments removed), and fails on a literal that is
one of those words.  Findings' messages and the form's labels
(src/fields.c) are not report vocabulary: they are the diagnostics the
program writes and the submission form's own words.

ALLOW lists the few literals that are not a report's word though they
spell one, each with its reason.

Usage: check.py [ROOT]   (exit 0: clean; 1: the literals found, one a line)
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

ALLOW = {
    # diag.c: the severity words of the terminal's finding lines
    # ("FILE:PLACE: lỗi: ..."), which the program prints, not a report
    ("diag.c", "lỗi"), ("diag.c", "cảnh báo"), ("diag.c", "ghi chú"),
    # form.c: the author in the blank form's document properties (the
    # submission form is not a report)
    ("form.c", "Sở Khoa học và Công nghệ"),
    # the yes a clerk types, written in the form and read back from it
    ("form.c", "có"), ("ingest_xlsx.c", "có"),
}

VIET = re.compile(r"[^\x00-\x7f]")


def template_words(root):
    words = set()
    xslt = os.path.join(root, "templates", "xslt")
    for name in sorted(os.listdir(xslt)):
        if not name.endswith(".xsl"):
            continue
        for el in ET.parse(os.path.join(xslt, name)).iter():
            if el.tag.split("}")[-1] not in ("when", "otherwise"):
                continue
            t = " ".join((el.text or "").split())
            if len(t) > 1 and VIET.search(t):
                words.add(t)
    plan = os.path.join(root, "templates", "plan", "de-an-2030.xml")
    for el in ET.parse(plan).iter():
        tag = el.tag.split("}")[-1]
        if tag in ("kind", "target", "task"):
            n = " ".join((el.get("name") or "").split())
            if n and VIET.search(n):
                words.add(n)
    return words


def c_literals(text):
    """The string literals of C source text, comments skipped."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif c == "'":
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
        elif c == '"':
            j, buf = i + 1, []
            while j < n and text[j] != '"':
                if text[j] == "\\":
                    buf.append(text[j:j + 2])
                    j += 2
                else:
                    buf.append(text[j])
                    j += 1
            out.append("".join(buf))
            i = j + 1
        else:
            i += 1
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    words = template_words(root)
    # the vocabulary is read, not empty: words the reports must have
    for w in ("chậm tiến độ", "đã nộp, hợp lệ", "được cấp văn bằng", "tệp bị từ chối"):
        if w not in words:
            print("words: «%s» not found in the templates; is ROOT right?" % w)
            return 1
    src = os.path.join(root, "src")
    bad = []
    for name in sorted(os.listdir(src)):
        if not name.endswith((".c", ".h")):
            continue
        with open(os.path.join(src, name), encoding="utf-8") as f:
            lits = c_literals(f.read())
        for lit in lits:
            t = " ".join(lit.split())
            if (name, t) in ALLOW:
                continue
            if t in words:
                bad.append("%s: «%s» is a report word (templates/)" % (name, t))
    for b in bad:
        print("words: " + b)
    print("words: %d report words, %d C files checked, %d found"
          % (len(words), len([n for n in os.listdir(src) if n.endswith((".c", ".h"))]), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
