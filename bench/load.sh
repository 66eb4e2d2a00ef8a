#!/usr/bin/env bash
# Loading benchmark (bench/RESULTS.md, "Loading"): kgql gen | kgql load into
# a Neo4j of its own, in four situations, each printing kgql load's summary
# (rates, the median and longest batch of relations) and the CPU that Neo4j,
# kgql and everything else on the machine used meanwhile.
#
#   bench/load.sh            100,000 entities (BENCH_ENTITIES)
#
#   1. bulk:     --bulk into an empty store (Neo4j's importer)
#   2. empty:    a transactional load into an empty store
#   3. other:    into a store holding another generated graph (seed 2,
#                bulk-loaded first): entities updated, relations created
#   4. resume:   into a store holding the first 40% of the stream's lines
#                (bulk-loaded first): the rest created, the rest unchanged
#
# Environment: BENCH_ENTITIES (100000), BENCH_LOAD_PORT (7698),
# BENCH_NEO4J_PAGECACHE (2g), BENCH_NEO4J_HEAP (2g). Data in
# bench/.data/load-p<port> (deleted before each situation).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
ENTITIES=${BENCH_ENTITIES:-100000}
PORT=${BENCH_LOAD_PORT:-7698}
BIN=$ROOT/bench/.data/bin
export NEO4J_BOLT_PORT=$PORT NEO4J_DATA_DIR=$ROOT/bench/.data/load-p$PORT NEO4J_RUN_DIR=$ROOT/bench/.data/load-run-p$PORT
export NEO4J_PAGECACHE=${BENCH_NEO4J_PAGECACHE:-2g} NEO4J_HEAP=${BENCH_NEO4J_HEAP:-2g}
log() { echo "load.sh: $*" >&2; }

mkdir -p "$BIN"
go build -o "$BIN/kgql" ./cmd/kgql

# fresh: an empty store, Neo4j running on it.
fresh() {
  scripts/neo4j.sh reset
  eval "$(scripts/neo4j.sh up)"
}

# cpu: "<busy jiffies of the machine> <Neo4j's pid> <its jiffies>".
cpu() {
  local pid
  read -r pid _ <"$NEO4J_RUN_DIR/neo4j.pid"
  echo "$(awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat) $pid $(awk '{print $14+$15}' "/proc/$pid/stat")"
}

# measure LABEL PIPELINE: runs the pipeline (bash -c), prints kgql load's
# summary and how the CPU was spent meanwhile. A bulk load restarts Neo4j:
# the importer's and Neo4j's CPU are then counted with the others'.
measure() {
  local label=$1 pipeline=$2
  local out=$ROOT/bench/.data/load-$label.out
  echo
  echo "== $label: $pipeline"
  local before after times
  before=$(cpu)
  TIMEFORMAT="%R %U %S"
  times=$({ time bash -c "$pipeline" >"$out" 2>/dev/null; } 2>&1)
  after=$(cpu)
  grep -v '^  \[' "$out"
  awk -v t="$times" -v b="$before" -v a="$after" -v tck="$(getconf CLK_TCK)" 'BEGIN {
    split(t, T, " "); split(b, B, " "); split(a, A, " ")
    wall = T[1]; kg = T[2] + T[3]; all = (A[1] - B[1]) / tck
    neo = (A[2] == B[2]) ? (A[3] - B[3]) / tck : 0
    printf "cpu: %.1f s wall; Neo4j %s, kgql gen+load %.1f s, the rest of the machine %.1f s (%.2f cores on average)\n",
      wall, (A[2] == B[2]) ? sprintf("%.1f s", neo) : "(restarted: counted with the rest)", kg, all - neo - kg, (all - neo - kg) / wall
  }'
}

K=$BIN/kgql
G="$K gen --quiet --entities $ENTITIES"
head_lines=$(($($G --seed 1 | wc -l) * 2 / 5)) # the header, all entities and some relations

fresh
measure bulk "$G --seed 1 | $K load --bulk --progress 0 -"

fresh
measure empty "$G --seed 1 | $K load --progress 0 -"

fresh
$G --seed 2 | "$K" load --bulk --progress 0 - >/dev/null 2>&1
measure other "$G --seed 1 | $K load --progress 0 -"

fresh
{ $G --seed 1 || true; } | head -n "$head_lines" | "$K" load --bulk --progress 0 - >/dev/null 2>&1 # gen stops when head has read enough
measure resume "$G --seed 1 | $K load --progress 0 -"

scripts/neo4j.sh down
log "done (data in $NEO4J_DATA_DIR)"
