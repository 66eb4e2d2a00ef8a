# Developer entry points. Neo4j runs locally without Docker (scripts/neo4j.sh);
# `eval "$(make -s neo4j-up)"` exports NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD into a shell.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := test

# staticcheck, pinned (v0.8.2 = 2026.2.2) with its checksums in its own module,
# tools/staticcheck, so its dependencies stay out of kgql's: `go tool -n` builds it
# once from the module proxy (or the module cache, offline) and prints its path.
STATICCHECK := go -C tools/staticcheck tool -n staticcheck

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
RACE_PKGS := ./cmd/kgql ./internal/httpapi ./internal/memstore ./internal/neo4jstore \
	./internal/loadstream ./internal/storetest ./internal/explore ./graph ./bench/internal/loadgen

.PHONY: test run load generate explore explore-screenshot bench bench-smoke bench-load bench-go soak lint neo4j-up neo4j-down neo4j-reset neo4j-status

neo4j-up:
	@scripts/neo4j.sh up

neo4j-down:
	@scripts/neo4j.sh down

neo4j-reset:
	@scripts/neo4j.sh reset

neo4j-status:
	@scripts/neo4j.sh status

# `make lint` first (gofmt, go vet, staticcheck). Then one shell line so the exports
# reach `go test`. Starts Neo4j unless NEO4J_URI points at one already; the
# assignment (not a bare `eval "$(...)"`, whose status is eval's) makes a failing
# `up` stop the recipe. KGQL_REQUIRE_NEO4J=1 turns Neo4j-dependent tests from skips
# into failures; KGQL_REQUIRE_BROWSER=1 likewise for the browser tests, whose
# chromium and playwright-core scripts/browser-deps.sh installs,
# KGQL_REQUIRE_FORMATS=1 for the export checks, whose xmllint and Node readers
# scripts/format-deps.sh installs, and KGQL_REQUIRE_AUDIT=1 for the
# GraphQL-over-HTTP audit (graphql-http, npm ci in tools/audit from its lockfile).
# Debian packages only when missing, upgrading nothing (scripts/apt-install.sh;
# gcc too when there is no C compiler, which -race needs);
# npm folders from their lockfiles (scripts/npm-ci.sh). The fuzz targets' seed
# corpora run as tests. RACE_PKGS under -race, then the rest, whatever the first
# run's verdict (as one `go test ./...` runs every package); fails if either failed.
# -p 1: Community has a single user database, so packages whose tests reset it
# must not run concurrently.
test: lint
	@if [ -z "$${NEO4J_URI:-}" ]; then env_lines=$$(scripts/neo4j.sh up); eval "$$env_lines"; fi; \
	scripts/browser-deps.sh; \
	scripts/format-deps.sh; \
	scripts/npm-ci.sh audit tools/audit tests/relay; \
	if [ "$$(go env CGO_ENABLED)" != 1 ]; then scripts/apt-install.sh race-detector gcc libc6-dev; fi; \
	export KGQL_REQUIRE_NEO4J=1 KGQL_REQUIRE_BROWSER=1 KGQL_REQUIRE_FORMATS=1 KGQL_REQUIRE_AUDIT=1 KGQL_REQUIRE_RELAY=1; \
	race=$$(go list $(RACE_PKGS)); \
	rest=$$(go list ./... | grep -vxF "$$race"); \
	echo "KGQL_REQUIRE_NEO4J=1 KGQL_REQUIRE_BROWSER=1 KGQL_REQUIRE_FORMATS=1 KGQL_REQUIRE_AUDIT=1 KGQL_REQUIRE_RELAY=1"; \
	failed=0; \
	echo "go test -race -count=1 -p 1 -timeout 60m $(RACE_PKGS)"; \
	go test -race -count=1 -p 1 -timeout 60m $(RACE_PKGS) || failed=1; \
	echo "go test -count=1 -p 1 -timeout 60m (the other packages of ./...)"; \
	go test -count=1 -p 1 -timeout 60m $$rest || failed=1; \
	exit $$failed

run:
	go run ./cmd/kgql

load:
	go run ./cmd/kgql load

generate:
	go tool gqlgen generate

# The explorer page (/explore): esbuild and Cytoscape.js from
# internal/explore's lockfile, then src/ bundled into internal/explore/dist,
# which kgql embeds and git holds (make test fails when dist/ is not the
# build of src/).
explore:
	go generate ./internal/explore

# docs/explore.png: the explorer's browser test on the embedded store, whose
# last screenshot the README shows.
explore-screenshot:
	@scripts/browser-deps.sh; scripts/format-deps.sh
	KGQL_REQUIRE_BROWSER=1 KGQL_REQUIRE_FORMATS=1 go test -count=1 -run 'TestExplorerInBrowser/embedded' ./internal/httpapi
	cp tests/browser/out/explore/embedded/explorer.png docs/explore.png

# The benchmark harness (bench/README.md): kgql over Neo4j and on the embedded store,
# the floor (hand-written Cypher) and @neo4j/graphql, on a generated graph of
# BENCH_ENTITIES (100000; 1000000 for 1M) kept in the benchmark's own Neo4j.
# Prints one table and writes bench/out/*.json; bench/RESULTS.md holds full runs.
bench:
	@bench/run.sh full

# The same, end to end, on 2,000 entities with short runs (under 3 minutes).
bench-smoke:
	@bench/run.sh smoke

# Loading into Neo4j: bulk, into an empty store, into one holding another graph,
# resuming (bench/load.sh; bench/RESULTS.md "Loading"). BENCH_ENTITIES (100000).
bench-load:
	@bench/load.sh

# Go benchmarks (go test -bench). -p 1: one package at a time, so benchmarks
# don't compete for the CPU or the database.
bench-go:
	go test -p 1 -run '^$$' -bench . -benchmem ./...

# The soak (bench/SOAK.md; not in CI, about 11 minutes): kgql on the embedded store with a
# generated graph of SOAK_ENTITIES, at saturation for SOAK_DURATION with hostile requests
# mixed in; writes bench/SOAK.md and fails if a normal request failed.
SOAK_ENTITIES ?= 50000
SOAK_DURATION ?= 10m
soak:
	@mkdir -p bench/.data/bin
	go build -o bench/.data/bin/kgql ./cmd/kgql
	go build -o bench/.data/bin/soak ./bench/cmd/soak
	bench/.data/bin/soak --kgql bench/.data/bin/kgql --data bench/.data/soak-e$(SOAK_ENTITIES) --entities $(SOAK_ENTITIES) \
		--duration $(SOAK_DURATION) --out bench/SOAK.md

lint:
	@unformatted=$$(git ls-files --cached --others --exclude-standard '*.go' | xargs -r gofmt -l); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	go vet ./...
	@echo "staticcheck ./..."; staticcheck=$$($(STATICCHECK)); "$$staticcheck" ./...
