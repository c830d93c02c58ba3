#!/usr/bin/env python3
"""One keep-alive client sending sync calls one after another; prints the slowest with where their time went.

Usage: python3 scripts/bench/sequential-calls.py PORT [CALLS]
Each line: wall ms, timing.queue_ms (accepted -> worker start), timing.total_ms (accepted -> result), call no.
A slow call whose time is in queue_ms waited before a worker read it; one whose time is not waited after.
"""
import http.client
import json
import sys
import time

port = int(sys.argv[1])
calls = int(sys.argv[2]) if len(sys.argv) > 2 else 400
conn = http.client.HTTPConnection("127.0.0.1", port)
rows = []
for i in range(calls):
    body = json.dumps({"service_type": "tokenguard", "payload": {"text": "The quick brown fox %d." % i},
                       "user_id": "bench", "session_id": "s%d" % (i % 1024)})
    t0 = time.perf_counter()
    conn.request("POST", "/api/v1/guards/process", body, {"Content-Type": "application/json"})
    answer = json.loads(conn.getresponse().read())
    wall = (time.perf_counter() - t0) * 1000
    timing = answer.get("timing", {})
    rows.append((wall, timing.get("queue_ms", -1), timing.get("total_ms", -1), i))
rows.sort()
print("p50 %.1f ms, p99 %.1f ms over %d calls" % (rows[len(rows) // 2][0], rows[int(len(rows) * 0.99)][0], len(rows)))
print("slowest: wall_ms queue_ms total_ms call")
for r in rows[-10:]:
    print("%.1f %.1f %.1f %d" % r)
