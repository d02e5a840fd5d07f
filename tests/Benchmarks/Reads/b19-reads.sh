#!/usr/bin/env bash
# Issue 19, read rows: on a generated 100-plugin x 100-source repository (10,100 files, 10 entities per catalog =
# 100,000 entities), the Release build of the service is driven by wrk (8 connections) in alternating rounds:
#   baseline  GET /plugins/plugin-050/sources/s050     (one source)
#   list      GET /plugins                              (goal >= 0.5x baseline req/s)
#   sources   GET /plugins/plugin-050/sources           (goal >= 0.7x baseline req/s in every round)
# then GET /search p50 (goal <= 300 ms) and, in process on the same repository, the search index against a linear scan.
# usage: [B19_DLL=<GitOps.WebhookApi.dll>] [B19_PORT=<port>] tests/Benchmarks/Reads/b19-reads.sh [duration=10s] [rounds=3]
# B19_DLL picks the build to measure (e.g. one of the commit before the change, for the "before" figures).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(cd "$here/../../.." && pwd)"
duration="${1:-10s}"; rounds="${2:-3}"; connections=8
dll="${B19_DLL:-$root/src/WebhookApi/bin/Release/net10.0/GitOps.WebhookApi.dll}"
data="$(mktemp -d)"; port="${B19_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
url="http://127.0.0.1:$port"
python3 "$here/make-repo.py" "$data/seed" 100 100 10
started=$(date +%s.%N)
(cd "$data" && GitOps__Repository__Path="$data/.gitops" GitOps__Repository__Seed="$data/seed" Serilog__MinimumLevel__Default=Warning \
  exec dotnet "$dll" --urls "$url" >"$data/log" 2>&1) &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 600); do curl -sf "$url/readyz" >/dev/null && break; sleep 0.2; done
export TOKEN="$(cat "$data/.gitops/admin.token")"
# The last source of the last plugin loaded: every entity is in the plugin host.
for _ in $(seq 1 600); do
  curl -sf -H "Authorization: Bearer $TOKEN" "$url/api/v1/plugins/plugin-099/sources/s099" | grep -q '"state":"Ready"' && break; sleep 0.2
done
echo "service ready with 100,000 entities after $(python3 -c "import time; print(round(time.time() - $started, 1))") s"

baseline="$url/api/v1/plugins/plugin-050/sources/s050"; list="$url/api/v1/plugins"; sources="$url/api/v1/plugins/plugin-050/sources"
# req/s, and the service's own CPU time per request (utime + stime from /proc over the side, divided by the requests wrk
# completed): on a loaded machine req/s swing with the neighbours' load, the CPU cost per request much less (as in b15.sh).
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$service/stat"; }
rps() {
  local before after out
  before=$(cpu); out=$(wrk -t2 -c"$connections" -d"$1" -s "$here/get.lua" "$2"); after=$(cpu)
  python3 -c "import sys; out=sys.argv[1]; r=float([l.split()[1] for l in out.splitlines() if l.startswith('Requests/sec')][0]); n=int([l.split()[0] for l in out.splitlines() if 'requests in' in l][0]); print(r, round(($after-$before)/$ticks*1e6/n))" "$out"
}
for target in "$baseline" "$list" "$sources"; do rps 5s "$target" >/dev/null; done # warm-up (JIT tiering)
rows=()
for round in $(seq 1 "$rounds"); do
  read -r b bc <<<"$(rps "$duration" "$baseline")"; read -r l lc <<<"$(rps "$duration" "$list")"; read -r s sc <<<"$(rps "$duration" "$sources")"
  printf 'round %s: one source %.0f req/s (%s µs CPU/request), GET /plugins %.0f req/s (%.2fx; %s µs), GET /plugins/{p}/sources %.0f req/s (%.2fx; %s µs)\n' \
    "$round" "$b" "$bc" "$l" "$(python3 -c "print($l/$b)")" "$lc" "$s" "$(python3 -c "print($s/$b)")" "$sc"
  rows+=("($b,$l,$s)")
done
python3 - "$(IFS=,; echo "${rows[*]}")" <<'PY'
import sys
rows = eval("[" + sys.argv[1] + "]")
lr = [l / b for b, l, s in rows]; sr = [s / b for b, l, s in rows]
print(f"GET /plugins / one source: {min(lr):.2f}-{max(lr):.2f}x (goal >= 0.5: {'met' if min(lr) >= 0.5 else 'NOT met'}); "
      f"GET /plugins/{{p}}/sources / one source: {min(sr):.2f}-{max(sr):.2f}x (goal >= 0.7 in every round: {'met' if min(sr) >= 0.7 else 'NOT met'})")
PY

if curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$url/api/v1/search?q=s042" | grep -q 200; then
  # Selective (100 matches across every plugin), broad (first page of 100,000), and a miss (every plugin's index looked at).
  for q in "s042%20m7" "model" "nothing%20here"; do
    wrk -t2 -c"$connections" -d5s -s "$here/get.lua" "$url/api/v1/search?q=$q" >/dev/null # warm-up and index build
    wrk -t2 -c"$connections" -d"$duration" --latency -s "$here/get.lua" "$url/api/v1/search?q=$q" \
      | awk -v q="$q" '/^Requests\/sec/ {r=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {printf "GET /search?q=%s: p50 %s, p99 %s, %s req/s (goal p50 <= 300ms)\n", q, p50, p99, r}'
  done
  kill $service; wait $service 2>/dev/null || true
  dotnet "$root/tests/Benchmarks/bin/Release/net10.0/GitOps.Benchmarks.dll" --b19-search "$data/seed"
else
  echo "GET /search: not in this build"
fi
