package main

import (
	"fmt"
	"path/filepath"
	"strings"
)

// The report's SQL. Every chart is one query over the views of the package
// doc and a few temporary tables (reportDefs) that hold the filtered cables
// and their mentions, so that the 21 M mention rows of a full warehouse are
// read once. The page shows each query as it ran: pasted after the
// definitions into `cablewire-sql --warehouse W -`, it gives the chart's
// numbers.

// reportDef is a temporary table the chart queries share.
type reportDef struct{ Name, SQL string }

// reportDefs are the temporary tables, in the order they are created.
func reportDefs(o reportOptions) []reportDef {
	var where []string
	if o.from != "" {
		where = append(where, fmt.Sprintf("month >= '%s'", o.from))
	}
	if o.to != "" {
		where = append(where, fmt.Sprintf("month <= '%s'", o.to))
	}
	if o.country != "" {
		where = append(where, fmt.Sprintf("list_contains(countries, '%s')", o.country))
	}
	if o.tag != "" {
		where = append(where, fmt.Sprintf("list_contains(tags, '%s')", o.tag))
	}
	filter := ""
	if len(where) > 0 {
		filter = "\nWHERE " + strings.Join(where, "\n  AND ")
	}
	// Mentions are read only from the partitions the months allow.
	var epart []string
	if o.from != "" {
		epart = append(epart, fmt.Sprintf("e.year * 100 + e.month >= %s", strings.ReplaceAll(o.from, "-", "")))
	}
	if o.to != "" {
		epart = append(epart, fmt.Sprintf("e.year * 100 + e.month <= %s", strings.ReplaceAll(o.to, "-", "")))
	}
	efilter := ""
	if len(epart) > 0 {
		efilter = "\n  AND " + strings.Join(epart, " AND ")
	}
	return []reportDef{
		{"sel", `-- sel: the cables of the report, latest version of each; cid numbers them for cheaper joins
CREATE OR REPLACE TEMP TABLE sel AS
SELECT (row_number() OVER (ORDER BY ref_id))::INTEGER AS cid, * FROM (
  SELECT ref_id, version, printf('%04d-%02d', year, month) AS month, classification,
         coalesce(origin_post, origin, '(no origin)') AS post, tags, countries
  FROM cables
  QUALIFY version = max(version) OVER (PARTITION BY ref_id))` + filter + `;`},
		{"ment", `-- ment: one row per cable and entity it mentions (people, organizations, places)
CREATE OR REPLACE TEMP TABLE ment AS
SELECT s.cid, any_value(s.month) AS month, e.type, e.canonical, any_value(nullif(e.country, '')) AS country
FROM entities e JOIN sel s ON e.ref_id = s.ref_id AND e.version = s.version
WHERE coalesce(e.canonical, '') <> ''` + efilter + `
GROUP BY s.cid, e.type, e.canonical;`},
		{"cable_tags", `-- cable_tags: one row per cable and TAG
CREATE OR REPLACE TEMP TABLE cable_tags AS
SELECT DISTINCT cid, month, unnest(tags) AS tag FROM sel;`},
		{"cable_countries", `-- cable_countries: the countries a cable is about: its geographic TAGS (cables.countries,
-- ISO codes mapped from the FIPS TAGS) and the countries of the entities it mentions
CREATE OR REPLACE TEMP TABLE cable_countries AS
SELECT DISTINCT cid, country FROM (
  SELECT cid, unnest(countries) AS country FROM sel
  UNION ALL
  SELECT cid, country FROM ment)
WHERE length(country) = 2;`},
		{"nodes", fmt.Sprintf(`-- nodes: the network's nodes, the people and the organizations mentioned in most cables
-- (half of each), and the 100 places mentioned in most, whose co-mentions a click shows
CREATE OR REPLACE TEMP TABLE nodes AS
WITH c AS (SELECT type, canonical, count(*) AS cables FROM ment GROUP BY type, canonical)
SELECT (row_number() OVER (ORDER BY cables DESC, type, canonical) - 1)::INTEGER AS id, type, canonical, cables
FROM (
  (SELECT * FROM c WHERE type IN ('PERSON', 'ORG')
   QUALIFY row_number() OVER (PARTITION BY type ORDER BY cables DESC, canonical) <= %d)
  UNION ALL
  (SELECT * FROM c WHERE type = 'PLACE' ORDER BY cables DESC, canonical LIMIT 100));`, o.nodes/2)},
		{"node_cables", `-- node_cables: the cables mentioning each node; net: a node of the network
CREATE OR REPLACE TEMP TABLE node_cables AS
SELECT n.id, n.type <> 'PLACE' AS net, m.cid FROM ment m JOIN nodes n USING (type, canonical);`},
		{"pairs", `-- pairs: cables mentioning both of two nodes (not both places)
CREATE OR REPLACE TEMP TABLE pairs AS
SELECT a.id AS a, b.id AS b, count(*) AS cables
FROM node_cables a JOIN node_cables b ON a.cid = b.cid AND a.id < b.id AND (a.net OR b.net)
GROUP BY ALL;`},
	}
}

