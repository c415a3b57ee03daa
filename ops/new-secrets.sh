#!/usr/bin/env bash
# Generates every secret a deployment needs, once, into env files that are never committed (.gitignore):
#   ops/compose/*.env   for docker compose (one file per service: each sees only its own credentials)
#   ops/k8s/secrets/*.env   for kustomize's secretGenerator (the same values)
# Prints the API keys once; only their SHA-256 is stored in the services' files.
#   ops/new-secrets.sh [--force]
set -euo pipefail
cd "$(dirname "$0")"
[ "${1:-}" = "--force" ] || [ ! -f compose/ingest.env ] || { echo "secrets exist (ops/compose/*.env); --force replaces them" >&2; exit 1; }
secret() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }
sha256() { printf %s "$1" | sha256sum | cut -d' ' -f1; }
umask 077

admin=$(secret); ingest=$(secret); classifier=$(secret); results=$(secret); staff=$(secret); ops=$(secret); upstream=$(secret); mongo=$(secret); keyfile=$(secret)$(secret)
upload_key=$(secret)$(secret); read_key=$(secret)$(secret); admin_key=$(secret)$(secret)

broker() { # user password
  printf 'Messaging__RabbitMq__Username=%s\nMessaging__RabbitMq__Password=%s\n' "$1" "$2"
}
key() { # index name key scope
  printf 'Authentication__ApiKeys__%s__Name=%s\nAuthentication__ApiKeys__%s__KeySha256=%s\nAuthentication__ApiKeys__%s__Scopes__0=%s\n' \
    "$1" "$2" "$1" "$(sha256 "$3")" "$1" "$4"
}

for dir in compose k8s/secrets; do
  mkdir -p "$dir"
  printf 'RABBITMQ_DEFAULT_USER=returns-admin\nRABBITMQ_DEFAULT_PASS=%s\n' "$admin" > "$dir/rabbitmq.env"
  printf 'RETURNS_INGEST_PASSWORD=%s\nRETURNS_CLASSIFIER_PASSWORD=%s\nRETURNS_RESULTS_PASSWORD=%s\nRETURNS_STAFF_PASSWORD=%s\nRETURNS_OPS_PASSWORD=%s\nRETURNS_UPSTREAM_PASSWORD=%s\n' \
    "$ingest" "$classifier" "$results" "$staff" "$ops" "$upstream" > "$dir/rabbitmq-users.env"
  printf 'MONGO_INITDB_ROOT_USERNAME=returns\nMONGO_INITDB_ROOT_PASSWORD=%s\nMONGO_KEYFILE_CONTENT=%s\n' "$mongo" "$keyfile" > "$dir/mongodb.env"
  { broker returns-ingest "$ingest"; key 0 upstream "$upload_key" ingest; } > "$dir/ingest.env"
  broker returns-classifier "$classifier" > "$dir/classifier.env"
  { broker returns-results "$results"; key 0 dashboards "$read_key" read; key 1 operators "$admin_key" admin
    printf 'Results__MongoConnectionString=mongodb://returns:%s@mongodb:27017/?replicaSet=rs0&authSource=admin\n' "$mongo"; } > "$dir/results.env"
  # The console signs people in (returns users add); it needs no API key of its own.
  { broker returns-staff "$staff"
    printf 'Results__MongoConnectionString=mongodb://returns:%s@mongodb:27017/?replicaSet=rs0&authSource=admin\n' "$mongo"; } > "$dir/staff.env"
  printf 'RETURNS_Results__MongoConnectionString=mongodb://returns:%s@mongodb:27017/?replicaSet=rs0&authSource=admin\n' "$mongo" > "$dir/cli.env"
  broker returns-ops "$ops" > "$dir/ops.env"
done
# KEDA reads the classifier queue's length as the classifier's user.
printf 'host=amqp://returns-classifier:%s@rabbitmq:5672/\n' "$classifier" > k8s/secrets/keda.env

echo "API keys (shown once; only their SHA-256 is kept):"
echo "  upload (ingest scope):    $upload_key"
echo "  dashboards (read scope):  $read_key"
echo "  operators (admin scope):  $admin_key"
