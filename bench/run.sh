#!/usr/bin/env bash
# The benchmark (bench/README.md): make bench and make bench-smoke call it.
#
#   bench/run.sh full    100k entities (BENCH_ENTITIES=1000000 for 1M), 20 s per run
#   bench/run.sh smoke   2,000 entities, short runs: the harness works, end to end
#   bench/run.sh down    stop the benchmark's Neo4j
#
# It starts its own Neo4j (port BENCH_NEO4J_PORT, 7699; data in
# bench/.data/neo4j-e<entities>-s<seed>, one per graph, so that make test,
# which empties the development Neo4j, never touches it), builds the
# binaries, generates and loads the graph once (benchdata keeps a marker of
# what it loaded; into an empty Neo4j with kgql load --bulk), loads the same
# graph into the embedded store, runs npm ci for @neo4j/graphql, then
# bench/cmd/bench: one table on stdout, a JSON file in bench/out/.
#
# Two runs can share the machine: give the second other ports
# (BENCH_HTTP_PORT=18190 BENCH_NEO4J_PORT=7799). The systems listen on
# BENCH_HTTP_PORT+1..+4; with a Neo4j port other than 7699 the Neo4j and
# embedded data directories and Neo4j's pid files carry the port.
#
# Environment: BENCH_ENTITIES, BENCH_SEED (1), BENCH_CLIENTS (4; smoke 2),
# BENCH_WARMUP (5s; smoke 0.5s), BENCH_DURATION (20s; smoke 1.5s),
# BENCH_SYSTEMS (floor,kgql,kgql-embedded,neo4j-graphql), BENCH_SHAPES (all),
# BENCH_HTTP_PORT (18090), BENCH_NEO4J_PORT (7699), BENCH_NEO4J_PAGECACHE (2g; 6g from 500k entities),
# BENCH_NEO4J_HEAP (2g), BENCH_ORDER (shape; system from 500k), BENCH_PROFILE=DIR (CPU profiles of kgql per shape),
# BENCH_NEO4J_URI (use that Neo4j instead of starting one; BENCH_WIPE=1 lets
# the benchmark delete a graph it finds there that is not its own).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
MODE=${1:-full}
DATA=$ROOT/bench/.data
BIN=$DATA/bin
PORT=${BENCH_NEO4J_PORT:-7699}
HTTP_PORT=${BENCH_HTTP_PORT:-18090}
SEED=${BENCH_SEED:-1}
# Another Neo4j port is another run beside the default one: its own directories.
SUFFIX=
if [[ $PORT != 7699 ]]; then SUFFIX=-p$PORT; fi
RUN_DIR=$DATA/neo4j-run$SUFFIX
log() { echo "bench: $*" >&2; }

case $MODE in
  smoke)
    ENTITIES=${BENCH_ENTITIES:-2000}
    CLIENTS=${BENCH_CLIENTS:-2} WARMUP=${BENCH_WARMUP:-500ms} DURATION=${BENCH_DURATION:-1500ms} ;;
  full)
    ENTITIES=${BENCH_ENTITIES:-100000}
    CLIENTS=${BENCH_CLIENTS:-4} WARMUP=${BENCH_WARMUP:-5s} DURATION=${BENCH_DURATION:-20s} ;;
  down)
    NEO4J_BOLT_PORT=$PORT NEO4J_RUN_DIR=$RUN_DIR scripts/neo4j.sh down
    exit 0 ;;
  *) echo "usage: $0 full|smoke|down" >&2; exit 2 ;;
esac
SYSTEMS=${BENCH_SYSTEMS:-floor,kgql,kgql-embedded,neo4j-graphql}
# All systems at once, shape by shape (they see the same background load); from 500k
# entities one system at a time, as the embedded store and Neo4j together need much memory.
if ((ENTITIES >= 500000)); then ORDER=${BENCH_ORDER:-system}; else ORDER=${BENCH_ORDER:-shape}; fi
START=$SECONDS

# npm ci runs while the rest is prepared.
NPM_PID=
if [[ ,$SYSTEMS, == *,neo4j-graphql,* ]]; then
  ngql=bench/neo4j-graphql
  if [[ ! -f $ngql/node_modules/.package-lock.json || $ngql/package-lock.json -nt $ngql/node_modules/.package-lock.json ]]; then
    log "npm ci (@neo4j/graphql), in the background"
    (cd "$ngql" && npm ci --no-audit --no-fund --loglevel=error >&2) &
    NPM_PID=$!
  fi
