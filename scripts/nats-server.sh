#!/usr/bin/env bash
# Builds the nats-server binary at the version go.mod requires (the same
# server the embedded tests run, as a separate process) into a cache dir,
# once, and prints its path. Tests find it through CABLEWIRE_NATS_SERVER:
#   export CABLEWIRE_NATS_SERVER=$(scripts/nats-server.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
mod=github.com/nats-io/nats-server/v2
version=$(go list -m -f '{{.Version}}' "$mod")
cache="${CABLEWIRE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cablewire}"
bin="$cache/nats-server-$version"
if [[ ! -x "$bin" ]]; then
	mkdir -p "$cache"
	# Built from this module, so go.sum pins every dependency; a temp name
	# and a rename keep a half-written binary out of the cache.
	CGO_ENABLED=0 go build -trimpath -o "$bin.tmp.$$" "$mod"
	mv "$bin.tmp.$$" "$bin"
fi
"$bin" --version >&2
echo "$bin"
