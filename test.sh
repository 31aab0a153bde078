#!/usr/bin/env bash
# ./test.sh — installs what the tests need, starts a throwaway PostgreSQL, runs the whole suite on
# SQLite and PostgreSQL with the system Chromium, stops what it started, and prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need_apt=()
[ -x /usr/lib/chromium/chromium ] || need_apt+=(chromium)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "test.sh: installing ${need_apt[*]} (Debian packages)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null || { echo "test.sh: apt-get install failed" >&2; exit 1; }
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/lib/chromium/chromium}"

TEST_PG="$(bash scripts/pgtest.sh start)" || { echo "test.sh: could not start PostgreSQL" >&2; exit 1; }
export TEST_PG
trap 'bash scripts/pgtest.sh stop' EXIT
# Tests that need PostgreSQL or Chromium fail (not skip) when these are missing in CI.
export BELONGING_REQUIRE_PG=1 BELONGING_REQUIRE_CHROMIUM=1

results="$(pwd)/TestResults"
rm -rf "$results"
dotnet test Belonging.slnx --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0; failed=0
for f in "$results"/*.trx; do
  [ -f "$f" ] || continue
  line="$(grep -o '<Counters [^>]*>' "$f" | head -1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$line")"
  fl="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$line")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${fl:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "test.sh: dotnet test exited $status (build or runner failure)"; fi
echo "$passed passed, $failed failed"
exit "$status"
