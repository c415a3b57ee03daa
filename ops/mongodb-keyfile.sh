#!/usr/bin/env bash
# MongoDB with --auth and a replica set needs a key file shared by the members; it comes from the env file
# (MONGO_KEYFILE_CONTENT), is written with the permissions mongod demands, then the image's own entrypoint runs.
set -euo pipefail
keyfile=/data/configdb/keyfile
printf %s "${MONGO_KEYFILE_CONTENT:?}" > "$keyfile"
chmod 400 "$keyfile"
chown mongodb:mongodb "$keyfile" 2>/dev/null || chown 999:999 "$keyfile"
exec docker-entrypoint.sh "$@"
