// Command cablewire-sql runs SQL over the cablewire warehouse with DuckDB.
//
// Usage:
//
//	cablewire-sql [--warehouse DIR] [--format table|csv|json] [--max-width N] "SQL"
//	echo "SQL" | cablewire-sql [flags] -
//	cablewire-sql report [--warehouse DIR] [--out FILE] [--from YYYY-MM] [--to YYYY-MM] [--country CC] [--tag TAG]
//
// report writes the warehouse's report, one self-contained HTML page
// (ECharts and the map inlined, so it opens with no network), from the SQL
// in reportsql.go over the views below; the page shows each chart's SQL.
// `cablewire report` runs it, and adds the pipeline's dead letters.
//
// The SQL may hold several statements; the result of the last is printed.
// Before it runs, these views are defined over the committed Parquet files
// of the warehouse (default ./warehouse), each only when its table has
// files:
//
//   - cables, paragraphs, entities, recipients, cable_references: every
//     column of schemas.CableRow, ParagraphRow, EntityRow, RecipientRow and
//     ReferenceRow, plus the partition columns year and month (INTEGER). They read DIR/<table>/year=*/month=*/[!_]*.parquet, so the
//     sink's temporary files (_NAME.parquet.tmp) and anything else whose name
//     starts with "_" are never read, nor is _cablewire/.
//   - recipients: one row per TO or INFO line of a cable: ref_id, version,
//     created, kind ('to' or 'info'), n (1-based position), routing, name,
//     precedence, mcn, excluded.
//   - cable_references: one row per reference of a cable: ref_id, version,
//     created, n, referenced (the referenced cable's ref_id).
//
// A warehouse written before the sink wrote recipients and cable_references
// as tables of their own gets them as views that unnest the cables' lists.
//
// A cable changed after it was committed is written again as a new version:
// the views hold every version, so count DISTINCT ref_id, or keep the latest
// with QUALIFY version = max(version) OVER (PARTITION BY ref_id).
// Absent optional strings are NULL; absent lists are empty lists, not NULL.
// "to", "references" and "end" are SQL keywords: quote them as column
// names, or use the views' aliases to_addressees and cable_refs (cables)
// and end_offset (entities), the same values.
//
// Output: an aligned text table (default; cells longer than --max-width are
// cut, the whole result is held in memory), CSV with a header line, or JSON
// lines (one object per row, keys in column order). NULL is NULL in a table,
// an empty field in CSV and null in JSON. Timestamps are printed as RFC 3339
// in UTC, dates as YYYY-MM-DD, lists and structs as JSON. The session time
// zone is UTC.
//
// # Examples
//
// Cables per year by classification:
//
//	SELECT year, classification, count(DISTINCT ref_id) AS cables
//	FROM cables
//	GROUP BY ALL
//	ORDER BY year, cables DESC;
//
// Who is mentioned most with whom: pairs of people named in the same cable:
//
//	WITH p AS (SELECT DISTINCT ref_id, canonical FROM entities WHERE type = 'PERSON')
//	SELECT a.canonical AS person, b.canonical AS with_person, count(*) AS cables
//	FROM p a JOIN p b ON a.ref_id = b.ref_id AND a.canonical < b.canonical
//	GROUP BY ALL
//	ORDER BY cables DESC, person, with_person
//	LIMIT 25;
//
// Which posts write about a country: the five posts with the most cables
// tagged with each country:
//
//	SELECT country, post, count(DISTINCT ref_id) AS cables
//	FROM (SELECT ref_id, coalesce(origin_post, origin) AS post, unnest(countries) AS country
//	      FROM cables)
//	GROUP BY country, post
//	QUALIFY row_number() OVER (PARTITION BY country ORDER BY cables DESC, post) <= 5
//	ORDER BY country, cables DESC, post;
//
// Top organizations per year:
//
//	SELECT year, canonical AS organization, count(DISTINCT ref_id) AS cables
//	FROM entities
//	WHERE type = 'ORG'
//	GROUP BY year, canonical
//	QUALIFY row_number() OVER (PARTITION BY year ORDER BY cables DESC, organization) <= 10
//	ORDER BY year, cables DESC, organization;
//
// Longest cables, then the posts with the most redacted cables:
//
//	SELECT ref_id, created, coalesce(origin_post, origin) AS post, classification, word_count, subject
//	FROM cables
//	QUALIFY version = max(version) OVER (PARTITION BY ref_id)
//	ORDER BY word_count DESC, ref_id
//	LIMIT 20;
//
//	SELECT coalesce(origin_post, origin) AS post,
//	       count(DISTINCT ref_id) AS cables,
//	       count(DISTINCT ref_id) FILTER (WHERE has_redactions) AS redacted,
//	       round(100.0 * count(DISTINCT ref_id) FILTER (WHERE has_redactions) / count(DISTINCT ref_id), 1) AS pct
//	FROM cables
//	GROUP BY post
//	ORDER BY redacted DESC, pct DESC, post
//	LIMIT 20;
//
// And, through the flat views, the most cited cables and who cited them:
//
//	SELECT referenced, count(DISTINCT ref_id) AS cited_by,
//	       list(DISTINCT ref_id ORDER BY ref_id)[1:5] AS some_citers
//	FROM cable_references
//	GROUP BY referenced
//	ORDER BY cited_by DESC, referenced
//	LIMIT 20;
package main
