#!/usr/bin/env python3
"""man2html.py - docs/baocao.1 as one HTML page (UTF-8), for the Windows zip.

    man2html.py docs/baocao.1 > baocao.html

groff -Thtml loses the Vietnamese letters (its html device is Latin-1), so
this reads the few man(7) requests the page uses: .TH .SH .SS .PP .P .LP
.TP .IP .br .nf/.fi .RS/.RE .B .I .BR .BI .IB .IR .RB .RI, and the escapes
\\fB \\fI \\fR \\fP \\- \\e \\(em \\& .  Anything else is kept as text.
"""
import html
import re
import sys

FONT = {"B": "b", "I": "i"}


def inline(text):
    """Escapes and \\f font changes of one line -> HTML."""
    out, stack = [], []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            n = text[i + 1]
            if n == "f" and i + 2 < len(text):
                f = text[i + 2]
                while stack:
                    out.append("</%s>" % stack.pop())
                if f in FONT:
                    out.append("<%s>" % FONT[f])
                    stack.append(FONT[f])
                i += 3
                continue
            if n == "(" and text[i + 2:i + 4] == "em":
                out.append("\u2014")
                i += 4
                continue
            if n in "-e":
                out.append("-" if n == "-" else "\\")
                i += 2
                continue
            if n == "&":
                i += 2
                continue
            out.append(html.escape(n))
            i += 2
            continue
        out.append(html.escape(c))
        i += 1
    while stack:
        out.append("</%s>" % stack.pop())
    return "".join(out)


def args(rest):
    """A request's arguments, double quotes grouping words."""
    return [a[1:-1] if a.startswith('"') else a
            for a in re.findall(r'"[^"]*"|\S+', rest)]


def alternate(req, rest):
    """.BR, .IR, ... : the arguments in two alternating fonts."""
    fonts = [FONT.get(f) for f in req]
    parts = []
    for k, a in enumerate(args(rest)):
        tag = fonts[k % 2]
        t = inline(a)
        parts.append("<%s>%s</%s>" % (tag, t, tag) if tag else t)
    return "".join(parts)


def main():
    lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
    title = "baocao(1)"
    body, para, pre = [], [], False
    in_dl = False

    def flush():
        nonlocal para
        if para:
            body.append("<p>%s</p>" % " ".join(para))
            para = []

    def close_dl():
        nonlocal in_dl
        if in_dl:
            body.append("</dl>")
            in_dl = False

    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line.startswith(".\\\"") or line.startswith("'\\\""):
            continue
        m = re.match(r"^\.(\S+)\s*(.*)$", line)
        if not m:
            if pre:
                body.append(inline(line))
            elif line.strip():
                para.append(inline(line))
            continue
        req, rest = m.group(1), m.group(2)
        if req == "TH":
            a = args(rest)
            title = "%s(%s)" % (a[0].lower(), a[1]) if len(a) > 1 else title
        elif req in ("SH", "SS"):
            flush()
            close_dl()
            tag = "h2" if req == "SH" else "h3"
            body.append("<%s>%s</%s>" % (tag, inline(" ".join(args(rest))), tag))
        elif req in ("PP", "P", "LP"):
            flush()
            close_dl()
        elif req in ("TP", "IP"):
            flush()
            if not in_dl:
                body.append("<dl>")
                in_dl = True
            if req == "TP":
                term = lines[i] if i < len(lines) else ""
                i += 1
                tm = re.match(r"^\.(B|I|BR|IR|RB|RI|BI|IB)\s*(.*)$", term)
                if tm and len(tm.group(1)) == 1:
                    t = "<%s>%s</%s>" % (FONT[tm.group(1)], inline(" ".join(args(tm.group(2)))), FONT[tm.group(1)])
                elif tm:
                    t = alternate(tm.group(1), tm.group(2))
                else:
                    t = inline(term)
            else:
                t = inline(" ".join(args(rest)[:1]))
            body.append("<dt>%s</dt><dd>" % t)
            # the definition runs to the next paragraph request
            dd = []
            while i < len(lines) and not re.match(r"^\.(TP|IP|PP|P|LP|SH|SS)\b", lines[i]):
                l = lines[i]
                i += 1
                mm = re.match(r"^\.(B|I)\s*(.*)$", l)
                if mm:
                    dd.append("<%s>%s</%s>" % (FONT[mm.group(1)], inline(" ".join(args(mm.group(2)))), FONT[mm.group(1)]))
                elif re.match(r"^\.(BR|IR|RB|RI|BI|IB)\b", l):
                    mm = re.match(r"^\.(\S+)\s*(.*)$", l)
                    dd.append(alternate(mm.group(1), mm.group(2)))
                elif l.startswith(".br"):
                    dd.append("<br>")
                elif l.startswith("."):
                    continue
                else:
                    dd.append(inline(l))
            body.append(" ".join(dd) + "</dd>")
        elif req == "br":
            para.append("<br>")
        elif req == "nf":
            flush()
            body.append("<pre>")
            pre = True
        elif req == "fi":
            body.append("</pre>")
            pre = False
        elif req in ("RS", "RE"):
            continue
        elif req in ("B", "I"):
            para.append("<%s>%s</%s>" % (FONT[req], inline(" ".join(args(rest))), FONT[req]))
        elif re.fullmatch(r"(BR|IR|RB|RI|BI|IB)", req):
            para.append(alternate(req, rest))
        else:
            para.append(inline(rest))
    flush()
    close_dl()
    sys.stdout.write(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>%s</title>\n<style>body{font-family:sans-serif;max-width:50em;"
        "margin:2em auto;line-height:1.4}dt{margin-top:.6em}pre{background:#f4f4f4;"
        "padding:.5em}</style>\n</head>\n<body>\n<h1>%s</h1>\n%s\n</body>\n</html>\n"
        % (html.escape(title), html.escape(title), "\n".join(body)))


if __name__ == "__main__":
    main()
