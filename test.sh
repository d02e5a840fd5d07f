#!/usr/bin/env bash
# Runs every test project of the solution. Installs what the tests need on a fresh machine first
# (git, Debian's Chromium for the UI tests, promtool, yamllint), then prints one closing line:
# "N passed, N failed" (", N skipped" only when some were skipped). Exit status 0 only when all passed.
set -uo pipefail
cd "$(dirname "$0")"

packages=()
command -v git >/dev/null || packages+=(git)
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v promtool >/dev/null || packages+=(prometheus)
command -v yamllint >/dev/null || packages+=(yamllint)
command -v age >/dev/null || packages+=(age)
command -v gpg >/dev/null || packages+=(gnupg)
command -v ssh-keygen >/dev/null || packages+=(openssh-client)
command -v npm >/dev/null || packages+=(nodejs npm)
command -v wrk >/dev/null || packages+=(wrk)
command -v go >/dev/null || packages+=(golang-go)
[ -d /usr/share/gocode/src/github.com/Masterminds/sprig ] || packages+=(golang-github-masterminds-sprig-dev)
[ -d /usr/share/gocode/src/sigs.k8s.io/yaml ] || packages+=(golang-k8s-sigs-yaml-dev)
[ -x /usr/sbin/mosquitto ] || packages+=(mosquitto) # the MQTT notification tests start their own broker
if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing: ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "${packages[@]}"; } >/tmp/gitops-apt.log 2>&1 \
    || { echo "apt-get install failed; see /tmp/gitops-apt.log"; tail -20 /tmp/gitops-apt.log; }
fi

# npm packages of the GraphQL client tests (graphql, graphql-request, graphql-sse), pinned in their package.json, into a
# cache folder (never committed); the tests install them there too when missing.
npm_cache="${XDG_CACHE_HOME:-$HOME/.cache}/gitops-npm/graphql"
mkdir -p "$npm_cache" && cp tests/WebhookApi.Tests/Graph/node/package.json "$npm_cache/" \
  && { npm install --no-audit --no-fund --prefix "$npm_cache" >/tmp/gitops-npm.log 2>&1 || { echo "npm install failed; see /tmp/gitops-npm.log"; tail -20 /tmp/gitops-npm.log; }; }
# npm oidc-provider for the single sign-on tests (a real OpenID Provider), pinned in Auth/node/package.json, likewise.
oidc_cache="${XDG_CACHE_HOME:-$HOME/.cache}/gitops-npm/oidc"
mkdir -p "$oidc_cache" && cp tests/WebhookApi.Tests/Auth/node/package.json "$oidc_cache/" \
  && { npm install --no-audit --no-fund --prefix "$oidc_cache" >/tmp/gitops-npm-oidc.log 2>&1 || { echo "npm install failed; see /tmp/gitops-npm-oidc.log"; tail -20 /tmp/gitops-npm-oidc.log; }; }

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! dotnet build GitOps.sln -c Release -nologo -v:q; then
  echo "0 passed, 1 failed"
  exit 1
fi

results=$(mktemp -d)
status=0
# Two lanes on two cores: the web/host tests (the longest project, mostly waiting on child processes,
# browsers and sockets) beside every other project in turn. Each project's output goes to its own log,
# printed whole when its lane is done, so the lanes never interleave lines.
run_project() {
  local project=$1 name started rc
  name=$(basename "$project" .csproj)
  started=$SECONDS
  dotnet test "$project" -c Release --no-build --nologo --results-directory "$results" --blame-hang-timeout 5m \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" >"$results/$name.log" 2>&1
  rc=$?
  echo "$rc" >"$results/$name.rc"
  echo "== $name: exit $rc in $((SECONDS - started)) s" >>"$results/$name.log"
}
heavy=tests/WebhookApi.Tests/WebhookApi.Tests.csproj
run_project "$heavy" &
lane=$!
for project in tests/*.Tests/*.Tests.csproj; do
  [ "$project" = "$heavy" ] || run_project "$project"
done
wait "$lane"
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  cat "$results/$name.log" 2>/dev/null
  [ "$(cat "$results/$name.rc" 2>/dev/null)" = "0" ] || status=1
done

# Sum the counters of every project's TRX report: <Counters total=".." passed=".." failed=".." notExecuted="..">.
counter() { grep -ho "<Counters [^>]*" "$results"/*.trx 2>/dev/null | grep -oE " $1=\"[0-9]+\"" | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(counter passed)
failed=$(( $(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted) ))
skipped=$(counter notExecuted)
projects=$(ls tests/*.Tests/*.Tests.csproj | wc -l)
reports=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$reports" -lt "$projects" ]; then
  echo "only $reports of $projects test projects reported results"
  status=1
fi
[ "$failed" -gt 0 ] && status=1
# A crashed or hang-aborted test host leaves no failed result behind: never print "0 failed" with a failing exit.
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
exit $status
