#!/usr/bin/env bash
# One RabbitMQ user per Returns service on one virtual host, each allowed only the exchanges and queues it
# declares (configure), publishes to (write) and consumes or binds from (read). The single place these rules live.
#   ops/rabbitmq-users.sh VHOST
# Passwords come from the environment, never from this file: RETURNS_INGEST_PASSWORD, RETURNS_CLASSIFIER_PASSWORD,
# RETURNS_RESULTS_PASSWORD, RETURNS_STAFF_PASSWORD, RETURNS_OPS_PASSWORD, RETURNS_UPSTREAM_PASSWORD. RABBITMQCTL names the rabbitmqctl command (default: rabbitmqctl).
#
# MassTransit publishes a message type to the exchange "Returns.Contracts:<Type>"; a receive endpoint is a queue and
# an exchange of the same name (classifier, image-classified, image-rejected, image-reviewed), with <name>_error and
# <name>_skipped.
# Names matter for permissions, not kinds: RabbitMQ matches one regex against exchange and queue names alike. No
# service may write to the default exchange (it reaches every queue), and only the classifier may write where an
# ImageClassified reaches the results service: a forged one from any other user is refused by the broker.
# Binding a queue needs read on its exchange, so each consumer also reads its own _error and _skipped exchanges.
set -euo pipefail
vhost=${1:?virtual host}
read -r -a ctl <<< "${RABBITMQCTL:-rabbitmqctl}"

types='Returns\.Contracts:'
bus='[^:]+_bus_[a-z0-9]+'           # each bus's own temporary endpoint (replies, never used by Returns)
# Where MassTransit publishes faults: Fault<T> after a consumer gives up (MassTransit:Fault--<type>--, bound to
# MassTransit:Fault), and ReceiveFault when a message cannot even be read (MassTransit:ReceiveFault, bound to
# MassTransit:Fault too). A consumer's user that may not write one of them has its channel closed by the broker on its first
# bad message, which then never reaches _error: every consuming user below needs all of them (EveryQueueFaultTests).
faults='MassTransit:(Receive)?Fault(--.*)?'
registry_changes='model-registry-changed-[^:]+' # each classifier worker's own queue for ModelRegistryChanged