// Chart queries: each returns the rows its chart draws.
const (
	sqlSummary = `SELECT count(*) AS cables, min(month) AS first_month, max(month) AS last_month FROM sel;`

	sqlMonthly = `-- cables per month by classification
SELECT month, classification, count(*) AS cables
FROM sel GROUP BY ALL ORDER BY month, classification;`

	sqlPosts = `-- the posts that wrote most
SELECT post, count(*) AS cables
FROM sel GROUP BY post ORDER BY cables DESC, post LIMIT 25;`

	sqlTags = `-- the 12 most used TAGS, cables per month
WITH top AS (SELECT tag, count(*) AS cables FROM cable_tags GROUP BY tag ORDER BY cables DESC, tag LIMIT 12)
SELECT tag, month, count(*) AS cables
FROM cable_tags JOIN top USING (tag) GROUP BY ALL ORDER BY tag, month;`

	sqlEntities = `-- the 15 people, organizations and places mentioned in most cables, cables per month
WITH top AS (
  SELECT type, canonical, count(*) AS cables FROM ment GROUP BY type, canonical
  QUALIFY row_number() OVER (PARTITION BY type ORDER BY cables DESC, canonical) <= 15)
SELECT t.type, t.canonical, t.cables, m.month, count(*) AS in_month
FROM top t JOIN ment m USING (type, canonical)
GROUP BY ALL ORDER BY t.type, t.cables DESC, t.canonical, m.month;`

	sqlNodes = `-- the network's nodes
SELECT id, type, canonical, cables FROM nodes WHERE type <> 'PLACE' ORDER BY id;`

	sqlMap = `-- cables about each country
SELECT country, count(*) AS cables
FROM cable_countries GROUP BY country ORDER BY cables DESC, country;`

	// What a click on a node shows: the same charts over the cables
	// mentioning it.
	sqlNodeMonthly = `-- per node: its cables per month by classification
SELECT nc.id, s.month, s.classification, count(*) AS cables
FROM node_cables nc JOIN sel s USING (cid) WHERE nc.net GROUP BY ALL ORDER BY ALL;`

	sqlNodePosts = `-- per node: the 10 posts that wrote most about it
SELECT nc.id, s.post, count(*) AS cables
FROM node_cables nc JOIN sel s USING (cid) WHERE nc.net GROUP BY nc.id, s.post
QUALIFY row_number() OVER (PARTITION BY nc.id ORDER BY cables DESC, s.post) <= 10
ORDER BY nc.id, cables DESC, s.post;`

	sqlNodeTags = `-- per node: its 6 most used TAGS, cables per month
WITH top AS (
  SELECT nc.id, ct.tag FROM node_cables nc JOIN cable_tags ct USING (cid) WHERE nc.net
  GROUP BY nc.id, ct.tag
  QUALIFY row_number() OVER (PARTITION BY nc.id ORDER BY count(*) DESC, ct.tag) <= 6)
SELECT nc.id, ct.tag, ct.month, count(*) AS cables
FROM node_cables nc JOIN cable_tags ct USING (cid) SEMI JOIN top ON top.id = nc.id AND top.tag = ct.tag
WHERE nc.net GROUP BY ALL ORDER BY ALL;`

	sqlNodeMap = `-- per node: cables about each country
SELECT nc.id, cc.country, count(*) AS cables
FROM node_cables nc JOIN cable_countries cc USING (cid) WHERE nc.net GROUP BY ALL ORDER BY ALL;`

	sqlNodeEntities = `-- per node: the 10 people, organizations and places of the nodes table mentioned most often with it
WITH d AS (SELECT a AS id, b AS other, cables FROM pairs UNION ALL SELECT b, a, cables FROM pairs)
SELECT d.id, o.type, o.canonical, d.cables AS with_node
FROM d JOIN nodes o ON o.id = d.other JOIN nodes n ON n.id = d.id
WHERE n.type <> 'PLACE'
QUALIFY row_number() OVER (PARTITION BY d.id, o.type ORDER BY d.cables DESC, o.canonical) <= 10
ORDER BY d.id, o.type, with_node DESC, o.canonical;`
)

