package iceberg_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // DuckDB: the independent reader of the data files
	"github.com/hamba/avro/v2/ocf"
	_ "modernc.org/sqlite"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/sink"
)

// invented makes n invented cables spread over months of 2008 and 2009,
// each with two paragraphs, an entity and a reference.
func invented(n int) []schemas.Cable {
	out := make([]schemas.Cable, n)
	for i := range out {
		ref := fmt.Sprintf("%02dTESTPOST%d", 8+i%2, 100+i)
		created := time.Date(2008+i%2, time.Month(1+i%3), 1+i%27, 10, i%60, 0, 0, time.UTC)
		out[i] = schemas.Cable{
			RefID: ref, Created: created, CreatedSource: "dtg", ContentHash: "h-" + ref,
			SourceFormat: "text", Classification: "CONFIDENTIAL", Subject: "INVENTED SUBJECT " + ref,
			To:         []schemas.Addressee{{Routing: "RUEHC", Name: "SECSTATE WASHDC"}},
			References: []string{"07TESTPOST1"},
			Paragraphs: []schemas.Paragraph{{N: 1, Marking: "C", Text: "An invented paragraph."}, {N: 2, Marking: "C", Text: "Another one."}},
			Entities:   []schemas.Entity{{Paragraph: 1, Type: schemas.EntityOrg, Text: "IAEA", Canonical: "IAEA", Start: 3, End: 7, Method: "gazetteer"}},
			Body:       "1. (C) An invented paragraph.\n\n2. (C) Another one.", WordCount: 7,
		}
	}
	return out
}

// load commits cables through a real Sink on dir, with cat as its catalog
// (nil: none), a commit every few cables.
func load(t *testing.T, dir string, cat sink.Catalog, cables []schemas.Cable, firstSeq uint64) {
	t.Helper()
	s, err := sink.Open(sink.Config{Dir: dir, MaxRows: 7, Catalog: cat})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i, c := range cables {
		m := &pipeline.Message{Header: pipeline.Header(c.Headers()), Data: c.AppendBinary(nil), Stream: "S", Seq: firstSeq + uint64(i)}
		if _, err := s.Add(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// snapshotFiles reads the data files of a table's current snapshot
// without iceberg-go: the metadata location from the SQLite catalog's
// iceberg_tables row, the metadata JSON, the manifest list and the
// manifests with hamba/avro. It returns the paths and the snapshots'
// summaries, oldest first.
func snapshotFiles(t *testing.T, catalogDB, table string) ([]string, []map[string]string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+catalogDB+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var loc string
	if err := db.QueryRow(`SELECT metadata_location FROM iceberg_tables WHERE table_namespace = 'cablewire' AND table_name = ?`, table).Scan(&loc); err != nil {
		t.Fatalf("catalog row of %s: %v", table, err)
	}
	return metadataFiles(t, loc)
}

// metadataFiles is snapshotFiles from a metadata JSON file on.
func metadataFiles(t *testing.T, loc string) ([]string, []map[string]string) {
	t.Helper()
	b, err := os.ReadFile(strings.TrimPrefix(loc, "file://"))
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Current   *int64 `json:"current-snapshot-id"`
		Snapshots []struct {
			ID           int64             `json:"snapshot-id"`
			ManifestList string            `json:"manifest-list"`
			Summary      map[string]string `json:"summary"`
		} `json:"snapshots"`
	}
	if err := json.Unmarshal(b, &meta); err != nil {
		t.Fatal(err)
	}
	var summaries []map[string]string
	var list string
	for _, s := range meta.Snapshots {
		summaries = append(summaries, s.Summary)
		if meta.Current != nil && s.ID == *meta.Current {
			list = s.ManifestList
		}
	}
	if list == "" {
		return nil, summaries
	}
	var files []string
	for _, m := range readAvro(t, list) {
		if content, _ := m["content"].(int); content != 0 {
			continue // a delete manifest: the sink writes none
		}
		for _, e := range readAvro(t, m["manifest_path"].(string)) {
			if status, _ := e["status"].(int); status == 2 {
				continue // DELETED in this snapshot
			}
			df := e["data_file"].(map[string]any)
			files = append(files, df["file_path"].(string))
		}
	}
	slices.Sort(files)
	return files, summaries
}

// readAvro decodes every record of an Avro object container file.
func readAvro(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(strings.TrimPrefix(path, "file://"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec, err := ocf.NewDecoder(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []map[string]any
	for dec.HasNext() {
		var r map[string]any
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, r)
	}
	if err := dec.Error(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return out
}

// duckCount counts rows and distinct (ref_id, version) of the files in DuckDB.
func duckCount(t *testing.T, files []string) (rows, distinct int64) {
	t.Helper()
	if len(files) == 0 {
		return 0, 0
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	quoted := make([]string, len(files))
	for i, f := range files {
		quoted[i] = "'" + strings.ReplaceAll(f, "'", "''") + "'"
	}
	q := fmt.Sprintf(`SELECT count(*), count(DISTINCT (ref_id, version)) FROM read_parquet([%s])`, strings.Join(quoted, ","))
	if err := db.QueryRow(q).Scan(&rows, &distinct); err != nil {
		t.Fatal(err)
	}
	return rows, distinct
}

// hiveFiles lists the Parquet files a glob of the table's Hive
// directories finds.
func hiveFiles(t *testing.T, dir, table string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, table, "year=*", "month=*", "*.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}
