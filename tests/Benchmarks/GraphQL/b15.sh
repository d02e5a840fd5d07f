#!/usr/bin/env bash
# B15: GraphQL query for one source with status vs the REST GET of the same source, in req/s, one run, same load tool (wrk).
# Starts the Release build of the service on a free loopback port with a fresh data dir (embedded default, no Kubernetes).
# usage: [B15_PORT=<port>] tests/Benchmarks/GraphQL/b15.sh [duration per round and side, default 10s] [connections, default 16] [rounds, default 3]
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

# Warm both paths (JIT, caches) before measuring.
wrk -t2 -c"$connections" -d5s -s "$(dirname "$0")/rest-query.lua" "$rest" >/dev/null
wrk -t2 -c"$connections" -d5s -s "$(dirname "$0")/source-query.lua" "$url/graphql" >/dev/null

# Alternating rounds (REST, GraphQL, REST, GraphQL, ...) so a change in the machine's load (other builds) hits both
# sides alike; each round gives a ratio, and the run's ratio is total REST requests over total GraphQL requests.
ratios=(); rest_total=0; graph_total=0
for round in $(seq 1 "$rounds"); do
  r=$(wrk -t2 -c"$connections" -d"$duration" -s "$(dirname "$0")/rest-query.lua" "$rest" | awk '/Requests\/sec/ {print $2}')
  g=$(wrk -t2 -c"$connections" -d"$duration" -s "$(dirname "$0")/source-query.lua" "$url/graphql" | awk '/Requests\/sec/ {print $2}')
  echo "round $round: REST $r req/s, GraphQL $g req/s, ratio $(python3 -c "print(f'{$r/$g:.2f}')")"
  ratios+=("$(python3 -c "print($r/$g)")"); rest_total=$(python3 -c "print($rest_total+$r)"); graph_total=$(python3 -c "print($graph_total+$g)")
done
python3 -c "r=$rest_total/$rounds; g=$graph_total/$rounds; rs=[$(IFS=,; echo "${ratios[*]}")]; print(f'REST {r:.0f} req/s, GraphQL {g:.0f} req/s (means of {len(rs)} rounds), REST/GraphQL = {r/g:.2f} (rounds {min(rs):.2f}-{max(rs):.2f}; goal <= 1.50): {\"met\" if r/g <= 1.5 else \"NOT met\"}')"
