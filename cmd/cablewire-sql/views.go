package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cablewire/cablewire/schemas"
)

// tableGlob is the committed files of a table, relative to its directory:
// Hive partitions, and never a name starting with "_" (the sink's
// temporary files). This is DuckDB's glob syntax ([!_] negates; Go's
// path.Match would need [^_]).
const tableGlob = "year=*/month=*/[!_]*.parquet"

// flatViews are defined over the cables view for a warehouse written before
// the sink wrote the flat tables as files of their own.
var flatViews = []struct{ name, sql string }{
	{"recipients", `
SELECT ref_id, version, year, 'to' AS kind, n, r.routing, r.name, r.precedence, r.mcn, r.excluded
FROM (SELECT ref_id, version, year, unnest("to") AS r, generate_subscripts("to", 1) AS n FROM cables)
UNION ALL
SELECT ref_id, version, year, 'info' AS kind, n, r.routing, r.name, r.precedence, r.mcn, r.excluded
FROM (SELECT ref_id, version, year, unnest(info) AS r, generate_subscripts(info, 1) AS n FROM cables)`},
	{"cable_references", `
SELECT ref_id, version, year, generate_subscripts("references", 1) AS n, unnest("references") AS referenced
FROM cables`},
}

// keywordAliases are extra view columns with keyword-free names for the
// columns named by SQL keywords, which fail unquoted; the columns keep
// their names.
var keywordAliases = map[string]string{
	schemas.TableCables:   `, "to" AS to_addressees, "references" AS cable_refs`,
	schemas.TableEntities: `, "end" AS end_offset`,
}

// defineViews creates the views of the package doc on conn for the
// warehouse dir and returns their names; a table with no committed file
// gets no view (nor do the flat views without cables).
func defineViews(ctx context.Context, conn *sql.Conn, dir string) ([]string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("warehouse: %w", err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("warehouse: %s is not a directory", abs)
	}
	var views []string
	for _, t := range []string{schemas.TableCables, schemas.TableParagraphs, schemas.TableEntities,
		schemas.TableRecipients, schemas.TableReferences} {
		tdir := filepath.Join(abs, t)
		ok, err := hasFiles(tdir)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		q := fmt.Sprintf(`CREATE OR REPLACE VIEW %s AS SELECT *%s FROM read_parquet(%s,
 hive_partitioning = true, union_by_name = true, hive_types = {'year': INTEGER, 'month': INTEGER})`,
			t, keywordAliases[t], quote(filepath.ToSlash(tdir)+"/"+tableGlob))
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("view %s: %w", t, err)
		}
		views = append(views, t)
	}
	if len(views) == 0 || views[0] != schemas.TableCables {
		return views, nil
	}
	for _, v := range flatViews {
		if slices.Contains(views, v.name) {
			continue
		}
		if _, err := conn.ExecContext(ctx, "CREATE OR REPLACE VIEW "+v.name+" AS"+v.sql); err != nil {
			return nil, fmt.Errorf("view %s: %w", v.name, err)
		}
		views = append(views, v.name)
	}
	return views, nil
}

// hasFiles reports whether dir holds a file tableGlob matches.
func hasFiles(dir string) (bool, error) {
	years, err := filepath.Glob(filepath.Join(dir, "year=*", "month=*"))
	if err != nil {
		return false, err
	}
	for _, m := range years {
		ents, err := os.ReadDir(m)
		if err != nil {
			continue // not a directory, or gone
		}
		for _, e := range ents {
			if n := e.Name(); e.Type().IsRegular() && !strings.HasPrefix(n, "_") && strings.HasSuffix(n, ".parquet") {
				return true, nil
			}
		}
	}
	return false, nil
}

// quote is s as an SQL string literal. Glob characters in the warehouse
// path itself (* ? [) are not escaped: keep them out of it.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
