#!/usr/bin/env bash
# B15: GraphQL query for one source with status vs the REST GET of the same source, in req/s, one run, same load tool (wrk).
# Starts the Release build of the service on a free loopback port with a fresh data dir (embedded default, no Kubernetes).
# usage: [B15_PORT=<port>] [B15_WARMUP=10s] tests/Benchmarks/GraphQL/b15.sh [duration per round and side, default 10s] [connections, default 16] [rounds, default 3]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
duration="${1:-10s}"; connections="${2:-16}"; rounds="${3:-3}"
data="$(mktemp -d)"; port="${B15_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
url="http://127.0.0.1:$port"
(cd "$data" && GitOps__Repository__Path="$data/.gitops" GitOps__Repository__Seed="$root/examples/repo" Serilog__MinimumLevel__Default=Warning \
  exec dotnet "$root/src/WebhookApi/bin/Release/net10.0/GitOps.WebhookApi.dll" --urls "$url" >"$data/log" 2>&1) &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -sf "$url/readyz" >/dev/null && break; sleep 0.2; done
export TOKEN="$(cat "$data/.gitops/admin.token")"
rest="$url/api/v1/plugins/models/sources/organization_ai_models"

# Warm both paths (JIT tiering, caches) before measuring; on a loaded machine tier-1 code arrives late, hence 10 s.
wrk -t2 -c"$connections" -d"${B15_WARMUP:-10s}" -s "$(dirname "$0")/rest-query.lua" "$rest" >/dev/null
wrk -t2 -c"$connections" -d"${B15_WARMUP:-10s}" -s "$(dirname "$0")/source-query.lua" "$url/graphql" >/dev/null

# Alternating rounds (REST, GraphQL, REST, GraphQL, ...) so a change in the machine's load (other builds) hits both
# sides alike. Each side gives req/s (the goal's measure) and the service's own CPU time per request (utime + stime of
# the service process from /proc over the round, divided by the requests wrk completed): on a loaded machine the
# req/s of one round swing with the neighbours' load, the CPU cost per request much less.
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$service/stat"; }
side() { # $1 = lua script, $2 = url; prints "req/s cpu-µs-per-request"
  local before after out
  before=$(cpu); out=$(wrk -t2 -c"$connections" -d"$duration" -s "$(dirname "$0")/$1" "$2"); after=$(cpu)
  python3 -c "import sys; out=sys.argv[1]; rps=float([l.split()[1] for l in out.splitlines() if l.startswith('Requests/sec')][0]); n=int([l.split()[0] for l in out.splitlines() if 'requests in' in l][0]); print(rps, ($after-$before)/$ticks*1e6/n)" "$out"
}
rounds_out=()
for round in $(seq 1 "$rounds"); do
  read -r r rc <<<"$(side rest-query.lua "$rest")"
  read -r g gc <<<"$(side source-query.lua "$url/graphql")"
  printf 'round %s: REST %.0f req/s (%.0f µs CPU/request), GraphQL %.0f req/s (%.0f µs CPU/request): req/s ratio %.2f, CPU ratio %.2f\n' \
    "$round" "$r" "$rc" "$g" "$gc" "$(python3 -c "print($r/$g)")" "$(python3 -c "print($gc/$rc)")"
  rounds_out+=("($r,$rc,$g,$gc)")
done
python3 - "$(IFS=,; echo "${rounds_out[*]}")" <<'PY'
import sys, statistics
rows = eval("[" + sys.argv[1] + "]")
r = statistics.mean(x[0] for x in rows); g = statistics.mean(x[2] for x in rows)
rc = statistics.mean(x[1] for x in rows); gc = statistics.mean(x[3] for x in rows)
ratios = [x[0] / x[2] for x in rows]
print(f"REST {r:.0f} req/s, GraphQL {g:.0f} req/s (means of {len(rows)} rounds): REST/GraphQL = {r/g:.2f} "
      f"(rounds {min(ratios):.2f}-{max(ratios):.2f}; goal <= 1.50: {'met' if r/g <= 1.5 else 'NOT met'}); "
      f"service CPU per request REST {rc:.0f} µs, GraphQL {gc:.0f} µs: GraphQL/REST = {gc/rc:.2f}")
PY
