#!/usr/bin/env bash
# A private RabbitMQ node from Debian's rabbitmq-server: its own node name, ports and data folder, so it never
# touches a broker that may already run on the machine. Used by ops/run-local.sh and by the tests.
#   ops/rabbitmq-node.sh start DIR PORT [--prometheus]
#                                         AMQP on PORT, management API on PORT+10000 (dist port PORT+20000), all on
#                                         127.0.0.1; --prometheus adds rabbitmq_prometheus's metrics on PORT+30000
#   ops/rabbitmq-node.sh users DIR VHOST  creates VHOST and the per-service users on it (ops/rabbitmq-users.sh)
#   ops/rabbitmq-node.sh start DIR PORT --address IP
#                                         a cluster member on a host of its own (a network namespace in the tests): node
#                                         rabbit@IP (long names), every listener on IP, pause_minority, a 10 s net tick and
#                                         10 s AMQP heartbeats so that a cut link is noticed within a 30 s outage; the
#                                         members share DIR/.erlang.cookie and DIR/users.env, written before the first start
#   ops/rabbitmq-node.sh join DIR NODE    resets this node and joins it to NODE's cluster (rabbit@IP)
#   ops/rabbitmq-node.sh stop DIR
#   ops/rabbitmq-node.sh ctl DIR ARGS...  rabbitmqctl against that node
# Passwords are generated at the first start into DIR/users.env (mode 600): returns-admin (management), and the
# service users. guest is deleted.
set -euo pipefail
bin=/usr/lib/rabbitmq/bin
command=${1:?start, stop or ctl}
dir=$(realpath -m "${2:?data folder}")
shift 2

node_env() {
  # shellcheck disable=SC1091
  source "$dir/node.env"
  export HOME="$dir" RABBITMQ_NODENAME="returns-$port@localhost" RABBITMQ_NODE_PORT="$port"
  if [ -n "${address:-}" ]; then
    export RABBITMQ_NODENAME="rabbit@$address" RABBITMQ_USE_LONGNAME=true
  fi
  export RABBITMQ_DIST_PORT=$((port + 20000)) RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
  export RABBITMQ_PLUGINS_EXPAND_DIR="$dir/plugins" RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
  # epmd and the Erlang distribution port answer on loopback only: they grant full control of the node.
  export ERL_EPMD_ADDRESS=${address:-127.0.0.1}
}

secret() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }

case "$command" in
  start)
    port=${1:?AMQP port}
    address=""; prometheus=""
    case "${2:-}" in
      --prometheus) prometheus=1 ;;
      --address) address=${3:?IP address} ;;
    esac
    mkdir -p "$dir"
    { echo "port=$port"; echo "address=$address"; } > "$dir/node.env"
    ip=${address:-127.0.0.1}
    cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.default = $ip:$port
