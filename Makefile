# Developer entry points. Neo4j runs locally without Docker (scripts/neo4j.sh);
# `eval "$(make -s neo4j-up)"` exports NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD into a shell.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := test

# staticcheck, pinned (v0.8.2 = 2026.2.2) with its checksums in its own module,
# tools/staticcheck, so its dependencies stay out of kgql's: `go tool -n` builds it
# once from the module proxy (or the module cache, offline) and prints its path.
STATICCHECK := go -C tools/staticcheck tool -n staticcheck

.PHONY: test run load generate explore explore-screenshot bench bench-smoke bench-load bench-go soak calibrate lint neo4j-up neo4j-down neo4j-reset neo4j-status

neo4j-up:
	@scripts/neo4j.sh up

neo4j-down:
	@scripts/neo4j.sh down

neo4j-reset:
	@scripts/neo4j.sh reset

neo4j-status:
	@scripts/neo4j.sh status

# `make lint` first (gofmt, go vet, staticcheck), then scripts/test.sh: installs
# what the tests need (only when missing), starts Neo4j unless NEO4J_URI names
# one or this clone's is running (and stops the one it started), and runs every
# package's tests, those with concurrency under -race.
test: lint
	@scripts/test.sh

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

# The cost model's calibration alone (bench/CALIBRATION.md; under a minute, no load): each
# priced shape's cost and median time on the soak's graph.
calibrate:
	@mkdir -p bench/.data/bin
	go build -o bench/.data/bin/kgql ./cmd/kgql
	go build -o bench/.data/bin/soak ./bench/cmd/soak
	bench/.data/bin/soak --kgql bench/.data/bin/kgql --data bench/.data/soak-e$(SOAK_ENTITIES) --entities $(SOAK_ENTITIES) \
		--calibrate-only --out bench/CALIBRATION.md

lint:
	@unformatted=$$(git ls-files --cached --others --exclude-standard '*.go' | xargs -r gofmt -l); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	go vet ./...
	@echo "staticcheck ./..."; staticcheck=$$($(STATICCHECK)); "$$staticcheck" ./...