fi

log "building"
mkdir -p "$BIN"
go build -o "$BIN/kgql" ./cmd/kgql
for cmd in bench benchdata floor kgqlprof; do go build -o "$BIN/$cmd" "./bench/cmd/$cmd"; done

# Neo4j: our own instance, one data directory per graph.
PIDFILE=
WIPE=()
BULK=()
if [[ -n ${BENCH_NEO4J_URI:-} ]]; then
  export NEO4J_URI=$BENCH_NEO4J_URI NEO4J_USER=${NEO4J_USER:-neo4j} NEO4J_PASSWORD=${NEO4J_PASSWORD:-kgql-dev-password}
  [[ ${BENCH_WIPE:-} == 1 ]] && WIPE=(--wipe)
else
  # From 500k entities 6g: the embedded store holds the same graph in memory alongside (~10 GB at 1M).
  if ((ENTITIES >= 500000)); then PAGECACHE=${BENCH_NEO4J_PAGECACHE:-6g}; else PAGECACHE=${BENCH_NEO4J_PAGECACHE:-2g}; fi
  export NEO4J_BOLT_PORT=$PORT NEO4J_RUN_DIR=$RUN_DIR NEO4J_DATA_DIR=$DATA/neo4j-e$ENTITIES-s$SEED$SUFFIX
  export NEO4J_PAGECACHE=$PAGECACHE NEO4J_HEAP=${BENCH_NEO4J_HEAP:-2g}
  PIDFILE=$NEO4J_RUN_DIR/neo4j.pid
  # A benchmark Neo4j serving another graph's directory is restarted on this one.
  if [[ -f $PIDFILE ]]; then
    read -r pid _ <"$PIDFILE" || true
    if [[ -n ${pid:-} ]] && kill -0 "$pid" 2>/dev/null && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$NEO4J_DATA_DIR "; then
      log "restarting the benchmark's Neo4j on $NEO4J_DATA_DIR"
      scripts/neo4j.sh down
    fi
  fi
  env_lines=$(scripts/neo4j.sh up)
  eval "$env_lines"
  WIPE=(--wipe) # our own instance: only the benchmark writes to it
  BULK=(--bulk-launcher scripts/neo4j.sh) # an empty one is loaded through Neo4j's importer
fi

log "graph: $ENTITIES entities, seed $SEED (Neo4j ready after $((SECONDS - START))s)"
# The embedded store loads the same graph alongside.
EMBEDDED=()
EMB_PID=
if [[ ,$SYSTEMS, == *,kgql-embedded,* ]]; then
  help=$("$BIN/kgql" serve -h 2>&1 || true)
  if [[ $help == *-data* ]]; then
    dir=$DATA/embedded-e$ENTITIES-s$SEED$SUFFIX
    "$BIN/benchdata" --kgql "$BIN/kgql" --entities "$ENTITIES" --seed "$SEED" --data "$dir" &
    EMB_PID=$!
    EMBEDDED=(--embedded-data "$dir")
  else
    log "kgql serve has no --data: kgql-embedded is skipped"
  fi
fi
"$BIN/benchdata" --kgql "$BIN/kgql" --entities "$ENTITIES" --seed "$SEED" "${WIPE[@]}" "${BULK[@]}"
if [[ -n $EMB_PID ]]; then wait "$EMB_PID"; fi
if [[ -n $NPM_PID ]]; then wait "$NPM_PID"; fi

PROFILE=()
if [[ -n ${BENCH_PROFILE:-} ]]; then PROFILE=(--profile "$BENCH_PROFILE" --kgqlprof "$BIN/kgqlprof"); fi

log "ready after $((SECONDS - START))s; running"
"$BIN/bench" --kgql "$BIN/kgql" --floor "$BIN/floor" --neo4j-graphql bench/neo4j-graphql \
  --systems "$SYSTEMS" --shapes "${BENCH_SHAPES:-all}" --clients "$CLIENTS" --warmup "$WARMUP" --duration "$DURATION" \
  --seed "$SEED" --order "$ORDER" --neo4j-pidfile "$PIDFILE" --port-base "$HTTP_PORT" --out bench/out "${EMBEDDED[@]}" "${PROFILE[@]}"
log "done in $((SECONDS - START))s (stop the benchmark's Neo4j with: BENCH_NEO4J_PORT=$PORT bench/run.sh down)"
