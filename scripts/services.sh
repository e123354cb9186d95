#!/usr/bin/env bash
# Make PostgreSQL and Redis reachable for `npm start` and the jest global setup.
#
#   bash scripts/services.sh [start]   find or start both services; print
#                                      DATABASE_URL=... and REDIS_URL=... on stdout
#   bash scripts/services.sh stop      stop only what this script started
#   bash scripts/services.sh status    show what is running
#
# Usage from a shell:   eval "$(bash scripts/services.sh)"
#
# Resolution order (start):
#   PostgreSQL: $DATABASE_URL -> project-local server already running
#               -> postgres:postgres@127.0.0.1:5432 -> start project-local server
#               (.data/postgres, 127.0.0.1:54329, role plenary/plenary, superuser)
#   Redis:      $REDIS_URL -> project-local server already running
#               -> 127.0.0.1:6379 -> start project-local redis-server
#               (127.0.0.1:63799, no persistence; apt-get installs it if root)
#   A DATABASE_URL/REDIS_URL that points at the project-local port but does not
#   answer makes the script start the project-local server; any other
#   unreachable URL is an error (exit 1).
#   Two checkouts side by side: when the project-local port is held by a server
#   that is not this checkout's (another clone's .data), the script picks the
#   next free port, says so in one line, and keeps it in .data/<service>.port so
#   later runs of this checkout find its own server again.
#
# Everything human-readable goes to stderr; stdout carries only KEY=value lines.
set -euo pipefail

# Real stdout is kept on fd 3; everything else (including noisy tools) goes to stderr.
exec 3>&1 1>&2

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
DATA="$ROOT/.data"
LOCK_FILE="$DATA/services.lock"

PG_DIR="$DATA/postgres"
PG_LOG="$DATA/postgres.log"
PG_MARKER="$DATA/started-postgres"
PG_PORT_FILE="$DATA/postgres.port"
PG_PORT="$(cat "$PG_PORT_FILE" 2>/dev/null || echo 54329)"
PG_USER=plenary
PG_PASS=plenary
PG_DB=plenary
PG_OS_USER=plenarypg
LOCAL_DATABASE_URL="postgresql://$PG_USER:$PG_PASS@127.0.0.1:$PG_PORT/$PG_DB"
SYSTEM_PG_ADMIN_URL="postgresql://postgres:postgres@127.0.0.1:5432/postgres"

REDIS_PORT_FILE="$DATA/redis.port"
REDIS_PORT="$(cat "$REDIS_PORT_FILE" 2>/dev/null || echo 63799)"
REDIS_DIR="$DATA/redis"
REDIS_LOG="$DATA/redis.log"
REDIS_PID="$DATA/redis.pid"
REDIS_MARKER="$DATA/started-redis"
LOCAL_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"

WAIT_SECS=30