management.tcp.ip = $ip
management.tcp.port = $((port + 10000))
CONF
    if [ -n "$prometheus" ]; then
      echo "[rabbitmq_management,rabbitmq_prometheus]." > "$dir/enabled_plugins"
      printf 'prometheus.tcp.ip = 127.0.0.1\nprometheus.tcp.port = %s\n' $((port + 30000)) >> "$dir/rabbitmq.conf"
    else
      echo "[rabbitmq_management]." > "$dir/enabled_plugins"
    fi
    if [ -n "$address" ]; then
      # The minority side of a partition pauses (closes its client connections, which move to the majority) and
      # resumes by itself once healed: no operator restarts a node, as autoheal or ignore would need.
      printf 'cluster_partition_handling = pause_minority\nheartbeat = 10\n' >> "$dir/rabbitmq.conf"
      echo "[{kernel, [{inet_dist_use_interface, {${address//./,}}}, {net_ticktime, 10}]}]." > "$dir/advanced.config"
    else
      echo "[{kernel, [{inet_dist_use_interface, {127,0,0,1}}]}]." > "$dir/advanced.config"
    fi
    if [ ! -f "$dir/users.env" ]; then
      (umask 077; {
        echo "RETURNS_ADMIN_PASSWORD=$(secret)"
        echo "RETURNS_INGEST_PASSWORD=$(secret)"
        echo "RETURNS_CLASSIFIER_PASSWORD=$(secret)"
        echo "RETURNS_RESULTS_PASSWORD=$(secret)"
        echo "RETURNS_OPS_PASSWORD=$(secret)"
      } > "$dir/users.env")
    fi
    grep -q RETURNS_STAFF_PASSWORD "$dir/users.env" || echo "RETURNS_STAFF_PASSWORD=$(secret)" >> "$dir/users.env"
    grep -q RETURNS_UPSTREAM_PASSWORD "$dir/users.env" || echo "RETURNS_UPSTREAM_PASSWORD=$(secret)" >> "$dir/users.env"
    node_env
    nohup "$bin/rabbitmq-server" >> "$dir/server.out" 2>&1 &
    echo $! > "$dir/server.pid"
    # await_startup fails at once until the node has registered with epmd, so ask again until it answers.
    for attempt in $(seq 1 120); do
      "$bin/rabbitmqctl" -q -n "$RABBITMQ_NODENAME" await_startup --timeout 5 >/dev/null 2>&1 && break
      kill -0 "$(cat "$dir/server.pid")" 2>/dev/null || { tail -20 "$dir/server.out" >&2; exit 1; }
      [ "$attempt" -lt 120 ] || { echo "rabbitmq node did not start" >&2; exit 1; }
      sleep 1
    done
    # shellcheck disable=SC1091
    source "$dir/users.env"
    bin_ctl=("$bin/rabbitmqctl" -q -n "$RABBITMQ_NODENAME")
    "${bin_ctl[@]}" list_users -s | awk '{print $1}' | grep -qx returns-admin \
      || "${bin_ctl[@]}" add_user returns-admin "$RETURNS_ADMIN_PASSWORD" >/dev/null
    "${bin_ctl[@]}" set_user_tags returns-admin administrator >/dev/null
    "${bin_ctl[@]}" delete_user guest >/dev/null 2>&1 || true
    echo "rabbitmq node $RABBITMQ_NODENAME up: amqp://$ip:$port, management http://$ip:$((port + 10000))"
    ;;
  stop)
    [ -f "$dir/node.env" ] || exit 0
    node_env
    "$bin/rabbitmqctl" -q -n "$RABBITMQ_NODENAME" stop >/dev/null 2>&1 || true
    if [ -f "$dir/server.pid" ]; then
      pid=$(cat "$dir/server.pid")
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$dir/server.pid"
    fi
    ;;
  users)
    vhost=${1:?virtual host}
    node_env
    # shellcheck disable=SC1091
    source "$dir/users.env"
    RABBITMQCTL="$bin/rabbitmqctl -q -n $RABBITMQ_NODENAME" RETURNS_INGEST_PASSWORD="$RETURNS_INGEST_PASSWORD" \
      RETURNS_CLASSIFIER_PASSWORD="$RETURNS_CLASSIFIER_PASSWORD" RETURNS_RESULTS_PASSWORD="$RETURNS_RESULTS_PASSWORD" \
      RETURNS_STAFF_PASSWORD="$RETURNS_STAFF_PASSWORD" RETURNS_OPS_PASSWORD="$RETURNS_OPS_PASSWORD" \
      RETURNS_UPSTREAM_PASSWORD="$RETURNS_UPSTREAM_PASSWORD" \
      "$(dirname "$0")/rabbitmq-users.sh" "$vhost"
    "$bin/rabbitmqctl" -q -n "$RABBITMQ_NODENAME" set_permissions -p "$vhost" returns-admin '.*' '.*' '.*' >/dev/null
    ;;
  join)
    seed=${1:?node to join, rabbit@IP}
    node_env
    ctl=("$bin/rabbitmqctl" -q -n "$RABBITMQ_NODENAME")
    "${ctl[@]}" stop_app >/dev/null
    "${ctl[@]}" reset >/dev/null
    "${ctl[@]}" join_cluster "$seed" >/dev/null
    "${ctl[@]}" start_app >/dev/null
    "${ctl[@]}" await_startup --timeout 120 >/dev/null
    ;;
  ctl)
    node_env
    exec "$bin/rabbitmqctl" -q -n "$RABBITMQ_NODENAME" "$@"
    ;;
  *)
    echo "unknown command $command" >&2; exit 2 ;;
esac
