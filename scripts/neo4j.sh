#!/usr/bin/env bash
# Local Neo4j Community (embedded, tools/neo4j) without Docker.
#
#   scripts/neo4j.sh up      build if needed, start (or reuse), wait for Bolt, print exports
#   scripts/neo4j.sh down    stop (SIGTERM, then SIGKILL after a timeout); idempotent
#   scripts/neo4j.sh reset   down, then delete the data folder
#   scripts/neo4j.sh status  exit 0 if running and answering
#   scripts/neo4j.sh port    print the Bolt port of the running Neo4j; exit 1 if none
#   scripts/neo4j.sh import DIR
#                            replace the database by Neo4j's offline import of the CSV
#                            files in DIR (kgql load --bulk writes them, with DIR/import.args:
#                            the importer's arguments, one a line), then (re)start Neo4j
#
# Only `up` writes to stdout, exactly the export lines, so `eval "$(scripts/neo4j.sh up)"`
# configures a shell; all diagnostics go to stderr.
#
# Environment: NEO4J_BOLT_PORT (7687), NEO4J_HEAP (2g), NEO4J_PAGECACHE (1g),
# NEO4J_IMPORT_MEMORY (the importer's off-heap memory, 2g),
# KGQL_NEO4J_START_TIMEOUT seconds (120), NEO4J_DATA_DIR (.neo4j-data) and NEO4J_RUN_DIR
# (.neo4j-run): another instance (the benchmark's, bench/run.sh) keeps its data and pid apart.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PORT=${NEO4J_BOLT_PORT:-7687}
HEAP=${NEO4J_HEAP:-2g}
START_TIMEOUT=${KGQL_NEO4J_START_TIMEOUT:-120}
STOP_TIMEOUT=60
NEO_USER=neo4j
NEO_PASSWORD=kgql-dev-password # fixed in tools/neo4j/.../Neo4jServer.java too
PROJ=$ROOT/tools/neo4j
DATA=${NEO4J_DATA_DIR:-$ROOT/.neo4j-data} # Neo4j home: data/, logs/debug.log
RUN=${NEO4J_RUN_DIR:-$ROOT/.neo4j-run}     # pid, ready file, stdout log; survives `reset`
PIDFILE=$RUN/neo4j.pid  # "<pid> <port>"
READY=$RUN/ready        # written by the Java program once verified, removed on shutdown
LOG=$RUN/neo4j.log
MAIN_CLASS=dev.kgql.neo4j.Neo4jServer

