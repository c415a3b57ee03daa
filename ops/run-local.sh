#!/usr/bin/env bash
# Runs Returns distributed on one machine without Docker: a private RabbitMQ node, Results.Api, N
# Classifier.Worker processes, then drains an inbox through them with `returns run --workers external`.
# Everything stops after the drain unless --keep is given (then Ctrl+C stops it).
#   ops/run-local.sh [--workers N] [--inbox DIR] [--out DIR] [--data DIR] [--port AMQP_PORT] [--keep] [--no-build]
# Ports (PORT is --port, 5679 by default; all on 127.0.0.1): AMQP PORT, RabbitMQ management PORT+10000, Erlang
# distribution PORT+20000, Results.Api PORT+1, classifier worker i PORT+1+i (its /metrics and health).
set -euo pipefail
cd "$(dirname "$0")/.."
workers=2; inbox=services/Cli/sample-inbox; out=returns-report; data=returns-data/distributed; port=5679; keep=0; build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers=$2; shift 2 ;;
    --inbox) inbox=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-build) build=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
data=$(realpath -m "$data"); mkdir -p "$data"

if [ "$build" = 1 ]; then
  echo "== build (Release; --no-build skips it once built)"
  dotnet build services/Cli -c Release --nologo -v quiet -clp:ErrorsOnly
  dotnet build services/Classifier.Worker -c Release --nologo -v quiet -clp:ErrorsOnly
  dotnet build services/Results.Api -c Release --nologo -v quiet -clp:ErrorsOnly
fi

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  ops/rabbitmq-node.sh stop "$data/rabbitmq"
}
trap cleanup EXIT

# The node deletes guest and generates one password per service user into $data/rabbitmq/users.env (mode 600).
ops/rabbitmq-node.sh start "$data/rabbitmq" "$port"
ops/rabbitmq-node.sh users "$data/rabbitmq" /
# shellcheck disable=SC1091
source "$data/rabbitmq/users.env"

# Every process shares the broker, the claim-check folder and (on one machine) the SQLite results file; each
# connects as its own broker user.
export Messaging__Transport=RabbitMq Messaging__RabbitMq__Port=$port
export Messaging__ClaimCheckPath="$data/claim-check" Results__SqlitePath="$data/results.db"
export Logging__LogLevel__Default=Warning
as_user() { echo "Messaging__RabbitMq__Username=returns-$1 Messaging__RabbitMq__Password=$2"; }

# The results API refuses to start without an API key, and a worker's /metrics is closed without one: one fresh key for
# this session, with the read and metrics scopes, that every service accepts (its SHA-256 only is given to them).
session_key=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
export Authentication__ApiKeys__0__Name=run-local Authentication__ApiKeys__0__Scopes__0=read Authentication__ApiKeys__0__Scopes__1=metrics
export Authentication__ApiKeys__0__KeySha256="$(printf %s "$session_key" | sha256sum | cut -d' ' -f1)"
env $(as_user results "$RETURNS_RESULTS_PASSWORD") \
  dotnet services/Results.Api/bin/Release/net10.0/Returns.Results.Api.dll --urls http://127.0.0.1:$((port + 1)) \
  > "$data/results.log" 2>&1 &
pids+=($!)
for i in $(seq 1 "$workers"); do
  env $(as_user classifier "$RETURNS_CLASSIFIER_PASSWORD") Classifier__WorkerName="worker-$i" Classifier__IntraOpThreads=1 \
    dotnet services/Classifier.Worker/bin/Release/net10.0/Returns.Classifier.Worker.dll --urls http://127.0.0.1:$((port + 1 + i)) \
    > "$data/worker-$i.log" 2>&1 &
  pids+=($!)
done
echo "== results service on http://127.0.0.1:$((port + 1)) and $workers classifier workers on ports $((port + 2))-$((port + 1 + workers)) started (logs in $data)"
echo "   API key for this session (scopes read, metrics; every service): $session_key"
echo "   e.g. curl -H 'X-Api-Key: $session_key' http://127.0.0.1:$((port + 2))/metrics"

env RETURNS_Messaging__RabbitMq__Username=returns-ingest RETURNS_Messaging__RabbitMq__Password="$RETURNS_INGEST_PASSWORD" \
  dotnet services/Cli/bin/Release/net10.0/returns.dll run --workers external --inbox "$inbox" --out "$out" --data "$data" \
  --Messaging:RabbitMq:Port="$port"

if [ "$keep" = 1 ]; then
  echo "== --keep: everything stays up (broker amqp://127.0.0.1:$port, management http://127.0.0.1:$((port + 10000))); Ctrl+C stops it"
  while true; do sleep 3600; done
fi