# Every user is gathered into one definitions file and imported with a single rabbitmqctl call: each call starts an
# Erlang VM, which takes seconds on a busy machine, and a call per user and setting took minutes there.
json() { local s=${1//\\/\\\\}; printf '"%s"' "${s//\"/\\\"}"; }
users=() permissions=()
user() { # name password configure write read
  users+=("{\"name\":$(json "$1"),\"password\":$(json "$2"),\"tags\":\"\"}")
  permissions+=("{\"user\":$(json "$1"),\"vhost\":$(json "$vhost"),\"configure\":$(json "$3"),\"write\":$(json "$4"),\"read\":$(json "$5")}")
}

# Ingest publishes ImageReceived, ImageRejected and PhotoAttached and declares (binds) the queues they wait in.
user returns-ingest "${RETURNS_INGEST_PASSWORD:?}" \
  "^(${types}(ImageReceived|ImageRejected|PhotoAttached)|classifier|image-rejected|photo-attached|${bus})\$" \
  "^(${types}(ImageReceived|ImageRejected|PhotoAttached)|classifier|image-rejected|photo-attached|${bus})\$" \
  "^(${types}(ImageReceived|ImageRejected|PhotoAttached)|${bus})\$"

# The staff console ingests uploads like ingest does, publishes the reviews people make and take back (ImageReviewed,
# ImageReviewWithdrawn), the returns an admin imports (ReturnRegistered) and an admin's promotion or rollback (ModelRegistryChanged).
user returns-staff "${RETURNS_STAFF_PASSWORD:?}" \
  "^(${types}(ImageReceived|ImageRejected|PhotoAttached|ImageReviewed|ImageReviewWithdrawn|ReturnRegistered|ModelRegistryChanged)|classifier|image-rejected|photo-attached|image-reviewed|${bus})\$" \
  "^(${types}(ImageReceived|ImageRejected|PhotoAttached|ImageReviewed|ImageReviewWithdrawn|ReturnRegistered|ModelRegistryChanged)|classifier|image-rejected|photo-attached|image-reviewed|${bus})\$" \
  "^(${types}(ImageReceived|ImageRejected|PhotoAttached|ImageReviewed|ImageReviewWithdrawn|ReturnRegistered)|${bus})\$"

# The classifier consumes ImageReceived (production's queue and the shadow's copy) and publishes ImageClassified,
# ImageRejected and the shadow's ImageShadowClassified. Each worker also binds its own auto-delete queue
# (model-registry-changed-<worker>) to ModelRegistryChanged, which it may read but never publish.
classifier_queues='classifier(-shadow)?(_error|_skipped)?'
user returns-classifier "${RETURNS_CLASSIFIER_PASSWORD:?}" \
  "^(${types}(ImageReceived|ImageClassified|ImageRejected|ImageShadowClassified|ModelRegistryChanged)|${classifier_queues}|image-classified|image-rejected|image-shadow-classified|${registry_changes}|${faults}|${bus})\$" \
  "^(${types}(ImageClassified|ImageRejected|ImageShadowClassified)|${classifier_queues}|image-classified|image-rejected|image-shadow-classified|${registry_changes}|${faults}|${bus})\$" \
  "^(${types}(ImageReceived|ImageClassified|ImageRejected|ImageShadowClassified|ModelRegistryChanged)|${classifier_queues}|${registry_changes}|${faults}|${bus})\$"

# Results consumes the outcomes (and the shadow's), the reviews, the photos linked to lines and the returns upstream registers, and
# publishes ReportCompiled, ReturnLineAssessed and ModelRegistryChanged (the admin API); it cannot publish an ImageClassified
# (nor an ImageReviewed, nor a ReturnRegistered) for anyone.
results_queues='(image-(classified|rejected|reviewed|shadow-classified)|photo-attached|return-registered)(_error|_skipped)?'
user returns-results "${RETURNS_RESULTS_PASSWORD:?}" \
  "^(${types}(ImageClassified|ImageRejected|ImageReviewed|ImageReviewWithdrawn|ImageShadowClassified|PhotoAttached|ReturnRegistered|ReportCompiled|ReturnLineAssessed|ModelRegistryChanged)|${results_queues}|${faults}|${bus})\$" \
  "^(${types}(ReportCompiled|ReturnLineAssessed|ModelRegistryChanged)|${results_queues}|${faults}|${bus})\$" \
  "^(${types}(ImageClassified|ImageRejected|ImageReviewed|ImageReviewWithdrawn|ImageShadowClassified|PhotoAttached|ReturnRegistered)|${results_queues}|${faults}|${bus})\$"

# Upstream systems (returns portal, order system, parcel desk) may only publish to the return-registered exchange,
# which the results service declares: plain JSON, no MassTransit. They read and declare nothing.
user returns-upstream "${RETURNS_UPSTREAM_PASSWORD:?}" '^$' '^return-registered$' '^$'


# Operations (returns replay): reads the _error queues and sends their messages back to the endpoint exchanges.
# (returns model promote|rollback): publishes ModelRegistryChanged, through a bus of its own.
user returns-ops "${RETURNS_OPS_PASSWORD:?}" \
  "^(${types}ModelRegistryChanged|${bus})\$" \
  "^((classifier|image-classified|image-rejected|image-reviewed|photo-attached|return-registered)|${types}ModelRegistryChanged|${bus})\$" \
  "^((classifier|image-classified|image-rejected|image-reviewed|photo-attached|return-registered)_error|${bus})\$"

join() { local IFS=,; echo "$*"; }
definitions=$(mktemp) # mode 600: it holds the passwords until imported
trap 'rm -f "$definitions"' EXIT
printf '{"vhosts":[{"name":%s}],"users":[%s],"permissions":[%s]}\n' "$(json "$vhost")" "$(join "${users[@]}")" "$(join "${permissions[@]}")" > "$definitions"
"${ctl[@]}" import_definitions "$definitions" >/dev/null
