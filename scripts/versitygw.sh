#!/usr/bin/env bash
# Builds the versitygw S3 server (its POSIX backend serves a directory as
# buckets) from the Go module proxy into a cache dir, once, and prints its
# path. The S3 warehouse tests start it on loopback through
# CABLEWIRE_VERSITYGW:
#   export CABLEWIRE_VERSITYGW=$(scripts/versitygw.sh)
# A test tool, not a dependency of cablewire: built from its own go.mod
# (checked against the checksum database), so it stays out of ours.
set -euo pipefail
version=v1.8.0
cache="${CABLEWIRE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cablewire}"
bin="$cache/versitygw-$version"
if [[ ! -x "$bin" ]]; then
	mkdir -p "$cache"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	# Outside any module, so that `go install pkg@version` uses versitygw's
	# own go.mod; a temp dir and a rename keep a half-built binary out of
	# the cache.
	(cd "$tmp" && GOFLAGS= CGO_ENABLED=0 GOBIN="$tmp/bin" go install -trimpath "github.com/versity/versitygw/cmd/versitygw@$version")
	mv "$tmp/bin/versitygw" "$bin"
fi
"$bin" --version >&2
echo "$bin"
