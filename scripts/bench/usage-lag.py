#!/usr/bin/env python3
"""How long after a tokenguard answer its usage shows on /api/v1/usage/<user>, over N new users.

Usage: python3 scripts/bench/usage-lag.py PORT [N]   (against a running instance)
"""
import http.client, json, sys, time, uuid
port = int(sys.argv[1]); n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
conn = http.client.HTTPConnection("127.0.0.1", port)
lags = []
for i in range(n):
    user = "lag-" + uuid.uuid4().hex[:8]
    body = json.dumps({"service_type": "tokenguard", "payload": {"text": "usage lag probe %d" % i}, "user_id": user})
    conn.request("POST", "/api/v1/guards/process", body, {"Content-Type": "application/json"}); conn.getresponse().read()
    t0 = time.perf_counter()
    while True:
        conn.request("GET", "/api/v1/usage/" + user); r = conn.getresponse(); r.read()
        if r.status == 200: break
        time.sleep(0.005)
    lags.append((time.perf_counter() - t0) * 1000)
    time.sleep(0.05)
lags.sort()
print("usage visible after: p50 %.0f ms, max %.0f ms over %d users" % (lags[len(lags)//2], lags[-1], n))