log() { echo "neo4j.sh: $*" >&2; }
die() { log "$*"; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH: $2"; }

# pid of this repo's server if it is alive (checks the command line to survive pid reuse).
running_pid() {
  local pid
  [[ -f $PIDFILE ]] || return 1
  read -r pid _ <"$PIDFILE" || return 1
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS" || return 1
  echo "$pid"
}
running_port() { local _p port; read -r _p port <"$PIDFILE"; echo "${port:-?}"; }

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Definitive check: log in over Bolt and run a query (Go driver, tools/neo4jping).
ping() {
  (cd "$ROOT" && go run ./tools/neo4jping -uri "bolt://127.0.0.1:$PORT" \
    -user "$NEO_USER" -password "$NEO_PASSWORD" "$@") >&2
}

print_env() {
  echo "export NEO4J_URI=bolt://127.0.0.1:$PORT"
  echo "export NEO4J_USER=$NEO_USER"
  echo "export NEO4J_PASSWORD=$NEO_PASSWORD"
}

# Build when classes/jars are missing or the pom/sources changed since the last build.
build_if_needed() {
  local stamp=$PROJ/target/.built
  if [[ -f $stamp && -z $(find "$PROJ/pom.xml" "$PROJ/src" -newer "$stamp" -print -quit) ]] &&
    compgen -G "$PROJ/target/dependency/neo4j-kernel-*.jar" >/dev/null; then
    return 0
  fi
  need mvn "install Maven 3.8+ (e.g. apt-get install maven)"
  log "building tools/neo4j (first time downloads Neo4j jars from Maven Central)..."
  rm -rf "$PROJ/target" # no stale jars from an older Neo4j version on the classpath
  local goals=(-q -B -Dstyle.color=never -DskipTests package dependency:copy-dependencies)
  # Offline first so a warm ~/.m2 needs no network; fall back to online.
  (cd "$PROJ" && { mvn -o "${goals[@]}" >/dev/null 2>&1 || mvn "${goals[@]}" >&2; }) ||
    die "Maven build of tools/neo4j failed (see output above)"
  touch "$stamp"
}

cmd_up() {
  need java "install a JDK 17+ (e.g. apt-get install openjdk-17-jdk-headless)"
  need go "install Go (needed for the Bolt readiness check)"
  mkdir -p "$RUN"
  # Serialize concurrent `up`s. fd 9 is closed for the server below so it doesn't hold the lock.
  exec 9>"$RUN/lock"
  command -v flock >/dev/null && flock 9

  local pid
  if pid=$(running_pid); then
    local rport
    rport=$(running_port)
    [[ $rport == "$PORT" ]] ||
      die "this repo's Neo4j already runs on port $rport (pid $pid); run 'make neo4j-down' first or use NEO4J_BOLT_PORT=$rport"
    wait_ready "$pid"
    ping -wait 10s || die "Neo4j (pid $pid) runs but does not answer on port $PORT; see $LOG, or run 'make neo4j-down'"
    log "already running (pid $pid)"
    print_env
    return 0
  fi
  rm -f "$PIDFILE" "$READY"
  if port_open "$PORT"; then
    die "port $PORT is already in use by another process (not this repo's Neo4j); stop it or set NEO4J_BOLT_PORT to a free port"
  fi

  build_if_needed
  mkdir -p "$DATA"
  log "starting Neo4j on 127.0.0.1:$PORT (data $DATA, log $LOG)"
  local start=$SECONDS
  # --add-opens: same as the packaged Neo4j launcher (direct buffers, netty, native access).
  NEO4J_BOLT_PORT=$PORT KGQL_NEO4J_READY_FILE=$READY nohup java \
    -Xms512m -Xmx"$HEAP" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
    -Dio.netty.tryReflectionSetAccessible=true -Dlog4j2.disable.jmx=true \
    -cp "$PROJ/target/classes:$PROJ/target/dependency/*" "$MAIN_CLASS" "$DATA" \
    >"$LOG" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid $PORT" >"$PIDFILE"
  wait_ready "$pid"
  ping -wait 10s || die "Neo4j started but the Bolt check failed; see $LOG"
  log "Neo4j ready in $((SECONDS - start))s (pid $pid)"
  print_env
}

# Wait for the ready file and the open port; fail early if the process dies.
wait_ready() {
  local pid=$1 deadline=$((SECONDS + START_TIMEOUT))
  until [[ -f $READY ]] && port_open "$PORT"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "Neo4j exited during startup; last lines of $LOG:"
      grep -v ' INFO ' "$LOG" | tail -n 5 | cut -c1-400 >&2 || true
      rm -f "$PIDFILE"
      exit 1
    fi
    ((SECONDS < deadline)) || die "Neo4j not ready after ${START_TIMEOUT}s (pid $pid still running); see $LOG"
    sleep 0.5
  done
}

cmd_down() {
  local pid
  if ! pid=$(running_pid); then
    rm -f "$PIDFILE" "$READY"
    log "not running"
    return 0
  fi
  log "stopping Neo4j (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      log "still running after ${STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.2
  done
  rm -f "$PIDFILE" "$READY"
  log "stopped"
}

cmd_reset() {
  cmd_down
  rm -rf "$DATA"
  log "deleted $DATA"
}

cmd_port() {
  local pid
  pid=$(running_pid) || { log "not running"; exit 1; }
  running_port
}

# The import runs into a staging home beside the data while Neo4j still
# serves; Neo4j is stopped only to swap the database's directories, so a
# failed import leaves the database as it was.
cmd_import() {
  local dir=${1:-}
  [[ -n $dir && -f $dir/import.args ]] || die "usage: $0 import DIR, with DIR/import.args (kgql load --bulk writes it)"
  need java "install a JDK 17+ (e.g. apt-get install openjdk-17-jdk-headless)"
  local pid
  if pid=$(running_pid) && [[ $(running_port) != "$PORT" ]]; then
    die "this repo's Neo4j runs on port $(running_port), not $PORT: not importing into it"
  fi
  build_if_needed
  local args=()
  mapfile -t args <"$dir/import.args"
  local staging=$DATA/import-staging db=neo4j
  mkdir -p "$RUN"
  rm -rf "$staging"
  mkdir -p "$staging"
  log "importing $dir into a new database (staging $staging)"
  local start=$SECONDS
  # org.neo4j.cli.AdminTool is neo4j-admin; its import tool is on the classpath (neo4j-import-tool).
  NEO4J_HOME=$staging java -Xmx1g -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    -cp "$PROJ/target/classes:$PROJ/target/dependency/*" org.neo4j.cli.AdminTool \
    database import full --bad-tolerance=0 --report-file="$staging/import.report" \
    --max-off-heap-memory="${NEO4J_IMPORT_MEMORY:-2g}" "${args[@]}" "$db" >"$RUN/import.log" 2>&1 ||
    { grep -v '^\.\.\.' "$RUN/import.log" | tail -n 20 >&2; rm -rf "$staging"; die "import failed (log: $RUN/import.log); the database is unchanged"; }
  log "imported in $((SECONDS - start))s: $(grep -E '^ +[0-9]+ (nodes|relationships)$' "$RUN/import.log" | tr -s ' \n' ' ')"
  cmd_down
  local d
  for d in databases transactions; do
    mkdir -p "$DATA/data/$d"
    rm -rf "$DATA/data/$d/$db"
    mv "$staging/data/$d/$db" "$DATA/data/$d/$db"
  done
  rm -rf "$staging"
  cmd_up
}

cmd_status() {
  local pid
  pid=$(running_pid) || { log "not running"; exit 1; }
  log "running: pid $pid, bolt://127.0.0.1:$(running_port), log $LOG"
  PORT=$(running_port) ping
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  reset) cmd_reset ;;
  status) cmd_status ;;
  port) cmd_port ;;
  import) cmd_import "${2:-}" ;;
  *) echo "usage: $0 up|down|reset|status|port|import DIR" >&2; exit 2 ;;
esac
