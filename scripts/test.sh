#!/usr/bin/env bash
# test.sh [GO TEST FLAG...]: what `make test` runs after `make lint`: installs
# what the tests need, starts Neo4j when needed, and runs every package's
# tests, under the race detector where code runs concurrently. Extra
# arguments go to both `go test` runs (-run 'TestX', say).
#
# Neo4j: when NEO4J_URI names one, the tests use it and this script neither
# starts nor stops it. Otherwise it uses this clone's on NEO4J_BOLT_PORT
# (7687; scripts/neo4j.sh): one already running is left running, and one
# this script started is stopped when it exits, passed, failed or
# interrupted, so that the next run (or another clone) finds the port free.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ -z "${NEO4J_URI:-}" ]; then
  if scripts/neo4j.sh status 2>/dev/null; then
    echo "test.sh: Neo4j on port ${NEO4J_BOLT_PORT:-7687} was running already: leaving it running" >&2
  else
    trap 'echo "test.sh: stopping the Neo4j it started" >&2; scripts/neo4j.sh down' EXIT
    # A signal ends the script through exit, so that the EXIT trap runs.
    trap 'exit 130' INT
    trap 'exit 143' TERM
  fi
  # The assignment (not a bare `eval "$(...)"`, whose status is eval's)
  # makes a failing `up` stop the script.
  env_lines=$(scripts/neo4j.sh up)
  eval "$env_lines"
fi

# What the tests need, each only when missing: chromium and playwright-core
# for the browser tests (scripts/browser-deps.sh), the readers and the XSD
# validator (xmllint-wasm) of the export checks (scripts/format-deps.sh),
# graphql-http for the GraphQL-over-HTTP audit (tools/audit), relay-compiler for the Relay documents (tests/relay), all npm
# folders from their lockfiles (scripts/npm-ci.sh); gcc too when there is no
# C compiler, which -race needs. Debian packages only for chromium and gcc
# (scripts/apt-install.sh says what it installed or upgraded).
scripts/browser-deps.sh
scripts/format-deps.sh
scripts/npm-ci.sh audit tools/audit tests/relay
if [ "$(go env CGO_ENABLED)" != 1 ]; then
  scripts/apt-install.sh race-detector gcc libc6-dev
fi

# Each KGQL_REQUIRE_* turns a class of tests from skips into failures:
# Neo4j's, the browser tests, the export checks, the audit, the Relay documents.
export KGQL_REQUIRE_NEO4J=1 KGQL_REQUIRE_BROWSER=1 KGQL_REQUIRE_FORMATS=1 KGQL_REQUIRE_AUDIT=1 KGQL_REQUIRE_RELAY=1
echo "KGQL_REQUIRE_NEO4J=1 KGQL_REQUIRE_BROWSER=1 KGQL_REQUIRE_FORMATS=1 KGQL_REQUIRE_AUDIT=1 KGQL_REQUIRE_RELAY=1"

# The packages whose code runs goroutines or shares memory between them, tested
# under the race detector: cmd/kgql (the server, the store that opens in the
# background, signals; its tests run kgql as a child process, itself built with
# -race), internal/httpapi (concurrent requests, the in-flight cap, the connection
# cap; it runs graph's resolvers, which gqlgen calls concurrently, and graph has no
# tests of its own), internal/memstore (readers against a writer), internal/neo4jstore
# (the circuit and its background probe), internal/loadstream (the load's writer
# pipeline and progress), internal/storetest (the contract suite, whose concurrent
# calls run on both stores), internal/explore (the assets built once) and
# bench/internal/loadgen (the benchmark's clients). The other packages hold no
# concurrency and run without -race; each package runs its tests once.
race_pkgs=(./cmd/kgql ./internal/httpapi ./internal/memstore ./internal/neo4jstore
  ./internal/loadstream ./internal/storetest ./internal/explore ./graph ./bench/internal/loadgen)
race=$(go list "${race_pkgs[@]}")
rest=$(go list ./... | grep -vxF "$race")

# The fuzz targets' seed corpora run as tests. The race packages, then the
# rest, whatever the first run's verdict (as one `go test ./...` runs every
# package); fails if either failed. -p 1: Community has a single user
# database, so packages whose tests reset it must not run concurrently.
failed=0
echo "go test -race -count=1 -p 1 -timeout 60m $* ${race_pkgs[*]}"
go test -race -count=1 -p 1 -timeout 60m "$@" "${race_pkgs[@]}" || failed=1
echo "go test -count=1 -p 1 -timeout 60m $* (the other packages of ./...)"
# shellcheck disable=SC2086 # one package a word
go test -count=1 -p 1 -timeout 60m "$@" $rest || failed=1
exit $failed
