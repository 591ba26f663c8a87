#!/usr/bin/python3
"""openpyxl_read.py - the openpyxl reference of the benchmark (tools/bench.sh).

    /usr/bin/python3 tests/bench/openpyxl_read.py FILE.xlsx...
    /usr/bin/python3 tests/bench/openpyxl_read.py --list LISTFILE

Opens every workbook with openpyxl in read-only mode and iterates every cell
of every sheet (values only), as a plain reader of the same workbooks would.
Prints one line: files, sheets, cells, non-empty cells, bytes, and the wall
and CPU time of the reading loop in seconds (interpreter start and imports
excluded), e.g.

    openpyxl files=67 sheets=469 cells=412345 values=23456 bytes=2238477 seconds=4.321 cpu_seconds=4.310

Debian: apt-get install python3-openpyxl (use /usr/bin/python3).
"""
import os
import sys
import time

import openpyxl


def main(argv):
    if len(argv) >= 2 and argv[0] == "--list":
        with open(argv[1], encoding="utf-8") as f:
            paths = [line.rstrip("\n") for line in f if line.strip()]
    else:
        paths = argv
    files = sheets = cells = values = size = 0
    t0 = time.perf_counter()
    c0 = time.process_time()
    for path in paths:
        size += os.path.getsize(path)
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            for ws in wb.worksheets:
                sheets += 1
                for row in ws.iter_rows(values_only=True):
                    for v in row:
                        cells += 1
                        if v is not None:
                            values += 1
        finally:
            wb.close()
        files += 1
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - c0
    print("openpyxl files=%d sheets=%d cells=%d values=%d bytes=%d seconds=%.3f cpu_seconds=%.3f"
          % (files, sheets, cells, values, size, seconds, cpu_seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
