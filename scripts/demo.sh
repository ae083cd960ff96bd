#!/usr/bin/env bash
# tournee demo: installs what is missing, starts Redis (AOF on, data under var/), the API and a
# worker, plans the Lyon sample day, prints the plan, and leaves the server running.
#
#   bash scripts/demo.sh          start (or restart) everything and plan the sample day
#   bash scripts/demo.sh stop     stop what the demo started
#
# Environment: REDIS_URL (use that Redis instead of starting one), TOURNEE_PORT (default 3000),
# TOURNEE_DEMO_REDIS_PORT (default 6380, the Redis the demo starts), TOURNEE_DATA_DIR (default var/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
DATA=${TOURNEE_DATA_DIR:-$ROOT/var}
RUN="$DATA/demo"
PORT=${TOURNEE_PORT:-3000}
REDIS_PORT=${TOURNEE_DEMO_REDIS_PORT:-6380}
URL="http://127.0.0.1:$PORT"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31mdemo: %s\033[0m\n' "$*" >&2; exit 1; }

stop_pid() { # stop_pid NAME: stops the process whose pid the demo recorded
  local file="$RUN/$1.pid"
  [ -f "$file" ] || return 0
  local pid; pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

stop_all() {
  stop_pid worker
  stop_pid api
  if [ -f "$RUN/redis.pid" ]; then
    redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || stop_pid redis
    rm -f "$RUN/redis.pid"
  fi
}

if [ "${1:-}" = "stop" ]; then
  stop_all
  say "stopped"
  exit 0
fi

# --- Node and packages -------------------------------------------------------------------------
command -v node >/dev/null || die "Node.js 20 or newer is needed: https://nodejs.org (or apt-get install nodejs on Debian 13+)"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' ||
  die "Node.js $(node --version) is too old: tournee needs Node 20 or newer"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci; better-sqlite3 compiles from source, a few minutes the first time)"
  npm ci --no-audit --no-fund
fi
mkdir -p "$RUN"

# --- Redis -------------------------------------------------------------------------------------
stop_all
if [ -n "${REDIS_URL:-}" ]; then
  say "using the Redis at REDIS_URL"
else
  if ! command -v redis-server >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "installing redis-server (apt)"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    else
      die "Redis is missing. Install it with:  sudo apt-get install -y redis-server
      then run this script again; or point it at a running Redis:  REDIS_URL=redis://host:6379 bash scripts/demo.sh"
    fi
  fi
  mkdir -p "$DATA/redis"
  say "starting Redis on 127.0.0.1:$REDIS_PORT (AOF on, data in ${DATA#"$ROOT"/}/redis)"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DATA/redis" --appendonly yes \
    --appendfsync everysec --daemonize yes --pidfile "$RUN/redis.pid" --logfile "$DATA/redis/redis.log" >/dev/null
  for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG || die "Redis did not start; see $DATA/redis/redis.log"
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
fi

# --- API and worker ----------------------------------------------------------------------------
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  die "port $PORT is already taken by another program; choose another with TOURNEE_PORT=3100 bash scripts/demo.sh"
fi
export TOURNEE_DATA_DIR="$DATA" TOURNEE_PORT="$PORT"
say "starting the API on $URL and one worker (logs in ${RUN#"$ROOT"/})"
nohup setsid node src/cli/tournee.mjs serve >"$RUN/api.log" 2>&1 </dev/null &
echo $! >"$RUN/api.pid"
nohup setsid node src/cli/tournee.mjs worker >"$RUN/worker.log" 2>&1 </dev/null &
echo $! >"$RUN/worker.pid"
healthy() { node -e "fetch('$URL/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; }
for _ in $(seq 1 150); do
  healthy && break
  kill -0 "$(cat "$RUN/api.pid")" 2>/dev/null || die "the API stopped; see $RUN/api.log:
$(tail -n 20 "$RUN/api.log")"
  sleep 0.2
done
healthy || die "the API is not healthy; see $RUN/api.log:
$(tail -n 20 "$RUN/api.log")"

# --- API keys (every API call needs one; the previous demo keys are revoked) --------------------
# planner: submits plans and reviews constraints; manager: reads the ledger; driver (made once the
# plan is there): the driver of its first route, who sees that route and flags odd legs.
for old in "$RUN"/*.key-id; do
  [ -f "$old" ] && { node src/cli/tournee.mjs keys revoke "$(cat "$old")" >/dev/null 2>&1 || true; rm -f "$old"; }
done
new_key() { # new_key NAME ROLE [DRIVER]: writes $RUN/NAME.key and $RUN/NAME.key-id
  local created
  created=$(node src/cli/tournee.mjs keys create --role "$2" --name "demo-$1" ${3:+--driver "$3"} --json) ||
    die "could not create the $1 API key"
  node -e 'console.log(JSON.parse(process.argv[1]).id)' "$created" >"$RUN/$1.key-id"
  (umask 077 && node -e 'console.log(JSON.parse(process.argv[1]).key)' "$created" >"$RUN/$1.key")
}
new_key planner planner
new_key manager manager
cp "$RUN/planner.key" "$RUN/api-key"
TOURNEE_API_KEY=$(cat "$RUN/planner.key")
export TOURNEE_API_KEY

# --- The sample day ----------------------------------------------------------------------------
say "planning the Lyon sample day (datasets/sample-day.json)"
node src/cli/tournee.mjs submit datasets/sample-day.json --url "$URL" --wait --out "$RUN/sample-day-plan.json" ||
  die "the sample day was not planned; see $RUN/api.log and $RUN/worker.log"

DRIVER=$(node -e 'const p = require(process.argv[1]); console.log(p.routes.find((r) => r.driverId)?.driverId ?? "")' \
  "$RUN/sample-day-plan.json")
[ -n "$DRIVER" ] && new_key driver driver "$DRIVER"

echo
say "tournee is running at $URL"
cat <<INFO
    web app:                 $URL/app/  (sign in with one of the keys below)
    API keys:                $RUN/planner.key  $RUN/manager.key  $RUN/driver.key (${DRIVER:-no driver})
    plan of the sample day:  $RUN/sample-day-plan.json
    try the API:             curl -H "Authorization: Bearer \$(cat $RUN/planner.key)" $URL/v1/plans
    more keys:               node src/cli/tournee.mjs keys create --role driver --driver driver-ev1 --name NAME
    API description:         $URL/openapi.json
    submit another day:      TOURNEE_API_KEY=\$(cat $RUN/planner.key) node src/cli/tournee.mjs submit FILE --url $URL --wait
    stop everything:         bash scripts/demo.sh stop
INFO
