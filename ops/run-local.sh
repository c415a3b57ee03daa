#!/usr/bin/env bash
# Runs Returns distributed on one machine without Docker: a private RabbitMQ node, Results.Api, N
# Classifier.Worker processes, then drains an inbox through them with `returns run --workers external`.
#   ops/run-local.sh [--workers N] [--inbox DIR] [--out DIR] [--data DIR] [--port AMQP_PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
workers=2; inbox=services/Cli/sample-inbox; out=returns-report; data=returns-data/distributed; port=5679
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers=$2; shift 2 ;;
    --inbox) inbox=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
data=$(realpath -m "$data"); mkdir -p "$data"

echo "== build"
dotnet build services/Cli -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build services/Classifier.Worker -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build services/Results.Api -c Release --nologo -v quiet -clp:ErrorsOnly

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  ops/rabbitmq-node.sh stop "$data/rabbitmq"
}
trap cleanup EXIT

ops/rabbitmq-node.sh start "$data/rabbitmq" "$port"

# Every process shares the broker, the claim-check folder and (on one machine) the SQLite results file.
export Messaging__Transport=RabbitMq Messaging__RabbitMq__Port=$port
export Messaging__ClaimCheckPath="$data/claim-check" Results__SqlitePath="$data/results.db"
export Logging__LogLevel__Default=Warning

dotnet services/Results.Api/bin/Release/net10.0/Returns.Results.Api.dll --urls http://127.0.0.1:$((port + 1)) \
  > "$data/results.log" 2>&1 &
pids+=($!)
for i in $(seq 1 "$workers"); do
  Classifier__WorkerName="worker-$i" Classifier__IntraOpThreads=1 \
    dotnet services/Classifier.Worker/bin/Release/net10.0/Returns.Classifier.Worker.dll --urls http://127.0.0.1:$((port + 1 + i)) \
    > "$data/worker-$i.log" 2>&1 &
  pids+=($!)
done
echo "== results service and $workers classifier workers started (logs in $data)"

dotnet services/Cli/bin/Release/net10.0/returns.dll run --workers external --inbox "$inbox" --out "$out" --data "$data" \
  --Messaging:RabbitMq:Port="$port"
