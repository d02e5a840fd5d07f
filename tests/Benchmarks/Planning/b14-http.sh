#!/usr/bin/env bash
# B14 at the API, as a user calls it: on the 10,000-file repository (100 plugins x 100 files, make-repo.py), the Release
# service on loopback; a draft `b14` points plugin-050's source `main` at another catalog. Then, in rounds, one wrk
# connection at a time for B14_SECONDS each: the dry run of that changed source (POST …/sources/main:test with the same
# change as a merge patch), the saved draft's plan (GET /drafts/b14/plan) and the plan of an unsaved edit of the same
# file (POST /plan, a new source name every request). Prints each p50 and the ratios to the dry run of the same round.
# usage: [B14_PORT=5189] [B14_SECONDS=10] [B14_ROUNDS=3] tests/Benchmarks/Planning/b14-http.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(cd "$here/../../.." && pwd)"
dll="$root/src/WebhookApi/bin/Release/net10.0/GitOps.WebhookApi.dll"
port="${B14_PORT:-5189}"; url="http://127.0.0.1:$port"; seconds="${B14_SECONDS:-10}"; rounds="${B14_ROUNDS:-3}"
data="${B14_DATA:-/tmp/gitops-b14}"
[ -f "$dll" ] || { echo "build first: dotnet build src/WebhookApi -c Release" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
if curl -s -o /dev/null "$url/readyz"; then echo "port $port is in use: set B14_PORT" >&2; exit 1; fi
service=""
trap '[ -n "$service" ] && kill "$service" 2>/dev/null; wait 2>/dev/null || true' EXIT

repo="$(python3 "$root/tests/Benchmarks/Scale/make-repo.py" 100 100)"
rm -rf "$data"; mkdir -p "$data/.gitops"; cp -r "$repo" "$data/.gitops/repo.git"
(cd "$data" && GitOps__Repository__Path="$data/.gitops" Serilog__MinimumLevel__Default=Warning exec dotnet "$dll" --urls "$url" >>"$data/log" 2>&1) &
service=$!
until curl -sf "$url/readyz" >/dev/null 2>&1; do
  kill -0 "$service" 2>/dev/null || { tail -20 "$data/log" >&2; exit 1; }; sleep 0.1
done
export TOKEN; TOKEN="$(cat "$data/.gitops/admin.token")"
auth=(-H "Authorization: Bearer $TOKEN")
curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d '{"title":"B14","name":"b14"}' "$url/api/v1/drafts" >/dev/null
curl -sf "${auth[@]}" -X PATCH -H 'If-Match: *' -H 'Content-Type: application/merge-patch+json' \
  -d '{"properties":{"yamlCatalogPath":"catalog-002.yaml"}}' "$url/api/v1/plugins/plugin-050/sources/main?draft=b14" >/dev/null
curl -sf "${auth[@]}" "$url/api/v1/drafts/b14/plan" | python3 -c '
import json, sys
plan = json.load(sys.stdin)
assert plan["valid"] and [p["plugin"] for p in plan["plugins"]] == ["plugin-050"], plan
print("draft b14 plans one plugin:", plan["plugins"][0]["plugin"])'

run() { MODE="$1" wrk -t1 -c1 -d"${seconds}s" -s "$here/b14.lua" "$url" | sed -n 's/^RESULT //p'; }
for mode in dry draft edit; do run "$mode" >/dev/null; done # warm-up
for r in $(seq 1 "$rounds"); do
  dry="$(run dry)"; draft="$(run draft)"; edit="$(run edit)"
  echo "round $r: $dry"; echo "round $r: $draft"; echo "round $r: $edit"
  python3 - "$dry" "$draft" "$edit" <<'PY'
import re, sys
p50 = [int(re.search(r"p50us=(\d+)", s).group(1)) for s in sys.argv[1:]]
errors = [int(re.search(r"errors=(\d+)", s).group(1)) for s in sys.argv[1:]]
assert not any(errors), f"non-200 answers: {errors}"
print(f"  p50: dry run {p50[0]/1000:.2f} ms, draft plan {p50[1]/1000:.2f} ms ({p50[1]/p50[0]:.2f}x), "
      f"unsaved edit plan {p50[2]/1000:.2f} ms ({p50[2]/p50[0]:.2f}x)")
PY
done
