#!/usr/bin/env bash
# Issue 19, writes: on a 100-plugin x 100-source repository (10,100 files), through the real host:
#  (a) one writer vs 8 concurrent writers, PATCH of a source with If-Match: * (wrk, 1 connection vs 8), commits/s, and
#      the commit count checked against the 200 answers (each mutation exactly one commit);
#  (b) one HTTP mutation (p50 of the 1-connection run) vs the same compare-and-swap commit by hand with the git CLI on a
#      copy of the same repository (cat-file, hash-object -w, ls-tree + mktree x3, commit-tree, update-ref <ref> <new> <old>,
#      all with -c core.fsync=all), p50;
#  (c) 8 writers with the SAME If-Match: p50 of the 7 refused (409) vs the winner (losers.py).
# usage: [B19_PORT=5189] tests/Benchmarks/Writes/b19-writes.sh [duration per side, default 10s] [rounds, default 3] [git CLI commits, default 40] [loser rounds, default 30]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(cd "$here/../../.." && pwd)"
duration="${1:-10s}"; rounds="${2:-3}"; cli_n="${3:-40}"; loser_rounds="${4:-30}"
seconds="${duration%s}"
data="$(mktemp -d)"; port="${B19_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
url="http://127.0.0.1:$port"
mkdir -p "$data/.gitops"
python3 "$here/make-repo.py" "$data/.gitops/repo.git" 100 100
cp -r "$data/.gitops/repo.git" "$data/cli.git" # the git CLI's copy: same size, same objects
(cd "$data" && GitOps__Repository__Path="$data/.gitops" GitOps__Repository__Seed="$root/examples/repo" Serilog__MinimumLevel__Default=Warning \
  exec dotnet "$root/src/WebhookApi/bin/Release/net10.0/GitOps.WebhookApi.dll" --urls "$url" >"$data/log" 2>&1) &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 600); do curl -sf "$url/readyz" >/dev/null && break; sleep 0.2; done
curl -sf "$url/readyz" >/dev/null || { echo "service not ready"; tail -20 "$data/log"; exit 1; }
export TOKEN="$(cat "$data/.gitops/admin.token")"
commits() { git --git-dir "$data/.gitops/repo.git" rev-list --count main; }

# (a) Warm up (JIT), then alternate 1 and 8 connections so the neighbours' load hits both alike.
RUN=warm wrk -t1 -c1 -d5s -s "$here/patch-source.lua" "$url" >/dev/null; sleep 1 # let the request wrk cut off land before round 1 counts
side() { # $1 = connections, $2 = run tag; prints "commits/s ok p50µs"
  local before after out
  before=$(commits)
  out=$(RUN="$2" wrk -t"$1" -c"$1" -d"$duration" -s "$here/patch-source.lua" "$url")
  sleep 1; after=$(commits) # requests wrk cut off at the end still commit: let them land
  local result; result=$(grep '^RESULT' <<<"$out")
  local ok; ok=$(sed -E 's/.*ok=([0-9]+).*/\1/' <<<"$result")
  local other; other=$(sed -E 's/.*other=([0-9]+).*/\1/' <<<"$result")
  local p50; p50=$(sed -E 's/.*p50us=([0-9]+).*/\1/' <<<"$result")
  # Each mutation exactly one commit: the commits are the 200 answers plus at most one request per connection that wrk
  # cut off at the end (answered after wrk stopped listening); nothing else (no 5xx, no 409 with If-Match: *).
  local extra=$((after - before - ok))
  if [ "$extra" -lt 0 ] || [ "$extra" -gt "$1" ] || [ "$other" != "0" ]; then echo "MISMATCH: $((after - before)) commits for $ok answers 200 ($result)" >&2; exit 1; fi
  echo "$(python3 -c "print($ok/$seconds)") $ok $p50"
}
rows=()
for round in $(seq 1 "$rounds"); do
  read -r one one_ok one_p50 <<<"$(side 1 "r$round-1")"
  read -r eight eight_ok eight_p50 <<<"$(side 8 "r$round-8")"
  printf 'round %s: 1 writer %.1f commits/s (p50 %.1f ms), 8 writers %.1f commits/s (p50 %.1f ms): %.2fx; 200 answers (%s, %s), each one commit\n' \
    "$round" "$one" "$(python3 -c "print($one_p50/1000)")" "$eight" "$(python3 -c "print($eight_p50/1000)")" "$(python3 -c "print($eight/$one)")" "$one_ok" "$eight_ok"
  rows+=("($one,$one_p50,$eight)")
done

# (b) The same compare-and-swap commit by hand: edit source s000's name in plugin-000/sources.yaml.
g() { git --git-dir "$data/cli.git" -c core.fsync=all "$@"; }
swap() { awk -v name="$1" -v id="$2" -F'\t' '$2 == name { split($1, m, " "); print m[1] " " m[2] " " id "\t" $2; next } { print }'; }
cli_ms=()
for i in $(seq 1 "$cli_n"); do
  t0=$(date +%s%N)
  old=$(g rev-parse refs/heads/main)
  blob=$(g cat-file blob "$old:plugins/plugin-000/sources.yaml" | sed "0,/name: Source 0\( cli [0-9]*\)\?\$/s//name: Source 0 cli $i/" | g hash-object -w --stdin)
  plugin=$(g ls-tree "$old:plugins/plugin-000" | swap sources.yaml "$blob" | g mktree)
  plugins=$(g ls-tree "$old:plugins" | swap plugin-000 "$plugin" | g mktree)
  tree=$(g ls-tree "$old" | swap plugins "$plugins" | g mktree)
  new=$(GIT_AUTHOR_NAME=cli GIT_AUTHOR_EMAIL=cli@example.test GIT_COMMITTER_NAME=cli GIT_COMMITTER_EMAIL=cli@example.test \
    g commit-tree "$tree" -p "$old" -m "plugin-000: rename s000")
  g update-ref -m "cli: rename s000" refs/heads/main "$new" "$old"
  t1=$(date +%s%N)
  cli_ms+=("$(( (t1 - t0) / 1000 ))")
done
[ "$(g rev-list --count main)" = "$((cli_n + 1))" ] || { echo "git CLI: wrong commit count" >&2; exit 1; }

# (c) Losers answer without I/O.
losers=$(python3 "$here/losers.py" "$url" "$TOKEN" "$loser_rounds")
echo "$losers"

python3 - "$(IFS=,; echo "${rows[*]}")" "$(IFS=,; echo "${cli_ms[*]}")" <<'PY'
import sys, statistics
rows = eval("[" + sys.argv[1] + "]"); cli = [int(x) for x in sys.argv[2].split(",")]
one = statistics.mean(r[0] for r in rows); eight = statistics.mean(r[2] for r in rows)
ratios = [r[2] / r[0] for r in rows]
http_p50 = statistics.median(r[1] for r in rows) / 1000; cli_p50 = statistics.median(cli) / 1000
print(f"8 writers / 1 writer: {eight:.1f} / {one:.1f} commits/s = {eight/one:.2f}x (rounds {min(ratios):.2f}-{max(ratios):.2f}; goal >= 3: {'met' if eight/one >= 3 else 'NOT met'})")
print(f"HTTP PATCH p50 {http_p50:.1f} ms vs git CLI CAS commit p50 {cli_p50:.1f} ms ({len(cli)} commits): {http_p50/cli_p50:.2f}x (goal <= 1.0: {'met' if http_p50 <= cli_p50 else 'NOT met'})")
PY
