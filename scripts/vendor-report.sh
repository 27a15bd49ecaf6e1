#!/usr/bin/env bash
# Vendors the report's front-end assets into cmd/cablewire-sql/assets/ from
# npm, at pinned versions checked against pinned sha512 checksums, so that
# `go build` needs no network and the page none at view time. The outputs
# are committed; running this again reproduces them byte for byte (checked
# by `scripts/vendor-report.sh --check`). Needs npm and node.
#
#   echarts.min.js  Apache ECharts, the charting library (Apache-2.0)
#   world.json      GeoJSON of the world's countries, from world-atlas's
#                   Natural Earth 1:50m TopoJSON (public domain), converted
#                   with topojson-client (ISC); each feature's name is its
#                   ISO 3166-1 alpha-2 code (numeric -> alpha-2 from
#                   i18n-iso-countries' codes.json, MIT), label its name;
#                   Antarctica is left out, rings across the antimeridian
#                   moved east of it (the page draws a flat map).
set -euo pipefail
cd "$(dirname "$0")/.."
out=cmd/cablewire-sql/assets
check=false
[[ "${1:-}" == "--check" ]] && check=true

# name@version sha512 (the registry's dist.integrity)
pkgs=(
  "echarts@5.6.0 sha512-oTbVTsXfKuEhxftHqL5xprgLoc0k7uScAwtryCgWF6hPYFLRwOUHiFmHGCBKP5NPFNkDVopOieyUqYGH8Fa3kA=="
  "world-atlas@2.0.2 sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
  "topojson-client@3.1.0 sha512-605uxS6bcYxGXw9qi62XyrV6Q3xwbndjachmNxu8HWTtVPxZfEJN9fd/SZS1Q54Sn2y0TMyMxFj/cJINqGHrKw=="
  "i18n-iso-countries@7.14.0 sha512-nXHJZYtNrfsi1UQbyRqm3Gou431elgLjKl//CYlnBGt5aTWdRPH1PiS2T/p/n8Q8LnqYqzQJik3Q7mkwvLokeg=="
)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for p in "${pkgs[@]}"; do
  spec=${p%% *} want=${p##* }
  name=${spec%@*}
  tgz=$(cd "$tmp" && npm pack --silent "$spec")
  got="sha512-$(openssl dgst -sha512 -binary "$tmp/$tgz" | base64 -w0)"
  if [[ "$got" != "$want" ]]; then
    echo "vendor-report: $spec: checksum $got, want $want" >&2
    exit 1
  fi
  mkdir -p "$tmp/$name"
  tar xzf "$tmp/$tgz" -C "$tmp/$name"
done

mkdir -p "$tmp/out"
cp "$tmp/echarts/package/dist/echarts.min.js" "$tmp/out/echarts.min.js"
node - "$tmp" > "$tmp/out/world.json" <<'JS'
const dir = process.argv[2];
const topojson = require(dir + "/topojson-client/package/dist/topojson-client.js");
const topo = require(dir + "/world-atlas/package/countries-50m.json");
const codes = require(dir + "/i18n-iso-countries/package/codes.json");
const byNumeric = {};
for (const [a2, , num] of codes) byNumeric[num] = a2;
// Natural Earth shapes with no ISO numeric code: where a country claims
// them, drawn as part of it; otherwise left out.
const byName = { "Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO", "Siachen Glacier": "IN", "Indian Ocean Ter.": "AU" };
// Coordinates to 0.1 degree (what a page-wide map shows), with the points a
// ring repeats after rounding dropped; a ring left with under 4 is dropped.
const pt = (p) => [Math.round(p[0] * 10) / 10, Math.round(p[1] * 10) / 10];
// The data is spherical: a ring that crosses the antimeridian (Chukotka,
// Fiji) would be drawn across the whole of a flat map, so its western
// longitudes are moved east of 180.
const crosses = (r) => r.some((p, i) => i > 0 && Math.abs(p[0] - r[i - 1][0]) > 180);
const ring = (r) => {
  if (crosses(r)) r = r.map((p) => p[0] < 0 ? [p[0] + 360, p[1]] : p);
  const out = [];
  for (const p of r.map(pt)) {
    const l = out[out.length - 1];
    if (!l || l[0] !== p[0] || l[1] !== p[1]) out.push(p);
  }
  return out.length >= 4 ? out : null;
};
const poly = (rings) => { const rs = rings.map(ring); return rs[0] ? rs.filter(Boolean) : null; };
const round = (g) => g.type === "Polygon" ? poly(g.coordinates) : g.coordinates.map(poly).filter(Boolean);
const fc = topojson.feature(topo, topo.objects.countries);
const features = [];
for (const f of fc.features) {
  const code = f.id !== undefined ? byNumeric[f.id] : byName[f.properties.name];
  if (!code || !f.geometry || code === "AQ") continue; // Antarctica: no embassy, and it circles the pole
  const coordinates = round(f.geometry);
  if (!coordinates || coordinates.length === 0) continue;
  features.push({ type: "Feature", properties: { name: code, label: f.properties.name },
    geometry: { type: f.geometry.type, coordinates } });
}
process.stdout.write(JSON.stringify({ type: "FeatureCollection", features }));
JS

if $check; then
  for f in echarts.min.js world.json; do
    cmp "$tmp/out/$f" "$out/$f" || { echo "vendor-report: $out/$f differs from what the pinned packages give" >&2; exit 1; }
  done
  echo "vendor-report: $out matches the pinned packages"
  exit 0
fi
mkdir -p "$out"
cp "$tmp/out/echarts.min.js" "$tmp/out/world.json" "$out/"
echo "vendor-report: wrote $out/echarts.min.js and $out/world.json"
