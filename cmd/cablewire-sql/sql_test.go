package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func scalar[T any](t *testing.T, conn *sql.Conn, q string) T {
	t.Helper()
	var v T
	if err := conn.QueryRowContext(context.Background(), q).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

// strings1 is the first column of q's rows as text.
func strings1(t *testing.T, conn *sql.Conn, q string) []string {
	t.Helper()
	rows, err := conn.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.String)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestViewTypes(t *testing.T) {
	conn, views := openWarehouse(t, buildWarehouse(t))
	if want := []string{"cables", "paragraphs", "entities", "recipients", "cable_references"}; !slices.Equal(views, want) {
		t.Fatalf("views %v, want %v", views, want)
	}
	want := map[string]map[string]string{
		"cables": {
			"ref_id": "VARCHAR", "version": "INTEGER", "created": "TIMESTAMP WITH TIME ZONE",
			"tags": "VARCHAR[]", "caveats": "VARCHAR[]", "countries": "VARCHAR[]", "references": "VARCHAR[]",
			"to":        "STRUCT(routing VARCHAR, \"name\" VARCHAR, precedence VARCHAR, mcn VARCHAR, excluded BOOLEAN, excludes VARCHAR[])[]",
			"decl_date": "DATE", "section": "INTEGER", "has_redactions": "BOOLEAN", "word_count": "INTEGER",
			"year": "INTEGER", "month": "INTEGER",
			"cable_refs":    "VARCHAR[]",
			"to_addressees": "STRUCT(routing VARCHAR, \"name\" VARCHAR, precedence VARCHAR, mcn VARCHAR, excluded BOOLEAN, excludes VARCHAR[])[]",
		},
		"paragraphs": {"created": "TIMESTAMP WITH TIME ZONE", "n": "INTEGER", "marking": "VARCHAR", "year": "INTEGER"},
		"entities":   {"created": "TIMESTAMP WITH TIME ZONE", "canonical": "VARCHAR", "start": "INTEGER", "month": "INTEGER", "end": "INTEGER", "end_offset": "INTEGER"},
	}
	for view, cols := range want {
		rows, err := conn.QueryContext(context.Background(), "DESCRIBE "+view)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for rows.Next() {
			var name, typ string
			var x1, x2, x3, x4 any
			if err := rows.Scan(&name, &typ, &x1, &x2, &x3, &x4); err != nil {
				t.Fatal(err)
			}
			got[name] = typ
		}
		rows.Close()
		for c, typ := range cols {
			if got[c] != typ {
				t.Errorf("%s.%s is %q, want %q", view, c, got[c], typ)
			}
		}
	}
}

func TestViewValues(t *testing.T) {
	conn, _ := openWarehouse(t, buildWarehouse(t))
	for q, want := range map[string]int64{
		"SELECT count(*) FROM cables":                                         4,
		"SELECT count(DISTINCT ref_id) FROM cables":                           3,
		"SELECT max(version) FROM cables WHERE ref_id = '09PARIS123'":         2,
		"SELECT count(*) FROM paragraphs":                                     5,
		"SELECT count(*) FROM entities":                                       12,
		"SELECT count(*) FROM recipients WHERE version = 1":                   3,
		"SELECT count(*) FROM recipients WHERE kind = 'info' AND excluded":    2,
		"SELECT count(*) FROM cable_references":                               5,
		"SELECT count(*) FROM cables WHERE year = 2010 AND month IN (1, 2)":   2,
		"SELECT count(*) FROM cables WHERE subject IS NULL":                   2,
		"SELECT count(*) FROM cables WHERE origin IS NULL AND source IS NULL": 1,
		"SELECT count(*) FROM cables WHERE decl_date IS NULL":                 2,
		"SELECT count(*) FROM entities WHERE title IS NULL":                   10,
		"SELECT count(*) FROM paragraphs WHERE marking IS NULL":               3,
	} {
		if got := scalar[int64](t, conn, q); got != want {
			t.Errorf("%s: %d, want %d", q, got, want)
		}
	}
	for q, want := range map[string]string{
		"SELECT strftime(created, '%Y-%m-%dT%H:%M:%S.%f') FROM cables WHERE ref_id = '09PARIS123' AND version = 1": "2009-03-04T12:34:56.123456",
		"SELECT tags::VARCHAR FROM cables WHERE version = 1 AND ref_id = '09PARIS123'":                             "[PREL, FR, IR]",
		"SELECT name FROM recipients WHERE version = 1 AND kind = 'to' AND n = 2":                                  "AMEMBASSY BERLIN",
		"SELECT coalesce(routing, 'NULL') FROM recipients WHERE version = 1 AND kind = 'to' AND n = 2":             "NULL",
		"SELECT string_agg(referenced, ',' ORDER BY ref_id, n) FROM cable_references WHERE version = 1":            "08STATE1,09BERLIN7,09PARIS123",
		"SELECT classification FROM cables WHERE ref_id = '10STATE9'":                                              "SECRET",
	} {
		if got := scalar[string](t, conn, q); got != want {
			t.Errorf("%s: %q, want %q", q, got, want)
		}
	}
}

// TestEmptyLists: the sink writes absent lists as empty lists, not NULL.
func TestEmptyLists(t *testing.T) {
	conn, _ := openWarehouse(t, buildWarehouse(t))
	got := strings1(t, conn, `SELECT concat_ws(' ', "to" IS NULL, len("to"), info IS NULL, tags IS NULL, len(tags),
		"references" IS NULL, signers IS NULL) FROM cables WHERE ref_id = '10BERLIN7'`)
	if want := []string{"false 0 false false 0 false false"}; !slices.Equal(got, want) {
		t.Errorf("absent lists: %q, want %q", got, want)
	}
}

// TestDeclDate: decl_date must read back as the date the cable had.
// parquet-go v0.32.0 writes a time.Time under a "date" tag as UnixNano cut
// to 32 bits; schemas.CableRow stores days since 1970 instead.
func TestDeclDate(t *testing.T) {
	conn, _ := openWarehouse(t, buildWarehouse(t))
	got := scalar[string](t, conn, "SELECT decl_date::VARCHAR FROM cables WHERE version = 1 AND decl_date IS NOT NULL")
	raw := scalar[int64](t, conn, "SELECT decl_date - DATE '1970-01-01' FROM cables WHERE version = 1 AND decl_date IS NOT NULL")
	if got != "2019-03-04" {
		t.Errorf("decl_date %s (raw %d), want 2019-03-04", got, raw)
	}
}

// docQueries are the SQL blocks (ending in ";") of the package doc.
func docQueries(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	var cur []string
	for _, l := range append(strings.Split(f.Doc.Text(), "\n"), "") {
		if strings.HasPrefix(l, "\t") {
			cur = append(cur, l[1:])
			continue
		}
		if q := strings.Join(cur, "\n"); strings.HasSuffix(q, ";") {
			qs = append(qs, q)
		}
		cur = nil
	}
	return qs
}

func TestDocExamples(t *testing.T) {
	dir := buildWarehouse(t)
	qs := docQueries(t)
	if len(qs) < 6 {
		t.Fatalf("found %d example queries in doc.go", len(qs))
	}
	for _, q := range qs {
		var out, errw bytes.Buffer
		if err := run(context.Background(), []string{"--warehouse", dir, q}, &out, &errw); err != nil {
			t.Errorf("%s\n: %v", q, err)
			continue
		}
		if strings.Contains(out.String(), "(0 rows)") {
			t.Errorf("%s\n: no rows", q)
		}
		t.Logf("%s\n%s", q, out.String())
	}
}

func TestFormats(t *testing.T) {
	dir := buildWarehouse(t)
	q := `SELECT ref_id, version, created, created::DATE AS day, subject, tags, "to"[1] AS first_to, word_count
	      FROM cables WHERE ref_id <> '10STATE9' ORDER BY ref_id, version`
	out := func(format string) string {
		var o, e bytes.Buffer
		if err := run(context.Background(), []string{"--warehouse", dir, "--format", format, q}, &o, &e); err != nil {
			t.Fatalf("%s: %v (%s)", format, err, e.String())
		}
		return o.String()
	}

	recs, err := csv.NewReader(strings.NewReader(out(formatCSV))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"ref_id", "version", "created", "day", "subject", "tags", "first_to", "word_count"},
		{"09PARIS123", "1", "2009-03-04T12:34:56.123456Z", "2009-03-04", "FRANCE ON IRAN", `["PREL","FR","IR"]`,
			`{"excluded":false,"excludes":[],"mcn":null,"name":"SECSTATE WASHDC","precedence":"PRIORITY","routing":"RUEHC"}`, "14"},
		{"09PARIS123", "2", "2009-03-04T12:34:56.123456Z", "2009-03-04", "FRANCE ON IRAN", `["PREL","FR","IR"]`,
			`{"excluded":false,"excludes":[],"mcn":null,"name":"SECSTATE WASHDC","precedence":"PRIORITY","routing":"RUEHC"}`, "15"},
		{"10BERLIN7", "1", "2010-01-31T23:59:00Z", "2010-01-31", "", "[]", "", "1"},
	}
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("csv:\n%q\nwant\n%q", recs, want)
	}

	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out(formatJSON)), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		lines = append(lines, m)
	}
	if len(lines) != 3 {
		t.Fatalf("%d JSON lines, want 3", len(lines))
	}
	if l := lines[0]; l["created"] != "2009-03-04T12:34:56.123456Z" || l["version"] != 1.0 ||
		!reflect.DeepEqual(l["tags"], []any{"PREL", "FR", "IR"}) || l["first_to"].(map[string]any)["name"] != "SECSTATE WASHDC" {
		t.Errorf("json line 1: %v", l)
	}
	if l := lines[2]; l["subject"] != nil || l["first_to"] != nil || l["day"] != "2010-01-31" || !reflect.DeepEqual(l["tags"], []any{}) {
		t.Errorf("json line 3: NULLs not null: %v", l)
	}
	if o := out(formatJSON); !strings.HasPrefix(o, `{"ref_id":"09PARIS123","version":1,"created":`) {
		t.Errorf("json keys not in column order: %s", o)
	}

	table := out(formatTable)
	for _, s := range []string{"ref_id", "2010-01-31T23:59:00Z", "NULL", "(3 rows)"} {
		if !strings.Contains(table, s) {
			t.Errorf("table lacks %q:\n%s", s, table)
		}
	}
}

