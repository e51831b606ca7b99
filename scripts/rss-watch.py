#!/usr/bin/env python3
"""Resident memory of a running JVM, read from outside every few seconds, split by where it lives.

    scripts/rss-watch.py PID [INTERVAL_S]

Prints one line per reading: seconds since the first, VmRSS, and from /proc/PID/smaps the
resident part of the Java heap's mapping (its address range from `jcmd PID GC.heap_info`), of
other anonymous memory (C allocator arenas, thread stacks, the JVM's own native memory, libtorch
tensors) and of files (libraries, jars). Stops when the process ends. Used for the 1 MB text
measurements in docs/ssml.md ("Memory of a 1 MB text").
"""
import re
import subprocess
import sys
import time


def heap_range(pid):
    try:
        out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r"\[(0x[0-9a-f]+), (0x[0-9a-f]+)\)", out)
    return (int(m.group(1), 16), int(m.group(2), 16)) if m else None


def reading(pid, heap):
    vmrss = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                vmrss = int(line.split()[1])
    in_heap = anon = files = 0
    start = end = 0
    path = ""
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            first = line.split(None, 1)[0]
            if "-" in first and not first.endswith(":"):
                a, b = first.split("-")
                start, end = int(a, 16), int(b, 16)
                fields = line.split()
                path = fields[5] if len(fields) > 5 else ""
            elif first == "Rss:":
                kb = int(line.split()[1])
                if heap and heap[0] <= start and end <= heap[1]:
                    in_heap += kb
                elif path.startswith("/"):
                    files += kb
                else:
                    anon += kb
    return vmrss, in_heap, anon, files


def main():
    pid = int(sys.argv[1])
    interval = float(sys.argv[2]) if len(sys.argv) > 2 else 5
    heap = heap_range(pid)
    print(f"# pid {pid}, java heap mapping {heap and [hex(x) for x in heap]}", flush=True)
    print("# seconds  vmrss_mb  heap_rss_mb  other_anon_mb  files_mb", flush=True)
    t0 = time.time()
    while True:
        try:
            r = reading(pid, heap)
        except (FileNotFoundError, ProcessLookupError):
            break
        print(f"{time.time() - t0:9.1f} {r[0] / 1024:9.1f} {r[1] / 1024:12.1f} {r[2] / 1024:14.1f} {r[3] / 1024:9.1f}",
              flush=True)
        time.sleep(interval)


if __name__ == "__main__":
    main()