// sqlEdges is the network's edges: each node's three strongest, then the
// strongest of the rest, up to o.edges.
func sqlEdges(o reportOptions) string {
	return fmt.Sprintf(`-- the network's edges: cables mentioning both nodes
WITH e AS (SELECT p.* FROM pairs p JOIN nodes x ON x.id = p.a JOIN nodes y ON y.id = p.b
           WHERE x.type <> 'PLACE' AND y.type <> 'PLACE'),
d AS (SELECT a AS n, b AS m, cables FROM e UNION ALL SELECT b, a, cables FROM e),
strongest AS (SELECT DISTINCT least(n, m) AS a, greatest(n, m) AS b FROM d
              QUALIFY row_number() OVER (PARTITION BY n ORDER BY cables DESC, m) <= 3)
SELECT e.a AS source, e.b AS target, e.cables
FROM e LEFT JOIN strongest s USING (a, b)
ORDER BY s.a IS NOT NULL DESC, e.cables DESC, source, target LIMIT %d;`, o.edges)
}

// sqlLoads is the loads that wrote the warehouse, from its commit records:
// one load per sink instance (a run, or one sink process of a deployment).
func sqlLoads(warehouse string) string {
	glob := filepath.ToSlash(filepath.Join(warehouse, "_cablewire", "commits")) + "/[!_]*.json"
	return `-- the last loads: commit records under _cablewire/commits/, one load per sink instance
WITH c AS (
  SELECT * FROM read_json(` + quote(glob) + `, format = 'auto', columns = {
    id: 'VARCHAR', time: 'TIMESTAMPTZ', instance: 'VARCHAR', partition: 'VARCHAR',
    files: 'STRUCT("table" VARCHAR, path VARCHAR, "rows" BIGINT, bytes BIGINT)[]',
    cables: 'STRUCT(r VARCHAR)[]'})),
f AS (SELECT instance, unnest(files, recursive := true) FROM c)
SELECT l.instance, l.first_commit, l.last_commit, l.commits, l.cables, l.partitions,
       f.files, f.bytes, f.cable_rows, f.paragraph_rows, f.entity_rows
FROM (SELECT instance, min(time) AS first_commit, max(time) AS last_commit, count(*) AS commits,
             sum(len(cables)) AS cables, count(DISTINCT partition) AS partitions
      FROM c GROUP BY instance) l
JOIN (SELECT instance, count(*) AS files, sum(bytes) AS bytes,
             sum("rows") FILTER (WHERE "table" = 'cables') AS cable_rows,
             sum("rows") FILTER (WHERE "table" = 'paragraphs') AS paragraph_rows,
             sum("rows") FILTER (WHERE "table" = 'entities') AS entity_rows
      FROM f GROUP BY instance) f USING (instance)
ORDER BY l.last_commit DESC LIMIT 10;`
}