func TestStdinAndErrors(t *testing.T) {
	dir := buildWarehouse(t)
	old := stdin
	defer func() { stdin = old }()
	stdin = strings.NewReader("CREATE TEMP TABLE x AS SELECT 41 AS a; SELECT a + 1 AS b FROM x;")
	var o, e bytes.Buffer
	if err := run(context.Background(), []string{"--warehouse", dir, "--format", "csv", "-"}, &o, &e); err != nil {
		t.Fatal(err)
	}
	if o.String() != "b\n42\n" {
		t.Errorf("stdin: %q", o.String())
	}
	if err := run(context.Background(), []string{"--format", "xml", "SELECT 1"}, &o, &e); err != errUsage {
		t.Errorf("bad format: %v", err)
	}
	if err := run(context.Background(), []string{"--warehouse", filepath.Join(dir, "nope"), "SELECT 1"}, &o, &e); err == nil {
		t.Error("missing warehouse: no error")
	}
	// A warehouse without entities: no entities view, and a hint.
	os.RemoveAll(filepath.Join(dir, "entities"))
	err := run(context.Background(), []string{"--warehouse", dir, "SELECT * FROM entities"}, &o, &e)
	if err == nil || !strings.Contains(err.Error(), "cables, paragraphs, recipients, cable_references") {
		t.Errorf("no entities: %v", err)
	}
}

