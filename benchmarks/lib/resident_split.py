#!/usr/bin/env python3
"""Resident memory of a JVM split by what holds it: PID HEAP_INFO CODECACHE (files with the output of
`jcmd PID GC.heap_info` and `jcmd PID Compiler.codecache`). Prints "heap archive code other" in MiB,
from /proc/PID/smaps: the heap's and the code cache's address ranges as the JVM reports them, the
class-data archive as the mappings of its file (.aot or .jsa), and everything else (thread stacks,
metaspace, malloc, the JVM's own libraries and the jars' mappings)."""
import re
import sys

pid, heap_info, codecache = sys.argv[1:4]


def ranges(path, pattern):
    found = []
    for line in open(path):
        for match in re.finditer(pattern, line):
            addresses = [int(a, 16) for a in re.findall(r"0x[0-9a-f]+", match.group(0))]
            found.append((min(addresses), max(addresses)))
    return found


heap = ranges(heap_info, r"\[0x[0-9a-f]+, 0x[0-9a-f]+, 0x[0-9a-f]+\)")
heap = [(min(r[0] for r in heap), max(r[1] for r in heap))] if heap else []
code = ranges(codecache, r"bounds \[0x[0-9a-f]+, 0x[0-9a-f]+, 0x[0-9a-f]+\]")
split = {"heap": 0, "archive": 0, "code": 0, "other": 0}
current = None
for line in open(f"/proc/{pid}/smaps"):
    head = re.match(r"^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$", line)
    if head:
        start, path = int(head.group(1), 16), head.group(3)
        if path.endswith((".aot", ".jsa")):
            current = "archive"
        elif any(lo <= start < hi for lo, hi in heap):
            current = "heap"
        elif any(lo <= start < hi for lo, hi in code):
            current = "code"
        else:
            current = "other"
    elif line.startswith("Rss:"):
        split[current] += int(line.split()[1])
print(" ".join(f"{split[k] / 1024:.0f}" for k in ("heap", "archive", "code", "other")))
