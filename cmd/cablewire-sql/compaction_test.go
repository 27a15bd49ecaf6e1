package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cablewire/cablewire/pipeline"
	"github.com/cablewire/cablewire/schemas"
	"github.com/cablewire/cablewire/stages/sink"
)

// smallFiles commits n cables over two months, two per commit: many small
// files per partition.
func smallFiles(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	s, err := sink.Open(sink.Config{Dir: dir, MaxRows: 2, MaxLag: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for i := range n {
		c := schemas.Cable{
			RefID: fmt.Sprintf("09X%04d", i), Created: time.Date(2009, time.Month(3+i%2), 1+i%27, 0, 0, 0, 0, time.UTC),
			CreatedSource: "dtg", ContentHash: fmt.Sprintf("h%d", i), SourceFormat: "text", Classification: "SECRET",
			Body: "1. (S) Text.", WordCount: 3, Paragraphs: []schemas.Paragraph{{N: 1, Marking: "S", Text: "Text."}},
			Entities:   []schemas.Entity{{Paragraph: 1, Type: "ORG", Text: "UN", Canonical: "United Nations", Start: 0, End: 2, Method: "gazetteer"}},
			References: []string{"08STATE1"},
		}
		data, _ := json.Marshal(c)
		res, err := s.Add(ctx, &pipeline.Message{Data: data, Stream: "S", Seq: uint64(i + 1)})
		if err == nil {
			err = res.Err
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	return dir
}

// DuckDB, through the views, counts every table's rows in a loop while a
// compaction swaps the partitions: never a row twice, never one missing.
// A query whose listing predates a swap and that opens a replaced file
// after it fails on the missing file; cablewire-sql runs it again (the
// README says so), and the count is right.
func TestViewsDuringCompaction(t *testing.T) {
	dir := smallFiles(t, 120)
	const q = `SELECT (SELECT count(*) FROM cables) || '/' || (SELECT count(*) FROM paragraphs) || '/' ||
 (SELECT count(*) FROM entities) || '/' || (SELECT count(DISTINCT ref_id) FROM cables) || '/' || (SELECT count(*) FROM cable_references) AS n`
	want := "n\n120/120/120/120/120\n"
	count := func() string {
		var b strings.Builder
		if err := runSQL(context.Background(), dir, q, "csv", 0, &b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if got := count(); got != want {
		t.Fatalf("before compaction: %q, want %q", got, want)
	}
	done := make(chan error, 1)
	go func() {
		_, err := sink.Compact(context.Background(), sink.CompactConfig{Dir: dir})
		done <- err
	}()
	retried := retries.Load()
	reads := 0
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			running = false
		default:
		}
		if got := count(); got != want {
			t.Fatalf("during compaction DuckDB counted %q, want %q", got, want)
		}
		reads++
	}
	t.Logf("%d reads during the compaction, %d run again after a replaced file", reads, retries.Load()-retried)
	if reads < 2 {
		t.Error("no read ran during the compaction")
	}
	conn, _ := openWarehouse(t, dir)
	if n := scalar[int64](t, conn, "SELECT count(DISTINCT filename) FROM read_parquet('"+dir+"/cables/"+tableGlob+"', filename = true)"); n != 2 {
		t.Errorf("cables: %d files after compaction, want one per partition", n)
	}
}