// TestSkipsTemporaryFiles: files named _* in a partition are never read,
// whatever their suffix; nor is _cablewire/.
func TestSkipsTemporaryFiles(t *testing.T) {
	dir := buildWarehouse(t)
	part := filepath.Join(dir, "cables", "year=2010", "month=01")
	for _, n := range []string{"_part-x.parquet.tmp", "_garbage.parquet"} {
		if err := os.WriteFile(filepath.Join(part, n), []byte("not parquet at all"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A partition holding only a temporary file, and a table holding only one.
	if err := os.MkdirAll(filepath.Join(dir, "cables", "year=2011", "month=05"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "cables", "year=2011", "month=05", "_x.parquet"), []byte("junk"), 0o644)
	os.RemoveAll(filepath.Join(dir, "paragraphs"))
	os.MkdirAll(filepath.Join(dir, "paragraphs", "year=2010", "month=01"), 0o755)
	os.WriteFile(filepath.Join(dir, "paragraphs", "year=2010", "month=01", "_y.parquet"), []byte("junk"), 0o644)

	conn, views := openWarehouse(t, dir)
	if slices.Contains(views, "paragraphs") {
		t.Errorf("paragraphs view over only a temporary file: %v", views)
	}
	if n := scalar[int64](t, conn, "SELECT count(*) FROM cables"); n != 4 {
		t.Errorf("%d cables, want 4", n)
	}
	if n := scalar[int64](t, conn, "SELECT count(DISTINCT filename) FROM read_parquet('"+
		filepath.ToSlash(dir)+"/cables/"+tableGlob+"', filename = true)"); n != 3 {
		t.Errorf("glob matched %d files, want 3", n)
	}
}
