#!/usr/bin/env bash
# B16: GET of one source with a JWT from a real OpenID provider (npm oidc-provider) vs the same GET with a static token,
# in req/s, one run, same load tool (wrk). The JWKS is fetched once and cached: no network per request.
# Starts the provider and the Release build of the service on free loopback ports with a fresh data dir.
# usage: [ROUNDS=3] tests/Benchmarks/Auth/b16.sh [duration per round, default 10s] [connections, default 16]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
duration="${1:-10s}"; connections="${2:-16}"
npm_cache="${XDG_CACHE_HOME:-$HOME/.cache}/gitops-npm/oidc"
mkdir -p "$npm_cache" && cp "$root"/tests/WebhookApi.Tests/Auth/node/{package.json,provider.mjs} "$npm_cache/"
[ -f "$npm_cache/node_modules/oidc-provider/package.json" ] || npm install --no-audit --no-fund --prefix "$npm_cache" >/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
data="$(mktemp -d)"; port="$(free_port)"; op_port="$(free_port)"
url="http://127.0.0.1:$port"; issuer="http://127.0.0.1:$op_port"

# The provider: one RSA key, one machine client whose tokens carry the group "bench" (granted admin below).
node -e '
const { generateKeyPairSync } = require("node:crypto");
const key = { ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }), kid: "bench", use: "sig", alg: "RS256" };
const [issuer, port, file] = process.argv.slice(1);
require("node:fs").writeFileSync(file, JSON.stringify({ issuer, port: Number(port), audience: "urn:gitops:api", accessTokenTTL: 3600, keys: [key],
  clients: [{ client_id: "bench", client_secret: "bench-secret", grant_types: ["client_credentials"], redirect_uris: [], response_types: [] }],
  accounts: {}, clientClaims: { bench: { name: "Bench", email: "bench@example.test", groups: ["bench"] } } }));
' "$issuer" "$op_port" "$data/op.json"
mkfifo "$data/op.in"; exec 3<>"$data/op.in" # the provider stops when its stdin ends: keep it open for the run
(cd "$npm_cache" && exec node provider.mjs "$data/op.json" <"$data/op.in" >"$data/op.log" 2>&1) &
provider=$!
(cd "$data" && GitOps__Repository__Path="$data/.gitops" GitOps__Repository__Seed="$root/examples/repo" Serilog__MinimumLevel__Default=Warning \
  GitOps__Auth__Oidc__Authority="$issuer" GitOps__Auth__Oidc__Audience="urn:gitops:api" GitOps__Auth__Oidc__RequireHttpsMetadata=false \
  GitOps__Auth__Oidc__Grants__0__Group=bench GitOps__Auth__Oidc__Grants__0__Role=admin \
  exec dotnet "$root/src/WebhookApi/bin/Release/net10.0/GitOps.WebhookApi.dll" --urls "$url" >"$data/log" 2>&1) &
service=$!
trap 'kill $service $provider 2>/dev/null; wait $service $provider 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -sf "$url/readyz" >/dev/null && curl -sf "$issuer/.well-known/openid-configuration" >/dev/null && break; sleep 0.2; done
static_token="$(cat "$data/.gitops/admin.token")"
jwt="$(curl -sf -u bench:bench-secret -d grant_type=client_credentials -d scope=api -d resource=urn:gitops:api "$issuer/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"
source="$url/api/v1/plugins/models/sources/organization_ai_models"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $jwt" "$source")" = 200 ] || { echo "the JWT was refused"; cat "$data/log"; exit 1; }

# Warm both paths (JIT, the JWKS cache) before measuring.
wrk -t2 -c"$connections" -d5s -H "Authorization: Bearer $static_token" "$source" >/dev/null
wrk -t2 -c"$connections" -d5s -H "Authorization: Bearer $jwt" "$source" >/dev/null

# Alternating rounds (static, JWT, static, JWT, …): on a shared machine the load drifts, and alternating spreads the drift
# over both rows instead of charging it to whichever ran second.
rounds="${ROUNDS:-3}"; static_total=0; jwt_total=0
for round in $(seq 1 "$rounds"); do
  s=$(wrk -t2 -c"$connections" -d"$duration" -H "Authorization: Bearer $static_token" "$source" | awk '/Requests\/sec/ {print $2}')
  j=$(wrk -t2 -c"$connections" -d"$duration" -H "Authorization: Bearer $jwt" "$source" | awk '/Requests\/sec/ {print $2}')
  echo "round $round: static token $s req/s, JWT $j req/s" >&2
  static_total=$(python3 -c "print($static_total + $s)"); jwt_total=$(python3 -c "print($jwt_total + $j)")
done
python3 -c "s=$static_total/$rounds; j=$jwt_total/$rounds; print(f'static token {s:.0f} req/s, JWT {j:.0f} req/s (mean of $rounds alternating rounds), static/JWT = {s/j:.2f} (goal <= 1.20): {\"met\" if s/j <= 1.2 else \"NOT met\"}')"