log() { printf 'services: %s\n' "$*" >&2; }
die() { printf 'services: ERROR: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# Does anything accept TCP connections on 127.0.0.1:$1?
port_taken() { (exec 8<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The first port after $1 that nothing listens on.
next_free_port() {
  local port
  for ((port = $1 + 1; port < $1 + 200; port++)); do
    port_taken "$port" || { echo "$port"; return 0; }
  done
  die "no free port between $(($1 + 1)) and $(($1 + 199))"
}

# Call inside a subshell before launching anything long-lived: daemons must not
# inherit our lock fd, our real stdout (fd 3) or any pipe the caller passed down,
# otherwise `$(bash scripts/services.sh)` or a parent waiting for EOF would hang.
close_extra_fds() {
  local f fd
  for f in /proc/$BASHPID/fd/*; do
    fd="${f##*/}"
    [[ "$fd" =~ ^[0-9]+$ ]] && [ "$fd" -gt 2 ] && { exec {fd}>&-; } 2>/dev/null
  done
  return 0
}

# ---------------------------------------------------------------- PostgreSQL --

PG_BIN=""   # directory holding initdb/pg_ctl/postgres (resolved lazily)

find_pg_bin() {
  [ -n "$PG_BIN" ] && return 0
  local cand=() d p
  # If a cluster already exists, prefer binaries of its major version.
  if [ -f "$PG_DIR/PG_VERSION" ]; then
    cand+=("/usr/lib/postgresql/$(cat "$PG_DIR/PG_VERSION")/bin")
  fi
  if p="$(command -v initdb 2>/dev/null)"; then
    cand+=("$(dirname "$(readlink -f "$p")")" "$(dirname "$p")")
  fi
  while IFS= read -r d; do cand+=("$d"); done < <(
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4 -V -r)
  for d in "${cand[@]}"; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then PG_BIN="$d"; return 0; fi
  done
  return 1
}

# A client tool (psql, pg_isready, createdb): PATH first, then the server bin dir.
pg_tool() {
  local name="$1" d
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  find_pg_bin || true
  for d in "$PG_BIN" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4 -V -r); do
    [ -n "$d" ] && [ -x "$d/$name" ] && { echo "$d/$name"; return 0; }
  done
  return 1
}

PSQL="$(pg_tool psql || true)"
PG_ISREADY="$(pg_tool pg_isready || true)"

# Does a server answer the given connection URL (and accept a query)?
pg_answers() {
  local url="$1"
  if [ -n "$PG_ISREADY" ]; then
    timeout 10 "$PG_ISREADY" -q -t 3 -d "$url" </dev/null >/dev/null 2>&1 || return 1
  fi
  if [ -n "$PSQL" ]; then
    PGCONNECT_TIMEOUT=3 timeout 10 "$PSQL" "$url" -XqtAc 'select 1' </dev/null >/dev/null 2>&1 || return 1
  fi
  [ -n "$PG_ISREADY$PSQL" ] || die "neither pg_isready nor psql found (apt-get install postgresql-client)"
}

# Only whether something accepts connections on host:port (no auth needed).
pg_port_ready() {
  if [ -n "$PG_ISREADY" ]; then
    timeout 10 "$PG_ISREADY" -q -t 2 -h "$1" -p "$2" </dev/null >/dev/null 2>&1
  else
    (exec 8<>"/dev/tcp/$1/$2") 2>/dev/null
  fi
}

# Run a command as the OS user that owns the project-local cluster.
run_as_pg() {
  if ! is_root; then "$@"; return; fi
  if command -v runuser >/dev/null 2>&1; then
    runuser -u "$PG_OS_USER" -- "$@"
  else
    su -s /bin/sh "$PG_OS_USER" -c "$(printf '%q ' "$@")"
  fi
}

pg_socket_dir() {
  local d="$DATA/pgsock"
  # unix socket paths are limited to ~107 bytes; fall back to /tmp for deep repos.
  if [ $(( ${#d} + 16 )) -gt 100 ]; then
    d="/tmp/plenarypg-$(printf '%s' "$ROOT" | md5sum | cut -c1-10)"
  fi
  echo "$d"
}

local_pg_running() {
  [ -f "$PG_DIR/postmaster.pid" ] || return 1
  local pid port
  pid="$(head -n1 "$PG_DIR/postmaster.pid" 2>/dev/null || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # The server's own port (line 4 of postmaster.pid), whatever the port file says.
  port="$(sed -n 4p "$PG_DIR/postmaster.pid" 2>/dev/null || true)"
  [[ "$port" =~ ^[0-9]+$ ]] && set_pg_port "$port"
  pg_port_ready 127.0.0.1 "$PG_PORT"
}

# Read after the port is settled: starting the server may move it.
local_admin_url() { echo "postgresql://$PG_USER:$PG_PASS@127.0.0.1:$PG_PORT/postgres"; }

set_pg_port() {
  PG_PORT="$1"
  LOCAL_DATABASE_URL="postgresql://$PG_USER:$PG_PASS@127.0.0.1:$PG_PORT/$PG_DB"
}

# Called only when this checkout's server is not running: a server on its port
# belongs to someone else (another clone), so move to a free port.
claim_free_pg_port() {
  port_taken "$PG_PORT" || return 0
  local free
  free="$(next_free_port "$PG_PORT")"
  log "postgres: port $PG_PORT is held by a server that is not this checkout's; using port $free (kept in .data/postgres.port)"
  set_pg_port "$free"
  printf '%s\n' "$PG_PORT" >"$PG_PORT_FILE"
}

ensure_pg_os_user() {
  is_root || return 0
  if ! getent passwd "$PG_OS_USER" >/dev/null; then
    log "creating system user $PG_OS_USER (initdb/postgres refuse to run as root)"
    useradd --system --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin --user-group "$PG_OS_USER" \
      || getent passwd "$PG_OS_USER" >/dev/null \
      || die "could not create system user $PG_OS_USER"
  fi
  # Every component leading to .data must be traversable by that user (top-down).
  local d="$DATA" dirs=()
  while :; do
    dirs=("$d" "${dirs[@]}")
    [ "$d" = "/" ] && break
    d="$(dirname "$d")"
  done
  for d in "${dirs[@]}"; do
    if ! run_as_pg test -x "$d" 2>/dev/null; then
      log "chmod o+x $d (so $PG_OS_USER can reach .data)"
      chmod o+x "$d"
    fi
  done
}

init_local_pg() {
  log "initialising project-local cluster in $PG_DIR ($PG_BIN)"
  rm -rf "$PG_DIR"
  mkdir -p "$PG_DIR"
  local pwfile
  pwfile="$(mktemp "$DATA/.pgpw.XXXXXX")"
  printf '%s\n' "$PG_PASS" >"$pwfile"
  if is_root; then chown "$PG_OS_USER:" "$PG_DIR" "$pwfile"; fi
  chmod 700 "$PG_DIR"
  if ! (cd "$DATA" && close_extra_fds && run_as_pg "$PG_BIN/initdb" -D "$PG_DIR" -U "$PG_USER" \
          --pwfile="$pwfile" --auth=trust -E UTF8 --no-locale </dev/null >"$DATA/initdb.log" 2>&1); then
    rm -f "$pwfile"
    cat "$DATA/initdb.log" >&2
    die "initdb failed (log: $DATA/initdb.log)"
  fi
  rm -f "$pwfile"
  cat >>"$PG_DIR/postgresql.conf" <<EOF

# ---- added by scripts/services.sh (project-local test server) ----
listen_addresses = '127.0.0.1'
port = $PG_PORT
max_connections = 300
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

start_local_pg() {
  find_pg_bin || die "PostgreSQL server binaries not found (initdb/pg_ctl on PATH or /usr/lib/postgresql/*/bin); install with: sudo apt-get install postgresql"
  ensure_pg_os_user
  if [ ! -f "$PG_DIR/PG_VERSION" ]; then init_local_pg; fi
  claim_free_pg_port

  local sock
  sock="$(pg_socket_dir)"
  mkdir -p "$sock"
  touch "$PG_LOG"
  if is_root; then chown "$PG_OS_USER:" "$sock" "$PG_LOG"; fi
  chmod 700 "$sock"

  log "starting project-local postgres ($PG_DIR, port $PG_PORT)"
  if ! (cd "$DATA" && close_extra_fds && run_as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_LOG" \
          -w -t "$WAIT_SECS" -o "-p $PG_PORT -k '$sock' -c listen_addresses=127.0.0.1" start \
          </dev/null >"$DATA/pg_ctl.log" 2>&1); then
    cat "$DATA/pg_ctl.log" >&2 || true
    tail -n 20 "$PG_LOG" >&2 || true
    die "pg_ctl start failed (log: $PG_LOG)"
  fi
  local i
  for ((i = 0; i < WAIT_SECS * 2; i++)); do
    pg_port_ready 127.0.0.1 "$PG_PORT" && break
    sleep 0.5
  done
  pg_port_ready 127.0.0.1 "$PG_PORT" || die "postgres did not answer on 127.0.0.1:$PG_PORT within ${WAIT_SECS}s (log: $PG_LOG)"
  printf 'pid=%s\nport=%s\ndatadir=%s\nstarted=%s\n' \
    "$(head -n1 "$PG_DIR/postmaster.pid")" "$PG_PORT" "$PG_DIR" "$(date -Is)" >"$PG_MARKER"
}

# Create database $2 on the server reached via admin URL $1 if it is missing.
ensure_database() {
  local admin_url="$1" db="$2" exists
  [ -n "$PSQL" ] || die "psql is required to create database $db (apt-get install postgresql-client)"
  exists="$("$PSQL" "$admin_url" -XqtAc "select 1 from pg_database where datname = '$db'" </dev/null)"
  if [ "$exists" != "1" ]; then
    log "creating database $db"
    "$PSQL" "$admin_url" -Xq -v ON_ERROR_STOP=1 -c "create database \"$db\"" </dev/null >/dev/null 2>"$DATA/.createdb.err" || {
      # a concurrent creator (outside our lock) is fine
      grep -q 'already exists' "$DATA/.createdb.err" || { cat "$DATA/.createdb.err" >&2; die "could not create database $db"; }
    }
    rm -f "$DATA/.createdb.err"
  fi
}

resolve_postgres() {
  if [ -n "${DATABASE_URL:-}" ]; then
    if pg_answers "$DATABASE_URL"; then
      log "postgres: using DATABASE_URL from environment"
      RESULT_DATABASE_URL="$DATABASE_URL"
      return
    fi
    # A DATABASE_URL pointing at our own (stopped) project-local server: start it.
    if [[ "$DATABASE_URL" =~ @(127\.0\.0\.1|localhost):$PG_PORT(/|$) ]]; then
      log "postgres: DATABASE_URL points at the project-local port $PG_PORT but does not answer; starting it"
      local_pg_running || start_local_pg
      ensure_database "$(local_admin_url)" "$PG_DB"
      pg_answers "$DATABASE_URL" || die "project-local postgres is up but DATABASE_URL still does not work: $DATABASE_URL"
      log "postgres: started (project-local, .data/postgres, port $PG_PORT); using DATABASE_URL from environment"
      RESULT_DATABASE_URL="$DATABASE_URL"
      return
    fi
    die "DATABASE_URL is set but does not answer: $DATABASE_URL"
  fi
  if local_pg_running; then
    [ -f "$PG_MARKER" ] || printf 'pid=%s\nport=%s\ndatadir=%s\nstarted=unknown\n' \
      "$(head -n1 "$PG_DIR/postmaster.pid")" "$PG_PORT" "$PG_DIR" >"$PG_MARKER"
    ensure_database "$(local_admin_url)" "$PG_DB"
    log "postgres: already running (project-local, .data/postgres, port $PG_PORT)"
    RESULT_DATABASE_URL="$LOCAL_DATABASE_URL"
    return
  fi
  if pg_port_ready 127.0.0.1 5432 && pg_answers "$SYSTEM_PG_ADMIN_URL"; then
    ensure_database "$SYSTEM_PG_ADMIN_URL" "$PG_DB"
    log "postgres: using existing server on 127.0.0.1:5432 (postgres/postgres)"
    RESULT_DATABASE_URL="postgresql://postgres:postgres@127.0.0.1:5432/$PG_DB"
    return
  fi
  start_local_pg
  ensure_database "$(local_admin_url)" "$PG_DB"
  log "postgres: started (project-local, .data/postgres, port $PG_PORT)"
  RESULT_DATABASE_URL="$LOCAL_DATABASE_URL"
}

stop_postgres() {
  if [ ! -f "$PG_MARKER" ]; then
    log "postgres: nothing to stop (no project-local server started by this script)"
    return
  fi
  if [ -f "$PG_DIR/postmaster.pid" ]; then
    find_pg_bin || die "pg_ctl not found; cannot stop postgres in $PG_DIR"
    log "postgres: stopping project-local server (port $PG_PORT)"
    (cd "$DATA" && close_extra_fds && run_as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w \
        -t "$WAIT_SECS" stop </dev/null >"$DATA/pg_ctl.log" 2>&1) || {
      local pid
      pid="$(head -n1 "$PG_DIR/postmaster.pid" 2>/dev/null || true)"
      if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        die "pg_ctl stop failed (pid $pid still alive; log: $PG_LOG)"
      fi
    }
    log "postgres: stopped"
  else
    log "postgres: project-local server was not running"
  fi
  rm -f "$PG_MARKER"
}

# --------------------------------------------------------------------- Redis --

REDIS_CLI="$(command -v redis-cli 2>/dev/null || true)"

# Send PING (after AUTH if the URL carries a password) to redis URL $1.
redis_answers() {
  local url="$1"
  if [ -n "$REDIS_CLI" ]; then
    [ "$(timeout 5 "$REDIS_CLI" -u "$url" --no-auth-warning ping </dev/null 2>/dev/null)" = "PONG" ]
    return
  fi
  local rest hostport auth="" host port db=""
  rest="${url#*://}"
  rest="${rest%%\?*}"
  if [[ "$rest" == *@* ]]; then auth="${rest%@*}"; rest="${rest##*@}"; fi
  hostport="${rest%%/*}"
  [[ "$rest" == */* ]] && db="${rest#*/}"
  host="${hostport%:*}"; port="${hostport##*:}"
  [ "$host" = "$hostport" ] && port=6379
  host="${host#[}"; host="${host%]}"
  [ -n "$host" ] || host=127.0.0.1
  local cmds="" n=1
  if [ -n "$auth" ]; then
    local user="${auth%%:*}" pass="${auth#*:}"
    [ "$user" = "$auth" ] && { pass="$auth"; user=""; }
    if [ -n "$user" ]; then cmds+="AUTH $user $pass"$'\r\n'; else cmds+="AUTH $pass"$'\r\n'; fi
    n=$((n + 1))
  fi
  [ -n "$db" ] && { cmds+="SELECT $db"$'\r\n'; n=$((n + 1)); }
  cmds+="PING"$'\r\n'
  # Inline commands; one reply line each (like redis-cli, AUTH/SELECT errors alone
  # do not count as failure: only the PING reply decides).
  timeout 5 bash -c '
    exec 8<>"/dev/tcp/$1/$2" || exit 1
    printf "%s" "$3" >&8
    for ((i = 0; i < $4; i++)); do
      IFS= read -r -t 3 line <&8 || exit 1
      case "$line" in +PONG*) exit 0 ;; esac
    done
    exit 1' _ "$host" "$port" "$cmds" "$n" 2>/dev/null
}

find_redis_server() {
  local p
  for p in "$(command -v redis-server 2>/dev/null || true)" /usr/bin/redis-server /usr/sbin/redis-server /usr/local/bin/redis-server; do
    [ -n "$p" ] && [ -x "$p" ] && { echo "$p"; return 0; }
  done
  return 1
}

install_redis() {
  if ! is_root || ! command -v apt-get >/dev/null 2>&1; then
    log "redis-server is not installed. Install it with:"
    log "    sudo apt-get install redis-server"
    log "or set REDIS_URL to a reachable Redis."
    exit 1
  fi
  local apt=(apt-get -o DPkg::Lock::Timeout=180 -o Acquire::Retries=3)
  log "redis-server not found; installing it with apt-get (this may take a moment)"
  if ! (close_extra_fds; DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y \
          --no-install-recommends redis-server </dev/null >"$DATA/apt.log" 2>&1); then
    log "apt-get install failed; running apt-get update and retrying"
    local i
    for i in 1 2 3; do
      (close_extra_fds; DEBIAN_FRONTEND=noninteractive "${apt[@]}" update </dev/null >>"$DATA/apt.log" 2>&1) && break
      sleep 10   # probably another apt-get update holding the lists lock
    done
    (close_extra_fds; DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y \
        --no-install-recommends redis-server </dev/null >>"$DATA/apt.log" 2>&1) || {
        tail -n 20 "$DATA/apt.log" >&2
        die "apt-get install redis-server failed (log: $DATA/apt.log)"
      }
  fi
  log "redis-server installed"
}

set_redis_port() {
  REDIS_PORT="$1"
  LOCAL_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
}

# Called only when this checkout's redis is not running (see claim_free_pg_port).
claim_free_redis_port() {
  port_taken "$REDIS_PORT" || return 0
  local free
  free="$(next_free_port "$REDIS_PORT")"
  log "redis: port $REDIS_PORT is held by a server that is not this checkout's; using port $free (kept in .data/redis.port)"
  set_redis_port "$free"
  printf '%s\n' "$REDIS_PORT" >"$REDIS_PORT_FILE"
}

local_redis_running() {
  [ -f "$REDIS_PID" ] || return 1
  local pid
  pid="$(cat "$REDIS_PID" 2>/dev/null || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  redis_answers "$LOCAL_REDIS_URL"
}

start_local_redis() {
  local bin
  bin="$(find_redis_server)" || { install_redis; bin="$(find_redis_server)" || die "redis-server still not found after install"; }
  # A stale pidfile from a crashed/killed server would only confuse us.
  rm -f "$REDIS_PID"
  mkdir -p "$REDIS_DIR"
  claim_free_redis_port
  log "starting project-local redis-server (port $REDIS_PORT)"
  (cd "$REDIS_DIR" && close_extra_fds && "$bin" --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes \
      --pidfile "$REDIS_PID" --logfile "$REDIS_LOG" --dir "$REDIS_DIR" \
      --save '' --appendonly no \
      </dev/null >>"$REDIS_LOG" 2>&1) || {
    tail -n 20 "$REDIS_LOG" >&2 || true
    die "redis-server failed to start (log: $REDIS_LOG)"
  }
  local i
  for ((i = 0; i < WAIT_SECS * 4; i++)); do
    redis_answers "$LOCAL_REDIS_URL" && break
    sleep 0.25
  done
  redis_answers "$LOCAL_REDIS_URL" || { tail -n 20 "$REDIS_LOG" >&2 || true; die "redis did not answer on 127.0.0.1:$REDIS_PORT within ${WAIT_SECS}s (log: $REDIS_LOG)"; }
  for ((i = 0; i < 20; i++)); do [ -s "$REDIS_PID" ] && break; sleep 0.1; done
  local_redis_running || { tail -n 20 "$REDIS_LOG" >&2 || true; die "something answers on 127.0.0.1:$REDIS_PORT but it is not our redis-server (port taken? log: $REDIS_LOG)"; }
  printf 'pid=%s\nport=%s\nstarted=%s\n' "$(cat "$REDIS_PID" 2>/dev/null || echo unknown)" \
    "$REDIS_PORT" "$(date -Is)" >"$REDIS_MARKER"
}

resolve_redis() {
  if [ -n "${REDIS_URL:-}" ]; then
    if redis_answers "$REDIS_URL"; then
      log "redis: using REDIS_URL from environment"
      RESULT_REDIS_URL="$REDIS_URL"
      return
    fi
    # A REDIS_URL pointing at our own (stopped) project-local server: start it.
    if [[ "$REDIS_URL" =~ ^rediss?://([^@/]*@)?(127\.0\.0\.1|localhost):$REDIS_PORT(/|$) ]]; then
      log "redis: REDIS_URL points at the project-local port $REDIS_PORT but does not answer; starting it"
      local_redis_running || start_local_redis
      redis_answers "$REDIS_URL" || die "project-local redis is up but REDIS_URL still does not answer: $REDIS_URL"
      log "redis: started (project-local, .data/redis, port $REDIS_PORT); using REDIS_URL from environment"
      RESULT_REDIS_URL="$REDIS_URL"
      return
    fi
    die "REDIS_URL is set but does not answer PING: $REDIS_URL"
  fi
  if local_redis_running; then
    [ -f "$REDIS_MARKER" ] || printf 'pid=%s\nport=%s\nstarted=unknown\n' \
      "$(cat "$REDIS_PID")" "$REDIS_PORT" >"$REDIS_MARKER"
    log "redis: already running (project-local, port $REDIS_PORT)"
    RESULT_REDIS_URL="$LOCAL_REDIS_URL"
    return
  fi
  if redis_answers "redis://127.0.0.1:6379"; then
    log "redis: using existing server on 127.0.0.1:6379"
    RESULT_REDIS_URL="redis://127.0.0.1:6379"
    return
  fi
  start_local_redis
  log "redis: started (project-local, .data/redis, port $REDIS_PORT)"
  RESULT_REDIS_URL="$LOCAL_REDIS_URL"
}

stop_redis() {
  if [ ! -f "$REDIS_MARKER" ]; then
    log "redis: nothing to stop (no project-local server started by this script)"
    return
  fi
  local pid=""
  [ -f "$REDIS_PID" ] && pid="$(cat "$REDIS_PID" 2>/dev/null || true)"
  [ -n "$pid" ] || pid="$(sed -n 's/^pid=//p' "$REDIS_MARKER")"
  if [ -n "$pid" ] && [ "$pid" != unknown ] && kill -0 "$pid" 2>/dev/null \
     && grep -q redis "/proc/$pid/comm" 2>/dev/null; then
    log "redis: stopping project-local server (pid $pid, port $REDIS_PORT)"
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < WAIT_SECS * 10; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      log "redis: did not exit after SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "redis: stopped"
  else
    log "redis: project-local server was not running"
  fi
  rm -f "$REDIS_MARKER" "$REDIS_PID"
}

# -------------------------------------------------------------------- main --

with_lock() {
  mkdir -p "$DATA"
  chmod 755 "$DATA" 2>/dev/null || true
  exec 9>>"$LOCK_FILE"
  flock -w 300 9 || die "timed out waiting for $LOCK_FILE"
}

status() {
  local any=0
  if local_pg_running; then
    echo "postgres: running (project-local, .data/postgres, 127.0.0.1:$PG_PORT, pid $(head -n1 "$PG_DIR/postmaster.pid"))$([ -f "$PG_MARKER" ] || echo ', no marker')"
    echo "  DATABASE_URL=$LOCAL_DATABASE_URL"
    any=1
  else
    echo "postgres: project-local server not running$([ -f "$PG_MARKER" ] && echo ' (stale marker)')"
  fi
  if pg_port_ready 127.0.0.1 5432; then echo "postgres: something answers on 127.0.0.1:5432"; fi
  if [ -n "${DATABASE_URL:-}" ]; then
    if pg_answers "$DATABASE_URL"; then echo "postgres: DATABASE_URL answers ($DATABASE_URL)"; else echo "postgres: DATABASE_URL does NOT answer ($DATABASE_URL)"; fi
  fi
  if local_redis_running; then
    echo "redis: running (project-local, 127.0.0.1:$REDIS_PORT, pid $(cat "$REDIS_PID"))$([ -f "$REDIS_MARKER" ] || echo ', no marker')"
    echo "  REDIS_URL=$LOCAL_REDIS_URL"
    any=1
  else
    echo "redis: project-local server not running$([ -f "$REDIS_MARKER" ] && echo ' (stale marker)')"
  fi
  if redis_answers "redis://127.0.0.1:6379"; then echo "redis: something answers on 127.0.0.1:6379"; fi
  if [ -n "${REDIS_URL:-}" ]; then
    if redis_answers "$REDIS_URL"; then echo "redis: REDIS_URL answers ($REDIS_URL)"; else echo "redis: REDIS_URL does NOT answer ($REDIS_URL)"; fi
  fi
  [ "$any" = 1 ] || true
}

cmd="${1:-start}"
case "$cmd" in
  start)
    with_lock
    RESULT_DATABASE_URL=""
    RESULT_REDIS_URL=""
    resolve_postgres
    resolve_redis
    exec 9>&-
    printf 'DATABASE_URL=%s\nREDIS_URL=%s\n' "$RESULT_DATABASE_URL" "$RESULT_REDIS_URL" >&3
    ;;
  stop)
    with_lock
    stop_postgres
    stop_redis
    ;;
  status)
    status >&3
    ;;
  -h|--help|help)
    sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&3
    ;;
  *)
    die "unknown command '$cmd' (use: start | stop | status)"
    ;;
esac
