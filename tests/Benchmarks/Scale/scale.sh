#!/usr/bin/env bash
# Issue 19, the scale rows: start-up to /readyz on a warm data directory and the working set after start, for the
# 2-plugin example repository, 100 x 100 = 10,000 files and 1,000 x 100 = 100,000 files; then, per size, GET latency
# (one source, the plugin list) and one PATCH of one source (If-Match: *), each repeated. Starts the Release build of the
# service on loopback; the generated repositories are cached in ~/.cache/gitops-bench (make-repo.py), the data
# directories under $SCALE_DATA (default /tmp/gitops-scale), so later runs start warm.
# usage: [SCALE_PORT=5187] [SCALE_SIZES="example 100 1000"] [SCALE_STARTS=3] tests/Benchmarks/Scale/scale.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(cd "$here/../../.." && pwd)"
dll="$root/src/WebhookApi/bin/Release/net10.0/GitOps.WebhookApi.dll"
port="${SCALE_PORT:-5187}"; url="http://127.0.0.1:$port"; data_root="${SCALE_DATA:-/tmp/gitops-scale}"
starts="${SCALE_STARTS:-3}"; requests="${SCALE_REQUESTS:-20}"
mkdir -p "$data_root"
service=""
trap '[ -n "$service" ] && kill "$service" 2>/dev/null; wait 2>/dev/null || true' EXIT

repo_for() { # size -> bare repository
  if [ "$1" = example ]; then
    local r="$data_root/example-seed.git"
    if [ ! -d "$r" ]; then
      local w; w="$(mktemp -d)"; cp -r "$root/examples/repo/." "$w/"
      (cd "$w" && git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@example.test commit -qm example)
      git clone -q --bare "$w" "$r"; rm -rf "$w"
    fi
    echo "$r"
  else python3 "$here/make-repo.py" "$1" 100; fi
}

start() { # data dir -> sets $elapsed (seconds to /readyz); leaves $service running
  local t0 t1
  if curl -s -o /dev/null "$url/readyz"; then echo "port $port is in use: set SCALE_PORT" >&2; exit 1; fi
  t0=$(date +%s.%N)
  (cd "$1" && GitOps__Repository__Path="$1/.gitops" Serilog__MinimumLevel__Default=Warning exec dotnet "$dll" --urls "$url" >>"$1/log" 2>&1) &
  service=$!
  until curl -sf "$url/readyz" >/dev/null 2>&1; do
    kill -0 "$service" 2>/dev/null || { tail -20 "$1/log" >&2; exit 1; }; sleep 0.05
  done
  t1=$(date +%s.%N); elapsed=$(python3 -c "print(f'{$t1-$t0:.2f}')")
}
stop() { kill "$service"; wait "$service" 2>/dev/null || true; service=""; }
rss() { sleep 3; awk '/VmRSS/{printf "%d", $2/1024}' "/proc/$service/status"; }

timed() { # method url [body] -> ms per request list (median printed)
  local method="$1" target="$2" body="${3:-}" token; token="$(cat "$data/.gitops/admin.token")"
  local times=()
  for i in $(seq 1 "$requests"); do
    if [ "$method" = PATCH ]; then
      t=$(curl -s -o /dev/null -w '%{time_total}' -X PATCH -H "Authorization: Bearer $token" -H 'If-Match: *' \
        -H 'Content-Type: application/merge-patch+json' -d "{\"name\":\"Main $i $RANDOM\"}" "$target")
    else
      t=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$target")
    fi
    times+=("$t")
  done
  python3 -c "import statistics,sys; v=sorted(float(x)*1000 for x in sys.argv[1:]); print(f'{statistics.median(v):.1f}')" "${times[@]}"
}

for size in ${SCALE_SIZES:-example 100 1000}; do
  data="$data_root/data-$size"; repo="$(repo_for "$size")"
  if [ ! -d "$data/.gitops/repo.git" ]; then
    mkdir -p "$data/.gitops"; cp -r "$repo" "$data/.gitops/repo.git"
    start "$data"; echo "$size: cold start (first on this data directory) $elapsed s"; stop
  fi
  for n in $(seq 1 "$starts"); do
    start "$data"; r=$(rss); echo "$size: warm start $n: readyz ${elapsed} s, working set after start ${r} MiB"
    [ "$n" -lt "$starts" ] && stop
  done
  plugin=$([ "$size" = example ] && echo models || echo plugin-001)
  source=$([ "$size" = example ] && echo organization_ai_models || echo main)
  echo "$size: GET one source p50 $(timed GET "$url/api/v1/plugins/$plugin/sources/$source") ms," \
    "GET /plugins p50 $(timed GET "$url/api/v1/plugins") ms, PATCH one source p50 $(timed PATCH "$url/api/v1/plugins/$plugin/sources/$source") ms" \
    "($requests requests each, curl, one at a time)"
  stop
done
