#!/usr/bin/env bash
# The test command: sets up what the tests need on a fresh machine, builds, runs every test project.
#   tests/run.sh                 everything
#   tests/run.sh --filter Name   passes dotnet test options through
set -euo pipefail
cd "$(dirname "$0")/.."

# From Debian's packages: RabbitMQ (the broker tests start their own node from it: own name, port, data dir),
# Chromium (the HTML report is rendered headless), chromium-driver (the console's browser tests drive it),
# Prometheus (it scrapes the services in MetricsTests), python3-pika (the non-.NET sample publisher of returns) and
# PyTorch with ONNX (RetrainingTests run the real models/training/train.sh on a tiny dataset), qemu-user and gcc
# (CrossProcessorParityTests score the model as an AVX2 processor without AVX-512/VNNI computes it), iproute2 (the
# cluster tests give each broker node and service a host of its own in a network namespace: ip netns, veth, bridge).
missing=()
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
[ -x /usr/bin/prometheus ] || missing+=(prometheus)
/usr/bin/python3 -c 'import pika' >/dev/null 2>&1 || missing+=(python3-pika) # the sample upstream publisher (ops/upstream)
/usr/bin/python3 -c 'import torch, torchvision, onnx' >/dev/null 2>&1 || missing+=(python3-torch python3-torchvision python3-onnx)
command -v qemu-x86_64 >/dev/null 2>&1 || missing+=(qemu-user)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]} (Debian packages)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== restore and build (Release)"
dotnet restore Returns.sln --nologo -v quiet
dotnet build Returns.sln -c Release --no-restore --nologo -v quiet -clp:ErrorsOnly

echo "== test"
log=$(mktemp)
status=0
dotnet test Returns.sln -c Release --no-build --nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

# One closing line over all test projects; skipped tests are listed with their reasons above it.
count() { { grep -oE "^ +$1: +[0-9]+" "$log" || true; } | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed); failed=$(count Failed); skipped=$(count Skipped)
rm -f "$log"
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
