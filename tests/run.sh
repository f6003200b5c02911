#!/usr/bin/env bash
# Runs every test of the solution, on a fresh machine too: installs what the tests need (redis-server for the
# integration tests, Chromium for the browser tests), restores, builds, tests, and ends with the line
# "N passed, N failed, N skipped" counted from the test results (TRX files), not from the exit code alone.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

missing=()
# redis-server for the integration tests' private servers and Redis Cluster; redis-cli to look at them by hand. On Debian
# redis-cli comes in redis-tools, which redis-server depends on (and which ships the server binary redis-server links to).
{ command -v redis-server && command -v redis-cli; } >/dev/null 2>&1 || missing+=(redis-server redis-tools)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} with apt-get..."
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "apt-get could not install ${missing[*]}; the tests that need them will fail and say so."; }
fi

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! dotnet restore Identity.SignalWire.sln || ! dotnet build Identity.SignalWire.sln -c Release --no-restore; then
  echo "The build failed: no test ran."
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# The test projects of the solution: those that reference the test SDK. Each runs on its own, one after the other,
# so that servers the tests start (Redis, Kestrel, Chromium) do not compete for this machine's two cores.
projects=()
while IFS= read -r project; do
  grep -q 'Microsoft.NET.Test.Sdk' "$project" && projects+=("$project")
done < <(dotnet sln Identity.SignalWire.sln list | grep '\.csproj$' | tr '\\' '/')

passed=0 failed=0 skipped=0
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$results"
  test_exit=$?
  trx="$results/$name.trx"
  if [ ! -e "$trx" ]; then
    # A test host that crashed writes no report: count the project as a failure rather than as nothing.
    echo "$name reported no results (dotnet test exited with $test_exit)."
    failed=$((failed + 1))
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  value() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  project_failed=$(( $(value failed) + $(value error) + $(value timeout) + $(value aborted) ))
  if [ "$test_exit" -ne 0 ] && [ "$project_failed" -eq 0 ]; then
    echo "$name: dotnet test exited with $test_exit although no test failed."
    project_failed=1
  fi
  passed=$((passed + $(value passed)))
  failed=$((failed + project_failed))
  skipped=$((skipped + $(value total) - $(value executed)))
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
