#!/usr/bin/env python3
"""Issue 19 item 4: ROUNDS rounds of 8 writers PATCHing 8 different sources with the SAME If-Match (the ETag just read):
one wins (200), seven are refused (409). Prints the p50 latency of winners and losers and their ratio.
usage: losers.py <base-url> <token> [rounds=30]"""
import http.client, statistics, sys, threading, time, urllib.parse

base, token = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 30
u = urllib.parse.urlparse(base)
winners, losers, other = [], [], []
def etag():
    c = http.client.HTTPConnection(u.hostname, u.port)
    c.request("GET", "/api/v1/plugins/plugin-000/sources/s000", headers={"Authorization": f"Bearer {token}"})
    r = c.getresponse(); r.read(); c.close()
    return r.getheader("ETag")
for rnd in range(rounds):
    tag = etag()
    conns = [http.client.HTTPConnection(u.hostname, u.port) for _ in range(8)]
    for c in conns: c.connect()
    barrier = threading.Barrier(8)
    def writer(i):
        body = f'{{"name":"Source {i} loser round {rnd}"}}'
        headers = {"Authorization": f"Bearer {token}", "If-Match": tag, "Content-Type": "application/merge-patch+json"}
        barrier.wait()
        t0 = time.perf_counter()
        conns[i].request("PATCH", f"/api/v1/plugins/plugin-000/sources/s{i + 10:03d}", body=body, headers=headers)
        r = conns[i].getresponse(); r.read()
        ms = (time.perf_counter() - t0) * 1000
        (winners if r.status == 200 else losers if r.status == 409 else other).append(ms)
    ts = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
    for t in ts: t.start()
    for t in ts: t.join()
    for c in conns: c.close()
w, l = statistics.median(winners), statistics.median(losers)
print(f"LOSERS rounds={rounds} winners={len(winners)} losers={len(losers)} other={len(other)} "
      f"winner_p50_ms={w:.2f} loser_p50_ms={l:.2f} ratio={l / w:.3f}")
