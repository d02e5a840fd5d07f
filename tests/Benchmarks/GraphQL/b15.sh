#!/usr/bin/env bash
# B15: GraphQL query for one source with status vs the REST GET of the same source, in req/s, one run, same load tool (wrk).
# Starts the Release build of the service on a free loopback port with a fresh data dir (embedded default, no Kubernetes).
# usage: tests/Benchmarks/GraphQL/b15.sh [duration, default 20s] [connections, default 16]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
duration="${1:-20s}"; connections="${2:-16}"
data="$(mktemp -d)"; port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"
(cd "$data" && GitOps__Repository__Path="$data/.gitops" GitOps__Repository__Seed="$root/examples/repo" Serilog__MinimumLevel__Default=Warning \
  exec dotnet "$root/src/WebhookApi/bin/Release/net10.0/GitOps.WebhookApi.dll" --urls "$url" >"$data/log" 2>&1) &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -sf "$url/readyz" >/dev/null && break; sleep 0.2; done
export TOKEN="$(cat "$data/.gitops/admin.token")"
rest="$url/api/v1/plugins/models/sources/organization_ai_models"

# Warm both paths (JIT, caches) before measuring.
wrk -t2 -c"$connections" -d5s -H "Authorization: Bearer $TOKEN" "$rest" >/dev/null
wrk -t2 -c"$connections" -d5s -s "$(dirname "$0")/source-query.lua" "$url/graphql" >/dev/null

rest_rps=$(wrk -t2 -c"$connections" -d"$duration" -H "Authorization: Bearer $TOKEN" "$rest" | tee /dev/stderr | awk '/Requests\/sec/ {print $2}')
graph_rps=$(wrk -t2 -c"$connections" -d"$duration" -s "$(dirname "$0")/source-query.lua" "$url/graphql" | tee /dev/stderr | awk '/Requests\/sec/ {print $2}')
python3 -c "r=$rest_rps; g=$graph_rps; print(f'REST {r:.0f} req/s, GraphQL {g:.0f} req/s, REST/GraphQL = {r/g:.2f} (goal <= 1.50): {\"met\" if r/g <= 1.5 else \"NOT met\"}')"
